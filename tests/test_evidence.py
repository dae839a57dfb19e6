"""Tests for generator.case.evidence: file inspection, exhibit numbering, gaps and recording warnings."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import io
import os
import struct
import wave
import zlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from generator.case import evidence
from generator.case.evidence import (
    FileInfo,
    evidence_gaps,
    inspect_file,
    number_exhibits,
    recording_warnings,
)
from generator.case.model import Case, EvidenceItem
from generator.errors import EvidenceFileRejected, FilingError
from tests.conftest import typed_case

ROOT = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------- builders


def make_image(path: Path, fmt: str = "PNG", size=(40, 30), exif_taken: str | None = None) -> Path:
    """Write a small real image with Pillow, optionally with EXIF DateTimeOriginal."""
    im = Image.new("RGB", size, (200, 30, 30))
    kwargs = {}
    if exif_taken:
        exif = Image.Exif()
        exif.get_ifd(0x8769)[36867] = exif_taken
        kwargs["exif"] = exif
    im.save(path, format=fmt, **kwargs)
    return path


def make_wav(path: Path) -> Path:
    """Write 0.1 s of silence, 8 kHz mono 16-bit."""
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\x00\x00" * 800)
    return path


def make_pdf(path: Path, pages: int = 1) -> Path:
    """Write a real PDF of blank A4 pages, with its cross-reference table."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


MP3_FRAME = b"\xff\xfb\x90\x64" + b"\x00" * 413  # MPEG-1 Layer III, 128 kbit/s, 44.1 kHz: 417 bytes
ADTS_FRAME = b"\xff\xf1\x50\x80\x02\x1f\xfc" + b"\x00" * 9  # AAC-LC, one 16-byte frame


def mp3_bytes(frames: int = 20) -> bytes:
    return MP3_FRAME * frames


def ogg_opus_bytes() -> bytes:
    """An Ogg Opus stream: identification, comment and one audio page, with real CRCs."""
    from mutagen.ogg import OggPage

    pages = []
    for sequence, packet, position in (
        (0, b"OpusHead\x01\x01\x38\x01\x80\xbb\x00\x00\x00\x00\x00", 0),
        (1, b"OpusTags\x04\x00\x00\x00test\x00\x00\x00\x00", 0),
        (2, b"\x00" * 10, 48000),
    ):
        page = OggPage()
        page.packets, page.serial, page.sequence, page.position = [packet], 1, sequence, position
        page.first, page.last = sequence == 0, sequence == 2
        pages.append(page.write())
    return b"".join(pages)


def box(kind: bytes, payload: bytes) -> bytes:
    """One ISO-BMFF box: 32-bit size, type, payload."""
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def ftyp(major: bytes, *compatible: bytes) -> bytes:
    """An ftyp box with these brands."""
    return box(b"ftyp", major + b"\x00\x00\x02\x00" + b"".join(compatible))


def hdlr(handler: bytes) -> bytes:
    """A track handler box ('vide', 'soun')."""
    return box(b"hdlr", b"\x00\x00\x00\x00" + b"\x00\x00\x00\x00" + handler + b"\x00" * 12 + b"\x00")


def info(kind="image", fmt="PNG", mime="image/png", sha="0" * 64, size=100) -> FileInfo:
    """A FileInfo made by hand, for numbering and warning tests."""
    return FileInfo(
        kind=kind,
        mime=mime,
        format=fmt,
        size=size,
        sha256=sha,
        width=10 if kind == "image" else None,
        height=10 if kind == "image" else None,
    )


def entry(file: str, category: str, **extra) -> EvidenceItem:
    """One validated evidence entry of a case."""
    return EvidenceItem(file=file, category=category, description=f"{file} 的说明", **extra)


# ---------------------------------------------------------------- inspect_file: accepted types


def test_png_named_jpg_is_accepted_as_png(tmp_path):
    """The type comes from the content: a PNG called .jpg is a PNG."""
    path = make_image(tmp_path / "bill.jpg", "PNG", size=(540, 960))
    got = inspect_file(path)
    assert (got.kind, got.format, got.mime) == ("image", "PNG", "image/png")
    assert (got.width, got.height) == (540, 960)
    assert got.size == path.stat().st_size
    assert got.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_jpeg_exif_date_taken_is_read(tmp_path):
    """EXIF DateTimeOriginal gives the date the photo was taken."""
    path = make_image(tmp_path / "photo.jpeg", "JPEG", exif_taken="2026:09:01 20:16:05")
    got = inspect_file(path)
    assert (got.format, got.mime) == ("JPEG", "image/jpeg")
    assert got.date == dt.date(2026, 9, 1)


