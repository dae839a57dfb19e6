"""Build the Word templates in templates/ (run: python scripts/build_templates.py).

The .docx files are what lawyers edit; this script only makes the first version
of each with the layout of a Chinese formal letter (GB/T 9704 style): A4,
margins 37/35/28/26 mm, 仿宋 3号 body on a fixed 28 pt line, 宋体 2号 bold title,
黑体 and 楷体 headings, East Asian fonts and zh-CN set on the styles themselves,
page numbers "— 1 —" in the footer. Jinja tags are docxtpl's: `{%p %}` for
paragraph loops, `{%tr %}` for table rows.
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

OUT = Path(__file__).resolve().parents[1] / "templates"

BODY_FONT, TITLE_FONT, H1_FONT, H2_FONT, LATIN_FONT = "仿宋", "宋体", "黑体", "楷体", "Times New Roman"
BODY_PT, TITLE_PT, SMALL_PT, TABLE_PT = 16, 22, 14, 10.5
LINE_TWIPS = 560  # 28 pt fixed line spacing


# --- styles ----------------------------------------------------------------------

def _set_fonts(rpr, east_asia: str, latin: str = LATIN_FONT):
    """Set all four font slots and drop theme fonts, which would override them."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if "Theme" in attr or "theme" in attr:
            del fonts.attrib[attr]
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:hint"), "eastAsia")
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _style(doc, name, *, font, size, bold=False, align=None, indent_chars=0, space_before=0,
           space_after=0, line=LINE_TWIPS, keep_next=False, base="Normal"):
    styles = doc.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, 1)
        style.base_style = styles[base]
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.name = LATIN_FONT
    _set_fonts(style.element.get_or_add_rPr(), font)
    pf = style.paragraph_format
    if align is not None:
        pf.alignment = align
    pf.space_before = Pt(space_before)
    pf.space_after = Pt(space_after)
    pf.keep_with_next = keep_next
    ppr = style.element.get_or_add_pPr()
    spacing = ppr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        ppr.append(spacing)
    spacing.set(qn("w:line"), str(line))
    spacing.set(qn("w:lineRule"), "exact" if line else "auto")
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = OxmlElement("w:ind")
        ppr.append(ind)
    ind.set(qn("w:firstLineChars"), str(indent_chars * 100))
    ind.set(qn("w:firstLine"), str(int(indent_chars * size * 20)))
    return style


