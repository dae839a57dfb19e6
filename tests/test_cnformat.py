"""Chinese numerals read back as numbers: the same reading as cn2an's, with or without its Cn2An loaded."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import cn2an
import pytest

from generator.cnformat import _cn2an, arabic_number, chinese_fraction, chinese_number, cn_dates


def test_every_number_a_filing_names_reads_as_cn2an_reads_it():
    """The article and paragraph numbers read from the table agree with cn2an's own reading of them."""
    for n in range(1, 1300):
        text = chinese_number(n)
        assert arabic_number(text) == int(_cn2an()(text, "smart")) == n


@pytest.mark.parametrize("text, number", [("一十二", 12), ("两千", 2000), ("一千三百", 1300), ("二十4", 24)])
def test_other_forms_are_read_by_cn2an(text, number):
    assert arabic_number(text) == number


def test_text_that_is_no_number_is_refused():
    with pytest.raises(ValueError):
        arabic_number("不是数字")


@pytest.mark.parametrize("share, words", [("2/3", "三分之二"), ("1/2", "二分之一"), ("3/10", "十分之三")])
def test_a_fraction_reads_as_cn2an_writes_it(share, words):
    assert chinese_fraction(Fraction(share)) == words == cn2an.transform(share, "an2cn")


def test_a_count_before_a_measure_word_says_two_as_liang():
    from generator.cnformat import chinese_count

    assert [chinese_count(n) for n in (1, 2, 3, 12)] == ["一", "两", "三", "十二"]


def test_a_series_of_dates_names_the_year_again_only_where_it_changes():
    days = [date(2026, 10, 15), date(2026, 11, 15), date(2027, 1, 15), date(2027, 2, 15)]
    assert cn_dates(days) == "2026年10月15日、11月15日、2027年1月15日、2月15日"
    assert cn_dates([date(2026, 9, 1)]) == "2026年9月1日"
