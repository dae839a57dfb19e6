"""PDF copies of the Word filings, made by LibreOffice with Simplified Chinese glyphs.

The templates name the Windows fonts every Chinese office expects (仿宋, 宋体,
黑体, 楷体). A Linux machine has none of them, and LibreOffice then falls back to
Noto Sans CJK **JP**: readable, but Japanese glyph shapes in a sans face. A
fontconfig alias did not cure it for 宋体, so each .docx is converted from a
temporary copy whose font names are rewritten to installed free fonts with
Simplified Chinese shapes; the user's .docx is never touched.

Do not judge the result by `pdffonts` names alone: the five faces of a Noto CJK
.ttc share one CFF table named `NotoSerifCJKjp-Regular` (or `NotoSansCJKjp-…`),
so a PDF drawn in Noto Serif CJK **SC** still lists a "jp" font. The face, and
so the glyph shape, is decided by the name LibreOffice asks for, which is what
this module controls.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

from generator.errors import OfficeMissingError, PdfConversionError

INSTALL_HINT = "sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk"
FONT_HINT = "sudo apt-get install fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming"
TIMEOUT_SECONDS = 120

# Free stand-ins for the Windows fonts, best first. There is no free 仿宋 with
# Simplified coverage; a serif Song face is the closest sober choice.
_SERIF = ("Noto Serif CJK SC", "AR PL UMing CN")
_SANS = ("Noto Sans CJK SC", "WenQuanYi Zen Hei")
_KAI = ("AR PL UKai CN", "Noto Serif CJK SC")
STAND_INS = {
    **dict.fromkeys(("仿宋", "仿宋_GB2312", "FangSong", "FangSong_GB2312", "华文仿宋", "STFangsong"), _SERIF),
    **dict.fromkeys(
        (
            "宋体",
            "新宋体",
            "SimSun",
            "NSimSun",
            "华文宋体",
            "STSong",
            "华文中宋",
            "STZhongsong",
            "方正小标宋简体",
            "方正小标宋_GBK",
            "小标宋",
            "宋体-方正超大字符集",
        ),
        _SERIF,
    ),
    **dict.fromkeys(
        (
            "黑体",
            "SimHei",
            "华文黑体",
            "STHeiti",
            "微软雅黑",
            "Microsoft YaHei",
            "等线",
            "DengXian",
            "方正黑体简体",
            "方正黑体_GBK",
        ),
        _SANS,
    ),
    **dict.fromkeys(
        ("楷体", "楷体_GB2312", "KaiTi", "KaiTi_GB2312", "华文楷体", "STKaiti", "方正楷体简体", "方正楷体_GBK"), _KAI
    ),
}
# Attributes that hold a font name: w:rFonts slots, w:font/@w:name in fontTable.xml,
# and a:*/@typeface in the theme (theme fonts reach text through docDefaults).
_FONT_ATTRS = {"ascii", "hAnsi", "eastAsia", "cs", "name", "typeface"}


def soffice_available() -> bool:
    """Whether LibreOffice's `soffice` can be found on PATH."""
    return _soffice() is not None


def convert_to_pdf(docx_files: list[Path], out_dir: Path, timeout: float = TIMEOUT_SECONDS) -> list[Path]:
    """Convert the .docx files in one LibreOffice run; return `out_dir/<name>.pdf` for each."""
    docx_files = [Path(f) for f in docx_files]
    if not docx_files:
        return []
    _refuse_duplicate_names(docx_files)
    soffice = _soffice()
    if soffice is None:
        raise OfficeMissingError(
            f"未找到 LibreOffice（soffice），无法生成 PDF；Word 文书不受影响。\n  请先安装：{INSTALL_HINT}"
        )
    fonts = stand_in_fonts()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="make-filings-pdf-") as tmp:
        work = Path(tmp)
        sources, results = work / "in", work / "out"
        sources.mkdir()
        copies = [sources / f.name for f in docx_files]
        for original, copy in zip(docx_files, copies):
            rewrite_fonts(original, copy, fonts)
        _run_soffice(soffice, copies, results, profile=work / "profile", timeout=timeout)
        made = [results / f"{original.stem}.pdf" for original in docx_files]
        for original, result in zip(docx_files, made):
            if not result.is_file() or result.stat().st_size == 0:
                raise PdfConversionError(
                    f"LibreOffice 未能把 {original} 转换为 PDF（文件可能已损坏，或不是 Word 文档）。"
                )
        targets = [out_dir / result.name for result in made]
        for result, target in zip(made, targets):  # only once every file converted
            shutil.move(result, target)
    return targets


