"""The Jinja environment every template runs in: it reads the filing's plain data and does nothing else.

Templates come from a lawyer's folder (`--templates`), and a template pack may be
shared between advocates, so a template is treated as untrusted input:

- it sees only plain data (strings, numbers, lists, mappings; see `render.template_context`)
  and may read no attribute or call no method outside a short allow-list, nor any name
  starting with "_" (refused as it is parsed, whether or not the branch ever runs);
- it cannot reach another file: `include`, `import`, `extends` are refused as it is parsed,
  and the environment has no loader;
- its work is bounded: loop iterations and calls are counted, `range()` is capped, every
  operation that can grow a string or list (`+ * ~ %`, `join`, `replace`, captured blocks,
  macros) is checked before or as it builds the value, the output is measured as it is
  produced, and a render that runs too long is stopped.

Every refusal is a `TemplateError` whose message is Chinese and, where Jinja knows it,
carries the template line; `render.describe_template_error` names the file and the place.
The hooks into Jinja's code generation (the module-level join helpers a compiled template
looks up, the parse step) are Jinja 3.1's; pyproject.toml pins it.
"""

from __future__ import annotations

import contextvars
import functools
import re
import time
from dataclasses import dataclass, field
from itertools import islice

from jinja2 import StrictUndefined, TemplateSyntaxError, nodes, pass_environment, pass_eval_context
from jinja2 import filters as jinja_filters
from jinja2.environment import Template
from jinja2.exceptions import SecurityError, TemplateError, UndefinedError
from jinja2.runtime import LoopContext, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

# The bounds. A case file is at most 1 MB (load.MAX_FILE_BYTES); with the shipped templates
# such a case renders to under 15 million characters of Word XML, and loops some 30,000 times.
MAX_OUTPUT_CHARS = 32_000_000  # one rendered part (a Word body, header, footer) or text file
MAX_VALUE_CHARS = MAX_OUTPUT_CHARS  # any string a template builds
MAX_VALUE_ITEMS = 100_000  # any list a template builds
MAX_PRINTED_CHARS = 2 * MAX_OUTPUT_CHARS  # printed by {{ }} in one render, captured blocks and macros included
MAX_STEPS = 250_000  # loop iterations plus calls, in one render
MAX_RANGE = 10_000  # items of one range()
MAX_INT_BITS = 4_096  # a number a template computes (10**1000 fits; 2**10**6 is never computed)
MAX_SECONDS = 30.0  # a backstop for work none of the counts above weighs (comparing long texts)

CODE_VERSION = "1"  # part of the compiled-code cache key: bump when the generated code changes

