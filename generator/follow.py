"""Following cases over time: where one stands (`next`), many at a glance (`status`), the calendar, history.

Everything is read from the case files, which stay the one source of truth; the
last output is only looked at to say whether a filing has been written. No
evidence is read, so a case can be followed before any run.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from generator import clock
from generator.case.model import Case
from generator.cnformat import cn_date
from generator.data_files import data_loader
from generator.errors import CaseFileError, FilingError
from generator.filings.plan import Plan, case_plan
from generator.vocabulary import FILE_STEMS

HISTORY = "history"
DATA_FILES = (
    "plan.yaml",
    "channels.yaml",
    "offices.yaml",
    "provisions.yaml",
    "holidays.yaml",
    "rules.yaml",
    "amounts.yaml",
)
# Reminders before an action's last day and on its first possible day (the tool's choice, not law).
REMINDERS_BEFORE_DUE = (timedelta(days=-3), timedelta(days=-1))


@dataclass(frozen=True)
class Standing:
    """One case on one day: who, and its plan."""

    file: Path
    case: Case
    plan: Plan
    deadlines: tuple

    @property
    def case_id(self) -> str:
        return self.case.case_id

    @property
    def person(self) -> str:
        return self.case.complainant.name


def standing(file: str | Path, on: date | None = None) -> Standing:
    """Load and validate a case (evidence unread) and compute its plan on `on` (default: today, China time)."""
    from generator.case.load import load_case
    from generator.case.validate import validate_case
    from generator.filings.analyse import case_facts
    from generator.law.deadlines import compute_deadlines

    on = on or today()
    valid = validate_case(load_case(file), today=on, evidence=False)
    case = valid.case
    deadlines, _ = compute_deadlines(case)
    plan = case_plan(case, case_facts(case, ()), deadlines, on)
    return Standing(Path(file), case, plan, tuple(deadlines))


def today() -> date:
    return clock.today()


# --- next ---------------------------------------------------------------------


def next_report(s: Standing, out: Path) -> str:
    """Where the case stands: steps done, open steps with their dates, the one thing to do now."""
    on = s.plan.on
    lines = [f"案件 {s.case_id}（{s.person}），{cn_date(on)}：{s.plan.stage()}"]
    if s.plan.done:
        lines.append("已完成：")
        lines += [f"  {cn_date(d.date)}　{d.label}：{d.outcome}" for d in s.plan.done]
    if not s.plan.steps:
        lines.append("没有待办的步骤。")
        return "\n".join(lines)
    lines.append("待办（最急的在前）：")
    for n, step in enumerate(s.plan.steps, 1):
        lines.append(f"  {n}. {step.action}{_dates(step, on)}")
    now = s.plan.now()
    if now is None:
        first = s.plan.steps[0]
        lines.append(f"现在没有可以做的步骤；最早{cn_date(first.not_before)}起：{first.action}")
        return "\n".join(lines)
    lines.append(f"现在要做：{now.action}")
    lines.append(f"理由：{now.reason}")
    if now.kind:
        lines.append(f"要提交的文书：{_filing_place(s.case_id, now.kind, out, s.file)}")
    return "\n".join(lines)


def _dates(step, on: date) -> str:
    parts = []
    if step.due:
        left = (step.due - on).days
        parts.append(
            f"最迟{cn_date(step.due)}"
            + (f"，已逾期{-left}日" if left < 0 else "，今日届满" if left == 0 else f"，还有{left}日")
        )
    if step.not_before and step.not_before > on:
        parts.append(f"{cn_date(step.not_before)}起")
    return f"（{'；'.join(parts)}）" if parts else ""


def _filing_place(case_id: str, kind: str, out: Path, file: Path) -> str:
    stem = FILE_STEMS[kind]
    written = out / case_id / f"{stem}.docx"
    if written.is_file():
        return f"{written}（文字版 {stem}.txt）"
    return f"《{stem}》尚未生成：先运行 make-filings {file}"


# --- status -------------------------------------------------------------------


def status_rows(folder: Path, on: date | None = None) -> list[dict]:
    """One row per case file in `folder`, most urgent first; a broken file is a row with `error`."""
    on = on or today()
    files = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    rows = [_row(f, on) for f in files]
    rows.sort(key=_urgency)
    return rows


def _row(file: Path, on: date) -> dict:
    """The row of one case file, from the cache when the file, the day and the package data are unchanged."""
    from generator.cache import cached_data

    try:
        text = file.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return _fresh_row(file, on)  # the loader says what is wrong with it
    return cached_data("status-row", text, lambda: _fresh_row(file, on), str(file), on.isoformat(), _data_fingerprint())


@data_loader
def _data_fingerprint() -> str:
    """What a row depends on besides the case file: the package's data files and the address parser."""
    import hashlib
    from importlib.metadata import version

    from generator.data_files import package_text

    digest = hashlib.sha256()
    for name in DATA_FILES:
        digest.update(package_text(name).encode("utf-8"))
    digest.update(version("jionlp").encode())
    return digest.hexdigest()


