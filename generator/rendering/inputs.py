"""What a case's output was made from, so a repeated run can tell a current folder from a stale one.

The manifest records a hash of the case file, of each evidence file, the
program's version, a hash of its data and templates, and the settings that
change what is written. A run whose inputs hash alike finds the folder current
and leaves it as it is; one whose inputs differ is refused without --force,
naming what changed.
"""

from __future__ import annotations

import hashlib
import os
import stat
from functools import lru_cache
from importlib import resources
from pathlib import Path

from generator import __version__
from generator.case.validate import ValidCase
from generator.data_files import MAX_DATA_BYTES
from generator.rendering.render import MAX_DOCX_BYTES, MAX_TEXT_TEMPLATE_BYTES

# The files of a --templates or --data folder a run reads, and the most of each it accepts.
TEMPLATE_LIMITS = {".docx": MAX_DOCX_BYTES, ".txt": MAX_TEXT_TEMPLATE_BYTES}
DATA_LIMITS = {".yaml": MAX_DATA_BYTES}

# What each part is called when it changed.
PART_NAMES = {
    "case_file": "案件文件",
    "evidence": "证据文件",
    "generator": "程序版本",
    "data": "内置法条、规则或模板",
    "settings": "生成选项（--only、--calendar、--pdf 或落款日期）",
}


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def case_inputs(valid: ValidCase, options) -> dict:
    """The inputs of one run of one case, each as a hash or a plain value."""
    evidence = {
        item.file: info.sha256  # hashed once, when validation read each file
        for item, info in zip(valid.case.evidence, valid.evidence_files)
    }
    return {
        "case_file": _sha256(Path(valid.file).read_bytes()),
        "evidence": evidence,
        "generator": __version__,
        "data": _package_digest(options.templates, getattr(options, "data", None)),
        "settings": {
            "only": sorted(options.only),
            "calendar": bool(options.calendar),
            "pdf": bool(options.pdf),
            "filing_date": valid.case.filing_date.isoformat(),
        },
    }


def changed_parts(old: dict | None, new: dict) -> list[str]:
    """The Chinese names of the parts that differ; every part when nothing was recorded."""
    if not isinstance(old, dict):
        return []
    return [PART_NAMES[key] for key in PART_NAMES if old.get(key) != new.get(key)]


def _package_digest(templates: Path | None, data: Path | None = None) -> str:
    """One hash over the package's data files and templates, and the user's templates and data when given."""
    digest = hashlib.sha256(_builtin_digest().encode())
    for folder, limits in ((templates, TEMPLATE_LIMITS), (data, DATA_LIMITS)):
        if folder is not None and Path(folder).is_dir():
            digest.update(b"\1" + _folder_digest(Path(folder), limits).encode())
    return digest.hexdigest()


def _folder_digest(folder: Path, limits) -> str:
    """The user's files of the kinds the run reads, each read up to the size the run would accept.

    Links, FIFOs and devices are not read (the template and data checks refuse them
    by name); a file over the limit is hashed by its first bytes past the limit,
    enough to tell it apart, since the run refuses it anyway.
    """
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        limit = limits.get(path.suffix)
        if limit is None:
            continue
        content = _regular_file_head(path, limit + 1)
        digest.update(path.name.encode() + b"\0" + (b"-" if content is None else b"+" + content) + b"\0")
    return digest.hexdigest()


def _regular_file_head(path: Path, limit: int) -> bytes | None:
    """Up to `limit` bytes of a regular file, never following a link nor blocking on a FIFO; None otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            return None
        return f.read(limit)


@lru_cache(maxsize=1)
def _builtin_digest() -> str:
    """The package's own data and templates change only with the package: hashed once a process."""
    digest = hashlib.sha256()
    for package in ("generator.data", "generator.templates"):
        for entry in sorted(resources.files(package).iterdir(), key=lambda e: e.name):
            if entry.is_file() and entry.name.endswith((".yaml", ".docx", ".txt", ".png")):
                digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()
