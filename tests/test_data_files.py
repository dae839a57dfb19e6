"""The package's own schemas are valid Cerberus schemas, and the run-time validators built from them
(which skip Cerberus's own schema check) judge documents exactly as checked validators do."""
import pytest
from cerberus import Validator
from cerberus.schema import SchemaError

from generator import calendar_cn, channels, law
from generator import schema as case_schema
from generator import validate
from generator.data_files import read_data, trusted_validator

SCHEMAS = {
    "case file": (case_schema.SCHEMA, validate._CaseValidator),
    "rules.yaml": (law._RULES_SCHEMA, Validator),
    "channels.yaml": (channels._SCHEMA, Validator),
    "holidays.yaml": (calendar_cn._HOLIDAYS_SCHEMA, Validator),
}


@pytest.mark.parametrize("name", SCHEMAS)
def test_schema_passes_cerberus_schema_check(name):
    schema, cls = SCHEMAS[name]
    cls(schema)  # raises SchemaError when a rule is misspelt or malformed


def test_schema_check_would_catch_a_broken_schema():
    with pytest.raises(SchemaError):
        Validator({"amount": {"type": "decimal_typo"}})


@pytest.mark.parametrize("name,data", [
    ("rules.yaml", read_data("rules.yaml")),
    ("channels.yaml", read_data("channels.yaml")),
    ("rules.yaml", {"rules": [{"id": 3, "when": "x"}]}),
    ("channels.yaml", {"facts": "none"}),
])
def test_trusted_validator_judges_like_a_checked_one(name, data):
    schema, cls = SCHEMAS[name]
    checked, trusted = cls(schema), trusted_validator(schema, cls)
    assert trusted.validate(data) == checked.validate(data)
    assert trusted.errors == checked.errors
    assert trusted.document == checked.document
