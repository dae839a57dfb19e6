"""A complaint already before the regulator: the 12315 filing supplements it (documents._complaint_supplement),
its periods run from that complaint (deadlines.pending_complaint), and every contact names whom it reached."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from generator.case.model import Contact
from generator.cnformat import cn_date
from generator.law.calendar_cn import add_working_days
from generator.law.deadlines import accepted_day
from generator.pipeline import Options, prepare
from generator.rendering.reading import docx_text

CASES = Path(__file__).parent / "supplement_cases"
SUBMITTED = CASES / "complaint-submitted.yaml"  # submitted on 2026-11-18 through 全国12315平台, no decision yet
ACCEPTED = CASES / "complaint-accepted-mediating.yaml"  # submitted 2026-10-20, accepted 2026-10-27


def run(case: Path, tmp_path):
    return prepare(case, Options(out=tmp_path / "out"))


def text(prepared, stem: str) -> str:
    return prepared.files[f"{stem}.txt"].decode("utf-8")


def word(prepared, stem: str) -> list[str]:
    return docx_text(prepared.files[f"{stem}.docx"]).splitlines()


def boxes(paste: str) -> dict[str, str]:
    """The paste text's blocks by label: `【label】（不超过N字）` then the text up to the next label."""
    found = re.findall(r"^【([^】]+)】(?:（不超过\d+字）)?\n(.*?)(?=\n\n【|\Z)", paste, re.S | re.M)
    return {label: body.strip() for label, body in found}


def facts(lines: list[str]) -> list[str]:
    return lines[lines.index("（一）基本事实") + 1 : lines.index("（二）理由与依据")]


def test_a_complaint_submitted_gets_a_supplement_naming_it_not_a_second_complaint(tmp_path):
    prepared = run(SUBMITTED, tmp_path)
    lines = word(prepared, "03_12315投诉书")
    assert lines[0] == "投诉补充材料"
    entry = next(f for f in prepared.manifest["filings"] if f["kind"] == "complaint_12315")
    assert entry["title"] == "投诉补充材料"
    assert (
        "投诉人就在被投诉人经营的“极速卡盟”购买的“腾讯视频VIP年卡”与被投诉人发生的消费者权益争议，"
        "已于2026年11月18日通过全国12315平台投诉，现提交补充材料。"
    ) in lines
    told = facts(lines)
    assert told[0] == (
        "投诉人已就本争议向市场监督管理部门投诉：2026年11月18日（全国12315平台），投诉人记录："
        "“在12315填了投诉表，还在等”，已提交，尚未收到答复。"
        "现就该投诉补充事实、理由和证据如下，请一并处理，并告知该投诉的处理进展。"
    )
    whole = "\n".join(lines)
    assert "与市场监督管理部门沟通" not in whole  # the complaint is told once, at the start
    assert "投诉人现依法向贵局投诉" not in whole and "请贵局依法受理本投诉" not in whole  # no new complaint argued
    assert "2026年11月10日，投诉人通过黑猫投诉与公开投诉平台沟通" in whole
    first = lines[lines.index("一、投诉请求") + 1]
    assert first == (
        "1．将本补充材料及所附证据并入投诉人于2026年11月18日通过全国12315平台提交的投诉，"
        "依法作出是否受理的决定并告知投诉人，受理后组织投诉人与被投诉人调解。"
    )
    assert "法律依据（本补充材料所引条文原文，另附）" in whole


