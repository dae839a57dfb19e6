"""Benchmark make-filings on this machine and print each figure against its target.

Usage: python bench/run.py [--rounds 5] [--large] [--sizes 100,1000]

Every figure is the median, with the min–max range, of `--rounds` runs in which the
tool and its baseline take turns (the one that goes first alternates), so a neighbour's
burst on a shared machine lands on both. Cases are distinct people (bench/cases.py).
Printed, each with "met" or "MISSED" and the margin:

- `make-filings --help`;
- one fresh case end to end, with a warm and with an empty cache, against the naive
  floor: plain docxtpl (bench/naive.py, nothing else imported) rendering the same
  documents from ready contexts, process start included in both;
- batches of 100 and 1,000 cases on 2 processes against the floor on 2 processes
  (wall, CPU, documents per case, ms per document, peak memory of the parent and of
  the largest worker);
- a batch of 100 into an --out already holding 10,000 case folders against the same
  batch into an empty one (CPU);
- with --large, 10,000 cases of the tool alone (median of 3) against the 1,000-case
  figures: time and the peak memory of parent and worker;
- `make-filings status` over 1,000 case files, empty and warm cache;
- what each library make-filings loads only for the cases that need it (jieba, jionlp,
  cn2an's Cn2An) adds to a process, and jieba loaded its own way: the floor imports none.

Child processes run with a bytecode cache in the scratch folder (as an installed
package has its .pyc files) and make-filings' own cache in a folder of their own.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cases import SAMPLES, generate_cases  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
PYTHON = sys.executable
FULL_OUT_FOLDERS = 10_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="alternated runs of each comparison (median kept)")
    parser.add_argument("--sizes", default="100,1000", help="batch sizes compared with the floor")
    parser.add_argument(
        "--floor-rounds",
        type=int,
        default=None,
        help="runs of the floor for batches of 1,000 cases or more (default: --rounds); "
        "each takes minutes on a shared 2-core machine",
    )
    parser.add_argument(
        "--large", action="store_true", help="also 10,000 cases of the tool alone, 3 runs (about 20 minutes on 2 cores)"
    )
    parser.add_argument("--large-runs", type=int, default=3, help="runs of the 10,000 cases (median kept)")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]
    report = Report()
    with tempfile.TemporaryDirectory(prefix="bench-", dir=scratch_parent()) as tmp:
        work = Path(tmp)
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        os.environ["MAKE_FILINGS_CACHE"] = str(work / "cache")
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPU, make-filings from {_make_filings()}")
        print(
            f"load average before: {_load()}; two busy processes get {_two_core_ceiling():.2f}× one "
            "(2.00 on an idle 2-core machine)"
        )
        _run([_make_filings(), str(SAMPLES[0]), "--out", str(work / "warm-up")])  # bytecode and cache filled
        print(
            "\nmedian (min–max) of alternated runs; the machine is shared, see the load averages\n"
            "(each figure printed as soon as it is measured)\n",
            flush=True,
        )
        report.help(_repeat(lambda: _timed([_make_filings(), "--help"]), 2 * args.rounds))
        report.imports(_import_times(args.rounds))
        report.lazy(_lazy_loads(args.rounds))
        _single_case(work, args.rounds, report)
        cases = generate_cases(work / "cases", max(sizes + [100]))
        batches = {
            n: _batch_against_floor(
                work,
                cases[:n],
                args.rounds,
                report,
                args.floor_rounds if n >= 1000 and args.floor_rounds is not None else args.rounds,
            )
            for n in sizes
        }
        _full_out(work, cases[:100], args.rounds, report)
        _status(work, args.rounds, report)
        if args.large:
            _large(work, batches.get(1000) or _batch_alone(work, cases[:1000], 3), report, args.large_runs)
        print(f"\nload average after:  {_load()}; two busy processes get {_two_core_ceiling():.2f}× one")


# -------------------------------------------------------------------------- measurements


def _single_case(work: Path, rounds: int, report: "Report") -> None:
    """A fresh case (a new person each round, each sample in turn): warm cache, empty cache, the floor."""
    warm, cold, floor = [], [], []
    fresh = generate_cases(work / "single", rounds * len(SAMPLES), seed=7, prefix="s")
    for r, case in enumerate(fresh):
        contexts = work / f"ctx-single-{r}.json"
        write_contexts([case], contexts)
        floor_out = work / f"floor-single-{r}"
        floor_out.mkdir()
        turns = [
            ("warm", lambda case=case, r=r: _timed([_make_filings(), str(case), "--out", str(work / f"warm-{r}")])),
            (
                "cold",
                lambda case=case, r=r: _timed(
                    [_make_filings(), str(case), "--out", str(work / f"cold-{r}")],
                    env={**os.environ, "MAKE_FILINGS_CACHE": str(work / f"empty-cache-{r}")},
                ),
            ),
            (
                "floor",
                lambda contexts=contexts, floor_out=floor_out: _timed(
                    [PYTHON, str(BENCH / "naive.py"), str(contexts), str(floor_out)]
                ),
            ),
        ]
        for name, turn in turns if r % 2 == 0 else turns[::-1]:
            {"warm": warm, "cold": cold, "floor": floor}[name].append(turn())
    report.single(warm, cold, floor)


def _batch_against_floor(work: Path, cases: list[Path], rounds: int, report: "Report", floor_rounds: int) -> dict:
    """`len(cases)` cases on 2 processes, tool and floor in turns (the floor in the first `floor_rounds`)."""
    n = len(cases)
    listing = _listing(work, cases, f"files-{n}")
    halves = [work / f"ctx-{n}-{half}.json" for half in (0, 1)]
    for half, path in enumerate(halves if floor_rounds else []):
        write_contexts(cases[half::2], path)
    tool, floor = [], []
    for r in range(rounds):
        turns = [lambda: tool.append(_batch_run(work, listing, work / f"out-{n}", 2))]
        if r < floor_rounds:
            turns.append(lambda: floor.append(_floor_pair(work, halves, n)))
        for turn in turns if r % 2 == 0 else turns[::-1]:
            turn()
        print(
            f"  {n} cases, round {r + 1}: tool {tool[-1]['wall']:.2f} s"
            + (f", floor {floor[-1]:.2f} s" if r < floor_rounds else "")
            + f", load {_load()}",
            file=sys.stderr,
        )
    report.batch(n, tool, floor)
    return {"tool": tool}


def _full_out(work: Path, cases: list[Path], rounds: int, report: "Report") -> None:
    """A batch of 100 into an --out holding 10,000 case folders against into an empty one (CPU)."""
    listing = _listing(work, cases, "files-full")
    full = work / "full-out"
    for i in range(FULL_OUT_FOLDERS):
        folder = full / f"earlier-{i:05d}"
        folder.mkdir(parents=True)
        (folder / "manifest.json").write_text(f'{{"case_id": "earlier-{i:05d}"}}\n', encoding="utf-8")
    into_full, into_empty = [], []
    for r in range(rounds):
        turns = [
            lambda: into_full.append(_batch_run(work, listing, full, 2, keep=FULL_OUT_FOLDERS)),
            lambda: into_empty.append(_batch_run(work, listing, work / "empty-out", 2)),
        ]
        for turn in turns if r % 2 == 0 else turns[::-1]:
            turn()
    shutil.rmtree(full)
    report.full_out(into_full, into_empty)


def _large(work: Path, thousand: dict, report: "Report", runs: int) -> None:
    cases = generate_cases(work / "cases", 10_000)
    report.large(_batch_alone(work, cases, runs), thousand["tool"])


def _batch_alone(work: Path, cases: list[Path], runs: int) -> dict:
    listing = _listing(work, cases, f"files-{len(cases)}")
    results = []
    for r in range(runs):
        results.append(_batch_run(work, listing, work / f"out-{len(cases)}", 2))
        print(f"  {len(cases)} cases, run {r + 1}: {results[-1]['wall']:.1f} s, load {_load()}", file=sys.stderr)
    return results


def _batch_run(work: Path, listing: Path, out: Path, workers: int, keep: int = 0) -> dict:
    """One batch in its own process; the new case folders are removed after (an earlier `keep` ones stay)."""
    start = time.perf_counter()
    child = subprocess.run(
        [PYTHON, str(BENCH / "batch_child.py"), str(listing), str(out), str(workers)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    wall = time.perf_counter() - start
    figures = json.loads(child.stdout)
    if figures["status"] != 0:  # its report kept: the scratch folder goes when the script ends
        kept = scratch_parent() / f"refused-batch-{len(listing.read_text(encoding='utf-8').splitlines())}.json"
        shutil.copyfile(out / "batch.json", kept)
        sys.exit(f"a batch refused cases: see {kept}")
    written = [p for p in out.iterdir() if p.is_dir() and not p.name.startswith("earlier-")]
    documents = sum(len(list(folder.glob("*.docx"))) for folder in written)  # cases differ in their filings
    for folder in written:
        shutil.rmtree(folder)
    (out / "batch.json").unlink()
    if not keep:
        shutil.rmtree(out)
    return {
        "wall": wall,
        "cpu": figures["cpu_seconds"],
        "documents": documents,
        "parent_mib": figures["peak_kib"]["parent"] / 1024,
        "worker_mib": figures["peak_kib"]["workers"] / 1024,
    }


def _floor_pair(work: Path, halves: list[Path], n: int) -> float:
    """The floor on 2 processes, each rendering half the cases' documents; wall time of the pair."""
    outs = [work / f"floor-{n}-{half}" for half in (0, 1)]
    for out in outs:
        out.mkdir()
    start = time.perf_counter()
    children = [
        subprocess.Popen([PYTHON, str(BENCH / "naive.py"), str(ctx), str(out)], stdout=subprocess.DEVNULL, cwd=ROOT)
        for ctx, out in zip(halves, outs)
    ]
    for child in children:
        if child.wait() != 0:
            sys.exit("the floor failed")
    wall = time.perf_counter() - start
    for out in outs:
        shutil.rmtree(out)
    return wall


