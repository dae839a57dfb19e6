"""Stage 1 — load: read a case file as plain YAML data, keeping each key's line.

Only plain data is accepted: no tags that construct objects, no merge keys, no
duplicate keys, a bounded size (of a regular file: never a device or a pipe) and a
bounded nesting depth, checked on the tokens before the recursive composer runs. Aliases are allowed but the expanded
data is counted (nodes and characters), so a "billion laughs" file is refused before
anything walks it, and one that repeats a long text by alias before it fills the
filings.

Numbers keep the text the user wrote: decimals become `Decimal` built from that
text (never a float), integers become `YamlInt`, an `int` that remembers its
text, so `phone: 013800138000` or an order number written without quotes keeps
its leading zeros. Dates and date-times stay strings: validation parses them.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from generator.case.scalars import YamlInt
from generator.case.slips import key_slips, missing_dash, slip_at
from generator.errors import CaseFileError, Problem

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 50_000  # a real case has a few hundred; the bound is what stops alias bombs
MAX_DEPTH = 50
# Without aliases the text cannot outgrow the file; a few aliases of one long text must not either.
MAX_TEXT_CHARS = MAX_FILE_BYTES

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass(frozen=True)
class LoadedCase:
    """The case file's data, where it came from, and the line of every key path."""

    data: dict
    file: Path
    lines: dict = field(default_factory=dict)
    written: dict = field(default_factory=dict)  # key path → a scalar exactly as typed (quotes included)

    @property
    def folder(self) -> Path:
        return self.file.parent

    def line_of(self, path: tuple) -> int | None:
        """The line of a key path, or of its closest parent that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)

    def as_written(self, path: tuple, value) -> str:
        """A value as the user typed it (`no`, `"false"`), not as YAML read it (False, 'false')."""
        return self.written.get(tuple(path), str(value))


class _Loader(yaml.SafeLoader):
    """A private loader, so nothing global is patched; its error messages are the ones we explain."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # libyaml's, when built
    """libyaml's parser when installed: the same nodes, several times faster; errors are re-read by _Loader."""


class _TooBig(Exception):
    pass


def load_case(file: str | Path) -> LoadedCase:
    """Read and parse a case file, refusing anything that is not plain YAML data."""
    path = Path(file)
    text = _read_text(path)
    return parse_case_text(text, path)


def parse_case_text(text: str, path: Path) -> LoadedCase:
    """Parse case-file text (already read) into data and line numbers."""
    name = str(path)
    text, separators = _hide_line_separators(text)
    try:
        _check_nesting(text, name)
        root = _compose(text)
    except RecursionError:  # a bound below missed a way of nesting: still the user's file, not a bug
        raise CaseFileError(name, [Problem((), _TOO_DEEP)]) from None
    except yaml.MarkedYAMLError as exc:
        raise _with_detail(CaseFileError(name, [_syntax_problem(exc, text)]), exc) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        message = f"文件里有不可见的控制字符（U+{exc.character:04X}），常见于从Word、聊天软件或网页复制的文字，请删除它"
        raise CaseFileError(name, [Problem((), message, line)]) from None
    except yaml.YAMLError as exc:
        raise _with_detail(
            CaseFileError(name, [Problem((), "不是有效的YAML，请对照 cases/ 中的样例检查格式")]), exc
        ) from None
    if root is None:
        raise CaseFileError(name, [Problem((), "文件是空的，请按案件文件格式填写")])
    if not isinstance(root, yaml.MappingNode):
        # `case_id：abc` alone reads as one text: the slip, not the shape, is what to fix
        slips = [Problem((), f"YAML格式错误：{message}", line) for line, message in key_slips(text)]
        raise CaseFileError(
            name,
            slips
            or [
                Problem((), "文件顶层应是“键: 值”的映射（如 case_id: …），而不是列表或单个值", root.start_mark.line + 1)
            ],
        )
    builder = _Builder(name, text, separators)
    data = builder.build(root, ())
    slips = [Problem((), f"YAML格式错误：{message}", line) for line, message in key_slips(text)]
    if builder.problems or slips:
        raise CaseFileError(name, builder.problems + slips)
    return LoadedCase(data=data, file=path, lines=builder.lines, written=builder.written)


