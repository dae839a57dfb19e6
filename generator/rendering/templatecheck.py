"""`make-filings check-templates`: find what a Word user broke in a template, before a run.

Lawyers edit the templates in Word, which splits tags across formatting runs and
turns straight quotes into “smart” ones. Each template file is first read as a
run reads it (a plain file, UTF-8 text, a real .docx of a sane size), then checked
statically (tags complete, no smart quotes inside a tag), parsed part by part as
docxtpl parses it in the sandbox a run uses (so what the sandbox refuses is found
with its place, whether or not the demo case reaches it), compared with the
variables its filing provides, and rendered once with the context of a built-in
demo case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError, meta

from generator.errors import FilingError, TemplateProblemError
from generator.rendering.reading import paragraph_texts
from generator.rendering.render import (
    TemplateSet,
    docx_sources,
    jinja_env,
    read_docx_template,
    read_text_template,
    render_docx,
    render_text,
    shipped_template,
    template_context,
)
from generator.rendering.sandbox import TemplateRefusedError, chinese_reason
from generator.vocabulary import DOCUMENTS

ALL_KINDS = tuple(d.code for d in DOCUMENTS)  # every document has a Word and a text template
_TAG = re.compile(r"\{[{%#].*?[}%#]\}", re.S)
_SMART = "“”‘’"
_JINJA_NAMES = {"loop", "range", "true", "false", "none", "True", "False", "None"}


@dataclass(frozen=True)
class Finding:
    """One problem in one template: where, what text, and how to fix it."""

    template: str
    problem: str
    around: str
    hint: str

    def describe(self) -> str:
        return f"{self.template}：{self.problem}\n    附近文字：{self.around[:160]}\n    建议：{self.hint}"


def check_templates(folder: Path | None = None) -> list[Finding]:
    """Every problem in the templates a run with `--templates folder` would use."""
    templates = TemplateSet(folder)
    contexts = demo_contexts()
    findings: list[Finding] = []
    for kind in ALL_KINDS:
        for suffix, check in ((".docx", _check_docx), (".txt", _check_text)):
            try:
                path = templates.docx(kind) if suffix == ".docx" else templates.text(kind)
            except TemplateProblemError as exc:
                findings.append(_file_finding(f"{kind}{suffix}", exc))
                continue
            findings += (
                _shipped_findings(path.name) if path == shipped_template(path.name) else check(path, contexts[kind])
            )
    return findings


@cache
def _shipped_findings(name: str) -> tuple:
    """A shipped template's findings (none, unless the package is broken), worked out once per process."""
    kind, suffix = name.rsplit(".", 1)
    check = _check_docx if suffix == "docx" else _check_text
    return tuple(check(shipped_template(name), demo_contexts()[kind]))


def static_findings(folder: Path) -> list[Finding]:
    """The cheap checks a run makes on a user's template folder before rendering anything."""
    templates = TemplateSet(folder)
    out: list[Finding] = []
    for kind in ALL_KINDS:
        try:
            docx, text = templates.docx(kind), templates.text(kind)
            if docx.parent == folder:
                read_docx_template(docx)
                out += _paragraph_findings(docx)
            if text.parent == folder:
                read_text_template(text)
        except TemplateProblemError as exc:
            out.append(_file_finding(kind, exc))
    return out


def refuse_broken(folder: Path | None) -> None:
    """Raise before anything is written when a user's template folder has a broken tag."""
    if folder is None:
        return
    findings = static_findings(folder)
    if findings:
        raise TemplateProblemError("模板有问题，未生成任何文书：\n  " + "\n  ".join(f.describe() for f in findings))


def _file_finding(name: str, exc: TemplateProblemError) -> Finding:
    """A template file a run would not read (its message already names the file and says why)."""
    problem, _, advice = exc.message.partition("\n")
    return Finding(name, problem, "", advice.strip() or "换用一个正常保存的模板文件")


@lru_cache(maxsize=1)
def demo_contexts() -> dict:
    """Each filing's context for the built-in demo case (every branch filled)."""
    from generator.case.load import load_case
    from generator.case.validate import validate_case
    from generator.filings.analyse import analyse
    from generator.filings.documents import KINDS, build_contexts, legal_basis_context
    from generator.filings.summary import summary_context
    from generator.vocabulary import FILE_STEMS

    case_file = Path(str(resources.files("generator.data").joinpath("demo_case.yaml")))
    analysis = analyse(validate_case(load_case(case_file)))
    contexts = build_contexts(analysis, KINDS)
    entries = [
        {"kind": k, "title": contexts[k]["title"], "file": f"{FILE_STEMS[k]}.docx", "sha256": "0" * 64} for k in KINDS
    ]
    annex = legal_basis_context(analysis, contexts)
    contexts["case_summary"] = summary_context(analysis, entries, dict(contexts), annex)
    contexts["legal_basis"] = annex
    return contexts


