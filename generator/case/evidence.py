"""The evidence chain: what each file really is, its exhibit number, and what is missing.

Types are decided from the file's content, never its name: people rename
screenshots, and a platform or court will open the file, not read its name.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import importlib
import io
import logging
import re
import stat
import struct
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, features

from generator.case.model import Case, EvidenceItem
from generator.errors import EvidenceFileRejected

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024  # ample for a screenshot or a short call; keeps uploads manageable
# A phone's longest scrolling screenshot stays far below this; above it, decoding alone takes
# seconds and hundreds of MB, and no reader can use the picture at a page's width anyway.
MAX_IMAGE_PIXELS = 50_000_000
_HEADER_BYTES = 4096
_CHUNK_BYTES = 1024 * 1024

ACCEPTED_TYPES = (
    "图片（PNG、JPEG、WebP）、PDF、"
    "音频（WAV、MP3、M4A/AAC、AMR、微信语音 SILK、OGG/Opus）、"
    "视频（MP4、MOV、3GP、WebM/MKV、AVI）"
)

CATEGORY_ORDER = ("transaction", "rights_anomaly", "advertisement", "communication")
CATEGORY_LABELS = {
    "transaction": "交易记录",
    "rights_anomaly": "权益异常",
    "advertisement": "宣传页面",
    "communication": "沟通记录",
}
# What an exhibit proves is not its category's: the filings say it from `about` or from what its description is
# matched to (filings/exhibit_match.py, documents.exhibit_proves).
# python-docx can place only these directly in a Word file; WebP/HEIC must be converted first.
_DOCX_IMAGE_FORMATS = frozenset({"PNG", "JPEG"})


def recording_rule() -> str:
    """The provision on recordings that rules.yaml names (named, not quoted), with its full title and article."""
    from generator.law.provisions import book_title, recording_provision  # the statutes load only when a case has audio

    p = recording_provision()
    return book_title(p.law) + p.article_label


@dataclass(frozen=True)
class FileInfo:
    """What one evidence file really is, read from its content."""

    kind: str  # image | pdf | audio | video
    mime: str
    format: str  # short name shown to people: PNG, JPEG, MP3 …
    size: int
    sha256: str
    width: int | None = None
    height: int | None = None
    date: dt.date | None = None  # when it was taken (EXIF), never the file system's mtime
    data_end: int | None = None  # where an image's own data ends when other bytes follow it
    note: str | None = None  # what the user should know about the file (a format players cannot open …)


@dataclass(frozen=True)
class Exhibit:
    """One numbered exhibit (证据N), ready for the filings' evidence list."""

    number: int
    label: str
    index: int  # position in the case's evidence list
    file: str
    name: str
    category: str
    category_label: str
    description: str
    kind: str
    mime: str
    format: str
    sha256: str
    size: int
    date: dt.date | None
    width: int | None
    height: int | None
    recording_disclosed: bool | None  # audio only; None when not stated or not audio
    embeddable: bool
    note: str | None = None  # from FileInfo.note


# ---------------------------------------------------------------- inspect_file


def inspect_file(path: Path) -> FileInfo:
    """Read one evidence file and say what it is, or refuse it with a Chinese reason."""
    path = Path(path)
    size = _checked_size(path)
    header = _read_header(path)
    sniffed = _sniff(header, path)
    if sniffed is None:
        raise EvidenceFileRejected(_unsupported_message(header, path))
    kind, fmt, mime = sniffed
    _refuse_name_contradiction(path, kind, fmt)
    width = height = taken = data_end = note = None
    if kind == "image":
        fmt, width, height, taken = _inspect_image(path, fmt)
        data_end = _image_data_end(path, fmt, size)
        if data_end is not None:
            note = (
                f"图片末尾附有 {_human_size(size - data_end)} 与图片无关的数据（如压缩包）；"
                "嵌入文书的是去掉这部分后的图片，原文件未改动。请确认提交的是原始截图"
            )
    elif kind == "pdf":
        _check_pdf(path)
    else:
        note = _check_media(path, kind, fmt)
    return FileInfo(
        kind=kind,
        mime=mime,
        format=fmt,
        size=size,
        sha256=_sha256(path),
        width=width,
        height=height,
        date=taken,
        data_end=data_end,
        note=note,
    )


