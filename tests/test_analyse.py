"""Analysis: the facts that select legal rules, derived from the case."""
from generator.analyse import analyse
from generator.load import load_case
from generator.validate import validate_case
from tests.conftest import sample_data, write_case


def facts_of(tmp_path, data):
    return analyse(validate_case(load_case(write_case(tmp_path, data)))).facts


def test_renewal_facts(tmp_path):
    facts = facts_of(tmp_path, sample_data("mango-auto-renewal.yaml"))
    assert {"auto_renewal", "default_checked", "renewal_terms_hidden", "charged_after_cancellation",
            "no_response", "respondent_known", "fully_used"} <= facts
    assert "no_platform_contact" not in facts and "platform_refused" not in facts


def test_charge_before_cancellation_is_not_after(tmp_path):
    data = sample_data("mango-auto-renewal.yaml")
    data["problems"][0]["cancel_requested_at"] = "2026-11-02"
    assert "charged_after_cancellation" not in facts_of(tmp_path, data)


def test_virtual_goods_refusal_needs_a_refused_platform_contact(tmp_path):
    data = sample_data("txvip-rights-mismatch.yaml")
    assert "platform_refused_virtual_goods" in facts_of(tmp_path, data)
    data["contacts"][0]["result"] = "promised"
    assert "platform_refused_virtual_goods" not in facts_of(tmp_path, data)


def test_no_contacts_and_recordings(tmp_path):
    data = sample_data("iqiyi-fraud.yaml")
    facts = facts_of(tmp_path, data)
    assert {"fraud", "punitive_claimed", "has_recording", "never_used"} <= facts
    assert "respondent_known" not in facts
    del data["contacts"]
    assert "no_platform_contact" in facts_of(tmp_path, data)


def test_explicit_refund_above_price_warns(tmp_path):
    data = sample_data("txvip-rights-mismatch.yaml")
    data["claims"]["refund"] = "300"
    a = analyse(validate_case(load_case(write_case(tmp_path, data))))
    assert a.amounts.refund == 300
    assert any("超过了实付金额158.00元" in w for w in a.warnings)
