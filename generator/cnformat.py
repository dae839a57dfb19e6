"""Dates the way a Chinese filing writes them: 2026年9月1日, 2026年9月1日20时15分."""
from __future__ import annotations

from datetime import date, datetime


def cn_date(value: date | datetime) -> str:
    """2026年9月1日 (no zero padding), or 2026年9月1日20时15分 / 8时05分 for a date-time."""
    text = f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, datetime):
        text += f"{value.hour}时{value.minute:02d}分"
    return text