def _checked_size(path: Path) -> int:
    """The file's size, after refusing directories, missing, empty and oversize files."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise EvidenceFileRejected("找不到该文件，请检查路径（相对于案件文件所在的文件夹）") from None
    except OSError as e:
        raise _unreadable(e) from None
    if stat.S_ISDIR(info.st_mode):
        raise EvidenceFileRejected("这是一个文件夹，不是文件；请写出文件夹里具体的证据文件")
    if info.st_size == 0:
        raise EvidenceFileRejected("文件是空的（0 字节），请重新导出或截图")
    if info.st_size > MAX_EVIDENCE_BYTES:
        raise EvidenceFileRejected(
            f"文件大小为 {_human_size(info.st_size)}，超过上限 {_human_size(MAX_EVIDENCE_BYTES)}；"
            "请压缩图片、截取关键片段或拆分后再提交"
        )
    return info.st_size


def _unreadable(error: OSError) -> EvidenceFileRejected:
    """The refusal for a file the operating system will not let us read."""
    if isinstance(error, PermissionError):
        return EvidenceFileRejected("无法读取该文件：没有读取权限，请检查文件权限或把文件复制到案件文件夹中")
    return EvidenceFileRejected(f"无法读取该文件（{error.strerror or error}）")


def _human_size(n: int) -> str:
    """Bytes for people: 20971520 → '20 MiB', 23500000 → '22.4 MiB', 300 → '300 字节'."""
    for unit, scale in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if n >= scale:
            value = round(n / scale, 1)
            return f"{value:g} {unit}"
    return f"{n} 字节"


def _read_header(path: Path) -> bytes:
    """The first bytes of the file, where every accepted format says what it is."""
    try:
        with path.open("rb") as f:
            return f.read(_HEADER_BYTES)
    except OSError as e:
        raise _unreadable(e) from None


def _sha256(path: Path) -> str:
    """SHA-256 of the whole file, read in chunks so a large video never sits in memory."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as f:
            while chunk := f.read(_CHUNK_BYTES):
                digest.update(chunk)
    except OSError as e:
        raise _unreadable(e) from None
    return digest.hexdigest()


def _sniff(header: bytes, path: Path) -> tuple[str, str, str] | None:
    """(kind, format, mime) from the magic bytes, or None when not an accepted type."""
    if header.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image", "PNG", "image/png"
    if header.startswith(b"\xff\xd8\xff"):
        return "image", "JPEG", "image/jpeg"
    if header.startswith(b"%PDF-"):
        return "pdf", "PDF", "application/pdf"
    if header[:4] == b"RIFF":
        return _sniff_riff(header[8:12])
    if header[4:8] == b"ftyp":
        return _sniff_ftyp(header, path)
    if header.startswith((b"#!AMR\n", b"#!AMR-WB\n")):
        return "audio", "AMR", "audio/amr"
    if header.startswith((b"#!SILK_V3", b"\x02#!SILK_V3")):  # WeChat voice messages (the \x02 is WeChat's)
        return "audio", "SILK", "audio/silk"
    if header.startswith(b"OggS"):
        if b"\x80theora" in header:
            return "video", "OGG", "video/ogg"
        return "audio", "OGG", "audio/ogg"
    if header.startswith(b"ID3") or _is_mpeg_audio_frame(header):
        return "audio", "MP3", "audio/mpeg"
    if _is_adts_frame(header):
        return "audio", "AAC", "audio/aac"
    if header.startswith(b"\x1a\x45\xdf\xa3"):
        if b"webm" in header[:64]:
            return "video", "WebM", "video/webm"
        return "video", "MKV", "video/x-matroska"
    if header[4:8] in (b"moov", b"mdat", b"wide", b"free", b"pnot"):
        return "video", "MOV", "video/quicktime"  # QuickTime files older than the ftyp box
    return None