def _import_times(rounds: int) -> dict:
    """What the floor and the tool pay to import their libraries, in turns (python -X importtime is too noisy)."""
    floor_code = "import docxtpl, jinja2.sandbox, docx.shared"
    tool_code = "import generator.pipeline"
    floor, tool, bare = [], [], []
    for _ in range(rounds):
        bare.append(_timed([PYTHON, "-c", "pass"]))
        floor.append(_timed([PYTHON, "-c", floor_code]))
        tool.append(_timed([PYTHON, "-c", tool_code]))
    return {"python": bare, "floor": floor, "tool": tool}


# What make-filings loads only for the cases that need it, each timed in a process of its own
# (python's start subtracted); the naive floor imports none of these.
_LAZY = {
    "jieba's tagger from make-filings' stored table (the name net, any Chinese free text)": (
        "from generator.filings.jieba_tables import posseg; posseg()"
    ),
    "  the same loaded the way jieba loads itself (its whole dictionary)": (
        "import jieba, jieba.posseg, tempfile; jieba.setLogLevel(60); jieba.dt.tmp_dir = tempfile.gettempdir(); "
        "jieba.dt.initialize()"
    ),
    "jionlp's location parser, dictionaries from the cache (court and office advice)": (
        "from generator.law.places import parse_address; parse_address('浙江省杭州市西湖区文三路1号')"
    ),
    "cn2an's Cn2An (numerals that are not plain article numbers)": "from generator.cnformat import _cn2an; _cn2an()",
}


