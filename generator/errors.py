"""Every mistake a user can make, as one family of exceptions.

The CLI catches `FilingError` once and prints its Chinese message; any other
exception is a bug and stays visible (with `--debug`).
"""

from __future__ import annotations

from dataclasses import dataclass


class FilingError(Exception):
    """A refusal the user can fix: printed in Chinese, exit status 1."""

    exit_code = 1
    detail: str | None = None  # a library's own (English) account of the cause, shown with --debug

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a case file: where it is and what is wrong."""

    path: tuple = ()
    message: str = ""
    line: int | None = None

    def describe(self) -> str:
        where = format_path(self.path) or "（文件整体）"
        at = f"第{self.line}行" if self.line else "行号未知"
        return f"{at}  {where}：{self.message}"


def format_path(path: tuple) -> str:
    """`('problems', 0, 'type')` → `problems[0].type`, the way users read keys."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


class _ProblemsInFile(FilingError):
    """A file that cannot be used: one line per problem, with key path and line, in line order."""

    what = "文件"

    def __init__(self, file: str, problems: list[Problem]):
        self.file = file
        self.problems = sorted(problems, key=lambda p: (p.line or 0, format_path(p.path)))
        lines = [f"{self.what} {file} 有 {len(self.problems)} 处问题，未生成任何文书："]
        lines += [f"  - {p.describe()}" for p in self.problems]
        super().__init__("\n".join(lines))


class CaseFileError(_ProblemsInFile):
    """The case file cannot be used."""

    what = "案件文件"


class OutputExistsError(FilingError):
    """The output folder already holds filings and --force was not given."""


class OutputCurrentError(FilingError):
    """The case's folder was made from exactly these inputs: nothing to do, not a failure (exit 0)."""

    exit_code = 0

    def __init__(self, folder):
        self.folder = folder
        super().__init__(f"已存在，跳过：{folder}（案件文件、证据、程序版本和选项都与上次生成时相同）")


class TemplateProblemError(FilingError):
    """A Word template cannot be rendered (broken tag, unknown variable …)."""


class PrivacyLeakError(FilingError):
    """The public post would reveal private data: nothing is written."""


class EvidenceFileRejected(FilingError, ValueError):
    """An evidence file cannot be used; the message is the Chinese reason only."""


class PdfError(FilingError):
    """A PDF copy could not be made; the Word files themselves are fine."""


class OfficeMissingError(PdfError):
    """LibreOffice (or a Chinese font it needs) is not installed."""


class PdfConversionError(PdfError):
    """LibreOffice ran but did not produce a correct PDF for every file."""


class DataError(Exception):
    """A data file is inconsistent (a rule quoting words its provision lacks …); data_files.located
    turns it into a DataFileError naming the file, key path and line."""


class DataFileError(_ProblemsInFile, DataError):
    """A data file (built-in or from --data) cannot be used."""

    what = "数据文件"
