"""What a person types, read the way they meant it: one set of rules for `init` and for a hand-written file.

A Chinese input method puts `98元`, `2026/9/1`, `2026年9月1日`, `12个月`,
full-width digits and Chinese quotes around a name into a file as easily as
the plain forms. Amounts, dates, month counts, identifiers, names and choices
are read without that wrapping; free text (descriptions, summaries, promises)
keeps every character the user wrote. Nothing here rewrites the case file: the
normalised values go to validation, and each unwrapping is reported as a note
naming the line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

# Text the user writes in their own words: quoted as theirs in the filings, never trimmed.
FREE_TEXT_KEYS = frozenset({"description", "advertised", "summary", "delivered", "extra", "text", "method"})

# Chinese quotation marks and the full-width (ideographic) space an input method types.
_QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", "‘": "’"}
_WRAP_SPACE = "\u3000 \t"

_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$")
_TIME_RE = re.compile(r"^(\d{1,2})\s*[:：点时]\s*(\d{1,2})?\s*分?$")
_MONTHS_RE = re.compile(r"^(\d{1,3})\s*(?:个月|個月|月)?$")
_MONEY_RE = re.compile(r"^[¥￥]?\s*(\d+(?:\.\d+)?)\s*(?:元|块|rmb|RMB|CNY)?$")


@dataclass(frozen=True)
class Note:
    """One value read differently from how it was written, and where."""

    path: tuple
    written: str
    read: str


def unwrap(text: str) -> str:
    """The text without surrounding full-width spaces and one pair of Chinese quotes."""
    core = text.strip(_WRAP_SPACE)
    while len(core) >= 2 and _QUOTE_PAIRS.get(core[0]) == core[-1]:
        core = core[1:-1].strip(_WRAP_SPACE)
    return core


def _narrow(text: str) -> str:
    """Full-width digits, letters and punctuation as their ASCII forms (１２ → 12, ： → :)."""
    return unicodedata.normalize("NFKC", text).strip()


def normal_date(text: str) -> str | None:
    """`2026/9/1`, `2026.9.1`, `2026年9月1日` → `2026-09-01`; None when it is not a date."""
    match = _DATE_RE.match(_narrow(text))
    if not match:
        return None
    y, m, d = map(int, match.groups())
    try:
        return date(y, m, d).isoformat()
    except ValueError:  # 2026/2/30 stays as written, for validation to show it
        return None


def normal_moment(text: str) -> str | None:
    """A date, or a date and time (`2026年9月1日 20:15`, `2026/9/1 20点15分`) → `2026-09-01 20:15`."""
    narrow = _narrow(text)
    day = normal_date(narrow)
    if day:
        return day
    match = re.match(r"^(.*?[日号\d])\s*(?:[ T]|(?<=[日号]))\s*(\d{1,2}\s*[:：点时].*)$", narrow)
    if not match:
        return None
    day, time = normal_date(match.group(1)), _TIME_RE.match(match.group(2).strip())
    if not day or not time:
        return None
    hour, minute = int(time.group(1)), int(time.group(2) or 0)
    return f"{day} {hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None


def normal_months(text: str) -> str | None:
    """`12个月`, `12月`, `１２` → `12`."""
    match = _MONTHS_RE.match(_narrow(text))
    return str(int(match.group(1))) if match else None


def normal_money(text: str) -> str | None:
    """`98元`, `￥98`, `98.50 元` → `98` / `98.50`, exactly the digits written."""
    match = _MONEY_RE.match(_narrow(text).replace(",", ""))
    return match.group(1) if match else None


_NORMALISERS = {
    "date": normal_date,
    "date_or_datetime": normal_moment,
    "int": normal_months,
    "money": normal_money,
    "refund": normal_money,
}


def relax(data: dict, schema: dict) -> tuple[dict, list[Note]]:
    """The case data with its values read leniently, and a note for each value unwrapped."""
    notes: list[Note] = []
    return _relax_mapping(data, schema, (), notes), notes


def _relax_mapping(data: dict, schema: dict, path: tuple, notes: list) -> dict:
    out = {}
    for key, value in data.items():
        rule = schema.get(key) if isinstance(key, str) else None
        out[key] = _relax_value(value, rule, path + (key,), notes) if isinstance(rule, dict) else value
    return out


def _relax_value(value, rule: dict, path: tuple, notes: list):
    if isinstance(value, dict) and rule.get("type") == "dict":
        return _relax_mapping(value, rule.get("schema", {}), path, notes)
    if isinstance(value, list) and rule.get("type") == "list":
        item_rule = rule.get("schema", {})
        return [_relax_value(v, item_rule, path + (i,), notes) for i, v in enumerate(value)]
    if isinstance(value, str):
        return _relax_text(value, rule, path, notes)
    return value


def _relax_text(value: str, rule: dict, path: tuple, notes: list) -> str:
    """One written value: free text as it is; anything else unwrapped, then normalised by its kind."""
    key = next((p for p in reversed(path) if isinstance(p, str)), "")
    if key in FREE_TEXT_KEYS or "\n" in value:
        return value
    core = unwrap(value)
    if core != value.strip(" ") and core:
        notes.append(Note(path, value, core))
    normalise = _NORMALISERS.get(rule.get("coerce", ""))
    if normalise:
        return normalise(core) or core
    return core


def describe(note: Note, line: int | None) -> str:
    """The user-facing note: where, what was written and how it is read."""
    at = f"第{line}行" if line else "案件文件中"
    return (
        f"{at}：{note.written.strip()} 两边的引号或全角空格已去掉，按 {note.read} 读取"
        "（名称、号码、日期和选项不需要加引号；案件文件本身没有改动）"
    )