def _fresh_row(file: Path, on: date) -> dict:
    try:
        s = standing(file, on)
    except CaseFileError as exc:
        return {"file": str(file), "error": exc.message}
    except FilingError as exc:
        return {"file": str(file), "error": exc.message}
    now = s.plan.now() or (s.plan.steps[0] if s.plan.steps else None)
    return {
        "file": str(file),
        "case_id": s.case_id,
        "person": s.person,
        "stage": s.plan.stage(),
        "action": now.action if now else None,
        "kind": now.kind if now else None,
        "due": now.due.isoformat() if now and now.due else None,
        "overdue": bool(now and now.overdue(on)),
    }


def _urgency(row: dict):
    """Broken files first (nothing can be followed), then overdue, then by last day, undated last."""
    if "error" in row:
        return (0, "", row["file"])
    return (1 if row["overdue"] else 2, row["due"] or "9999-12-31", row["file"])


def status_table(rows: list[dict], out: Path) -> str:
    """The advocate's view: one line per case."""
    from generator.cnformat import pad

    header = ["案件编号", "当事人", "阶段", "期限", "逾期", "下一步"]
    table = [header]
    for row in rows:
        if "error" in row:
            table.append([Path(row["file"]).name, "—", "案件文件有误", "—", "—", row["error"].splitlines()[0]])
            continue
        written = (
            ""
            if row["kind"] is None or (out / row["case_id"] / f"{FILE_STEMS[row['kind']]}.docx").is_file()
            else "（文书尚未生成）"
        )
        table.append(
            [
                row["case_id"],
                row["person"],
                row["stage"],
                row["due"] or "—",
                "是" if row["overdue"] else "",
                (row["action"] or "没有待办的步骤") + written,
            ]
        )
    widths = [max(_width(r[i]) for r in table) + 2 for i in range(len(header) - 1)]
    return "\n".join("".join(pad(cell, widths[i]) for i, cell in enumerate(r[:-1])) + r[-1] for r in table)


def _width(text: str) -> int:
    from generator.cnformat import display_width

    return display_width(text)


def status_json(rows: list[dict]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2)


# --- the calendar ---------------------------------------------------------------


def add_actions_to_calendar(ics: bytes, plan: Plan, case_id: str, stamp: datetime | None = None) -> bytes:
    """The deadlines calendar with the plan's dated actions added, each with reminders."""
    from icalendar import Alarm, Calendar, Event

    cal = Calendar.from_ical(ics)
    stamp = stamp or clock.now()
    for step in plan.steps:
        day = step.due or step.not_before
        if day is None:
            continue
        event = Event()
        event.add("uid", f"{case_id}-step-{step.id}@make-filings")
        event.add("dtstamp", stamp)
        when = f"最迟{cn_date(step.due)}" if step.due else f"{cn_date(step.not_before)}起"
        event.add("summary", f"{case_id} 下一步（{when}）：{step.action}")
        event.add("description", f"理由：{step.reason}" + (f"\n文书：{FILE_STEMS[step.kind]}" if step.kind else ""))
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        for trigger in REMINDERS_BEFORE_DUE if step.due else (timedelta(0),):
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", step.action)
            alarm.add("trigger", trigger)
            event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()


# --- history on --force -----------------------------------------------------------


def carry_history(old: Path, staging: Path, when: datetime | None = None) -> None:
    """Before a case folder is replaced: keep its filings in `history/<when>/` of the new one.

    They may already have been sent. Earlier history moves along as it was. Called by
    write.py with the folder lock held, before the swap, so the new folder is whole when it appears.
    """
    if not old.is_dir():
        return
    history = staging / HISTORY
    earlier = old / HISTORY
    if earlier.is_dir():
        _copy(earlier, history)
    stamp = (when or clock.now().astimezone()).strftime("%Y-%m-%d_%H%M%S")  # local time, as the user reads it
    target, n = history / stamp, 1
    while target.exists():  # two runs within one second
        n += 1
        target = history / f"{stamp}_{n}"
    target.mkdir(parents=True)
    for entry in old.iterdir():
        if entry.name != HISTORY:
            _copy(entry, target / entry.name)


def _copy(source: Path, target: Path) -> None:
    """A hard link where the file system allows (same disk, instant), else a copy."""
    if source.is_dir():
        shutil.copytree(source, target, copy_function=_link_or_copy, dirs_exist_ok=True)
    else:
        _link_or_copy(source, target)


def _link_or_copy(source, target) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