# What a template may read besides mapping keys: nothing that reaches an object, a file or the
# interpreter, nothing whose argument sets the size of what it returns (center, ljust, zfill, format …)
# and nothing that turns a long text into millions of objects (split).
_STR_METHODS = frozenset({"strip", "lstrip", "rstrip", "startswith", "endswith", "upper", "lower"})
_DICT_METHODS = frozenset({"get", "items", "keys", "values"})
_LOOP_ATTRIBUTES = frozenset(
    {
        "index",
        "index0",
        "revindex",
        "revindex0",
        "first",
        "last",
        "length",
        "depth",
        "depth0",
        "previtem",
        "nextitem",
        "cycle",
        "changed",
    }
)
# Filters a filing needs; left out are those that print raw markup (safe), take a size argument that
# multiplies the output (center, indent, wordwrap, format, batch, slice) or serve no document (tojson, random …).
_FILTERS = (
    "abs",
    "capitalize",
    "count",
    "d",
    "default",
    "e",
    "escape",
    "first",
    "int",
    "join",
    "last",
    "length",
    "list",
    "lower",
    "map",
    "max",
    "min",
    "reject",
    "rejectattr",
    "replace",
    "reverse",
    "round",
    "select",
    "selectattr",
    "sort",
    "string",
    "sum",
    "title",
    "trim",
    "truncate",
    "unique",
    "upper",
    "wordcount",
)
_PRINTF_WIDTH = re.compile(r"%[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_PRINTF_MAX_WIDTH = 1_000


class TemplateLimitError(SecurityError):
    """A template asked, while rendering, for something the sandbox refuses; the message says what, in Chinese."""

    lineno: int | None = None  # the template line, when known (Jinja gives only its syntax errors one)


class TemplateRefusedError(TemplateSyntaxError):
    """A template holds something the sandbox refuses (found as it is parsed, with its line)."""


# --------------------------------------------------------------------------- the budget


@dataclass
class _Budget:
    """What one render has used so far."""

    steps: int = 0
    printed: int = 0
    deadline: float = field(default_factory=lambda: time.monotonic() + MAX_SECONDS)

    def step(self, count: int = 1) -> None:
        self.steps += count
        if self.steps > MAX_STEPS:
            raise TemplateLimitError(f"模板的循环和调用次数超过上限（{MAX_STEPS:,} 次），已停止渲染")
        if time.monotonic() > self.deadline:
            raise TemplateLimitError(f"模板渲染超过 {MAX_SECONDS:g} 秒，已停止")

    def print(self, count: int) -> None:
        self.printed += count
        if self.printed > MAX_PRINTED_CHARS:
            raise TemplateLimitError(f"模板生成的内容超过上限（{MAX_PRINTED_CHARS:,} 个字符），已停止渲染")


_BUDGET: contextvars.ContextVar[_Budget] = contextvars.ContextVar("template_budget")


def _printed(value):
    """Jinja's `finalize`: every value a {{ }} prints, measured — also inside a macro or a captured block,
    whose text is only joined (and measured by `bounded_concat`) once it is complete."""
    budget = _BUDGET.get(None)
    if budget is not None:  # None: Jinja folding a constant while compiling, bounded by the source
        if isinstance(value, str):
            budget.print(len(value))
        elif isinstance(value, (list, tuple, dict)):
            budget.print(len(str(value)))
    return value


def _budget() -> _Budget:
    try:
        return _BUDGET.get()
    except LookupError:  # generate()/stream() would run unmetered: only render() is offered
        raise TemplateLimitError("模板只能通过 render() 渲染") from None


def _bounded_iter(iterable):
    """What every `{% for %}` loops over: each item is one step of the budget."""
    budget = _budget()
    for item in iterable:
        budget.step()
        yield item


def bounded_range(*args) -> range:
    """range(), at most MAX_RANGE items."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateLimitError(f"range() 最多 {MAX_RANGE:,} 项，这里要 {len(numbers):,} 项")
    return numbers


def check_size(value):
    """Refuse a string or list over the bounds; return it unchanged otherwise."""
    if isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
        raise TemplateLimitError(f"模板生成的文字超过上限（{MAX_VALUE_CHARS:,} 个字符）")
    if isinstance(value, (list, tuple)) and len(value) > MAX_VALUE_ITEMS:
        raise TemplateLimitError(f"模板生成的列表超过上限（{MAX_VALUE_ITEMS:,} 项）")
    return value


def _check_chars(count: int) -> None:
    if count > MAX_VALUE_CHARS:
        raise TemplateLimitError(f"模板生成的文字超过上限（{MAX_VALUE_CHARS:,} 个字符）")


def bounded_concat(chunks) -> str:
    """`"".join`, stopping as soon as the text passes the bound (a render, a macro, a captured block)."""
    out, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT_CHARS:
            raise TemplateLimitError(f"模板生成的内容超过上限（{MAX_OUTPUT_CHARS:,} 个字符），已停止渲染")
        out.append(chunk)
    return "".join(out)


def _bounded_joiner(join):
    """`~` as Jinja joins it (escaping or not), measured before the join is made."""

    def bounded(seq):
        items = tuple(seq)
        _check_chars(sum(len(x) if isinstance(x, str) else len(str(x)) for x in items))
        return check_size(join(items))

    return bounded


# The join helpers compiled template code imports by name, replaced in each template's namespace
# (captured blocks, macros and filter blocks join with `environment.concat`, set in FilingSandbox).
_JOIN_HELPERS = {"markup_join": _bounded_joiner(markup_join), "str_join": _bounded_joiner(str_join)}


# --------------------------------------------------------------------------- the filters


@pass_eval_context
def _join(eval_ctx, value, d="", attribute=None):
    items = _items(value)
    _check_chars(sum(len(str(x)) for x in items) + len(str(d)) * max(len(items) - 1, 0))
    return jinja_filters.do_join(eval_ctx, items, d, attribute)


@pass_eval_context
def _replace(eval_ctx, s, old, new, count=None):
    text, old, new = str(s), str(old), str(new)
    hits = text.count(old) if old else len(text) + 1
    if count is not None and count >= 0:
        hits = min(hits, count)
    _check_chars(len(text) + hits * (len(new) - len(old)))
    return jinja_filters.do_replace(eval_ctx, s, old, new, count)


def _items(value) -> list:
    """An iterable as a list, refused past MAX_VALUE_ITEMS before it is all built (a long text's characters)."""
    return check_size(list(islice(value, MAX_VALUE_ITEMS + 1)))


def _list(value):
    return _items(value)


@pass_environment
def _sort(environment, value, reverse=False, case_sensitive=False, attribute=None):
    return jinja_filters.do_sort(environment, _items(value), reverse, case_sensitive, attribute)


def _checked(filter_func):
    """A Jinja filter whose result is measured (all of those allowed are at most linear in their input)."""

    @functools.wraps(filter_func)  # keeps Jinja's @pass_eval_context / @pass_environment mark
    def checked(*args, **kwargs):
        return check_size(filter_func(*args, **kwargs))

    return checked


def _filters() -> dict:
    chosen = {name: _checked(jinja_filters.FILTERS[name]) for name in _FILTERS}
    chosen.update(join=_join, replace=_replace, list=_list, sort=_sort)
    return chosen


# --------------------------------------------------------------------------- parse-time refusals

_NOT_ALLOWED = {
    nodes.Include: "模板不能引用其他文件（include）",
    nodes.Import: "模板不能引用其他文件（import）",
    nodes.FromImport: "模板不能引用其他文件（from … import）",
    nodes.Extends: "模板不能引用其他文件（extends）",
    nodes.ScopedEvalContextModifier: "模板不能关闭或改变转义（autoescape）",
    nodes.EvalContextModifier: "模板不能关闭或改变转义（autoescape）",
}


class _Bound(NodeTransformer):
    """Refuse what a template may not contain, and route every loop through the step budget."""

    def __init__(self, environment, name, filename):
        self.environment, self.name, self.filename = environment, name, filename

    def refuse(self, node, message):
        raise TemplateRefusedError(message, node.lineno, self.name, self.filename)

    def generic_visit(self, node, *args, **kwargs):
        node = super().generic_visit(node, *args, **kwargs)  # inner nodes first: `a.__b__.__c__` names __b__
        for kind, message in _NOT_ALLOWED.items():
            if isinstance(node, kind):
                self.refuse(node, message)
        if isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
            self.refuse(node, f"模板不能读取以下划线开头的属性“{node.attr}”")
        if (
            isinstance(node, nodes.Getitem)
            and isinstance(node.arg, nodes.Const)
            and isinstance(node.arg.value, str)
            and node.arg.value.startswith("_")
        ):
            self.refuse(node, f"模板不能读取以下划线开头的属性“{node.arg.value}”")
        return node

    def visit_For(self, node):
        if node.recursive:
            self.refuse(node, "模板不能使用递归循环（recursive）")
        node = self.generic_visit(node)
        bounded = nodes.Call(
            nodes.EnvironmentAttribute("bounded_iter"), [node.iter], [], None, None, lineno=node.lineno
        )
        node.iter = bounded.set_environment(self.environment)
        return node


# --------------------------------------------------------------------------- the environment


class BoundedTemplate(Template):
    """A compiled template whose output and work are bounded, and whose errors carry their line."""

    @classmethod
    def _from_namespace(cls, environment, namespace, globals):
        namespace.update(_JOIN_HELPERS)
        return super()._from_namespace(environment, namespace, globals)

    def render(self, *args, **kwargs) -> str:
        token = _BUDGET.set(_Budget())
        try:
            return self._output(self.root_render_func(self.new_context(dict(*args, **kwargs))))
        except Exception:  # noqa: BLE001 — whatever a template provokes is the template's problem
            try:
                self.environment.handle_exception()  # Jinja's traceback, mapped to template lines
            except Exception as exc:  # noqa: BLE001
                raise as_template_error(exc) from None
        finally:
            _BUDGET.reset(token)

    def _output(self, chunks) -> str:
        """The rendered text, refused (at the template line producing it) once it passes the bound.

        Measured a batch of chunks at a time, in C: a batch holds only references, to
        the template's own text or to values the printed-text budget has already counted.
        """
        out, size = [], 0
        for batch in iter(lambda: list(islice(chunks, 256)), []):
            size += sum(map(len, batch))
            if size > MAX_OUTPUT_CHARS:
                error = TemplateLimitError(f"模板生成的内容超过上限（{MAX_OUTPUT_CHARS:,} 个字符），已停止渲染")
                error.lineno = self.get_corresponding_lineno(chunks.gi_frame.f_lineno) if chunks.gi_frame else None
                raise error
            out += batch
        return "".join(out)

    def generate(self, *args, **kwargs):
        raise TemplateLimitError("模板只能通过 render() 渲染")

    stream = generate


class FilingSandbox(ImmutableSandboxedEnvironment):
    """Strict, sandboxed, loader-less, bounded: see the module docstring."""

    template_class = BoundedTemplate
    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def __init__(self, autoescape: bool):
        super().__init__(
            autoescape=autoescape, undefined=StrictUndefined, keep_trailing_newline=True, finalize=_printed
        )
        self.globals.clear()
        self.globals["range"] = bounded_range
        self.filters = _filters()
        self.bounded_iter = _bounded_iter
        self.concat = bounded_concat  # type: ignore[method-assign]  # the hook compiled templates join output with

    def _parse(self, source, name, filename):
        try:
            return _Bound(self, name, filename).visit(super()._parse(source, name, filename))
        except RecursionError:
            raise _too_deep(source, name, filename, "RecursionError") from None

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        try:
            return super().compile(source, name, filename, raw, defer_init)
        except TemplateError:
            raise
        except (RecursionError, MemoryError, SyntaxError, ValueError) as exc:  # Jinja's or Python's compiler
            raise _too_deep(source if isinstance(source, str) else "", name, filename, type(exc).__name__) from None

    def is_safe_attribute(self, obj, attr, value) -> bool:
        if attr.startswith("_"):
            return False
        if isinstance(obj, str):
            return attr in _STR_METHODS
        if isinstance(obj, dict):
            return attr in _DICT_METHODS
        if isinstance(obj, LoopContext):
            return attr in _LOOP_ATTRIBUTES
        return False

    def unsafe_undefined(self, obj, attribute):
        raise TemplateLimitError(f"模板不能读取{_type_name(obj)}的“{attribute}”：模板只能使用文书提供的数据")

    def wrap_str_format(self, value):
        return None  # str.format is not on the allow-list; the sandbox would otherwise hand it out

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 — Jinja's signature
        _budget().step()
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context, operator, left, right):
        _check_binop(operator, left, right)
        return check_size(super().call_binop(context, operator, left, right))


def _too_deep(source: str, name, filename, what: str) -> TemplateRefusedError:
    """A template nested beyond what Jinja's or Python's compiler can take, at its most nested line."""
    depth = deepest = 0
    line = deepest_line = 1
    for char in source:
        if char in "([{":
            depth += 1
            if depth > deepest:
                deepest, deepest_line = depth, line
        elif char in ")]}":
            depth -= 1
        elif char == "\n":
            line += 1
    return TemplateRefusedError(f"模板的标签嵌套过深或过于复杂，无法编译（{what}）", deepest_line, name, filename)


def _check_binop(operator: str, left, right) -> None:
    """Refuse `+ * ** %` whose result would pass the bounds, before computing it."""
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)) and isinstance(times, int):
                bound = (
                    f"文字超过上限（{MAX_VALUE_CHARS:,} 个字符）"
                    if isinstance(seq, str)
                    else f"列表超过上限（{MAX_VALUE_ITEMS:,} 项）"
                )
                if len(seq) * times > (MAX_VALUE_CHARS if isinstance(seq, str) else MAX_VALUE_ITEMS):
                    raise TemplateLimitError(f"模板生成的{bound}：乘法 {len(seq):,} × {times:,}")
        if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise TemplateLimitError("模板里的乘法结果过大")
    elif operator == "**":
        if (
            isinstance(left, int)
            and isinstance(right, int)
            and right > 0
            and abs(left) > 1
            and left.bit_length() * right > MAX_INT_BITS
        ):
            raise TemplateLimitError(f"模板里的乘方结果过大（{left} ** {right}）")
    elif operator == "+":
        if isinstance(left, str) and isinstance(right, str):
            _check_chars(len(left) + len(right))
        elif (
            isinstance(left, (list, tuple))
            and isinstance(right, (list, tuple))
            and len(left) + len(right) > MAX_VALUE_ITEMS
        ):
            raise TemplateLimitError(f"模板生成的列表超过上限（{MAX_VALUE_ITEMS:,} 项）")
    elif operator == "%" and isinstance(left, str):
        for width, precision in _PRINTF_WIDTH.findall(left):
            for number in (width, precision):
                if number == "*" or (number and int(number) > _PRINTF_MAX_WIDTH):
                    raise TemplateLimitError(f"模板里的格式宽度过大或不允许（{left[:40]}）")


