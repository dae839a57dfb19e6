"""Cases of one batch whose different complainants give the same phone number or postal address.

12315 reads many complaints sharing one phone or address as a sign that they are
not genuine consumers' own (办法第十七条): a helper filing for several victims must
put each victim's own contacts on each complaint. The batch calls `contact_of`
for each case done and `shared_contact_warnings` on all its rows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from generator.case.model import Case

CONTACT_KEY = "_contact"  # a row's private entry, taken out before the rows are shown or saved
_NOT_ADDRESS = re.compile(r"[\s,，.。、;；:：()（）\-—_#·]")


def contact_of(case: Case) -> dict:
    """Who the complainant is and the contacts given, normalised for comparison."""
    person = case.complainant
    return {
        "who": person.id_number or _plain(person.name),
        "name": person.name,
        "phone": _phone(person.phone),
        "address": _address(person.address),
    }


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _phone(text: str) -> str:
    digits = re.sub(r"\D", "", _plain(text))
    return digits[2:] if digits.startswith("86") and len(digits) == 13 else digits


def _address(text: str) -> str:
    return _NOT_ADDRESS.sub("", _plain(text))


def shared_contact_warnings(rows: Iterable[dict]) -> list[dict]:
    """One warning per phone or address given by more than one complainant; `CONTACT_KEY` leaves the rows."""
    from generator.law.channels import fact

    groups: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        contact = row.pop(CONTACT_KEY, None)
        if contact is None:
            continue
        for field in ("phone", "address"):
            if contact[field]:
                groups.setdefault((field, contact[field]), []).append(
                    {**contact, "case_id": row["case_id"], "file": row["file"]}
                )
    rule = fact("regulator.shared_contacts")
    warnings = []
    for (field, value), members in groups.items():
        if len({m["who"] for m in members}) < 2:
            continue  # one complainant with several cases is no warning
        label = "电话号码" if field == "phone" else "通讯地址"
        shown = _masked_phone(value) if field == "phone" else value
        cases = "、".join(f"{m['case_id']}（{m['name']}）" for m in members)
        warnings.append(
            {
                "field": field,
                "value": shown,
                "case_ids": [m["case_id"] for m in members],
                "files": [m["file"] for m in members],
                "message": f"{cases}的投诉人不同，却使用同一{label}{shown}：{rule.text}（{rule.source}）。",
            }
        )
    return warnings


def _masked_phone(digits: str) -> str:
    return digits[:3] + "*" * max(len(digits) - 7, 0) + digits[-4:] if len(digits) > 7 else digits
