"""The typed case: every field of the format has its attribute, defaults are applied once, nothing changes after."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from generator.case import model
from generator.case.load import load_case
from generator.case.schema import SCHEMA
from generator.case.validate import validate_case
from tests.conftest import marketplace_case, sample, sample_data, write_case

# The part of the case each schema section becomes; `with` is a Python keyword, so a contact's party is `party`.
_SECTIONS = {
    (): model.Case,
    ("complainant",): model.Complainant,
    ("platform",): model.Platform,
    ("platform", "seller"): model.Seller,
    ("order",): model.Order,
    ("order", "promises"): model.Promise,
    ("payment",): model.Payment,
    ("problems",): model.Problem,
    ("problems", "charges"): model.Charge,
    ("contacts",): model.Contact,
    ("evidence",): model.EvidenceItem,
    ("claims",): model.Claims,
    ("claims", "losses"): model.Loss,
    ("representative",): model.Representative,
}
_RENAMED = {"with": "party"}


def _sections(rules: dict, path: tuple = ()):
    """(path, keys) of every mapping the schema describes, lists of mappings included."""
    yield path, set(rules)
    for key, rule in rules.items():
        inner = rule.get("schema", {})
        if rule.get("type") == "list" and inner.get("type") == "dict":
            inner = inner["schema"]
        elif rule.get("type") != "dict":
            continue
        yield from _sections(inner, path + (key,))


@pytest.mark.parametrize(
    "path, keys", list(_sections(SCHEMA)), ids=lambda v: ".".join(v) or "case" if isinstance(v, tuple) else ""
)
def test_every_field_of_the_format_is_an_attribute(path, keys):
    """A key added to the schema without its attribute (or the other way round) fails here, not in a filing."""
    fields = {f.name for f in dataclasses.fields(_SECTIONS[path]) if not f.metadata.get("derived")}
    assert {_RENAMED.get(k, k) for k in keys} == fields


def test_a_minimal_case_leaves_optional_fields_empty_and_fills_the_2026_12_defaults(tmp_path):
    data = sample_data("txvip-rights-mismatch.yaml")
    for key in ("email", "id_number"):
        data["complainant"].pop(key, None)
    data.pop("claims", None)
    data.pop("contacts", None)
    for item in data["evidence"]:
        item.pop("about", None)  # an `about` may name a contact's date
    case = validate_case(load_case(write_case(tmp_path, data))).case
    assert (case.complainant.email, case.complainant.id_number, case.complainant.gender) == (None, None, None)
    assert case.platform.kind == "self_operated" and case.platform.seller is None
    assert case.payment.payee_kind == "merchant"
    assert case.contacts == () and case.claims == model.Claims() and case.representative is None
    assert case.order.promises == () and case.mask == () and all(e.about == () for e in case.evidence)


def test_a_marketplace_case_reads_as_its_parts(tmp_path):
    case = validate_case(load_case(sample("youku-marketplace-promise.yaml"))).case
    assert case.platform.seller == model.Seller(name="小鱼会员铺", address=case.platform.seller.address)
    assert all(isinstance(p, model.Promise) and p.covers for p in case.order.promises)  # covers: default applied
    assert all(isinstance(loss.amount, Decimal) for loss in case.claims.losses)
    assert case.problem("fraud") is not None and "fraud" in case.kinds
    assert isinstance(case.filing_date, date)
    collected = validate_case(load_case(marketplace_case(tmp_path, "shop-collected.yaml"))).case
    assert collected.platform.kind == "marketplace" and isinstance(collected.platform.seller, model.Seller)


def test_the_case_cannot_be_changed_after_validation():
    case = validate_case(load_case(sample("mango-auto-renewal.yaml"))).case
    with pytest.raises(dataclasses.FrozenInstanceError):
        case.order.price = Decimal("1")
    assert isinstance(case.problems, tuple) and isinstance(case.problem("auto_renewal").charges, tuple)
