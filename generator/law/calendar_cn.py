"""China's working-day calendar and the counting of periods.

Which days are working days comes from the State Council's yearly notice
(国务院办公厅关于部分节假日安排的通知): through the `chinesecalendar` library
where it has the year, else from `data/holidays.yaml`, else from weekends alone.
A year counted by weekends alone is a gap the caller must warn about
(`calendar_gaps`, `gap_warning`): nothing here fails for a year without data.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

import chinese_calendar

from generator.case.model import day_of
from generator.data_files import data_loader, located, package_text, read_checked
from generator.errors import DataError

_HOLIDAYS_SCHEMA = {
    "years": {
        "type": "dict",
        "required": True,
        "keysrules": {"type": "integer", "min": 1949},
        "valuesrules": {
            "type": "dict",
            "schema": {
                "source": {"type": "string", "required": True, "regex": ".*国务院办公厅.*"},
                "holidays": {"type": "list", "required": True, "schema": {"type": "date"}},
                "workdays": {"type": "list", "required": True, "schema": {"type": "date"}},
            },
        },
    },
}


@dataclass(frozen=True)
class NoticeYear:
    """One year's holidays and make-up working days, as the State Council announced them."""

    year: int
    source: str
    holidays: frozenset[date]
    workdays: frozenset[date]


def notice_years_from_yaml(text: str) -> dict[int, NoticeYear]:
    """Parse and check a holidays file; a malformed one is a `DataError`."""
    data = read_checked(text, _HOLIDAYS_SCHEMA, "holidays.yaml")
    return {
        year: located("holidays.yaml", ("years", year), lambda year=year, entry=entry: _notice_year(year, entry))
        for year, entry in data["years"].items()
    }


def _notice_year(year: int, entry: dict) -> NoticeYear:
    """One checked year; a date filed under the wrong year or as both kinds is refused."""
    holidays, workdays = frozenset(entry["holidays"]), frozenset(entry["workdays"])
    stray = sorted(d for d in holidays | workdays if d.year != year)
    if stray or holidays & workdays:
        raise DataError(
            f"{year} 年下列出了别的年份的日期 {[d.isoformat() for d in stray]}，"
            f"或同一天既是假日又是调休上班日 {[d.isoformat() for d in sorted(holidays & workdays)]}"
        )
    return NoticeYear(year, entry["source"], holidays, workdays)


@data_loader
def _notice_years() -> dict[int, NoticeYear]:
    """The package's holidays.yaml, read and checked once."""
    text = package_text("holidays.yaml")
    return notice_years_from_yaml(text)


@cache
def _library_has(year: int) -> bool:
    """Whether chinesecalendar knows the year."""
    # chinesecalendar raises NotImplementedError for any date of a year it lacks.
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def has_holiday_data(year: int) -> bool:
    """Whether the year's official holiday arrangement is known (library or data file)."""
    return _library_has(year) or year in _notice_years()


def is_working_day(d: date) -> bool:
    """Whether people work on this day in mainland China (weekends only for a year without data)."""
    d = day_of(d)
    if _library_has(d.year):
        return chinese_calendar.is_workday(d)
    notice = _notice_years().get(d.year)
    if notice and d in notice.workdays:
        return True
    if notice and d in notice.holidays:
        return False
    return d.weekday() < 5


def is_public_holiday(d: date) -> bool:
    """Whether the day is one of the notice's holidays (a plain weekend is not)."""
    d = day_of(d)
    if _library_has(d.year):
        return chinese_calendar.get_holiday_detail(d)[1] is not None
    notice = _notice_years().get(d.year)
    return bool(notice and d in notice.holidays)


def after_public_holiday(d: date) -> date:
    """`d`, or the first day after the public holiday it falls in: the settled part of 办法第四十五条's extension."""
    d = day_of(d)
    while is_public_holiday(d):
        d += timedelta(days=1)
    return d


def next_working_day(d: date) -> date:
    """`d` itself when it is a working day, else the first working day after it."""
    d = day_of(d)
    while not is_working_day(d):
        d += timedelta(days=1)
    return d


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after `start`; the starting day itself is not counted."""
    if n < 0:
        raise ValueError(f"n must not be negative, got {n}")
    d = day_of(start)
    while n:
        d += timedelta(days=1)
        n -= is_working_day(d)
    return d


def add_years(d: date, years: int) -> date:
    """The same day `years` later (or earlier); 29 February becomes 28 February.

    民法典 第二百零二条: a period counted in years ends on the corresponding day of
    the final month, or on that month's last day when it has none.
    """
    d = day_of(d)
    last = calendar.monthrange(d.year + years, d.month)[1]
    return d.replace(year=d.year + years, day=min(d.day, last))


def calendar_end(start: date, days: int = 0, years: int = 0) -> date:
    """The last day of a period by the calendar alone, before any holiday shift."""
    return add_years(start, years) + timedelta(days=days)


def period_end(start: date, days: int = 0, years: int = 0) -> date:
    """The last day of a period under 市场监督管理投诉举报处理办法 第四十五条.

    The starting day is not counted (so 3 years from 2026-09-01 ends on
    2029-09-01); years are added before days; a last day that is not a working
    day (a statutory holiday or a weekend) moves to the next working day, the
    reading of “法定节假日” that courts also give the rest days.
    """
    return next_working_day(calendar_end(start, days=days, years=years))


def calendar_gaps(dates: Iterable[date]) -> list[int]:
    """Years from the earliest to the latest of `dates` that are counted by weekends alone."""
    years = [day_of(d).year for d in dates]
    if not years:
        return []
    return [y for y in range(min(years), max(years) + 1) if not has_holiday_data(y)]


def gap_warning(year: int) -> str:
    """What a user is told about a year whose holidays are not known."""
    return f"{year}年的法定节假日安排未收录，相关期限按周末推算，请以国务院办公厅通知为准"
