"""Following cases: `next`, `status`, the calendar's actions and the history kept on --force."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

ROUTE = Path(__file__).parent / "route_cases"


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_next_names_the_one_thing_to_do_and_its_file():
    """Visa window on 2026-12-07: on 2026-11-25 the chargeback, 12 days left, with the file to send."""
    result = run("next", str(ROUTE / "visa-closing.yaml"), "--on", "2026-11-25")
    assert result.exit_code == 0
    assert "现在要做：向发卡银行申请争议交易（拒付）" in result.output
    assert "最迟2026年12月7日，还有12日" in result.output
    assert "要提交的文书：《02_支付争议申请》尚未生成" in result.output


def test_next_says_overdue_and_still_exits_0():
    result = run("next", str(ROUTE / "visa-closing.yaml"), "--on", "2026-12-10")
    assert result.exit_code == 0
    assert "最迟2026年12月7日，已逾期3日" in result.output


def test_next_shows_done_steps_with_dates_and_outcomes():
    result = run("next", str(ROUTE / "regulator-accepted.yaml"), "--on", "2026-10-01")
    assert "2026年9月8日　12315投诉：市场监督管理部门已受理" in result.output  # the regulator, not the other side
    assert "配合市场监管部门调解，调解期限至2026年11月7日" in result.output
    assert "2026年11月9日起" in result.output  # the court, once mediation has run its course


def test_next_points_at_the_written_filing(tmp_path):
    out = tmp_path / "out"
    assert run(str(ROUTE / "visa-closing.yaml"), "--out", str(out)).exit_code == 0
    result = run("next", str(ROUTE / "visa-closing.yaml"), "--on", "2026-11-25", "--out", str(out))
    assert f"要提交的文书：{out / 'visa-closing' / '02_支付争议申请.docx'}" in result.output


def test_next_refuses_a_bad_date():
    result = CliRunner().invoke(main, ["next", str(ROUTE / "visa-closing.yaml"), "--on", "2026-13-01"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_status_json_most_urgent_first(tmp_path):
    folder = tmp_path / "cases"
    shutil.copytree(ROUTE, folder)
    result = run("status", str(folder), "--json", "--on", "2026-12-10")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert [r["case_id"] for r in rows][0] == "visa-closing"
    first = rows[0]
    assert set(first) == {"file", "case_id", "person", "stage", "action", "kind", "due", "overdue"}
    assert first["overdue"] is True and first["due"] == "2026-12-07" and first["kind"] == "payment_dispute"
    assert first["person"] == "赵六"
    by_id = {r["case_id"]: r for r in rows}
    # the merchant refused inside the WeChat Pay complaint: the stage says so in the user's record
    assert by_id["wechat-refused"]["stage"] == "支付渠道争议：投诉人记录：“商家回复不同意退款，投诉已完结”"
    assert "申请平台协助" in by_id["wechat-refused"]["action"]
    assert "保全证据" in by_id["vanished-individual"]["action"]


def test_status_reports_a_broken_case_as_a_row_and_exits_1(tmp_path):
    folder = tmp_path / "cases"
    shutil.copytree(ROUTE, folder)
    (folder / "broken.yaml").write_text("case_id: broken\ncomplainant: [\n", encoding="utf-8")
    result = run("status", str(folder), "--json", "--on", "2026-11-25")
    assert result.exit_code == 1
    rows = json.loads(result.output)
    assert rows[0]["file"].endswith("broken.yaml") and rows[0]["error"]
    assert len(rows) == len(list(ROUTE.glob("*.yaml"))) + 1


def test_status_table_has_one_line_per_case(tmp_path):
    result = run("status", str(ROUTE), "--on", "2026-11-25", "--out", str(tmp_path))
    lines = result.output.splitlines()
    assert len(lines) == len(list(ROUTE.glob("*.yaml"))) + 1 and lines[0].split()[:3] == ["案件编号", "当事人", "阶段"]
    assert lines[1].startswith("visa-closing") and "2026-12-07" in lines[1] and "（文书尚未生成）" in lines[1]


def test_calendar_carries_the_next_actions_with_reminders(tmp_path):
    from icalendar import Calendar

    assert run(str(ROUTE / "visa-closing.yaml"), "--out", str(tmp_path), "--calendar").exit_code == 0
    cal = Calendar.from_ical((tmp_path / "visa-closing" / "deadlines.ics").read_bytes())
    actions = [e for e in cal.walk("VEVENT") if "-step-" in str(e["uid"])]
    chargeback = next(e for e in actions if "payment_card_window" in str(e["uid"]))
    assert chargeback.decoded("dtstart").isoformat() == "2026-12-07"
    assert "向发卡银行申请争议交易" in str(chargeback["summary"])
    assert len(chargeback.walk("VALARM")) == 2


def test_force_keeps_the_replaced_filings_in_history(tmp_path):
    """The filings of the first run may have been sent: a --force run keeps them in history/<when>/."""
    out = tmp_path / "out"
    case = tmp_path / "case.yaml"
    case.write_text((ROUTE / "wechat-refused.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert run(str(case), "--out", str(out)).exit_code == 0
    first = (out / "wechat-refused" / "02_支付争议申请.txt").read_bytes()
    assert run(str(case), "--out", str(out), "--force").exit_code == 0
    assert run(str(case), "--out", str(out), "--force").exit_code == 0
    history = sorted((out / "wechat-refused" / "history").iterdir())
    assert len(history) == 2  # one per replaced run, the earlier one carried along
    assert (history[0] / "02_支付争议申请.txt").read_bytes() == first
    assert (history[0] / "manifest.json").is_file() and not (history[1] / "history").exists()


def test_a_recorded_reply_moves_the_plan_on_after_force(tmp_path):
    """The user records WeChat Pay's refusal and re-runs with --force: the plan offers 平台协助, the old plan is
    kept."""
    out = tmp_path / "out"
    case = tmp_path / "case.yaml"
    text = (ROUTE / "wechat-refused.yaml").read_text(encoding="utf-8")
    before = "\n".join(line for line in text.splitlines() if "with: payment" not in line) + "\n"
    case.write_text(before, encoding="utf-8")
    assert run(str(case), "--out", str(out)).exit_code == 0
    first = json.loads((out / "wechat-refused" / "manifest.json").read_text(encoding="utf-8"))
    # the platform refused in chat: its written refund request first, then WeChat Pay
    assert [step["id"] for step in first["plan"][:2]] == ["platform_request_in_writing", "payment_wechat"]
    case.write_text(text, encoding="utf-8")
    assert run(str(case), "--out", str(out), "--force").exit_code == 0
    second = json.loads((out / "wechat-refused" / "manifest.json").read_text(encoding="utf-8"))
    assert second["plan"][0]["id"] == "wechat_platform_assist"
    assert second["done"][-1] == {
        "step": "支付渠道争议",
        "id": "payment_wechat",
        "kind": "payment_dispute",
        "date": "2026-11-06",
        "result": "refused",
        "outcome": "投诉人记录：“商家回复不同意退款，投诉已完结”",  # the merchant's answer, as the user recorded it
    }
    assert "商家回复不同意退款" in (out / "wechat-refused" / "03_12315投诉书.txt").read_text(encoding="utf-8")
    kept = next((out / "wechat-refused" / "history").iterdir())
    assert json.loads((kept / "manifest.json").read_text(encoding="utf-8"))["plan"][1]["id"] == "payment_wechat"


def test_next_reports_each_step_done_as_the_user_recorded_it(tmp_path):
    """A step done is reported as what happened: “民警让我去派出所做笔录” is no “已提交，尚未收到答复”."""
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(Path(__file__).parent / "contact_cases" / "police-and-platform-answers.yaml", folder)
    result = run("next", str(folder / "police-and-platform-answers.yaml"), "--on", "2026-11-25")
    assert result.exit_code == 0, result.output
    assert "2026年11月4日　报警：投诉人记录：“民警让我去派出所做笔录”" in result.output
    assert "2026年11月2日　平台退款申请：投诉人记录：“客服说要转给主管，之后再没消息”" in result.output
    assert "2026年11月6日　12315投诉：已提交，尚未收到答复" in result.output  # a record that tells no answer
