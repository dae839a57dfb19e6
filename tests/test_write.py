"""The write stage: a case's folder is never missing under its name, not even while --force replaces it.

A process is SIGKILLed before each step of the swap in turn (no cleanup code runs), and
after each kill the case's name must hold a complete set of filings: the old one or the
new one, never neither and never a mix.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from generator.rendering import write

CASE_ID = "txvip-2026-001"
OLD = {"manifest.json": b'{"run": "old"}\n', "01_平台退款申请书.docx": b"old docx", "律师批注.txt": "旧批注".encode()}
NEW = {
    "manifest.json": b'{"run": "new"}\n',
    "01_平台退款申请书.docx": b"new docx",
    "01_平台退款申请书.txt": b"new text",
}

posix_only = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


def exchange_supported(folder: Path) -> bool:
    a, b = folder / ".probe-a", folder / ".probe-b"
    a.mkdir()
    b.mkdir()
    try:
        return write._exchange(a, b)
    finally:
        a.rmdir()
        b.rmdir()


@pytest.fixture
def out(tmp_path):
    """An output folder holding the case's previous filings."""
    folder = tmp_path / "out"
    write.write_case_folder(folder, CASE_ID, OLD, force=False)
    return folder


def contents(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}  # history/ holds replaced filings


def which_run(out: Path) -> str | None:
    """'old' or 'new' when the case's name holds that run's complete filings, else None."""
    folder = out / CASE_ID
    if not folder.is_dir():
        return None
    found = contents(folder)
    return next((name for name, files in (("old", OLD), ("new", NEW)) if found == files), None)


def test_exchange_swaps_two_folders(tmp_path):
    if not exchange_supported(tmp_path):
        pytest.skip("this file system cannot exchange names")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "from-a").write_text("a")
    (tmp_path / "b").mkdir()
    assert write._exchange(tmp_path / "a", tmp_path / "b")
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["from-a"]
    assert list((tmp_path / "a").iterdir()) == []


def test_exchange_of_a_missing_folder_is_an_error_not_a_fallback(tmp_path):
    if not exchange_supported(tmp_path):
        pytest.skip("this file system cannot exchange names")
    (tmp_path / "b").mkdir()
    with pytest.raises(FileNotFoundError):
        write._exchange(tmp_path / "missing", tmp_path / "b")


def test_force_replaces_old_with_new(out):
    write.write_case_folder(out, CASE_ID, NEW, force=True)
    assert which_run(out) == "new"
    assert [p.name for p in out.iterdir()] == [CASE_ID]


# The steps of a swap that change what the case's name holds.
STEPS = (("os", "rename"), ("write", "_exchange"), ("shutil", "rmtree"))


@pytest.mark.parametrize("mode", ["exchange", "two-renames"])
def test_name_holds_the_filings_at_every_step(out, monkeypatch, mode):
    """Watched before and after each step of the swap, in process: the name always holds old or new."""
    if mode == "exchange" and not exchange_supported(out):
        pytest.skip("this file system cannot exchange names")
    seen = []

    def watched(real, name):
        def step(*args, **kwargs):
            seen.append((name, "before", which_run(out)))
            result = real(*args, **kwargs)
            seen.append((name, "after", which_run(out)))
            return result

        return step

    targets = {"os": os, "write": write, "shutil": shutil}
    for module, name in STEPS:
        monkeypatch.setattr(targets[module], name, watched(getattr(targets[module], name), name))
    if mode == "two-renames":
        monkeypatch.setattr(write, "_exchange", lambda a, b: False)
    write.write_case_folder(out, CASE_ID, NEW, force=True)
    assert which_run(out) == "new"
    states = [state for _, _, state in seen]
    assert states[0] == "old" and states[-1] == "new"
    if mode == "exchange":
        assert None not in states, seen
    else:  # without an exchange there is one moment between the two renames, which recovery covers
        assert states.count(None) == 2 and seen[1] == ("rename", "after", None), seen


# Replace the case's folder in a process that SIGKILLs itself before the n-th step of the swap.
_KILLED_SWAP = """
import json, os, shutil, signal, sys
from pathlib import Path
from generator.rendering import write
out, n, mode = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
files = {name: data.encode("latin-1") for name, data in json.loads(sys.argv[4]).items()}
calls = 0
def dying(real):
    def step(*args, **kwargs):
        global calls
        calls += 1
        if calls == n:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return step
os.rename, write._exchange, shutil.rmtree = dying(os.rename), dying(write._exchange), dying(shutil.rmtree)
if mode == "two-renames":  # a system without an exchange: the swap is two renames
    write._exchange = lambda a, b: False
write.write_case_folder(out, sys.argv[5], files, force=True)
"""


def _swap_killed_at(out: Path, n: int, mode: str) -> int:
    files = json.dumps({name: data.decode("latin-1") for name, data in NEW.items()})
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_SWAP, str(out), str(n), mode, files, CASE_ID],
        capture_output=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[1],
    )
    assert done.returncode in (0, -signal.SIGKILL), done.stderr.decode("utf-8", "replace")
    return done.returncode


@posix_only
@pytest.mark.parametrize("mode", ["exchange", "two-renames"])
def test_kill_at_each_step_of_force_keeps_the_case_under_its_name(tmp_path, out, mode):
    """SIGKILL before each step in turn: the name holds old or new filings, and a later run tidies up."""
    if mode == "exchange" and not exchange_supported(out):
        pytest.skip("this file system cannot exchange names")
    pristine = tmp_path / "pristine"
    shutil.copytree(out, pristine)
    outcomes = []
    for n in range(1, 10):
        shutil.rmtree(out)
        shutil.copytree(pristine, out)
        if _swap_killed_at(out, n, mode) == 0:
            assert which_run(out) == "new"
            break
        state = which_run(out)
        if state is None:
            # Only two renames, killed between them: the old folder waits under a hidden name,
            # and the next run (here, one without --force, as a user would try) puts it back.
            assert mode == "two-renames", f"killed before step {n}: the case's filings are gone"
            write.check_writable(out, CASE_ID, force=True)
            state = "restored:" + str(which_run(out))
            assert which_run(out) == "old"
        outcomes.append(state)
        write.check_writable(out, CASE_ID, force=True)  # what the next run does first
        assert [p.name for p in out.iterdir()] == [CASE_ID], f"left behind after a kill before step {n}"
    else:
        pytest.fail("the swap never completed")
    if mode == "exchange":
        assert outcomes == ["old", "new"]  # before the exchange, and after it with the old folder not yet removed
    else:
        assert outcomes == ["old", "restored:old", "new"]
