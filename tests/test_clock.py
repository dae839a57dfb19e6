"""SOURCE_DATE_EPOCH pins every date and time a run takes from the clock: two runs write the same bytes."""

import datetime
import io
import os
import subprocess
import sys
import time
import zipfile

import pytest

from generator import clock
from tests.conftest import ROOT, sample

EPOCH = "1795485600"  # 2026-11-24T02:00:00Z, 10:00 in China on the samples' filing date


def make_filings(*args, env):
    """The command in a process of its own, so its time zone and clock are its own."""
    return subprocess.run(
        [sys.executable, "-c", "from generator.cli import main; main()", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )


def files_of(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    """One case run twice with one epoch, seconds apart, in two local time zones: each run's files."""
    out = tmp_path_factory.mktemp("runs")
    case = str(sample("mango-auto-renewal.yaml"))
    runs = []
    for zone in ("UTC", "Asia/Shanghai"):
        started = time.monotonic()
        result = make_filings(
            case, "--calendar", "--out", str(out / zone), env={"SOURCE_DATE_EPOCH": EPOCH, "TZ": zone}
        )
        assert result.returncode == 0, result.stderr
        runs.append(files_of(next((out / zone).iterdir())))
        time.sleep(max(0.0, 2.1 - (time.monotonic() - started)))  # a ZIP entry's time has a resolution of 2 s
    return runs


def test_two_runs_with_one_epoch_write_the_same_bytes(two_runs):
    """The same .docx, .txt, manifest and calendar, byte for byte."""
    a, b = two_runs
    assert sorted(a) == sorted(b)
    assert any(n.endswith(".docx") for n in a) and any(n.endswith(".ics") for n in a)
    assert [name for name in sorted(a) if a[name] != b[name]] == []


def test_the_written_files_carry_the_pinned_moment(two_runs):
    files = two_runs[0]
    for name in (n for n in files if n.endswith(".docx")):
        with zipfile.ZipFile(io.BytesIO(files[name])) as z:
            assert {e.date_time for e in z.infolist()} == {(2026, 11, 24, 2, 0, 0)}, name
            core = z.read("docProps/core.xml").decode()
        assert '<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-24T02:00:00Z</dcterms:created>' in core
    stamps = {line for line in files["deadlines.ics"].decode().splitlines() if line.startswith("DTSTAMP")}
    assert stamps == {"DTSTAMP:20261124T020000Z"}


def test_today_is_the_pinned_moment_in_china(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795451400")  # 2026-11-23T16:30Z: already the 24th in China
    assert clock.now() == datetime.datetime(2026, 11, 23, 16, 30, tzinfo=datetime.UTC)
    assert clock.today() == datetime.date(2026, 11, 24)


def test_without_an_epoch_the_clock_is_now(monkeypatch):
    for value in (None, "", "soon", "-5"):
        if value is None:
            monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        else:
            monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
        before = datetime.datetime.now(datetime.UTC)
        assert before <= clock.now() <= datetime.datetime.now(datetime.UTC)
        assert clock.pin_zip_dates(b"not even a zip") == b"not even a zip"  # nothing pinned, nothing touched


def _zip(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data, compression in entries:
            z.writestr(zipfile.ZipInfo(name, date_time=(2020, 5, 6, 7, 8, 10)), data, compress_type=compression)
    return out.getvalue()


def test_pinned_zip_keeps_names_order_contents_and_compression(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    original = _zip(
        [
            ("[Content_Types].xml", b"<Types/>", zipfile.ZIP_DEFLATED),
            ("word/media/image1.png", b"\x89PNG" + bytes(300), zipfile.ZIP_STORED),
            ("word/document.xml", "<w:t>退款 &amp; 赔偿</w:t>".encode(), zipfile.ZIP_DEFLATED),
        ]
    )
    pinned = clock.pin_zip_dates(original)
    with zipfile.ZipFile(io.BytesIO(original)) as before, zipfile.ZipFile(io.BytesIO(pinned)) as after:
        assert [e.filename for e in after.infolist()] == [e.filename for e in before.infolist()]
        assert [e.compress_type for e in after.infolist()] == [e.compress_type for e in before.infolist()]
        assert all(after.read(e.filename) == before.read(e) for e in before.infolist())
        assert {e.date_time for e in after.infolist()} == {(2026, 11, 24, 2, 0, 0)}
    assert clock.pin_zip_dates(pinned) == pinned


def test_an_epoch_before_1980_dates_zip_entries_at_the_earliest_zip_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    pinned = clock.pin_zip_dates(_zip([("a.xml", b"<a/>", zipfile.ZIP_DEFLATED)]))
    with zipfile.ZipFile(io.BytesIO(pinned)) as z:
        assert z.infolist()[0].date_time == (1980, 1, 1, 0, 0, 0)


def test_a_replaced_folders_history_is_named_by_the_pinned_moment(tmp_path, monkeypatch):
    from generator.follow import HISTORY, carry_history

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    old, staging = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    staging.mkdir()
    (old / "01_平台退款申请书.txt").write_text("已提交的文字\n", encoding="utf-8")
    carry_history(old, staging)
    local = datetime.datetime.fromtimestamp(int(EPOCH)).strftime("%Y-%m-%d_%H%M%S")  # as the user's clock shows it
    assert [p.name for p in (staging / HISTORY).iterdir()] == [local]
    assert (staging / HISTORY / local / "01_平台退款申请书.txt").read_text(encoding="utf-8") == "已提交的文字\n"
