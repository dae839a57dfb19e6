"""Read the data files (statutes, rules, channel facts, amounts, holidays, law names, offices, plan, phrases) once
and fast.

The files in `generator/data/` are what a lawyer edits; `--data DIR` puts a
folder of edited copies in front of them (a file present there replaces the
built-in one of the same name), and `make-filings check-data` (data_check.py)
checks such a folder. A broken file — bad YAML, a wrong or missing key, a rule quoting words
its provision lacks — is a `DataFileError`: in Chinese, naming the file, the key
path and the line, never a crash.

Parsing the files and checking them against their schemas is a tenth of a single
case's time, and they only change when edited: the result is kept in the
per-user cache (cache.py), keyed by the file's text and its schema, so an edited
copy is simply another key.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from generator import vocabulary as V
from generator.cache import cached_data
from generator.errors import DataError, DataFileError, Problem

# libyaml's loader is several times faster than the pure-Python one; both build the same plain data.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DATA_BYTES = 8_000_000  # provisions.yaml, the largest, is about 400 KB

# The schemas of the files no module checks on its own.
_PROVISIONS_SCHEMA = {
    "generated_note": {"type": "string"},
    "unverified": {"type": "list"},  # texts not confirmed: never quoted, so their shape is free
    "not_found": {"type": "list"},
    "provisions": {
        "type": "list",
        "required": True,
        "schema": {
            "type": "dict",
            "allow_unknown": True,
            "schema": {
                "law": {"type": "string", "required": True, "empty": False},
                "short": {"type": "string", "required": True, "empty": False},
                "article": {"type": "integer", "required": True, "min": 1},
                "version": {"type": "string", "required": True, "empty": False},
                "effective": {"type": ["string", "date"], "required": True, "check_with": "iso_date"},
                "repealed": {"type": ["string", "date"], "nullable": True, "check_with": "iso_date"},
                "text": {"type": "string", "required": True, "empty": False},
                "source": {"type": "string", "required": True, "empty": False},
                "note": {"type": "string"},
            },
        },
    },
}
_AMOUNTS_SCHEMA = {
    "punitive": {
        "type": "dict",
        "required": True,
        "schema": {
            "multiplier": {"type": "number", "required": True, "min": 1},
            "floor": {"type": "number", "required": True, "min": 0},
            "law": {"type": "string", "required": True, "empty": False},
            "article": {"type": "integer", "required": True, "min": 1},
            "effective": {"type": ["string", "date"], "check_with": "iso_date"},
        },
    },
    "refund": {
        "type": "dict",
        "required": True,
        "schema": {
            "full_when": {
                "type": "dict",
                "required": True,
                "schema": {
                    "nothing_used": {"type": "boolean", "required": True},
                    "problems": {
                        "type": "list",
                        "required": True,
                        "schema": {"type": "string", "allowed": V.codes(V.PROBLEM_TYPES)},
                    },
                },
            }
        },
    },
    "low_price": {
        "type": "dict",
        "required": True,
        "schema": {
            "share": {"type": "string", "required": True, "regex": r"[1-9][0-9]*/[1-9][0-9]*"},
            "first_term": {
                "type": "dict",
                "required": True,
                "schema": {
                    "problems": {
                        "type": "list",
                        "required": True,
                        "schema": {"type": "string", "allowed": V.codes(V.PROBLEM_TYPES)},
                    },
                    "words": {"type": "string", "required": True, "empty": False, "check_with": "regex"},
                },
            },
        },
    },
}
_LAW_NAMES_SCHEMA = {
    "checked": {"type": "date"},
    "databases": {
        "type": "dict",
        "required": True,
        "valuesrules": {
            "type": "dict",
            "schema": {
                "name": {"type": "string", "required": True, "empty": False},
                "url": {"type": "string", "required": True, "regex": r"https?://\S+"},
            },
        },
    },
    "laws": {
        "type": "dict",
        "required": True,
        "valuesrules": {
            "type": "dict",
            "schema": {
                "database": {"type": "string", "required": True, "empty": False},
                "aliases": {"type": "list", "required": True, "schema": {"type": "string", "empty": False}},
            },
        },
    },
}
SCHEMAS: dict[str, dict] = {
    "provisions.yaml": _PROVISIONS_SCHEMA,
    "amounts.yaml": _AMOUNTS_SCHEMA,
    "law_names.yaml": _LAW_NAMES_SCHEMA,
}

# Cerberus's messages, by error code, as a lawyer reads them.
_MESSAGES = {
    0x02: "缺少必填项",
    0x03: "不认识的键（拼写错误，或放错了层级？）",
    0x04: "需要同时填写 {constraint}",
    0x22: "不能为空",
    0x23: "不能为空（null）",
    0x24: "类型不对：应为{constraint}",
    0x26: "条目数不对",
    0x27: "条目太少（至少 {constraint} 项）",
    0x28: "条目太多（至多 {constraint} 项）",
    0x41: "格式不对（应符合 {constraint}）",
    0x42: "不能小于 {constraint}",
    0x43: "不能大于 {constraint}",
    0x44: "不在允许的取值 {constraint} 之中",
    0x45: "含有不允许的取值",
    0x49: "只能是 {constraint}",
    0x4A: "必须是某一种写法",
    0x4B: "不符合任何一种允许的写法",
}
_TYPE_NAMES = {
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "true/false",
    "date": "日期",
    "dict": "键值对（映射）",
    "list": "列表",
}


def read_yaml_text(text: str):
    """Plain YAML data from data file text."""
    return yaml.load(text, Loader=_FAST_LOADER)


def trusted_validator(schema: dict, validator_class=None):
    """A Cerberus validator for one of the package's own schemas, without re-checking the schema.

    Cerberus checks a schema against its meta-schema whenever a validator is built from it, which
    costs more than the validation itself (most of a single run's validation time). Our schemas are
    constants: the tests build each one the checked way (test_data_files.py), so at run time we
    only expand Cerberus's shorthand rules, as its own DefinitionSchema does, and trust the result.
    """
    from cerberus import Validator
    from cerberus.schema import DefinitionSchema, UnvalidatedSchema

    return (validator_class or Validator)(UnvalidatedSchema(DefinitionSchema.expand(schema)))


def _data_validator_class():
    """A Validator that reads ISO dates and speaks Chinese (Cerberus's public error-handler API)."""
    from cerberus import Validator
    from cerberus.errors import BasicErrorHandler

    class ChineseErrors(BasicErrorHandler):
        messages = {**BasicErrorHandler.messages, **_MESSAGES}

        def _format_message(self, field, error):
            constraint = error.constraint
            if error.code == 0x24:
                kinds = constraint if isinstance(constraint, list) else [constraint]
                constraint = "或".join(_TYPE_NAMES.get(str(k), str(k)) for k in kinds)
            return self.messages.get(error.code, "不符合要求").format(
                *error.info, constraint=constraint, field=field, value=error.value
            )

    class DataValidator(Validator):
        def __init__(self, *args, **kwargs):
            kwargs.setdefault("error_handler", ChineseErrors)
            super().__init__(*args, **kwargs)

        def _check_with_iso_date(self, field, value):
            from datetime import date

            if isinstance(value, str):
                try:
                    date.fromisoformat(value)
                except ValueError:
                    self._error(field, f"不是有效的日期：{value}（应写作 2026-03-15）")

        def _check_with_regex(self, field, value):
            import re

            try:
                re.compile(value)
            except re.error as exc:
                self._error(field, f"正则表达式有误：{exc}")

    return DataValidator


def read_checked(text: str, schema: dict, name: str) -> dict:
    """Data file text checked against its Cerberus schema; a bad file is a located DataFileError."""
    import cerberus

    # Only a file that passed is cached, so a hit stands for a check passed on the same text and schema.
    checked = cached_data(
        f"checked-{name}",
        text,
        lambda: _parse_and_check(text, schema, name),
        repr(schema),
        yaml.__version__,
        cerberus.__version__,
    )
    assert isinstance(checked, dict)  # _parse_and_check refuses anything else
    return checked


def _parse_and_check(text: str, schema: dict, name: str) -> dict:
    data = _parse(text, name)
    validator = trusted_validator(schema, _data_validator_class())
    if not isinstance(data, dict):
        raise DataFileError(name, [Problem((), "文件的顶层应是键值对（映射），例如 `rules:`", 1)])
    if not validator.validate(data):
        raise DataFileError(
            name, [Problem(path, message, line_of(text, path)) for path, message in _flatten(validator.errors)]
        )
    return data


def _parse(text: str, name: str):
    try:
        return read_yaml_text(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = f"{exc.context or ''} {exc.problem or ''}".strip()
        raise DataFileError(
            name,
            [
                Problem(
                    (),
                    f"YAML 格式错误（{reason}）：请检查缩进、冒号后的空格和引号是否成对",
                    mark.line + 1 if mark else None,
                )
            ],
        ) from None
    except yaml.YAMLError as exc:
        raise DataFileError(name, [Problem((), f"YAML 格式错误：{exc}")]) from None
    except ValueError:  # YAML reads an unquoted 2026-13-25 as a date, and Python refuses it
        line, written = _impossible_date(text)
        raise DataFileError(
            name, [Problem((), f"不是有效的日期：{written}（应写作 2026-03-15 这样真实存在的日期）", line)]
        ) from None


_DATE_LIKE = re.compile(r"(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])")


def _impossible_date(text: str) -> tuple[int | None, str]:
    """The first line holding a date-shaped value that is no date, and that value."""
    from datetime import date

    for number, line in enumerate(text.splitlines(), 1):
        for match in _DATE_LIKE.finditer(line.split("#", 1)[0]):
            try:
                date(*map(int, match.groups()))
            except ValueError:
                return number, match[0]
    return None, "（未能定位）"


def _flatten(errors, path: tuple = ()):
    """Cerberus's nested `errors` as (key path, message) pairs."""
    for key, found in errors.items():
        for item in found:
            if isinstance(item, dict):
                yield from _flatten(item, (*path, key))
            else:
                yield (*path, key), item


def line_of(text: str, path: tuple) -> int | None:
    """The line of the node at `path` (its key's line for a mapping entry), 1-based; None when not found."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == str(part)), None)
            if match is None:
                return line
            line, node = match[0].start_mark.line + 1, match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


# ------------------------------------------------------------------ where the files come from

_data_dir: Path | None = None
_LOADERS: list = []


def data_loader(load: Callable) -> Callable:
    """`lru_cache` for a function that reads a data file: forgotten when another data folder is chosen,
    and any DataError it raises is a DataFileError (a located refusal, exit 1, never an internal error)."""

    @functools.wraps(load)
    def refusing():
        try:
            return load()
        except DataFileError:
            raise
        except DataError as exc:
            raise as_file_error(exc) from None

    cached = lru_cache(maxsize=1)(refusing)
    _LOADERS.append(cached)
    return cached


_NAMED = re.compile(r"^(\w+\.yaml)[:,：，]?\s*")


def as_file_error(exc: DataError) -> DataFileError:
    """A DataError whose message starts with its file's name (“plan.yaml: …”), as that file's refusal."""
    message = str(exc)
    named = _NAMED.match(message)
    if named is None:
        return DataFileError("（数据文件）", [Problem((), message)])
    return DataFileError(named[1], [Problem((), message[named.end() :])])


def use_data_dir(folder: Path | None) -> None:
    """Read data files from `folder` first (files missing there come from the package)."""
    global _data_dir
    if (None if folder is None else Path(folder)) == _data_dir:
        return  # the data already read stays read: a batch calls this once a case
    if folder is not None and not Path(folder).is_dir():
        raise DataFileError(str(folder), [Problem((), "不是一个文件夹（--data 需要一个放着数据文件的文件夹）")])
    _data_dir = None if folder is None else Path(folder)
    for cached in _LOADERS:
        cached.cache_clear()


def package_text(name: str) -> str:
    """The text of one data file: the --data folder's copy when there is one, else the package's."""
    if _data_dir is not None:
        candidate = _data_dir / name
        if candidate.is_symlink() or candidate.exists():
            return _user_text(candidate)
    return resources.files("generator.data").joinpath(name).read_text(encoding="utf-8")


def _user_text(path: Path) -> str:
    """A data file of the user's folder: a regular file, of a bounded size, in UTF-8."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        raise DataFileError(
            path.name,
            [Problem((), "无法读取：不是普通文件（是符号链接、文件夹或设备文件），请把数据文件本身放进文件夹")],
        ) from None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            raise DataFileError(path.name, [Problem((), "无法读取：不是普通文件")])
        data = f.read(MAX_DATA_BYTES + 1)
    if len(data) > MAX_DATA_BYTES:
        raise DataFileError(path.name, [Problem((), f"文件过大（超过 {MAX_DATA_BYTES // 1_000_000} MB）")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataFileError(path.name, [Problem((), "不是 UTF-8 编码：请在编辑器中以 UTF-8 另存", line)]) from None


def read_data(name: str):
    """One data file, parsed, and checked against its schema when it has one here."""
    text = package_text(name)
    if name in SCHEMAS:
        return read_checked(text, SCHEMAS[name], name)
    return cached_data(f"data-{name}", text, lambda: _parse(text, name), yaml.__version__)


def located(name: str, path: tuple, load: Callable):
    """`load()`, a DataError it raises located in data file `name` at `path` (a rule, a fact …)."""
    try:
        return load()
    except DataFileError:
        raise
    except DataError as exc:
        raise DataFileError(name, [Problem(path, str(exc), line_of(package_text(name), path))]) from None


def current_data_dir() -> Path | None:
    """The folder chosen with `use_data_dir`, None for the package's own files."""
    return _data_dir
