"""Many cases in one run: one worker process per CPU core, one failure never stops the others.

Each case goes through the same `run_case` as a single run. The parent process
tells its caller's `BatchView` of each case finished and, at the end, of every
row (the command line draws the progress bar and prints the table; this module
prints nothing), writes `<out>/batch.json` and returns the exit status (1 if any
case was refused).

What a batch costs does not grow with its size or with what `--out` already holds:
- the output folder is listed once at the start (to tidy what a killed run left)
  and once at the end, never per case;
- each worker has at most one case in hand, so the parent holds no queue of cases;
- each finished case's row goes to a journal file, not to a list in memory, and
  `batch.json` is written from the journal at the end, merged with the rows an
  earlier run left there (keyed by the case file's path).

Workers are warm: the templates are read and compiled, and the data files, schemas
and rules loaded (by preparing the built-in demo case), once, in the parent before it
forks the workers (a worker started another way does it when it starts), and
what is loaded by then is frozen, so the garbage collector's full passes only look
at what the cases create. Workers die with the parent, `kill -9` included.

Ctrl-C: the first press lets the cases in hand finish and starts no more; a second
press ends the workers at once. Either way the half-written folders are removed,
`batch.json` is written, and a case not known to be whole is reported as not reached.
"""

from __future__ import annotations

import array
import contextlib
import dataclasses
import gc
import json
import multiprocessing
import os
import signal
import tempfile
import threading
import traceback
import uuid
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from generator.filings.shared_contacts import CONTACT_KEY, contact_of, shared_contact_warnings
from generator.pipeline import FILE_STEMS, Options, run_case
from generator.rendering.write import share_folder_lock, sync_folder, target_folder, tidy_output_folder

# A row's state, one byte per case in the parent (see _Journal).
_NOT_REACHED, _DONE, _REFUSED, _EXISTS, _FAILED, _CURRENT = range(6)
_STATE = {"done": _DONE, "refused": _REFUSED, "failed": _FAILED, "interrupted": _NOT_REACHED, "current": _CURRENT}


def process_one(file: Path, options: Options, debug: bool = False) -> dict:
    """Run one case; return its batch row (never raises for a user error)."""
    from generator.errors import FilingError, OutputCurrentError, OutputExistsError

    row: dict[str, Any] = {
        "file": str(file),
        "case_id": None,
        "status": "done",
        "amounts": None,
        "warnings": [],
        "error": None,
    }
    try:
        prepared, folder = run_case(file, options)
    except OutputCurrentError as exc:  # made from these very inputs by an earlier run: nothing to do
        return _current_row(file, exc.folder)
    except FilingError as exc:
        row.update(status="refused", error=exc.message)
        if isinstance(exc, OutputExistsError) and "同一批" not in exc.message:
            row["exists"] = True  # an earlier run's folder: batch.json keeps that run's row
        return row
    except Exception as exc:  # a bug in one case must not lose the others' results
        row.update(status="failed", error=_internal(exc, debug))
        return row
    row.update(
        case_id=prepared.case_id, amounts=prepared.manifest["amounts"], warnings=prepared.warnings, folder=str(folder)
    )
    row[CONTACT_KEY] = contact_of(prepared.analysis.case)  # compared across the batch, never saved
    return row


class BatchView:
    """What a batch tells its caller as it goes; this one tells nothing (a library caller, a test).

    The command line's view draws the progress bar and prints the table (generator/cli_batch.py).
    """

    def started(self, total: int) -> None:
        """The cases are about to be processed."""

    def advanced(self) -> None:
        """One more case is finished (done, refused or failed)."""

    def stopped(self) -> None:
        """No case is in hand any more (all finished, or interrupted)."""

    def report(self, rows: Callable[[], Iterator[dict]], shared: list[dict]) -> None:
        """This run's rows in the order of the files (`rows()` streams them afresh each call), and the contact
        details that several complainants share."""

    def note(self, message: str) -> None:
        """Something about batch.json the user must be told (it was not created, or could not be written)."""


