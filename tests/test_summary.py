"""案件概要: what a lawyer reads first — parties, timeline, money, deadlines, plan, hashes."""
from generator.reading import docx_text


def test_summary_is_first_and_complete(prepared_samples):
    prepared = prepared_samples["mango-auto-renewal.yaml"]
    assert prepared.manifest["filings"][0]["kind"] == "case_summary"
    assert prepared.manifest["filings"][0]["file"] == "00_案件概要.docx"
    text = docx_text(prepared.files["00_案件概要.docx"])
    for fragment in ("当事人", "时间线", "金额与计算", "期限", "维权步骤", "生成的文书"):
        assert fragment in text
    assert "2026年10月1日　自动续费扣款25.00元" in text and "2026年11月1日　自动续费扣款25.00元" in text
    assert "2026年11月24日　生成本套维权文书" in text
    assert "合计主张：人民币50.00元（大写：伍拾元整）" in text
    for d in prepared.manifest["deadlines"]:
        assert d["due_text"] in text
    for entry in prepared.manifest["filings"][1:]:
        assert entry["sha256"] in text and entry["file"] in text
    for e in prepared.manifest["exhibits"]:
        assert e["sha256"] in text
    for w in prepared.manifest["warnings"]:
        assert w in text


def test_summary_says_when_channel_facts_were_checked_and_flags_stale_ones(prepared_samples):
    text = docx_text(prepared_samples["iqiyi-fraud.yaml"].files["00_案件概要.docx"])
    assert "渠道规则与期限信息最近核对于2026年12月1日" in text
    assert "超过一年" in text  # the reference prices come from 2021–2022 reports


def test_timeline_is_in_date_order(prepared_samples):
    text = txt = prepared_samples["txvip-rights-mismatch.yaml"].files["00_案件概要.txt"].decode("utf-8")
    section = txt.split("二、时间线")[1].split("三、")[0]
    lines = [line for line in section.splitlines() if line.strip()]
    assert lines[0].startswith("2026年9月1日20时15分") and lines[-1].startswith("2026年11月24日")
    assert text
