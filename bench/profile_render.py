"""Where the time goes: plain docxtpl against make-filings' renderer, and a batch of 50 cases.

Usage: python bench/profile_render.py [--top 15]
Each part prints a table of stages (cumulative time per document or per case) and
cProfile's top entries by own time.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import pstats
import sys
import tempfile
from pathlib import Path

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import SAMPLES, generate_cases, scratch_parent  # noqa: E402

from generator import pipeline  # noqa: E402
from generator.batch import run_batch  # noqa: E402
from generator.filings import later_filings  # noqa: E402
from generator.filings.documents import KINDS, build_contexts, legal_basis_context  # noqa: E402
from generator.filings.summary import summary_context  # noqa: E402
from generator.rendering.render import TemplateSet, _picture_size, _stamp, clean, jinja_env, render_docx  # noqa: E402

# stage → the functions whose cumulative time it is (file fragment, function name)
RENDER_STAGES = {
    "open the .docx (zip read, XML parse)": [("docx/api.py", "Document"), ("render.py", "new_document")],
    "docxtpl patch_xml (regexes)": [("docxtpl/template.py", "patch_xml")],
    "Jinja compile": [("jinja2/environment.py", "from_string")],
    "Jinja render (incl. pictures)": [("jinja2/environment.py", "render")],
    "docxtpl resolve_listing": [("docxtpl/template.py", "resolve_listing")],
    "docxtpl fix_tables": [("docxtpl/template.py", "fix_tables")],
    "core properties": [("docxtpl/template.py", "render_properties")],
    "save (serialise, deflate, zip)": [("docxtpl/template.py", "save")],
    "picture sizing (PIL)": [("profile_render.py", "plain_picture"), ("render.py", "_picture")],
}
CASE_STAGES = {
    name: [("generator/", name)]
    for name in (
        "load_case",
        "validate_case",
        "analyse",
        "build_contexts",
        "summary_context",
        "render_docx",
        "render_text",
        "_check_public",
        "write_case_folder",
    )
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    jobs = _render_jobs()
    _render(jobs)  # warm: imports, first compilations
    for title, fn in (
        ("plain docxtpl: DocxTemplate(path).render(); save()", _plain),
        ("make-filings render_docx (warm cache)", render_docx),
    ):
        stats = _profile(lambda fn=fn: [_render(jobs, fn) for _ in range(3)])
        _print(title, stats, RENDER_STAGES, 3 * len(jobs), "document", args.top)
    with tempfile.TemporaryDirectory(prefix="bench-", dir=scratch_parent()) as tmp:
        files = generate_cases(Path(tmp) / "cases", 60)
        options = pipeline.Options(out=Path(tmp) / "out")
        with contextlib.redirect_stdout(io.StringIO()):
            run_batch(files[:10], options, workers=1)  # warm
            stats = _profile(lambda: run_batch(files[10:], options, workers=1))
    _print("a batch of 50 cases, one process", stats, CASE_STAGES, 50, "case", args.top)


def _render_jobs() -> list[tuple[Path, dict]]:
    """Every template with every sample's context, as `prepare` builds them."""
    templates, jobs = TemplateSet(), []
    with tempfile.TemporaryDirectory() as tmp:
        for path in SAMPLES:
            prepared = pipeline.prepare(path, pipeline.Options(out=Path(tmp)))
            kinds = [k for k in KINDS if later_filings.applies(k, prepared.analysis)]
            contexts = build_contexts(prepared.analysis, kinds)
            annex = legal_basis_context(prepared.analysis, contexts)
            contexts["case_summary"] = summary_context(
                prepared.analysis, prepared.manifest["filings"][1:], dict(contexts), annex
            )
            if annex:
                contexts["legal_basis"] = annex
            jobs += [(templates.docx(kind), ctx) for kind, ctx in contexts.items()]
    return jobs


def _render(jobs, fn=None) -> None:
    for path, ctx in jobs:
        (fn or render_docx)(path, ctx)


def _plain(path: Path, context: dict) -> bytes:
    tpl = DocxTemplate(str(path))
    data = clean(context)
    if "images" in data:
        data["images"] = [dict(img, picture=plain_picture(tpl, img)) for img in data["images"]]
    tpl.render(data, jinja_env=jinja_env(autoescape=True), autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def plain_picture(tpl, img: dict) -> InlineImage:
    return InlineImage(tpl, img["path"], width=Mm(_picture_size.__wrapped__(img["path"], _stamp(img["path"]))[0]))


def _profile(work) -> pstats.Stats:
    profiler = cProfile.Profile()
    profiler.enable()
    work()
    profiler.disable()
    return pstats.Stats(profiler)


def _print(title: str, stats: pstats.Stats, stages: dict, count: int, unit: str, top: int) -> None:
    print(f"\n== {title}: {stats.total_tt / count * 1000:.2f} ms per {unit} (under cProfile)")
    for stage, functions in stages.items():
        seconds = sum(
            ct
            for (file, _, name), (_, _, _, ct, _) in stats.stats.items()
            for fragment, wanted in functions
            if name == wanted and fragment in file
        )
        print(f"  {stage:<40} {seconds / count * 1000:7.2f} ms")
    print(f"  top {top} by own time:")
    stats.stream = sys.stdout  # not the captured output of the batch it profiled
    stats.sort_stats("tottime").print_stats(top)


if __name__ == "__main__":
    main()