def test_the_supplement_paste_text_is_no_new_complaint_form(tmp_path):
    """The 12315 form is for a new complaint: the supplement is one statement naming the complaint, then the
    requests — no 被投诉方, 处理单位 or 订单号 boxes to fill in a second complaint."""
    paste = text(run(SUBMITTED, tmp_path), "03_12315投诉书")
    assert paste.startswith("【投诉补充材料】") and "完整的投诉补充材料见Word版" in paste
    blocks = boxes(paste)
    assert list(blocks) == ["补充说明", "诉求"]  # no 被投诉方, 企业地址, 处理单位 or 问题描述 of a new complaint
    statement = blocks["补充说明"]
    assert statement.startswith(
        "本人于2026年11月18日通过全国12315平台投诉广州极速信息技术有限公司（平台名称：极速卡盟）"
        "（订单号JS2026110100021），现补充如下："
    )
    assert "2026年11月10日通过黑猫投诉联系公开投诉平台：发了帖子，商家没有回应。" in statement
    assert "联系对方" not in statement and "12315填了投诉表" not in statement  # the complaint is not a contact
    assert statement.endswith("请将以上情况和所附证据并入原投诉一并处理，并告知处理进展。")
    assert len(statement) <= 500


def test_the_acceptance_decision_is_counted_from_the_complaint_not_the_filing_date(tmp_path):
    summary = text(run(SUBMITTED, tmp_path), "00_案件概要")
    due = cn_date(add_working_days(date(2026, 11, 18), 7))  # 办法第十五条: 7 working days, China calendar
    assert due == "2026年11月27日"
    assert f"市场监管部门受理决定期限：最迟{due}（" in summary
    assert "此处自您记录的提交日（2026年11月18日）起算" in summary
    assert f"等待市场监管部门作出是否受理的决定（最迟{due}）" in summary
    assert "按落款日提交计算" not in summary
    assert (
        f"按原投诉2026年11月18日通过全国12315平台提交计算，市场监督管理部门最迟应于{due}作出是否受理的决定" in summary
    )


def test_the_summary_says_how_a_supplement_is_sent_only_as_unconfirmed(tmp_path):
    summary = text(run(SUBMITTED, tmp_path), "00_案件概要")
    guidance = summary.split("《投诉补充材料》\n", 1)[1].split("\n《", 1)[0]
    assert guidance.startswith("- 已提交的12315投诉如何补充材料，未找到可靠出处：")
    assert "商品类别" not in guidance and "处理单位" not in guidance  # the new-complaint form's advice
    assert "向处理此前12315投诉的市场监管部门提交《03_12315投诉书》（投诉补充材料）" in summary
    assert "通过全国12315平台提交《03_12315投诉书》" not in summary
    assert "不予受理（《市场监督管理投诉举报处理办法》第十六条第（二）项）" in summary


def test_an_accepted_complaint_is_supplemented_in_mediation_dated_from_its_acceptance(tmp_path):
    prepared = run(ACCEPTED, tmp_path)
    lines = word(prepared, "03_12315投诉书")
    assert lines[lines.index("一、投诉请求") + 1] == (
        "1．将本补充材料及所附证据并入投诉人于2026年10月20日通过全国12315平台提交、已受理的投诉，在调解中一并处理。"
    )
    assert facts(lines)[0].startswith(
        "投诉人已就本争议向市场监督管理部门投诉：2026年10月20日（全国12315平台），投诉人记录：“提交了投诉”；"
        "2026年10月27日（12315短信通知），投诉人记录：“短信说投诉已转到海曙区市场监管局处理”，市场监督管理部门已受理。"
    )
    summary = text(prepared, "00_案件概要")
    # 60 days from 2026-10-27 end on Saturday 2026-12-26; whether a weekend moves the end to Monday is unsettled
    assert "12315调解期限：最迟2026年12月26日（" in summary
    assert "2026年12月26日为休息日" in summary and "顺延则至2026年12月28日" in summary
    assert "此处自您记录的受理日（2026年10月27日）起算" in summary
    assert "市场监管部门受理决定期限" not in summary  # accepted: no decision left to wait for
    assert (
        "（投诉补充材料），请其并入原投诉一并处理并告知处理进展；不就同一争议重新投诉（最迟2026年12月26日）" in summary
    )
    assert "- 按2026年10月27日受理计算，12315调解期限至2026年12月26日。" in summary
    assert "配合市场监管部门调解，调解期限至2026年12月26日" in summary


