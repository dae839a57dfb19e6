"""Build the Word templates in templates/ (run: python scripts/build_templates.py).

The .docx files are what lawyers edit; this script only makes the first version
of each with the layout of a Chinese formal letter (GB/T 9704 style): A4,
margins 30/28/28/26 mm, 仿宋 小四 body on a fixed 18 pt line (so that a letter keeps to two
pages), 宋体 2号 bold title,
黑体 and 楷体 headings, East Asian fonts and zh-CN set on the styles themselves,
page numbers "— 1 —" in 宋体 4号 in the footer. All formatting lives in named
styles (正文, 条文, 表格文字 …), so a lawyer changes a look in one place.
Jinja tags are docxtpl's: `{%p %}` for paragraph loops, `{%tr %}` for table rows.

python-docx's default document is a trap for Chinese text: its theme fonts,
blue heading colours, Title border and `themeFontLang eastAsia="ja-JP"` would
override or skew the fonts set here, so they are removed, and the ~140 unused
built-in styles are dropped to keep Word's style list to the ones a filing uses.
"""
from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

OUT = Path(__file__).resolve().parents[1] / "templates"

BODY_FONT, TITLE_FONT, H1_FONT, H2_FONT, LATIN_FONT = "仿宋", "宋体", "黑体", "楷体", "Times New Roman"
MONO_FONT = "Courier New"
# A letter to a platform is held to two pages: the body is 小四 on a fixed 18 pt line (1.5 lines;
# 36 characters a line, 37 lines on the 239 mm text block), the denser setting law firms use for letters.
BODY_PT, TITLE_PT, SMALL_PT, NOTE_PT, TABLE_PT, HASH_PT, FOOTER_PT = 12, 22, 12, 10.5, 10.5, 7.5, 14
LINE_PT = 18  # fixed line spacing
LINE_TWIPS = LINE_PT * 20
QUOTE_LINE_TWIPS = 360  # 18 pt for the 12 pt statute quotations
TEXT_WIDTH_MM = 156  # 210 − 28 − 26
BODY_INDENT_TWIPS = 2 * BODY_PT * 20  # two body characters: where body text starts
HEADER_FILL = "E7E6E6"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

LEFT, CENTER, RIGHT, JUSTIFY = (WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT,
                                WD_ALIGN_PARAGRAPH.JUSTIFY)


# --- fonts and styles -------------------------------------------------------------

def _child(parent, tag: str):
    """The first child `tag` of `parent`, created (appended) when missing."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        parent.append(el)
    return el


def _set_lang(rpr) -> None:
    lang = _child(rpr, "w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _drop_theme_fonts(rpr) -> None:
    """Theme font attributes (asciiTheme, eastAsiaTheme …) win over explicit names: remove them."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        return
    for attr in list(fonts.attrib):
        if "theme" in attr.lower():
            del fonts.attrib[attr]
    if not fonts.attrib:
        rpr.remove(fonts)