def run_batch(
    files: list[Path],
    options: Options,
    debug: bool = False,
    workers: int | None = None,
    exiting: bool = False,
    view: BatchView | None = None,
) -> int:
    """Process every case file, telling `view` as it goes; return the exit status (130 when interrupted by Ctrl-C).

    `exiting`: the caller exits with that status (the command line), so after an interrupted
    batch Ctrl-C stays ignored until it does.
    """
    view = view or BatchView()
    workers = workers or min(len(files), _cores()) or 1
    options = dataclasses.replace(options, batch=uuid.uuid4().hex)  # tells this run's folders from older ones
    journal = _Journal(len(files))
    stop = _Stop()
    with stop.on_ctrl_c(exiting):  # until batch.json is written: a late Ctrl-C must not cut the report short
        tidy_output_folder(options.out)
        start_worker(options)  # here too: forked workers inherit the compiled templates
        view.started(len(files))
        try:
            if workers == 1:
                _run_here(files, options, debug, journal, stop, view)
            else:
                _Pool(files, options, debug, workers, journal, stop, view).run()
        finally:
            view.stopped()
            gc.unfreeze()  # this process may go on (a test, a library caller)
        tidy_output_folder(options.out)  # what a worker ended by a second Ctrl-C or a crash left
        status = 130 if stop.requested else 0 if journal.all_done() else 1
        shared = shared_contact_warnings(row for _, row in journal.rows(files))
        view.report(lambda: (row for _, row in journal.rows(files)), shared)
        _write_report(files, options.out, journal, shared, view)
    journal.file.close()
    return status


def _cores() -> int:
    """The CPU cores this process may run on (a container or taskset may allow fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


# ------------------------------------------------------------------------------ in one process


def _run_here(
    files: list[Path], options: Options, debug: bool, journal: "_Journal", stop: "_Stop", view: BatchView
) -> None:
    """The cases one after another in this process (a second Ctrl-C stops the case in hand)."""
    for index, file in enumerate(files):
        if stop.requested:
            return
        row: dict | None
        try:
            with stop.interruptible():
                row = process_one(file, options, debug)
        except KeyboardInterrupt:
            stop.requested = True
            row = _row_from_folder(file, options)
            if row is not None:
                journal.add(index, row)
            return
        journal.add(index, row)
        view.advanced()


# ---------------------------------------------------------------------------- on worker processes


class _Pool:
    """Worker processes fed one case at a time through a pipe each; their rows come back on one pipe.

    The parent always knows which case each worker has in hand, so a worker that dies
    (killed, out of memory) fails that case only, and is replaced.
    """

    def __init__(self, files, options, debug, workers, journal, stop, view: BatchView):
        self.files, self.options, self.debug, self.journal, self.stop, self.view = (
            files,
            options,
            debug,
            journal,
            stop,
            view,
        )
        self.size = workers
        self.context = multiprocessing.get_context()
        self.lock = self.context.Lock()
        self.results, self.results_writer = self.context.Pipe(duplex=False)
        self.result_lock = self.context.Lock()
        self.workers: dict[int, _Worker] = {}  # pid → worker
        self.next = 0  # the index of the next case to hand out

    def run(self) -> None:
        try:
            for _ in range(min(self.size, len(self.files))):
                self._start_worker()
            while self.workers:
                if self.stop.kill:
                    self._kill_all()
                    break
                if self.stop.requested:
                    self._dismiss_idle()
                ready = wait([self.results, *(w.process.sentinel for w in self.workers.values())], timeout=0.2)
                if self.results in ready:
                    self._collect()
                for worker in list(self.workers.values()):
                    if worker.process.sentinel in ready and not worker.process.is_alive():
                        self._lost(worker)
        finally:
            self._kill_all()
            self.results.close()
            self.results_writer.close()

    def _start_worker(self) -> None:
        tasks, tasks_writer = self.context.Pipe(duplex=False)
        forked_by_us = self.context.get_start_method() in ("fork", "spawn")  # not a fork server's child
        process = self.context.Process(
            target=_worker_main,
            daemon=True,
            args=(
                tasks,
                self.results_writer,
                self.result_lock,
                self.lock,
                self.options,
                self.debug,
                os.getpid() if forked_by_us else None,
            ),
        )
        process.start()
        tasks.close()
        worker = _Worker(process, tasks_writer)
        self.workers[worker.pid] = worker
        self._hand_out(worker)

    def _hand_out(self, worker: "_Worker") -> None:
        """Give the worker the next case, or tell it to finish."""
        if self.stop.requested or self.next >= len(self.files):
            self._dismiss(worker)
            return
        worker.index = self.next
        self.next += 1
        try:
            worker.tasks.send((worker.index, str(self.files[worker.index])))
        except OSError:  # it died just now; _lost sees to the case
            pass

    def _dismiss(self, worker: "_Worker") -> None:
        if not worker.dismissed:
            worker.dismissed = True
            with contextlib.suppress(OSError):
                worker.tasks.send(None)

    def _dismiss_idle(self) -> None:
        for worker in self.workers.values():
            if worker.index is None:
                self._dismiss(worker)

    def _collect(self) -> None:
        """Every row waiting on the pipe; each worker that sent one gets its next case."""
        while self.results.poll():
            try:
                pid, index, row = self.results.recv()
            except (EOFError, OSError):
                return
            self.journal.add(index, row)
            self.view.advanced()
            worker = self.workers.get(pid)
            if worker is not None and worker.index == index:
                worker.index = None
                self._hand_out(worker)

    def _lost(self, worker: "_Worker") -> None:
        """A worker ended: its case is failed (or, if its folder was written whole, done); another takes over."""
        self._collect()  # the row it sent just before ending, if any
        del self.workers[worker.pid]
        worker.process.join()
        worker.tasks.close()
        if worker.index is not None:
            row = _row_from_folder(self.files[worker.index], self.options)
            if row is None:
                row = _failed_row(
                    self.files[worker.index],
                    f"处理该案件的进程意外结束（退出码 {worker.process.exitcode}），未写出任何文件",
                )
            self.journal.add(worker.index, row)
            self.view.advanced()
        if not self.stop.requested and self.next < len(self.files):
            self._start_worker()

    def _kill_all(self) -> None:
        """End every worker now; a case in hand counts only if its folder is whole (see _row_from_folder)."""
        for worker in self.workers.values():
            with contextlib.suppress(OSError):
                worker.process.kill()
        for worker in list(self.workers.values()):
            worker.process.join()
            worker.tasks.close()
        self._collect()
        for worker in self.workers.values():
            if worker.index is not None and not self.journal.has(worker.index):
                row = _row_from_folder(self.files[worker.index], self.options)
                if row is not None:
                    self.journal.add(worker.index, row)
        self.workers.clear()


@dataclasses.dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    tasks: Connection  # the parent's end of the worker's task pipe
    index: int | None = None  # the case in hand
    dismissed: bool = False

    @property
    def pid(self) -> int:
        """The worker process's id, set once it has started."""
        if self.process.pid is None:
            raise RuntimeError("a worker is registered only after its process has started")
        return self.process.pid