def _type_name(obj) -> str:
    if isinstance(obj, str):
        return "文字"
    if isinstance(obj, dict):
        return "数据项"
    if isinstance(obj, (list, tuple)):
        return "列表"
    if isinstance(obj, (int, float)):
        return "数字"
    return f"“{type(obj).__name__}”对象"


# --------------------------------------------------------------------------- errors, in Chinese

_UNDEFINED_NAME = re.compile(r"'([^']+)' is undefined")
_MISSING_KEY = re.compile(r"'([^']+)' has no attribute '([^']+)'")
_NO_FILTER = re.compile(r"No filter named '([^']+)'\.?")
_NO_TEST = re.compile(r"No test named '([^']+)'\.?")
_UNCLOSED = re.compile(
    r"Unexpected end of template\. Jinja was looking for the following tags: (.+?)\. "
    r"The innermost block that needs to be closed is '([^']+)'\."
)
_UNKNOWN_TAG = re.compile(r"Encountered unknown tag '([^']+)'\..*", re.S)


def as_template_error(exc: BaseException) -> TemplateError:
    """Any failure while rendering, as a TemplateError with a Chinese message and the template line."""
    if isinstance(exc, TemplateError):
        error = exc
    elif isinstance(exc, RecursionError):
        error = TemplateLimitError("模板的宏调用层数过深（可能调用了自身），已停止渲染")
    elif isinstance(exc, MemoryError):
        error = TemplateLimitError("模板渲染所需的内存超过可用内存，已停止")
    else:
        error = TemplateLimitError(f"模板运行出错：{type(exc).__name__}：{exc}")
    if getattr(error, "lineno", None) is None:
        vars(error)["lineno"] = template_line(exc.__traceback__)  # Jinja's TemplateError declares none
    return error


