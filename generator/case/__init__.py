"""The case file: read it (load), check it (schema, validate, evidence), or write one by interview."""