def test_file_system_time_is_never_the_evidence_date(tmp_path):
    """Without EXIF the date is unknown, whatever the file's mtime says."""
    path = make_image(tmp_path / "shot.png")
    os.utime(path, (1_700_000_000, 1_700_000_000))
    assert inspect_file(path).date is None


def test_blank_exif_date_is_unknown(tmp_path):
    """Cameras write 0000:00:00 when the clock was never set: not a date."""
    path = make_image(tmp_path / "photo.jpg", "JPEG", exif_taken="0000:00:00 00:00:00")
    assert inspect_file(path).date is None


def test_webp_is_an_image_but_not_embeddable(tmp_path):
    """WebP is accepted; python-docx cannot place it, so it is not embeddable."""
    path = make_image(tmp_path / "page.webp", "WEBP", size=(64, 48))
    got = inspect_file(path)
    assert (got.kind, got.format, got.mime, got.width, got.height) == ("image", "WEBP", "image/webp", 64, 48)
    [exhibit] = number_exhibits([entry("page.webp", "advertisement")], [got])
    assert exhibit.embeddable is False


def test_wav_is_audio(tmp_path):
    """A RIFF/WAVE file is audio, whatever its name."""
    got = inspect_file(make_wav(tmp_path / "call.dat"))
    assert (got.kind, got.format, got.mime) == ("audio", "WAV", "audio/wav")
    assert got.width is None and got.date is None


def test_pdf_is_pdf(tmp_path):
    """A file starting with %PDF- is a PDF."""
    got = inspect_file(make_pdf(tmp_path / "statement.pdf"))
    assert (got.kind, got.format, got.mime) == ("pdf", "PDF", "application/pdf")


@pytest.mark.parametrize(
    ("content", "kind", "fmt"),
    [
        (b"ID3\x03\x00\x00\x00\x00\x00\x00" + mp3_bytes(), "audio", "MP3"),
        (mp3_bytes(), "audio", "MP3"),
        (ADTS_FRAME * 20, "audio", "AAC"),
        (b"#!AMR\n" + b"\x3c" * 100, "audio", "AMR"),
        (b"\x02#!SILK_V3" + b"\x00" * 100, "audio", "SILK"),
        (b"#!SILK_V3" + b"\x00" * 100, "audio", "SILK"),
        (ogg_opus_bytes(), "audio", "OGG"),
        (ftyp(b"M4A ", b"M4A ", b"mp42", b"isom") + box(b"moov", b"") + box(b"mdat", b"\x00" * 64), "audio", "M4A"),
        (ftyp(b"isom", b"isom", b"mp42") + box(b"moov", hdlr(b"soun")), "audio", "M4A"),
        (ftyp(b"isom", b"isom", b"mp42") + box(b"moov", hdlr(b"vide") + hdlr(b"soun")), "video", "MP4"),
        (ftyp(b"mp42", b"mp41", b"isom") + box(b"moov", b"") + box(b"mdat", b"\x00" * 64), "video", "MP4"),
        (ftyp(b"qt  ", b"qt  ") + box(b"moov", b"") + box(b"mdat", b"\x00" * 64), "video", "MOV"),
        (ftyp(b"3gp4", b"3gp4", b"isom") + box(b"moov", b"") + box(b"mdat", b"\x00" * 64), "video", "3GP"),
    ],
    ids=[
        "mp3-id3",
        "mp3-frame",
        "aac-adts",
        "amr",
        "silk-wechat",
        "silk",
        "opus",
        "m4a",
        "m4a-plain-brand",
        "mp4-with-sound",
        "mp4",
        "mov",
        "3gp",
    ],
)
def test_audio_and_video_are_recognised_by_content(tmp_path, content, kind, fmt):
    """Audio and video are recognised by their magic bytes and brands, under a meaningless name."""
    path = tmp_path / "upload.bin"
    path.write_bytes(content)
    got = inspect_file(path)
    assert (got.kind, got.format) == (kind, fmt)


# ---------------------------------------------------------------- inspect_file: refusals


