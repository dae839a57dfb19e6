"""`make-filings check-data` and `--data`: a data file a lawyer broke is a located Chinese refusal."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from generator.cli import main
from generator.data_check import check_data
from generator.data_files import use_data_dir
from tests.conftest import sample

DATA = Path(__file__).resolve().parents[1] / "generator" / "data"

# The corpus: one edit a lawyer might get wrong, and what the refusal must say (file, line, key path, reason).
BROKEN = {
    "yaml-syntax": (
        "rules.yaml",
        "    cite: [消费者权益保护法 20]\n",
        "    cite: [消费者权益保护法 20\n",
        ["数据文件 rules.yaml", "行  （文件整体）", "YAML 格式错误"],
    ),
    "misquoted-rule": (
        "rules.yaml",
        "“应当真实、全面，不得作虚假",
        "“应当真实、完整，不得作虚假",
        [
            "数据文件 rules.yaml",
            "第{false_info}行  rules[{false_info_index}]",
            "规则 rights_false_information 的引文",
            "不在其所引条文中",
        ],
    ),
    "unknown-provision": (
        "rules.yaml",
        "cite: [消费者权益保护法 20]\n    paragraph: {消费者权益保护法 20: 1}",
        "cite: [消费者权益保护法 200]\n    paragraph: {消费者权益保护法 200: 1}",
        ["第{false_info}行  rules[{false_info_index}]", "引用了数据中没有的条文：消费者权益保护法 200"],
    ),
    "unknown-yield": (
        "rules.yaml",
        "yields_to: {payment_dispute: [promise_unkept_terminated]}",
        "yields_to: {payment_dispute: [no_such_rule]}",
        ["数据文件 rules.yaml", "yields_to 指向不存在的规则：no_such_rule"],
    ),
    "misspelt-key": (
        "rules.yaml",
        "    filings: [platform_refund_request,",
        "    filing: [platform_refund_request,",
        ["第{filing}行  rules[0].filing：不认识的键", "rules[0].filings：缺少必填项"],
    ),
    "item-not-in-paragraph": (
        "rules.yaml",
        "    item: {民法典 563: 4}\n",
        "    item: {民法典 563: 6}\n",
        ["数据文件 rules.yaml", "rules[", "民法典 563", "第1款没有第6项"],
    ),
    "item-without-paragraph": (
        "rules.yaml",
        "    paragraph: {民法典 563: 1, 民法典 566: 1}\n    item: {民法典 563: 4}\n    argument: >-\n      {admitted}",
        "    paragraph: {民法典 566: 1}\n    item: {民法典 563: 4}\n    argument: >-\n      {admitted}",
        ["数据文件 rules.yaml", "rules[", "为 民法典 563 指定了项号，须同时为它指定一个款号"],
    ),
    "quote-outside-the-item": (
        "rules.yaml",
        "    item: &not_performed_item {民法典 563: 4}\n",
        "    item: &not_performed_item {民法典 563: 3}\n",
        ["数据文件 rules.yaml", "的引文“有其他违约行为致使不能实现合同目的”不在其所引条文中"],
    ),
    "extra-left-out-without-reason": (
        "plan.yaml",
        "extra_left_out: [court_complaint, payment_dispute]",
        "extra_left_out: [court_complaint, payment_dispute, mediation_request]",
        ["数据文件 plan.yaml", "extra_left_out: mediation_request 没有不写入其他诉求的说明"],
    ),
    "bad-word-pattern": (
        "rules.yaml",
        "'视为(交易)?完成'",
        "'视为(交易完成'",
        ["数据文件 rules.yaml", "words.refusal_claims_performance", "正则表达式有误"],
    ),
    "bad-contact-pattern": (
        "rules.yaml",
        "    refused: ['拒', '驳回',",
        "    refused: ['拒(', '驳回',",
        ["数据文件 rules.yaml", "contact_said.results.refused", "正则表达式有误"],
    ),
    "unknown-contact-result": (
        "rules.yaml",
        "  unanswered: [no_reply, submitted]",
        "  unanswered: [no_reply, pending]",
        ["数据文件 rules.yaml", "contact_said.unanswered", "不在允许的取值"],
    ),
    "bad-exhibit-pattern": (
        "rules.yaml",
        "  default_checked: ['默认', '勾选']",
        "  default_checked: ['默认(', '勾选']",
        ["数据文件 rules.yaml", "exhibit_words.default_checked", "正则表达式有误"],
    ),
    "unknown-exhibit-word": (
        "rules.yaml",
        "  default_checked: ['默认', '勾选']",
        "  default_ticked: ['默认', '勾选']",
        ["数据文件 rules.yaml", "exhibit_words", "default_ticked"],
    ),
    "unknown-word-source": (
        "rules.yaml",
        "    in: purchase\n",
        "    in: order\n",
        ["数据文件 rules.yaml", "行  words.one_off_code.in：不在允许的取值"],
    ),
    "bad-date": (
        "channels.yaml",
        "  checked: 2026-11-25\n  confirmed: true\n- key: platform.submit_path",
        "  checked: 2026-13-25\n  confirmed: true\n- key: platform.submit_path",
        ["数据文件 channels.yaml", "第{checked}行", "不是有效的日期：2026-13-25"],
    ),
    "wrong-type": (
        "amounts.yaml",
        "multiplier: 3",
        "multiplier: 三倍",
        ["数据文件 amounts.yaml", "第4行  punitive.multiplier：类型不对：应为数字"],
    ),
    "provision-bad-effective": (
        "provisions.yaml",
        "  effective: '2014-03-15'",
        "  effective: '2014-02-30'",
        ["数据文件 provisions.yaml", "provisions[0].effective：不是有效的日期：2014-02-30"],
    ),
    "provision-missing-text": (
        "provisions.yaml",
        "  article: 8\n",
        "  article: 八\n",
        ["provisions[0].article：类型不对：应为整数"],
    ),
    "folded-chinese": (
        "channels.yaml",
        "  text: 请于收到本申请后48小时内书面答复",
        "  text: 请于收到本申请后48小时内 书面答复",
        ["facts[0]", "在两个汉字之间有空格"],
    ),
    "holiday-other-year": (
        "holidays.yaml",
        "years: {}",
        "years:\n  2027:\n    source: 国务院办公厅关于2027年部分节假日安排的通知\n"
        "    holidays: [2028-01-01]\n    workdays: []",
        ["数据文件 holidays.yaml", "years[2027]", "别的年份的日期 ['2028-01-01']"],
    ),
    "route-unknown-fact": (
        "channels.yaml",
        "    submit: [alipay.complaint_path]",
        "    submit: [alipay.complaint_pth]",
        [
            "数据文件 channels.yaml",
            "第{alipay_submit}行  routes.alipay.submit[0]",
            "没有名为 alipay.complaint_pth 的事实",
        ],
    ),
    "route-computes-unconfirmed": (
        "channels.yaml",
        "mastercard: {window: {kind: card_dispute_window, fact: card.visa_mastercard_window_days}}",
        "mastercard: {window: {kind: card_dispute_window, fact: card.unionpay_window}}",
        [
            "routes.bank_card.networks.mastercard.window.fact",
            "card.unionpay_window 未经证实或没有数值（value），不能用来计算期限",
        ],
    ),
    "route-missing": (
        "channels.yaml",
        "personal_code_window: payment.personal_code_window\n",
        "",
        ["数据文件 channels.yaml", "personal_code_window：缺少必填项"],
    ),
    "recording-provision-absent": (
        "rules.yaml",
        "recording_provision: 民诉法解释 106",
        "recording_provision: 民诉法解释 1060",
        ["数据文件 rules.yaml", "第{recording}行  recording_provision", "引用了数据中没有的条文：民诉法解释 1060"],
    ),
    "evidence-unknown-category": (
        "rules.yaml",
        "    category: rights_anomaly\n",
        "    category: rights_anomalie\n",
        ["数据文件 rules.yaml", "evidence_needed[2].category：不在允许的取值"],
    ),
    "evidence-placeholder-without-field": (
        "rules.yaml",
        'warning: "自动续费：缺少续费扣款记录',
        'warning: "自动续费：{when}缺少续费扣款记录',
        ["evidence_needed[3]", "提醒中的占位符 when 无从填写"],
    ),
    "not-a-mapping": (
        "law_names.yaml",
        None,
        "- 只是一个列表\n",
        ["数据文件 law_names.yaml", "第1行", "顶层应是键值对"],
    ),
}


def broken_folder(tmp_path: Path, name: str, old: str | None, new: str) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    text = (DATA / name).read_text(encoding="utf-8")
    if old is None:
        text = new
    else:
        assert old in text, f"the corpus edit no longer matches {name}"
        text = text.replace(old, new, 1)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_check_data_locates_each_broken_file(case, tmp_path):
    name, old, new, expected = BROKEN[case]
    folder = broken_folder(tmp_path, name, old, new)
    result = CliRunner().invoke(main, ["check-data", str(folder)])
    assert result.exit_code == 1, result.output
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    first = lambda start: 1 + next((i for i, t in enumerate(lines) if t.startswith(start)), -1)
    line = {
        "false_info": first("  - id: rights_false_information"),
        # the rule's place in the list: how many rules come before it
        "false_info_index": sum(t.startswith("  - id: ") for t in lines[: first("  - id: rights_false_info") - 1]),
        "filing": first("    filings:"),
        "checked": first("  checked:"),
        "alipay_submit": first("    submit: [alipay."),
        "recording": first("recording_provision:"),
    }
    for words in expected:
        assert words.format(**line) in result.output, result.output
    assert "内部错误" not in result.output and "Traceback" not in result.output
    assert "must be of" not in result.output and "unknown field" not in result.output  # no English dump


@pytest.mark.parametrize("case", ["misquoted-rule", "yaml-syntax", "wrong-type"])
def test_a_run_with_broken_data_is_refused_and_writes_nothing(case, tmp_path):
    name, old, new, expected = BROKEN[case]
    folder = broken_folder(tmp_path, name, old, new)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, [str(sample("iqiyi-fraud.yaml")), "--out", str(out), "--data", str(folder)])
    use_data_dir(None)
    assert result.exit_code == 1, result.output
    assert f"数据文件 {name}" in result.output and expected[-1].split("{")[0] in result.output
    assert "内部错误" not in result.output
    assert not out.exists() or not any(out.iterdir())


def test_builtin_data_passes():
    assert check_data() == []
    result = CliRunner().invoke(main, ["check-data"])
    assert result.exit_code == 0 and "数据文件检查通过：内置数据" in result.output


def test_an_edited_rule_reaches_the_filing(tmp_path):
    """A lawyer rewords an argument in a copy of rules.yaml: the filing says the new words, the built-in run not."""
    folder = tmp_path / "data"
    folder.mkdir()
    text = (DATA / "rules.yaml").read_text(encoding="utf-8")
    old = "其宣传与实际交付不符，违反了上述规定。"
    new = "其宣传与实际交付明显不符，已违反上述规定。"
    assert old in text
    (folder / "rules.yaml").write_text(text.replace(old, new), encoding="utf-8")
    assert check_data(folder) == []
    runner = CliRunner()
    edited = runner.invoke(
        main, [str(sample("txvip-rights-mismatch.yaml")), "--out", str(tmp_path / "a"), "--data", str(folder)]
    )
    use_data_dir(None)
    assert edited.exit_code == 0, edited.output
    plain = runner.invoke(main, [str(sample("txvip-rights-mismatch.yaml")), "--out", str(tmp_path / "b")])
    assert plain.exit_code == 0, plain.output
    texts = lambda out: "".join(p.text for f in sorted(out.rglob("*.docx")) for p in Document(f).paragraphs)
    assert "明显不符，已违反上述规定" in texts(tmp_path / "a")
    assert "明显不符" not in texts(tmp_path / "b") and "其宣传与实际交付不符，违反了上述规定" in texts(tmp_path / "b")


def test_a_linked_data_file_is_refused(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "rules.yaml").symlink_to(DATA / "rules.yaml")
    result = CliRunner().invoke(main, ["check-data", str(folder)])
    assert result.exit_code == 1 and "数据文件 rules.yaml" in result.output and "不是普通文件" in result.output


def test_an_extra_yaml_file_in_the_folder_is_checked(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "phrases.yaml").write_text("a: [1, 2\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check-data", str(folder)])
    assert result.exit_code == 1 and "数据文件 phrases.yaml" in result.output and "YAML 格式错误" in result.output


def test_a_plan_naming_an_unknown_fact_is_a_refusal_not_an_internal_error(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    text = (DATA / "plan.yaml").read_text(encoding="utf-8")
    (folder / "plan.yaml").write_text(text + "\n" if "\nsteps:" not in text else text, encoding="utf-8")
    edited = _first_fact_misspelt(text)
    (folder / "plan.yaml").write_text(edited, encoding="utf-8")
    result = CliRunner().invoke(main, ["check-data", str(folder)])
    assert result.exit_code == 1, result.output
    assert "数据文件 plan.yaml" in result.output and "内部错误" not in result.output


def _first_fact_misspelt(text: str) -> str:
    import re

    match = re.search(r"\b(rights_mismatch|fraud|auto_renewal)\b", text)
    assert match, "plan.yaml names no fact any more"
    return text[: match.start()] + match[1] + "_typo" + text[match.end() :]


def test_a_problem_type_no_rule_argues_is_refused_at_the_rules(tmp_path):
    """Every rule naming `no_response` made to name `fraud` instead: 售后响应滞后或失联 is argued nowhere."""
    folder = tmp_path / "data"
    folder.mkdir()
    text = (DATA / "rules.yaml").read_text(encoding="utf-8")
    assert "no_response" in text
    (folder / "rules.yaml").write_text(text.replace("no_response", "fraud"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check-data", str(folder)])
    use_data_dir(None)
    assert result.exit_code == 1, result.output
    assert "数据文件 rules.yaml" in result.output
    assert "没有规则论证问题类型 no_response（售后响应滞后或失联）" in result.output
    assert "Traceback" not in result.output and "内部错误" not in result.output
