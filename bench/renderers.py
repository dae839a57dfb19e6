"""The fast renderer against plain docxtpl (MAKE_FILINGS_RENDERER=docxtpl), per document.

Usage: python bench/renderers.py [--rounds 7]
Renders every template with every sample's context, as `prepare` builds them, under
each renderer in turn (alternated rounds, warm caches) and prints the median
milliseconds per document of each and their ratio.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from profile_render import _render_jobs  # noqa: E402

from generator.rendering.render import RENDERER_ENV, render_docx  # noqa: E402


def _per_document(jobs, renderer: str) -> float:
    os.environ[RENDERER_ENV] = renderer
    start = time.perf_counter()
    for path, context in jobs:
        render_docx(path, context)
    return (time.perf_counter() - start) / len(jobs) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    jobs = _render_jobs()
    times: dict[str, list[float]] = {"fast": [], "docxtpl": []}
    for renderer in times:  # warm both: imports, compiled templates, cached parts
        _per_document(jobs, renderer)
    for _ in range(args.rounds):
        for renderer, found in times.items():
            found.append(_per_document(jobs, renderer))
    fast, plain = (statistics.median(times[r]) for r in ("fast", "docxtpl"))
    print(f"{len(jobs)} documents, median of {args.rounds} alternated rounds:")
    print(f"  fast renderer      {fast:7.2f} ms per document")
    print(f"  plain docxtpl      {plain:7.2f} ms per document")
    print(f"  plain / fast       {plain / fast:7.2f}×")


if __name__ == "__main__":
    main()
