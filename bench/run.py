"""Benchmark make-filings on this machine and print the figures against the targets.

Measures, in one run: `make-filings --help`; one case end to end against the naive
docxtpl floor for the same documents (process start included in both); the floor's
and a batch's time per document; cases per second for generated batches on one and
two processes; the peak memory of 10 against 1,000 cases.

Usage: python bench/run.py [--sizes 1,10,100,1000] [--repeat 5] [--rounds 2]

Start-up timings keep the fastest of `--repeat` runs and batches the fastest of
`--rounds` (other work on the machine only ever adds time); the load average is printed before, during and after, as
it skews every figure. Child processes run with a bytecode cache in a temporary
folder, as an installed package has its .pyc files, even when
PYTHONDONTWRITEBYTECODE is set, and with make-filings' own cache (compiled
templates, parsed data) in a folder of their own, filled by a first run; that
first run, with an empty cache, is timed and printed too.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
SAMPLES = sorted((ROOT / "cases").glob("*.yaml"))
PYTHON = sys.executable
DOCS_PER_CASE = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,100,1000", help="batch sizes, comma-separated")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each start-up timing (the fastest is kept)")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each batch, one and two processes in turn "
                                                               "(the fastest is kept)")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="bench-", dir=scratch_parent()) as tmp:
        work = Path(tmp)
        _use_bytecode_cache(work / "pycache")
        os.environ["MAKE_FILINGS_CACHE"] = str(work / "cache")  # filled by the first run, like a user's
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPU, make-filings from {_make_filings()}")
        print(f"load average before: {_load()}")
        # fills the bytecode cache (a cache of its own, so that each sample's first run below starts empty)
        _wall([_make_filings(), str(SAMPLES[0]), "--out", str(work / "warm-up")], 1,
              env={**os.environ, "MAKE_FILINGS_CACHE": str(work / "cache-warm-up")})
        help_s = min(_wall([_make_filings(), "--help"], args.repeat))
        singles = _single_cases(work, args.repeat)
        per_doc = _per_document(work)
        ceiling = _two_core_ceiling()
        batches = _batches(work, sizes, args.rounds)
        print(f"load average after:  {_load()}")
    _print_report(help_s, singles, per_doc, batches, sizes, ceiling)


# ------------------------------------------------------------------------------ cases

def generate_cases(folder: Path, n: int) -> list[Path]:
    """`n` case files copied from the samples in turn, each with its own case_id and evidence folder."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(n):
        sample = SAMPLES[i % len(SAMPLES)]
        text = sample.read_text(encoding="utf-8")
        text = re.sub(r"^case_id:(\s*)(\S+)", lambda m: f"case_id:{m[1]}{m[2]}-b{i:05d}", text, count=1, flags=re.M)
        text = text.replace("file: evidence/", f"file: evidence-{i:05d}/")
        _link_tree(ROOT / "cases" / "evidence", folder / f"evidence-{i:05d}")
        path = folder / f"{i:05d}-{sample.name}"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def _link_tree(src: Path, dst: Path) -> None:
    """The sample evidence, hard-linked where the file system allows (1,000 copies are 200 MB)."""
    dst.mkdir()
    for f in src.iterdir():
        try:
            os.link(f, dst / f.name)
        except OSError:
            shutil.copy2(f, dst / f.name)


def write_contexts(cases: list[Path], path: Path) -> None:
    """Each case's filing, annex and summary contexts as plain JSON (cleaned, pictures sized) for the floor script."""
    from generator.documents import KINDS, build_contexts
    from generator.pipeline import Options, prepare
    from generator.pipeline import annex_context as pipeline_annex
    from generator.render import TemplateSet, _picture_size, _stamp, clean
    from generator.summary import summary_context

    templates = TemplateSet()
    out = []
    for case in cases:
        prepared = prepare(case, Options(out=path.parent / "unused"))
        contexts = build_contexts(prepared.analysis, list(KINDS))
        annex = pipeline_annex(prepared.analysis, contexts)
        contexts["case_summary"] = summary_context(prepared.analysis, prepared.manifest["filings"][1:],
                                                   dict(contexts), annex)
        if annex:
            contexts["legal_basis"] = annex
        row = {}
        for kind, ctx in contexts.items():
            ctx = clean({k: v for k, v in ctx.items() if k != "cited"})  # no template reads `cited`
            for img in ctx.get("images", []):
                img["width_mm"] = _picture_size(img["path"], _stamp(img["path"]))[0]
            row[kind] = [str(templates.docx(kind)), ctx]
        out.append(row)
    path.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")