def _sniff_riff(form: bytes) -> tuple[str, str, str] | None:
    """RIFF is a container: the form type says WAV, WebP or AVI."""
    return {
        b"WAVE": ("audio", "WAV", "audio/wav"),
        b"WEBP": ("image", "WEBP", "image/webp"),
        b"AVI ": ("video", "AVI", "video/x-msvideo"),
    }.get(form)


def _is_mpeg_audio_frame(header: bytes) -> bool:
    """An MP3 without ID3 tag starts with an MPEG audio frame header (Layer I–III)."""
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        return False
    version, layer = (header[1] >> 3) & 3, (header[1] >> 1) & 3
    bitrate, rate = header[2] >> 4, (header[2] >> 2) & 3
    return version != 1 and layer != 0 and bitrate not in (0, 15) and rate != 3


def _is_adts_frame(header: bytes) -> bool:
    """Raw AAC (ADTS) shares the MPEG sync word but has layer bits 00."""
    return len(header) >= 7 and header[0] == 0xFF and header[1] & 0xF6 == 0xF0


_M4A_BRANDS = {b"M4A ", b"M4B ", b"M4P ", b"F4A ", b"F4B "}
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx"}
_AVIF_BRANDS = {b"avif", b"avis"}
_MP4_VIDEO_BRANDS = {
    b"isom",
    b"iso2",
    b"iso3",
    b"iso4",
    b"iso5",
    b"iso6",
    b"mp41",
    b"mp42",
    b"avc1",
    b"M4V ",
    b"M4VH",
    b"M4VP",
    b"dash",
    b"mmp4",
    b"MSNV",
    b"f4v ",
}


def _sniff_ftyp(header: bytes, path: Path) -> tuple[str, str, str] | None:
    """ISO media (MP4, MOV, M4A, 3GP, HEIC): the brands in the ftyp box say which."""
    major, brands = _ftyp_brands(header)
    if major in _M4A_BRANDS:
        return "audio", "M4A", "audio/mp4"
    if major == b"qt  ":
        return "video", "MOV", "video/quicktime"
    if major[:3] in (b"3gp", b"3g2"):
        return "video", "3GP", "video/3gpp"
    if brands & _AVIF_BRANDS:
        return "image", "AVIF", "image/avif"
    if brands & _HEIF_BRANDS or major in (b"mif1", b"msf1"):
        return "image", "HEIF", "image/heic"
    if brands & _M4A_BRANDS:
        return "audio", "M4A", "audio/mp4"
    if brands & _MP4_VIDEO_BRANDS:
        # Voice recorders often write plain isom/mp42 brands: only the tracks tell audio from video.
        handlers = _mp4_handler_types(path)
        if b"soun" in handlers and b"vide" not in handlers:
            return "audio", "M4A", "audio/mp4"
        return "video", "MP4", "video/mp4"
    return None


def _ftyp_brands(header: bytes) -> tuple[bytes, set[bytes]]:
    """Major brand and the set of all brands (major plus compatible) of the ftyp box."""
    box_size = struct.unpack(">I", header[:4])[0]
    end = min(max(box_size, 16), len(header))
    major = header[8:12]
    compatible = {header[i : i + 4] for i in range(16, end - 3, 4)}
    return major, compatible | {major}


def _mp4_handler_types(path: Path) -> set[bytes]:
    """Handler types ('vide', 'soun' …) of every track, found by scanning for 'hdlr' boxes."""
    found: set[bytes] = set()
    tail = b""
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK_BYTES):
            data = tail + chunk
            for m in re.finditer(b"hdlr", data):
                # hdlr: version/flags (4), pre_defined (4), then the handler type.
                handler = data[m.start() + 12 : m.start() + 16]
                if len(handler) == 4:
                    found.add(handler)
            tail = data[-16:]
    return found


