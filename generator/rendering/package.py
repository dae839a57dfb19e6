"""A rendered document's .docx bytes, written the way its parts call for.

python-docx deflates every entry of the ZIP, pictures included. A filing's
pictures are PNG or JPEG, compressed already: deflating them again takes about a
third of the save and gains under 5 % of their size, so they are stored as they
are. The XML is deflated at the fastest level, which makes it about 10 % larger
than the default level in a third of the time. Every entry is dated at the run's
moment (clock.py), so a run pinned by $SOURCE_DATE_EPOCH writes the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from typing import cast

from docx.opc.phys_pkg import PhysPkgWriter
from docx.opc.pkgwriter import PackageWriter

from generator import clock

_STORED_EXTENSIONS = frozenset({"png", "jpeg", "jpg", "gif"})  # formats that carry their own compression
_XML_LEVEL = 1


def docx_bytes(document) -> bytes:
    """The .docx file of a python-docx document."""
    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # PackageWriter only ever calls a writer's write(); its PhysPkgWriter is always a ZIP of its own
        writer = cast(PhysPkgWriter, _EntryWriter(archive, clock.zip_stamp()))
        # python-docx's own order of entries: content types, package relationships, each part and its rels
        PackageWriter._write_content_types_stream(writer, package.parts)
        PackageWriter._write_pkg_rels(writer, package.rels)
        PackageWriter._write_parts(writer, package.parts)
    return buffer.getvalue()


class _EntryWriter:
    """The writer python-docx's PackageWriter writes entries to, each compressed as its format calls for."""

    def __init__(self, archive: zipfile.ZipFile, stamp: tuple[int, int, int, int, int, int]):
        self.archive, self.stamp = archive, stamp

    def write(self, pack_uri, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=self.stamp)
        info.external_attr = 0o600 << 16  # python-docx's (ZipFile.writestr's) permissions
        if pack_uri.ext.lower() in _STORED_EXTENSIONS:
            self.archive.writestr(info, blob, compress_type=zipfile.ZIP_STORED)
        else:
            self.archive.writestr(info, blob, compress_type=zipfile.ZIP_DEFLATED, compresslevel=_XML_LEVEL)
