"""make-filings: turn one case file into the filings of a video-membership refund dispute."""

__version__ = "0.1.0"
NAME = "make-filings"