# ---------------------------------------------------------------- images


def _inspect_image(path: Path, sniffed: str) -> tuple[str, int, int, dt.date | None]:
    """Decode the image fully (a truncated screenshot is useless) and read size and EXIF date.

    The pixel count is read from the header first: a picture over the bound is refused
    before anything decodes it.
    """
    formats = _pillow_formats(sniffed)
    try:
        with warnings.catch_warnings():  # Pillow's warning for big pictures: the bound below decides
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path, formats=formats) as im:
                size = im.size
        _refuse_too_many_pixels(*size)
        with Image.open(path, formats=formats) as im:
            im.verify()
        with Image.open(path, formats=formats) as im:
            fmt, (width, height) = str(im.format), im.size  # set for every file Image.open recognises
            if fmt == "PNG":  # verify() already checked every chunk's CRC; decoding adds nothing
                taken = _exif_taken_date(im) if "exif" in im.info else None  # an eXIf after the pixels is rare
            else:
                taken = _exif_taken_date(im)
                im.load()
    except Image.DecompressionBombError:  # Pillow's own, far higher bound, met while opening
        raise EvidenceFileRejected(
            f"图片像素数过大（超过 {MAX_IMAGE_PIXELS // 10_000:,} 万像素），疑似异常文件；"
            "请重新截图或导出为普通尺寸的图片"
        ) from None
    except EvidenceFileRejected:
        raise
    except (OSError, SyntaxError, ValueError, EOFError, struct.error):
        raise EvidenceFileRejected(
            f"文件内容是 {_FORMAT_NAMES.get(sniffed, sniffed)} 图片，但已损坏或不完整，无法打开；请重新截图或导出"
        ) from None
    fmt = "JPEG" if fmt == "MPO" else fmt  # phone cameras' multi-picture JPEG is still a JPEG
    return fmt, width, height, taken


_FORMAT_NAMES = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WebP", "HEIF": "HEIC", "AVIF": "AVIF"}


def _refuse_too_many_pixels(width: int, height: int) -> None:
    if width * height > MAX_IMAGE_PIXELS:
        raise EvidenceFileRejected(
            f"图片为 {width}×{height} 像素（约 {width * height / 10_000:,.0f} 万像素），超过上限 "
            f"{MAX_IMAGE_PIXELS // 10_000:,} 万像素；请截取需要的部分，或缩小后再提交"
        )


# ---------------------------------------------------------------- what follows an image


def embedded_image(path: str) -> str | io.BytesIO:
    """The image as it goes into a filing: its path, or when bytes follow the picture, the picture alone.

    Whatever follows a PNG's IEND or a JPEG's end marker (an appended ZIP, say) is no part of
    the picture and must not travel inside a Word file.
    """
    data = Path(path).read_bytes()
    end = _data_end(data)
    return path if end is None or end >= len(data) else io.BytesIO(data[:end])


def _image_data_end(path: Path, fmt: str, size: int) -> int | None:
    """Where the picture's data ends, when bytes follow it; None when it fills the file."""
    if fmt not in _DOCX_IMAGE_FORMATS:
        return None  # other formats are re-encoded for Word, which drops anything appended
    try:
        end = _data_end(path.read_bytes())
    except OSError as e:
        raise _unreadable(e) from None
    return end if end is not None and end < size else None


def _data_end(data: bytes) -> int | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _png_end(data)
    if data.startswith(b"\xff\xd8"):
        return _jpeg_end(data)
    return None