def stand_in_fonts() -> dict[str, str]:
    """Each Windows font name mapped to the first installed free stand-in (to itself when installed)."""
    installed = _installed_families()
    chosen = {}
    for name, candidates in STAND_INS.items():
        if name in installed:  # a machine with the real 仿宋 keeps it
            chosen[name] = name
            continue
        found = next((c for c in candidates if c in installed), None) if installed else candidates[0]
        if found is None:
            raise OfficeMissingError(
                f"缺少中文字体（需要 {' 或 '.join(candidates)} 之一），无法生成简体字形的 PDF。\n"
                f"  请先安装：{FONT_HINT}"
            )
        chosen[name] = found
    return chosen


def rewrite_fonts(source: Path, target: Path, fonts: dict[str, str]) -> None:
    """Copy a .docx, renaming the fonts in every XML part under word/ (styles, body, footers, theme …)."""
    try:
        with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
            for item in zin.infolist():
                data = zin.read(item.filename)
                if item.filename.startswith("word/") and item.filename.endswith(".xml"):
                    data = _rename_fonts(data, fonts, _installed_families())
                zout.writestr(item, data)
    except (zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise PdfConversionError(f"{source} 不是有效的 Word 文件（.docx），无法转换为 PDF：{exc}") from None


def _rename_fonts(xml: bytes, fonts: dict[str, str], installed: frozenset[str]) -> bytes:
    """Rename known Windows fonts; an East Asian font that is not installed gets the body stand-in.

    The second rule covers a font a lawyer picked in Word (方正仿宋_GBK, say): left
    alone, LibreOffice would draw it in Noto Sans CJK JP.
    """
    root = etree.fromstring(xml)
    fallback = fonts.get("仿宋")
    changed = False
    for el in root.iter():
        for attr, value in el.attrib.items():
            name = etree.QName(attr).localname
            if name not in _FONT_ATTRS or not value:
                continue
            new = fonts.get(value)
            if new is None and name == "eastAsia" and fallback and installed and value not in installed:
                new = fallback
            if new is not None:
                el.set(attr, new)
                changed = True
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) if changed else xml


def _refuse_duplicate_names(files: list[Path]) -> None:
    """LibreOffice names each PDF after its file, so two equal names would overwrite each other."""
    seen: dict[str, Path] = {}
    for f in files:
        if f.name in seen:
            raise ValueError(f"two files share the name {f.name!r} ({seen[f.name]}, {f}); their PDFs would collide")
        seen[f.name] = f


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@functools.cache
def _installed_families() -> frozenset[str]:
    """Font families fontconfig knows; empty when fc-list is missing (then trust the first choice)."""
    if shutil.which("fc-list") is None:
        return frozenset()
    out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=60).stdout
    return frozenset(name.strip() for line in out.splitlines() for name in line.split(","))


def _run_soffice(soffice: str, files: list[Path], outdir: Path, profile: Path, timeout: float) -> None:
    """One headless run with its own profile, so parallel runs do not share (and lock) one."""
    cmd = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        *map(str, files),
    ]
    # soffice starts soffice.bin as a child: a new session lets a timeout kill both.
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise PdfConversionError(
            f"LibreOffice 在 {timeout:.0f} 秒内未完成 PDF 转换，已中止。请关闭可能卡住的 LibreOffice 进程后重试。"
        ) from None
    if proc.returncode != 0:
        detail = err.strip().splitlines()[-1] if err.strip() else f"退出码 {proc.returncode}"
        raise PdfConversionError(f"LibreOffice 转换 PDF 失败：{detail}")