def _set_fonts(rpr, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Set all four font slots and zh-CN, dropping theme fonts, which would override them."""
    _drop_theme_fonts(rpr)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:hint"), "eastAsia")
    _set_lang(rpr)


def _style(doc, name, *, font, size, bold=False, align=LEFT, indent_chars=0, left_twips=0, right_twips=0,
           space_before=0, space_after=0, line=LINE_TWIPS, keep_next=False, base="Normal", latin=LATIN_FONT,
           kind=WD_STYLE_TYPE.PARAGRAPH):
    """A paragraph style (or, with kind=CHARACTER, a character style) with every property explicit."""
    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, kind)
        style.base_style = doc.styles[base] if kind == WD_STYLE_TYPE.PARAGRAPH else None
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    rpr = style.element.get_or_add_rPr()
    _set_fonts(rpr, font, latin)
    for tag in ("w:color", "w:spacing", "w:kern"):  # the built-in headings and Title are blue, tracked
        for el in rpr.findall(qn(tag)):
            rpr.remove(el)
    if kind == WD_STYLE_TYPE.CHARACTER:
        return style
    pf = style.paragraph_format
    pf.alignment = align
    pf.space_before = Pt(space_before)
    pf.space_after = Pt(space_after)
    pf.keep_with_next = keep_next
    pf.widow_control = True
    ppr = style.element.get_or_add_pPr()
    for tag in ("w:pBdr", "w:contextualSpacing"):  # Title's underline and its spacing quirk
        for el in ppr.findall(qn(tag)):
            ppr.remove(el)
    spacing = ppr.get_or_add_spacing()  # python-docx keeps pPr children in schema order
    spacing.set(qn("w:line"), str(line or 240))
    spacing.set(qn("w:lineRule"), "exact" if line else "auto")
    ind = ppr.get_or_add_ind()
    for attr in list(ind.attrib):
        del ind.attrib[attr]
    ind.set(qn("w:left"), str(left_twips))
    ind.set(qn("w:right"), str(right_twips))
    ind.set(qn("w:firstLineChars"), str(indent_chars * 100))
    ind.set(qn("w:firstLine"), str(int(indent_chars * size * 20)))
    return style


def _doc_defaults(doc) -> None:
    """East Asian font and zh-CN on docDefaults, so every style inherits them; no spacing after."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    _set_fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), BODY_FONT)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    # The default document says eastAsia="ja-JP" here: theme fonts would resolve to MS Mincho.
    _child(doc.settings.element, "w:themeFontLang").set(qn("w:eastAsia"), "zh-CN")


BUILT_IN_KEEP = {"DefaultParagraphFont", "TableNormal", "NoList", "TableGrid", "Header"}


def _prune_styles(doc, configured: set[str]) -> None:
    """Drop the built-in styles no filing uses (their *Char twins are blue, italic, themed),
    and the stylesWithEffects copy of them all."""
    root = doc.styles.element
    for style in root.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in configured | BUILT_IN_KEEP:
            root.remove(style)
            continue
        for link in style.findall(qn("w:link")):  # pointed at the dropped *Char styles
            style.remove(link)
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rel_id)


# What Word needs to substitute a missing font sensibly: charset 86 is GB2312, and the
# English names let Word on a Mac or an English Windows find 仿宋 as FangSong.
FONT_TABLE = [("Times New Roman", None, "00", "roman", "variable"), ("Courier New", None, "00", "modern", "fixed"),
              ("仿宋", "FangSong", "86", "modern", "fixed"), ("宋体", "SimSun", "86", "auto", "variable"),
              ("黑体", "SimHei", "86", "modern", "fixed"), ("楷体", "KaiTi", "86", "modern", "fixed")]


def _font_table_and_thumbnail(doc) -> None:
    """Replace the default font table (it lists Japanese fonts) and drop the default's English preview."""
    fonts = "".join(
        f'<w:font w:name="{name}">' + (f'<w:altName w:val="{alt}"/>' if alt else "")
        + f'<w:charset w:val="{charset}"/><w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>'
        for name, alt, charset, family, pitch in FONT_TABLE)
    part = doc.part.part_related_by("http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable")
    part._blob = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
                  f'<w:fonts xmlns:w="{W_NS}">{fonts}</w:fonts>').encode("utf-8")
    package_rels = doc.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package_rels.pop(rel_id)


def _finish_styles(doc) -> None:
    """Every remaining style: no theme fonts, and zh-CN; paragraph styles name their East Asian font."""
    for style in doc.styles.element.findall(qn("w:style")):
        if style.get(qn("w:type")) == "numbering":
            continue
        rpr = style.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            later = [style.find(qn(t)) for t in ("w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr")]
            later = [el for el in later if el is not None]
            if later:
                later[0].addprevious(rpr)  # schema order: rPr comes before the table properties
            else:
                style.append(rpr)
        _drop_theme_fonts(rpr)
        _set_lang(rpr)
        fonts = rpr.find(qn("w:rFonts"))
        if style.get(qn("w:type")) == "paragraph" and (fonts is None or fonts.get(qn("w:eastAsia")) is None):
            _set_fonts(rpr, BODY_FONT)


