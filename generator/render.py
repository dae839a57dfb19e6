"""Stage 4 — render: lay each filing's context out with its Word and text templates.

Templates are rendered by docxtpl in a sandboxed Jinja environment with
autoescape on and strict undefined variables, so user text is always data and a
template typo is an error, not an empty blank. Every user string is cleaned of
what XML cannot hold before it reaches docxtpl: one such character otherwise
makes docxtpl drop later escapes and corrupt the file.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from PIL import Image, ImageOps

from .errors import TemplateProblemError

# XML 1.0 forbids these code points; everything else a user types is kept.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

PAGE_TEXT_WIDTH_MM = 156  # A4 minus the 28 + 26 mm margins
IMAGE_MAX_HEIGHT_MM = 200  # leaves room for the caption on a 225 mm text block
SCREEN_DPI = 96  # screenshots carry no meaningful DPI; 96 keeps them at their on-screen size


def clean_text(text: str) -> str:
    """Normalise line ends and drop the characters XML cannot hold."""
    return _XML_ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def clean(value):
    """Clean every string inside a context (dicts, lists, tuples)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    return value


def jinja_env(autoescape: bool) -> SandboxedEnvironment:
    """A sandboxed, strict environment: templates can read the context and nothing else."""
    return SandboxedEnvironment(autoescape=autoescape, undefined=StrictUndefined, keep_trailing_newline=True)


@dataclass(frozen=True)
class TemplateSet:
    """Where each filing's templates come from: a user's folder first, then the shipped ones."""

    override: Path | None = None

    def docx(self, kind: str) -> Path:
        return self._find(f"{kind}.docx")

    def text(self, kind: str) -> Path:
        return self._find(f"{kind}.txt")

    def _find(self, name: str) -> Path:
        if self.override is not None and (self.override / name).is_file():
            return self.override / name
        return shipped_template(name)


def shipped_template(name: str) -> Path:
    """A template shipped inside the package."""
    return Path(str(resources.files("generator.templates").joinpath(name)))


def render_docx(path: Path, context: dict) -> bytes:
    """Render one Word template with a cleaned context; return the .docx bytes."""
    tpl = DocxTemplate(str(path))
    data = clean(context)
    if "images" in data:
        data["images"] = [dict(img, picture=_picture(tpl, img)) for img in data["images"]]
    try:
        tpl.render(data, jinja_env=jinja_env(autoescape=True), autoescape=True)
    except TemplateError as exc:
        raise TemplateProblemError(describe_template_error(path, exc)) from None
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def render_text(path: Path, context: dict) -> str:
    """Render one paste-ready text template (plain text, no escaping)."""
    try:
        template = jinja_env(autoescape=False).from_string(path.read_text(encoding="utf-8"))
        text = template.render(clean(context))
    except TemplateError as exc:
        raise TemplateProblemError(describe_template_error(path, exc)) from None
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def describe_template_error(path: Path, exc: TemplateError) -> str:
    """A lawyer-readable account of a broken template: which file, which text, what to do."""
    around = " ".join(line.strip() for line in getattr(exc, "docx_context", []) if line.strip())
    where = f"\n  出错位置附近的文字：{around[:200]}" if around else ""
    hint = "请检查 {{ }} 与 {% %} 是否成对、变量名是否拼写正确、标签内是否误用了中文引号“ ”。"
    return f"模板 {path.name} 无法使用：{exc.message or exc}{where}\n  {hint}"


def _picture(tpl: DocxTemplate, img: dict) -> InlineImage:
    """A screenshot scaled to the page width and a page's height, never enlarged."""
    with Image.open(img["path"]) as original:
        im = ImageOps.exif_transpose(original)
        width_mm = im.width * 25.4 / SCREEN_DPI
        height_mm = im.height * 25.4 / SCREEN_DPI
        scale = min(1.0, PAGE_TEXT_WIDTH_MM / width_mm, IMAGE_MAX_HEIGHT_MM / height_mm)
        upright = original.getexif().get(0x0112, 1) == 1  # EXIF orientation
        if original.format in ("PNG", "JPEG") and upright:
            source = img["path"]  # embed the file itself, byte for byte
        else:  # Word cannot show WebP/HEIC, and a rotated photo must be stored upright
            source = io.BytesIO()
            im.convert("RGBA" if "A" in im.getbands() else "RGB").save(source, format="PNG")
            source.seek(0)
    return InlineImage(tpl, source, width=Mm(round(width_mm * scale, 1)))