def _worker_main(tasks, results, result_lock, folder_lock, options: Options, debug: bool, parent: int | None) -> None:
    """A worker: cases from `tasks` until told to stop, each row sent back with this process's id."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    share_folder_lock(folder_lock)
    start_worker(options)
    pid = os.getpid()
    while True:
        try:
            task = tasks.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if task is None:
            return
        index, file = task
        row = process_one(Path(file), options, debug)
        with result_lock:
            results.send((pid, index, row))


def _die_with_parent(parent: int | None) -> None:
    """Have the kernel end this worker when its parent process ends, however it ends (Linux);
    elsewhere a thread checks for the parent every second. `parent` is the batch's pid,
    None when a fork server started the worker (its death follows the batch's)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(1, signal.SIGKILL) != 0:  # PR_SET_PDEATHSIG
            raise OSError(ctypes.get_errno(), "prctl")
    except (OSError, AttributeError):
        threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
        return
    if parent is not None and os.getppid() != parent:  # the parent ended before the request was made
        os._exit(1)


def _watch_parent(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def start_worker(options: Options) -> None:
    """Read and compile every template once, then keep it out of the garbage collector's way.

    In a worker forked from a warm parent the templates are already compiled:
    `warm` then only checks that the files have not changed.
    """
    from generator.rendering.render import TemplateSet, warm

    warm(TemplateSet(options.templates), FILE_STEMS)
    _rehearse(options)
    gc.collect()
    gc.freeze()


_rehearsed = False


def _rehearse(options: Options) -> None:
    """Prepare the built-in demo case in memory: every data file, schema and rule a case uses is
    then loaded and checked once, before the workers are forked, instead of once in each."""
    from importlib import resources

    from generator.pipeline import prepare

    global _rehearsed
    if _rehearsed:  # a worker forked from the parent that did it
        return
    _rehearsed = True
    demo = Path(str(resources.files("generator.data").joinpath("demo_case.yaml")))
    try:
        prepare(demo, dataclasses.replace(options, check_output=False, pdf=False, batch=None))
    except Exception:  # noqa: BLE001 — only a head start: each case reports its own problems
        pass


# ------------------------------------------------------------------------------------ Ctrl-C


class _Stop:
    """Ctrl-C as two flags the batch checks between steps, so it never interrupts the pool's own code."""

    def __init__(self):
        self.requested = False  # first press: start no more cases
        self.kill = False  # second press: end the cases in hand too
        self._in_case = False  # a case runs in this process: the second press interrupts it

    @contextlib.contextmanager
    def interruptible(self):
        self._in_case = True
        try:
            yield
        finally:
            self._in_case = False

    @contextlib.contextmanager
    def on_ctrl_c(self, exiting: bool):
        """Ctrl-C as flags while the batch runs; `exiting`: the process ends after an interrupted
        batch, so a further Ctrl-C is ignored instead of cutting the exit short."""
        if threading.current_thread() is not threading.main_thread():
            yield  # only the main thread can catch signals; a library caller's thread keeps the default
            return
        previous = signal.signal(signal.SIGINT, self._pressed)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, signal.SIG_IGN if exiting and self.requested else previous)

    def _pressed(self, signum, frame) -> None:
        if self.requested:
            self.kill = True
            if self._in_case:
                self._in_case = False
                raise KeyboardInterrupt  # the case running in this process stops; its folder is never half-written
        self.requested = True


# ----------------------------------------------------------------------------------- rows


def _row_from_folder(file: Path, options: Options) -> dict | None:
    """The row of a case whose worker ended without reporting: done if this batch wrote its folder whole.

    A folder is only ever renamed into place complete, with its manifest naming the
    batch and the case file; anything less means the case was not written.
    """
    from generator.case.load import load_case

    try:
        case_id = str(load_case(file).data.get("case_id", "")).strip()
        folder = target_folder(options.out, case_id)
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except Exception:  # noqa: BLE001 — unreadable file or no folder: not written
        return None
    if manifest.get("batch") != {"id": options.batch, "case_file": str(file)}:
        return None
    return {
        "file": str(file),
        "case_id": case_id,
        "status": "done",
        "amounts": manifest.get("amounts"),
        "warnings": manifest.get("warnings", []),
        "error": None,
        "folder": str(folder),
    }


def _current_row(file: Path, folder: Path) -> dict:
    """A case whose folder an earlier run made from the same inputs: its amounts and warnings from that manifest."""
    try:
        manifest = json.loads((Path(folder) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    return {
        "file": str(file),
        "case_id": Path(folder).name,
        "status": "current",
        "amounts": manifest.get("amounts"),
        "warnings": manifest.get("warnings", []),
        "error": None,
        "folder": str(folder),
    }


def _not_reached(file: str) -> dict:
    return {
        "file": file,
        "case_id": None,
        "status": "interrupted",
        "amounts": None,
        "warnings": [],
        "error": "已中断（Ctrl-C），未处理",
    }


def _failed_row(file: Path, message: str) -> dict:
    return {
        "file": str(file),
        "case_id": None,
        "status": "failed",
        "amounts": None,
        "warnings": [],
        "error": f"内部错误：{message}",
    }


def _internal(exc: BaseException, debug: bool) -> str:
    message = f"内部错误：{type(exc).__name__}: {exc}"
    if debug:
        message += "\n" + "".join(traceback.format_exception(exc)).rstrip()
    return message


class _Journal:
    """The rows of finished cases, in a temporary file, found again by their offset.

    The parent keeps 9 bytes per case (an offset and a state), not the rows.
    """

    def __init__(self, count: int):
        self.file = tempfile.TemporaryFile(prefix="make-filings-batch-")
        self.offsets = array.array("q", [-1]) * count
        self.states = bytearray(count)

    def add(self, index: int, row: dict) -> None:
        self.file.seek(0, os.SEEK_END)
        self.offsets[index] = self.file.tell()
        self.states[index] = _EXISTS if row.pop("exists", False) else _STATE[row["status"]]
        self.file.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")

    def has(self, index: int) -> bool:
        return self.offsets[index] >= 0

    def row(self, index: int, file: Path) -> dict:
        offset = self.offsets[index]
        if offset < 0:
            return _not_reached(str(file))
        self.file.seek(offset)
        return json.loads(self.file.readline())

    def rows(self, files: list[Path]):
        for index, file in enumerate(files):
            yield index, self.row(index, file)

    def all_done(self) -> bool:
        return all(state in (_DONE, _CURRENT) for state in self.states)

    def any_written(self) -> bool:
        return _DONE in self.states or _CURRENT in self.states


# ---------------------------------------------------------------------------------- batch.json


def _write_report(files: list[Path], out: Path, journal: _Journal, shared: list, view: BatchView) -> None:
    """`<out>/batch.json`: this run's rows and an earlier run's rows for other case files.

    An earlier run's "done" row stays when this run refused the same file only because
    that folder already exists. A batch that wrote nothing and finds no batch.json
    writes none (nor creates --out). A folder that cannot be written is said so.
    """
    path = out / "batch.json"
    earlier = path.exists()
    if not (journal.any_written() or earlier):
        view.note(f"没有写出任何案件，因此未创建 {path}。")
        return
    try:
        with _atomic_file(path) as f:
            counts = Counts()
            f.write(b'{"cases": [\n')
            first = True
            if earlier:
                for row in _kept_from(path, files, journal):
                    first = _write_row(f, row, first, counts)
            for _, row in journal.rows(files):
                first = _write_row(f, row, first, counts)
            f.write(
                b'\n], "summary": '
                + json.dumps(counts.summary(), ensure_ascii=False).encode()
                + b', "shared_contacts": '
                + json.dumps(shared, ensure_ascii=False).encode()
                + b"}\n"
            )
    except OSError as exc:
        view.note(f"未能写出 {path}：{exc.strerror or exc}。各案件的结果见上表。")


def _kept_from(path: Path, files: list[Path], journal: _Journal):
    """An earlier batch.json's rows for files not in this run; its done rows replace this run's "exists" refusals."""
    try:
        with open(path, encoding="utf-8") as f:
            rows = _rows_of(f)
            index_of = {str(file): i for i, file in enumerate(files)}
            for row in rows:
                index = index_of.get(str(row.get("file"))) if isinstance(row, dict) else None
                if index is None:
                    if isinstance(row, dict):
                        yield row
                elif journal.states[index] == _EXISTS and row.get("status") == "done" and _still_there(row):
                    journal.add(index, row)
    except (OSError, ValueError):  # unreadable or not ours: this run's rows alone
        return


def _rows_of(f):
    """The rows of a batch.json, one line at a time as this module writes it, else the whole file parsed."""
    if f.readline().strip() != '{"cases": [':
        f.seek(0)
        yield from json.load(f).get("cases", [])
        return
    for line in f:
        line = line.strip().removesuffix(",")
        if line.startswith("{"):
            yield json.loads(line)


def _still_there(row: dict) -> bool:
    return bool(row.get("folder")) and (Path(row["folder"]) / "manifest.json").is_file()


def _write_row(f, row: dict, first: bool, counts: "Counts") -> bool:
    row.pop(CONTACT_KEY, None)
    counts.add(row)
    f.write((b"" if first else b",\n") + json.dumps(row, ensure_ascii=False).encode("utf-8"))
    return False


@contextlib.contextmanager
def _atomic_file(path: Path):
    """A file written beside `path`, made durable and renamed over it; the folder is synced once,
    which also makes the batch's case folders, renamed into it, durable."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "wb") as f:
            yield f
            f.flush()
            os.fdatasync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    sync_folder(path.parent)


class Counts:
    """The tally of a batch's rows: batch.json's summary and the table's last line."""

    def __init__(self):
        self.total = self.done = self.current = self.refused = self.warnings = self.interrupted = 0

    def add(self, row: dict) -> None:
        self.total += 1
        self.done += row.get("status") == "done"
        self.current += row.get("status") == "current"
        self.refused += row.get("status") in ("refused", "failed")
        self.interrupted += row.get("status") == "interrupted"
        self.warnings += len(row.get("warnings") or [])

    def summary(self) -> dict:
        counts = {"total": self.total, "done": self.done, "refused": self.refused, "warnings": self.warnings}
        if self.current:
            counts["current"] = self.current
        if self.interrupted:
            counts["interrupted"] = self.interrupted
        return counts
