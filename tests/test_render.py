"""The cached renderer writes what plain docxtpl writes, notices edited templates, and fails the same way."""

from __future__ import annotations

import datetime
import gc
import io
import os
import shutil
import weakref
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from PIL import Image, ImageOps

from generator.errors import TemplateProblemError
from generator.filings.documents import ANNEX, KINDS, build_contexts, legal_basis_context
from generator.filings.summary import summary_context
from generator.pipeline import Options, prepare
from generator.rendering import render
from generator.rendering.render import TemplateSet, clean, plain, render_docx, render_text, template_context
from tests.conftest import SAMPLES

ALL_KINDS = ("case_summary", *KINDS, ANNEX)
TEMPLATES = TemplateSet()
# a sample that gets every one of the first filings (the group seller who removed the buyer does not)
FULL_SAMPLE = "txvip-rights-mismatch.yaml"


@pytest.fixture(scope="module")
def contexts(tmp_path_factory):
    """Each sample's filing contexts — the four filings, the summary and the law annex — built as `prepare` builds
    them."""
    out = tmp_path_factory.mktemp("out")
    by_sample = {}
    for path in SAMPLES:
        prepared = prepare(path, Options(out=out))
        ctx = build_contexts(prepared.analysis, list(KINDS))
        annex = legal_basis_context(prepared.analysis, ctx)
        ctx["case_summary"] = summary_context(prepared.analysis, prepared.manifest["filings"][1:], dict(ctx), annex)
        ctx[ANNEX] = annex
        by_sample[path.name] = ctx
    return by_sample


def plain_env() -> SandboxedEnvironment:
    """Jinja's own sandbox with the settings render.py used before its sandbox and plain contexts."""
    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)


