"""The filings' fixed wording comes from data/phrases.yaml: a lawyer edits it, check-data locates a slip, user text
with braces is inserted as written."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docx import Document

from generator.cli import main
from generator.data_check import check_data
from generator.data_files import use_data_dir
from generator.phrases import FIELDS, phrases, say
from tests.conftest import sample

DATA = Path(__file__).resolve().parents[1] / "generator" / "data"
TEXT = (DATA / "phrases.yaml").read_text(encoding="utf-8")


def line_of_text(text: str, start: str) -> int:
    return 1 + next(i for i, line in enumerate(text.splitlines()) if line.startswith(start))


# One slip a lawyer might make in phrases.yaml, and what the refusal must say besides the file's name.
SLIPS = {
    "unknown-placeholder": (
        "  complaint_12315: 投诉人就在{bought_at}",
        "  complaint_12315: 投诉人{name}就在{bought_at}",
        "  complaint_12315: 投诉人",
        "intros.complaint_12315：程序不为这条措辞提供占位符 {name}",
    ),
    "open-brace": (
        "  court_costs: 本案诉讼费用由被告承担。",
        "  court_costs: 本案诉讼费用由被告{承担。",
        "  court_costs:",
        "requests.court_costs：花括号不成对",
    ),
    "attribute-placeholder": (
        "  report_12315: 举报人在{bought_at}",
        "  report_12315: 举报人在{bought_at.__class__}",
        "  report_12315: 举报人",
        "intros.report_12315：占位符 {bought_at.__class__} 的写法不对",
    ),
    "unknown-key": (
        "  court_costs: 本案诉讼费用由被告承担。",
        "  court_cost: 本案诉讼费用由被告承担。",
        "  court_cost:",
        "requests.court_cost：不认识的键",
    ),
    "missing-key": (
        "  powers: 委托权限：",
        "  # powers: 委托权限：",
        "authorization:",
        "authorization.powers：缺少必填项",
    ),
    "empty-phrase": ("  copies: 本起诉状副本1份", "  copies: ''", "  copies:", "court.copies：不能为空"),
}


@pytest.mark.parametrize("slip", sorted(SLIPS))
def test_check_data_locates_a_slip_in_the_phrases(slip, tmp_path):
    old, new, line_start, expected = SLIPS[slip]
    assert old in TEXT, "the slip no longer matches phrases.yaml"
    edited = TEXT.replace(old, new, 1)
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "phrases.yaml").write_text(edited, encoding="utf-8")
    result = CliRunner().invoke(main, ["check-data", str(folder)])
    assert result.exit_code == 1, result.output
    assert "数据文件 phrases.yaml" in result.output
    assert f"第{line_of_text(edited, line_start)}行  {expected}" in result.output, result.output
    assert "Traceback" not in result.output and "内部错误" not in result.output


def test_a_run_with_a_broken_phrase_is_refused_and_writes_nothing(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "phrases.yaml").write_text(
        TEXT.replace("购买的“{product}”与被投诉人", "购买的“{produkt}”与被投诉人"), encoding="utf-8"
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(main, [str(sample("iqiyi-fraud.yaml")), "--out", str(out), "--data", str(folder)])
    use_data_dir(None)
    assert result.exit_code == 1, result.output
    assert "数据文件 phrases.yaml" in result.output and "{produkt}" in result.output
    assert not out.exists() or not any(out.iterdir())


def test_the_file_holds_exactly_the_phrases_the_code_fills():
    assert set(phrases()) == set(FIELDS)
    assert check_data() == []


def test_every_phrase_has_a_comment_saying_where_it_appears():
    """Each top-level group is commented; a lawyer reads what a phrase is for beside it."""
    for key in yaml.safe_load(TEXT):
        line = next(t for t in TEXT.splitlines() if t.startswith(f"{key}:"))
        assert "#" in line, f"{key} has no comment"


def test_user_text_with_braces_is_inserted_as_written():
    product = "{platform}{0}{{x}}{product.__class__}"
    intro = say("intros.complaint_12315", bought_at="“某平台”", product=product, tried="")
    assert intro == f"投诉人就在“某平台”购买的“{product}”与被投诉人发生消费者权益争议，现依法投诉。"


def test_a_phrase_is_given_exactly_its_placeholders():
    with pytest.raises(TypeError):
        say("requests.court_costs", amount="1")
    with pytest.raises(TypeError):
        say("intros.report_12315", bought_at="x")


def test_a_reworded_phrase_reaches_the_filing(tmp_path):
    """A lawyer rewords the complaint's title and opening in a copied folder: check-data passes, the filing says the
    new words, a run without --data the old ones."""
    folder = tmp_path / "data"
    folder.mkdir()
    old_intro = "与被投诉人发生消费者权益争议，{tried}现依法投诉。"
    new_intro = "与被投诉人发生消费者权益争议，{tried}特此依法提出投诉。"
    assert old_intro in TEXT and "  complaint_12315: 投诉书\n" in TEXT
    edited = TEXT.replace(old_intro, new_intro).replace(
        "  complaint_12315: 投诉书\n", "  complaint_12315: 消费投诉书\n"
    )
    (folder / "phrases.yaml").write_text(edited, encoding="utf-8")
    runner = CliRunner()
    checked = runner.invoke(main, ["check-data", str(folder)])
    assert checked.exit_code == 0, checked.output
    case = str(sample("txvip-rights-mismatch.yaml"))
    run = runner.invoke(main, [case, "--out", str(tmp_path / "a"), "--data", str(folder)])
    use_data_dir(None)
    assert run.exit_code == 0, run.output
    plain = runner.invoke(main, [case, "--out", str(tmp_path / "b")])
    assert plain.exit_code == 0, plain.output

    def complaint(out: Path) -> list[str]:
        (path,) = out.rglob("03_12315投诉书.docx")
        return [p.text for p in Document(path).paragraphs]

    edited_text, plain_text = complaint(tmp_path / "a"), complaint(tmp_path / "b")
    assert "消费投诉书" in edited_text
    assert any(p.endswith("特此依法提出投诉。") for p in edited_text)
    assert "消费投诉书" not in plain_text and any(p.endswith("现依法投诉。") for p in plain_text)
    assert not any("特此" in p for p in plain_text)


def test_reworded_deadlines_money_and_paste_labels_reach_the_summary_and_the_texts(tmp_path):
    """The wording that was Python's (a deadline's label, the proration's arithmetic, a paste box's label, the
    summary's total line) is the lawyer's: edited in a copied phrases.yaml, it is what the outputs say."""
    edits = {
        "    platform_reply: 平台书面答复期限\n": "    platform_reply: 平台答复截止\n",
        "按未使用的{left}个月折算，退还{refund}": "未使用{left}个月，按比例退还{refund}",
        "    refund_reason: 退款原因（订单“申请退款”页）\n": "    refund_reason: 申请退款页的退款原因\n",
        "  total: 合计主张：{amount}。": "  total: 以上合计：{amount}。",
    }
    edited = TEXT
    for old, new in edits.items():
        assert old in edited, old
        edited = edited.replace(old, new, 1)
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "phrases.yaml").write_text(edited, encoding="utf-8")
    runner = CliRunner()
    case = str(sample("txvip-rights-mismatch.yaml"))
    run = runner.invoke(main, [case, "--out", str(tmp_path / "out"), "--data", str(folder), "--calendar"])
    use_data_dir(None)
    assert run.exit_code == 0, run.output
    (folder_out,) = (tmp_path / "out").iterdir()
    summary = (folder_out / "00_案件概要.txt").read_text(encoding="utf-8")
    assert "平台答复截止" in summary and "平台书面答复期限" not in summary
    assert "以上合计：人民币118.50元" in summary and "合计主张" not in summary
    refund = (folder_out / "01_平台退款申请书.txt").read_text(encoding="utf-8")
    assert "申请退款页的退款原因" in refund and "退款原因（订单“申请退款”页）" not in refund
    assert "未使用9个月，按比例退还118.50元" in summary  # the money lines' arithmetic
    assert "平台答复截止" in (folder_out / "deadlines.ics").read_text(encoding="utf-8")


def test_the_complaints_closing_is_the_lawyers_to_word(tmp_path):
    """The line under 此致 is closings.complaint_12315 in phrases.yaml, filled with the office or the general form:
    a lawyer who writes it otherwise sees it so in the complaint, with the office still named."""
    folder = tmp_path / "data"
    folder.mkdir()
    old = '  complaint_12315: "{office}"  #'
    assert old in TEXT
    (folder / "phrases.yaml").write_text(TEXT.replace(old, '  complaint_12315: "{office}（收）"  #'), encoding="utf-8")
    runner = CliRunner()
    run = runner.invoke(
        main, [str(sample("mango-auto-renewal.yaml")), "--out", str(tmp_path / "a"), "--data", str(folder)]
    )
    use_data_dir(None)
    assert run.exit_code == 0, run.output
    (path,) = (tmp_path / "a").rglob("03_12315投诉书.docx")
    lines = [p.text for p in Document(path).paragraphs]
    assert lines[lines.index("此致") + 1] == "深圳市市场监督管理局南山监管局（收）"


def test_a_value_the_phrase_quotes_has_its_own_quotes_nested():
    """“{product}” around 哔哩哔哩大会员“年卡特惠” reads “哔哩哔哩大会员‘年卡特惠’”, never ““…””; an unquoted value
    stays as it is."""
    said = say("intros.platform_refund_request", addressee="贵平台", product="哔哩哔哩大会员“年卡特惠”")
    assert "“哔哩哔哩大会员‘年卡特惠’”" in said
    assert say("statements.via", channel="“微信”支付") == "通过“微信”支付"


def test_a_value_in_brackets_has_its_own_brackets_opened_out_but_a_citations_number_kept():
    """（{method}） with the method “电话（市场监管局工作人员打来）” is never （电话（…）） — a bracketed aside opens
    out; a bracketed number of a citation (第十六条第（五）项, 解释（2011）) is part of it and stays."""
    from generator.phrases import unbracket

    assert unbracket("电话（市场监管局工作人员打来）") == "电话，市场监管局工作人员打来"
    assert unbracket("人民币599.00元（大写：伍佰玖拾玖元整）") == "人民币599.00元，大写：伍佰玖拾玖元整"
    assert unbracket("第十六条第（五）项") == "第十六条第（五）项"
    assert unbracket("解释（2011）") == "解释（2011）"
    assert unbracket("在线客服") == "在线客服"
    told = say(
        "contacts.body_ended",
        date="2026年11月25日",
        party="市场监督管理部门",
        see="",
        recorder="原告",
        me="原告",
        method="电话（市场监管局工作人员打来）",
        record="“调解不成”",
    )
    assert "原告记录（电话，市场监管局工作人员打来）：" in told and "）））" not in told