def new_document() -> Document:
    doc = Document()
    _doc_defaults(doc)
    styles = [
        _style(doc, "Normal", font=BODY_FONT, size=BODY_PT, indent_chars=2, align=JUSTIFY),
        _style(doc, "Title", font=TITLE_FONT, size=TITLE_PT, bold=True, align=CENTER, line=0,
               space_after=BODY_PT, keep_next=True),
        _style(doc, "Heading 1", font=H1_FONT, size=BODY_PT, indent_chars=2, keep_next=True),  # 一、
        _style(doc, "Heading 2", font=H2_FONT, size=BODY_PT, indent_chars=2, keep_next=True),  # （一）
        _style(doc, "Heading 3", font=BODY_FONT, size=BODY_PT, indent_chars=2, keep_next=True),  # 1.
        _style(doc, "正文无缩进", font=BODY_FONT, size=BODY_PT, align=JUSTIFY),
        # parties: names, numbers and addresses are not stretched to the margin; a wrapped line hangs
        _style(doc, "当事人", font=BODY_FONT, size=BODY_PT, left_twips=BODY_INDENT_TWIPS),
        _style(doc, "此致", font=BODY_FONT, size=BODY_PT, indent_chars=2, keep_next=True),
        _style(doc, "敬礼", font=BODY_FONT, size=BODY_PT, keep_next=True),
        # GB/T 9704 without a seal: signature two characters in from the right, one blank line above
        _style(doc, "署名", font=BODY_FONT, size=BODY_PT, align=RIGHT, right_twips=BODY_INDENT_TWIPS,
               space_before=LINE_PT, keep_next=True),
        _style(doc, "落款", font=BODY_FONT, size=BODY_PT, align=RIGHT, right_twips=BODY_INDENT_TWIPS, keep_next=True),
        _style(doc, "条文标题", font=H2_FONT, size=SMALL_PT, left_twips=BODY_INDENT_TWIPS, line=QUOTE_LINE_TWIPS,
               space_before=6, keep_next=True),
        _style(doc, "条文名称", font=H1_FONT, size=SMALL_PT, kind=WD_STYLE_TYPE.CHARACTER),
        _style(doc, "条文", font=H2_FONT, size=SMALL_PT, indent_chars=2, left_twips=BODY_INDENT_TWIPS,
               line=QUOTE_LINE_TWIPS, align=JUSTIFY),
        _style(doc, "表格文字", font=BODY_FONT, size=TABLE_PT, line=0),
        _style(doc, "表头", font=H1_FONT, size=TABLE_PT, line=0, align=CENTER),
        _style(doc, "哈希", font=BODY_FONT, size=HASH_PT, line=0, latin=MONO_FONT),
        _style(doc, "清单小字", font=BODY_FONT, size=TABLE_PT, line=0, space_after=4),
        _style(doc, "图片", font=BODY_FONT, size=BODY_PT, align=CENTER, line=0, space_before=6, keep_next=True),
        _style(doc, "图注", font=H2_FONT, size=SMALL_PT, align=CENTER, line=0, space_after=12),
        _style(doc, "提示", font=BODY_FONT, size=NOTE_PT, line=0, space_before=8, space_after=2, align=JUSTIFY),
        _style(doc, "副题", font=H2_FONT, size=SMALL_PT, align=CENTER, line=0, space_after=BODY_PT),
        # an attachment starts a page: “附件1” in 黑体 at the top left, its name centred below
        _style(doc, "附件", font=H1_FONT, size=BODY_PT, keep_next=True),
        _style(doc, "附件名称", font=TITLE_FONT, size=BODY_PT + 4, bold=True, align=CENTER, line=0,
               space_before=6, space_after=BODY_PT, keep_next=True),
        _style(doc, "Footer", font=TITLE_FONT, size=FOOTER_PT, align=CENTER, line=0, latin=TITLE_FONT),
    ]
    _prune_styles(doc, {style.style_id for style in styles})
    _finish_styles(doc)
    _font_table_and_thumbnail(doc)
    _page_setup(doc)
    return doc