def plain_docxtpl(path: Path, context: dict) -> bytes:
    """The reference: `DocxTemplate(path).render(); save()` with InlineImage objects in the context,
    pictures sized as render.py always sized them."""
    tpl = DocxTemplate(str(path))
    data = clean(context)
    if "images" in data:
        data["images"] = [dict(img, picture=reference_picture(tpl, img)) for img in data["images"]]
    tpl.render(data, jinja_env=plain_env(), autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def reference_picture(tpl, img: dict) -> InlineImage:
    """render.py's picture sizing before the cache: always decode, always exif_transpose."""
    with Image.open(img["path"]) as original:
        im = ImageOps.exif_transpose(original)
        width_mm = im.width * 25.4 / render.SCREEN_DPI
        height_mm = im.height * 25.4 / render.SCREEN_DPI
        scale = min(1.0, render.PAGE_TEXT_WIDTH_MM / width_mm, render.IMAGE_MAX_HEIGHT_MM / height_mm)
        upright = original.getexif().get(0x0112, 1) == 1
        if original.format in ("PNG", "JPEG") and upright:
            source = img["path"]
        else:
            source = io.BytesIO()
            im.convert("RGBA" if "A" in im.getbands() else "RGB").save(source, format="PNG")
            source.seek(0)
    return InlineImage(tpl, source, width=Mm(round(width_mm * scale, 1)))


def parts(docx: bytes) -> list[tuple[str, bytes]]:
    """Every zip entry's name and content, in order (timestamps and compression left out), but the
    file's properties: render_docx writes the filing's own (test_properties_are_the_filings)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        assert z.testzip() is None
        return [(name, z.read(name)) for name in z.namelist() if name != "docProps/core.xml"]


def canonical(docx: bytes) -> tuple[bytes, dict]:
    """word/document.xml after C14N (lxml), and every media file's bytes by name."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        body = etree.tostring(etree.fromstring(z.read("word/document.xml")), method="c14n")
        return body, {n: z.read(n) for n in z.namelist() if n.startswith("word/media/")}


@pytest.mark.parametrize("kind", ALL_KINDS)
@pytest.mark.parametrize("sample", [p.name for p in SAMPLES])
def test_the_fast_renderer_equals_plain_docxtpl(contexts, sample, kind, monkeypatch):
    """MAKE_FILINGS_RENDERER=docxtpl switches to plain docxtpl; both write the same body and media."""
    if kind not in contexts[sample]:
        pytest.skip("this sample gives no plaintiff's sex or birth date: no 起诉状 is drafted")
    path = TEMPLATES.docx(kind)
    fast = render_docx(path, contexts[sample][kind])
    monkeypatch.setenv(render.RENDERER_ENV, "docxtpl")
    slow = render_docx(path, contexts[sample][kind])
    assert canonical(fast) == canonical(slow)
    assert document_text(fast) == document_text(slow)
    if kind == "complaint_12315":
        assert canonical(fast)[1], "the screenshots are compared too"


def test_properties_are_the_filings(contexts, monkeypatch):
    """Title, created and modified at generation (pinned by SOURCE_DATE_EPOCH), no python-docx, no 2013."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 2027-01-01T00:00:00Z
    for renderer in ("fast", "docxtpl"):
        monkeypatch.setenv(render.RENDERER_ENV, renderer)
        data = render_docx(
            TEMPLATES.docx("complaint_12315"), contexts[FULL_SAMPLE]["complaint_12315"], title="12315投诉书"
        )
        props = Document(io.BytesIO(data)).core_properties
        assert props.title == "12315投诉书"
        assert props.created == props.modified == datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC)
        assert props.author == "make-filings" and props.comments == ""
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            core = z.read("docProps/core.xml").decode()
        assert "python-docx" not in core and "2013-12-23" not in core


def test_written_filings_carry_their_titles(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")
    prepared = prepare(SAMPLES[0], Options(out=tmp_path))
    for entry in prepared.manifest["filings"]:
        props = Document(io.BytesIO(prepared.files[entry["file"]])).core_properties
        assert props.title == entry["title"] and props.created == datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC)


def document_text(docx: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)


@pytest.mark.parametrize("kind", ALL_KINDS)
@pytest.mark.parametrize("sample", [p.name for p in SAMPLES])
def test_cached_render_writes_the_parts_plain_docxtpl_writes(contexts, sample, kind):
    """Same entries, same order, same bytes in every part — on a cold and on a warm cache."""
    if kind not in contexts[sample]:
        pytest.skip("this sample gives no plaintiff's sex or birth date: no 起诉状 is drafted")
    path = TEMPLATES.docx(kind)
    expected = parts(plain_docxtpl(path, contexts[sample][kind]))
    assert parts(render_docx(path, contexts[sample][kind])) == expected
    assert parts(render_docx(path, contexts[sample][kind])) == expected


def test_edited_word_template_is_read_again(tmp_path, contexts):
    """A template changed on disk between two renders in one process is used at once."""
    path = tmp_path / "complaint_12315.docx"
    shutil.copy(TEMPLATES.docx("complaint_12315"), path)
    context = contexts[FULL_SAMPLE]["complaint_12315"]
    assert "律师修改的一段话" not in document_text(render_docx(path, context))
    doc = Document(str(path))
    doc.add_paragraph("律师修改的一段话：{{ title }}")
    doc.save(str(path))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 2_000_000_000))
    rendered = render_docx(path, context)
    assert f"律师修改的一段话：{context['title']}" in document_text(rendered)
    assert parts(rendered) == parts(plain_docxtpl(path, context))


def test_edited_text_template_is_read_again(tmp_path, contexts):
    path = tmp_path / "blackcat_post.txt"
    path.write_text("旧：{{ title }}\n", encoding="utf-8")
    context = contexts[FULL_SAMPLE]["blackcat_post"]
    assert render_text(path, context) == f"旧：{context['title']}\n"
    path.write_text("新的模板：{{ title }}\n", encoding="utf-8")
    assert render_text(path, context) == f"新的模板：{context['title']}\n"


def test_screenshots_are_embedded_byte_for_byte(contexts):
    """Each evidence picture becomes a media part holding the file itself, shown once per picture."""
    context = contexts["txvip-rights-mismatch.yaml"]["complaint_12315"]
    assert context["images"], "the sample should have screenshots"
    docx = render_docx(TEMPLATES.docx("complaint_12315"), context)
    media = {name: data for name, data in parts(docx) if name.startswith("word/media/")}
    originals = {Path(img["path"]).read_bytes() for img in context["images"]}
    assert set(media.values()) == originals
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        assert z.read("word/document.xml").count(b"<pic:pic>") == len(context["images"])


PLAIN_TYPES = (str, int, bool, type(None))


def walk(value, where=()):
    """Every (path, value) inside a context, containers included."""
    yield where, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, (*where, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from walk(item, (*where, i))


@pytest.mark.parametrize("kind", ALL_KINDS)
@pytest.mark.parametrize("sample", [p.name for p in SAMPLES])
def test_a_template_sees_only_plain_data(contexts, sample, kind):
    """What reaches a template — Word and text — is strings, numbers, booleans, None, lists and str-keyed
    dicts; nothing with methods a template could call, and no file path."""
    if kind not in contexts[sample]:
        pytest.skip("a filing this sample's facts do not call for is not drafted")
    pictures = render._Pictures()
    for seen in (template_context(contexts[sample][kind], pictures), template_context(contexts[sample][kind])):
        for where, value in walk(seen):
            assert type(value) in (*PLAIN_TYPES, list, dict), f"{where} is a {type(value).__name__}"
            if isinstance(value, dict):
                assert all(type(key) is str for key in value), where
            if isinstance(value, str):
                assert "evidence/" not in value and not value.startswith("/"), f"{where} holds a path: {value}"
    if contexts[sample][kind].get("images"):
        assert all(
            img["picture"].startswith("@@picture-")
            for img in template_context(contexts[sample][kind], pictures)["images"]
        )


def test_an_object_in_a_context_is_a_bug_not_a_template_input():
    """A context value that is not plain data never reaches a template: it is refused by name."""
    from datetime import date
    from decimal import Decimal

    for value in (date(2026, 12, 1), Decimal("1.00"), 1.5, object(), {1: "a"}, InlineImage(None, "x.png")):
        with pytest.raises(TypeError, match=r"context value facts\[0\] is a"):
            plain([value], ("facts",))


def test_a_picture_marker_cannot_be_forged_by_user_text(contexts):
    """A user who types a marker-shaped string gets it printed as written, not someone's picture."""
    context = dict(contexts["txvip-rights-mismatch.yaml"]["complaint_12315"])
    forged = "@@picture-0123456789abcdef-0@@"
    context["facts"] = [forged, *context["facts"]]
    docx = render_docx(TEMPLATES.docx("complaint_12315"), context)
    assert forged in document_text(docx)
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        assert z.read("word/document.xml").count(b"<pic:pic>") == len(context["images"])


@pytest.mark.parametrize(
    "name, orientation, fmt",
    [
        ("rotated.png", 6, "PNG"),  # EXIF says "turn 90°": stored upright, re-encoded
        ("upright.jpg", 1, "JPEG"),  # embedded as is
        ("rotated.jpg", 8, "JPEG"),
        ("page.webp", 1, "WEBP"),  # Word cannot show WebP: converted to PNG
    ],
)
def test_pictures_are_sized_and_turned_as_before(tmp_path, contexts, name, orientation, fmt):
    """The fast picture path agrees with decoding every image, whatever its orientation or format."""
    path = tmp_path / name
    exif = Image.Exif()
    exif[0x0112] = orientation
    Image.new("RGB", (1200, 500), "white").save(path, format=fmt, exif=exif.tobytes())
    context = dict(contexts["txvip-rights-mismatch.yaml"]["platform_refund_request"])
    context["images"] = [dict(context["images"][0], path=str(path))]
    template = TEMPLATES.docx("platform_refund_request")
    assert parts(render_docx(template, context)) == parts(plain_docxtpl(template, context))


def broken_copy(tmp_path: Path, tag: str) -> Path:
    """A shipped template with one more paragraph holding `tag` at the top of the body."""
    source = TEMPLATES.docx("platform_refund_request")
    path = tmp_path / "platform_refund_request.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                paragraph = f"<w:p><w:r><w:t>这里有一个坏标签 {tag}</w:t></w:r></w:p>"
                data = data.replace(b"<w:body>", b"<w:body>" + paragraph.encode("utf-8"), 1)
            zout.writestr(item, data)
    return path


@pytest.mark.parametrize(
    "tag, problem",
    [
        ("{{ no_such_name }}", "模板使用了不存在的变量：no_such_name"),  # fails while rendering
        ("{{ title + }}", "unexpected 'end of print statement'"),  # fails while compiling: must not be kept as compiled
    ],
)
def test_template_errors_name_the_template_and_the_text_around(tmp_path, contexts, tag, problem):
    """A lawyer-readable message: file name, part, the reason, and the text around the tag (a runtime
    error too: plain Jinja gives it no line, the sandbox does)."""
    path = broken_copy(tmp_path, tag)
    context = contexts[FULL_SAMPLE]["platform_refund_request"]
    for _ in range(2):  # the second render fails the same way
        with pytest.raises(TemplateProblemError) as caught:
            render_docx(path, context)
        message = caught.value.message
        assert message.startswith(f"模板 platform_refund_request.docx（正文）无法使用：{problem}\n")
        assert f"出错位置附近的文字：这里有一个坏标签 {tag}" in message


def test_a_syntax_error_shows_the_text_around_it(tmp_path, contexts):
    path = broken_copy(tmp_path, "{{ title + }}")
    with pytest.raises(TemplateProblemError) as caught:
        render_docx(path, contexts[FULL_SAMPLE]["platform_refund_request"])
    assert "出错位置附近的文字：" in caught.value.message and "这里有一个坏标签" in caught.value.message


def test_documents_are_freed_without_waiting_for_the_collector(contexts, monkeypatch):
    """docxtpl leaves each package in reference cycles; render.py breaks them, so nothing piles up."""
    packages = []
    release = render._release

    def spy(package, keep=frozenset()):
        packages.append(weakref.ref(package))
        release(package, keep)

    monkeypatch.setattr(render, "_release", spy)
    context = contexts["txvip-rights-mismatch.yaml"]["complaint_12315"]  # pictures too
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            render_docx(TEMPLATES.docx("complaint_12315"), context)
        assert len(packages) == 3 and all(ref() is None for ref in packages)
    finally:
        gc.enable()


def test_the_parts_no_render_changes_are_shared_and_stay_as_the_template_has_them(contexts):
    """Styles, theme, numbering, settings … are shared by every copy of a template, not copied, and a render
    (pictures included) leaves them, and what they serialise to, as they were."""
    path = TEMPLATES.docx("complaint_12315")
    cached = render._docx_template(path)
    first = cached.document_copy()
    shared = cached.shared
    names = {str(part.partname) for part in shared}
    assert {"/word/styles.xml", "/word/theme/theme1.xml", "/word/numbering.xml", "/word/settings.xml"} <= names
    assert "/word/document.xml" not in names and "/docProps/core.xml" not in names
    before = {part: part.blob for part in shared}
    assert before == cached.blobs
    render_docx(path, contexts["txvip-rights-mismatch.yaml"]["complaint_12315"])
    second = cached.document_copy()
    for document in (first, second):
        assert shared <= set(document.part.package.iter_parts())
    assert {part: part.blob for part in shared} == before
    assert first.part is not second.part


def test_properties_without_a_tag_are_rendered_once_and_with_one_on_every_render(tmp_path, contexts):
    """The shipped templates' properties hold no tag: rendered once into the opened template. A template
    whose subject holds a tag has it rendered for each filing."""
    shipped = render._docx_template(TEMPLATES.docx("complaint_12315"))
    shipped.document_copy()
    assert shipped.properties_rendered
    doc = Document(str(TEMPLATES.docx("complaint_12315")))
    doc.core_properties.subject = "{{ title }}（副本）"
    path = tmp_path / "complaint_12315.docx"
    doc.save(str(path))
    context = contexts[FULL_SAMPLE]["complaint_12315"]
    data = render_docx(path, context)
    assert not render._docx_template(path).properties_rendered
    assert Document(io.BytesIO(data)).core_properties.subject == f"{context['title']}（副本）"
