"""make-filings: turn one case file into the filings of a video-membership refund dispute."""

NAME = "make-filings"


def __getattr__(name: str) -> str:
    """`__version__`, read from the installed metadata on first use: importlib.metadata takes about
    30 ms to import, a fifth of what `--help` may cost."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:  # the one version number is pyproject.toml's, as installed
        found = version(NAME)
    except PackageNotFoundError:  # run from a source tree that was never installed
        found = "0+unknown"
    globals()["__version__"] = found
    return found
