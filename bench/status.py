"""`make-filings status` on a folder of generated cases: medians of alternated cold and warm runs.

From the repository root, with the package installed:  python bench/status.py [--cases 1000] [--rounds 3]

The cases are copies of the route test cases and the samples with their own case_id, written under
output/ (see README.md: file creation there is cheaper than in /tmp). A cold run has an empty
make-filings cache; a warm run follows one that filled it. Each run is a whole process, start included.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted((ROOT / "tests" / "route_cases").glob("*.yaml")) + sorted((ROOT / "cases").glob("*.yaml"))


def make_cases(folder: Path, count: int) -> None:
    """`count` case files: the sources in turn, each with a case_id of its own (evidence lists dropped)."""
    texts = [_without_evidence(p.read_text(encoding="utf-8")) for p in SOURCES]
    texts = [t for t in texts if "evidence/" not in t]  # a claim naming an evidence file needs the list
    for n in range(count):
        text = texts[n % len(texts)]
        lines = [f"case_id: bench-{n:05d}" if line.startswith("case_id:") else line for line in text.splitlines()]
        (folder / f"case-{n:05d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _without_evidence(text: str) -> str:
    """`status` reads no evidence; the copies name none, so no evidence folder is needed beside them."""
    out, skipping = [], False
    for line in text.splitlines():
        if line.startswith("evidence:"):
            skipping = True
            continue
        if skipping and (line.startswith(" ") or line.startswith("-") or not line.strip()):
            continue
        skipping = False
        out.append(line)
    return "\n".join(out)


def timed(folder: Path, cache: Path) -> float:
    env = {**os.environ, "MAKE_FILINGS_CACHE": str(cache)}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "generator.cli", "status", str(folder), "--json", "--on", "2026-11-25"],
        env=env,
        capture_output=True,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"status failed: {done.stderr.decode('utf-8', 'replace')[:2000]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    (ROOT / "output").mkdir(exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="bench-status-", dir=ROOT / "output"))
    try:
        cases = scratch / "cases"
        cases.mkdir()
        make_cases(cases, args.cases)
        cold, warm = [], []
        for n in range(args.rounds):  # alternated: a neighbour's load slows both kinds alike
            cache = scratch / f"cache-{n}"
            cold.append(timed(cases, cache))
            warm.append(timed(cases, cache))
        print(f"status on {args.cases} cases, {args.rounds} rounds (process start included):")
        print(f"  cold cache  median {statistics.median(cold):.2f} s  (runs: {', '.join(f'{t:.2f}' for t in cold)})")
        print(f"  warm cache  median {statistics.median(warm):.2f} s  (runs: {', '.join(f'{t:.2f}' for t in warm)})")
        print(f"  target: under 2 s — {'met' if statistics.median(warm) < 2 else 'NOT met'} (warm)")
        print(f"  load average: {os.getloadavg()[0]:.2f}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