def _page_setup(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    # GB/T 9704's 37/35 mm top and bottom, shortened to 30/28 mm for a two-page letter; the sides keep 28/26 mm
    section.top_margin, section.bottom_margin = Mm(30), Mm(28)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(18)  # the page number sits about 7 mm below the text block
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    footer.add_run("— ")
    _page_field(footer)
    footer.add_run(" —")


def _page_field(paragraph) -> None:
    """A PAGE field, one run per field part, as Word itself writes it."""
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text.strip() == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
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
    loop(doc, "for line in parties", "{{ line }}", "当事人")


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


def attachments(doc):
    """附件: flush with the body, a numbered list hanging after “附件：”."""
    loop(doc, "for a in attachments", "{% if loop.first %}附件：{% else %}　　　{% endif %}{{ loop.index }}．{{ a }}")


def _cell(cell, text, style="表格文字"):
    paragraph = cell.paragraphs[0]
    paragraph.style = cell.part.document.styles[style]
    paragraph.text = ""
    paragraph.add_run(text)


def _fill(cell, colour: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shd)


def _row_flag(row, tag: str) -> None:
    el = OxmlElement(tag)
    el.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(el)


def table(doc, headers: list[str], widths_mm: list[float], cells: list[str], cell_styles=None):
    """A full-width grid table: a shaded header row repeated on every page, then one
    `{%tr for %}` row of `cells`. Widths go into the grid too: LibreOffice reads those, not the cells'."""
    assert abs(sum(widths_mm) - TEXT_WIDTH_MM) < 0.01, widths_mm
    cell_styles = cell_styles or ["表格文字"] * len(cells)
    tbl = doc.add_table(rows=4, cols=len(headers))
    tbl.style = doc.styles["Table Grid"]
    tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl.autofit = False
    tbl_pr = tbl._tbl.tblPr
    width = _child(tbl_pr, "w:tblW")
    width.set(qn("w:w"), str(Mm(TEXT_WIDTH_MM).twips))
    width.set(qn("w:type"), "dxa")
    _child(tbl_pr, "w:tblLayout").set(qn("w:type"), "fixed")
    margins = OxmlElement("w:tblCellMar")  # a little air above and below each cell's text
    for side, twips in (("top", 40), ("left", 85), ("bottom", 40), ("right", 85)):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(twips))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)  # schema order: tblCellMar comes before tblLook
    else:
        tbl_pr.append(margins)
    for col, w in zip(tbl._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm):
        col.set(qn("w:w"), str(Mm(w).twips))
    for i, title in enumerate(headers):
        _cell(tbl.rows[0].cells[i], title, "表头")
        _fill(tbl.rows[0].cells[i], HEADER_FILL)
    _row_flag(tbl.rows[0], "w:tblHeader")
    _cell(tbl.rows[1].cells[0], "{%tr for " + cells[0] + " %}")
    for cell, text, style in zip(tbl.rows[2].cells, cells[1:], cell_styles):
        _cell(cell, text, style)
    _row_flag(tbl.rows[2], "w:cantSplit")  # an exhibit never straddles two pages
    _cell(tbl.rows[3].cells[0], "{%tr endfor %}")
    for row in tbl.rows:
        for cell, w in zip(row.cells, widths_mm):
            cell.width = Mm(w)
    return tbl


def exhibits_table(doc):
    """附件1, after the signature on a page of its own (GB/T 9704's place for an attachment): the evidence
    list, what each exhibit is and what it proves; files, dates and hashes are in the summary."""
    p(doc, "{%p if exhibits %}")
    p(doc, "附件1", "附件").paragraph_format.page_break_before = True
    p(doc, "证据清单", "附件名称")
    table(doc, ["编号", "证据名称与说明", "证明内容"], [14, 74, 68],
          ["e in exhibits", "{{ e.label }}", "{{ e.description }}", "{{ e.proves }}"])
    p(doc, "{%p endif %}")


