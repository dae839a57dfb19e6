"""Make the first-page pictures of the user guide (docs/images/*.png) from a sample case.

Run: python scripts/make_guide_images.py   (needs LibreOffice and poppler-utils' pdftoppm)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.pipeline import Options, prepare  # noqa: E402
from generator.rendering.pdf import convert_to_pdf  # noqa: E402

CASE = ROOT / "cases" / "txvip-rights-mismatch.yaml"
OUT = ROOT / "docs" / "images"
DPI = 50  # enough to recognise the layout, small enough to keep in the repository


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        prepared = prepare(CASE, Options(out=folder / "out"))
        docx = []
        for name, data in prepared.files.items():
            if name.endswith(".docx"):
                (folder / name).write_bytes(data)
                docx.append(folder / name)
        for pdf in convert_to_pdf(docx, folder / "pdf"):
            target = OUT / pdf.stem
            subprocess.run(
                ["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile", str(pdf), str(target)],
                check=True,
            )
            print(f"wrote {target}.png")


if __name__ == "__main__":
    main()
