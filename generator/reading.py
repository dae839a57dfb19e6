"""Read back the text of a rendered Word file, as a reader (or a privacy scan) sees it."""
from __future__ import annotations

import io

from docx import Document


def docx_text(data: bytes) -> str:
    """All paragraph text of a .docx: body, tables, headers and footers, one paragraph a line."""
    doc = Document(io.BytesIO(data))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                lines += [p.text for p in cell.paragraphs]
    for section in doc.sections:
        for part in (section.header, section.footer):
            lines += [p.text for p in part.paragraphs]
    lines.append(doc.core_properties.title or "")
    lines.append(doc.core_properties.subject or "")
    return "\n".join(lines)