# Pasted text (Word, WeChat, web pages) carries U+2028/U+2029 and NEL, which YAML takes for line
# breaks, so a value containing one turns into a baffling syntax error. They are text to the user:
# each is parsed as a stand-in character from Unicode's noncharacters and given back inside values.
_LINE_SEPARATORS = "\u2028\u2029\x85"
_STAND_INS = [chr(c) for c in range(0xFDD0, 0xFDF0)]


def _hide_line_separators(text: str) -> tuple[str, dict]:
    """The text with each line separator swapped for an unused stand-in; stand-in → separator."""
    present = [ch for ch in _LINE_SEPARATORS if ch in text]
    if not present:
        return text, {}
    free = iter(ch for ch in _STAND_INS if ch not in text)
    swap = {sep: next(free) for sep in present}
    return text.translate(str.maketrans("".join(swap), "".join(swap.values()))), {v: k for k, v in swap.items()}


_TOO_DEEP = f"嵌套层数过深（超过{MAX_DEPTH}层）；案件文件只需要几层缩进，请检查是否多写了 [ 或 {{ 或缩进"
_OPENING = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSING = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def _check_nesting(text: str, name: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH from the token stream, before the (recursive) composer runs."""
    depth = 0
    try:
        for token in yaml.scan(text, Loader=_FastLoader):
            if isinstance(token, _OPENING):
                depth += 1
                if depth > MAX_DEPTH:
                    raise CaseFileError(name, [Problem((), _TOO_DEEP, token.start_mark.line + 1)])
            elif isinstance(token, _CLOSING):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in str(exc.problem):  # libyaml's own bound, met before its tokens reach us
            line = exc.problem_mark.line + 1 if exc.problem_mark else None
            raise CaseFileError(name, [Problem((), _TOO_DEEP, line)]) from None
        return  # a syntax error: composing reports it at its line
    except yaml.YAMLError:
        return


def _compose(text: str):
    """The node graph, by libyaml when it can; a file it refuses is re-read for PyYAML's own error."""
    try:
        return yaml.compose(text, Loader=_FastLoader)
    except yaml.YAMLError:
        return yaml.compose(text, Loader=_Loader)


def _read_text(path: Path) -> str:
    """Read the file as UTF-8 (a BOM is tolerated), bounded in size."""
    name = str(path)
    try:
        raw = _read_bounded(path, name)
    except FileNotFoundError:
        raise CaseFileError(name, [Problem((), "找不到这个文件，请检查路径")]) from None
    except OSError as exc:
        raise CaseFileError(name, [Problem((), f"无法读取文件：{exc.strerror or exc}")]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CaseFileError(
            name, [Problem((), "文件不是UTF-8编码，请用记事本/VS Code“另存为UTF-8”后再试", line)]
        ) from None


def _with_detail(error: CaseFileError, exc: yaml.YAMLError) -> CaseFileError:
    """Keep PyYAML's own (English) account for `--debug`; the user reads the Chinese one."""
    error.detail = str(exc)
    return error


def _read_bounded(path: Path, name: str) -> bytes:
    """At most MAX_FILE_BYTES of a regular file.

    Opened without blocking (a FIFO would wait for a writer), then checked to be a regular
    file: a device such as /dev/zero, or a pipe, reports size 0 and would never end. Reading
    stops one byte past the bound, so a file that grows after stat() cannot pass either.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except IsADirectoryError:  # where a folder cannot even be opened
        raise CaseFileError(name, [Problem((), _A_FOLDER)]) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise CaseFileError(name, [Problem((), _A_FOLDER)])
        if not stat.S_ISREG(mode):
            raise CaseFileError(
                name, [Problem((), "这不是普通文件（而是设备、管道或套接字），请给出保存在磁盘上的案件文件")]
            )
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as fh:
        raw = fh.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        size = max(len(raw), _size_of(path))
        raise CaseFileError(name, [Problem((), f"文件过大（{size:,} 字节），案件文件不应超过 {MAX_FILE_BYTES:,} 字节")])
    return raw


_A_FOLDER = "这是一个文件夹，不是案件文件"


def _size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> Problem:
    """The syntax error at the line the user must fix, which for a quote is where it opened."""
    stop = exc.problem_mark.line + 1 if exc.problem_mark else None
    slip = slip_at(text, stop)  # a slip PyYAML stumbles on at or after its line
    if slip:
        return Problem((), f"YAML格式错误：{slip[1]}", slip[0])
    if exc.context == "while scanning a quoted scalar" and exc.context_mark:
        return Problem((), _UNCLOSED_QUOTE, exc.context_mark.line + 1)
    mark = exc.problem_mark
    if mark is None:  # PyYAML marks every syntax error; without a mark there is no line to name
        return Problem((), f"YAML格式错误：{exc.problem}", None)
    quoted = _quoted_just_before(text, mark)
    if quoted and quoted.start_mark.line < quoted.end_mark.line == mark.line:
        return Problem((), _UNCLOSED_QUOTE, quoted.start_mark.line + 1)
    if quoted and quoted.end_mark.line == mark.line and str(exc.context).startswith("while parsing a block"):
        return Problem((), _TEXT_AFTER_QUOTE, mark.line + 1)
    if str(exc.context).startswith("while parsing a flow") and exc.context_mark:
        mark = exc.context_mark  # where the [ or { opened: PyYAML stumbles only on a later line
    mark = mark or exc.context_mark
    return Problem((), _yaml_syntax_message(exc), mark.line + 1 if mark else None)


_UNCLOSED_QUOTE = "YAML格式错误：这一行的引号没有闭合（引号要成对；值里本身有引号时，请改用中文引号“”）"
_TEXT_AFTER_QUOTE = (
    'YAML格式错误：值以英文引号开头时，引号闭合后不能再有文字（如 "官方直充"是假的）；'
    "引用原话请改用中文引号“”，或把整个值再用引号包起来"
)


def _quoted_just_before(text: str, mark):
    """The quoted value PyYAML read just before it stumbled, if that is what came before.

    An unclosed quote swallows the following lines up to the next quote character, so
    PyYAML reports a later, innocent line; text after a closing quote is reported as
    if it were an indentation mistake.
    """
    if mark is None:
        return None
    last = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.index >= mark.index:
                break
            last = token
    except yaml.YAMLError:
        pass
    if isinstance(last, yaml.ScalarToken) and last.style in ('"', "'"):
        return last
    return None


def _yaml_syntax_message(exc: yaml.MarkedYAMLError) -> str:
    """A Chinese explanation of a YAML syntax error; PyYAML's English is shown only with --debug."""
    detail = " ".join(str(x) for x in (exc.context, exc.problem) if x)
    if "tab" in detail.lower() or "'\\t'" in detail:  # PyYAML names the character as '\t'
        return "YAML格式错误：这一行有Tab字符，YAML 不允许用Tab键缩进，请改用空格"
    if "mapping values are not allowed" in detail:
        return (
            "YAML格式错误：冒号后缺空格，或值里含有“: ”却没有加引号（可把整个值用英文引号括起来，或改用中文冒号“：”）"
        )
    if "expected <block end>" in detail:
        return "YAML格式错误：请检查缩进：同一层的键要左对齐，下一层比上一层多缩进两个空格"
    if "expected a single document" in detail:
        return "YAML格式错误：一个文件只能写一个案件：请删去“---”及其后的内容，或分成两个文件"
    if "while parsing a flow" in detail:
        return "YAML格式错误：这一行的方括号 [ ] 或花括号 { } 没有成对，或其中各项之间缺少逗号"
    return (
        "YAML格式错误：这一行不符合格式，请检查冒号（英文冒号加空格）、引号和括号是否成对、缩进是否对齐"
        "（加 --debug 可看到解析器的原始说明）"
    )


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class _Builder:
    """Turns the composed node graph into fresh Python data, counting every node."""

    def __init__(self, name: str, text: str = "", separators: dict | None = None):
        self.name = name
        self.text = text
        self.separators = str.maketrans(separators or {})
        self.nodes = 0
        self.chars = 0
        self.lines: dict[tuple, int] = {}
        self.written: dict[tuple, str] = {}
        self.problems: list[Problem] = []
        self._constructor = _Loader("")  # only for PyYAML's scalar resolvers
        self._open: set[int] = set()  # the collections being built around the current node

    def build(self, node: yaml.Node, path: tuple, depth: int = 0):
        if id(node) in self._open:  # an alias inside its own anchor: it would never end
            self.problems.append(
                Problem(
                    path,
                    "别名（*名称）指向了包含它自己的内容，会无限循环；请把内容直接写出来",
                    self.lines.get(path, node.start_mark.line + 1),
                )
            )
            return None
        self.nodes += 1
        if isinstance(node, yaml.ScalarNode):
            self.chars += len(node.value)
        if self.nodes > MAX_NODES or self.chars > MAX_TEXT_CHARS or depth > MAX_DEPTH:
            raise CaseFileError(
                self.name,
                # Named at its top-level key: deep inside an alias bomb, path and line point nowhere useful.
                [
                    Problem(
                        path[:1],
                        "文件展开后过大或嵌套过深（可能含有大量别名 &/*），已拒绝",
                        self.lines.get(path[:1], node.start_mark.line + 1),
                    )
                ],
            )
        self.lines.setdefault(path, node.start_mark.line + 1)
        if node.tag not in _PLAIN_TAGS:
            written = node.tag.replace("tag:yaml.org,2002:", "!!", 1)  # as the user typed it
            self.problems.append(
                Problem(
                    path,
                    f"不允许使用YAML标签 {written}：案件文件只能包含普通的文字、数字、日期和列表",
                    node.start_mark.line + 1,
                )
            )
            return None
        if isinstance(node, yaml.ScalarNode):
            surrogate = _LONE_SURROGATE.search(node.value)
            if surrogate:  # only an escape such as "\ud800" makes one: no file, no screen can hold it
                self.problems.append(
                    Problem(
                        path,
                        f"文字中有无法保存的字符（U+{ord(surrogate.group()):04X}，多由“\\u”转义写出），请删除它",
                        node.start_mark.line + 1,
                    )
                )
                return None
            return self._scalar(node, path)
        self._open.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path, depth)
            return [self.build(child, path + (i,), depth + 1) for i, child in enumerate(node.value)]
        finally:
            self._open.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, path: tuple, depth: int) -> dict:
        out: dict = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(Problem(path, "不支持YAML合并键“<<”，请把内容直接写出来", line))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(path, "键必须是简单的文字", line))
                continue
            key = key_node.value.translate(self.separators)
            if key in out:
                self._duplicate(path, key, line, first_key=next(iter(out)))
                if path and isinstance(path[-1], int) and key == next(iter(out)):
                    break  # the rest belongs to the item that lost its "- ": one message says it
                continue
            self.lines[path + (key,)] = line
            out[key] = self.build(value_node, path + (key,), depth + 1)
        return out

    def _duplicate(self, path: tuple, key: str, line: int, first_key: str) -> None:
        """A repeated key; in a list item, its first key repeated is a next item missing its “- ”."""
        earlier = self.lines[path + (key,)]
        if path and isinstance(path[-1], int) and key == first_key:
            message = missing_dash(key, earlier)
        else:
            message = f"键“{key}”重复出现（第{earlier}行已有），请删除其中一个"
        self.problems.append(Problem(path + (key,), message, line))

    def _scalar(self, node: yaml.ScalarNode, path: tuple):
        tag, text = node.tag, node.value.translate(self.separators)
        self._remember_as_written(node, path)
        if tag == "tag:yaml.org,2002:int":
            return _to_int(text)
        if tag == "tag:yaml.org,2002:float":
            return _to_decimal(text)
        if tag == "tag:yaml.org,2002:bool":
            if text.lower() not in self._constructor.bool_values:  # `!!bool maybe`
                self.problems.append(
                    Problem(
                        path,
                        f"标签 !!bool 后只能写 true 或 false，实际写的是“{_short(text)}”",
                        node.start_mark.line + 1,
                    )
                )
                return None
            return self._constructor.construct_yaml_bool(node)
        if tag == "tag:yaml.org,2002:null":
            return None
        return text  # strings, and timestamps: validation parses dates itself

    def _remember_as_written(self, node: yaml.ScalarNode, path: tuple) -> None:
        """The scalar's own characters in the file, for messages about it (only one-line ones are useful)."""
        start, end = node.start_mark.index, node.end_mark.index
        if self.text and node.style != "|" and node.style != ">" and 0 <= start < end and end - start <= 200:
            written = self.text[start:end]
            if "\n" not in written:
                self.written.setdefault(path, written.translate(self.separators))


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def _to_int(text: str):
    """An int that keeps its text; YAML 1.1 oddities (0x, 0o, 1:30) stay text."""
    cleaned = text.replace("_", "")
    if cleaned.lstrip("+-").isdigit():
        return YamlInt(int(cleaned, 10), text)
    return text


def _to_decimal(text: str):
    """A Decimal from exactly what was written; `.inf`/`.nan` stay text and fail validation."""
    try:
        value = Decimal(text.replace("_", ""))
    except InvalidOperation:
        return text
    return value if value.is_finite() else text