def test_after_the_mediation_period_no_supplement_is_planned(tmp_path):
    """Mediation ends 60 days after acceptance: the supplement is no step any more; the court is."""
    case = tmp_path / "late.yaml"
    case.write_text(ACCEPTED.read_text(encoding="utf-8").replace("filing_date: 2026-11-24", "filing_date: 2027-01-05"))
    summary = text(run(case, tmp_path), "00_案件概要")
    assert "（投诉补充材料），请其并入原投诉" not in summary


@pytest.mark.parametrize("result", ["refused", "no_reply", "resolved"])
def test_only_a_complaint_still_running_is_supplemented(tmp_path, result):
    """A complaint refused, unanswered or closed is no complaint pending: the 12315 filing stays a complaint."""
    case = tmp_path / "case.yaml"
    case.write_text(
        SUBMITTED.read_text(encoding="utf-8").replace("还在等, result: submitted}", f"还在等, result: {result}}}")
    )
    prepared = run(case, tmp_path)
    if "03_12315投诉书.docx" not in prepared.files:
        assert result == "resolved"
        return
    assert word(prepared, "03_12315投诉书")[0] == "投诉书"


def test_a_contact_with_the_regulator_is_no_contact_with_the_other_side(tmp_path):
    """In every filing's account of the contacts, the regulator is named, and so is what it did."""
    prepared = run(ACCEPTED, tmp_path)
    refund = "\n".join(word(prepared, "01_平台退款申请书"))
    assert (
        "2026年10月27日，市场监督管理部门受理申请人的投诉（12315短信通知），申请人记录："
        "“短信说投诉已转到海曙区市场监管局处理”。"
    ) in refund
    for name, content in prepared.files.items():
        if name.endswith(".txt"):
            words = content.decode("utf-8")
            assert "联系对方" not in words, name
            assert "对方已受理" not in words, name
    summary = text(prepared, "00_案件概要")
    assert "2026年10月27日　通过12315短信通知联系市场监督管理部门：市场监督管理部门已受理" in summary


def test_a_complaint_made_under_the_interim_rules_is_counted_and_cited_by_them(tmp_path):
    """Submitted on 2026-04-08, before the 2026 办法 took effect: its acceptance decision follows 暂行办法第十四条
    (7 working days, China calendar), and the annex and the summary's list carry that article."""
    source = SUBMITTED.read_text(encoding="utf-8")
    for old, new in (
        ("filing_date: 2026-11-24", "filing_date: 2026-04-20"),
        ("paid_at: 2026-11-01 21:15", "paid_at: 2026-04-01 21:15"),
        ("2026-11-03, with: platform", "2026-04-03, with: platform"),
        ("2026-11-10, with: public", "2026-04-05, with: public"),
        ("2026-11-18, with: regulator", "2026-04-08, with: regulator"),
    ):
        source = source.replace(old, new)
    case = tmp_path / "interim.yaml"
    case.write_text(source, encoding="utf-8")
    prepared = run(case, tmp_path)
    summary = text(prepared, "00_案件概要")
    due = cn_date(add_working_days(date(2026, 4, 8), 7))
    assert f"市场监管部门受理决定期限：最迟{due}（《市场监督管理投诉举报处理暂行办法》第十四条；" in summary
    # the deadline's basis is the summary's alone: quoted there, not sent to the other side in the annex
    assert "《市场监督管理投诉举报处理暂行办法》第十四条（2020年1月1日起施行），仅本概要引用" in summary
    assert "《市场监督管理投诉举报处理暂行办法》第十四条（" not in text(prepared, "05_法律依据")


def test_no_mediation_request_to_the_consumer_association_beside_a_pending_complaint(tmp_path):
    """消协 mediation and the 12315 complaint are alternatives: with the complaint running, no 06 is drafted,
    and the summary says why."""
    prepared = run(SUBMITTED, tmp_path)
    assert "06_消协调解申请书.docx" not in prepared.files
    assert "- 未生成《调解申请书》（消协）：本争议已向12315投诉，尚在受理或调解中；" in text(prepared, "00_案件概要")