def test_text_named_png_is_refused_as_not_an_image(tmp_path):
    """A text file called .png is refused, saying what it really is and what is accepted."""
    path = tmp_path / "order.png"
    path.write_text("订单号 KM202609011234567，金额 158 元\n", encoding="utf-8")
    with pytest.raises(EvidenceFileRejected) as caught:
        inspect_file(path)
    message = str(caught.value)
    assert "文件名以 .png 结尾，但内容不是受支持的图片" in message
    assert "纯文本文件" in message
    assert "图片（PNG、JPEG、WebP）" in message and "PDF" in message


def test_refusal_is_a_value_error_and_a_filing_error(tmp_path):
    """Validation catches ValueError; an uncaught refusal still prints as a FilingError."""
    path = tmp_path / "x.png"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(ValueError) as caught:
        inspect_file(path)
    assert isinstance(caught.value, FilingError)


def test_saved_web_page_is_described_as_html(tmp_path):
    """A web page saved under an image name is called a web page."""
    path = tmp_path / "ad.jpg"
    path.write_text("<!DOCTYPE html><html><body>内部渠道折扣券</body></html>", encoding="utf-8")
    with pytest.raises(EvidenceFileRejected, match="网页或 XML 文本"):
        inspect_file(path)


def test_gif_is_refused_by_name(tmp_path):
    """GIF is not an accepted type; the message names it."""
    path = make_image(tmp_path / "anim.png", "GIF")
    with pytest.raises(EvidenceFileRejected, match="GIF 动图"):
        inspect_file(path)


def test_unknown_binary_without_known_suffix(tmp_path):
    """Random bytes under an unknown suffix are refused as unrecognised binary data."""
    path = tmp_path / "blob.xyz"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(EvidenceFileRejected) as caught:
        inspect_file(path)
    assert str(caught.value).startswith("不是受支持的证据文件类型，内容看起来是无法识别的二进制文件")


def test_heic_without_plugin_is_refused_with_advice(tmp_path, monkeypatch):
    """HEIC is accepted only when Pillow can open it; otherwise say how to convert it."""
    monkeypatch.setattr(evidence, "_heif_supported", lambda: False)
    path = tmp_path / "IMG_0001.HEIC"
    path.write_bytes(ftyp(b"heic", b"mif1", b"heic") + box(b"meta", b"\x00" * 40))
    with pytest.raises(EvidenceFileRejected, match="文件内容是 HEIC 照片，但本机的图像库无法读取 HEIC"):
        inspect_file(path)