def _lazy_loads(rounds: int) -> dict[str, list[float]]:
    """Seconds each lazily loaded library adds to a process, warm caches, in turns with python alone."""
    times: dict[str, list[float]] = {label: [] for label in _LAZY}
    for code in _LAZY.values():  # jieba's own cache and make-filings' filled first
        _run([PYTHON, "-c", code])
    for _ in range(rounds):
        bare = _timed([PYTHON, "-c", "pass"])
        for label, code in _LAZY.items():
            times[label].append(_timed([PYTHON, "-c", code]) - bare)
    return times


def _status(work: Path, rounds: int, report: "Report") -> None:
    """`make-filings status` over 1,000 case files (bench/status.py's cases), empty and warm cache in turns."""
    from status import make_cases

    folder = work / "status-cases"
    folder.mkdir()
    make_cases(folder, 1000)
    cmd = [_make_filings(), "status", str(folder), "--json", "--on", "2026-11-25"]
    cold, warm = [], []
    for r in range(rounds):
        env = {**os.environ, "MAKE_FILINGS_CACHE": str(work / f"status-cache-{r}")}
        cold.append(_timed(cmd, env))
        warm.append(_timed(cmd, env))
    shutil.rmtree(folder)
    report.status(cold, warm)


def write_contexts(cases: list[Path], path: Path) -> None:
    """Each case's filing contexts as plain JSON (cleaned, pictures sized) for the floor script."""
    from generator import pipeline
    from generator.filings.documents import KINDS, build_contexts
    from generator.filings.summary import summary_context
    from generator.pipeline import Options, prepare
    from generator.rendering.render import TemplateSet, _picture_size, _stamp, clean

    annex_context = getattr(pipeline, "annex_context", None)
    templates = TemplateSet()
    with path.open("w", encoding="utf-8") as f:
        f.write("[")
        for i, case in enumerate(cases):
            prepared = prepare(case, Options(out=path.parent / "unused", check_output=False))
            contexts = build_contexts(prepared.analysis, list(KINDS))
            annex = annex_context(prepared.analysis, contexts) if annex_context else None
            if annex_context:  # the law annex and the summary that lists it
                contexts["case_summary"] = summary_context(
                    prepared.analysis, prepared.manifest["filings"][1:], dict(contexts), annex
                )
            else:  # an older make-filings, for figures before a change
                contexts["case_summary"] = summary_context(prepared.analysis, prepared.manifest["filings"][1:])
            if annex:
                contexts["legal_basis"] = annex
            row = {}
            for kind, ctx in contexts.items():
                ctx = clean({k: v for k, v in ctx.items() if k != "cited"})  # no template reads `cited`
                for img in ctx.get("images", []):
                    img["width_mm"] = _picture_size(img["path"], _stamp(img["path"]))[0]
                row[kind] = [str(templates.docx(kind)), ctx]
            f.write(("," if i else "") + json.dumps(row, ensure_ascii=False, default=str))
        f.write("]")