# ------------------------------------------------------------------------ measurements

def _single_cases(work: Path, repeat: int) -> list[dict]:
    """Each sample end to end with `make-filings`, and the floor for its documents."""
    rows = []
    for sample in SAMPLES:
        contexts = work / f"ctx-{sample.stem}.json"
        write_contexts([sample], contexts)
        first = _wall([_make_filings(), str(sample), "--out", str(work / f"first-{sample.stem}")], 1,
                      env={**os.environ, "MAKE_FILINGS_CACHE": str(work / f"cache-first-{sample.stem}")})
        _wall([_make_filings(), str(sample), "--out", str(work / f"warm-{sample.stem}")], 1)  # fills the cache
        runs, floors = [], []
        for r in range(repeat):
            out = work / f"single-{sample.stem}-{r}"
            runs += _wall([_make_filings(), str(sample), "--out", str(out)], 1)
            floor_out = work / f"floor-{sample.stem}-{r}"
            floor_out.mkdir()
            floors += _wall([PYTHON, str(BENCH / "naive.py"), str(contexts), str(floor_out)], 1)
            shutil.rmtree(out), shutil.rmtree(floor_out)
        rows.append({"case": sample.name, "end_to_end": min(runs), "floor": min(floors), "first_run": first[0]})
    return rows


def _per_document(work: Path) -> dict:
    """Steady cost of one document, imports excluded: plain docxtpl against make-filings' renderer."""
    contexts = work / "ctx-all.json"
    write_contexts(SAMPLES, contexts)
    figures = {}
    for name, script in (("floor", "naive.py"), ("render", "render_loop.py")):
        out = work / f"steady-{name}"
        out.mkdir()
        result = subprocess.run([PYTHON, str(BENCH / script), str(contexts), str(out), "--repeat", "10"],
                                check=True, capture_output=True, text=True)
        shutil.rmtree(out)
        run = json.loads(result.stdout)
        figures[name] = run["seconds"] / run["documents"]
    return figures


def _batches(work: Path, sizes: list[int], rounds: int) -> dict:
    """Every size on one and on two processes: wall time (process start included) and peak memory.

    One and two processes take turns, `rounds` times, and each keeps its fastest round:
    on a shared virtual machine a neighbour's burst can slow any single run by a fifth.
    """
    cases = generate_cases(work / "cases", max(sizes))
    results = {}
    for n in sizes:
        listing = work / f"files-{n}.txt"
        listing.write_text("\n".join(str(p) for p in cases[:n]), encoding="utf-8")
        for _round in range(rounds):
            for workers in (1, 2):
                run = _batch_run(work, listing, n, workers)
                if (n, workers) not in results or run["wall"] < results[n, workers]["wall"]:
                    results[n, workers] = run
    return results


def _batch_run(work: Path, listing: Path, n: int, workers: int) -> dict:
    out = work / f"out-{n}-{workers}"
    start = time.perf_counter()
    child = subprocess.run([PYTHON, str(BENCH / "batch_child.py"), str(listing), str(out), str(workers)],
                           check=True, capture_output=True, text=True)
    wall = time.perf_counter() - start
    figures = json.loads(child.stdout)
    if figures["status"] != 0:
        sys.exit(f"batch of {n} on {workers} process(es) refused cases: see {out / 'batch.json'}")
    peak = figures["peak_kib"]["self"] if workers == 1 else figures["peak_kib"]["workers"]
    shutil.rmtree(out)
    print(f"  {n:>5} cases, {workers} process(es): {wall:6.2f} s, load {_load()}", file=sys.stderr)
    return {"wall": wall, "cpu": figures["cpu_seconds"], "peak_mib": peak / 1024,
            "parent_mib": figures["peak_kib"]["self"] / 1024}


def _two_core_ceiling() -> float:
    """How much faster two busy processes finish twice the work than one: what the machine lends right now."""
    spin = [PYTHON, "-c", "sum(i * i for i in range(6_000_000))"]
    one = min(_wall(spin, 2))
    start = time.perf_counter()
    pair = [subprocess.Popen(spin) for _ in range(2)]
    for child in pair:
        child.wait()
    return 2 * one / (time.perf_counter() - start)


def _wall(cmd: list[str], repeat: int, env: dict | None = None) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, env=env)
        times.append(time.perf_counter() - start)
    return times


