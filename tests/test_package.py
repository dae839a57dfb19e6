"""A filing's .docx: pictures stored as they are, XML deflated, read back whole by python-docx and by zip tools."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from docx import Document

from generator.pipeline import Options, prepare
from tests.conftest import sample

CASE = "txvip-rights-mismatch.yaml"  # a sample whose filings carry screenshots


@pytest.fixture(scope="module")
def word_files(tmp_path_factory):
    prepared = prepare(sample(CASE), Options(out=tmp_path_factory.mktemp("out")))
    return {name: data for name, data in prepared.files.items() if name.endswith(".docx")}


def entries(data: bytes) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None  # every entry's checksum holds
        return archive.infolist()


def test_pictures_are_stored_and_everything_else_deflated(word_files):
    pictured = [
        data for data in word_files.values() if any(e.filename.startswith("word/media/") for e in entries(data))
    ]
    assert pictured, "the sample's exhibits should be pictured in some filing"
    for data in pictured:
        for entry in entries(data):
            picture = entry.filename.startswith("word/media/") and entry.filename.endswith((".png", ".jpeg", ".jpg"))
            assert entry.compress_type == (zipfile.ZIP_STORED if picture else zipfile.ZIP_DEFLATED), entry.filename


def test_the_file_opens_with_its_parts_in_python_docx_order(word_files):
    for name, data in word_files.items():
        names = [e.filename for e in entries(data)]
        assert names[:2] == ["[Content_Types].xml", "_rels/.rels"], name
        assert "word/document.xml" in names
        document = Document(io.BytesIO(data))
        assert any(p.text.strip() for p in document.paragraphs), name
        assert document.core_properties.title, name


def test_pictures_come_out_byte_for_byte(word_files):
    """Each stored picture is one of the case's screenshots as it is on disk (PNG and JPEG are embedded as they are)."""
    screenshots = {
        hashlib.sha256(p.read_bytes()).hexdigest() for p in sample(CASE).parent.joinpath("evidence").iterdir()
    }
    stored = 0
    for data in word_files.values():
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for entry in archive.infolist():
                if entry.compress_type == zipfile.ZIP_STORED:
                    assert hashlib.sha256(archive.read(entry)).hexdigest() in screenshots, entry.filename
                    stored += 1
    assert stored


def test_the_zip_is_laid_out_as_zipfile_lays_it_out():
    """package._Zip writes what zipfile.ZipFile.writestr writes for the same entries, byte for byte
    (deflated and stored entries, a name outside ASCII, an empty entry, one kept deflated from before)."""
    from docx.opc.packuri import PackURI

    from generator.rendering import package

    stamp = (2026, 12, 1, 10, 20, 31)
    entries = [
        ("/[Content_Types].xml", b"<Types/>" * 100),
        ("/word/document.xml", bytes(range(256)) * 100),
        ("/word/media/image1.png", bytes(range(256))[::-1] * 20),
        ("/word/\u00e9.xml", b"<a/>"),
        ("/word/empty.xml", b""),
        ("/word/again.xml", b"<Types/>" * 100),
    ]
    mine = package._Zip(stamp)
    expected = io.BytesIO()
    with zipfile.ZipFile(expected, "w") as archive:
        for name, blob in entries:
            mine.write(PackURI(name), blob)
            info = zipfile.ZipInfo(PackURI(name).membername, date_time=stamp)
            info.external_attr = 0o600 << 16
            stored = name.endswith(".png")
            archive.writestr(
                info,
                blob,
                compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED,
                compresslevel=None if stored else package._XML_LEVEL,
            )
    assert mine.close() == expected.getvalue()


def test_kept_listings_stay_few():
    """The content-types and relationships listings kept for reuse are bounded, the oldest dropped first."""
    from generator.rendering.package import _Kept

    kept = _Kept(2)
    for key in "abc":
        assert kept.get_or_make(key, lambda key=key: key.encode()) == key.encode()
    assert list(kept) == ["b", "c"]
    assert kept.get_or_make("b", lambda: b"other") == b"b"
