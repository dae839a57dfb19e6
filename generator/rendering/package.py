"""A rendered document's .docx bytes, written the way its parts call for.

python-docx deflates every entry of the ZIP, pictures included. A filing's
pictures are PNG or JPEG, compressed already: deflating them again takes about a
third of the save and gains under 5 % of their size, so they are stored as they
are. The XML is deflated at the fastest level, which makes it about 10 % larger
than the default level in a third of the time. Every entry is dated at the run's
moment (clock.py), so a run pinned by $SOURCE_DATE_EPOCH writes the same bytes.

Most entries of a filing are the same in every filing of its template (styles,
theme, numbering, settings, the package's relationships): each small entry is
deflated once per process (keyed by its bytes), the parts a render never changes
are serialised once (`blobs`), and each distinct content-types or relationships
listing is built once (python-docx's own XML, keyed by what it lists). The ZIP itself is laid out by `_Zip`, byte
for byte as `zipfile.ZipFile.writestr` lays it out, so that a deflated entry can
be reused; tests compare the two.
"""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib
from collections.abc import Callable, Mapping

from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.pkgwriter import _ContentTypesItem

from generator import clock

_STORED_EXTENSIONS = frozenset({"png", "jpeg", "jpg", "gif"})  # formats that carry their own compression
_XML_LEVEL = 1
_KEPT_ENTRY_BYTES = 16_384  # entries up to this size are kept deflated (a template's styles, theme …)
# The ZIP records zipfile writes (its structCentralDir, structEndArchive and their signatures)
_CENTRAL_RECORD = struct.Struct("<4s4B4HL2L5H2L")
_CENTRAL_SIGNATURE = b"PK\001\002"
_END_RECORD = struct.Struct("<4s4H2LH")
_END_SIGNATURE = b"PK\005\006"


def docx_bytes(document, blobs: Mapping[object, bytes] | None = None) -> bytes:
    """The .docx file of a python-docx document; `blobs` holds parts' serialised XML known already."""
    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    archive = _Zip(clock.zip_stamp())
    # python-docx's own order of entries (PackageWriter.write): content types, package relationships,
    # each part and its relationships
    archive.write(CONTENT_TYPES_URI, _content_types(parts))
    archive.write(PACKAGE_URI.rels_uri, _rels_xml(package.rels, PACKAGE_URI))
    known = blobs or {}
    for part in parts:  # a known part's XML taken as it is
        blob = known.get(part)
        archive.write(part.partname, part.blob if blob is None else blob)
        if len(part.rels):
            archive.write(part.partname.rels_uri, _rels_xml(part.rels, part.partname))
    return archive.close()


class _Kept(dict):
    """A few values kept by key, the oldest dropped first beyond `size`."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def get_or_make(self, key, make: Callable[[], bytes]) -> bytes:
        value = self.get(key)
        if value is None:
            if len(self) >= self.size:
                del self[next(iter(self))]
            value = self[key] = make()
        return value


# [Content_Types].xml and the .rels entries depend only on the names, types and targets they list,
# which the filings of a template share: each distinct one is built once (python-docx's own XML).
_CONTENT_TYPES = _Kept(32)
_RELS = _Kept(64)


def _content_types(parts: list) -> bytes:
    key = tuple((str(part.partname), part.content_type) for part in parts)
    return _CONTENT_TYPES.get_or_make(key, lambda: _ContentTypesItem.from_parts(parts).blob)


def _rels_xml(rels, source) -> bytes:
    """The .rels XML of a part's (or the package's) relationships; `source` is the part's name."""
    key = (source.baseURI, tuple((rel.rId, rel.reltype, rel.is_external, _target(rel)) for rel in rels.values()))
    return _RELS.get_or_make(key, lambda: rels.xml)


def _target(rel) -> str:
    """What a relationship points at: a URL, or a part's name (its reference is relative to the source)."""
    return rel.target_ref if rel.is_external else str(rel.target_part.partname)


class _Zip:
    """A ZIP file in memory, each entry compressed as its format calls for, laid out as zipfile writes it.

    zipfile.ZipFile.writestr into a BytesIO writes, per entry, its local header
    (with the final sizes and CRC, no data descriptor) and data, then the central
    directory and the end record; `ZipInfo.FileHeader` is zipfile's own header.
    """

    def __init__(self, stamp: tuple[int, int, int, int, int, int]):
        self.stamp = stamp
        self.out = io.BytesIO()
        self.entries: list[zipfile.ZipInfo] = []

    def write(self, pack_uri, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=self.stamp)
        info.external_attr = 0o600 << 16  # python-docx's (ZipFile.writestr's) permissions
        if pack_uri.ext.lower() in _STORED_EXTENSIONS:
            info.compress_type, crc, data = zipfile.ZIP_STORED, zlib.crc32(blob), blob
        else:
            info.compress_type = zipfile.ZIP_DEFLATED
            crc, data = _deflated(blob) if len(blob) <= _KEPT_ENTRY_BYTES else _deflate(blob)
        info.file_size, info.compress_size, info.CRC = len(blob), len(data), crc
        info.header_offset = self.out.tell()
        self.out.write(info.FileHeader(False))
        self.out.write(data)
        self.entries.append(info)

    def close(self) -> bytes:
        start = self.out.tell()
        for info in self.entries:
            self.out.write(_central_record(info))
        size = self.out.tell() - start
        count = len(self.entries)
        self.out.write(_END_RECORD.pack(_END_SIGNATURE, 0, 0, count, count, size, start, 0))
        return self.out.getvalue()


def _central_record(info: zipfile.ZipInfo) -> bytes:
    """An entry's record in the central directory, as ZipFile._write_end_record writes it (no ZIP64)."""
    dt = info.date_time
    dosdate = (dt[0] - 1980) << 9 | dt[1] << 5 | dt[2]
    dostime = dt[3] << 11 | dt[4] << 5 | (dt[5] // 2)
    try:
        name, flags = info.filename.encode("ascii"), info.flag_bits
    except UnicodeEncodeError:
        name, flags = info.filename.encode("utf-8"), info.flag_bits | 0x800  # the UTF-8 name flag
    record = _CENTRAL_RECORD.pack(
        _CENTRAL_SIGNATURE,
        info.create_version,
        info.create_system,
        info.extract_version,
        info.reserved,
        flags,
        info.compress_type,
        dostime,
        dosdate,
        info.CRC,
        info.compress_size,
        info.file_size,
        len(name),
        len(info.extra),
        len(info.comment),
        0,
        info.internal_attr,
        info.external_attr,
        info.header_offset,
    )
    return record + name + info.extra + info.comment


def _deflate(blob: bytes) -> tuple[int, bytes]:
    """The CRC and raw deflate stream of `blob`, as zipfile compresses an entry at level `_XML_LEVEL`."""
    compressor = zlib.compressobj(_XML_LEVEL, zlib.DEFLATED, -15)
    return zlib.crc32(blob), compressor.compress(blob) + compressor.flush()


@functools.lru_cache(maxsize=64)
def _deflated(blob: bytes) -> tuple[int, bytes]:
    """`_deflate`, kept for the small entries most filings share (at most about 2 MB in all)."""
    return _deflate(blob)
