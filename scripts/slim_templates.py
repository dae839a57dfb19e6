"""Drop from Word templates what no filing uses: unused style definitions, latent styles, customXml, web settings.

A template saved by Word carries every built-in style definition (30 KB of styles.xml),
a bibliography customXml part and web-view settings. Every filing re-copies, re-serialises
and re-compresses them, which costs about a tenth of a batch's rendering time. Run this after
editing a template in Word, if you like; the template stays the source (this only removes
parts Word rebuilds by itself when the file is opened):

    python scripts/slim_templates.py templates/*.docx

Kept: every style a part of the template names (paragraph, run, table and numbering
styles), the styles they are based on, link to or are followed by, and each kind's
default style; the theme, numbering, settings and fonts.
"""

from __future__ import annotations

import posixpath
import re
import sys
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STYLE_REFERENCES = ("pStyle", "rStyle", "tblStyle", "numStyleLink", "styleLink")
_STYLE_LINKS = ("basedOn", "next", "link")
_NAMING_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes|numbering)\.xml")
_DROPPED_PARTS = re.compile(r"customXml/.*|word/webSettings\.xml")


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def named_styles(parts: dict[str, bytes]) -> set[str]:
    """The style ids the template's parts refer to."""
    names = set()
    for name, data in parts.items():
        if _NAMING_PARTS.fullmatch(name):
            for tag in _STYLE_REFERENCES:
                names.update(e.get(_w("val")) for e in etree.fromstring(data).iter(_w(tag)))
    return names


def slim_styles(styles_xml: bytes, used: set[str]) -> bytes:
    """styles.xml with only the used styles (and those they lean on) and no latent styles."""
    root = etree.fromstring(styles_xml)
    styles = {s.get(_w("styleId")): s for s in root.iter(_w("style"))}
    keep = used | {sid for sid, s in styles.items() if s.get(_w("default")) == "1"}
    pending = list(keep)
    while pending:
        style = styles.get(pending.pop())
        for tag in _STYLE_LINKS:
            link = style.find(_w(tag)) if style is not None else None
            if link is not None and link.get(_w("val")) not in keep:
                keep.add(link.get(_w("val")))
                pending.append(link.get(_w("val")))
    for sid, style in styles.items():
        if sid not in keep:
            root.remove(style)
    for latent in root.findall(_w("latentStyles")):
        root.remove(latent)
    return _xml(root)


def _without_references(data: bytes, dropped: set[str], attribute: str, base: str = "") -> bytes:
    """A relationships or content-types part without its entries for the dropped parts."""
    root = etree.fromstring(data)
    for entry in list(root):
        target = entry.get(attribute)
        if target and posixpath.normpath(posixpath.join("/", base, target)).lstrip("/") in dropped:
            root.remove(entry)
    return _xml(root)


def _source_folder(rels_name: str) -> str:
    """The folder a relationships part's targets are relative to (word/_rels/document.xml.rels → word)."""
    return posixpath.dirname(posixpath.dirname(rels_name))


def _xml(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def slim(path: Path) -> tuple[int, int]:
    """Slim one template in place; return its size before and after."""
    before = path.stat().st_size
    with zipfile.ZipFile(path) as zin:
        infos = zin.infolist()
        parts = {i.filename: zin.read(i) for i in infos}
    dropped = {name for name in parts if _DROPPED_PARTS.fullmatch(name)}
    parts["word/styles.xml"] = slim_styles(parts["word/styles.xml"], named_styles(parts))
    for name in parts:
        if name.endswith(".rels"):
            parts[name] = _without_references(parts[name], dropped, "Target", _source_folder(name))
    parts["[Content_Types].xml"] = _without_references(parts["[Content_Types].xml"], dropped, "PartName")
    tmp = path.with_suffix(".slim.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in infos:
            if info.filename not in dropped:
                zout.writestr(info, parts[info.filename])
    tmp.replace(path)
    return before, path.stat().st_size


def main(paths: list[str]) -> None:
    for name in paths:
        before, after = slim(Path(name))
        print(f"{name}: {before:,} → {after:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
