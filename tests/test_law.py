"""Law as data: texts word for word, chosen by the filing date, selected by the rules."""

from datetime import date

import pytest
import yaml

from generator.filings.narrative import Writer
from generator.law import provisions
from generator.phrases import title
from tests.conftest import SAMPLES, SHARED, sample_data, write_case

KINDS = ["platform_refund_request", "payment_dispute", "complaint_12315", "blackcat_post"]


@pytest.mark.skipif(not (SHARED / "laws" / "provisions.yaml").exists(), reason="the project's law collection is absent")
def test_package_texts_equal_the_law_collection():
    """The package copy may drop entries, never change one."""
    shared = yaml.safe_load((SHARED / "laws" / "provisions.yaml").read_text(encoding="utf-8"))["provisions"]
    by_key = {(p["law"], p["article"], str(p["effective"])): p for p in shared}
    for p in provisions.provisions():
        original = by_key[(p.law, p.article, p.effective.isoformat())]
        assert p.text == original["text"]
        assert p.version == original["version"] and p.source == original["source"]
        assert (p.repealed.isoformat() if p.repealed else None) == (
            str(original["repealed"]) if original.get("repealed") else None
        )


def test_every_rule_cites_existing_provisions_and_quotes_them_exactly():
    rules = provisions.rules()  # loading checks citations and quotations; this proves it ran
    assert {r.id for r in rules} >= {
        "rights_false_information",
        "renewal_prominent_notice",
        "fraud_punitive",
        "virtual_goods_refusal",
        "complaint_acceptance",
    }


def test_in_force_by_date():
    old = provisions.provision_in_force("投诉举报处理暂行办法", 14, date(2026, 4, 14))
    assert old is not None and "七个工作日内" in old.text
    assert provisions.provision_in_force("投诉举报处理暂行办法", 14, date(2026, 4, 15)) is None
    assert provisions.provision_in_force("网络交易监督管理办法", 18, date(2026, 11, 24)) is None
    assert provisions.provision_in_force("反不正当竞争法", 8, date(2025, 10, 15)) is None
    assert provisions.provision_in_force("反不正当竞争法", 9, date(2025, 10, 15)) is not None


def test_12315_basis_switches_across_2026_04_15():
    facts = frozenset({"always", "respondent_known", "sells_online", "rights_mismatch"})
    before = {p.key for a in provisions.applicable(facts, "complaint_12315", date(2026, 4, 14)) for p in a.provisions}
    after = {p.key for a in provisions.applicable(facts, "complaint_12315", date(2026, 4, 15)) for p in a.provisions}
    assert {"投诉举报处理暂行办法 12", "投诉举报处理暂行办法 14"} <= before
    assert not any(k.startswith("投诉举报处理办法") for k in before)
    assert {"投诉举报处理办法 13", "投诉举报处理办法 15"} <= after
    # whether the complaint holds what 第十条 asks is the office's to check, not the complainant's to certify
    assert "投诉举报处理办法 10" not in after and "投诉举报处理暂行办法 9" not in before
    assert not any(k.startswith("投诉举报处理暂行办法") for k in after)


def test_no_filing_argues_a_recording_to_the_other_side():
    """Whether a recording may be used is the lawyer's question: the summary says it, no filing does."""
    facts = frozenset({"always", "has_recording"})
    for kind in KINDS:
        cited = {p.key for a in provisions.applicable(facts, kind, date(2026, 11, 24)) for p in a.provisions}
        assert "民诉法解释 106" not in cited and "民法典 1035" not in cited


def _expected(prepared, kind):
    """What the rules select for this case and filing, in force on its date."""
    facts = prepared.analysis.facts
    out = []
    for a in provisions.applicable(facts, kind, prepared.analysis.filing_date):
        out += [p for p in a.provisions if p not in out]
    return out


@pytest.mark.parametrize("name", [p.name for p in SAMPLES])
def test_cited_set_is_exactly_what_the_rules_select(prepared_samples, name):
    prepared = prepared_samples[name]
    rows = {}
    for c in prepared.manifest["citations"]:
        rows.setdefault((c["law"], c["article"]), set()).update(c["filings"])
    drafted = {f["kind"] for f in prepared.manifest["filings"]}
    for kind in KINDS:
        if kind not in drafted:
            continue
        expected = {(p.law, p.article) for p in _expected(prepared, kind)}
        actual = {key for key, kinds in rows.items() if kind in kinds}
        assert actual == expected, kind