def _png_end(data: bytes) -> int | None:
    """The offset just past the IEND chunk (chunks: length, type, data, CRC)."""
    at = 8
    while at + 8 <= len(data):
        length = struct.unpack(">I", data[at : at + 4])[0]
        kind = data[at + 4 : at + 8]
        at += 12 + length
        if kind == b"IEND":
            return at
    return None


def _jpeg_end(data: bytes) -> int | None:
    """The offset just past the end-of-image marker, walking segments and entropy-coded scans."""
    at, n = 2, len(data)
    while at + 2 <= n:
        if data[at] != 0xFF:
            return None  # not a marker where one must be: leave the file as it is
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
        elif marker == 0xD9:
            return at + 2
        elif marker == 0x01 or 0xD0 <= marker <= 0xD7:  # markers without a length
            at += 2
        else:
            if at + 4 > n:
                return None
            at += 2 + struct.unpack(">H", data[at + 2 : at + 4])[0]
            if marker == 0xDA:
                scan_end = _after_scan(data, at)
                if scan_end is None:
                    return None
                at = scan_end
    return None


def _after_scan(data: bytes, at: int) -> int | None:
    """The next marker after entropy-coded data, where 0xFF is followed by 0x00, a restart or fill."""
    found = _NEXT_MARKER.search(data, at)
    return found.start() if found else None


_NEXT_MARKER = re.compile(rb"\xff(?=[\x01-\xcf\xd8-\xfe])")


# ---------------------------------------------------------------- PDF, audio and video


def _check_pdf(path: Path) -> None:
    """A PDF must open: its cross-reference found and every page in its page tree readable."""
    from pypdf import PdfReader

    try:
        with _quiet("pypdf"):
            reader = PdfReader(path, strict=False)
            if reader.is_encrypted:
                raise EvidenceFileRejected("PDF 设有打开密码，平台和法院无法查看；请导出或打印为不加密的 PDF")
            pages = list(reader.pages)
            for page in pages:
                page.mediabox  # noqa: B018 — each page's dictionary is read and checked
    except EvidenceFileRejected:
        raise
    except Exception:  # noqa: BLE001 — any failure of the parser means the same: it does not open
        raise EvidenceFileRejected(_DAMAGED_PDF) from None
    if not pages:
        raise EvidenceFileRejected(_DAMAGED_PDF)


_DAMAGED_PDF = "文件内容是 PDF，但已损坏或不完整（可能没有下载或复制完），无法打开；请重新导出或下载"


@contextlib.contextmanager
def _quiet(logger_name: str):
    """Silence a library's logger for a moment: its complaints about a bad file are our refusal."""
    logger = logging.getLogger(logger_name)  # its modules log to child loggers: the level reaches them
    before = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(before)


# The parser (mutagen module, class) that must read each format; formats not here have none.
_MEDIA_PARSERS = {
    "MP3": ("mutagen.mp3", "MP3"),
    "WAV": ("mutagen.wave", "WAVE"),
    "M4A": ("mutagen.mp4", "MP4"),
    "AAC": ("mutagen.aac", "AAC"),
    "MP4": ("mutagen.mp4", "MP4"),
    "MOV": ("mutagen.mp4", "MP4"),
    "3GP": ("mutagen.mp4", "MP4"),
}
_OGG_PARSERS = (
    ("mutagen.oggopus", "OggOpus"),
    ("mutagen.oggvorbis", "OggVorbis"),
    ("mutagen.oggspeex", "OggSpeex"),
    ("mutagen.oggflac", "OggFLAC"),
    ("mutagen.oggtheora", "OggTheora"),
)
# Phones write these: no common parser reads them, so the header has to do, with a word to the user.
_PHONE_VOICE_NOTES = {
    "AMR": "是 AMR 格式的语音（手机录音和微信语音常见），电脑上的常见播放器可能无法直接播放；"
    "提交时建议另附一份转换为 MP3 的副本，并保留原文件",
    "SILK": "是微信语音的 SILK 格式，常见播放器无法直接播放；提交时建议另附一份转换为 MP3 的副本，并保留原文件",
}
# Call recorders often write M4A/AAC files that parsers reject yet phones play.
_LENIENT_FORMATS = {"M4A", "AAC"}


