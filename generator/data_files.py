"""Read the package's own data files (statutes, rules, channel facts) once and fast."""
from __future__ import annotations

from importlib import resources

import yaml

# libyaml's loader is several times faster than the pure-Python one; both build the same plain data.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml_text(text: str):
    """Plain YAML data from trusted package text."""
    return yaml.load(text, Loader=_FAST_LOADER)


def read_data(name: str):
    """One data file of the `generator.data` package."""
    return read_yaml_text(resources.files("generator.data").joinpath(name).read_text(encoding="utf-8"))