def test_truncated_png_is_refused_as_damaged(tmp_path):
    """A screenshot cut short in transfer is refused as damaged, not accepted."""
    full = make_image(tmp_path / "full.png", "PNG", size=(200, 200)).read_bytes()
    path = tmp_path / "cut.png"
    path.write_bytes(full[: len(full) // 2])
    with pytest.raises(EvidenceFileRejected, match="PNG 图片，但已损坏或不完整"):
        inspect_file(path)


def test_empty_file_is_refused(tmp_path):
    """An empty file is refused with a reason saying it is empty."""
    path = tmp_path / "empty.png"
    path.write_bytes(b"")
    with pytest.raises(EvidenceFileRejected, match=r"文件是空的（0 字节）"):
        inspect_file(path)


def test_oversize_file_is_refused_with_size_and_limit(tmp_path, monkeypatch):
    """Over the limit: the message gives the size found and the limit."""
    monkeypatch.setattr(evidence, "MAX_EVIDENCE_BYTES", 2048)
    path = tmp_path / "big.wav"
    path.write_bytes(b"RIFF\x00\x00\x00\x00WAVE" + b"\x00" * 3060)
    with pytest.raises(EvidenceFileRejected) as caught:
        inspect_file(path)
    assert "文件大小为 3 KiB，超过上限 2 KiB" in str(caught.value)


def test_default_limit_is_20_mib():
    """The documented limit."""
    assert evidence.MAX_EVIDENCE_BYTES == 20 * 1024 * 1024


def test_directory_is_refused(tmp_path):
    """A folder is not an evidence file."""
    with pytest.raises(EvidenceFileRejected, match="这是一个文件夹"):
        inspect_file(tmp_path)


def test_missing_file_is_refused(tmp_path):
    """A path that does not exist is refused in Chinese."""
    with pytest.raises(EvidenceFileRejected, match="找不到该文件"):
        inspect_file(tmp_path / "nope.png")


def test_unreadable_file_is_refused(tmp_path, monkeypatch):
    """A file the OS will not open is refused (simulated: tests may run as root)."""
    path = make_image(tmp_path / "locked.png")

    def deny(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", deny)
    with pytest.raises(EvidenceFileRejected, match="没有读取权限"):
        inspect_file(path)


# ---------------------------------------------------------------- number_exhibits

CATEGORIES = ["transaction", "rights_anomaly", "advertisement", "communication"]


def sample_evidence() -> list[dict]:
    """Six entries listed out of category order."""
    return [
        entry("evidence/chat1.png", "communication"),
        entry("evidence/ad.png", "advertisement"),
        entry("evidence/bill.png", "transaction"),
        entry("evidence/chat2.png", "communication"),
        entry("evidence/member.png", "rights_anomaly"),
        entry("evidence/bill2.png", "transaction"),
    ]


def test_numbering_groups_by_category_then_listing_order():
    """transaction, rights_anomaly, advertisement, communication; listing order within each."""
    ev = sample_evidence()
    exhibits = number_exhibits(ev, [info() for _ in ev])
    assert [(e.label, e.file) for e in exhibits] == [
        ("证据1", "evidence/bill.png"),
        ("证据2", "evidence/bill2.png"),
        ("证据3", "evidence/member.png"),
        ("证据4", "evidence/ad.png"),
        ("证据5", "evidence/chat1.png"),
        ("证据6", "evidence/chat2.png"),
    ]
    assert [e.index for e in exhibits] == [2, 5, 4, 1, 0, 3]
    assert [e.number for e in exhibits] == [1, 2, 3, 4, 5, 6]


def test_numbering_is_stable():
    """The same input gives the same numbers every time."""
    ev = sample_evidence()
    infos = [info() for _ in ev]
    assert number_exhibits(ev, infos) == number_exhibits(ev, infos)


def test_reordering_within_a_category_changes_only_that_category():
    """Swapping the two chats swaps 证据5 and 证据6 and nothing else."""
    ev = sample_evidence()
    swapped = list(ev)
    swapped[0], swapped[3] = swapped[3], swapped[0]
    before = {e.file: e.number for e in number_exhibits(ev, [info() for _ in ev])}
    after = {e.file: e.number for e in number_exhibits(swapped, [info() for _ in ev])}
    changed = {f for f in before if before[f] != after[f]}
    assert changed == {"evidence/chat1.png", "evidence/chat2.png"}
    assert (after["evidence/chat2.png"], after["evidence/chat1.png"]) == (5, 6)


@given(st.lists(st.sampled_from(CATEGORIES), max_size=12))
def test_numbering_property(categories):
    """For any list: numbers 1..n, categories in fixed order, listing order kept within each."""
    ev = [entry(f"f{i}.png", c) for i, c in enumerate(categories)]
    exhibits = number_exhibits(ev, [info() for _ in ev])
    assert [e.number for e in exhibits] == list(range(1, len(ev) + 1))
    assert [CATEGORIES.index(e.category) for e in exhibits] == sorted(CATEGORIES.index(c) for c in categories)
    for c in CATEGORIES:
        indexes = [e.index for e in exhibits if e.category == c]
        assert indexes == sorted(indexes)


def test_exhibit_carries_file_facts_and_chinese_labels(tmp_path):
    """Each exhibit's hash equals hashlib's, with name and labels (what it proves is the filings' to say)."""
    files = {
        "evidence/bill.png": ("transaction", make_image(tmp_path / "bill.png", size=(540, 960))),
        "evidence/member.jpg": ("rights_anomaly", make_image(tmp_path / "member.jpg", "JPEG")),
        "evidence/statement.pdf": ("advertisement", make_pdf(tmp_path / "statement.pdf")),
        "evidence/call.wav": ("communication", make_wav(tmp_path / "call.wav")),
    }
    ev = [entry(name, category) for name, (category, _) in files.items()]
    infos = [inspect_file(path) for _, path in files.values()]
    exhibits = number_exhibits(ev, infos)
    for e in exhibits:
        path = files[e.file][1]
        assert e.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert e.size == path.stat().st_size
    bill = exhibits[0]
    assert (bill.name, bill.category_label) == ("bill.png", "交易记录")
    assert (bill.width, bill.height, bill.embeddable, bill.description) == (540, 960, True, "evidence/bill.png 的说明")
    assert [e.category_label for e in exhibits] == ["交易记录", "权益异常", "宣传页面", "沟通记录"]
    assert [e.embeddable for e in exhibits] == [True, True, False, False]
    assert [e.kind for e in exhibits] == ["image", "image", "pdf", "audio"]


def test_recording_disclosed_is_kept_for_audio_only():
    """recording_disclosed means something only for a recording."""
    ev = [
        entry("a.wav", "communication", recording_disclosed=True),
        entry("b.png", "communication", recording_disclosed=False),
        entry("c.wav", "communication"),
    ]
    exhibits = number_exhibits(ev, [info("audio", "WAV", "audio/wav"), info(), info("audio", "WAV", "audio/wav")])
    assert [e.recording_disclosed for e in exhibits] == [True, None, None]


def test_file_name_from_a_windows_path():
    """Users on Windows write backslashes; the name is still the last part."""
    [e] = number_exhibits([entry("evidence\\订单截图.png", "transaction")], [info()])
    assert (e.file, e.name) == ("evidence\\订单截图.png", "订单截图.png")


def test_mismatched_lengths_are_a_bug():
    """Every evidence entry needs exactly one FileInfo."""
    with pytest.raises(ValueError):
        number_exhibits([entry("a.png", "transaction")], [])


# ---------------------------------------------------------------- evidence_gaps


def exhibits_for(*categories: str):
    """Exhibits of these categories, one image each."""
    ev = [entry(f"f{i}.png", c) for i, c in enumerate(categories)]
    return number_exhibits(ev, [info() for _ in ev])


def case_with(*problems: dict) -> Case:
    """A validated case whose problems are these (what evidence_gaps reads)."""
    return typed_case({"problems": list(problems)})


RIGHTS = {"type": "rights_mismatch", "description": "只有3个月体验会员"}
RENEWAL = {
    "type": "auto_renewal",
    "description": "取消后仍扣费",
    "cancel_requested_at": dt.date(2026, 10, 1),
    "charges": [{"date": dt.date(2026, 11, 1), "amount": "25.00"}],
}
NO_RESPONSE = {"type": "no_response", "description": "客服已读不回"}
FRAUD = {"type": "fraud", "description": "伪造兑换码"}


def test_complete_evidence_has_no_gaps():
    """Every category present: no warning for any problem type."""
    case = case_with(RIGHTS, RENEWAL, NO_RESPONSE, FRAUD)
    assert evidence_gaps(case, exhibits_for(*CATEGORIES)) == []


def test_missing_transaction_is_always_reported():
    """Every case needs the transaction record, whatever its problems."""
    gaps = evidence_gaps(case_with(NO_RESPONSE), exhibits_for("communication"))
    assert len(gaps) == 1
    assert gaps[0].startswith("缺少交易记录（category: transaction）")
    assert "无法核实这笔交易" in gaps[0]


@pytest.mark.parametrize(
    ("problem", "present", "expected"),
    [
        (RIGHTS, ["transaction", "rights_anomaly"], "会员权益与宣传不符：缺少宣传页面（category: advertisement）"),
        (RIGHTS, ["transaction", "advertisement"], "会员权益与宣传不符：缺少权益异常证据（category: rights_anomaly）"),
        (
            RENEWAL,
            ["transaction"],
            "自动续费：案件写明 2026-10-01 已申请关闭自动续费，但没有沟通记录（category: communication）",
        ),
        (FRAUD, ["transaction", "communication"], "虚假宣传或欺诈：缺少宣传页面（category: advertisement）"),
        (NO_RESPONSE, ["transaction"], "售后响应滞后或失联：没有沟通记录（category: communication）"),
    ],
    ids=["rights-no-ad", "rights-no-anomaly", "renewal-no-request-proof", "fraud-no-ad", "no-response-no-chat"],
)
def test_each_missing_piece_has_its_message(problem, present, expected):
    """Exactly one warning, naming the missing category and the problem it matters for."""
    gaps = evidence_gaps(case_with(problem), exhibits_for(*present))
    assert len(gaps) == 1
    assert gaps[0].startswith(expected)


def test_renewal_without_charge_records():
    """auto_renewal without any transaction: the general and the renewal warning both appear."""
    gaps = evidence_gaps(case_with(RENEWAL), exhibits_for("communication"))
    assert len(gaps) == 2
    assert gaps[0].startswith("缺少交易记录")
    assert gaps[1].startswith("自动续费：缺少续费扣款记录（category: transaction）")


def test_renewal_without_cancel_request_needs_no_communication():
    """No cancel_requested_at: nothing to prove about a request."""
    renewal = {k: v for k, v in RENEWAL.items() if k != "cancel_requested_at"}
    assert evidence_gaps(case_with(renewal), exhibits_for("transaction")) == []


def test_cancel_request_time_written_as_text_or_datetime():
    """cancel_requested_at may be a date-time or the text the user wrote."""
    for value, shown in ((dt.datetime(2026, 10, 1, 9, 30), "2026-10-01 09:30"), ("2026-10-01", "2026-10-01")):
        renewal = {**RENEWAL, "cancel_requested_at": value}
        [gap] = evidence_gaps(case_with(renewal), exhibits_for("transaction"))
        assert f"案件写明 {shown} 已申请关闭" in gap


# ---------------------------------------------------------------- recording_warnings


def audio_exhibits(**extra):
    """One audio exhibit (证据2, after a bill) with these evidence keys."""
    ev = [entry("evidence/bill.png", "transaction"), entry("evidence/call.wav", "communication", **extra)]
    return number_exhibits(ev, [info(), info("audio", "WAV", "audio/wav")])


@pytest.mark.parametrize(
    ("extra", "state"),
    [({"recording_disclosed": False}, "案件写明录音时未告知对方"), ({}, "案件未写明录音时是否告知了对方")],
    ids=["not-disclosed", "not-stated"],
)
def test_undisclosed_recording_is_warned(extra, state):
    """Not disclosed or not stated: a warning naming the article and advising what to say."""
    [warning] = recording_warnings(audio_exhibits(**extra))
    assert warning.startswith(f"证据2（call.wav）是录音，{state}")
    assert "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第一百零六条" in warning
    assert "“正在通话录音”" in warning
    assert "第一千零三十五条" not in warning


def test_disclosed_recording_is_not_warned():
    """The other side was told: nothing to warn about."""
    assert recording_warnings(audio_exhibits(recording_disclosed=True)) == []


def test_only_audio_is_warned_about():
    """Screenshots never get a recording warning."""
    assert recording_warnings(exhibits_for(*CATEGORIES)) == []


def test_no_warning_ever_cites_article_1035(tmp_path):
    """民法典 第一千零三十五条 is not the rule for recordings: it appears in no message."""
    case = case_with(RIGHTS, RENEWAL, NO_RESPONSE, FRAUD)
    texts = (
        evidence_gaps(case, [])
        + recording_warnings(audio_exhibits())
        + recording_warnings(audio_exhibits(recording_disclosed=False))
    )
    assert texts and all("第一千零三十五条" not in t and "一千零三十五" not in t for t in texts)


def test_real_wav_end_to_end(tmp_path):
    """A real WAV, inspected and numbered without recording_disclosed, is warned about."""
    path = make_wav(tmp_path / "call-recording.wav")
    [exhibit] = number_exhibits([entry("evidence/call-recording.wav", "communication")], [inspect_file(path)])
    [warning] = recording_warnings([exhibit])
    assert warning.startswith("证据1（call-recording.wav）是录音")


# ---------------------------------------------------------------- sample evidence script


def load_script():
    """Import scripts/make_sample_evidence.py as a module."""
    spec = importlib.util.spec_from_file_location("make_sample_evidence", ROOT / "scripts" / "make_sample_evidence.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sample_evidence_is_small_valid_and_deterministic(tmp_path):
    """Every sample screenshot is a 540×960 PNG under 60 KB, and two runs give the same bytes."""
    script = load_script()
    first, second = tmp_path / "a", tmp_path / "b"
    assert script.main(["--out", str(first)]) == 0
    assert script.main(["--out", str(second)]) == 0
    names = sorted(p.name for p in first.iterdir())
    assert len(names) == len(script.SCREENSHOTS) + 1 == 18 and "call-recording.wav" in names
    for name in names:
        got = inspect_file(first / name)
        assert got.sha256 == inspect_file(second / name).sha256
        if name.endswith(".png"):
            assert (got.format, got.width, got.height) == ("PNG", 540, 960)
            assert got.size < 60 * 1024
    wav = inspect_file(first / "call-recording.wav")
    assert (wav.kind, wav.format) == ("audio", "WAV")
    with wave.open(str(first / "call-recording.wav")) as w:
        assert (w.getframerate(), w.getnchannels(), w.getnframes()) == (8000, 1, 8000)


# ---------------------------------------------------------------- every type checked the same way


def test_real_multi_page_pdf_is_accepted(tmp_path):
    assert inspect_file(make_pdf(tmp_path / "流水.pdf", pages=3)).kind == "pdf"


@pytest.mark.parametrize("cut", [0.5, 0.9], ids=["half", "last-tenth-missing"])
def test_truncated_pdf_is_refused(tmp_path, cut):
    """A PDF cut short (a download that did not finish) does not open, so it is refused."""
    full = make_pdf(tmp_path / "full.pdf").read_bytes()
    path = tmp_path / "statement.pdf"
    path.write_bytes(full[: int(len(full) * cut)])
    with pytest.raises(EvidenceFileRejected, match="PDF，但已损坏或不完整"):
        inspect_file(path)


def test_pdf_header_over_other_content_is_refused(tmp_path):
    path = tmp_path / "bill.pdf"
    path.write_bytes(b"%PDF-1.7\n" + "只是一段文字，不是 PDF".encode() * 20)
    with pytest.raises(EvidenceFileRejected, match="PDF，但已损坏或不完整"):
        inspect_file(path)


def test_password_protected_pdf_is_refused(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    with pytest.raises(EvidenceFileRejected, match="设有打开密码"):
        inspect_file(path)


def test_parsers_print_nothing(tmp_path, capfd):
    """pypdf and mutagen complain through logging; a refusal is the only thing the user sees."""
    path = tmp_path / "statement.pdf"
    path.write_bytes(make_pdf(tmp_path / "full.pdf").read_bytes()[:-40])
    with pytest.raises(EvidenceFileRejected):
        inspect_file(path)
    assert capfd.readouterr() == ("", "")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("call.mp3", "客服通话的文字记录\n".encode() * 10, "内容不是受支持的音频，看起来是纯文本文件"),
        ("call.mp3", b"ID3\x03\x00\x00\x00\x00\x00\x10" + "客服说不退款".encode() * 20, "MP3 音频，但已损坏、不完整"),
        ("call.mp3", b"\xff\xfb\x90\x64" + b"\x00" * 100, "MP3 音频，但已损坏、不完整"),
        ("call.wav", b"RIFF\x24\x00\x00\x00WAVEjunk", "WAV 音频，但已损坏、不完整"),
        ("call.mp3", None, "以 .mp3 结尾（音频），但内容是 WAV 音频，文件名与内容不符"),
        ("voice.amr", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "以 .amr 结尾（音频），但内容是 PNG 图片"),
        ("clip.mp4", ftyp(b"isom", b"isom") + box(b"mdat", b"\x00" * 64), "MP4 视频，但已损坏、不完整"),
    ],
    ids=[
        "text",
        "id3-over-text",
        "one-frame-then-zeros",
        "wav-without-chunks",
        "wav-named-mp3",
        "png-named-amr",
        "mp4-without-index",
    ],
)
def test_audio_and_video_that_do_not_parse_or_contradict_their_name_are_refused(tmp_path, name, content, expected):
    path = tmp_path / name
    if content is None:
        make_wav(path)
    else:
        path.write_bytes(content)
    with pytest.raises(EvidenceFileRejected, match=expected):
        inspect_file(path)


@pytest.mark.parametrize(
    ("name", "content", "fmt", "note"),
    [
        ("msg_1.amr", b"\x02#!SILK_V3" + b"\x00" * 200, "SILK", "微信语音的 SILK 格式"),  # WeChat names SILK .amr
        ("voice.silk", b"#!SILK_V3" + b"\x00" * 200, "SILK", "微信语音的 SILK 格式"),
        ("voice.amr", b"#!AMR\n" + b"\x3c" * 100, "AMR", "AMR 格式的语音"),
        ("通话录音.m4a", ftyp(b"M4A ", b"M4A ", b"isom") + box(b"mdat", b"\x00" * 64), "M4A", "本机无法解析其内容"),
        ("通话录音.aac", b"\xff\xf1\x50\x80\x02\x1f\xfc" + b"\x00" * 100, "AAC", "本机无法解析其内容"),
    ],
    ids=["wechat-silk-named-amr", "silk", "amr", "call-recorder-m4a", "call-recorder-aac"],
)
def test_phone_voice_formats_are_accepted_with_a_note(tmp_path, name, content, fmt, note):
    path = tmp_path / name
    path.write_bytes(content)
    got = inspect_file(path)
    assert (got.kind, got.format) == ("audio", fmt)
    assert note in got.note
    [exhibit] = number_exhibits([entry(f"evidence/{name}", "communication")], [got])
    assert any(w.startswith(f"证据1（{name}）") and note in w for w in evidence.file_warnings([exhibit]))


def test_parsed_audio_has_no_note(tmp_path):
    path = tmp_path / "call.mp3"
    path.write_bytes(mp3_bytes())
    assert inspect_file(path).note is None
    assert inspect_file(make_wav(tmp_path / "call.wav")).note is None


def huge_png_header(path: Path, width: int, height: int) -> Path:
    """A PNG whose header claims width×height, with a tiny (unfinished) pixel stream."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )
    return path


def test_picture_over_the_pixel_bound_is_refused_without_decoding(tmp_path, monkeypatch):
    """13000×13000 is refused from the header alone: nothing verifies or decodes its pixels."""
    from PIL import ImageFile

    def never(*args, **kwargs):
        raise AssertionError("the pixels were decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", never)
    monkeypatch.setattr(Image.Image, "load", never)
    from PIL import PngImagePlugin

    monkeypatch.setattr(PngImagePlugin.PngImageFile, "verify", never)
    with pytest.raises(EvidenceFileRejected, match="13000×13000 像素（约 16,900 万像素），超过上限 5,000 万像素"):
        inspect_file(huge_png_header(tmp_path / "screenshot.png", 13000, 13000))


def test_real_picture_just_over_the_bound_is_refused(tmp_path):
    """A real 1-bit PNG of 50,000,001+ pixels, made here, is refused; one at the bound passes the size check."""
    over = tmp_path / "over.png"
    Image.new("1", (7072, 7071)).save(over)  # 50,006,112 pixels
    with pytest.raises(EvidenceFileRejected, match="超过上限 5,000 万像素"):
        inspect_file(over)
    evidence._refuse_too_many_pixels(10_000, 5_000)  # exactly the bound: no refusal


def _jpeg(progressive: bool) -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((64, 48), 80).convert("RGB").save(buffer, "JPEG", progressive=progressive, quality=80)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "picture",
    [
        pytest.param(lambda: make_image_bytes("PNG"), id="png"),
        pytest.param(lambda: _jpeg(False), id="jpeg"),
        pytest.param(lambda: _jpeg(True), id="progressive-jpeg"),
    ],
)
def test_bytes_appended_to_a_picture_are_left_out_of_the_embedded_copy(tmp_path, picture):
    """A picture with a ZIP after its end: accepted with a note, and only the picture is embedded."""
    image = picture()
    payload = b"PK\x03\x04" + b"\x00" * 100 + b"payload.py"
    path = tmp_path / "bill.png"
    path.write_bytes(image + payload)
    got = inspect_file(path)
    assert got.data_end == len(image)
    assert "图片末尾附有" in got.note and "原文件未改动" in got.note
    assert got.sha256 == hashlib.sha256(image + payload).hexdigest()  # the exhibit is the file as given
    assert evidence.embedded_image(str(path)).getvalue() == image


def test_a_picture_without_appended_bytes_is_embedded_from_its_path(tmp_path):
    path = tmp_path / "bill.png"
    path.write_bytes(make_image_bytes("PNG"))
    got = inspect_file(path)
    assert got.data_end is None and got.note is None
    assert evidence.embedded_image(str(path)) == str(path)


def make_image_bytes(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


def test_the_evidence_each_problem_needs_is_the_data_s(tmp_path):
    """rules.yaml's evidence_needed decides the summary's evidence warnings: a need added in an edited copy is
    warned of, and the built-in data does not warn of it."""
    from pathlib import Path

    from generator.case.evidence import evidence_gaps
    from generator.data_files import use_data_dir

    case = typed_case({"problems": [{"type": "no_response", "description": "不回复"}]})
    built_in = evidence_gaps(case, [])
    assert any(w.startswith("缺少交易记录") for w in built_in) and any(
        w.startswith("售后响应滞后或失联") for w in built_in
    )
    text = (Path(__file__).resolve().parents[1] / "generator" / "data" / "rules.yaml").read_text(encoding="utf-8")
    added = (
        "evidence_needed:\n  - problem: no_response\n    category: rights_anomaly\n"
        '    warning: "售后响应滞后或失联：请补充会员中心截图。"\n'
    )
    assert "evidence_needed:\n" in text
    (tmp_path / "rules.yaml").write_text(text.replace("evidence_needed:\n", added), encoding="utf-8")
    use_data_dir(tmp_path)
    try:
        assert "售后响应滞后或失联：请补充会员中心截图。" in evidence_gaps(case, [])
    finally:
        use_data_dir(None)
    assert "售后响应滞后或失联：请补充会员中心截图。" not in evidence_gaps(case, [])