def _check_media(path: Path, kind: str, fmt: str) -> str | None:
    """An audio or video file must be readable by a common parser; None, or a note for the user."""
    if fmt in _PHONE_VOICE_NOTES:
        return _PHONE_VOICE_NOTES[fmt]
    parsers = _OGG_PARSERS if fmt == "OGG" else (_MEDIA_PARSERS[fmt],) if fmt in _MEDIA_PARSERS else ()
    if not parsers:
        return None  # WebM/MKV, AVI: nothing common reads them without a media framework; the header decides
    if any(_parses(path, module, name) for module, name in parsers):
        return None
    if fmt in _LENIENT_FORMATS:
        return (
            f"是 {fmt} 录音，但本机无法解析其内容（部分手机的通话录音如此）；请确认它能在手机上正常播放，并保留原文件"
        )
    what = "音频" if kind == "audio" else "视频"
    raise EvidenceFileRejected(
        f"文件内容看起来是 {fmt} {what}，但已损坏、不完整或并非真正的{what}，无法解析；请重新导出原始文件"
    )


def _parses(path: Path, module: str, name: str) -> bool:
    parser = getattr(importlib.import_module(module), name)
    try:
        with _quiet("mutagen"):
            parser(path)
    except Exception:  # noqa: BLE001 — mutagen's errors differ by format; each means it cannot read the file
        return False
    return True


# Audio names and the formats their content may be. Images keep whatever name people gave
# them (a PNG saved as .jpg is common and harmless); a recording whose name and content
# disagree is not what the user thinks it is.
_AUDIO_SUFFIX_FORMATS = {
    ".mp3": {"MP3"},
    ".wav": {"WAV"},
    ".m4a": {"M4A", "AAC", "MP4"},
    ".aac": {"AAC", "M4A"},
    ".amr": {"AMR", "SILK"},
    ".silk": {"SILK"},
    ".slk": {"SILK"},
    ".ogg": {"OGG"},
    ".opus": {"OGG"},
}


def _refuse_name_contradiction(path: Path, kind: str, fmt: str) -> None:
    allowed = _AUDIO_SUFFIX_FORMATS.get(path.suffix.lower())
    if allowed is None or (kind == "audio" and fmt in allowed):
        return
    what = {"audio": "音频", "video": "视频", "image": "图片", "pdf": "文件"}[kind]
    raise EvidenceFileRejected(
        f"文件名以 {path.suffix} 结尾（音频），但内容是 {fmt} {what}，文件名与内容不符；"
        "请确认这是原始录音文件，必要时改回正确的扩展名"
    )


def _pillow_formats(sniffed: str) -> list[str]:
    """The Pillow plugins allowed to open a file that sniffed as this format."""
    if sniffed == "JPEG":
        return ["JPEG", "MPO"]
    if sniffed == "HEIF" and not _heif_supported():
        raise EvidenceFileRejected(
            "文件内容是 HEIC 照片，但本机的图像库无法读取 HEIC；"
            f"请在手机上改存为 JPEG（或重新截图为 PNG）后再提交。可接受的类型：{ACCEPTED_TYPES}"
        )
    if sniffed == "AVIF" and not features.check("avif"):
        raise EvidenceFileRejected(
            f"文件内容是 AVIF 图片，但本机的图像库无法读取；请转存为 JPEG 或 PNG。可接受的类型：{ACCEPTED_TYPES}"
        )
    return [sniffed]


def _heif_supported() -> bool:
    """Whether Pillow can open HEIC here: only with the optional pillow-heif plugin."""
    Image.init()
    if "HEIF" in Image.OPEN:
        return True
    try:
        from pillow_heif import register_heif_opener
    except ImportError:
        return False
    register_heif_opener()
    return True