def template_line(tb) -> int | None:
    """The template line Jinja's rewritten traceback points at (its innermost template frame)."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def chinese_reason(exc: TemplateError) -> str:
    """Jinja's reason for a broken template, in the words a lawyer reads."""
    message = exc.message or str(exc)
    if isinstance(exc, (TemplateLimitError, TemplateRefusedError)):
        return message
    if isinstance(exc, UndefinedError):
        if m := _UNDEFINED_NAME.fullmatch(message):
            return f"模板使用了不存在的变量：{m[1]}"
        if m := _MISSING_KEY.fullmatch(message):
            return f"模板使用的数据项没有“{m[2]}”" if m[1] == "dict object" else f"模板读取了不存在的“{m[2]}”"
    if m := _UNCLOSED.fullmatch(message):
        wanted = " 或 ".join(f"{{% {tag} %}}" for tag in re.findall(r"'([^']+)'", m[1]))
        return f"{{% {m[2]} %}} 没有结束：到模板末尾也没有找到 {wanted}"
    if m := _UNKNOWN_TAG.fullmatch(message):
        return f"不认识的标签 {{% {m[1]} %}}：拼写有误，或前面缺少与它配对的开始标签"
    if m := _NO_FILTER.fullmatch(message):
        return f"模板使用了不支持的过滤器“{m[1]}”（可用：{'、'.join(sorted(_FILTERS))}）"
    if m := _NO_TEST.fullmatch(message):
        return f"模板使用了不支持的判断“{m[1]}”"
    if isinstance(exc, SecurityError):
        return f"模板做了不允许的操作：{message}"
    return message


def sandbox(autoescape: bool) -> FilingSandbox:
    """A new environment (render.py keeps one per process)."""
    return FilingSandbox(autoescape)


__all__ = [
    "FilingSandbox",
    "TemplateLimitError",
    "TemplateRefusedError",
    "sandbox",
    "chinese_reason",
    "as_template_error",
]
