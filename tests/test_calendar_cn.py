"""China's working-day calendar: holidays, make-up days, period ends and years without data."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import DataError
from generator.law import calendar_cn
from generator.law.calendar_cn import (
    NoticeYear,
    add_working_days,
    add_years,
    calendar_end,
    calendar_gaps,
    gap_warning,
    is_working_day,
    notice_years_from_yaml,
    period_end,
)


def test_national_day_2026_holidays_and_make_up_days():
    """2026: 10月1–7日 off; Sunday 9月20日 and Saturday 10月10日 are worked (国办 notice, via chinesecalendar)."""
    assert [is_working_day(date(2026, 10, d)) for d in range(1, 8)] == [False] * 7
    assert is_working_day(date(2026, 9, 20)) is True
    assert is_working_day(date(2026, 10, 10)) is True
    assert is_working_day(date(2026, 10, 11)) is False


def test_seven_working_days_from_just_before_national_day():
    """Filed 9月29日: 9月30日, 10月8日, 9日, 10日 (make-up Saturday), 12日, 13日, 14日."""
    assert add_working_days(date(2026, 9, 29), 7) == date(2026, 10, 14)


def test_add_working_days_starts_the_day_after_and_accepts_datetimes():
    """The starting day is not counted, whatever its hour."""
    assert add_working_days(date(2026, 11, 23), 1) == date(2026, 11, 24)
    assert add_working_days(datetime(2026, 11, 27, 23, 0), 1) == date(2026, 11, 30)
    assert add_working_days(date(2026, 11, 28), 0) == date(2026, 11, 28)


def test_negative_working_days_are_refused():
    """Counting backwards is not a period of the 办法."""
    with pytest.raises(ValueError):
        add_working_days(date(2026, 11, 23), -1)


def test_period_ending_on_a_holiday_moves_to_next_working_day():
    """30 days from 9月3日 end on 10月3日, inside 国庆; the period ends on 10月8日."""
    assert calendar_end(date(2026, 9, 3), days=30) == date(2026, 10, 3)
    assert period_end(date(2026, 9, 3), days=30) == date(2026, 10, 8)


def test_three_years_ending_in_national_day():
    """Three years from 2023-10-01 end on 2026-10-01, a holiday: moved to 10月8日."""
    assert period_end(date(2023, 10, 1), years=3) == date(2026, 10, 8)


def test_period_ending_on_a_plain_weekend_moves_to_monday():
    """A Saturday last day moves to the Monday after it."""
    assert period_end(date(2026, 11, 20), days=1) == date(2026, 11, 23)


def test_period_ending_on_a_working_day_stays():
    """Three years from 2023-11-24 end on Tuesday 2026-11-24."""
    assert period_end(date(2023, 11, 24), years=3) == date(2026, 11, 24)


def test_february_29_plus_years_is_february_28():
    """民法典 第二百零二条: no corresponding day, so the month's last day."""
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2024, 2, 29), -1) == date(2023, 2, 28)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert period_end(date(2024, 2, 29), years=1) == date(2025, 2, 28)


def test_2027_is_counted_by_weekends_alone():
    """No data for 2027: 1月1日 (a Friday) counts as a working day, weekends do not."""
    assert is_working_day(date(2027, 1, 1)) is True
    assert is_working_day(date(2027, 1, 2)) is False
    assert add_working_days(date(2026, 12, 28), 7) == date(2027, 1, 6)


def test_calendar_gaps_name_each_year_without_data():
    """Years spanned by the dates that neither the library nor holidays.yaml covers."""
    assert calendar_gaps([date(2026, 12, 28), date(2027, 1, 6)]) == [2027]
    assert calendar_gaps([datetime(2026, 1, 1, 8, 0), date(2029, 3, 1)]) == [2027, 2028, 2029]
    assert calendar_gaps([date(2026, 1, 1), date(2026, 12, 31)]) == []
    assert calendar_gaps([]) == []


def test_gap_warning_wording():
    """The user reads which year, what was done instead, and what to check."""
    assert gap_warning(2027) == "2027年的法定节假日安排未收录，相关期限按周末推算，请以国务院办公厅通知为准"


def test_a_year_from_holidays_yaml_is_used(monkeypatch):
    """A year the library lacks is taken from the data file (a made-up year, for the test only)."""
    fake = NoticeYear(
        2031,
        "国务院办公厅关于2031年部分节假日安排的通知（测试用虚构数据）",
        holidays=frozenset({date(2031, 1, 1)}),
        workdays=frozenset({date(2031, 1, 4)}),
    )
    monkeypatch.setattr(calendar_cn, "_notice_years", lambda: {2031: fake})
    assert is_working_day(date(2031, 1, 1)) is False  # a Wednesday, declared a holiday
    assert is_working_day(date(2031, 1, 4)) is True  # a Saturday, declared a make-up day
    assert is_working_day(date(2031, 1, 5)) is False  # an ordinary Sunday
    assert calendar_gaps([date(2031, 6, 1)]) == []


def test_holidays_file_parses_years():
    """A well-formed year becomes a NoticeYear with its dates."""
    text = (
        "years:\n  2031:\n    source: 国务院办公厅关于2031年部分节假日安排的通知\n"
        "    holidays: [2031-01-01]\n    workdays: [2031-01-04]\n"
    )
    year = notice_years_from_yaml(text)[2031]
    assert year.holidays == frozenset({date(2031, 1, 1)}) and year.workdays == frozenset({date(2031, 1, 4)})


@pytest.mark.parametrize(
    "text",
    [
        "years:\n  2031:\n    source: 国务院办公厅\n    holidays: [2030-12-31]\n    workdays: []\n",
        "years:\n  2031:\n    source: 某网站整理\n    holidays: [2031-01-01]\n    workdays: []\n",
        "years:\n  2031:\n    source: 国务院办公厅\n    holidays: [2031-01-04]\n    workdays: [2031-01-04]\n",
        "years: [2031]\n",
        "- just a list\n",
        "years: {2031: [\n",
    ],
)
def test_bad_holidays_file_is_a_data_error(text):
    """Wrong year, unofficial source, a date both ways, wrong shape or bad YAML: DataError."""
    with pytest.raises(DataError):
        notice_years_from_yaml(text)


def test_shipped_holidays_file_adds_only_years_the_library_lacks():
    """holidays.yaml never overrides the library's years."""
    assert all(not calendar_cn._library_has(year) for year in calendar_cn._notice_years())


DAYS = st.dates(min_value=date(2004, 1, 1), max_value=date(2029, 12, 31))


@settings(max_examples=200, deadline=None)
@given(start=DAYS, n=st.integers(min_value=1, max_value=40))
def test_add_working_days_counts_exactly_n_working_days(start, n):
    """The result is a working day and exactly n working days follow the start up to it."""
    end = add_working_days(start, n)
    counted = sum(is_working_day(start + timedelta(days=i)) for i in range(1, (end - start).days + 1))
    assert is_working_day(end) and counted == n


@settings(max_examples=200, deadline=None)
@given(start=DAYS, days=st.integers(min_value=0, max_value=400), years=st.integers(min_value=0, max_value=3))
def test_period_end_is_the_first_working_day_from_the_calendar_end(start, days, years):
    """No working day lies between the calendar end and the period end."""
    raw, end = calendar_end(start, days, years), period_end(start, days, years)
    assert is_working_day(end)
    assert not any(is_working_day(raw + timedelta(days=i)) for i in range((end - raw).days))
