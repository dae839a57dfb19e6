"""make-filings' renderer alone on the floor's contexts, for comparison with `naive.py`.

Usage: python bench/render_loop.py contexts.json OUT_DIR [--repeat K]
Prints one JSON line: documents rendered and seconds spent rendering (imports excluded).
"""

from __future__ import annotations

import sys
from pathlib import Path

from loop import time_renders

from generator.rendering.render import render_docx


def _render_to(template: str, context: dict, out: Path) -> None:
    # `width_mm` is the floor's own (it builds InlineImage itself); the renderer sizes pictures from the file
    images = [{k: v for k, v in img.items() if k != "width_mm"} for img in context.get("images", [])]
    out.write_bytes(render_docx(Path(template), dict(context, images=images) if images else context))


def main(argv: list[str]) -> None:
    time_renders(argv, _render_to)


if __name__ == "__main__":
    main(sys.argv[1:])