def _paragraph_findings(path: Path) -> list[Finding]:
    """Smart quotes inside tags, and tags left incomplete in a paragraph."""
    out = []
    for text in paragraph_texts(path.read_bytes()):
        for tag in _TAG.findall(text):
            if any(q in tag for q in _SMART):
                out.append(
                    Finding(
                        path.name,
                        f"标签 {tag} 里有中文引号（Word自动替换的“ ”或‘ ’）",
                        text,
                        "把标签内的引号改成英文直引号 \" 或 '，或在 Word 中关闭“自动套用格式：直引号替换为弯引号”",
                    )
                )
        for opener, closer in (("{{", "}}"), ("{%", "%}")):
            if text.count(opener) != text.count(closer):
                out.append(
                    Finding(
                        path.name,
                        f"标签不完整：“{opener}”与“{closer}”数量不一致",
                        text,
                        "同一段落里每个标签都要成对写全，如 {{ title }}、{%p if images %}",
                    )
                )
        if re.search(r"\{\s+[{%]|[}%]\s+\}", text):
            out.append(Finding(path.name, "标签的花括号之间有空格（如“{ {”）", text, "写成紧挨着的 {{ 和 }}"))
    return out


def _check_docx(path: Path, context: dict) -> list[Finding]:
    try:
        read_docx_template(path)
    except TemplateProblemError as exc:
        return [_file_finding(path.name, exc)]
    findings = _paragraph_findings(path)
    if findings:
        return findings  # parsing would only repeat them less clearly
    try:
        sources = docx_sources(path)
    except TemplateProblemError as exc:
        return [_file_finding(path.name, exc)]
    except Exception as exc:  # noqa: BLE001 — whatever a foreign zip holds: no main part, bad XML
        return [
            Finding(
                path.name,
                f"不是完好的 Word 文档（{type(exc).__name__}：{exc}）",
                "",
                "请在 Word 中打开后另存为 .docx 再试",
            )
        ]
    env = jinja_env(autoescape=True)
    used: set = set()
    for part, source in sources:
        try:
            used |= meta.find_undeclared_variables(env.parse(source))
        except TemplateSyntaxError as exc:
            around = _lines_text(source, exc.lineno)
            return [
                _syntax_finding(
                    f"{path.name}（{part}）",
                    exc,
                    around,
                    "检查 {% if %}/{% for %} 是否都有对应的 {% endif %}/{% endfor %}，标签名是否拼写正确",
                )
            ]
    findings += _unknown_names(path.name, used, template_context(context))
    if not findings:
        findings += _trial_render(path, lambda: render_docx(path, context))
    return findings


def _check_text(path: Path, context: dict) -> list[Finding]:
    try:
        source = read_text_template(path)
    except TemplateProblemError as exc:
        return [_file_finding(path.name, exc)]
    env = jinja_env(autoescape=False)
    try:
        used = meta.find_undeclared_variables(env.parse(source))
    except TemplateSyntaxError as exc:
        around = source.splitlines()[exc.lineno - 1] if 0 < (exc.lineno or 0) <= len(source.splitlines()) else ""
        return [_syntax_finding(f"{path.name}（第{exc.lineno}行）", exc, around, "检查 {% if %}/{% for %} 是否成对")]
    findings = _unknown_names(path.name, used, template_context(context))
    if not findings:
        findings += _trial_render(path, lambda: render_text(path, context))
    return findings


def _syntax_finding(where: str, exc: TemplateSyntaxError, around: str, hint: str) -> Finding:
    if isinstance(exc, TemplateRefusedError):
        return Finding(
            where,
            f"不允许的写法：{exc.message}",
            around,
            "模板只能使用文书提供的数据来排版，不能读写文件、引用其他文件或调用程序；请删去这个写法",
        )
    return Finding(where, f"标签语法错误：{chinese_reason(exc)}", around, hint)


def _lines_text(source: str, lineno: int | None) -> str:
    """The text around a line of a patched part, as docxtpl's own docx_context shows it."""
    lines = source.splitlines()
    start = max((lineno or 1) - 3, 0)
    return " ".join(re.sub(r"<[^>]+>", "", line).strip() for line in lines[start : start + 5]).strip()


def _unknown_names(name: str, used: set, context: dict) -> list[Finding]:
    unknown = sorted(set(used) - set(context) - _JINJA_NAMES)
    if not unknown:
        return []
    known = "、".join(sorted(context))
    return [Finding(name, f"模板使用了不存在的变量：{'、'.join(unknown)}", "", f"这份文书可用的变量：{known}")]


def _trial_render(path: Path, render) -> list[Finding]:
    try:
        render()
    except TemplateProblemError as exc:
        return [_render_finding(exc.message)]
    except FilingError as exc:
        return [Finding(path.name, "用演示案件试渲染失败", str(exc), "按上面的提示修改模板")]
    except TemplateError as exc:
        return [Finding(path.name, f"用演示案件试渲染失败：{exc}", "", "检查变量的写法")]
    return []


def _render_finding(message: str) -> Finding:
    """render.describe_template_error's message (“模板 名（位置）无法使用：原因 / 附近的文字 / 建议”) as a finding."""
    head, *rest = message.split("\n")
    where, _, reason = head.removeprefix("模板 ").partition("无法使用：")
    around = next(
        (line.strip().removeprefix("出错位置附近的文字：") for line in rest if "出错位置附近的文字：" in line), ""
    )
    hint = rest[-1].strip() if rest and "出错位置附近的文字：" not in rest[-1] else "按上面的提示修改模板"
    return Finding(where.strip(), f"用演示案件试渲染失败：{reason}", around, hint)
