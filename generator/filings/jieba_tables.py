"""jieba's part-of-speech tagger, its dictionary read word by word from a table in the cache folder.

Before its first cut jieba loads its whole dictionary: the prefix dictionary (from its
marshal cache, or dict.txt parsed), then dict.txt parsed again for the tags, about
1.5 s of CPU, while the few hundred characters of a case's text look up a few hundred
words. So dict.txt's words, frequencies and tags are stored once per jieba version in
one SQLite table in make-filings' cache folder, and jieba's tokenizer is given mappings
that read the words it asks for; the cutting is jieba's own and its results the same.

The table holds the words only, not the prefixes `Tokenizer.gen_pfdict` adds with
frequency 0 (580,000 entries more, and most of the time of a first run): a fragment
is a prefix when the first word at or after it in the table's order starts with it
(every word between a fragment and a longer word starting with it starts with it too).
Without a cache folder jieba's tables are loaded whole, as jieba does, and nothing is
written.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import sys
import tempfile
from functools import cache, lru_cache
from pathlib import Path

_SCHEMA = "CREATE TABLE words (word TEXT PRIMARY KEY, freq INTEGER NOT NULL, tag TEXT) WITHOUT ROWID"


@cache
def posseg():
    """jieba's POSTokenizer (`.cut(text, HMM=False)`), its tables from the cache folder where there is one."""
    jieba, posseg_module = _import_jieba()
    tokenizer, tagger = jieba.dt, posseg_module.dt
    from generator.cache import cache_dir

    folder = cache_dir()
    store = _table_file(folder, jieba) if folder is not None else None
    if store is not None and not _usable(store):
        _write_table(store, tokenizer.get_dict_file())
        _drop_older_tables(store)
    if store is not None and _usable(store):
        words = _Words(store)
        tokenizer.FREQ, tagger.word_tag_tab = words.freq, words.tag
        tokenizer.total = words.total()
    else:  # no cache folder, or one that cannot be written: jieba's own way
        tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
        tagger.load_word_tag(tokenizer.get_dict_file())
    tokenizer.initialized = True
    return tagger


def _import_jieba():
    """`jieba` and `jieba.posseg`, without the dictionary parse `jieba.posseg` does on import.

    The default tagger jieba.posseg makes on import reads the tokenizer's dictionary
    file: pointed at an empty file for that moment, it reads nothing, and its tables
    are filled in afterwards. jieba's `_compat` takes pkg_resources (about 0.1 s to
    import) only to open its own files, and opens them directly when it is missing.
    """
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # `import` raises ImportError
    try:
        import jieba

        jieba.setLogLevel(logging.CRITICAL)  # it logs its loading to stderr; a library does not print
        if "jieba.posseg" in sys.modules:
            import jieba.posseg
        else:
            dictionary, jieba.dt.dictionary = jieba.dt.dictionary, os.devnull
            try:
                import jieba.posseg
            finally:
                jieba.dt.dictionary = dictionary
    finally:
        if blocked and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba, jieba.posseg


def _table_file(folder: Path, jieba) -> Path:
    """The table's file, named by what it is made from: jieba's version and its dictionary file."""
    from generator.cache import entry_key

    dictionary = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME
    stat = dictionary.stat()
    key = entry_key(f"{stat.st_size} {stat.st_mtime_ns}", "jieba", jieba.__version__, _SCHEMA)
    return folder / f"jieba-words-{key}.sqlite"


# Tables of other jieba or make-filings versions kept beside the new one (7 MB each): another installation on the same
# account keeps its own, older ones go.
KEPT_TABLES = 1


def _drop_older_tables(store: Path) -> None:
    """Remove all but the newest KEPT_TABLES tables other than `store` (a reader's open table stays readable)."""
    others = [p for p in store.parent.glob("jieba-words-*.sqlite") if p != store]
    with contextlib.suppress(OSError):
        others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in others[KEPT_TABLES:]:
        with contextlib.suppress(OSError):
            old.unlink()


def _usable(path: Path) -> bool:
    """The file exists, is this user's and private (as every cache entry must be), and has the table."""
    from generator.cache import open_entry

    try:
        with open_entry(path):
            pass
        with contextlib.closing(_connect(path)) as db:
            return db.execute("SELECT freq FROM words WHERE word = ''").fetchone() is not None
    except (OSError, sqlite3.Error):
        return False


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)


def read_dictionary(text: str) -> tuple[dict[str, tuple[int, str]], int]:
    """dict.txt's `word freq tag` lines as jieba reads them: a later line of a word wins, the total counts every line
    (`Tokenizer.gen_pfdict` and `POSTokenizer.load_word_tag`, without the prefixes)."""
    words: dict[str, tuple[int, str]] = {}
    total = 0
    for line in text.split("\n"):
        line = line.strip()
        if line:
            word, freq, tag = line.split(" ")
            words[word] = row = (int(freq), tag)
            total += row[0]
    return words, total


def _write_table(path: Path, dictionary) -> None:
    """dict.txt's words in a new file renamed into place; the total under the empty word (no word is empty)."""
    try:
        with dictionary:
            words, total = read_dictionary(dictionary.read().decode("utf-8"))
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        os.close(fd)
        try:
            with contextlib.closing(sqlite3.connect(tmp)) as db:
                # a file only renamed into place once complete needs no journal of its own
                db.execute("PRAGMA journal_mode = OFF")
                db.execute(_SCHEMA)
                db.execute("INSERT INTO words VALUES ('', ?, NULL)", (total,))
                db.executemany("INSERT INTO words VALUES (?, ?, ?)", ((w, *row) for w, row in words.items()))
                db.commit()
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, sqlite3.Error, ValueError):
        pass  # the cache only ever saves time (a dictionary jieba reads otherwise is read by jieba itself)


class _Words:
    """The stored table, read on demand (one connection per process: a forked worker opens its own)."""

    def __init__(self, path: Path):
        self._path = path
        self._pid = -1
        self._db: sqlite3.Connection | None = None
        self.freq = _Column(self, 0)
        self.tag = _Column(self, 1)
        # The words of a few hundred cases' texts, kept; bounded for long batches.
        self.row = lru_cache(maxsize=1 << 16)(self._read)

    def total(self) -> int:
        row = self.row("")
        assert row is not None  # `_usable` found it
        return row[0]

    def _read(self, word: str) -> tuple | None:
        """(frequency, tag) of a word, (0, None) of a fragment that only begins words, None of neither."""
        if self._pid != os.getpid():
            self._db, self._pid = _connect(self._path), os.getpid()
        assert self._db is not None
        row = self._db.execute(
            "SELECT word, freq, tag FROM words WHERE word >= ? ORDER BY word LIMIT 1", (word,)
        ).fetchone()
        if row is None or not row[0].startswith(word):
            return None
        return (row[1], row[2]) if row[0] == word else (0, None)


class _Column:
    """One column of the table as the read-only mapping jieba uses (`in`, `[]`, `.get`)."""

    def __init__(self, words: _Words, index: int):
        self._words, self._index = words, index

    def get(self, word: str, default=None):
        row = self._words.row(word) if word else None
        value = row[self._index] if row is not None else None
        return default if value is None else value

    def __contains__(self, word: str) -> bool:
        return self.get(word) is not None

    def __getitem__(self, word: str):
        value = self.get(word)
        if value is None:
            raise KeyError(word)
        return value

    def update(self, other: dict) -> None:
        if other:  # jieba adds a user dictionary's tags this way; make-filings loads none
            raise TypeError("the stored jieba table is read-only")
