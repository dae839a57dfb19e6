"""Many cases at once: every good case is written, each refusal is reported with its file, exit 1."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.batch import _result, run_batch
from generator.pipeline import Options
from tests.conftest import CASES, SAMPLES

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def folder(tmp_path) -> Path:
    """Three sample copies under new case_ids with their evidence, and one case refused for its case_id."""
    cases = tmp_path / "cases"
    shutil.copytree(CASES / "evidence", cases / "evidence")
    for i, sample in enumerate(SAMPLES):
        text = re.sub(r"^case_id:(\s*)(\S+)", rf"case_id:\g<1>batch-{i}", sample.read_text(encoding="utf-8"),
                      count=1, flags=re.M)
        (cases / f"{i}-{sample.name}").write_text(text, encoding="utf-8")
    bad = re.sub(r"^case_id:(\s*)(\S+)", r"case_id:\g<1>有空格 的编号", SAMPLES[0].read_text(encoding="utf-8"),
                 count=1, flags=re.M)
    (cases / "9-refused.yaml").write_text(bad, encoding="utf-8")
    return cases


def make_filings(*args, cwd: Path) -> subprocess.CompletedProcess:
    """The command as a user runs it, stdout and stderr piped (not a terminal)."""
    return subprocess.run([sys.executable, "-m", "generator.cli", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_a_folder_is_processed_and_the_refusal_reported(folder, tmp_path):
    out = tmp_path / "out"
    result = make_filings(folder, "--out", out, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    refused = folder / "9-refused.yaml"
    assert f"未生成：{refused}\n" in result.stderr
    assert "case_id" in result.stderr.split(f"未生成：{refused}\n", 1)[1]
    assert "共 4 个案件：完成 3，拒绝 1" in result.stdout
    assert "生成文书" not in result.stderr  # no progress bar when stderr is not a terminal

    report = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    rows = report["cases"]
    assert [Path(r["file"]).name for r in rows] == sorted(p.name for p in folder.glob("*.yaml"))
    assert [r["status"] for r in rows] == ["done", "done", "done", "refused"]
    assert [r["case_id"] for r in rows] == ["batch-0", "batch-1", "batch-2", None]
    for row in rows[:3]:
        assert set(row["amounts"]) >= {"refund", "total"} and row["warnings"]
        assert sorted(p.name for p in Path(row["folder"]).iterdir()) == sorted(
            [f"{stem}.{ext}" for stem in ("00_案件概要", "01_平台退款申请书", "02_支付争议申请", "03_12315投诉书", "04_黑猫投诉")
             for ext in ("docx", "txt")] + ["manifest.json"])
    assert rows[3]["amounts"] is None and "case_id" in rows[3]["error"]
    assert report["summary"] == {"total": 4, "done": 3, "refused": 1,
                                 "warnings": sum(len(r["warnings"]) for r in rows)}
    assert not (out / "有空格 的编号").exists()


def test_one_and_two_processes_agree(folder, tmp_path):
    """The in-process path (one worker) gives the rows the pool gives, written files included."""
    rows = {}
    for workers in (1, 2):
        out = tmp_path / f"out-{workers}"
        assert run_batch(sorted(folder.glob("*.yaml")), Options(out=out), workers=workers) == 1
        report = json.loads((out / "batch.json").read_text(encoding="utf-8"))
        rows[workers] = [{k: v for k, v in r.items() if k != "folder"} for r in report["cases"]]
        for row in report["cases"][:3]:
            assert (Path(row["folder"]) / "00_案件概要.docx").stat().st_size > 0
    assert rows[1] == rows[2]


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_progress_bar_on_a_terminal(folder, tmp_path):
    """With stderr on a terminal the progress bar is drawn."""
    primary, secondary = os.openpty()
    child = subprocess.Popen([sys.executable, "-m", "generator.cli", str(folder), "--out", str(tmp_path / "out")],
                             cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=secondary)
    os.close(secondary)
    drawn = b""
    try:
        while chunk := _read(primary):  # drained as it comes, so the child never blocks on a full terminal
            drawn += chunk
    finally:
        os.close(primary)
    assert child.wait(timeout=300) == 1
    assert "生成文书" in drawn.decode("utf-8", "replace")


def _read(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:  # EIO: every writer has closed the terminal
        return b""


class _DeadWorker:
    def result(self):
        raise RuntimeError("A process in the process pool was terminated abruptly")


def test_a_dead_worker_fails_only_its_case():
    row = _result(_DeadWorker(), Path("cases/x.yaml"), debug=False)
    assert row["status"] == "failed" and row["file"] == "cases/x.yaml"
    assert row["error"] == "内部错误：RuntimeError: A process in the process pool was terminated abruptly"