def signature(doc):
    p(doc, "{{ signer_role }}：{{ signer }}", "署名")
    p(doc, "{{ date }}", "落款")


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
    attachments(doc)
    p(doc, "此致", "此致")
    p(doc, "敬礼！", "敬礼")
    signature(doc)
    exhibits_table(doc)
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
    attachments(doc)
    signature(doc)
    exhibits_table(doc)
    return doc


def complaint_12315():
    doc = new_document()
    p(doc, "{{ title }}", "Title")
    parties(doc)
    p(doc, "{{ salutation }}", "正文无缩进")
    p(doc, "{{ intro }}")
    requests(doc, "一、投诉请求")
    facts_and_reasons(doc)
    attachments(doc)
    p(doc, "此致", "此致")
    p(doc, "市场监督管理部门", "敬礼")
    signature(doc)
    exhibits_table(doc)
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
    heading(doc, "涉诉金额（元）")
    p(doc, "{{ amount }}")
    heading(doc, "问题说明")
    loop(doc, "for b in body", "{{ b }}")
    p(doc, "{{ date }}", "署名")
    return doc


def legal_basis():
    """The annex: law and article (and paragraph) in 黑体, its dates in 楷体, the text as an indented 楷体 block."""
    doc = new_document()
    p(doc, "{{ title }}", "Title")
    p(doc, "{{ subtitle }}", "副题")
    p(doc, "{%p for c in citations %}")
    line = p(doc, "", "条文标题")
    line.add_run("{{ c.heading }}", style="条文名称")
    line.add_run("{{ c.meta }}")
    loop(doc, "for para in c.paragraphs", "{{ para }}", "条文")
    p(doc, "{%p endfor %}")
    p(doc, "{{ verify_note }}", "提示")
    return doc


def mediation_request():
    doc = new_document()
    p(doc, "{{ title }}", "Title")
    parties(doc)
    p(doc, "{{ salutation }}", "正文无缩进")
    p(doc, "{{ intro }}")
    requests(doc, "一、调解请求")
    facts_and_reasons(doc)
    attachments(doc)
    p(doc, "此致", "此致")
    p(doc, "{{ addressee }}", "敬礼")
    signature(doc)
    exhibits_table(doc)
    images_block(doc)
    return doc


def court_complaint():
    """民事起诉状: parties, claims, facts and reasons, evidence and its source (民事诉讼法第一百二十四条)."""
    doc = new_document()
    p(doc, "{{ title }}", "Title")
    parties(doc)
    p(doc, "案由：{{ cause }}", "正文无缩进")
    requests(doc, "一、诉讼请求")
    facts_and_reasons(doc)
    p(doc, "{%p if exhibits %}")
    p(doc, "{{ evidence_source }}")
    p(doc, "{%p endif %}")
    attachments(doc)
    p(doc, "此致", "此致")
    p(doc, "{{ court }}", "敬礼")
    signature(doc)
    exhibits_table(doc)
    images_block(doc)
    return doc


def report_12315():
    doc = new_document()
    p(doc, "{{ title }}", "Title")
    parties(doc)
    p(doc, "{{ salutation }}", "正文无缩进")
    p(doc, "{{ intro }}")
    requests(doc, "一、举报请求")
    facts_and_reasons(doc)
    attachments(doc)
    signature(doc)
    exhibits_table(doc)
    images_block(doc)
    return doc


def police_report():
    """报警材料: the people, what happened, the money lost, the evidence; no legal argument."""
    doc = new_document()
    p(doc, "{{ title }}", "Title")
    parties(doc)
    heading(doc, "一、经过")
    loop(doc, "for f in facts", "{{ f }}")
    heading(doc, "二、损失")
    p(doc, "{{ loss }}")
    attachments(doc)
    signature(doc)
    exhibits_table(doc)
    images_block(doc)
    return doc