def scratch_parent() -> Path:
    """Scratch files go under output/, where filings are normally written, not to /tmp: on some
    machines /tmp is watched or synchronous (here a file creation there costs 1 ms, under the
    repository 0.02 ms), which would measure the folder rather than make-filings."""
    folder = ROOT / "output"
    folder.mkdir(exist_ok=True)
    return folder


def _use_bytecode_cache(folder: Path) -> None:
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder)


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _make_filings() -> str:
    """The installed console script beside this interpreter (a pyenv shim would add its own start-up)."""
    beside = Path(PYTHON).parent / "make-filings"
    return str(beside) if beside.exists() else (shutil.which("make-filings") or "make-filings")


# ----------------------------------------------------------------------------- report

def _print_report(help_s: float, singles: list[dict], per_doc: dict, batches: dict, sizes: list[int],
                  ceiling: float) -> None:
    def verdict(ok: bool) -> str:
        return "met" if ok else "MISSED"

    print(f"\n{'measure':<52} {'figure':>12}  target")
    print(f"{'make-filings --help':<52} {help_s:>10.3f} s  ≤ 0.25 s: {verdict(help_s <= 0.25)}")
    for row in singles:
        ratio = row["end_to_end"] / row["floor"]
        print(f"{'one case end to end: ' + row['case']:<52} {row['end_to_end']:>10.3f} s")
        print(f"{'  naive docxtpl floor, same documents':<52} {row['floor']:>10.3f} s")
        print(f"{'  ratio end to end / floor':<52} {ratio:>12.2f}  ≤ 1.5: {verdict(ratio <= 1.5)}")
        print(f"{'  first run, empty cache (compiles the templates)':<52} {row['first_run']:>10.3f} s"
              f"  ratio {row['first_run'] / row['floor']:.2f}")
    floor_doc, render_doc = per_doc["floor"], per_doc["render"]
    print(f"{'naive floor per document (steady, imports excluded)':<52} {floor_doc * 1000:>9.2f} ms")
    print(f"{'render_docx per document (same contexts and loop)':<52} {render_doc * 1000:>9.2f} ms")
    print(f"{'  floor / render_docx':<52} {floor_doc / render_doc:>12.2f}  ≥ 2: {verdict(floor_doc >= 2 * render_doc)}")
    largest = max(sizes)
    batch_doc = batches[largest, 1]["wall"] / (largest * DOCS_PER_CASE)
    label = f"batch per document ({largest} cases, 1 process, all stages)"
    print(f"{label:<52} {batch_doc * 1000:>9.2f} ms")
    speed = floor_doc / batch_doc
    print(f"{'  floor / batch per document':<52} {speed:>12.2f}  ≥ 2: {verdict(speed >= 2)}")
    print(f"\n{'cases':>6} {'1 process: wall, cases/s, CPU':>30} {'2 processes: wall, cases/s, CPU':>33}"
          f" {'speed-up':>9}   peak RSS: 1 process / each of 2 workers")
    for n in sizes:
        one, two = batches[n, 1], batches[n, 2]
        print(f"{n:>6} {one['wall']:>10.2f} s {n / one['wall']:>7.1f}/s {one['cpu']:>7.1f} s"
              f" {two['wall']:>12.2f} s {n / two['wall']:>7.1f}/s {two['cpu']:>7.1f} s"
              f" {one['wall'] / two['wall']:>8.2f}×   {one['peak_mib']:6.1f} / {two['peak_mib']:6.1f} MiB"
              f" (their parent {two['parent_mib']:.0f} MiB)")
    if largest >= 1000 and 1000 in sizes:
        one, two = batches[1000, 1], batches[1000, 2]
        scaling = one["wall"] / two["wall"]
        print(f"\n{'1,000 cases on 2 processes':<52} {two['wall']:>10.2f} s  ≤ 45 s: {verdict(two['wall'] <= 45)}")
        print(f"{'  2-process / 1-process throughput':<52} {scaling:>12.2f}  ≥ 1.7: {verdict(scaling >= 1.7)}")
        print(f"{'  the same for a pure CPU loop (what the machine lends)':<52} {ceiling:>12.2f}")
    if 10 in sizes and 1000 in sizes:
        for workers, who in ((1, "1 process"), (2, "per worker, 2 processes")):
            ratio = batches[1000, workers]["peak_mib"] / batches[10, workers]["peak_mib"]
            print(f"{'peak memory 1,000 / 10 cases, ' + who:<52} {ratio:>12.2f}  ≤ 1.2: {verdict(ratio <= 1.2)}")


if __name__ == "__main__":
    main()
