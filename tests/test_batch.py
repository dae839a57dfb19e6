"""Many cases at once: every good case is written, each refusal is reported with its file, exit 1."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.batch import BatchView, run_batch
from generator.cli_batch import BatchPrinter
from generator.pipeline import Options
from tests.conftest import CASES, SAMPLES

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def folder(tmp_path) -> Path:
    """Three sample copies under new case_ids with their evidence, and one case refused for its case_id."""
    cases = tmp_path / "cases"
    shutil.copytree(CASES / "evidence", cases / "evidence")
    for i, sample in enumerate(SAMPLES[:3]):  # three cases are enough to show a batch
        text = re.sub(
            r"^case_id:(\s*)(\S+)", rf"case_id:\g<1>batch-{i}", sample.read_text(encoding="utf-8"), count=1, flags=re.M
        )
        (cases / f"{i}-{sample.name}").write_text(text, encoding="utf-8")
    bad = re.sub(
        r"^case_id:(\s*)(\S+)",
        r"case_id:\g<1>有空格 的编号",
        SAMPLES[0].read_text(encoding="utf-8"),
        count=1,
        flags=re.M,
    )
    (cases / "9-refused.yaml").write_text(bad, encoding="utf-8")
    return cases


def make_filings(*args, cwd: Path) -> subprocess.CompletedProcess:
    """The command as a user runs it, stdout and stderr piped (not a terminal)."""
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=300
    )


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
        assert set(row["amounts"]) >= {"refund", "total"}
        manifest = json.loads((Path(row["folder"]) / "manifest.json").read_text(encoding="utf-8"))
        assert row["warnings"] == manifest["warnings"]
        further = [f for e in manifest["filings"] for f in e.get("text_files", [])[1:]]  # one per further debit
        written = sorted(p.name for p in Path(row["folder"]).iterdir())
        assert written == sorted(
            [e["file"] for e in manifest["filings"]]
            + [e["text_file"] for e in manifest["filings"]]
            + ["manifest.json"]
            + further
        )
        stems = ["00_案件概要", "02_支付争议申请", "05_法律依据"]
        if "wechat-group-seller" not in row["file"]:  # the group seller who removed the buyer gets none of these
            stems += ["01_平台退款申请书", "03_12315投诉书", "04_黑猫投诉", "06_消协调解申请书"]
        assert {f"{stem}.docx" for stem in stems} <= set(written)
    assert rows[3]["amounts"] is None and "case_id" in rows[3]["error"]
    assert report["summary"] == {"total": 4, "done": 3, "refused": 1, "warnings": sum(len(r["warnings"]) for r in rows)}
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
    child = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", str(folder), "--out", str(tmp_path / "out")],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=secondary,
    )
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


def many_cases(folder: Path, n: int) -> None:
    """`n` copies of the samples, each with its own case_id, sharing the sample evidence."""
    shutil.copytree(CASES / "evidence", folder / "evidence")
    for i in range(n):
        sample = SAMPLES[i % len(SAMPLES)]
        text = re.sub(
            r"^case_id:(\s*)(\S+)",
            rf"case_id:\g<1>many-{i:04d}",
            sample.read_text(encoding="utf-8"),
            count=1,
            flags=re.M,
        )
        (folder / f"{i:04d}.yaml").write_text(text, encoding="utf-8")


def assert_whole_or_absent(out: Path, rows: list[dict]) -> None:
    """Every case reported done has its whole folder; nothing else, no half-written staging folder, is left."""
    done = [r for r in rows if r["status"] == "done"]
    assert sorted(p.name for p in out.iterdir() if p.name != "batch.json") == sorted(r["case_id"] for r in done)
    for row in done:
        manifest = json.loads((Path(row["folder"]) / "manifest.json").read_text(encoding="utf-8"))
        for entry in manifest["filings"]:
            assert (Path(row["folder"]) / entry["file"]).stat().st_size > 0


def test_ctrl_c_in_one_process_stops_the_batch_and_still_reports(folder, tmp_path, monkeypatch, capsys):
    from generator import batch

    real, calls = batch.process_one, []

    def interrupted_at_the_third(*args, **kwargs):
        calls.append(args)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(batch, "process_one", interrupted_at_the_third)
    out = tmp_path / "out"
    files = sorted(folder.glob("*.yaml"))
    assert run_batch(files, Options(out=out), workers=1, view=BatchPrinter()) == 130
    report = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    assert [r["status"] for r in report["cases"]] == ["done", "done", "interrupted", "interrupted"]
    assert report["summary"]["interrupted"] == 2 and report["summary"]["done"] == 2
    assert "已中断（Ctrl-C）：2 个案件未处理" in capsys.readouterr().out
    assert_whole_or_absent(out, report["cases"])


def test_ctrl_c_on_two_processes_finishes_the_cases_in_hand(tmp_path):
    """A real SIGINT to the whole process group, as a terminal sends it."""
    cases, out = tmp_path / "cases", tmp_path / "out"
    cases.mkdir()
    many_cases(cases, 200)
    child = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", str(cases), "--out", str(out)],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while not (out.exists() and sum(1 for p in out.iterdir() if p.name.startswith("many-")) >= 2):
        assert child.poll() is None and time.monotonic() < deadline, child.communicate()
        time.sleep(0.02)
    os.killpg(child.pid, signal.SIGINT)
    stdout, stderr = child.communicate(timeout=120)
    assert child.returncode == 130, stderr
    assert "Traceback" not in stderr and "已中断（Ctrl-C）" in stdout
    rows = json.loads((out / "batch.json").read_text(encoding="utf-8"))["cases"]
    assert len(rows) == 200 and {r["status"] for r in rows} == {"done", "interrupted"}
    assert_whole_or_absent(out, rows)


def test_ctrl_c_on_one_case_says_so_and_leaves_nothing(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from generator.cli import main
    from generator.rendering import write

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(write, "_fsync_path", interrupted)  # while the case's files are being written
    result = CliRunner().invoke(main, [str(SAMPLES[0]), "--out", str(tmp_path / "out")])
    assert result.exit_code == 130
    assert "已中断（Ctrl-C）" in result.output
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("force", [False, True], ids=["", "force"])
def test_two_case_files_with_one_case_id_never_overwrite_each_other(tmp_path, workers, force):
    cases, out = tmp_path / "cases", tmp_path / "out"
    shutil.copytree(CASES / "evidence", cases / "evidence")
    files = [cases / "a.yaml", cases / "b.yaml"]
    for file in files:
        shutil.copy(SAMPLES[0], file)
    if force:  # an earlier run's folder, which --force may replace
        assert run_batch(files[:1], Options(out=out), workers=1) == 0
    assert run_batch(files, Options(out=out, force=force), workers=workers) == 1
    rows = json.loads((out / "batch.json").read_text(encoding="utf-8"))["cases"]
    done = [r for r in rows if r["status"] == "done"]
    refused = [r for r in rows if r["status"] == "refused"]
    assert len(done) == len(refused) == 1
    assert f"同一批中的案件文件 {done[0]['file']} 也使用了案件编号" in refused[0]["error"]
    manifest = json.loads((Path(done[0]["folder"]) / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["batch"]["case_file"] == done[0]["file"]
    assert sorted(p.name for p in out.iterdir()) == ["batch.json", done[0]["case_id"]]  # nothing half-done left


def _batch_process(cases: Path, out: Path, *extra) -> subprocess.Popen:
    """The command in a process group of its own, as a terminal runs it."""
    return subprocess.Popen(
        [sys.executable, "-m", "generator.cli", str(cases), "--out", str(out), *map(str, extra)],
        cwd=cases.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _wait_for_folders(child: subprocess.Popen, out: Path, count: int) -> None:
    deadline = time.monotonic() + 120
    while not (out.exists() and sum(1 for p in out.iterdir() if p.name.startswith("many-")) >= count):
        assert child.poll() is None and time.monotonic() < deadline, child.communicate()
        time.sleep(0.01)


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("pause", [0.0, 0.05, 0.3, 1.0])
def test_a_second_ctrl_c_ends_the_batch_at_once_and_still_reports_truly(tmp_path, pause):
    """Two real SIGINTs to the process group: no traceback, no hang, batch.json true, no staging folder."""
    cases, out = tmp_path / "cases", tmp_path / "out"
    cases.mkdir()
    many_cases(cases, 100)
    child = _batch_process(cases, out)
    _wait_for_folders(child, out, 2)
    workers = _children(child.pid)
    os.killpg(child.pid, signal.SIGINT)
    time.sleep(pause)
    with contextlib.suppress(ProcessLookupError):  # after a long pause the batch may have ended already
        os.killpg(child.pid, signal.SIGINT)
    pressed = time.monotonic()
    stdout, stderr = child.communicate(timeout=30)
    assert time.monotonic() - pressed < 10  # at once: not after the cases in hand, let alone the batch
    assert child.returncode == 130, stderr
    assert "Traceback" not in stderr and "已中断（Ctrl-C）" in stdout
    rows = json.loads((out / "batch.json").read_text(encoding="utf-8"))["cases"]
    assert len(rows) == 100 and {r["status"] for r in rows} <= {"done", "interrupted"}
    assert_whole_or_absent(out, rows)  # also: no hidden staging or backup folder left
    assert not [pid for pid in workers if _alive(pid)]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_the_workers_die_with_a_killed_parent(tmp_path):
    cases, out = tmp_path / "cases", tmp_path / "out"
    cases.mkdir()
    many_cases(cases, 100)
    child = _batch_process(cases, out)
    _wait_for_folders(child, out, 1)
    workers = _children(child.pid)
    assert len(workers) == 2
    child.kill()
    child.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while [pid for pid in workers if _alive(pid)]:
        assert time.monotonic() < deadline, "workers outlived their parent"
        time.sleep(0.05)
    # the next run tidies what the killed one left and finishes the batch
    again = make_filings(cases, "--out", out, cwd=tmp_path)
    rows = json.loads((out / "batch.json").read_text(encoding="utf-8"))["cases"]
    assert {r["status"] for r in rows} <= {"done", "current"}, again.stderr  # its written cases are current
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_a_worker_that_dies_fails_only_its_own_case(folder, tmp_path, monkeypatch):
    """A worker killed in the middle of a case (as the system's out-of-memory killer would): that case
    is reported failed, another worker takes over, every other case is written."""
    from generator import batch

    real = batch.process_one

    def dies_on_mango(file, *args, **kwargs):
        if "mango" in file.name:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(file, *args, **kwargs)

    monkeypatch.setattr(batch, "process_one", dies_on_mango)  # the forked workers inherit it
    out = tmp_path / "out"
    files = sorted(folder.glob("*.yaml"))
    assert run_batch(files, Options(out=out), workers=2) == 1
    rows = {Path(r["file"]).name: r for r in json.loads((out / "batch.json").read_text(encoding="utf-8"))["cases"]}
    [mango] = [name for name in rows if "mango" in name]
    assert rows[mango]["status"] == "failed" and "进程意外结束" in rows[mango]["error"]
    assert [r["status"] for name, r in sorted(rows.items()) if name != mango] == ["done", "done", "refused"]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_a_batch_of_only_bad_files_creates_nothing(tmp_path):
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "a.yaml").write_text("case_id: a\n", encoding="utf-8")
    (cases / "b.yaml").write_text("version: 1\n", encoding="utf-8")
    result = make_filings(cases, "--out", tmp_path / "out", cwd=tmp_path)
    assert result.returncode == 1
    assert f"未生成：{cases / 'a.yaml'}" in result.stderr and "共 2 个案件：完成 0，拒绝 2" in result.stdout
    assert not (tmp_path / "out").exists()


def test_batch_json_keeps_other_files_rows_and_earlier_done_ones(folder, tmp_path):
    """A second run merges into batch.json by case file: other files' rows stay, and a case this run
    refused only because an earlier run wrote its folder stays reported as done."""
    out = tmp_path / "out"
    files = sorted(folder.glob("*.yaml"))
    assert run_batch(files[:2], Options(out=out), workers=1) == 0
    first = json.loads((out / "batch.json").read_text(encoding="utf-8"))["cases"]
    with files[1].open("a", encoding="utf-8") as f:  # edited since: no longer current, refused as existing
        f.write("# 补充了一条备注\n")
    assert run_batch(files[1:], Options(out=out), workers=2) == 1
    report = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    rows = {r["file"]: r for r in report["cases"]}
    assert sorted(rows) == sorted(map(str, files)) and len(report["cases"]) == 4
    assert rows[str(files[0])] == first[0]  # not in the second run
    assert rows[str(files[1])] == first[1]  # refused the second time: its folder was there
    assert [rows[str(f)]["status"] for f in files[2:]] == ["done", "refused"]
    assert report["summary"] == {
        "total": 4,
        "done": 3,
        "refused": 1,
        "warnings": sum(len(r["warnings"]) for r in report["cases"]),
    }


@pytest.fixture
def small_disk(tmp_path):
    """A real file system of its own (tmpfs, 600 KB: room for one case folder), unmounted after."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a file system here")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr + result.stdout, result.stderr


