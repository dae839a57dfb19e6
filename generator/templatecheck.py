"""`make-filings check-templates`: find what a Word user broke in a template, before a run.

Lawyers edit the templates in Word, which splits tags across formatting runs and
turns straight quotes into “smart” ones. Each template is checked statically
(tags complete, no smart quotes inside a tag), parsed as docxtpl parses it,
compared with the variables its filing provides, and rendered once with the
context of a built-in demo case.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import TemplateError, TemplateSyntaxError, meta

from .errors import FilingError, TemplateProblemError
from .reading import paragraph_texts
from .render import TemplateSet, jinja_env, render_docx, render_text

ALL_KINDS = ("case_summary", "platform_refund_request", "payment_dispute", "complaint_12315", "blackcat_post",
             "legal_basis")
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
        findings += _check_docx(templates.docx(kind), contexts[kind])
        findings += _check_text(templates.text(kind), contexts[kind])
    return findings


def static_findings(folder: Path) -> list[Finding]:
    """The cheap checks a run makes on a user's template folder before rendering anything."""
    out: list[Finding] = []
    for kind in ALL_KINDS:
        path = folder / f"{kind}.docx"
        if path.is_file():
            out += _paragraph_findings(path)
    return out


def refuse_broken(folder: Path | None) -> None:
    """Raise before anything is written when a user's template folder has a broken tag."""
    if folder is None:
        return
    findings = static_findings(folder)
    if findings:
        raise TemplateProblemError("模板有问题，未生成任何文书：\n  " + "\n  ".join(f.describe() for f in findings))


@lru_cache(maxsize=1)
def demo_contexts() -> dict:
    """Each filing's context for the built-in demo case (every branch filled)."""
    from .analyse import analyse
    from .documents import KINDS, build_contexts
    from .load import load_case
    from .pipeline import FILE_STEMS, annex_context
    from .summary import summary_context
    from .validate import validate_case

    case_file = Path(str(resources.files("generator.data").joinpath("demo_case.yaml")))
    analysis = analyse(validate_case(load_case(case_file)))
    contexts = build_contexts(analysis, KINDS)
    entries = [{"kind": k, "title": contexts[k]["title"], "file": f"{FILE_STEMS[k]}.docx", "sha256": "0" * 64}
               for k in KINDS]
    annex = annex_context(analysis, contexts)
    contexts["case_summary"] = summary_context(analysis, entries, dict(contexts), annex)
    contexts["legal_basis"] = annex
    return contexts


def _paragraph_findings(path: Path) -> list[Finding]:
    """Smart quotes inside tags, and tags left incomplete in a paragraph."""
    out = []
    for text in paragraph_texts(path.read_bytes()):
        for tag in _TAG.findall(text):
            if any(q in tag for q in _SMART):
                out.append(Finding(path.name, f"标签 {tag} 里有中文引号（Word自动替换的“ ”或‘ ’）", text,
                                   "把标签内的引号改成英文直引号 \" 或 '，或在 Word 中关闭“自动套用格式：直引号替换为弯引号”"))
        for opener, closer in (("{{", "}}"), ("{%", "%}")):
            if text.count(opener) != text.count(closer):
                out.append(Finding(path.name, f"标签不完整：“{opener}”与“{closer}”数量不一致", text,
                                   "同一段落里每个标签都要成对写全，如 {{ title }}、{%p if images %}"))
        if re.search(r"\{\s+[{%]|[}%]\s+\}", text):
            out.append(Finding(path.name, "标签的花括号之间有空格（如“{ {”）", text, "写成紧挨着的 {{ 和 }}"))
    return out


def _check_docx(path: Path, context: dict) -> list[Finding]:
    findings = _paragraph_findings(path)
    if findings:
        return findings  # parsing would only repeat them less clearly
    tpl = DocxTemplate(str(path))
    env = jinja_env(autoescape=True)
    try:
        used = tpl.get_undeclared_template_variables(jinja_env=env)
    except TemplateSyntaxError as exc:
        return [Finding(path.name, f"标签语法错误：{exc.message}", _xml_context(tpl, exc.lineno),
                        "检查 {% if %}/{% for %} 是否都有对应的 {% endif %}/{% endfor %}，标签名是否拼写正确")]
    findings += _unknown_names(path.name, used, context)
    if not findings:
        findings += _trial_render(path, lambda: render_docx(path, context))
    return findings


def _check_text(path: Path, context: dict) -> list[Finding]:
    env = jinja_env(autoescape=False)
    source = path.read_text(encoding="utf-8")
    try:
        used = meta.find_undeclared_variables(env.parse(source))
    except TemplateSyntaxError as exc:
        around = source.splitlines()[exc.lineno - 1] if exc.lineno else ""
        return [Finding(path.name, f"第{exc.lineno}行标签语法错误：{exc.message}", around,
                        "检查 {% if %}/{% for %} 是否成对")]
    findings = _unknown_names(path.name, used, context)
    if not findings:
        findings += _trial_render(path, lambda: render_text(path, context))
    return findings


def _unknown_names(name: str, used: set, context: dict) -> list[Finding]:
    unknown = sorted(set(used) - set(context) - _JINJA_NAMES)
    if not unknown:
        return []
    known = "、".join(sorted(k for k in context if k != "cited"))
    return [Finding(name, f"模板使用了不存在的变量：{'、'.join(unknown)}", "", f"这份文书可用的变量：{known}")]


def _trial_render(path: Path, render) -> list[Finding]:
    try:
        render()
    except (TemplateProblemError, FilingError) as exc:
        return [Finding(path.name, "用演示案件试渲染失败", str(exc), "按上面的提示修改模板")]
    except TemplateError as exc:
        return [Finding(path.name, f"用演示案件试渲染失败：{exc}", "", "检查变量的写法")]
    return []


def _xml_context(tpl: DocxTemplate, lineno: int | None) -> str:
    """The text around a syntax error, as docxtpl's own docx_context shows it."""
    tpl.init_docx()
    xml = tpl.patch_xml(tpl.get_xml())
    xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)
    lines = xml.splitlines()
    start = max((lineno or 1) - 3, 0)
    return " ".join(re.sub(r"<[^>]+>", "", line).strip() for line in lines[start:start + 5]).strip()
