"""The whole run, including the optional PDF copies."""

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import sample

HAS_OFFICE = shutil.which("soffice") is not None and shutil.which("pdftotext") is not None


@pytest.mark.office
@pytest.mark.skipif(not HAS_OFFICE, reason="LibreOffice or poppler not installed")
def test_pdf_beside_every_filing(tmp_path):
    result = CliRunner().invoke(main, [str(sample("iqiyi-fraud.yaml")), "--out", str(tmp_path), "--pdf"])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "iqiyi-fraud-2026-003"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["filings"]:
        pdf = folder / entry["pdf"]
        assert hashlib.sha256(pdf.read_bytes()).hexdigest() == entry["pdf_sha256"]
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert entry["title"] in text.replace(" ", "")
        if entry["kind"] == "blackcat_post":
            assert "YX20260905213548001" not in text
        else:
            assert "YX20260905213548001" in text


def test_without_libreoffice_the_word_files_are_still_written(tmp_path, monkeypatch):
    import generator.rendering.pdf as pdf

    monkeypatch.setattr(pdf.shutil, "which", lambda name, *a, **k: None)
    result = CliRunner().invoke(main, [str(sample("iqiyi-fraud.yaml")), "--out", str(tmp_path), "--pdf"])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "iqiyi-fraud-2026-003"
    assert (folder / "03_12315投诉书.docx").exists() and not list(folder.glob("*.pdf"))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert any("未生成PDF" in w and "apt-get install libreoffice-writer-nogui" in w for w in manifest["warnings"])
    assert "未生成PDF" in result.output


def test_a_filing_date_before_today_is_warned_about_once(tmp_path):
    """The deadlines were counted from the filing date and may be over: a warning, not a refusal."""
    from datetime import date

    from generator.pipeline import Options, prepare
    from tests.conftest import ROOT

    case = ROOT / "tests" / "route_cases" / "silent-company.yaml"  # dated 2026-11-20
    late = prepare(case, Options(out=tmp_path, today=date(2026, 12, 5)))
    found = [w for w in late.manifest["warnings"] if w.startswith("落款日期早于今天：")]
    assert len(found) == 1 and "2026年11月20日" in found[0] and "2026年12月5日" in found[0]
    assert late.files["00_案件概要.txt"].decode("utf-8").count("落款日期早于今天：") == 1
    same_day = prepare(case, Options(out=tmp_path, today=date(2026, 11, 20)))
    assert not any("落款日期早于今天" in w for w in same_day.manifest["warnings"])


def test_the_past_filing_date_warning_is_printed_to_stderr(tmp_path):
    from tests.conftest import ROOT

    case = ROOT / "tests" / "route_cases" / "silent-company.yaml"
    result = CliRunner().invoke(main, [str(case), "--out", str(tmp_path)])  # today is after 2026-11-20
    assert result.exit_code == 0, result.output
    assert result.stderr.count("提醒：落款日期早于今天：") == 1


def _shifted(value, days: int):
    """The case's data with every date and date-time moved by `days` — those YAML reads as dates and those written
    as `2026-10-06 10:12` — but the complainant's (a birth date) and the user's text left as written."""
    import datetime as dt
    import re

    if isinstance(value, dict):
        return {k: v if k == "complainant" else _shifted(v, days) for k, v in value.items()}
    if isinstance(value, list):
        return [_shifted(v, days) for v in value]
    if isinstance(value, dt.date):  # a datetime is a date too
        return value + dt.timedelta(days=days)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{1,2}:\d{2}", value):
        moved = dt.datetime.strptime(value, "%Y-%m-%d %H:%M") + dt.timedelta(days=days)
        return moved.strftime("%Y-%m-%d %H:%M")
    return value


@pytest.mark.parametrize(
    "case",
    sorted((Path(__file__).parent.parent / "cases").glob("*.yaml"))
    + sorted((Path(__file__).parent / "lawyer_cases").glob("*.yaml")),
    ids=lambda p: p.stem,
)
def test_every_case_filed_before_the_2026_rules_runs_and_never_names_them(tmp_path, case):
    """The same case moved back so that it is filed on 2026-03-20, before the 2026 办法 took effect: every filing
    is written (no channel fact missing for that day) and none names the 2026 办法."""
    import datetime as dt

    import yaml

    from generator.pipeline import Options, prepare
    from generator.rendering.reading import docx_text
    from tests.conftest import write_case

    data = yaml.safe_load(case.read_text(encoding="utf-8"))
    data = _shifted(data, (dt.date(2026, 3, 20) - data["filing_date"]).days)
    prepared = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out", today=dt.date(2026, 3, 20)))
    files = prepared.files.items()
    texts = [docx_text(b) if n.endswith(".docx") else b.decode("utf-8") for n, b in files if n != "manifest.json"]
    assert texts
    named = [line for t in texts for line in t.splitlines() if "市场监督管理投诉举报处理办法》" in line]
    assert not named, named
