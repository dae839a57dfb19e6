"""Stage 4 — render: lay each filing's context out with its Word and text templates.

Templates are rendered by docxtpl in a sandboxed Jinja environment with
autoescape on and strict undefined variables, so user text is always data and a
template typo is an error, not an empty blank. Every user string is cleaned of
what XML cannot hold before it reaches docxtpl: one such character otherwise
makes docxtpl drop later escapes and corrupt the file.

Speed. docxtpl's `DocxTemplate(path).render(); save()` re-reads the zip,
re-parses every XML part (the 350 KB styles.xml alone costs more than the
render), re-patches the XML, re-compiles the Jinja source and re-compresses
every part, for every document. Here all of that is done once per process per
template file (keyed by its path, mtime, size and inode): the rendering itself
is still docxtpl's, on a fresh python-docx document built from the cached parts,
so the parts it writes are the ones plain docxtpl writes. Once saved, a document's
reference cycles are broken, so a batch's memory stays flat without waiting for
the garbage collector.
"""
from __future__ import annotations

import functools
import io
import os
import re
import struct
import sys
import time
import zlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.package import Unmarshaller
from docx.opc.part import Part, PartFactory, XmlPart
from docx.opc.pkgreader import PackageReader
from docx.opc.pkgwriter import PackageWriter
from docx.package import Package
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
import jinja2
from jinja2 import FileSystemBytecodeCache, StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from PIL import Image, ImageOps

from .cache import cache_dir, entry_key, open_entry
from .errors import TemplateProblemError
from .evidence import embedded_image

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
    tpl = _WarmTemplate(_docx_template(path))
    data = clean(context)
    if "images" in data:
        data["images"] = [dict(img, picture=_picture(tpl, img)) for img in data["images"]]
    try:
        tpl.render(data, jinja_env=tpl.cached.env, autoescape=True)
    except TemplateError as exc:
        raise TemplateProblemError(describe_template_error(path, exc)) from None
    return tpl.to_bytes()


def render_text(path: Path, context: dict) -> str:
    """Render one paste-ready text template (plain text, no escaping)."""
    try:
        text = _text_template(path).render(clean(context))
    except TemplateError as exc:
        raise TemplateProblemError(describe_template_error(path, exc)) from None
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def describe_template_error(path: Path, exc: TemplateError) -> str:
    """A lawyer-readable account of a broken template: which file, which text, what to do."""
    around = " ".join(line.strip() for line in getattr(exc, "docx_context", []) if line.strip())
    where = f"\n  出错位置附近的文字：{around[:200]}" if around else ""
    hint = "请检查 {{ }} 与 {% %} 是否成对、变量名是否拼写正确、标签内是否误用了中文引号“ ”。"
    return f"模板 {path.name} 无法使用：{exc.message or exc}{where}\n  {hint}"


def warm(templates: TemplateSet, kinds) -> None:
    """Read and compile each kind's templates now (a batch worker does this once, before its cases)."""
    for kind in kinds:
        try:
            _text_template(templates.text(kind))
            _docx_template(templates.docx(kind)).compile()
        except Exception:  # noqa: BLE001 — a broken template is reported by each case that uses it
            pass


def _picture(tpl: DocxTemplate, img: dict) -> InlineImage:
    """A screenshot scaled to the page width and a page's height, never enlarged."""
    path = img["path"]
    width_mm, as_is = _picture_size(path, _stamp(path))
    # Word cannot show WebP/HEIC; photos are stored upright; bytes appended after a picture stay out.
    source = embedded_image(path) if as_is else _upright_png(path)
    return InlineImage(tpl, source, width=Mm(width_mm))


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
        template = compiled(_shared_env(autoescape=False), Path(path).read_text(encoding="utf-8"))
        hit = _text_cache[key] = (stamp, template)
    return hit[1]


@functools.cache
def _shared_env(autoescape: bool) -> SandboxedEnvironment:
    """One environment per process: compiled templates keep a reference to it."""
    return jinja_env(autoescape)


def compiled(env: SandboxedEnvironment, source: str):
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


