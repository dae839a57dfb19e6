"""Dates the way a Chinese filing writes them: 2026年9月1日, 2026年9月1日20时15分."""
from __future__ import annotations

import importlib.util
import sys
import unicodedata
from datetime import date, datetime
from functools import lru_cache


def cn_date(value: date | datetime) -> str:
    """2026年9月1日 (no zero padding), or 2026年9月1日20时15分 / 8时05分 for a date-time."""
    text = f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, datetime):
        text += f"{value.hour}时{value.minute:02d}分"
    return text


@lru_cache(maxsize=1)
def _cn2an_package():
    """cn2an's package, registered without running its __init__.

    That __init__ builds all three of cn2an's converters at import (about 150 ms, most of a
    single run's start-up); we build only the one we use. The modules themselves are cn2an's own.
    """
    if "cn2an" not in sys.modules:
        spec = importlib.util.find_spec("cn2an")
        sys.modules["cn2an"] = importlib.util.module_from_spec(spec)
    return sys.modules["cn2an"]


@lru_cache(maxsize=1)
def _an2cn():
    _cn2an_package()
    from cn2an.an2cn import An2Cn

    return An2Cn().an2cn


@lru_cache(maxsize=1)
def _cn2an():
    _cn2an_package()
    from cn2an.cn2an import Cn2An

    return Cn2An().cn2an


def rmb_capitals(amount: str) -> str:
    """`118.50` → 壹佰壹拾捌元伍角 (cn2an's financial capitals)."""
    return _an2cn()(amount, "rmb")


def chinese_number(number: int) -> str:
    """`3` → 三, `500` → 五百."""
    return _an2cn()(str(number), "low")


def arabic_number(text: str) -> int:
    """`二十四` → 24; ValueError when the text is no number."""
    return int(_cn2an()(text, "smart"))


def display_width(text: str) -> int:
    """Columns a terminal or editor gives the text: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    """Text padded with spaces to `width` terminal columns."""
    return text + " " * max(width - display_width(text), 1)