def test_a_full_disk_refuses_each_case_cleanly(folder, small_disk):
    out = small_disk / "out"
    result = make_filings(folder, "--out", out, cwd=folder.parent)
    assert result.returncode == 1
    _no_traceback(result)
    refused = [block for block in result.stderr.split("未生成：")[1:] if "无法写入输出文件夹" in block]
    assert refused and all("No space left on device" in block for block in refused)
    written = [p for p in out.iterdir() if p.is_dir()]
    assert not [p for p in written if p.name.startswith(".")]  # no half-written folder left
    if (out / "batch.json").exists():  # written if there was room
        rows = json.loads((out / "batch.json").read_text(encoding="utf-8"))["cases"]
        assert sorted(r["case_id"] for r in rows if r["status"] == "done") == sorted(p.name for p in written)
    else:
        assert f"未能写出 {out / 'batch.json'}" in result.stderr


def test_a_read_only_folder_refuses_each_case_cleanly(folder, small_disk):
    out = small_disk / "out"
    files = sorted(folder.glob("*.yaml"))
    assert run_batch(files[:1], Options(out=out), workers=1) == 0
    before = (out / "batch.json").read_bytes()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    result = make_filings(folder, "--out", out, cwd=folder.parent)
    assert result.returncode == 1
    _no_traceback(result)
    for file in files[1:3]:
        assert f"未生成：{file}\n  无法写入输出文件夹 {out}：Read-only file system" in result.stderr
    assert f"未能写出 {out / 'batch.json'}：Read-only file system" in result.stderr
    assert (out / "batch.json").read_bytes() == before