@pytest.mark.parametrize("name", [p.name for p in SAMPLES])
def test_letters_quote_no_statute_and_the_annex_quotes_exactly_the_cited_paragraphs(prepared_samples, name):
    """The letters name provisions; 05_法律依据 holds the words of exactly the paragraphs cited, in force."""
    from generator.rendering.reading import docx_text

    prepared = prepared_samples[name]
    annex = docx_text(prepared.files["05_法律依据.docx"])
    assert "flk.npc.gov.cn" in annex
    for stem, kind in (
        ("01_平台退款申请书", "platform_refund_request"),
        ("02_支付争议申请", "payment_dispute"),
        ("03_12315投诉书", "complaint_12315"),
    ):
        if f"{stem}.docx" not in prepared.files:  # not drafted for this seller (the summary says why)
            assert f"未生成《{title(kind)}》" in docx_text(prepared.files["00_案件概要.docx"])
            continue
        letter = docx_text(prepared.files[f"{stem}.docx"])
        assert "2．法律依据（" in letter and "flk.npc.gov.cn" not in letter  # named among the attachments
        assert not any(e.sha256[:16] in letter for e in prepared.analysis.exhibits)  # hashes: summary, manifest
        for p in _expected(prepared, kind):
            assert p.in_force(prepared.analysis.filing_date)
            assert p.label in letter  # named by act, article and paragraph
            for quoted in p.quoted:  # the paragraphs cited (of one cited for some items: its lead and those)
                words = quoted.removeprefix(p.article_label + " ")
                assert words in annex, f"{p.key} {p.label} not in the annex"
            for number, paragraph in enumerate(p.paragraphs(), start=1):
                words = paragraph.split(" ", 1)[1] if number == 1 else paragraph
                if len(words) > 30:
                    assert words not in letter, f"{stem} quotes {p.key} 第{number}款 in full"


@pytest.mark.parametrize("name", ["iqiyi-fraud.yaml", "txvip-rights-mismatch.yaml"])
def test_termination_is_cited_and_annexed_by_the_one_item_relied_on(prepared_samples, name):
    """民法典第五百六十三条第一款 lists five grounds of termination; the filings rely on the fourth (a breach
    that defeats the contract's purpose): it alone is cited and annexed, after the paragraph's opening words."""
    from generator.rendering.reading import docx_text

    prepared = prepared_samples[name]
    annex = docx_text(prepared.files["05_法律依据.docx"])
    assert "《中华人民共和国民法典》第五百六十三条第一款第四项" in annex
    assert (
        "有下列情形之一的，当事人可以解除合同：\n（四）当事人一方迟延履行债务或者有其他违约行为致使不能实现合同目的；"
        in annex
    )
    for other in ("因不可抗力", "在履行期限届满前", "经催告后在合理期限内仍未履行", "法律规定的其他情形", "不定期合同"):
        assert other not in annex, other
    letter = docx_text(prepared.files["01_平台退款申请书.docx"])
    assert "第五百六十三条第一款第四项" in letter
    rows = [r for r in prepared.manifest["citations"] if r["article"] == 563]
    assert [(r["paragraph"], r["items"], r["label"]) for r in rows] == [(1, [4], "第五百六十三条第一款第四项")]


@pytest.mark.parametrize("name", [p.name for p in SAMPLES])
def test_the_annex_never_quotes_what_helps_the_other_side(prepared_samples, name):
    from generator.rendering.reading import docx_text

    annex = docx_text(prepared_samples[name].files["05_法律依据.docx"])
    for short, article, number in (
        ("消费者权益保护法实施条例", 49, 2),
        ("消费者权益保护法", 55, 2),
        ("消费者权益保护法实施条例", 19, 4),
    ):
        paragraph = provisions.find_provisions(short, article)[0].paragraphs()[number - 1]
        assert paragraph not in annex


def test_paragraphs_keep_their_items_and_number_from_one():
    p563 = provisions.provision_in_force("民法典", 563, date(2026, 11, 24))
    first, second = p563.paragraphs()
    assert first.startswith("第五百六十三条 有下列情形之一的") and "（四）当事人一方迟延履行债务" in first
    assert second.startswith("以持续履行的债务为内容的不定期合同")
    cited = p563.citing([1])
    assert cited.label == "第五百六十三条第一款" and cited.quoted == [first]
    assert p563.citing([1, 2]).cited == ()  # every paragraph is the whole article
    assert (
        provisions.provision_in_force("民法典", 566, date(2026, 11, 24)).citing([2, 1]).label
        == "第五百六十六条第一款、第二款"
    )


def test_an_article_whose_breaks_are_in_doubt_is_cited_whole():
    p = provisions.provision_in_force("投诉举报处理办法", 13, date(2026, 11, 24))
    assert p.breaks_in_doubt
    assert p.citing([1]).cited == () and p.citing([1]).label == "第十三条"
    assert not provisions.provision_in_force("消费者权益保护法", 20, date(2026, 11, 24)).breaks_in_doubt


def test_a_rule_may_quote_only_from_the_paragraphs_it_cites(monkeypatch):
    from generator.errors import DataError

    rule = provisions.Rule(
        id="x",
        all=("always",),
        any=(),
        none=(),
        filings=("platform_refund_request",),
        cite=("消费者权益保护法 55",),
        argument="“造成消费者或者其他受害人死亡”（{cites}）",
        paragraphs={"消费者权益保护法 55": (1,)},
    )
    with pytest.raises(DataError, match="不在其所引条文中"):
        provisions._check_rule(rule)
    with pytest.raises(DataError, match="没有第9款"):
        provisions._check_rule(
            provisions.Rule(**{**vars(rule), "argument": "x", "paragraphs": {"消费者权益保护法 55": (9,)}})
        )


