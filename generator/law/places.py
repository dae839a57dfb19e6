"""Chinese addresses parsed into province, city and county with jionlp's location parser.

jionlp's package `__init__` prints a banner and unpacks all its dictionaries into
its own installed folder. Only the location parser is needed here, so it is loaded
without that `__init__`, with stdout held back, and its two dictionaries are
unpacked into the tool's cache folder instead. Imported lazily: only the office
and court advice needs it.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import io
import logging
import os
import shutil
import sys
import tempfile
import types
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_DICTIONARIES = ("china_location", "china_location_change")


@dataclass(frozen=True)
class Place:
    """The administrative divisions an address names; None where it names none."""

    province: str | None
    city: str | None
    county: str | None


@lru_cache(maxsize=4096)  # the parser takes some 20 ms an address; a case asks for each address twice
def parse_address(text: str) -> Place:
    """Province, city and county of an address, as the parser reads them."""
    with contextlib.redirect_stdout(io.StringIO()):
        found = _parser()(text)
    return Place(found.get("province"), found.get("city"), found.get("county"))


@lru_cache(maxsize=1)
def _parser():
    """jionlp's LocationParser, reading its dictionaries from our cache folder."""
    package = _package_folder()
    with contextlib.redirect_stdout(io.StringIO()), _without_package_init(package):
        loader = importlib.import_module("jionlp.dictionary.dictionary_loader")
        module = importlib.import_module("jionlp.gadget.location_parser")
    version = _version(package)
    vars(loader)["GRAND_DIR_PATH"] = str(_dictionary_home(package, version))
    # The parser reads its dictionaries on its first address, about 0.5 s of CPU: what
    # jionlp's loaders make of them is kept in the cache folder for the next process.
    for name in ("china_location_loader", "china_location_change_loader"):
        setattr(module, name, _cached_loader(getattr(loader, name), version))
    parser = module.LocationParser()
    parser.get_candidates = _NarrowedCandidates(parser)
    return parser


class _NarrowedCandidates:
    """jionlp's candidate search run over only the divisions one of whose names can occur in the address.

    jionlp tests every name of its 3,500 divisions against the address (some 14 ms an address).
    A division is a candidate only if one of its names is in the address, so only if that
    name's first two characters are (every name has at least two): the divisions are indexed
    by them once, and jionlp's own search runs on those that qualify, in their order, giving
    the same candidates, the same in-place marks on them and the same result.
    """

    def __init__(self, parser):
        self.parser, self.search = parser, parser.get_candidates
        self.indexed: list | None = None  # the division list the index was built from
        self.index: dict[str, list[int]] = {}
        self.always: list[int] = []  # divisions with a name shorter than two characters: always searched

    def __call__(self, text: str) -> list:
        divisions = self.parser.administrative_map_list
        if divisions is not self.indexed:
            self._build(divisions)
        pairs = {text[i : i + 2] for i in range(len(text) - 1)}
        wanted = sorted({*self.always, *(i for pair in pairs for i in self.index.get(pair, ()))})
        self.parser.administrative_map_list = [divisions[i] for i in wanted]
        try:
            return self.search(text)
        finally:
            self.parser.administrative_map_list = divisions

    def _build(self, divisions: list) -> None:
        self.index, self.always = {}, []
        for i, division in enumerate(divisions):
            names = {name for level in division[1:4] for name in level if name is not None}
            if any(len(name) < 2 for name in names):
                self.always.append(i)
            for pair in {name[:2] for name in names if len(name) >= 2}:
                self.index.setdefault(pair, []).append(i)
        self.indexed = divisions


def _cached_loader(load, version: str):
    """One of jionlp's dictionary loaders, its result (plain data) kept per jionlp version and arguments."""
    from generator.cache import cached_data

    def cached(*args, **kwargs):
        return cached_data("jionlp", f"{load.__name__} {args!r} {kwargs!r}", lambda: load(*args, **kwargs), version)

    return cached


def _package_folder() -> Path:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("jionlp is not installed")
    return Path(list(spec.submodule_search_locations)[0])


def _version(package: Path) -> str:
    from importlib.metadata import version

    try:
        return version("jionlp")
    except Exception:  # a source checkout without metadata
        return str(int((package / "__init__.py").stat().st_mtime))


@contextlib.contextmanager
def _without_package_init(package: Path):
    """Import jionlp submodules while `jionlp` and `jionlp.gadget` are empty stand-ins for their `__init__`."""
    if "jionlp" in sys.modules and not getattr(sys.modules["jionlp"], "_stand_in", False):
        yield  # the real package is already imported: nothing to avoid any more
        return
    stand_ins = {}
    for name, folder in (("jionlp", package), ("jionlp.gadget", package / "gadget")):
        module = types.ModuleType(name)
        module.__path__ = [str(folder)]
        vars(module)["_stand_in"] = True
        stand_ins[name] = module
    vars(stand_ins["jionlp"])["logging"] = logging.getLogger("jionlp")  # what its submodules import from the package
    sys.modules.update({k: v for k, v in stand_ins.items() if k not in sys.modules})
    try:
        yield
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]  # a later `import jionlp` gets the real package


def _dictionary_home(package: Path, version: str) -> Path:
    """A folder with `dictionary/` holding the two location dictionaries, unpacked once per jionlp version."""
    from generator.cache import cache_dir

    base = cache_dir()
    if base is None:
        base = Path(tempfile.mkdtemp(prefix="make-filings-jionlp-"))
    home = base / f"jionlp-{version}"
    if all((home / "dictionary" / f"{name}.txt").is_file() for name in _DICTIONARIES):
        return home
    staging = Path(tempfile.mkdtemp(prefix=".jionlp-", dir=base))
    try:
        folder = staging / "dictionary"
        folder.mkdir()
        for name in _DICTIONARIES:
            _unpack(package / "dictionary", name, folder)
        try:
            os.replace(staging, home)
        except OSError:  # another process got there first, or an old partial copy: use whichever is whole
            if not all((home / "dictionary" / f"{n}.txt").is_file() for n in _DICTIONARIES):
                shutil.rmtree(home, ignore_errors=True)
                os.replace(staging, home)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return home


def _unpack(source: Path, name: str, target: Path) -> None:
    """One dictionary: from its zip when the package ships one, else the plain file."""
    archive = source / f"{name}.zip"
    if archive.is_file():
        with zipfile.ZipFile(archive) as zf:
            member = f"{name}.txt"
            with zf.open(member) as src, open(target / member, "wb") as dst:
                shutil.copyfileobj(src, dst)
    else:
        shutil.copyfile(source / f"{name}.txt", target / f"{name}.txt")
