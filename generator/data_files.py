"""Read the package's own data files (statutes, rules, channel facts) once and fast.

Parsing them and checking them against their schemas is a tenth of a single
case's time, and they only change with the package: the result is kept in the
per-user cache (cache.py), keyed by the file's text and its schema.
"""
from __future__ import annotations

from importlib import resources

import yaml

from .cache import cached_data

# libyaml's loader is several times faster than the pure-Python one; both build the same plain data.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml_text(text: str):
    """Plain YAML data from trusted package text."""
    return yaml.load(text, Loader=_FAST_LOADER)


def trusted_validator(schema: dict, validator_class=None):
    """A Cerberus validator for one of the package's own schemas, without re-checking the schema.

    Cerberus checks a schema against its meta-schema whenever a validator is built from it, which
    costs more than the validation itself (most of a single run's validation time). Our schemas are
    constants: the tests build each one the checked way (test_data_files.py), so at run time we
    only expand Cerberus's shorthand rules, as its own DefinitionSchema does, and trust the result.
    """
    from cerberus import Validator
    from cerberus.schema import DefinitionSchema, UnvalidatedSchema

    return (validator_class or Validator)(UnvalidatedSchema(DefinitionSchema.expand(schema)))


def read_checked(text: str, schema: dict, name: str) -> dict:
    """Trusted package YAML checked against its Cerberus schema; a bad file is a DataError (a bug)."""
    import cerberus

    # Only a file that passed is cached, so a hit stands for a check passed on the same text and schema.
    return cached_data(f"checked-{name}", text, lambda: _parse_and_check(text, schema, name),
                       repr(schema), yaml.__version__, cerberus.__version__)


def _parse_and_check(text: str, schema: dict, name: str) -> dict:
    from .errors import DataError

    try:
        data = read_yaml_text(text)
    except yaml.YAMLError as exc:
        raise DataError(f"{name} is not valid YAML: {exc}") from exc
    validator = trusted_validator(schema)
    if not isinstance(data, dict) or not validator.validate(data):
        found = validator.errors if isinstance(data, dict) else type(data).__name__
        raise DataError(f"{name} does not match its schema: {found}")
    return data


def package_text(name: str) -> str:
    """The text of one data file of the `generator.data` package."""
    return resources.files("generator.data").joinpath(name).read_text(encoding="utf-8")


def read_data(name: str):
    """One data file of the `generator.data` package, parsed."""
    text = package_text(name)
    return cached_data(f"data-{name}", text, lambda: read_yaml_text(text), yaml.__version__)
