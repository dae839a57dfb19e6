"""What the case file says of the complainant beyond what it states outright: sex and birth date.

A court complaint states them (民事诉讼法第一百二十四条); the plan asks for them when they are missing.
"""

from __future__ import annotations

from datetime import date

from generator.case.model import Case


def plaintiff_details(case: Case) -> tuple[str | None, date | None]:
    """Sex and birth date: from the ID number when there is one, else as the case file gives them."""
    person = case.complainant
    number = person.id_number
    if number:
        from stdnum.cn import ric

        compact = ric.compact(number)
        return ("男" if int(compact[16]) % 2 else "女"), ric.get_birth_date(compact)
    return person.gender, person.birth_date
