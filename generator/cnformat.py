"""Dates the way a Chinese filing writes them: 2026年9月1日, 2026年9月1日20时15分."""

from __future__ import annotations

import importlib.util
import sys
import unicodedata
from contextlib import contextmanager
from datetime import date, datetime
from fractions import Fraction
from functools import lru_cache


def cn_date(value: date | datetime) -> str:
    """2026年9月1日 (no zero padding), or 2026年9月1日20时15分 / 8时05分 for a date-time."""
    text = f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, datetime):
        text += cn_time(value)
    return text


def cn_dates(values) -> str:
    """A series of dates as a filing lists them: `2026年10月15日、11月15日、2027年1月15日` — the year is named
    again only where it changes."""
    return "、".join(cn_date_series(values))


def cn_date_series(values) -> list[str]:
    """Each date of a series as cn_dates writes it, one by one (for a list that says more after each date)."""
    out, year = [], None
    for value in values:
        text = cn_date(value)
        out.append(text if value.year != year else text.split("年", 1)[1])
        year = value.year
    return out


def cn_time(value: datetime) -> str:
    """The time of day alone: 10时32分, 8时05分."""
    return f"{value.hour}时{value.minute:02d}分"


@contextmanager
def _without_package_inits(*names: str):
    """Import modules of the packages `names` without running the packages' __init__.

    cn2an's __init__ builds all three of its converters at import (about 150 ms, most
    of a single run's start-up) and that of its helper proces compiles an address
    regex (about 25 ms) cn2an never uses; we load only the modules a converter needs.
    The stand-in packages are removed afterwards, so a later `import cn2an` anywhere
    in the process gets the whole package, reusing the modules already loaded.
    """
    added = [name for name in names if name not in sys.modules]
    for name in added:
        spec = importlib.util.find_spec(name)
        if spec is None:
            raise ModuleNotFoundError(name)
        sys.modules[name] = importlib.util.module_from_spec(spec)
    try:
        if "proces" in added:
            from proces.preprocess import preprocess  # what cn2an imports as `from proces import preprocess`

            vars(sys.modules["proces"])["preprocess"] = preprocess
        yield
    finally:
        for name in added:
            del sys.modules[name]


@lru_cache(maxsize=1)
def _an2cn():
    with _without_package_inits("proces", "cn2an"):
        from cn2an.an2cn import An2Cn

    return An2Cn().an2cn


@lru_cache(maxsize=1)
def _cn2an():
    with _without_package_inits("proces", "cn2an"):
        from cn2an.cn2an import Cn2An

    return Cn2An().cn2an


@lru_cache(maxsize=256)  # a case writes its amounts in several filings
def rmb_capitals(amount: str) -> str:
    """`118.50` → 壹佰壹拾捌元伍角 (cn2an's financial capitals)."""
    return _an2cn()(amount, "rmb")


@lru_cache(maxsize=1024, typed=True)  # article, paragraph and item numbers: a hundred a case, the same ones
def chinese_number(number: int) -> str:
    """`3` → 三, `500` → 五百."""
    return _an2cn()(str(number), "low")


def chinese_count(number: int) -> str:
    """A number before a measure word (笔, 次): `2` → 两 (两笔, not 二笔), else as chinese_number."""
    return "两" if number == 2 else chinese_number(number)


def chinese_fraction(share: Fraction) -> str:
    """`2/3` → 三分之二, as cn2an.transform writes a fraction (its Transform would build every converter)."""
    return f"{chinese_number(share.denominator)}分之{chinese_number(share.numerator)}"


def arabic_number(text: str) -> int:
    """`二十四` → 24; ValueError when the text is no number."""
    known = _plain_numerals().get(text)
    return known if known is not None else int(_cn2an()(text, "smart"))


@lru_cache(maxsize=1)
def _plain_numerals() -> dict[str, int]:
    """一 … 一千二百九十九 → 1 … 1299, as cn2an's An2Cn writes them: the article and paragraph numbers a
    filing names. Its Cn2An takes about 0.2 s to set up, An2Cn is loaded for the money's capitals anyway,
    and Cn2An reads each of these back as the same number; other text still goes to Cn2An. Kept in the
    cache folder: writing 1,299 numerals costs about 20 ms."""
    from importlib.metadata import version

    from generator.cache import cached_data

    return cached_data("numerals", "1-1299", lambda: {chinese_number(n): n for n in range(1, 1300)}, version("cn2an"))


def display_width(text: str) -> int:
    """Columns a terminal or editor gives the text: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    """Text padded with spaces to `width` terminal columns."""
    return text + " " * max(width - display_width(text), 1)


CLAUSE_ENDS = "，,。；;！!？?"
_OPENING, _CLOSING = "“‘「『（(【《", "”’」』）)】》"


def clauses(text: str) -> list[str]:
    """The clauses of a text, each with the punctuation that ends it; never split inside a quote or bracket."""
    out, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += (char in _OPENING) - (char in _CLOSING and depth > 0)
        ends_here = char in CLAUSE_ENDS and depth == 0 and (i + 1 == len(text) or text[i + 1] not in CLAUSE_ENDS)
        if ends_here:
            out.append(text[start : i + 1])
            start = i + 1
    return out + ([text[start:]] if text[start:] else [])


def bare_clauses(text: str) -> list[str]:
    """The clauses of a text without the punctuation that ends them, stripped, empty ones left out."""
    return [c for c in (c.rstrip(CLAUSE_ENDS).strip() for c in clauses(text)) if c]


def nest(text: str) -> str:
    """Quotes inside a quotation: the user's “…” become ‘…’, as Chinese usage nests them."""
    return text.replace("“", "‘").replace("”", "’")
