"""Many cases in one run: both CPU cores, one failure never stops the others.

Each case goes through the same `run_case` as a single run. The parent process
shows a progress bar on a terminal, prints each refusal with its file, writes
`<out>/batch.json` and returns the exit status (1 if any case was refused).

Workers are warm: the templates are read and compiled once, in the parent before
it forks the workers (a worker started another way does it when it starts), and
what is loaded by then is frozen, so the garbage collector's full passes only look
at what the cases create, not at the libraries and templates loaded once.
"""
from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import os
import signal
import sys
import traceback
import uuid
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import click

from .cnformat import display_width, pad
from .pipeline import FILE_STEMS, Options, run_case
from .shared_contacts import CONTACT_KEY, contact_of, shared_contact_warnings
from .write import share_folder_lock, write_json_atomically


def process_one(file: Path, options: Options, debug: bool = False) -> dict:
    """Run one case; return its batch row (never raises for a user error)."""
    from .errors import FilingError

    row = {"file": str(file), "case_id": None, "status": "done", "amounts": None, "warnings": [], "error": None}
    try:
        prepared, folder = run_case(file, options)
    except FilingError as exc:
        row.update(status="refused", error=exc.message)
        return row
    except Exception as exc:  # a bug in one case must not lose the others' results
        row.update(status="failed", error=_internal(exc, debug))
        return row
    row.update(case_id=prepared.case_id, amounts=prepared.manifest["amounts"], warnings=prepared.warnings,
               folder=str(folder))
    row[CONTACT_KEY] = contact_of(prepared.analysis.case)  # compared across the batch, then dropped
    return row


def run_batch(files: list[Path], options: Options, debug: bool = False, workers: int | None = None) -> int:
    """Process every case file; print a table; return the exit status (130 when interrupted by Ctrl-C).

    Ctrl-C lets the cases in progress finish (each case's folder is whole or absent),
    starts no more, and still writes batch.json, the cases not reached marked as such.
    """
    workers = workers or min(len(files), os.cpu_count() or 1, 2) or 1
    options = dataclasses.replace(options, batch=uuid.uuid4().hex)  # tells this run's folders from older ones
    rows: list[dict] = []
    interrupted = False
    show_bar = sys.stderr.isatty()
    start_worker(options)  # here too: forked workers inherit the compiled templates
    try:
        with click.progressbar(length=len(files), label="生成文书", file=sys.stderr, hidden=not show_bar) as bar:
            try:
                if workers == 1:
                    for file in files:
                        rows.append(process_one(file, options, debug))
                        bar.update(1)
                else:
                    _run_in_workers(files, options, debug, workers, rows, bar)
            except KeyboardInterrupt:
                interrupted = True
    finally:
        gc.unfreeze()  # this process may go on (a test, a library caller)
    reached = {r["file"] for r in rows}
    rows += [_not_reached(f) for f in files if str(f) not in reached]
    order = {str(f): i for i, f in enumerate(files)}
    rows.sort(key=lambda r: order[r["file"]])
    shared = shared_contact_warnings(rows)
    _report(rows)
    for warning in shared:  # below the table, beside its count of warnings
        click.echo(f"共用联系方式：{warning['message']}")
    write_json_atomically(options.out / "batch.json", {"cases": rows, "summary": _counts(rows),
                                                       "shared_contacts": shared})
    if interrupted:
        return 130
    return 0 if all(r["status"] == "done" for r in rows) else 1


def _run_in_workers(files: list[Path], options: Options, debug: bool, workers: int, rows: list, bar) -> None:
    """The cases on a pool of worker processes, rows appended as they finish."""
    context = multiprocessing.get_context()
    lock = context.Lock()
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker_process,
                             initargs=(options, lock)) as pool:
        futures: dict = {}
        collected = set()
        try:
            for f in files:
                futures[pool.submit(process_one, f, options, debug)] = f
            for future in as_completed(futures):
                collected.add(future)
                rows.append(_result(future, futures[future], debug))
                bar.update(1)
        except KeyboardInterrupt:
            pool.shutdown(wait=True, cancel_futures=True)  # the cases in progress finish, no new one starts
            rows += [_result(f, file, debug) for f, file in futures.items()
                     if f not in collected and f.done() and not f.cancelled()]
            raise


def _not_reached(file: Path) -> dict:
    return {"file": str(file), "case_id": None, "status": "interrupted", "amounts": None, "warnings": [],
            "error": "已中断（Ctrl-C），未处理"}


def _start_worker_process(options: Options, folder_lock) -> None:
    """A worker shares the parent's output-folder lock and leaves Ctrl-C to the parent,
    which lets the case in hand finish and stops the rest."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    share_folder_lock(folder_lock)
    start_worker(options)


def start_worker(options: Options) -> None:
    """Read and compile every template once, then keep it out of the garbage collector's way.

    In a worker forked from a warm parent the templates are already compiled:
    `warm` then only checks that the files have not changed.
    """
    from .render import TemplateSet, warm

    warm(TemplateSet(options.templates), FILE_STEMS)
    gc.collect()
    gc.freeze()


def _result(future, file: Path, debug: bool) -> dict:
    """A worker's row; a worker that died (killed, out of memory) fails only its own cases."""
    try:
        return future.result()
    except Exception as exc:
        return {"file": str(file), "case_id": None, "status": "failed", "amounts": None, "warnings": [],
                "error": _internal(exc, debug)}


def _internal(exc: BaseException, debug: bool) -> str:
    message = f"内部错误：{type(exc).__name__}: {exc}"
    if debug:
        message += "\n" + "".join(traceback.format_exception(exc)).rstrip()
    return message


def _counts(rows: list[dict]) -> dict:
    counts = {"total": len(rows), "done": sum(r["status"] == "done" for r in rows),
              "refused": sum(r["status"] in ("refused", "failed") for r in rows),
              "warnings": sum(len(r["warnings"]) for r in rows)}
    not_reached = sum(r["status"] == "interrupted" for r in rows)
    if not_reached:
        counts["interrupted"] = not_reached
    return counts


def _report(rows: list[dict]) -> None:
    for row in rows:
        if row["status"] in ("refused", "failed"):
            click.echo(f"未生成：{row['file']}\n  {row['error']}", err=True)
    counts = _counts(rows)
    width = max([display_width(r["file"]) for r in rows] + [4]) + 2
    click.echo(pad("文件", width) + pad("案件编号", 26) + pad("状态", 8) + "提醒")
    for row in rows:
        status = {"done": "完成", "refused": "拒绝", "failed": "出错", "interrupted": "未处理"}[row["status"]]
        click.echo(pad(row["file"], width) + pad(row["case_id"] or "-", 26) + pad(status, 8) + str(len(row["warnings"])))
    summary = f"共 {counts['total']} 个案件：完成 {counts['done']}，拒绝 {counts['refused']}，提醒 {counts['warnings']} 条。"
    if "interrupted" in counts:
        summary += (f"\n已中断（Ctrl-C）：{counts['interrupted']} 个案件未处理。已写出的案件文件夹都是完整的；"
                    "再次运行同一命令即可处理其余案件（已完成的会因文件夹已存在而报告为拒绝，不会被覆盖）。")
    click.echo(summary)
