"""One batch run in its own process, for `run.py`: prints the time, CPU and peak memory (parent, largest worker)
as JSON.

Usage: python bench/batch_child.py FILE_LIST OUT_DIR WORKERS
"""

from __future__ import annotations

import contextlib
import io
import json
import resource
import sys
import time
from pathlib import Path

from generator.batch import run_batch
from generator.pipeline import Options


def main(argv: list[str]) -> None:
    files = [Path(line) for line in Path(argv[0]).read_text(encoding="utf-8").splitlines()]
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        status = run_batch(files, Options(out=Path(argv[1])), workers=int(argv[2]))
    seconds = time.perf_counter() - start
    # ru_maxrss of RUSAGE_CHILDREN is the largest of the reaped workers, not their sum
    usage = {
        "parent": resource.getrusage(resource.RUSAGE_SELF),
        "workers": resource.getrusage(resource.RUSAGE_CHILDREN),
    }
    print(
        json.dumps(
            {
                "status": status,
                "seconds": seconds,
                "cpu_seconds": sum(u.ru_utime + u.ru_stime for u in usage.values()),
                "peak_kib": {who: u.ru_maxrss for who, u in usage.items()},
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