def _code_key(env: SandboxedEnvironment, source: str) -> str:
    """What the generated code depends on: the source, the environment's syntax and settings,
    and the versions of Jinja, make-filings and the Python that will run the code."""
    syntax = (env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
              env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix)
    settings = (type(env).__name__, env.autoescape, env.keep_trailing_newline, env.trim_blocks, env.lstrip_blocks,
                env.newline_sequence, env.optimized, env.is_async, env.finalize is None, sorted(env.extensions),
                sorted(env.filters), sorted(env.tests))
    return entry_key(source, "template", repr(syntax), repr(settings), jinja2.__version__,
                     sys.implementation.cache_tag)


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


class _CompileOnce:
    """Stands in for the Jinja environment docxtpl is given: each distinct source is compiled once.

    docxtpl calls `from_string` for the body, each header and footer, each core
    property and the footnotes on every render; the sources are the same each time.
    A source that fails to compile is not kept, so it fails (with docxtpl's
    `docx_context`) on every render.
    """

    def __init__(self, env: SandboxedEnvironment):
        self._env = env
        self._templates: dict[str, object] = {}
        self.autoescape = env.autoescape  # docxtpl sets it; the real environment already has it

    def from_string(self, source: str):
        template = self._templates.get(source)
        if template is None:
            template = self._templates[source] = compiled(self._env, source)
        return template


# Parts docxtpl renders or replaces; every other part is written exactly as loaded.
_RENDERED_RELS = {RT.OFFICE_DOCUMENT, RT.HEADER, RT.FOOTER, RT.CORE_PROPERTIES}
_RENDERED_TYPES = {CT.WML_FOOTNOTES}


class _CachedDocx:
    """A Word template read once: its parts, their serialised and compressed forms, its compiled Jinja."""

    def __init__(self, path: Path, stamp: tuple):
        self.stamp = stamp
        self.blob = path.read_bytes()
        self.reader = PackageReader.from_file(io.BytesIO(self.blob))
        self.env = _CompileOnce(_shared_env(autoescape=True))
        self._patched: dict[str, str] = {}
        # partname → the frozen form of a part rendering never touches
        self.fixed = {name: _frozen_part(ct, reltype, blob) for name, ct, reltype, blob in self.reader.iter_sparts()
                      if reltype not in _RENDERED_RELS and ct not in _RENDERED_TYPES}
        self.entries = {name.membername: part.entry for name, part in self.fixed.items()}

    def new_document(self):
        """A fresh python-docx document: rendered parts parsed, the others as their cached bytes."""
        package = Package()
        Unmarshaller.unmarshal(self.reader, package, self._part)
        document_part = package.main_document_part
        if document_part.content_type != CT.WML_DOCUMENT_MAIN:
            raise ValueError(f"file is not a Word file, content type is '{document_part.content_type}'")
        return document_part.document

    def _part(self, partname, content_type, reltype, blob, package):
        fixed = self.fixed.get(partname)
        if fixed is None:
            return PartFactory(partname, content_type, reltype, blob, package)
        if fixed.is_xml:  # python-docx would parse it only to serialise it again on save
            return Part(partname, content_type, fixed.blob, package)
        return PartFactory(partname, content_type, reltype, fixed.blob, package)  # the bytes the zip entry holds

    def patched(self, xml: str, patch) -> str:
        """docxtpl's XML patch of a source, done once per distinct source."""
        out = self._patched.get(xml)
        if out is None:
            out = self._patched[xml] = patch(xml)
        return out

    def compile(self) -> None:
        """Compile the body, header and footer sources now, as docxtpl will ask for them."""
        tpl = _WarmTemplate(self)
        tpl.init_docx()
        sources = [tpl.get_xml()]
        for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
            sources += [tpl.get_part_xml(part) for _, part in tpl.get_headers_footers(uri)]
        for xml in sources:  # the same steps as docxtpl's build_xml and render_xml_part
            self.env.from_string(re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(xml)))


@dataclass(frozen=True)
class _Frozen:
    """A part as python-docx would write it, and its zip entry, computed once."""

    is_xml: bool
    blob: bytes
    entry: tuple  # (blob, crc, deflated)


@functools.lru_cache(maxsize=256)
def _frozen_part(content_type: str, reltype: str, blob: bytes) -> _Frozen:
    """Keyed by content: the five shipped templates share one styles.xml, parsed once."""
    part = PartFactory(None, content_type, reltype, blob, None)
    out = part.blob
    return _Frozen(isinstance(part, XmlPart), out, (out, *_deflate(out)))


_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)  # docxtpl's own paragraph pattern
_LISTING_CHARS = re.compile("[\t\a\n\f]")


