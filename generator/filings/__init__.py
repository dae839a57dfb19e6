"""What the filings say: the analysis of a valid case, its prose, each filing's context, the plan, the privacy net."""
