"""PDF copies through LibreOffice: every sample filing, readable text, Simplified Chinese glyphs."""

import hashlib
import re
import shutil
import stat
import subprocess
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from PIL import Image, ImageChops

from generator.errors import FilingError, OfficeMissingError, PdfConversionError
from generator.filings.documents import title_of
from generator.rendering import pdf
from generator.rendering.render import shipped_template

_skip_without_office = pytest.mark.skipif(
    not pdf.soffice_available() or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) and poppler-utils are needed for PDF checks",
)


def needs_soffice(test):
    """Runs LibreOffice and poppler: marked `office` (deselect with -m "not office"), skipped without them."""
    return pytest.mark.office(_skip_without_office(test))


WINDOWS_FONTS = {"仿宋", "宋体", "黑体", "楷体"}
# What pdffonts may list. Noto CJK faces all show as "…CJKjp…": the five faces of a
# .ttc share one CFF table named NotoSerifCJKjp-Regular, whichever face was used,
# so names prove the family (serif, sans, kai), and test_simplified_glyph_shapes the face.
EXPECTED_FONTS = re.compile(r"^(NotoSerifCJK|NotoSansCJK|UKaiCN|UMingCN|Liberation|DejaVu)")


@pytest.fixture(scope="module")
def converted(prepared_samples, tmp_path_factory):
    """Every .docx of every sample case, written flat (case id prefixed) and converted in one call."""
    src, out = tmp_path_factory.mktemp("docx"), tmp_path_factory.mktemp("pdf")
    rows = []
    for name, prepared in prepared_samples.items():
        for entry in prepared.manifest["filings"]:
            docx = src / f"{prepared.case_id}_{entry['file']}"
            docx.write_bytes(prepared.files[entry["file"]])
            rows.append((name, entry["kind"], docx))
    pdfs = pdf.convert_to_pdf([docx for _, _, docx in rows], out)
    return [(name, kind, docx, made) for (name, kind, docx), made in zip(rows, pdfs)]


def pdf_text(path):
    """The PDF's text with all white space removed, so a wrapped line cannot hide a number."""
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text)


def pdf_font_names(path):
    """Font names as pdffonts lists them, without the subset prefix (ABCDEF+)."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [row.split()[0].split("+", 1)[-1] for row in out.splitlines()[2:] if row.strip()]


@needs_soffice
def test_every_sample_filing_converts_in_one_call(converted, prepared_samples):
    """One PDF per .docx, named like it, for all filings of all sample cases."""
    docx = sum(len(prepared.manifest["filings"]) for prepared in prepared_samples.values())
    assert len(converted) == docx == len({made for *_, made in converted})
    for _, _, docx, made in converted:
        assert made.name == docx.stem + ".pdf"
        assert made.read_bytes().startswith(b"%PDF")


@needs_soffice
def test_pdf_text_has_title_and_order_number(converted, prepared_samples):
    """Each PDF reads back with its title and the order number; the public post hides the number."""
    for name, kind, _, made in converted:
        analysis = prepared_samples[name].analysis
        text = pdf_text(made)
        assert title_of(kind, analysis) in text, f"title missing from {made.name}"
        order_id = analysis.case.order.id
        if kind == "blackcat_post":
            assert order_id not in text, f"{made.name} reveals the order number"
        else:
            assert order_id in text, f"order number missing from {made.name}"


@needs_soffice
def test_pdf_fonts_are_the_free_stand_ins(converted):
    """No font outside the chosen stand-ins; body in the serif, headings in sans and kai."""
    for _, kind, _, made in converted:
        names = pdf_font_names(made)
        assert all(EXPECTED_FONTS.match(n) for n in names), f"{made.name}: {names}"
        # Before the rewrite every CJK character came out in the Sans fallback.
        assert any(n.startswith("NotoSerifCJK") for n in names), f"{made.name}: {names}"
        if kind == "authorization":  # a one-page form: no 黑体 section headings, no 楷体 quotations
            continue
        assert any(n.startswith("NotoSansCJK") for n in names), f"{made.name}: {names}"  # 黑体 headings
        if kind != "blackcat_post":
            assert any(n.startswith("UKaiCN") for n in names), f"{made.name}: {names}"  # 楷体


@needs_soffice
def test_simplified_glyph_shapes(tmp_path):
    """仿宋 and 宋体 text is drawn exactly like Noto Serif CJK SC, and unlike the JP face."""
    probes = {"windows": ["仿宋", "宋体"], "sc": ["Noto Serif CJK SC"] * 2, "jp": ["Noto Serif CJK JP"] * 2}
    files = []
    for label, fonts in probes.items():
        doc = Document()
        for font in fonts:
            run = doc.add_paragraph().add_run("刃骨直角")  # characters whose SC and JP forms differ
            run.font.size = Pt(40)
            run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
        files.append(tmp_path / f"{label}.docx")
        doc.save(files[-1])
    images = {}
    for made in pdf.convert_to_pdf(files, tmp_path / "pdf"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "50", "-singlefile", str(made), str(made.with_suffix(""))], check=True
        )
        images[made.stem] = Image.open(made.with_suffix(".png")).convert("L")
    assert ImageChops.difference(images["windows"], images["sc"]).getbbox() is None
    assert ImageChops.difference(images["windows"], images["jp"]).getbbox() is not None


def test_rewritten_copy_names_no_windows_font(tmp_path):
    """Styles, body, footer and theme of the copy name only installed fonts; the original is untouched."""
    original = shipped_template("platform_refund_request.docx")
    before = hashlib.sha256(original.read_bytes()).hexdigest()
    copy = tmp_path / "copy.docx"
    pdf.rewrite_fonts(original, copy, {name: "Noto Serif CJK SC" for name in pdf.STAND_INS})
    with zipfile.ZipFile(copy) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/") and n.endswith(".xml"))
    for font in WINDOWS_FONTS:
        assert f'"{font}"' not in xml
    assert hashlib.sha256(original.read_bytes()).hexdigest() == before


def test_missing_libreoffice_is_explained(monkeypatch, tmp_path):
    """Without soffice the error says so in Chinese and gives the install command."""
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    assert not pdf.soffice_available()
    with pytest.raises(OfficeMissingError) as info:
        pdf.convert_to_pdf([shipped_template("blackcat_post.docx")], tmp_path)
    assert "未找到 LibreOffice" in str(info.value)
    assert "sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk" in str(info.value)
    assert isinstance(info.value, FilingError)


def fake_soffice(tmp_path, monkeypatch, script):
    """Put a stand-in `soffice` shell script first on PATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    exe = bin_dir / "soffice"
    exe.write_text("#!/bin/sh\n" + script + "\n")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")


