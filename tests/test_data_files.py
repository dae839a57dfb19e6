"""The package's own schemas are valid Cerberus schemas, and the run-time validators built from them
(which skip Cerberus's own schema check) judge documents exactly as checked validators do."""

from datetime import date

import pytest
from cerberus import Validator
from cerberus.schema import SchemaError

from generator.case import schema as case_schema
from generator.case import validate
from generator.case.load import load_case
from generator.data_files import read_data, trusted_validator
from generator.law import calendar_cn, channels, provisions
from tests.conftest import SAMPLES

SCHEMAS = {
    "case file": (case_schema.SCHEMA, validate._CaseValidator),
    "rules.yaml": (provisions._RULES_SCHEMA, Validator),
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


@pytest.mark.parametrize(
    "name,data",
    [
        ("rules.yaml", read_data("rules.yaml")),
        ("channels.yaml", read_data("channels.yaml")),
        ("rules.yaml", {"rules": [{"id": 3, "when": "x"}]}),
        ("channels.yaml", {"facts": "none"}),
        (
            "holidays.yaml",
            {
                "years": {
                    2026: {
                        "source": "国务院办公厅关于2026年部分节假日安排的通知",
                        "holidays": [date(2026, 10, 1)],
                        "workdays": [date(2026, 9, 27)],
                    }
                }
            },
        ),
        ("holidays.yaml", {"years": {1900: {"source": "x", "holidays": ["10-01"]}}}),
        ("case file", load_case(SAMPLES[0]).data),
        ("case file", {**load_case(SAMPLES[0]).data, "order": {"price": "abc"}, "extra": 1}),
    ],
)
def test_trusted_validator_judges_like_a_checked_one(name, data):
    schema, cls = SCHEMAS[name]
    checked, trusted = cls(schema), trusted_validator(schema, cls)
    assert trusted.validate(data) == checked.validate(data)
    assert trusted.errors == checked.errors
    assert trusted.document == checked.document
