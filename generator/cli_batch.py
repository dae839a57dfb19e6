"""What the command line shows of a batch: the progress bar on a terminal, each refusal with its file, the table.

`generator.batch` runs the cases and tells this view of each one finished and, at the end,
of every row; only here is anything printed.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

import click

from generator.batch import BatchView, Counts
from generator.cnformat import display_width, pad

STATUS_NAMES = {"done": "完成", "current": "已是最新", "refused": "拒绝", "failed": "出错", "interrupted": "未处理"}


class BatchPrinter(BatchView):
    """The progress bar on stderr (only when it is a terminal), then the refusals, the table and the summary."""

    def __init__(self) -> None:
        self.open = contextlib.ExitStack()  # the bar, drawn from started() until stopped()
        self.update: Callable[[int], None] = lambda n: None

    def started(self, total: int) -> None:
        bar = click.progressbar(length=total, label="生成文书", file=sys.stderr, hidden=not sys.stderr.isatty())
        self.update = self.open.enter_context(bar).update

    def advanced(self) -> None:
        self.update(1)

    def stopped(self) -> None:
        self.open.close()
        self.update = lambda n: None

    def report(self, rows: Callable[[], Iterator[dict]], shared: list[dict]) -> None:
        """The refusals on stderr, then a table of this run's cases and a summary on stdout; below it the contact
        details several complainants share (beside the table's count of warnings)."""
        counts = Counts()
        width = 4
        for row in rows():
            counts.add(row)
            width = max(width, display_width(row["file"]))
            if row["status"] in ("refused", "failed"):
                click.echo(f"未生成：{row['file']}\n  {row['error']}", err=True)
        width += 2
        click.echo(pad("文件", width) + pad("案件编号", 26) + pad("状态", 10) + "提醒")
        for row in rows():
            status = STATUS_NAMES[row["status"]]
            click.echo(
                pad(row["file"], width) + pad(row["case_id"] or "-", 26) + pad(status, 10) + str(len(row["warnings"]))
            )
        click.echo(summary_line(counts))
        for warning in shared:
            click.echo(f"共用联系方式：{warning['message']}")

    def note(self, message: str) -> None:
        click.echo(message, err=True)


def summary_line(counts: Counts) -> str:
    current = f"，已是最新（跳过）{counts.current}" if counts.current else ""
    summary = (
        f"共 {counts.total} 个案件：完成 {counts.done}{current}，拒绝 {counts.refused}，提醒 {counts.warnings} 条。"
    )
    if counts.interrupted:
        summary += (
            f"\n已中断（Ctrl-C）：{counts.interrupted} 个案件未处理。已写出的案件文件夹都是完整的；"
            "再次运行同一命令即可处理其余案件（已完成的会因文件夹已存在而报告为拒绝，不会被覆盖）。"
        )
    return summary