def test_a_hung_libreoffice_is_stopped(tmp_path, monkeypatch):
    """A conversion past the timeout is killed and reported, not waited on forever."""
    fake_soffice(tmp_path, monkeypatch, "sleep 30")
    with pytest.raises(PdfConversionError, match="秒内未完成"):
        pdf.convert_to_pdf([shipped_template("blackcat_post.docx")], tmp_path / "out", timeout=1)


def test_a_missing_pdf_is_reported(tmp_path, monkeypatch):
    """LibreOffice exits 0 without writing a PDF (it does that for a damaged file): the file is named."""
    fake_soffice(tmp_path, monkeypatch, "exit 0")
    with pytest.raises(PdfConversionError, match="blackcat_post.docx"):
        pdf.convert_to_pdf([shipped_template("blackcat_post.docx")], tmp_path / "out")
    assert not list((tmp_path / "out").glob("*.pdf"))


def test_equal_file_names_are_refused(tmp_path):
    """Two inputs with one name would overwrite each other's PDF."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with pytest.raises(ValueError, match="share the name"):
        pdf.convert_to_pdf([tmp_path / "a" / "x.docx", tmp_path / "b" / "x.docx"], tmp_path)


@pytest.mark.parametrize(
    "kind", ["case_summary", "platform_refund_request", "payment_dispute", "complaint_12315", "blackcat_post"]
)
def test_templates_name_chinese_fonts_on_every_style(kind):
    """docDefaults and every style carry zh-CN and no theme font; paragraph styles name an East Asian font.

    The PDF rewrite (and Word and WPS) can only swap fonts the styles name; a theme font
    would resolve through the theme's language instead.
    """
    with zipfile.ZipFile(shipped_template(f"{kind}.docx")) as z:
        styles = z.read("word/styles.xml").decode("utf-8")
        settings = z.read("word/settings.xml").decode("utf-8")
    assert not re.search(r"w:(ascii|hAnsi|eastAsia)Theme=|w:cstheme=", styles)
    assert settings.count("<w:themeFontLang") == 1 and 'w:eastAsia="zh-CN"' in settings
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S).group(0)
    assert 'w:eastAsia="仿宋"' in defaults and 'w:eastAsia="zh-CN"' in defaults
    for style in re.findall(r'<w:style w:type="(?:paragraph|character|table)".*?</w:style>', styles, re.S):
        assert 'w:eastAsia="zh-CN"' in style, style[:120]
        if 'w:type="paragraph"' in style:
            assert re.search(r'w:eastAsia="(仿宋|宋体|黑体|楷体)"', style), style[:120]
    title = re.search(r'<w:style [^>]*w:styleId="Title".*?</w:style>', styles, re.S).group(0)
    assert "w:color" not in title and "w:pBdr" not in title and 'w:eastAsia="宋体"' in title


def test_a_file_that_is_not_a_docx_is_named(tmp_path):
    """A damaged or mislabelled .docx gives a message naming it, not a zipfile traceback."""
    bad = tmp_path / "报告.docx"
    bad.write_text("not a zip", encoding="utf-8")
    with pytest.raises(PdfConversionError, match="报告.docx 不是有效的 Word 文件"):
        pdf.rewrite_fonts(bad, tmp_path / "copy.docx", {})
