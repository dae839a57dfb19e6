"""The slips a Chinese keyboard makes in a YAML file, found on the line where they are.

PyYAML reports a full-width colon or a missing space after a colon where it
gives up, usually the line below, in words about quotes and brackets. The
lines up to where it stopped are read here for the slip itself, so the message
names it, gives its line and says how to fix it.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path

from generator.case.schema import SCHEMA

_KEY = r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[A-Za-z_][A-Za-z0-9_]*)"
_FULL_WIDTH_COLON = re.compile(_KEY + r"\s*：")
_NO_SPACE = re.compile(_KEY + r":(?P<rest>[^\s:/].*)$")
_TAB_INDENT = re.compile(r"^ *\t")


def slip_at(text: str, stop_line: int | None) -> tuple[int, str] | None:
    """The first slip on lines 1 … `stop_line` (1-based, inclusive): its line and the message."""
    lines = text.splitlines()
    last = len(lines) if stop_line is None else min(stop_line, len(lines))
    for number, line in enumerate(lines[:last], 1):
        message = _slip_in(line)
        if message:
            return number, message
    return None


def _slip_in(line: str) -> str | None:
    if line.lstrip().startswith("#"):
        return None
    if _TAB_INDENT.match(line):
        return "行首用了Tab键缩进，YAML 不允许用Tab键缩进：请删掉Tab，改用空格（同一层的键左对齐，下一层多两个空格）"
    match = _FULL_WIDTH_COLON.match(line)
    if match:
        key = match.group("key")
        return f"冒号用了中文全角“：”，请改成英文冒号加空格：{key}: …"
    match = _NO_SPACE.match(line)
    if match:
        key = match.group("key")
        return f"冒号后面缺少空格，请在“{key}:”后面加一个空格：{key}: {match.group('rest').split(' #')[0].strip()}"
    return None


def key_slips(text: str) -> list[tuple[int, str]]:
    """Slips that still parse: `name：张三` alone under `complainant:` reads as the text “name：张三”.

    Only lines that begin with a key of the case format count, so a customer-service
    note such as `QQ：12345` inside a description is never taken for one.
    """
    keys = _format_keys()
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        match = _FULL_WIDTH_COLON.match(line) or _NO_SPACE.match(line)
        slip = _slip_in(line) if match and match.group("key") in keys else None
        if slip:
            found.append((number, slip))
    return found


@lru_cache(maxsize=1)
def _format_keys() -> frozenset[str]:
    keys: set[str] = set()

    def walk(rules: dict) -> None:
        for key, rule in rules.items():
            keys.add(key)
            if isinstance(rule, dict) and isinstance(rule.get("schema"), dict):
                inner = rule["schema"]
                walk(inner.get("schema", {}) if rule.get("type") == "list" and "type" in inner else inner)

    walk(SCHEMA)
    return frozenset(keys)


def missing_dash(key: str, first_line: int) -> str:
    """A list item's first key repeated: the next item lost its `- `, it is not a duplicate."""
    return (
        f"这一行的“{key}”看起来是新的一项，但前面少了“- ”（上一项从第{first_line}行开始）："
        f"请在“{key}:”前加上“- ”，与上一项的“- ”对齐；不要删除任何一项"
    )


def nearest_file(base: Path, written: str) -> str | None:
    """The existing file under `base` whose relative path is closest to what was written."""
    candidates: list[str] = []
    for path in base.rglob("*"):
        if len(candidates) > 2000:  # a case folder holds dozens; do not walk a whole disk
            break
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(base).parts):
            candidates.append(path.relative_to(base).as_posix())
    match = difflib.get_close_matches(written, candidates, n=1, cutoff=0.5)
    return match[0] if match else None
