"""make-filings: turn one case file into the filings of a video-membership refund dispute."""

from importlib.metadata import PackageNotFoundError, version

NAME = "make-filings"

try:  # the one version number is pyproject.toml's, as installed
    __version__ = version(NAME)
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"
