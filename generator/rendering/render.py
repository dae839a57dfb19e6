"""Stage 4 — render: lay each filing's context out with its Word and text templates.

Templates are rendered by docxtpl in the sandbox of sandbox.py (autoescape on,
strict undefined variables, bounded work), so user text is always data, a
template typo is an error, not an empty blank, and a template — which may come
from a shared template pack — can read its filing's data and nothing else.
What a template sees is `template_context`: plain strings, numbers, lists and
mappings only. A screenshot is an opaque marker string the renderer replaces
with the picture it builds itself, once the part is rendered. Every user string
is cleaned of what XML cannot hold before it reaches docxtpl: one such character
otherwise makes docxtpl drop later escapes and corrupt the file.

Speed. docxtpl's `DocxTemplate(path).render(); save()` re-reads the file, re-patches
the XML and re-compiles the Jinja source of every part for every document. Here,
mostly through docxtpl's, python-docx's and Jinja's public interfaces, a template file is
read and checked once per process (keyed by its path, mtime, size and inode), each
distinct source is patched and compiled once (docxtpl's `jinja_env` parameter, Jinja's
bytecode cache across runs), and docxtpl's listing pass skips the paragraphs it would
not change. What no render changes is done once per template: the parts it never
touches (styles, theme …) are shared by the document's copies and serialised once,
file properties without a tag are rendered once, each part's next shape id is found
once; a picture a case's filings repeat has its XML built once (package.py keeps the
ZIP entries they share). The document itself is rendered and saved by docxtpl and
python-docx as plain docxtpl does, so the two write the same parts; setting
MAKE_FILINGS_RENDERER=docxtpl renders with plain docxtpl (tests compare the two).
Each written file's properties are the filing's: its title, the generation time
($SOURCE_DATE_EPOCH when set, which dates the file's ZIP entries too), make-filings as author.
"""

from __future__ import annotations

import copy
import datetime
import functools
import io
import os
import re
import sys
import zipfile
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import docx
import jinja2
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.shape import CT_Inline
from docx.shared import Emu, Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import FileSystemBytecodeCache, TemplateError
from lxml import etree
from PIL import Image, ImageOps

from generator import NAME, clock
from generator.cache import cache_dir, entry_key, open_entry
from generator.case.evidence import embedded_image
from generator.errors import TemplateProblemError, format_path
from generator.printable import clean_text
from generator.rendering import sandbox
from generator.rendering.package import docx_bytes
from generator.rendering.sandbox import FilingSandbox

# XML 1.0 forbids these code points; everything else a user types is kept.

PAGE_TEXT_WIDTH_MM = 156  # A4 minus the 28 + 26 mm margins
IMAGE_MAX_HEIGHT_MM = 200  # leaves room for the caption on a 225 mm text block
SCREEN_DPI = 96  # screenshots carry no meaningful DPI; 96 keeps them at their on-screen size

# Context keys kept for the manifest (the provisions objects a filing cites); no template reads them.
INTERNAL_KEYS = frozenset({"cited"})

# What a template file may be. A Word template with a logo or two is a few hundred KB.
MAX_TEXT_TEMPLATE_BYTES = 2_000_000
MAX_DOCX_BYTES = 64_000_000  # the file, and everything its zip declares once unpacked
MAX_DOCX_ENTRIES = 1_000
MAX_DOCX_PART_BYTES = 8_000_000  # one part docxtpl renders (body, header, footer, footnotes)
_RENDERED_PART = re.compile(r"word/(document|header\d*|footer\d*|footnotes)\.xml")
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97–2003 .doc (and .xls, .ppt)

RENDERER_ENV = "MAKE_FILINGS_RENDERER"  # "docxtpl": plain docxtpl, without the caches below