def test_merged_citations_take_the_union_of_paragraphs():
    p566 = provisions.provision_in_force("民法典", 566, date(2026, 11, 24))
    p20 = provisions.provision_in_force("消费者权益保护法", 20, date(2026, 11, 24))
    merged = provisions.merge_cited([p566.citing([1]), p20.citing([1]), p566.citing([2])])
    assert [p.label for p in merged] == ["第五百六十六条第一款、第二款", "第二十条第一款"]
    assert provisions.merge_cited([p20.citing([1]), p20])[0].cited == ()


def test_provisions_named_in_a_sentence():
    on = date(2026, 11, 24)
    named = provisions.named_in(
        "《市场监督管理投诉举报处理办法》第二十三条第（五）项；《消费者权益保护法实施条例》第四十六条；"
        "《消费者权益保护法》第二十条第一款、第二十六条",
        on,
    )
    assert [(p.key, p.label) for p in named] == [
        ("投诉举报处理办法 23", "第二十三条"),
        ("消费者权益保护法实施条例 46", "第四十六条"),
        ("消费者权益保护法 20", "第二十条第一款"),
        ("消费者权益保护法 26", "第二十六条"),
    ]
    from generator.case.evidence import recording_rule

    assert [p.key for p in provisions.named_in(recording_rule(), on)] == ["民诉法解释 106"]


def test_first_mention_uses_the_full_name_then_the_short_one():
    style = provisions.CitationStyle()
    p24 = provisions.provision_in_force("消费者权益保护法", 24, date(2026, 11, 24))
    p53 = provisions.provision_in_force("消费者权益保护法", 53, date(2026, 11, 24))
    assert style.cite((p24,)) == "《中华人民共和国消费者权益保护法》（以下简称《消费者权益保护法》）第二十四条"
    assert style.cite((p53,)) == "《消费者权益保护法》第五十三条"


def test_facts_select_rules_for_a_virtual_goods_refusal(tmp_path):
    from generator.case.load import load_case
    from generator.case.validate import validate_case
    from generator.filings.analyse import analyse

    data = sample_data("txvip-rights-mismatch.yaml")
    valid = validate_case(load_case(write_case(tmp_path, data)))
    a = analyse(valid)
    assert "platform_refused_virtual_goods" in a.facts and "partial_use" in a.facts
    reasons, cited = Writer(a).arguments("platform_refund_request", "申请人", "贵平台")
    keys = {p.key for p in cited}
    assert {
        "消费者权益保护法 26",
        "民法典 497",
        "消费者权益保护法实施条例 17",
        "消费者权益保护法实施条例 19",
        "民法典 566",
    } <= keys
    assert any("仅针对消费者“七日内退货，且无需说明理由”的无理由退货" in r for r in reasons)
    assert "消费者权益保护法 25" in keys


def test_the_annex_follows_the_filings_made(tmp_path):
    """With only the public post, the annex holds what the post names and what the summary cites, nothing else."""
    from generator.pipeline import Options, prepare
    from generator.rendering.reading import docx_text
    from tests.conftest import sample

    prepared = prepare(sample("txvip-rights-mismatch.yaml"), Options(out=tmp_path, only=("blackcat_post",)))
    annex = docx_text(prepared.files["05_法律依据.docx"])
    kinds = {k for c in prepared.manifest["citations"] for k in c["filings"]}
    assert kinds == {"blackcat_post", "case_summary"}
    post = _expected(prepared, "blackcat_post")
    for p in post:
        assert provisions.book_title(p.law) + p.label in annex
    assert "第五百六十三条" not in annex  # argued only in the letters, which were not made
    entry = next(e for e in prepared.manifest["filings"] if e["kind"] == "legal_basis")
    assert entry["file"] == "05_法律依据.docx" and entry["text_file"] == "05_法律依据.txt"


def test_an_item_named_in_a_sentence_is_cited_as_that_item_of_its_paragraph():
    """`第二十五条第（一）项` is the first item of the one paragraph of 消保法第二十五条 that lists items: only it is
    quoted (an article whose breaks are in doubt, like the 2026 办法's, is still cited whole)."""
    on = date(2026, 11, 24)
    (p,) = provisions.named_in("《中华人民共和国消费者权益保护法》第二十五条第（一）项。", on)
    assert p.label == "第二十五条第一款第一项"
    assert p.quoted_text.split("\n")[1] == p.item_lines(1)[0]
    assert len(p.quoted_text.split("\n")) == 2
    (whole,) = provisions.named_in("《市场监督管理投诉举报处理办法》第十六条第（四）项。", on)
    assert whole.breaks_in_doubt and whole.label == "第十六条"
