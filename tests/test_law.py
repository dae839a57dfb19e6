"""Law as data: texts word for word, chosen by the filing date, selected by the rules."""
from datetime import date

import pytest
import yaml

from generator import law
from generator.narrative import Writer
from tests.conftest import SHARED, SAMPLES, sample_data, write_case

KINDS = ["platform_refund_request", "payment_dispute", "complaint_12315", "blackcat_post"]


@pytest.mark.skipif(not (SHARED / "laws" / "provisions.yaml").exists(), reason="the project's law collection is absent")
def test_package_texts_equal_the_law_collection():
    """The package copy may drop entries, never change one."""
    shared = yaml.safe_load((SHARED / "laws" / "provisions.yaml").read_text(encoding="utf-8"))["provisions"]
    by_key = {(p["law"], p["article"], str(p["effective"])): p for p in shared}
    for p in law.provisions():
        original = by_key[(p.law, p.article, p.effective.isoformat())]
        assert p.text == original["text"]
        assert p.version == original["version"] and p.source == original["source"]
        assert (p.repealed.isoformat() if p.repealed else None) == (str(original["repealed"]) if original.get("repealed") else None)


def test_every_rule_cites_existing_provisions_and_quotes_them_exactly():
    rules = law.rules()  # loading checks citations and quotations; this proves it ran
    assert {r.id for r in rules} >= {"rights_false_information", "renewal_prominent_notice", "fraud_punitive",
                                     "virtual_goods_refusal", "complaint_acceptance", "recording_admissible"}


def test_in_force_by_date():
    old = law.provision_in_force("投诉举报处理暂行办法", 14, date(2026, 4, 14))
    assert old is not None and "七个工作日内" in old.text
    assert law.provision_in_force("投诉举报处理暂行办法", 14, date(2026, 4, 15)) is None
    assert law.provision_in_force("网络交易监督管理办法", 18, date(2026, 11, 24)) is None
    assert law.provision_in_force("反不正当竞争法", 8, date(2025, 10, 15)) is None
    assert law.provision_in_force("反不正当竞争法", 9, date(2025, 10, 15)) is not None


def test_12315_basis_switches_across_2026_04_15():
    facts = frozenset({"always", "respondent_known", "sells_online", "rights_mismatch"})
    before = {p.key for a in law.applicable(facts, "complaint_12315", date(2026, 4, 14)) for p in a.provisions}
    after = {p.key for a in law.applicable(facts, "complaint_12315", date(2026, 4, 15)) for p in a.provisions}
    assert {"投诉举报处理暂行办法 9", "投诉举报处理暂行办法 12", "投诉举报处理暂行办法 14"} <= before
    assert not any(k.startswith("投诉举报处理办法") for k in before)
    assert {"投诉举报处理办法 10", "投诉举报处理办法 13", "投诉举报处理办法 15"} <= after
    assert not any(k.startswith("投诉举报处理暂行办法") for k in after)


def test_recordings_rest_on_article_106_never_1035():
    facts = frozenset({"always", "has_recording"})
    cited = {p.key for a in law.applicable(facts, "platform_refund_request", date(2026, 11, 24)) for p in a.provisions}
    assert "民诉法解释 106" in cited and "民法典 1035" not in cited


def _expected(prepared, kind):
    """What the rules select for this case and filing, in force on its date."""
    facts = prepared.analysis.facts
    out = []
    for a in law.applicable(facts, kind, prepared.analysis.filing_date):
        out += [p for p in a.provisions if p not in out]
    return out


@pytest.mark.parametrize("name", [p.name for p in SAMPLES])
def test_cited_set_is_exactly_what_the_rules_select(prepared_samples, name):
    prepared = prepared_samples[name]
    rows = {(c["law"], c["article"]): set(c["filings"]) for c in prepared.manifest["citations"]}
    for kind in KINDS:
        expected = {(p.law, p.article) for p in _expected(prepared, kind)}
        actual = {key for key, kinds in rows.items() if kind in kinds}
        assert actual == expected, kind


@pytest.mark.parametrize("name", [p.name for p in SAMPLES])
def test_quoted_texts_equal_the_data_character_for_character(prepared_samples, name):
    from generator.reading import docx_text

    prepared = prepared_samples[name]
    for stem, kind in (("01_平台退款申请书", "platform_refund_request"), ("02_支付争议申请", "payment_dispute"),
                       ("03_12315投诉书", "complaint_12315")):
        text = docx_text(prepared.files[f"{stem}.docx"])
        assert "法律依据" in text and "flk.npc.gov.cn" in text
        for p in _expected(prepared, kind):
            assert p.text in text, f"{p.key} not quoted in full in {stem}"
            assert p.in_force(prepared.analysis.filing_date)


def test_first_mention_uses_the_full_name_then_the_short_one():
    style = law.CitationStyle()
    p24 = law.provision_in_force("消费者权益保护法", 24, date(2026, 11, 24))
    p53 = law.provision_in_force("消费者权益保护法", 53, date(2026, 11, 24))
    assert style.cite((p24,)) == "《中华人民共和国消费者权益保护法》（以下简称《消费者权益保护法》）第二十四条"
    assert style.cite((p53,)) == "《消费者权益保护法》第五十三条"


def test_facts_select_rules_for_a_virtual_goods_refusal(tmp_path):
    from generator.load import load_case
    from generator.validate import validate_case
    from generator.analyse import analyse

    data = sample_data("txvip-rights-mismatch.yaml")
    valid = validate_case(load_case(write_case(tmp_path, data)))
    a = analyse(valid)
    assert "platform_refused_virtual_goods" in a.facts and "partial_use" in a.facts
    reasons, cited = Writer(a).arguments("platform_refund_request", "申请人", "贵平台")
    keys = {p.key for p in cited}
    assert {"消费者权益保护法 26", "民法典 497", "消费者权益保护法实施条例 17", "消费者权益保护法实施条例 19",
            "民法典 566"} <= keys
    assert any("仅针对消费者“七日内退货，且无需说明理由”的无理由退货" in r for r in reasons)
    assert "消费者权益保护法 25" in keys