def _doc_defaults(doc):
    """East Asian font and zh-CN on docDefaults, so every style inherits them."""
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr_default, BODY_FONT)
    settings = doc.settings.element
    lang = OxmlElement("w:themeFontLang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    settings.append(lang)


def new_document() -> Document:
    doc = Document()
    _doc_defaults(doc)
    _style(doc, "Normal", font=BODY_FONT, size=BODY_PT, indent_chars=2, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _style(doc, "Title", font=TITLE_FONT, size=TITLE_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
           space_before=0, space_after=BODY_PT, line=0, keep_next=True)
    _style(doc, "Heading 1", font=H1_FONT, size=BODY_PT, indent_chars=2, keep_next=True)
    _style(doc, "Heading 2", font=H2_FONT, size=BODY_PT, indent_chars=2, keep_next=True)
    _style(doc, "正文无缩进", font=BODY_FONT, size=BODY_PT, indent_chars=0)
    _style(doc, "落款", font=BODY_FONT, size=BODY_PT, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _style(doc, "条文", font=BODY_FONT, size=SMALL_PT, indent_chars=2, line=480)
    _style(doc, "条文标题", font=H2_FONT, size=SMALL_PT, indent_chars=0, line=480, keep_next=True)
    _style(doc, "表格文字", font=BODY_FONT, size=TABLE_PT, indent_chars=0, line=0)
    _style(doc, "哈希", font=BODY_FONT, size=7, indent_chars=0, line=0)
    _style(doc, "图片", font=BODY_FONT, size=BODY_PT, indent_chars=0, align=WD_ALIGN_PARAGRAPH.CENTER,
           line=0, keep_next=True)
    _style(doc, "图注", font=H2_FONT, size=SMALL_PT, indent_chars=0, align=WD_ALIGN_PARAGRAPH.CENTER, line=0,
           space_after=12)
    _style(doc, "提示", font=H2_FONT, size=SMALL_PT, indent_chars=0, line=0, space_before=6)
    for style_name in ("落款",):
        ppr = doc.styles[style_name].element.get_or_add_pPr()
        ppr.find(qn("w:ind")).set(qn("w:rightChars"), "400")
        ppr.find(qn("w:ind")).set(qn("w:right"), str(4 * BODY_PT * 20))
    _hash_font(doc)
    _page_setup(doc)
    return doc


def _hash_font(doc):
    rpr = doc.styles["哈希"].element.get_or_add_rPr()
    _set_fonts(rpr, BODY_FONT, latin="Courier New")


def _page_setup(doc):
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(25)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.paragraph_format.first_line_indent = 0
    _run(footer, "— ", size=SMALL_PT, font="宋体")
    _page_field(footer)
    _run(footer, " —", size=SMALL_PT, font="宋体")


def _run(paragraph, text, *, size=None, font=None, bold=None):
    run = paragraph.add_run(text)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    if font:
        _set_fonts(run._r.get_or_add_rPr(), font, latin=font)
    return run


def _page_field(paragraph):
    run = _run(paragraph, "", size=SMALL_PT, font="宋体")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        elif text.strip() == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
            run._r.append(el)
        else:
            el = OxmlElement("w:t")
            el.text = text
            run._r.append(el)


# --- content helpers ---------------------------------------------------------------

def p(doc, text="", style="Normal"):
    return doc.add_paragraph(text, style=style)


def loop(doc, header, body, style="Normal", footer=None):
    """A paragraph repeated for each item: `{%p for … %}` / body / `{%p endfor %}`."""
    p(doc, "{%p " + header + " %}", style)
    p(doc, body, style)
    p(doc, "{%p " + (footer or "endfor") + " %}", style)


def heading(doc, text, level=1):
    return p(doc, text, "Heading 1" if level == 1 else "Heading 2")


def parties(doc):
    loop(doc, "for line in parties", "{{ line }}")


def requests(doc, title="一、请求事项"):
    heading(doc, title)
    loop(doc, "for r in requests", "{{ loop.index }}．{{ r }}")


def facts_and_reasons(doc, number="二"):
    heading(doc, f"{number}、事实与理由")
    heading(doc, "（一）基本事实", 2)
    loop(doc, "for f in facts", "{{ f }}")
    p(doc, "{%p if reasons %}")
    heading(doc, "（二）理由与依据", 2)
    loop(doc, "for r in reasons", "{{ r }}")
    p(doc, "{%p endif %}")


def legal_basis(doc, number="三"):
    p(doc, "{%p if citations %}")
    heading(doc, f"{number}、法律依据")
    p(doc, "{%p for c in citations %}")
    p(doc, "{{ c.heading }}{{ c.meta }}", "条文标题")
    loop(doc, "for para in c.paragraphs", "{{ para }}", "条文")
    p(doc, "{%p endfor %}")
    p(doc, "{{ verify_note }}", "提示")
    p(doc, "{%p endif %}")


def _cell(cell, text, style="表格文字", bold=False):
    cell.paragraphs[0].style = cell.part.document.styles[style]
    cell.paragraphs[0].text = ""
    run = cell.paragraphs[0].add_run(text)
    if bold:
        run.font.bold = True
        _set_fonts(run._r.get_or_add_rPr(), H1_FONT)


def _repeat_header(row):
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def exhibits_table(doc, number="四"):
    p(doc, "{%p if exhibits %}")
    heading(doc, f"{number}、证据清单")
    widths = [Mm(16), Mm(46), Mm(36), Mm(22), Mm(36)]
    table = doc.add_table(rows=4, cols=5)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, title in enumerate(["编号", "证据名称与说明", "证明内容", "文件与日期", "SHA-256 校验值"]):
        _cell(table.rows[0].cells[i], title, bold=True)
    _repeat_header(table.rows[0])
    _cell(table.rows[1].cells[0], "{%tr for e in exhibits %}")
    cells = table.rows[2].cells
    _cell(cells[0], "{{ e.label }}")
    _cell(cells[1], "{{ e.description }}")
    _cell(cells[2], "{{ e.proves }}")
    _cell(cells[3], "{{ e.name }}\n{{ e.date }}")
    _cell(cells[4], "{{ e.sha256[:32] }}\n{{ e.sha256[32:] }}", style="哈希")
    _cell(table.rows[3].cells[0], "{%tr endfor %}")
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    p(doc, "{%p endif %}")


def signature(doc):
    p(doc, "")
    p(doc, "{{ signer_role }}：{{ signer }}", "落款")
    p(doc, "{{ date }}", "落款")


def image_appendix(doc):
    p(doc, "{%p if images %}")
    para = p(doc, "附：证据图片", "Heading 1")
    para.paragraph_format.page_break_before = True
    loop(doc, "for img in images", "{{ img.picture }}", "图片")
    # the caption needs its own loop paragraph pair so that it follows each picture
    doc.paragraphs[-2].text = "{{ img.picture }}"
    p(doc, "{%p endif %}")


def images_block(doc):
    """Heading, then for each image: the picture and its caption."""
    p(doc, "{%p if images %}")
    para = p(doc, "附：证据图片", "Heading 1")
    para.paragraph_format.page_break_before = True
    p(doc, "{%p for img in images %}", "图片")
    p(doc, "{{ img.picture }}", "图片")
    p(doc, "{{ img.caption }}", "图注")
    p(doc, "{%p endfor %}", "图片")
    p(doc, "{%p endif %}")


# --- the templates -------------------------------------------------------------------

def platform_refund_request():
    doc = new_document()
    p(doc, "{{ title }}", "Title")
    parties(doc)
    p(doc, "{{ salutation }}", "正文无缩进")
    p(doc, "{{ intro }}")
    requests(doc)
    facts_and_reasons(doc)
    legal_basis(doc)
    exhibits_table(doc)
    p(doc, "{%p if submit %}")
    p(doc, "提交方式：{{ submit }}", "提示")
    p(doc, "{%p endif %}")
    p(doc, "此致")
    p(doc, "敬礼！", "正文无缩进")
    signature(doc)
    images_block(doc)
    return doc


def payment_dispute():
    doc = new_document()
    p(doc, "{{ title }}", "Title")
    parties(doc)
    heading(doc, "争议交易信息", 2)
    loop(doc, "for line in transaction", "{{ line }}")
    p(doc, "{{ salutation }}", "正文无缩进")
    p(doc, "{{ intro }}")
    requests(doc)
    facts_and_reasons(doc)
    legal_basis(doc)
    exhibits_table(doc)
    p(doc, "{%p if submit %}")
    heading(doc, "五、提交方式与时限")
    loop(doc, "for s in submit", "{{ s }}")
    p(doc, "{%p endif %}")
    p(doc, "{%p if short_text %}")
    heading(doc, "六、投诉框文字（不超过300字，可直接粘贴）")
    p(doc, "{{ short_text }}")
    p(doc, "{%p endif %}")
    signature(doc)
    return doc


def complaint_12315():
    doc = new_document()
    p(doc, "{{ title }}", "Title")
    parties(doc)
    p(doc, "{{ salutation }}", "正文无缩进")
    p(doc, "{{ intro }}")
    requests(doc, "一、投诉请求")
    facts_and_reasons(doc)
    legal_basis(doc)
    exhibits_table(doc)
    p(doc, "{{ category }}", "提示")
    p(doc, "提交渠道：{{ submit }}", "提示")
    p(doc, "{%p if acceptance_by %}")
    p(doc, "受理期限：市场监督管理部门应于收到投诉之日起七个工作日内作出是否受理的决定（按本投诉落款日提交计算，为{{ acceptance_by }}）。", "提示")
    p(doc, "{%p endif %}")
    p(doc, "此致")
    p(doc, "市场监督管理部门", "正文无缩进")
    signature(doc)
    images_block(doc)
    return doc


def blackcat_post():
    doc = new_document()
    p(doc, "{{ title }}", "Title")
    heading(doc, "投诉标题")
    p(doc, "{{ post_title }}")
    heading(doc, "投诉对象")
    p(doc, "{{ target }}")
    heading(doc, "投诉问题")
    p(doc, "{{ issues }}")
    heading(doc, "投诉要求")
    p(doc, "{{ demands }}")
    heading(doc, "涉诉金额")
    p(doc, "{{ amount }}")
    heading(doc, "投诉内容")
    loop(doc, "for b in body", "{{ b }}")
    p(doc, "{%p if law %}")
    p(doc, "{{ law }}")
    p(doc, "{%p endif %}")
    p(doc, "{%p if evidence_kinds %}")
    p(doc, "本人持有的证据：{{ evidence_kinds }}。")
    p(doc, "{%p endif %}")
    p(doc, "{{ blur_note }}", "提示")
    p(doc, "{{ date }}", "落款")
    return doc


def case_summary():
    doc = new_document()
    p(doc, "{{ title }}", "Title")
    p(doc, "案件编号：{{ case_id }}　　生成日期：{{ date }}", "提示")
    heading(doc, "一、当事人")
    loop(doc, "for line in parties", "{{ line }}")
    heading(doc, "二、时间线")
    loop(doc, "for t in timeline", "{{ t }}")
    heading(doc, "三、金额与计算")
    loop(doc, "for m in money", "{{ m }}")
    heading(doc, "四、期限")
    table = doc.add_table(rows=4, cols=3)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, title in enumerate(["事项", "期限", "依据与说明"]):
        _cell(table.rows[0].cells[i], title, bold=True)
    _repeat_header(table.rows[0])
    _cell(table.rows[1].cells[0], "{%tr for d in deadlines %}")
    _cell(table.rows[2].cells[0], "{{ d.label }}")
    _cell(table.rows[2].cells[1], "{{ d.due_text }}")
    _cell(table.rows[2].cells[2], "{{ d.basis }}{{ d.note }}")
    _cell(table.rows[3].cells[0], "{%tr endfor %}")
    for row in table.rows:
        for cell, width in zip(row.cells, [Mm(40), Mm(50), Mm(66)]):
            cell.width = width
    p(doc, "{{ facts_checked }}", "提示")
    heading(doc, "五、维权步骤")
    loop(doc, "for s in plan", "{{ loop.index }}．{{ s }}")
    p(doc, "{%p if warnings %}")
    heading(doc, "六、提醒")
    loop(doc, "for w in warnings", "{{ w }}")
    p(doc, "{%p endif %}")
    heading(doc, "七、生成的文书")
    loop(doc, "for f in filings", "{{ f }}")
    p(doc, "{%p if exhibits %}")
    heading(doc, "八、证据校验值")
    loop(doc, "for e in exhibits", "{{ e }}", "表格文字")
    p(doc, "{%p endif %}")
    return doc


TEMPLATES = {
    "platform_refund_request": platform_refund_request,
    "payment_dispute": payment_dispute,
    "complaint_12315": complaint_12315,
    "blackcat_post": blackcat_post,
    "case_summary": case_summary,
}


def main(out: Path = OUT) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for kind, build in TEMPLATES.items():
        doc = build()
        doc.core_properties.title = ""
        doc.core_properties.author = "make-filings"
        doc.core_properties.language = "zh-CN"
        doc.save(out / f"{kind}.docx")
        print(f"wrote {out / (kind + '.docx')}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