def _listing(work: Path, cases: list[Path], name: str) -> Path:
    path = work / f"{name}.txt"
    path.write_text("\n".join(map(str, cases)), encoding="utf-8")
    return path


def _two_core_ceiling() -> float:
    """How much faster two busy processes finish twice the work than one: what the machine lends right now."""
    spin = [PYTHON, "-c", "sum(i * i for i in range(4_000_000))"]
    one = min(_timed(spin) for _ in range(2))
    start = time.perf_counter()
    pair = [subprocess.Popen(spin) for _ in range(2)]
    for child in pair:
        child.wait()
    return 2 * one / (time.perf_counter() - start)


def _timed(cmd: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    _run(cmd, env)
    return time.perf_counter() - start


def _run(cmd: list[str], env: dict | None = None) -> None:
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)


def _repeat(fn, n: int) -> list:
    return [fn() for _ in range(n)]


def scratch_parent() -> Path:
    """Scratch files go under output/, where filings are normally written, not to /tmp: on some
    machines /tmp is watched or synchronous (here a file creation there costs 1 ms, under the
    repository 0.02 ms), which would measure the folder rather than make-filings."""
    folder = ROOT / "output"
    folder.mkdir(exist_ok=True)
    return folder


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _make_filings() -> str:
    """The installed console script beside this interpreter (a pyenv shim would add its own start-up)."""
    beside = Path(PYTHON).parent / "make-filings"
    return str(beside) if beside.exists() else (shutil.which("make-filings") or "make-filings")


# ------------------------------------------------------------------------------- report


def _spread(values: list[float], scale: float = 1.0, digits: int = 3) -> str:
    """ "median (min–max)" of the values times `scale`."""
    return (
        f"{statistics.median(values) * scale:.{digits}f} "
        f"({min(values) * scale:.{digits}f}–{max(values) * scale:.{digits}f})"
    )


