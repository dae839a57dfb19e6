"""Read the package's own data files (statutes, rules, channel facts) once and fast."""
from __future__ import annotations

from importlib import resources

import yaml

# libyaml's loader is several times faster than the pure-Python one; both build the same plain data.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml_text(text: str):
    """Plain YAML data from trusted package text."""
    return yaml.load(text, Loader=_FAST_LOADER)


def read_checked(text: str, schema: dict, name: str) -> dict:
    """Trusted package YAML checked against its Cerberus schema; a bad file is a DataError (a bug)."""
    from cerberus import Validator

    from .errors import DataError

    try:
        data = read_yaml_text(text)
    except yaml.YAMLError as exc:
        raise DataError(f"{name} is not valid YAML: {exc}") from exc
    validator = Validator(schema)
    if not isinstance(data, dict) or not validator.validate(data):
        found = validator.errors if isinstance(data, dict) else type(data).__name__
        raise DataError(f"{name} does not match its schema: {found}")
    return data


def read_data(name: str):
    """One data file of the `generator.data` package."""
    return read_yaml_text(resources.files("generator.data").joinpath(name).read_text(encoding="utf-8"))
