"""The timing loop shared by `naive.py` and `render_loop.py`, so both measure the same thing.

Standard library only: importing it costs the naive floor nothing.
"""

from __future__ import annotations

import json
import time
from pathlib import Path


def time_renders(argv: list[str], render_to) -> None:
    """Render every (template, context) of contexts.json [--repeat K] with `render_to(template, context, out_path)`.

    Prints one JSON line: documents rendered and seconds spent rendering (imports excluded).
    """
    cases = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    out = Path(argv[1])
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 1
    start = time.perf_counter()
    docs = 0
    for r in range(repeat):
        for i, case in enumerate(cases):
            for kind, (template, context) in case.items():
                render_to(template, context, out / f"{r}-{i}-{kind}.docx")
                docs += 1
    print(json.dumps({"documents": docs, "seconds": time.perf_counter() - start}))
