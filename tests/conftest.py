"""Shared fixtures: the sample cases, and a way to write variants of them."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

# The tests (and the processes they start) use a cache of their own, never the user's.
os.environ["MAKE_FILINGS_CACHE"] = _CACHE = tempfile.mkdtemp(prefix="make-filings-test-cache-")
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

from generator.case.model import Case, case_from_data  # noqa: E402
from generator.pipeline import Options, prepare  # noqa: E402 — after the cache is chosen


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from this run's texts instead of comparing (review the git diff)",
    )


ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "cases"
SAMPLES = sorted(CASES.glob("*.yaml"))
SHARED = ROOT.parent / "shared"


def sample(name: str) -> Path:
    return CASES / name


def write_case(tmp_path: Path, data: dict, name: str = "case.yaml") -> Path:
    """Write a case dict as YAML beside a copy of the sample evidence folder."""
    if not (tmp_path / "evidence").exists():
        shutil.copytree(CASES / "evidence", tmp_path / "evidence")
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# The required fields a test that builds a case by hand may leave out: neutral values no stage's rule turns on.
_NEUTRAL = {
    "case_id": "test-case",
    "filing_date": date(2026, 11, 25),
    "complainant": {"name": "张三", "phone": "13800138000", "address": "北京市朝阳区某某路1号"},
    "platform": {"name": "某卡盟"},
    "order": {
        "id": "KM1",
        "product": "腾讯视频VIP年卡",
        "service": "tencent_video",
        "advertised": "官方直充",
        "price": Decimal("158.00"),
        "paid_at": date(2026, 9, 1),
        "term_months": 12,
    },
    "payment": {"channel": "wechat", "transaction_id": "4200000001"},
    "problems": [],
}
# The same for each entry of a list.
_NEUTRAL_ENTRY = {
    "problems": {"type": "rights_mismatch", "description": "权益与宣传不符"},
    "contacts": {
        "date": date(2026, 9, 3),
        "with": "platform",
        "method": "在线客服",
        "summary": "已反映",
        "result": "refused",
    },
    "evidence": {"file": "evidence/order.png", "category": "transaction", "description": "订单截图"},
}


def typed_case(data: dict) -> Case:
    """The typed case of a mapping a test wrote with only the fields it is about; the rest get `_NEUTRAL` values."""
    merged = {**_NEUTRAL, **data}
    for part in ("complainant", "platform", "order", "payment"):
        merged[part] = {**_NEUTRAL[part], **data.get(part, {})}
    for part, neutral in _NEUTRAL_ENTRY.items():
        merged[part] = [{**neutral, **entry} for entry in data.get(part) or ()]
    return case_from_data(merged)


MARKETPLACE = Path(__file__).parent / "marketplace_cases"
CITATION = Path(__file__).parent / "citation_cases"
# Cases on how the user's own records are quoted and answered: notes to self, a cancellation confirmed on the phone.
RECORD = Path(__file__).parent / "record_cases"


def marketplace_case(tmp_path: Path, name: str) -> Path:
    """A case file of tests/marketplace_cases, copied beside the sample evidence folder."""
    return case_copy(tmp_path, MARKETPLACE / name)


def case_copy(tmp_path: Path, case: Path) -> Path:
    """A case file of the tests, copied beside its own evidence folder (else the sample cases' one)."""
    if not (tmp_path / "evidence").exists():
        own = case.parent / "evidence"
        shutil.copytree(own if own.is_dir() else CASES / "evidence", tmp_path / "evidence")
    return Path(shutil.copy(case, tmp_path / case.name))


def posting_for_individuals(tmp_path: Path) -> Path:
    """A data folder whose plan.yaml drafts the 黑猫投诉 for an individual seller too (the package's does not): the
    post's privacy net must hold whatever a lawyer's edited data decides to publish."""
    plan = yaml.safe_load((ROOT / "generator" / "data" / "plan.yaml").read_text(encoding="utf-8"))
    del plan["filings"]["blackcat_post"]
    folder = tmp_path / "posting-data"
    folder.mkdir(exist_ok=True)
    (folder / "plan.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def sample_data(name: str) -> dict:
    """A sample case as plain data (dates as strings, money as strings), ready to modify."""
    text = (CASES / name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_StringLoader)


class _StringLoader(yaml.SafeLoader):
    """Keep dates and decimals as the text the sample wrote, so a dump round-trips."""


_StringLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: node.value)
_StringLoader.add_constructor("tag:yaml.org,2002:float", lambda loader, node: node.value)


@pytest.fixture(scope="session")
def prepared_samples(tmp_path_factory):
    """Every sample case rendered once in memory (nothing written)."""
    out = tmp_path_factory.mktemp("out")
    return {path.name: prepare(path, Options(out=out)) for path in SAMPLES}
