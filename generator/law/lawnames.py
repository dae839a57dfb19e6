"""The names people use for the laws on file, and where each law's official text is checked.

`data/law_names.yaml` maps each law's full name (as in provisions.yaml) to its
short names (消法, 电商法 …) and to the official database its text is to be
verified against; nothing of either lives in Python.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.data_files import data_loader, read_data


@dataclass(frozen=True)
class Database:
    name: str
    url: str


@data_loader
def _names() -> dict:
    return read_data("law_names.yaml")


def full_name(text: str) -> str | None:
    """The full name of the law a user typed (full name, short name or a common abbreviation), or None."""
    word = text.strip().strip("《》")
    for law, entry in _names()["laws"].items():
        if word == law or word in entry["aliases"] or word == law.removeprefix("中华人民共和国"):
            return law
    return None


def database_of(law: str) -> Database | None:
    """The official database in which a law's text is to be checked."""
    entry = _names()["laws"].get(law)
    if entry is None:
        return None
    found = _names()["databases"][entry["database"]]
    return Database(found["name"], found["url"])


def known_laws() -> list[str]:
    return list(_names()["laws"])
