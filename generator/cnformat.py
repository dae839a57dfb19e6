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


def _bare_package(name: str):
    """Package `name` registered without running its __init__ (its modules are imported as needed)."""
    if name not in sys.modules:
        sys.modules[name] = importlib.util.module_from_spec(importlib.util.find_spec(name))
    return sys.modules[name]


@lru_cache(maxsize=1)
def _cn2an_package():
    """cn2an's package, registered without running its __init__ or that of its helper `proces`.

    cn2an's __init__ builds all three of its converters at import (about 150 ms, most of a single
    run's start-up) and proces's compiles an address-masking regex (about 25 ms) cn2an never uses;
    we load only the modules the converters need. The modules themselves are the libraries' own.
    """
    proces = _bare_package("proces")
    if not hasattr(proces, "preprocess"):
        from proces.preprocess import preprocess  # what cn2an imports as `from proces import preprocess`

        proces.preprocess = preprocess
    return _bare_package("cn2an")


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