def authorization():
    """授权委托书 (办法第十一条): the matter, the powers and the term, signed by the complainant."""
    doc = new_document()
    p(doc, "{{ title }}", "Title")
    parties(doc)
    p(doc, "{{ matter }}")
    p(doc, "{{ powers }}")
    p(doc, "{{ term }}")
    p(doc, "{{ signer_role }}：", "署名")
    p(doc, "{{ agent_role }}：", "署名")
    p(doc, "{{ date }}", "落款")
    return doc


def case_summary():
    doc = new_document()
    p(doc, "{{ title }}", "Title")
    p(doc, "案件编号：{{ case_id }}　　落款日：{{ date }}", "副题")
    heading(doc, "一、当事人与识别信息")
    loop(doc, "for line in parties", "{{ line }}", "当事人")
    heading(doc, "二、事实")
    loop(doc, "for f in statement", "{{ f }}")
    heading(doc, "三、时间线")
    loop(doc, "for t in timeline", "{{ t }}")
    heading(doc, "四、金额与计算")
    loop(doc, "for m in money", "{{ m }}")
    p(doc, "{%p if strategy %}")
    p(doc, "诉求策略（可权衡的更强或替代主张）：")
    loop(doc, "for s in strategy", "{{ s }}")
    p(doc, "{%p endif %}")
    heading(doc, "五、期限")
    table(doc, ["事项", "期限", "依据与说明"], [38, 40, 78],
          ["d in deadlines", "{{ d.label }}", "{{ d.due_text }}", "{{ d.basis }}{{ d.note }}"])
    p(doc, "{{ facts_checked }}", "提示")
    p(doc, "{%p if evidence %}")
    heading(doc, "六、证据")
    table(doc, ["编号", "证据名称与说明", "证明内容", "文件与日期"], [15, 64, 47, 30],
          ["e in evidence", "{{ e.label }}", "{{ e.description }}", "{{ e.proves }}", "{{ e.file }}\n{{ e.date }}"])
    loop(doc, "for e in evidence", "{{ e.label }}　SHA-256：{{ e.sha256 }}", "清单小字")
    p(doc, "{%p endif %}")
    p(doc, "{%p if law %}")
    heading(doc, "七、引用的法条（原文见《法律依据》）")
    loop(doc, "for c in law", "{{ c }}", "清单小字")
    p(doc, "{%p endif %}")
    heading(doc, "八、维权步骤")
    loop(doc, "for s in plan", "{{ loop.index }}．{{ s }}")
    p(doc, "{%p if guidance %}")
    heading(doc, "九、各文书的提交方式")
    p(doc, "{%p for g in guidance %}")
    heading(doc, "{{ g.title }}", 2)
    loop(doc, "for line in g.lines", "{{ line }}")
    p(doc, "{%p endfor %}")
    p(doc, "{%p endif %}")
    p(doc, "{%p if warnings %}")
    heading(doc, "十、提醒")
    loop(doc, "for w in warnings", "{{ w }}")
    p(doc, "{%p endif %}")
    heading(doc, "十一、生成的文书")
    loop(doc, "for f in filings", "{{ f }}", "清单小字")
    return doc


TEMPLATES = {
    "platform_refund_request": platform_refund_request,
    "payment_dispute": payment_dispute,
    "complaint_12315": complaint_12315,
    "blackcat_post": blackcat_post,
    "legal_basis": legal_basis,
    "mediation_request": mediation_request,
    "court_complaint": court_complaint,
    "report_12315": report_12315,
    "police_report": police_report,
    "authorization": authorization,
    "case_summary": case_summary,
}


def main(out: Path = OUT, only: list[str] | None = None) -> None:
    """Build every template, or only the kinds named."""
    out.mkdir(parents=True, exist_ok=True)
    for kind, build in TEMPLATES.items():
        if only and kind not in only:
            continue
        doc = build()
        doc.core_properties.title = ""
        doc.core_properties.author = "make-filings"
        doc.core_properties.language = "zh-CN"
        doc.save(out / f"{kind}.docx")
        print(f"wrote {out / (kind + '.docx')}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT, sys.argv[2:])
