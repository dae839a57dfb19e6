"""make-filings' renderer alone on the floor's contexts, for comparison with `naive.py`.

Usage: python bench/render_loop.py contexts.json OUT_DIR [--repeat K]
Prints one JSON line: documents rendered and seconds spent rendering (imports excluded).
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from generator.render import render_docx


def main(argv: list[str]) -> None:
    cases = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    out = Path(argv[1])
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 1
    start = time.perf_counter()
    docs = 0
    for r in range(repeat):
        for i, case in enumerate(cases):
            for kind, (template, context) in case.items():
                (out / f"{r}-{i}-{kind}.docx").write_bytes(render_docx(Path(template), context))
                docs += 1
    print(json.dumps({"documents": docs, "seconds": time.perf_counter() - start}))


if __name__ == "__main__":
    main(sys.argv[1:])
