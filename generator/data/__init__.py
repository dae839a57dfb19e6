"""Data files of the package: statute texts, rules, channel facts."""