def test_no_12315_complaint_while_the_consumer_association_mediates(tmp_path):
    """The mirror: a dispute the 消协 has taken up is not complained of to 12315 (办法第十六条第（二）项)."""
    case = tmp_path / "association.yaml"
    case.write_text(
        SUBMITTED.read_text(encoding="utf-8").replace(
            "with: regulator, method: 全国12315平台, summary: 在12315填了投诉表，还在等",
            "with: consumer_association, method: 广州市消委会热线, summary: 消委会登记了调解申请",
        ),
        encoding="utf-8",
    )
    prepared = run(case, tmp_path)
    assert "03_12315投诉书.docx" not in prepared.files
    summary = text(prepared, "00_案件概要")
    assert "- 未生成《投诉书》（12315）：本争议已请消费者协会调解，尚未结束；" in summary
    assert "市场监管部门受理决定期限" not in summary
    assert "等待消费者协会调解；此期间不向12315投诉同一争议" in summary


def test_a_decision_overdue_at_filing_is_a_reminder_to_ask_about_it(tmp_path):
    """Filed after the 7 working days from the complaint: the summary reminds the user to ask how it stands; a
    decision still to come is no deadline the user must meet (no 请立即提交)."""
    case = tmp_path / "late.yaml"
    case.write_text(SUBMITTED.read_text(encoding="utf-8").replace("filing_date: 2026-11-24", "filing_date: 2026-12-01"))
    summary = text(run(case, tmp_path), "00_案件概要")
    assert (
        "- 市场监管部门受理决定期限（2026年11月27日）在提交日2026年12月1日已经届满："
        "如仍未收到是否受理的决定，请在提交《投诉补充材料》时询问该投诉的受理情况"
    ) in summary
    assert "等待市场监管部门作出是否受理的决定" not in summary  # a wait that is over is no step
    on_time = text(run(SUBMITTED, tmp_path / "on-time"), "00_案件概要")
    assert "受理决定期限将于" not in on_time and "受理决定期限（" not in on_time


def test_an_acceptance_the_record_dates_later_counts_from_that_day(tmp_path):
    """One contact, dated the day it was submitted, whose record says “10月27日短信通知已受理”: the filings say it was
    submitted that day and accepted on the 27th, and mediation runs from the 27th (as when recorded apart)."""
    source = ACCEPTED.read_text(encoding="utf-8")
    one = "\n".join(line for line in source.splitlines() if "12315短信通知" not in line).replace(
        "summary: 提交了投诉, result: submitted", "summary: 提交了投诉，10月27日短信通知已受理, result: accepted"
    )
    case = tmp_path / "one-contact.yaml"
    case.write_text(one + "\n", encoding="utf-8")
    prepared = run(case, tmp_path)
    summary = text(prepared, "00_案件概要")
    assert "12315调解期限：最迟2026年12月26日（" in summary and "（2026年10月27日）起算" in summary
    post = text(prepared, "04_黑猫投诉")
    assert "2026年10月20日通过全国12315平台向市场监督管理部门投诉，2026年10月27日受理" in post
    assert "2026年10月20日市场监督管理部门受理" not in post


@pytest.mark.parametrize(
    ("summary", "accepted"),
    [
        ("提交了投诉，10月27日短信通知已受理", date(2026, 10, 27)),
        ("2027年1月3日显示已受理", date(2027, 1, 3)),
        ("1月3日受理了", date(2027, 1, 3)),  # a day without its year, before the contact's: the next year's
        ("10月27日说不予受理", date(2026, 10, 20)),  # not an acceptance
        ("已受理", date(2026, 10, 20)),  # no day named: the contact's own
    ],
)
def test_the_acceptance_day_a_record_names(summary, accepted):
    contact = Contact(date=date(2026, 10, 20), party="regulator", method="12315", summary=summary, result="accepted")
    assert accepted_day(contact) == accepted