_EXIF_IFD = 0x8769
_DATETIME_ORIGINAL = 36867


def _exif_taken_date(im: Image.Image) -> dt.date | None:
    """EXIF DateTimeOriginal as a date; None when absent or blank (0000:00:00)."""
    try:
        value = im.getexif().get_ifd(_EXIF_IFD).get(_DATETIME_ORIGINAL)
    except (OSError, SyntaxError, ValueError, struct.error):
        return None  # a broken EXIF block says nothing about the image itself
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    if not isinstance(value, str):
        return None
    m = re.match(r"\s*(\d{4}):(\d{2}):(\d{2})", value)
    if not m:
        return None
    try:
        return dt.date(*(int(g) for g in m.groups()))
    except ValueError:
        return None


# ---------------------------------------------------------------- refusal messages

_SUFFIX_KINDS = {
    ".png": "图片",
    ".jpg": "图片",
    ".jpeg": "图片",
    ".webp": "图片",
    ".heic": "图片",
    ".gif": "图片",
    ".pdf": "PDF 文件",
    ".wav": "音频",
    ".mp3": "音频",
    ".m4a": "音频",
    ".aac": "音频",
    ".amr": "音频",
    ".ogg": "音频",
    ".opus": "音频",
    ".silk": "音频",
    ".slk": "音频",
    ".mp4": "视频",
    ".mov": "视频",
    ".3gp": "视频",
    ".webm": "视频",
    ".mkv": "视频",
    ".avi": "视频",
}


def _unsupported_message(header: bytes, path: Path) -> str:
    """Say what the file really looks like, what its name claims, and what is accepted."""
    looks = _what_it_looks_like(header)
    claimed = _SUFFIX_KINDS.get(path.suffix.lower())
    if claimed:
        lead = f"文件名以 {path.suffix} 结尾，但内容不是受支持的{claimed}，看起来是{looks}"
    else:
        lead = f"不是受支持的证据文件类型，内容看起来是{looks}"
    return f"{lead}。可接受的类型：{ACCEPTED_TYPES}"