def test_a_second_run_of_the_same_cases_finds_them_current(folder, tmp_path):
    """Folders made from the very same inputs are reported current, not refused; batch.json keeps them."""
    out = tmp_path / "out"
    files = sorted(folder.glob("*.yaml"))[:3]
    assert run_batch(files, Options(out=out), workers=2) == 0
    first = json.loads((out / "batch.json").read_text(encoding="utf-8"))["cases"]
    assert run_batch(files, Options(out=out), workers=2) == 0
    report = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    assert [r["status"] for r in report["cases"]] == ["current"] * 3
    assert [(r["case_id"], r["amounts"], r["warnings"]) for r in report["cases"]] == [
        (r["case_id"], r["amounts"], r["warnings"]) for r in first
    ]
    assert report["summary"]["current"] == 3


def test_the_batch_prints_nothing_and_tells_its_view(folder, tmp_path, capsys):
    """Library code does not print: the rows and the progress go to the caller's view, which the CLI prints."""

    class Recorder(BatchView):
        def __init__(self):
            self.events = []

        def started(self, total):
            self.events.append(("started", total))

        def advanced(self):
            self.events.append("advanced")

        def stopped(self):
            self.events.append("stopped")

        def report(self, rows, shared):
            self.events.append(("report", [r["status"] for r in rows()], [r["status"] for r in rows()]))

    files = sorted(folder.glob("*.yaml"))
    view = Recorder()
    assert run_batch(files, Options(out=tmp_path / "out"), workers=1, view=view) == 1
    statuses = ["done", "done", "done", "refused"]  # in the order of the files: 9-refused.yaml is the last
    assert view.events == [("started", 4), *["advanced"] * 4, "stopped", ("report", statuses, statuses)]
    assert capsys.readouterr() == ("", "")
