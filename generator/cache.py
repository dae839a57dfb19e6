"""A per-user cache of work that depends only on the package's own files.

Its entries: the templates' compiled code (Jinja's own bytecode cache), the data
files parsed and checked against their schemas, and what libraries make of their
own data files (jieba's dictionary tables, see filings/jieba_tables.py; jionlp's
location dictionaries, see law/places.py). Nothing in it comes from a case. Every entry is keyed by a hash of all it
was made from (the file's text, the schema, the versions of make-filings, Python
and the libraries involved), so an edited template or data file is simply a
miss, never a stale hit. Entries are written atomically. A cache that cannot be
read or written is ignored: it only ever saves time.

Where: the folder in $MAKE_FILINGS_CACHE (set it empty to turn the cache off),
else $XDG_CACHE_HOME/make-filings, else ~/.cache/make-filings; without a real home
or cache folder the tool runs without a cache (see `cache_dir`).
"""

from __future__ import annotations

import datetime
import decimal
import functools
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

from generator import __version__

ENV_VAR = "MAKE_FILINGS_CACHE"


@functools.cache
def cache_dir() -> Path | None:
    """The cache folder, created private to the user; None when there is none to be had.

    It is only ever made inside a folder that exists: the one $MAKE_FILINGS_CACHE names
    sits in an existing folder, $XDG_CACHE_HOME must exist, and ~/.cache is made only in
    a real home folder (no HOME, an empty or relative one, `/`, or one that does not
    exist means no cache; the tool never creates a home folder).
    """
    try:
        folder = _chosen_folder()
        if folder is None:
            return None
        folder.mkdir(mode=0o700, exist_ok=True)  # its parent exists: nothing above it is made
        usable = _own_and_private(folder.stat()) and os.access(folder, os.R_OK | os.W_OK | os.X_OK)
    except (OSError, RuntimeError):
        return None
    return folder if usable else None


def _chosen_folder() -> Path | None:
    """Where the cache goes, its parent made or found; None for no cache."""
    configured = os.environ.get(ENV_VAR)
    if configured is not None:
        if not configured.strip():
            return None
        folder = Path(os.path.abspath(os.path.expanduser(configured)))
        return folder if folder.parent.is_dir() else None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg) and os.path.isdir(xdg):  # a relative one is to be ignored, says the XDG spec
        return Path(xdg) / "make-filings"
    home = _real_home()
    if home is None:
        return None
    (home / ".cache").mkdir(mode=0o700, exist_ok=True)
    return home / ".cache" / "make-filings"


def _real_home() -> Path | None:
    """The user's home folder, only if it is an absolute, existing folder other than `/`."""
    home = os.environ["HOME"] if "HOME" in os.environ else _home_from_passwd()
    if not home or not os.path.isabs(home) or os.path.realpath(home) == os.path.realpath(os.sep):
        return None
    return Path(home) if os.path.isdir(home) else None


def _home_from_passwd() -> str | None:
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_dir
    except (ImportError, KeyError, AttributeError):
        return None


def open_entry(path: str | Path) -> BinaryIO:
    """An entry opened for reading; PermissionError unless this user owns it and no one else can write it.

    Checked on the open file, not on its name: compiled template code read from
    here is run, so a folder swapped after `cache_dir` looked at it must not matter.
    """
    f = open(path, "rb")
    if not _own_and_private(os.fstat(f.fileno())):
        f.close()
        raise PermissionError(f"{path} is not this user's own private file")
    return f


def _own_and_private(st: os.stat_result) -> bool:
    """Owned by this user and writable by no one else (on Windows the cache sits in the user's profile)."""
    return not hasattr(os, "getuid") or (st.st_uid == os.getuid() and not st.st_mode & 0o022)


_T = TypeVar("_T")


def cached_data(kind: str, text: str, make: Callable[[], _T], *salt: str) -> _T:
    """`make()`, or what it returned for the same `text` and `salt` in an earlier run.

    Only plain data is kept (containers, text, numbers, dates, Decimal): the reader
    refuses anything else, so an entry can never run code. An entry holds its key
    too, so one that ended up under another's name is not taken for it.
    """
    folder = cache_dir()
    if folder is None:
        return make()
    key = entry_key(text, kind, *salt)
    path = folder / f"{kind}-{key}.pickle"
    try:
        with open_entry(path) as f:
            stored_key, value = _PlainDataUnpickler(f).load()
        if stored_key == key:
            return value  # what `make` returned when the entry was written
    except Exception:  # noqa: BLE001 — missing, truncated or foreign: made afresh and rewritten
        pass
    value = make()
    _write_atomically(path, pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL))
    return value


def entry_key(text: str, *salt: str) -> str:
    """The key of what is made from `text`: its hash with the salt's and this make-filings and Python's versions."""
    made_by = (__version__, sys.version, *salt)
    return hashlib.sha256(f"{made_by!r}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()


def _write_atomically(path: Path, data: bytes) -> None:
    """Write beside the entry and rename, so a reader never sees half an entry."""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass


class _PlainDataUnpickler(pickle.Unpickler):
    """Unpickles containers, text and numbers, and only these classes (Python's "restricting globals")."""

    _ALLOWED = {
        ("datetime", "date"): datetime.date,
        ("datetime", "datetime"): datetime.datetime,
        ("datetime", "timedelta"): datetime.timedelta,
        ("datetime", "timezone"): datetime.timezone,
        ("decimal", "Decimal"): decimal.Decimal,
    }

    def find_class(self, module, name):
        try:
            return self._ALLOWED[module, name]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not plain data") from None
