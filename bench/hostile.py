"""What hostile case files cost before they are refused: wall time and peak memory, medians.

Usage, from the repository root: python bench/hostile.py [--repeat 5]

Each input is checked with `make-filings check` in its own process (start included); the inputs
take turns in every round, so a busy neighbour slows them alike. The sample case is the yardstick.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "cases" / "txvip-rights-mismatch.yaml"
SCRATCH = ROOT / "output" / "bench-hostile"


def inputs() -> dict[str, Path]:
    """The sample, and variants of it that must be refused quickly and in little memory."""
    shutil.rmtree(SCRATCH, ignore_errors=True)
    shutil.copytree(SAMPLE.parent / "evidence", SCRATCH / "evidence")
    text = SAMPLE.read_text(encoding="utf-8")
    head = text.split("evidence:", 1)[0]
    entry = "  - file: evidence/txvip-alipay-bill.png\n    category: transaction\n    description: 账单\n"
    variants = {
        "sample": text,
        "10,000 evidence entries": head + "evidence:\n" + entry * 10_000,
        "flow nested 1,000 deep": text + "deep: " + "[" * 1000 + "]" * 1000 + "\n",
        "20,000 extra keys": text + "".join(f"k{i}: 值{i}\n" for i in range(20_000)),
    }
    out = {}
    for i, (name, body) in enumerate(variants.items()):
        path = SCRATCH / f"case-{i}.yaml"
        path.write_text(body, encoding="utf-8")
        out[name] = path
    return out


def one_run(case: Path) -> tuple[float, int]:
    """Seconds and peak RSS (KiB) of one `make-filings check` process."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "check", str(case)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    _, _, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    cases = inputs()
    seconds = {name: [] for name in cases}
    memory = {name: [] for name in cases}
    for _ in range(args.repeat):
        for name, path in cases.items():
            elapsed, rss = one_run(path)
            seconds[name].append(elapsed)
            memory[name].append(rss)
    for name in cases:
        print(
            f"{name:<26} median {statistics.median(seconds[name]) * 1000:7.0f} ms   "
            f"peak RSS {statistics.median(memory[name]) / 1024:6.1f} MiB   ({args.repeat} runs)"
        )
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    shutil.rmtree(SCRATCH, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
