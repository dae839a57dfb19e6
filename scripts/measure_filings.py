"""Print the length of each letter of every sample case: PDF pages and characters of text.

Run: python scripts/measure_filings.py [case.yaml …]   (default: every cases/*.yaml)

The lengths are the ones the filings are held to, as LibreOffice lays them out on A4:
`text` — pages of the letter up to its signature, before the exhibits (附件1, the evidence
list, starts a page after the signature, then the pictures); `list` — pages up to the
pictures, evidence list included; `all` — with the pictures. `chars` counts what a reader
reads in the Word file, parties and evidence list included, the pictures' captions and
blanks not. Targets: refund request ≤ 2 pages of text and ≤ 2,200 characters, payment
dispute ≤ 2 and ≤ 2,000, 12315 complaint ≤ 3 and ≤ 3,000.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.pipeline import FILE_STEMS, Options, prepare  # noqa: E402
from generator.rendering.pdf import convert_to_pdf  # noqa: E402
from generator.rendering.reading import paragraph_texts  # noqa: E402

TARGETS = {"platform_refund_request": (2, 2200), "payment_dispute": (2, 2000), "complaint_12315": (3, 3000)}
APPENDIX = "附：证据图片"  # the pictures start on a page of their own
EXHIBITS = re.compile(r"附件\s*1\s")  # the evidence list starts a page of its own with this line


def letter_chars(docx: bytes) -> int:
    """Characters of the letter before the appended pictures, blanks left out."""
    text = []
    for line in paragraph_texts(docx):
        if line.strip() == APPENDIX:
            break
        text.append(line)
    return len(re.sub(r"\s", "", "".join(text)))


def letter_pages(pdf: Path) -> tuple[int, int, int]:
    """(pages of the letter before the evidence list, pages before the appended pictures, pages in all)."""
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    pages = [p for p in pages if p.strip()] or [""]
    letter = next((n for n, page in enumerate(pages) if APPENDIX in page), len(pages))
    text = next((n for n, page in enumerate(pages[:letter]) if EXHIBITS.match(page.strip() + "\n")), letter)
    return text, letter, len(pages)


def measure(case: Path) -> list[tuple]:
    prepared = prepare(case, Options(check_output=False))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = {}
        for kind in TARGETS:
            name = f"{FILE_STEMS[kind]}.docx"
            if name in prepared.files:
                (folder / name).write_bytes(prepared.files[name])
                files[kind] = folder / name
        pdfs = dict(zip(files, convert_to_pdf(list(files.values()), folder / "pdf")))
        for kind, path in files.items():
            text, letter, total = letter_pages(pdfs[kind])
            chars = letter_chars(path.read_bytes())
            max_pages, max_chars = TARGETS[kind]
            ok = "ok" if text <= max_pages and chars <= max_chars else "OVER"
            rows.append((case.name, kind, text, letter, total, chars, f"≤{max_pages}页 ≤{max_chars}字", ok))
    return rows


def main(argv: list[str]) -> None:
    cases = [Path(a) for a in argv] or sorted((ROOT / "cases").glob("*.yaml"))
    print(f"{'case':34} {'filing':24} {'text':>4} {'list':>6} {'all':>4} {'chars':>6}  target")
    for case in cases:
        for name, kind, text, letter, total, chars, target, ok in measure(case):
            print(f"{name:34} {kind:24} {text:4} {letter:6} {total:4} {chars:6}  {target} {ok}")


if __name__ == "__main__":
    main(sys.argv[1:])