def clean(value):
    """Clean every string inside a context (dicts, lists, tuples)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    return value


def template_context(context: dict, pictures: "_Pictures | None" = None) -> dict:
    """What a template sees: the context's plain data, cleaned; never an object with methods.

    Screenshots lose their file path: for a Word template each gets a `picture`
    marker that `pictures` turns into the picture once the part is rendered; a text
    template gets their labels, captions and sizes only.
    """
    data = {key: plain(value, (key,)) for key, value in context.items() if key not in INTERNAL_KEYS}
    if "images" in data:
        data["images"] = [_image_entry(img, pictures) for img in context["images"]]
    return data


def plain(value, where: tuple = ()):
    """A copy of `value` made only of str, int, bool, None, lists and str-keyed dicts (strings cleaned)."""
    try:
        return _plain(value)
    except TypeError:
        path, kind = _not_plain(value, where)
        raise TypeError(f"context value {format_path(path)} is a {kind}: templates take plain data only") from None


def _plain(value):
    kind = type(value)
    if kind is str:
        return clean_text(value)
    if kind is int or kind is bool or value is None:
        return value
    if kind is list or kind is tuple:
        return [_plain(item) for item in value]
    if kind is dict:
        return {_key(k): _plain(v) for k, v in value.items()}
    raise TypeError(kind.__name__)


def _key(key):
    if type(key) is not str:
        raise TypeError(type(key).__name__)
    return key


def _not_plain(value, where: tuple) -> tuple:
    """Where in `value` the first thing that is not plain data lies, and what it is (for the bug report)."""
    kind = type(value)
    if kind in (list, tuple):
        for i, item in enumerate(value):
            found = _not_plain(item, (*where, i))
            if found:
                return found
    elif kind is dict:
        for k, v in value.items():
            found = (where, f"dict with a {type(k).__name__} key") if type(k) is not str else _not_plain(v, (*where, k))
            if found:
                return found
    elif not (kind in (str, int, bool) or value is None):
        return where, kind.__name__
    return ()


def _image_entry(img: dict, pictures: "_Pictures | None") -> dict:
    entry = {key: plain(img[key], ("images", key)) for key in ("label", "caption", "width", "height") if key in img}
    if pictures is not None:
        entry["picture"] = pictures.marker(img["path"])
    return entry


def jinja_env(autoescape: bool) -> FilingSandbox:
    """The sandbox every template runs in (see sandbox.py)."""
    return sandbox.sandbox(autoescape)


@dataclass(frozen=True)
class TemplateSet:
    """Where each filing's templates come from: a user's folder first, then the shipped ones."""

    override: Path | None = None

    def docx(self, kind: str) -> Path:
        return self._find(f"{kind}.docx")

    def text(self, kind: str) -> Path:
        return self._find(f"{kind}.txt")

    def _find(self, name: str) -> Path:
        if self.override is None:
            return shipped_template(name)
        candidate = self.override / name
        # a link in a shared template pack could point at any file the user can read
        if candidate.is_symlink() or (candidate.exists() and not candidate.is_file()):
            raise TemplateProblemError(
                f"模板 {name} 不是普通文件（是符号链接、文件夹或设备文件），未使用："
                f"请把模板文件本身放进 {self.override}"
            )
        return candidate if candidate.is_file() else shipped_template(name)


def shipped_template(name: str) -> Path:
    """A template shipped inside the package."""
    return Path(str(resources.files("generator.templates").joinpath(name)))


def render_docx(path: Path, context: dict, title: str | None = None) -> bytes:
    """Render one Word template with the plain template context; return the .docx bytes.

    `title` (default: the context's) becomes the file's title property.
    """
    cached = _docx_template(path)
    plain = os.environ.get(RENDERER_ENV, "").strip().lower() == "docxtpl"
    tpl = (_PlainTemplate if plain else _WarmTemplate)(cached)
    data = template_context(context, tpl.pictures)
    try:
        tpl.render(data, jinja_env=jinja_env(True) if plain else cached.env, autoescape=True)
    except TemplateError as exc:
        raise TemplateProblemError(describe_template_error(path, exc)) from None
    except (ValueError, KeyError, etree.LxmlError) as exc:  # the file's own XML, not a tag
        raise TemplateProblemError(
            f"模板 {path.name} 无法使用：文件里的 Word 内容已损坏（{type(exc).__name__}：{exc}）"
            "\n  请在 Word 中打开后另存为 .docx 再试"
        ) from None
    set_properties(tpl.docx.core_properties, title if title is not None else str(context.get("title", "")))
    if plain:  # docxtpl's own save, as the comparison with plain docxtpl needs
        out = io.BytesIO()
        tpl.save(out)
        return clock.pin_zip_dates(out.getvalue())
    saved = docx_bytes(tpl.docx, cached.blobs)
    _release(tpl.docx.part.package, keep=cached.shared)
    return saved


def generation_time() -> datetime.datetime:
    """Now, or $SOURCE_DATE_EPOCH when set (see clock.py): naive UTC, as OOXML stores it."""
    return clock.now().replace(tzinfo=None, microsecond=0)


def set_properties(props, title: str) -> None:
    """The properties Word shows under 文件 → 信息: this filing's, not the template's or python-docx's."""
    when = generation_time()
    props.title = title
    props.author = props.last_modified_by = NAME
    props.comments = ""  # python-docx's default template says "generated by python-docx" here
    props.created = props.modified = when
    if props.last_printed is not None:  # a template printed before: not this filing
        props.last_printed = when
    props.revision = 1


def render_text(path: Path, context: dict) -> str:
    """Render one paste-ready text template (plain text, no escaping)."""
    try:
        text = _text_template(path).render(template_context(context))
    except TemplateError as exc:
        raise TemplateProblemError(describe_template_error(path, exc)) from None
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


_PARTS = {"document": "正文", "header": "页眉", "footer": "页脚", "footnotes": "脚注", "core": "文档属性"}


def describe_template_error(path: Path, exc: TemplateError) -> str:
    """A lawyer-readable account of a broken template: which file, where, which text, what to do."""
    around = " ".join(line.strip() for line in getattr(exc, "docx_context", []) if line.strip())
    where = ""
    part = getattr(exc, "docx_part", None)
    if part:
        where = part_name(part)
    elif path.suffix == ".txt" and getattr(exc, "lineno", None):
        lineno = getattr(exc, "lineno")  # noqa: B009 — not every TemplateError has one
        where = f"第{lineno}行"
        around = around or _source_line(path, lineno)
    head = f"模板 {path.name}" + (f"（{where}）" if where else " ")
    where_text = f"\n  出错位置附近的文字：{around[:200]}" if around else ""
    if isinstance(exc, (sandbox.TemplateLimitError, sandbox.TemplateRefusedError)):
        hint = "模板只能使用文书提供的数据来排版，不能读写文件、调用程序或无限循环；请删去这个写法。"
    else:
        hint = "请检查 {{ }} 与 {% %} 是否成对、变量名是否拼写正确、标签内是否误用了中文引号“ ”。"
    return f"{head}无法使用：{sandbox.chinese_reason(exc)}{where_text}\n  {hint}"


def _source_line(path: Path, lineno: int) -> str:
    """Line `lineno` of a text template, as the lawyer sees it in an editor."""
    try:
        lines = read_text_template(path).splitlines()
    except (OSError, TemplateProblemError):
        return ""
    return lines[lineno - 1] if 0 < lineno <= len(lines) else ""


def warm(templates: TemplateSet, kinds) -> None:
    """Read and compile each kind's templates now (a batch worker does this once, before its cases)."""
    for kind in kinds:
        try:
            _text_template(templates.text(kind))
            _docx_template(templates.docx(kind)).compile()
        except Exception:  # noqa: BLE001 — a broken template is reported by each case that uses it
            pass


# --------------------------------------------------------------------------- reading template files


def read_text_template(path: Path) -> str:
    """A text template's source; a file that is too large or not UTF-8 is refused, naming the line."""
    data = _read_bounded(path, MAX_TEXT_TEMPLATE_BYTES)
    try:
        return data.decode("utf-8-sig")  # Notepad's UTF-8 starts with a byte-order mark
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        guess = "（看起来是以 GBK/GB2312 编码保存的）" if _decodes(data, "gbk") else ""
        raise TemplateProblemError(
            f"模板 {path.name} 第{line}行不是 UTF-8 编码的文字{guess}，未使用：\n"
            "  请在编辑器中选择“UTF-8”编码另存后再用"
        ) from None


def read_docx_template(path: Path) -> bytes:
    """A Word template's bytes, refused unless it is a .docx zip of a sane unpacked size."""
    data = _read_bounded(path, MAX_DOCX_BYTES)
    name = path.name
    if data.startswith(_OLE2_MAGIC):
        raise TemplateProblemError(
            f"模板 {name} 是旧版 Word 97-2003 文档（.doc），只是扩展名改成了 .docx：\n"
            "  请在 Word 中用“另存为 → Word 文档（*.docx）”保存后再用"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            entries = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise TemplateProblemError(
            f"模板 {name} 不是 Word 文档（.docx 文件应是 zip 压缩包，这个文件不是），"
            "可能已损坏或由其他程序保存：\n  请在 Word 中打开后另存为 .docx"
        ) from None
    unpacked = sum(entry.file_size for entry in entries)
    big_part = next(
        (e for e in entries if _RENDERED_PART.fullmatch(e.filename) and e.file_size > MAX_DOCX_PART_BYTES), None
    )
    if len(entries) > MAX_DOCX_ENTRIES or unpacked > MAX_DOCX_BYTES or big_part is not None:
        what = (
            f"{big_part.filename} 解压后 {big_part.file_size:,} 字节（上限 {MAX_DOCX_PART_BYTES:,}）"
            if big_part is not None
            else f"{len(entries):,} 个部件，解压后共 {unpacked:,} 字节"
            f"（上限 {MAX_DOCX_ENTRIES:,} 个、{MAX_DOCX_BYTES:,} 字节）"
        )
        raise TemplateProblemError(
            f"模板 {name} 解压后过大，未使用：{what}。\n"
            "  正常的文书模板只有几百 KB；这个文件可能是“压缩炸弹”或混入了大文件"
        )
    return data


# Word fields that fetch a file, a picture or another program's data when the filing is opened or updated.
_FETCHING_FIELD = re.compile(
    rb'(?:<w:instrText[^>]*>|w:instr=")\s*(INCLUDETEXT|INCLUDEPICTURE|INCLUDE|LINK|DDEAUTO|DDE'
    rb"|IMPORT|DATABASE)\b",
    re.IGNORECASE,
)


def _refuse_outside_references(path: Path, package) -> None:
    """A Word template whose filing would reach outside itself when opened is refused.

    What docxtpl renders is the template's own text; what Word does with the rest of the
    file is not: a linked (external) picture, frame or attached template is fetched when
    the filing is opened, and an INCLUDETEXT or DDE field reads a file or starts a program.
    A hyperlink only opens when clicked, and stays allowed.
    """
    for rel in package.iter_rels():
        if rel.is_external and rel.reltype != RT.HYPERLINK:
            raise TemplateProblemError(
                f"模板 {path.name} 含有指向文件外部的引用（{rel.reltype.rsplit('/', 1)[-1]}："
                f"{rel.target_ref[:120]}），Word 打开生成的文书时会去读取它，未使用：\n"
                "  请在 Word 中删除链接的图片、框架或附加的模板后另存（超链接可以保留）"
            )
    for part in package.iter_parts():
        name, content_type, blob = str(part.partname), part.content_type, _part_bytes(part)
        # most parts (styles, theme, fonts) hold no field: a substring test skips them at memory speed
        found = _FETCHING_FIELD.search(blob) if b"instr" in blob and content_type.endswith("xml") else None
        if found:
            raise TemplateProblemError(
                f"模板 {path.name} 的 {name.lstrip('/')} 含有会读取外部文件或程序的域代码"
                f"（{found[1].decode().upper()}），未使用：\n"
                "  请在 Word 中按 Alt+F9 显示域代码，删除这个域后另存"
            )


def _part_bytes(part) -> bytes:
    """A part's XML as the file holds it (python-docx parses XML parts; `blob` serialises them)."""
    return part.blob


def _read_bounded(path: Path, limit: int) -> bytes:
    with open(path, "rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise TemplateProblemError(f"模板 {path.name} 过大（超过 {limit:,} 字节），未使用")
    return data


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


# --------------------------------------------------------------------------- pictures

_MARKER = re.compile(r"@@picture-([0-9a-f]{16})-(\d+)@@")


@dataclass
class _Pictures:
    """A Word render's screenshots: the marker strings its context holds, and the files they stand for.

    A marker carries a random token, so neither a template nor a user's text can
    forge one; a template can only place (or repeat) the pictures of its own case.
    """

    token: str = field(default_factory=lambda: os.urandom(8).hex())
    paths: list = field(default_factory=list)

    def marker(self, path: str) -> str:
        self.paths.append(path)
        return f"@@picture-{self.token}-{len(self.paths) - 1}@@"

    def resolve(self, xml: str, tpl: "_WarmTemplate") -> str:
        """Each marker in a rendered part replaced by its picture, as docxtpl's InlineImage writes it."""
        if not self.paths or self.token not in xml:
            return xml
        return _MARKER.sub(lambda m: self._picture_xml(m, tpl), xml)

    def _picture_xml(self, marker: re.Match, tpl: "_WarmTemplate") -> str:
        index = int(marker[2])
        if marker[1] != self.token or index >= len(self.paths):  # text that only looks like a marker
            return marker[0]
        return tpl.drawing(self.paths[index])


def _picture(tpl: DocxTemplate, path: str) -> InlineImage:
    """A screenshot scaled to the page width and a page's height, never enlarged."""
    width_mm, source = _picture_source(path)
    return InlineImage(tpl, source, width=Mm(width_mm))


def _picture_source(path: str) -> tuple[float, str | io.BytesIO]:
    """The width to show a screenshot at, and what to embed of it."""
    width_mm, as_is = _picture_size(path, _stamp(path))
    # Word cannot show WebP/HEIC; photos are stored upright; bytes appended after a picture stay out.
    return width_mm, embedded_image(path) if as_is else _upright_png(path)


# What docxtpl's InlineImage puts in place of the text that holds it (InlineImage._insert_image, no anchor)
_DRAWING = '</w:t></w:r><w:r><w:drawing>%s</w:drawing></w:r><w:r><w:t xml:space="preserve">'


@functools.lru_cache(maxsize=64)
def _inline_xml(shape_id: int, rId: str, filename: str, cx: int, cy: int) -> str:
    """python-docx's picture XML (CT_Inline.new_pic_inline), built once for the pictures a case's filings repeat."""
    return CT_Inline.new_pic_inline(shape_id, rId, filename, Emu(cx), Emu(cy)).xml


@functools.lru_cache(maxsize=64)
def _picture_size(path: str, _stamp: tuple) -> tuple[float, bool]:
    """The width to show a picture at, and whether its file can be embedded byte for byte.

    Cached because a case shows the same screenshots in two filings.
    """
    with Image.open(path) as original:
        if _plainly_upright(path, original):  # what the slow way finds, without decoding the pixels
            width, height, as_is = *original.size, True
        else:
            im = ImageOps.exif_transpose(original)
            width, height = im.size
            upright = original.getexif().get(0x0112, 1) == 1  # EXIF orientation
            as_is = original.format in ("PNG", "JPEG") and upright
    width_mm = width * 25.4 / SCREEN_DPI
    height_mm = height * 25.4 / SCREEN_DPI
    scale = min(1.0, PAGE_TEXT_WIDTH_MM / width_mm, IMAGE_MAX_HEIGHT_MM / height_mm)
    return round(width_mm * scale, 1), as_is


# Where Pillow finds a PNG's orientation: an eXIf chunk, an ImageMagick text chunk, XMP.
# They may follow the pixel data, so Pillow decodes the whole image to look.
_PNG_ORIENTATION_MARKERS = (b"eXIf", b"Raw profile type exif", b"XML:com.adobe.xmp")


def _plainly_upright(path: str, image: Image.Image) -> bool:
    """A PNG or JPEG that certainly has no orientation other than 1 (most screenshots)."""
    if image.format == "JPEG":  # its EXIF and XMP are read with the header
        return image.getexif().get(0x0112, 1) == 1
    if image.format == "PNG":
        data = Path(path).read_bytes()
        return not any(marker in data for marker in _PNG_ORIENTATION_MARKERS)
    return False


def _upright_png(path: str) -> io.BytesIO:
    """A picture turned upright by its EXIF orientation and re-encoded as PNG."""
    with Image.open(path) as original:
        im = ImageOps.exif_transpose(original)
        out = io.BytesIO()
        im.convert("RGBA" if "A" in im.getbands() else "RGB").save(out, format="PNG")
    out.seek(0)
    return out


# --------------------------------------------------------------- per-process template cache


def _stamp(path) -> tuple:
    """What changes when a file is edited or replaced (Word saves by renaming a new file in)."""
    st = os.stat(path)
    return st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino


_docx_cache: dict[str, "_CachedDocx"] = {}
_text_cache: dict[str, tuple] = {}


def _docx_template(path: Path) -> "_CachedDocx":
    """The cached form of a Word template, read again only when the file has changed."""
    key, stamp = str(path), _stamp(path)
    cached = _docx_cache.get(key)
    if cached is None or cached.stamp != stamp:
        cached = _docx_cache[key] = _CachedDocx(Path(path), stamp)
    return cached


def _text_template(path: Path):
    """A text template compiled once per process, again only when the file has changed."""
    key, stamp = str(path), _stamp(path)
    hit = _text_cache.get(key)
    if hit is None or hit[0] != stamp:
        template = compiled(_shared_env(autoescape=False), read_text_template(Path(path)))
        hit = _text_cache[key] = (stamp, template)
    return hit[1]


@functools.cache
def _shared_env(autoescape: bool) -> FilingSandbox:
    """One environment per process: compiled templates keep a reference to it."""
    return jinja_env(autoescape)


def compiled(env: FilingSandbox, source: str):
    """`env.from_string(source)`, with the compiled code kept in Jinja's bytecode cache (see cache.py).

    Compiling the templates is a third of a single case's rendering; loading the code
    a previous run compiled takes a millisecond. Jinja checks the source an entry was
    compiled from, and our key adds the settings that shape the generated code, so a
    changed template or environment is compiled afresh.
    """
    cache = _bytecode_cache()
    if cache is None:
        return env.from_string(source)
    bucket = cache.get_bucket(env, _code_key(env, source), None, source)
    if bucket.code is None:
        bucket.code = env.compile(source)
        cache.set_bucket(bucket)
    return env.template_class.from_code(env, bucket.code, env.make_globals(None), None)


def _code_key(env: FilingSandbox, source: str) -> str:
    """What the generated code depends on: the source, the environment's syntax and settings,
    and the versions of Jinja, make-filings and the Python that will run the code."""
    syntax = (
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
    )
    settings = (
        type(env).__name__,
        env.autoescape,
        env.keep_trailing_newline,
        env.trim_blocks,
        env.lstrip_blocks,
        env.newline_sequence,
        env.optimized,
        env.is_async,
        env.finalize is None,
        sorted(env.extensions),
        sorted(env.filters),
        sorted(env.tests),
    )
    return entry_key(
        source,
        "template",
        repr(syntax),
        repr(settings),
        jinja2.__version__,
        sandbox.CODE_VERSION,
        sys.implementation.cache_tag,
    )


class _QuietBytecodeCache(FileSystemBytecodeCache):
    """Jinja's file cache of compiled templates, reading only this user's own private entries
    and skipping an entry it cannot read or write instead of failing."""

    def load_bytecode(self, bucket) -> None:
        try:
            with open_entry(os.path.join(self.directory, self.pattern % (bucket.key,))) as f:
                bucket.load_bytecode(f)
        except Exception:  # noqa: BLE001 — missing, truncated or foreign file: compiled instead
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


@functools.cache
def _bytecode_cache() -> _QuietBytecodeCache | None:
    folder = cache_dir()
    return None if folder is None else _QuietBytecodeCache(str(folder), "template-%s.cache")


# Every text property of a Word file (python-docx's CoreProperties), the ones docxtpl renders among them
_TEXT_PROPERTIES = (
    "author",
    "category",
    "comments",
    "content_status",
    "identifier",
    "keywords",
    "language",
    "last_modified_by",
    "subject",
    "title",
    "version",
)


class _CompileOnce:
    """Stands in for the Jinja environment docxtpl is given: each distinct source is compiled once.

    docxtpl calls `from_string` for the body, each header and footer, each core
    property and the footnotes on every render; the sources are the same each time.
    A source that fails to compile is not kept, so it fails (with docxtpl's
    `docx_context`) on every render.
    """

    def __init__(self, env: FilingSandbox):
        self._env = env
        self._templates: dict[str, object] = {}
        self.autoescape = env.autoescape  # docxtpl sets it; the real environment already has it

    def from_string(self, source: str):
        template = self._templates.get(source)
        if template is None:
            template = self._templates[source] = compiled(self._env, source)
        return template


class _CachedDocx:
    """A Word template read and checked once: its bytes, its patched sources and their compiled Jinja."""

    def __init__(self, path: Path, stamp: tuple):
        self.stamp = stamp
        self.blob = read_docx_template(path)
        self.env = _CompileOnce(_shared_env(autoescape=True))
        self._patched: dict[str, str] = {}
        self._next_ids: dict[str, int] = {}
        self.properties_rendered = False  # docxtpl's render of the file's properties done once, into _document
        self._document = None
        self.shared: frozenset = frozenset()  # the opened document's parts no render changes (see document_copy)
        self.blobs: dict = {}  # their XML, serialised once
        try:
            _refuse_outside_references(path, self.new_document().part.package)
        except TemplateProblemError:
            raise
        except Exception as exc:  # noqa: BLE001 — whatever a foreign zip holds: damaged entries, bad XML, no main part
            raise TemplateProblemError(
                f"模板 {path.name} 无法读取：不是完好的 Word 文档（{type(exc).__name__}：{exc}）"
                "\n  请在 Word 中打开后另存为 .docx 再试"
            ) from None

    def new_document(self):
        """A fresh python-docx document of the template (python-docx refuses a file that is not a Word document)."""
        return docx.Document(io.BytesIO(self.blob))

    def document_copy(self):
        """A copy of the template's document as python-docx opened it, opened once: copying its parts and
        XML trees costs half of reading and parsing the file again. The parts no render changes (styles,
        theme …) are not copied: every copy shares them, and their XML is serialised once."""
        if self._document is None:
            self._document = self.new_document()
            self.properties_rendered = self._render_plain_properties(self._document)
            self.shared = unchanging_parts(self._document)
            self.blobs = {part: part.blob for part in self.shared}
        return copy.deepcopy(self._document, {id(part): part for part in self.shared})

    def _render_plain_properties(self, document) -> bool:
        """Render the file's properties into the opened document once, when no template tag can be in them.

        docxtpl renders the title, subject, author … of every copy; without a `{` in any of them and with
        Jinja's default syntax they render to the same text every time, and setting a property to the text
        it holds changes nothing, so each copy of the rendered document is what docxtpl would make of it."""
        env = self.env._env
        props = document.core_properties
        values = [getattr(props, name) for name in _TEXT_PROPERTIES]
        default_syntax = (env.block_start_string, env.variable_start_string, env.comment_start_string) == (
            "{%",
            "{{",
            "{#",
        )
        if not default_syntax or env.line_statement_prefix or env.line_comment_prefix or any("{" in v for v in values):
            return False
        tpl = _WarmTemplate(self)
        tpl.docx = document
        try:
            _PlainTemplate.render_properties(tpl, {}, self.env)
        except Exception:  # noqa: BLE001 — left to each render, which reports it
            return False
        return True

    def next_id(self, part) -> int:
        """python-docx's next free shape id of a part being rendered (StoryPart.next_id), found once per part:
        while its pictures are placed the part is still the template's copy (docxtpl puts the rendered
        XML in afterwards), so the id is the template's."""
        key = str(part.partname)
        found = self._next_ids.get(key)
        if found is None:
            found = self._next_ids[key] = part.next_id
        return found

    def patched(self, xml: str, patch) -> str:
        """docxtpl's XML patch of a source, done once per distinct source."""
        out = self._patched.get(xml)
        if out is None:
            out = self._patched[xml] = patch(xml)
        return out

    def compile(self) -> None:
        """Compile the body, header and footer sources now, as docxtpl will ask for them."""
        for _, source in self.sources():
            self.env.from_string(source)

    def sources(self) -> list[tuple[str, str]]:
        """Each part docxtpl renders as Jinja source — body, headers, footers — patched and split into
        lines the way docxtpl's build_xml and render_xml_part do, with the part's name."""
        tpl = _WarmTemplate(self)
        tpl.init_docx()
        parts = [("document", tpl.get_xml())]
        for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
            parts += [
                (part.partname.filename.removesuffix(".xml"), tpl.get_part_xml(part))
                for _, part in tpl.get_headers_footers(uri)
            ]
        return [(name, re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(xml))) for name, xml in parts]


def docx_sources(path: Path) -> list[tuple[str, str]]:
    """A Word template's Jinja sources as a render compiles them, each with its part's Chinese name."""
    return [(part_name(name), source) for name, source in _docx_template(path).sources()]


def part_name(part: str) -> str:
    """正文, 页眉, 页脚 … for a part's file name (document, header1, footer2 …)."""
    return _PARTS.get(part.rstrip("0123456789"), part)


_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)  # docxtpl's own paragraph pattern
_LISTING_CHARS = re.compile("[\t\a\n\f]")


class _PlainTemplate(DocxTemplate):
    """Plain docxtpl on a checked template, its errors marked with their part and its picture markers resolved."""

    def __init__(self, cached: _CachedDocx):
        super().__init__(io.BytesIO(cached.blob))
        self.cached = cached
        self.pictures = _Pictures()

    def render_xml_part(self, src_xml, part, context, jinja_env=None):
        """docxtpl's render of one part, its error marked with the part, its picture markers resolved."""
        try:
            xml = super().render_xml_part(src_xml, part, context, jinja_env)
        except TemplateError as exc:
            setattr(exc, "docx_part", part.partname.filename.removesuffix(".xml"))  # noqa: B010 — a note on a foreign class
            raise
        return self.pictures.resolve(xml, self)

    def drawing(self, path: str) -> str:
        """The XML that takes the place of a screenshot's marker: docxtpl's InlineImage of it."""
        return str(_picture(self, path))

    def render_properties(self, context, jinja_env=None):
        """docxtpl's render of the title, subject, author … Word shows as the file's properties."""
        try:
            super().render_properties(context, jinja_env)
        except TemplateError as exc:
            setattr(exc, "docx_part", "core")  # noqa: B010
            raise


class _WarmTemplate(_PlainTemplate):
    """docxtpl with the template's checked bytes, patched sources and compiled code reused (public hooks only)."""

    docx: Any  # docxtpl's own attributes, set in its __init__
    is_rendered: bool

    def init_docx(self, reload: bool = True):
        """docxtpl's opening of the template (same condition), the document a copy of the one opened once."""
        if not self.docx or (self.is_rendered and reload):
            self.docx = self.cached.document_copy()
            self.is_rendered = False

    def patch_xml(self, src_xml):
        return self.cached.patched(src_xml, super().patch_xml)

    def render_properties(self, context, jinja_env=None):
        """docxtpl's render of the file's properties, unless it was done once into the template's document."""
        if not self.cached.properties_rendered:
            super().render_properties(context, jinja_env)

    def drawing(self, path: str) -> str:
        """What docxtpl's InlineImage writes for a screenshot (StoryPart.new_pic_inline, then _insert_image),
        its picture XML built once per distinct picture and place and the part's next id found once."""
        width_mm, source = _picture_source(path)
        part = self.current_rendering_part
        rId, image = part.get_or_add_image(source)
        cx, cy = image.scaled_dimensions(Mm(width_mm), None)
        return _DRAWING % _inline_xml(self.cached.next_id(part), rId, image.filename, cx, cy)

    def resolve_listing(self, xml):
        """docxtpl's listing pass (tabs, line and page breaks in text), only on paragraphs that need it.

        On a paragraph without any of those characters docxtpl's pass changes nothing,
        and it is most of the time a render takes.
        """
        resolve = super().resolve_listing
        return _PARAGRAPH.sub(lambda m: resolve(m[0]) if _LISTING_CHARS.search(m[0]) else m[0], xml)


# What a render never changes: docxtpl renders the body, headers, footers, footnotes and core
# properties, and adds pictures to the part it renders; these parts it only writes out.
_UNCHANGING = frozenset(
    {RT.STYLES, RT.NUMBERING, RT.SETTINGS, RT.FONT_TABLE, RT.THEME, RT.WEB_SETTINGS, RT.EXTENDED_PROPERTIES}
)


def unchanging_parts(document) -> frozenset:
    """The document's parts a render leaves as they are, among those with no relationships of their own
    (a shared part's targets would be reached from the copies too)."""
    package = document.part.package
    rels = (*package.rels.values(), *document.part.rels.values())
    return frozenset(
        rel.target_part
        for rel in rels
        if not rel.is_external and rel.reltype in _UNCHANGING and not len(rel.target_part.rels)
    )


def _release(package, keep: frozenset = frozenset()) -> None:
    """Break the package ↔ part ↔ relationship cycles so the document is freed as soon as it is saved;
    the parts in `keep` (shared with the template's other copies) are left whole.

    Left to the cyclic collector, each document's XML trees wait for a full
    collection, which in a process holding the whole pipeline costs more than a render.
    """
    parts = list(package.iter_parts())
    for holder in (*parts, package):
        if holder not in keep:
            vars(holder).clear()