class Report:
    """Lines of figures and verdicts."""

    def __init__(self):
        self.lines = _PrintedLines()

    def figure(self, label: str, text: str) -> None:
        self.lines.append(f"{label:<58} {text}")

    def target(
        self,
        label: str,
        figure: float,
        limit: float,
        unit: str,
        shown: str,
        low: float | None = None,
        high: float | None = None,
    ) -> None:
        """A figure against an upper `limit`: met or MISSED with the margin, and whether the range crosses it."""
        margin = (limit - figure) / limit * 100
        verdict = f"met, {margin:.0f} % under" if figure <= limit else f"MISSED, {-margin:.0f} % over"
        shaky = (
            " (its range crosses the target)" if low is not None and high is not None and low <= limit < high else ""
        )
        self.lines.append(f"{label:<58} {shown}  target ≤ {limit:g}{unit}: {verdict}{shaky}")

    def help(self, runs: list[float]) -> None:
        self.target("make-filings --help, s", statistics.median(runs), 0.15, " s", _spread(runs), min(runs), max(runs))

    def imports(self, times: dict) -> None:
        bare = statistics.median(times["python"])
        self.figure("start-up: python alone, s", _spread(times["python"]))
        self.figure("  + docxtpl's imports (the floor), s", _spread(times["floor"]))
        self.figure("  + make-filings' pipeline imports, s", _spread(times["tool"]))
        extra = statistics.median(times["tool"]) - statistics.median(times["floor"])
        self.figure("  the pipeline's imports beyond docxtpl's, s", f"{extra:.3f} (python alone {bare:.3f})")

    def lazy(self, times: dict[str, list[float]]) -> None:
        self.lines.append("")
        self.lines.append("loaded only for the cases that need them (the floor imports none), s beyond python's start:")
        for label, runs in times.items():
            self.figure(f"  {label}", _spread(runs))

    def status(self, cold: list[float], warm: list[float]) -> None:
        self.lines.append("")
        self.figure("make-filings status over 1,000 case files, empty cache, s", _spread(cold, digits=2))
        self.target(
            "  the same, warm cache, s", statistics.median(warm), 2, " s", _spread(warm, digits=2), min(warm), max(warm)
        )

    def single(self, warm: list, cold: list, floor: list) -> None:
        self.lines.append("")
        self.figure("one fresh case end to end, warm cache, s", _spread(warm))
        self.figure("one fresh case end to end, empty cache, s", _spread(cold))
        self.figure("  naive docxtpl floor, the same documents, s", _spread(floor))
        for name, runs, limit in (("warm", warm, 1.2), ("empty cache", cold, 1.5)):
            ratios = [t / f for t, f in zip(runs, floor)]
            self.target(
                f"  one case, {name} / floor (ratio within each round)",
                statistics.median(ratios),
                limit,
                "×",
                _spread(ratios, digits=2),
                min(ratios),
                max(ratios),
            )

    def batch(self, n: int, tool: list[dict], floor: list[float]) -> None:
        docs = tool[0]["documents"]  # all the batch's Word filings
        walls = [t["wall"] for t in tool]
        per_doc = [w / docs * 1000 for w in walls]
        self.lines.append("")
        self.figure(f"{n:,} distinct cases, 2 processes: wall, s", _spread(walls, digits=2))
        self.figure("  CPU (parent and workers), s", _spread([t["cpu"] for t in tool], digits=2))
        self.figure("  documents per case (Word filings, counted in the output)", f"{docs / n:.2f} ({docs:,} in all)")
        if floor:
            self.figure(
                f"  naive floor on 2 processes, same documents ({len(floor)} of the rounds): wall, s",
                _spread(floor, digits=2),
            )
            self.figure("  floor per document, ms", _spread([f / docs for f in floor], 1000, 2))
            self.figure("  tool / floor (within each round)", _spread([t / f for t, f in zip(walls, floor)], digits=2))
        self.figure("  peak memory: parent, MiB", _spread([t["parent_mib"] for t in tool], digits=1))
        self.figure("  peak memory: largest worker, MiB", _spread([t["worker_mib"] for t in tool], digits=1))
        if n == 1000:
            self.target(
                "  wall per document, ms",
                statistics.median(per_doc),
                4,
                " ms",
                _spread(per_doc, digits=2),
                min(per_doc),
                max(per_doc),
            )
        else:
            self.figure("  wall per document, ms", _spread(per_doc, digits=2))

    def full_out(self, into_full: list[dict], into_empty: list[dict]) -> None:
        ratios = [f["cpu"] / e["cpu"] for f, e in zip(into_full, into_empty)]
        self.lines.append("")
        self.figure(
            f"100 cases into an --out holding {FULL_OUT_FOLDERS:,} folders: CPU, s",
            _spread([f["cpu"] for f in into_full], digits=2),
        )
        self.figure("  the same into an empty --out: CPU, s", _spread([e["cpu"] for e in into_empty], digits=2))
        self.target(
            "  full / empty (within each round)",
            statistics.median(ratios),
            1.1,
            "×",
            _spread(ratios, digits=2),
            min(ratios),
            max(ratios),
        )

    def large(self, large: list[dict], thousand: list[dict]) -> None:
        median = lambda runs, key: statistics.median(r[key] for r in runs)  # noqa: E731
        self.lines.append("")
        self.figure("10,000 distinct cases, 2 processes: wall, s", _spread([r["wall"] for r in large], digits=1))
        self.figure("  per document, ms", _spread([r["wall"] / r["documents"] for r in large], 1000, 2))
        self.target(
            "  time / the 1,000-case time",
            median(large, "wall") / median(thousand, "wall"),
            10.5,
            "×",
            f"{median(large, 'wall') / median(thousand, 'wall'):.2f}",
        )
        for key, who in (("parent_mib", "parent"), ("worker_mib", "largest worker")):
            self.figure(f"  peak memory: {who}, MiB", _spread([r[key] for r in large], digits=1))
            ratio = median(large, key) / median(thousand, key)
            self.target(f"  peak memory of the {who} / its 1,000-case figure", ratio, 1.2, "×", f"{ratio:.2f}")


class _PrintedLines(list):
    """The report's lines, each printed as it is added: a run cut short keeps what it measured."""

    def append(self, line: str) -> None:
        super().append(line)
        print(line, flush=True)


if __name__ == "__main__":
    main()