class _WarmTemplate(DocxTemplate):
    """docxtpl's renderer working from a `_CachedDocx` instead of re-reading the file."""

    def __init__(self, cached: _CachedDocx):
        super().__init__(io.BytesIO(cached.blob))
        self.cached = cached

    def init_docx(self, reload: bool = True):
        if not self.docx or (self.is_rendered and reload):
            self.docx = self.cached.new_document()
            self.is_rendered = False

    def patch_xml(self, src_xml):
        return self.cached.patched(src_xml, super().patch_xml)

    def resolve_listing(self, xml):
        """docxtpl's listing pass (tabs, line and page breaks in text), only on paragraphs that need it.

        On a paragraph without any of those characters docxtpl's pass changes nothing,
        and it is most of the time a render takes.
        """
        resolve = super().resolve_listing
        return _PARAGRAPH.sub(lambda m: resolve(m[0]) if _LISTING_CHARS.search(m[0]) else m[0], xml)

    def to_bytes(self) -> bytes:
        """The .docx python-docx's `save` writes, with the unchanged parts' compression reused."""
        self.pre_processing()
        package = self.docx.part.package
        parts = package.parts
        for part in parts:
            part.before_marshal()
        writer = _ZipWriter(self.cached.entries, body=self.docx.part.partname.membername)
        PackageWriter._write_content_types_stream(writer, parts)
        PackageWriter._write_pkg_rels(writer, package.rels)
        PackageWriter._write_parts(writer, parts)
        self.is_saved = True
        _release(package)
        return writer.getvalue()


def _release(package) -> None:
    """Break the package ↔ part ↔ relationship cycles so the document is freed as soon as it is saved.

    Left to the cyclic collector, each document's XML trees wait for a full
    collection, which in a process holding the whole pipeline costs more than a render.
    """
    parts = package.parts
    for holder in (*parts, package):
        vars(holder).clear()


# ------------------------------------------------------------------------- the zip file

_LOCAL = struct.Struct("<4s2B4HL2L2H")  # the layouts of zipfile.structFileHeader …
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # … structCentralDir …
_END = struct.Struct("<4s4H2LH")  # … and structEndArchive
_DEFLATED, _VERSION, _UNIX = 8, 20, 3


def _deflate(data: bytes) -> tuple[int, bytes]:
    """CRC and raw deflate stream, as zipfile's ZIP_DEFLATED writes them."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return zlib.crc32(data), compressor.compress(data) + compressor.flush()


@functools.lru_cache(maxsize=64)
def _deflate_again(blob: bytes) -> tuple[int, bytes]:
    """For parts that come back: a template's footer, relationships, core properties; a case's screenshots."""
    return _deflate(blob)


class _ZipWriter:
    """python-docx's PhysPkgWriter interface over a zip built in memory.

    zipfile cannot take data already compressed; this writes the same entries
    (deflate, 0o600, no extras) and reuses the cached ones for unchanged parts.
    """

    def __init__(self, cached: dict, body: str):
        self._cached = cached
        self._body = body  # the rendered text: never the same twice
        self._out = io.BytesIO()
        self._central: list[bytes] = []
        t = time.localtime()
        self._time = t.tm_hour << 11 | t.tm_min << 5 | t.tm_sec // 2
        self._date = (t.tm_year - 1980) << 9 | t.tm_mon << 5 | t.tm_mday

    def write(self, pack_uri, blob: bytes) -> None:
        name = pack_uri.membername
        entry = self._cached.get(name)
        if entry is not None and entry[0] is blob:
            crc, data = entry[1:]
        else:
            crc, data = (_deflate if name == self._body else _deflate_again)(blob)
        raw = name.encode("utf-8")
        flags = 0 if raw.isascii() else 0x800
        offset = self._out.tell()
        common = (flags, _DEFLATED, self._time, self._date, crc, len(data), len(blob), len(raw))
        self._out.write(_LOCAL.pack(b"PK\x03\x04", _VERSION, 0, *common, 0) + raw + data)
        self._central.append(_CENTRAL.pack(b"PK\x01\x02", _VERSION, _UNIX, _VERSION, 0, *common, 0, 0, 0, 0,
                                           0o600 << 16, offset) + raw)

    def getvalue(self) -> bytes:
        start = self._out.tell()
        directory = b"".join(self._central)
        count = len(self._central)
        self._out.write(directory + _END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), start, 0))
        return self._out.getvalue()
