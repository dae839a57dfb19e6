"""make-filings check-data: every data file of a folder read as a run reads it, and the refusals found.

It sits above the modules that read the files (each checks its own file as it loads it), so that
data_files.py, which they all import, imports none of them.
"""

from __future__ import annotations

from pathlib import Path

from generator import data_files, phrases
from generator.errors import DataFileError
from generator.filings import plan
from generator.law import calendar_cn, channels, lawnames, money, office, provisions


def check_data(folder: Path | None = None) -> list[DataFileError]:
    """Every data file of `folder` (default: the package's) read as a run reads it; the refusals found."""
    checks = {
        "provisions.yaml": provisions.provisions,
        "rules.yaml": provisions.rule_data,
        "channels.yaml": channels.all_routes,
        "holidays.yaml": calendar_cn._notice_years,
        "amounts.yaml": money.amount_rules,
        "law_names.yaml": lawnames._names,
        "offices.yaml": office.office_rules,
        "plan.yaml": plan.plan_rules,
        "phrases.yaml": phrases.phrases,
    }
    previous = data_files.current_data_dir()
    found: list[DataFileError] = []
    try:
        data_files.use_data_dir(folder)
        names = sorted(p.name for p in Path(folder).iterdir() if p.suffix in (".yaml", ".yml")) if folder else []
        for name in dict.fromkeys([*checks, *names]):
            try:
                if name in checks:
                    checks[name]()
                else:
                    data_files.read_data(name)
            except DataFileError as exc:
                if all(exc.message != seen.message for seen in found):  # rules.yaml reads provisions.yaml too
                    found.append(exc)
    finally:
        data_files.use_data_dir(previous)
    return found
