"""Read back the text of a rendered Word file, as a reader (or a privacy scan) sees it."""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# The parts a reader sees: the body, headers and footers, and the properties Word shows.
_TEXT_PARTS = re.compile(r"word/(document|header\d*|footer\d*)\.xml|docProps/core\.xml")


def docx_text(data: bytes) -> str:
    """All paragraph text of a .docx, one paragraph a line: body (tables included), headers, footers."""
    return "\n".join(paragraph_texts(data))


def paragraph_texts(data: bytes) -> list[str]:
    """Each paragraph's text, and the document properties Word shows.

    Runs read as python-docx reads them: `w:t` text, `w:tab` as a tab, `w:br`/`w:cr` as a newline.
    Only the text parts are parsed, so scanning a filing costs a fraction of opening it.
    """
    lines: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if _TEXT_PARTS.fullmatch(name):
                root = etree.fromstring(package.read(name))
                lines += _paragraphs(root) if name.startswith("word/") else _properties(root)
    return lines


def _paragraphs(root) -> list[str]:
    return ["".join(_run_text(el) for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr")) for p in root.iter(f"{W}p")]


def _run_text(el) -> str:
    if el.tag == f"{W}t":
        return el.text or ""
    if el.tag == f"{W}tab":
        return "" if el.getparent().tag != f"{W}r" else "\t"  # a tab stop definition is not text
    return "\n"


# The properties a person writes (title, subject, keywords, description …); the dates and the
# revision count are the program's own, written at generation, never case text.
_STAMPS = {
    "{http://purl.org/dc/terms/}created",
    "{http://purl.org/dc/terms/}modified",
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastPrinted",
    "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}revision",
}


def _properties(root) -> list[str]:
    return [el.text for el in root if el.text and el.tag not in _STAMPS]