def _what_it_looks_like(header: bytes) -> str:
    """A short Chinese description of an unaccepted file, from its first bytes."""
    signatures = (
        (b"GIF87a", "GIF 动图（请改用截图保存为 PNG）"),
        (b"GIF89a", "GIF 动图（请改用截图保存为 PNG）"),
        (b"BM", "BMP 位图（请另存为 PNG）"),
        (b"II*\x00", "TIFF 图片（请另存为 PNG 或 JPEG）"),
        (b"MM\x00*", "TIFF 图片（请另存为 PNG 或 JPEG）"),
        (b"PK\x03\x04", "ZIP 压缩包或 Office 文档（如 .docx、.xlsx）"),
        (b"Rar!", "RAR 压缩包"),
        (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
        (b"\xd0\xcf\x11\xe0", "旧版 Office 文档（如 .doc、.xls）"),
        (b"{\\rtf", "RTF 文档"),
    )
    for magic, description in signatures:
        if header.startswith(magic):
            return description
    text = _as_text(header)
    if text is None:
        return "无法识别的二进制文件"
    if re.match(r"\s*<(!doctype html|html|\?xml)", text, re.IGNORECASE):
        return "网页或 XML 文本（请对页面截图，或打印为 PDF）"
    return "纯文本文件"


def _as_text(header: bytes) -> str | None:
    """The header decoded as text when it is mostly printable, else None."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if header.startswith(bom):
            return header[len(bom) :].decode(encoding, "replace")
    text = header.decode("utf-8", "replace")
    if not text:
        return None
    # Undecodable bytes become U+FFFD, which counts as printable: count it as binary.
    printable = sum((ch.isprintable() and ch != "\ufffd") or ch in "\r\n\t" for ch in text)
    # The 5% slack lets a multi-byte character cut at the end of the header pass.
    return text if printable >= 0.95 * len(text) and "\x00" not in text else None


# ---------------------------------------------------------------- numbering


def number_exhibits(evidence: Sequence[EvidenceItem], infos: list[FileInfo]) -> list[Exhibit]:
    """Number the evidence 证据1, 证据2 … by category, then as listed within a category."""
    if len(evidence) != len(infos):
        raise ValueError(f"number_exhibits: {len(evidence)} evidence entries but {len(infos)} file infos")
    order = sorted(range(len(evidence)), key=lambda i: CATEGORY_ORDER.index(evidence[i].category))
    return [_exhibit(n, i, evidence[i], infos[i]) for n, i in enumerate(order, start=1)]


def _exhibit(number: int, index: int, entry: EvidenceItem, info: FileInfo) -> Exhibit:
    """One Exhibit from a case's evidence entry and what its file turned out to be."""
    category = entry.category
    disclosed = entry.recording_disclosed if info.kind == "audio" else None
    return Exhibit(
        number=number,
        label=f"证据{number}",
        index=index,
        file=entry.file,
        name=_file_name(entry.file),
        category=category,
        category_label=CATEGORY_LABELS[category],
        description=entry.description,
        kind=info.kind,
        mime=info.mime,
        format=info.format,
        sha256=info.sha256,
        size=info.size,
        date=info.date,
        width=info.width,
        height=info.height,
        recording_disclosed=disclosed,
        embeddable=info.kind == "image" and info.format in _DOCX_IMAGE_FORMATS,
        note=info.note,
    )


def _file_name(file: str) -> str:
    """The last part of the path as the user wrote it; Windows users write backslashes."""
    return re.split(r"[\\/]", file.rstrip("\\/"))[-1]


# ---------------------------------------------------------------- gaps and warnings


def evidence_gaps(case: Case, exhibits: list[Exhibit]) -> list[str]:
    """Chinese warnings for evidence each problem needs but the case does not have (rules.yaml `evidence_needed`)."""
    from generator.law.provisions import evidence_needed  # the statutes load only when a case is analysed

    have = {e.category for e in exhibits}
    needs = evidence_needed()
    gaps = [n["warning"] for n in needs if n["problem"] == "any" and n["category"] not in have]
    for problem in case.problems:
        for need in needs:
            if need["problem"] != problem.type or need["category"] in have:
                continue
            given = need.get("if_given")
            if given is None:
                gaps.append(need["warning"])
            elif value := getattr(problem, given):
                gaps.append(need["warning"].format_map({"when": _when(value)}))
    return gaps


def _when(value: object) -> str:
    """A date or date-time from the case, as people write it."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def file_warnings(exhibits: list[Exhibit]) -> list[str]:
    """What the user should know about an exhibit's file itself (its format, what was stripped)."""
    return [f"{e.label}（{e.name}）{e.note}" for e in exhibits if e.note]


def recording_warnings(exhibits: list[Exhibit]) -> list[str]:
    """A warning for each audio exhibit not stated to have been disclosed to the other side."""
    return [_recording_warning(e) for e in exhibits if e.kind == "audio" and e.recording_disclosed is not True]


def _recording_warning(exhibit: Exhibit) -> str:
    """Why an undisclosed recording is still usable, and what to do on the next call."""
    if exhibit.recording_disclosed is False:
        state = "案件写明录音时未告知对方"
    else:
        state = "案件未写明录音时是否告知了对方（recording_disclosed）"
    return (
        f"{exhibit.label}（{exhibit.name}）是录音，{state}。"
        "作为通话一方自行录制的录音，一般可以作为证据；"
        "以严重侵害他人合法权益、违反法律禁止性规定或者严重违背公序良俗的方法形成或者获取的除外"
        f"（见{recording_rule()}）。"
        "请保留未经剪辑的原始录音文件；今后与平台通话时，建议在开头说明“正在通话录音”。"
    )
