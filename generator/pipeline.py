"""One case from file to folder: load → validate → analyse → render → write.

This is the library API the CLI wires up; it prints nothing. `prepare` does
everything but writing, so `check` can show what a run would produce.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from generator import NAME, __version__, clock
from generator.case.load import load_case
from generator.case.validate import validate_case
from generator.cnformat import chinese_number, cn_date
from generator.data_files import use_data_dir
from generator.errors import FilingError, OfficeMissingError
from generator.filings import later_filings, privacy
from generator.filings.analyse import Analysis, analyse
from generator.filings.documents import ANNEX, KINDS, build_contexts, legal_basis_context, title_of
from generator.filings.plan import case_plan
from generator.filings.records import left_out_notes, quote
from generator.filings.summary import all_cited, paste_warnings, summary_cited, summary_context
from generator.law import provisions as law
from generator.phrases import say
from generator.rendering.inputs import case_inputs
from generator.rendering.render import TemplateSet, render_docx, render_text
from generator.rendering.write import check_writable, json_bytes, write_case_folder
from generator.vocabulary import FILE_STEMS, debit_text_stem


@dataclass(frozen=True)
class Options:
    """What the user asked for on the command line."""

    out: Path = Path("output")
    only: tuple = ()  # filing kinds; empty means all
    force: bool = False
    calendar: bool = False
    templates: Path | None = None
    data: Path | None = None  # a folder of edited data files, each replacing the built-in one of its name
    today: date | None = None  # the default filing date; tests pin it
    check_output: bool = True  # `check` renders without caring whether the folder exists
    pdf: bool = False  # also convert every Word filing to PDF with LibreOffice
    batch: str | None = None  # the batch run's id, recorded in each manifest (set by run_batch)


@dataclass
class Prepared:
    """A case rendered in memory: the files to write and the manifest describing them."""

    analysis: Analysis
    files: dict = field(default_factory=dict)  # name → bytes
    manifest: dict = field(default_factory=dict)

    @property
    def case_id(self) -> str:
        return self.analysis.case.case_id

    @property
    def warnings(self) -> list:
        return list(self.manifest.get("warnings", self.analysis.warnings))


def run_case(file: str | Path, options: Options) -> tuple[Prepared, Path]:
    """Produce a case's filings in `<out>/<case_id>/`; nothing is written on any error."""
    prepared = prepare(file, options)
    if options.pdf:
        add_pdfs(prepared)
    folder = write_case_folder(options.out, prepared.case_id, prepared.files, options.force, options.batch)
    return prepared, folder


def add_pdfs(prepared: Prepared) -> None:
    """Convert every Word filing to PDF (one LibreOffice call) and record them in the manifest.

    Without LibreOffice the Word files are still written; a warning says how to install it.
    """
    import tempfile

    from generator.rendering.pdf import convert_to_pdf

    with tempfile.TemporaryDirectory(prefix="make-filings-pdf-") as tmp:
        folder = Path(tmp)
        docx = []
        for name, data in prepared.files.items():
            if name.endswith(".docx"):
                (folder / name).write_bytes(data)
                docx.append(folder / name)
        try:
            pdfs = convert_to_pdf(docx, folder / "pdf")
        except OfficeMissingError as exc:
            prepared.manifest["warnings"].append(f"未生成PDF：{exc.message}")
            prepared.files["manifest.json"] = json_bytes(prepared.manifest)
            return
        for pdf in pdfs:
            prepared.files[pdf.name] = pdf.read_bytes()
    for entry in prepared.manifest["filings"]:
        name = entry["file"].removesuffix(".docx") + ".pdf"
        entry["pdf"], entry["pdf_sha256"] = name, sha256(prepared.files[name])
    prepared.files["manifest.json"] = json_bytes(prepared.manifest)


def prepare(file: str | Path, options: Options) -> Prepared:
    """Load, validate, analyse and render a case in memory."""
    use_data_dir(options.data)
    valid = validate_case(load_case(file), today=options.today)
    inputs = case_inputs(valid, options)
    if options.check_output:
        check_writable(options.out, valid.case_id, options.force, options.batch, inputs)
    if options.templates is not None:
        from generator.rendering.templatecheck import refuse_broken

        refuse_broken(options.templates)
    analysis = with_left_out_notes(with_past_date_warning(analyse(valid), options.today))
    kinds = [k for k in KINDS if (not options.only or k in options.only) and later_filings.applies(k, analysis)]
    templates = TemplateSet(options.templates)
    contexts = build_contexts(analysis, kinds)
    prepared = Prepared(analysis)
    entries = []
    for kind in kinds:
        entries.append(_render_filing(prepared, kind, contexts[kind], templates, analysis))
    # the annex comes before the summary, which names its hash; it goes to the other side with the filings, so it
    # holds what they cite, and what only the summary cites is quoted in the summary
    own = summary_cited(analysis)
    annex = legal_basis_context(analysis, contexts)
    if annex:
        entries.append(_render_filing(prepared, ANNEX, annex, templates, analysis))
    plan = case_plan(analysis.case, analysis.facts, analysis.deadlines)
    summary = summary_context(analysis, entries, contexts, annex, plan)
    entries.insert(0, _render_filing(prepared, "case_summary", summary, templates, analysis))
    if options.calendar:
        from generator.follow import add_actions_to_calendar
        from generator.law.deadlines import to_ical

        prepared.files["deadlines.ics"] = add_actions_to_calendar(
            to_ical(list(analysis.deadlines), prepared.case_id), plan, prepared.case_id
        )
    prepared.manifest = manifest(
        analysis, entries, {**contexts, "case_summary": {"cited": own}}, annex, calendar=options.calendar
    )
    prepared.manifest["inputs"] = inputs
    prepared.manifest.update(plan.as_manifest())
    if options.batch:
        prepared.manifest["batch"] = {"id": options.batch, "case_file": str(file)}
    prepared.files["manifest.json"] = json_bytes(prepared.manifest)
    return prepared


def with_past_date_warning(analysis: Analysis, today: date | None) -> Analysis:
    """A filing date before today: the reply deadlines were counted from it and may have passed (a warning)."""
    today = today or clock.today()
    if analysis.filing_date >= today:
        return analysis
    warning = (
        f"落款日期早于今天：文书中的答复期限是从落款日期{cn_date(analysis.filing_date)}起算的，"
        f"到今天（{cn_date(today)}）可能已经届满；如今天才提交，请把 filing_date 改为今天后重新生成。"
    )
    return replace(analysis, warnings=(warning, *analysis.warnings))


def with_left_out_notes(analysis: Analysis) -> Analysis:
    """The user's notes to self the filings leave out of their quotations (records.as_filed): the summary says which."""
    notes = left_out_notes(analysis.case)
    if not notes:
        return analysis
    warning = say("warnings.own_notes_left_out", notes="、".join(quote(n) for n in notes))
    return replace(analysis, warnings=(*analysis.warnings, warning))


def _render_filing(prepared: Prepared, kind: str, context: dict, templates: TemplateSet, analysis) -> dict:
    """Render one filing's Word and text files into `prepared.files`; return its manifest entry."""
    title = context.get("title", title_of(kind, analysis))
    docx = render_docx(templates.docx(kind), context, title=title)
    text = render_text(templates.text(kind), context)
    if kind == "blackcat_post":
        _check_public(docx, text, analysis)
    stem = FILE_STEMS[kind]
    text_bytes = text.encode("utf-8")
    prepared.files[f"{stem}.docx"] = docx
    prepared.files[f"{stem}.txt"] = text_bytes
    entry = {
        "kind": kind,
        "title": title,
        "file": f"{stem}.docx",
        "sha256": sha256(docx),
        "text_file": f"{stem}.txt",
        "text_sha256": sha256(text_bytes),
    }
    if "exhibits" in context:  # the exhibits this filing lists, by their numbers in the case
        numbers = {e.label: e.number for e in analysis.exhibits}
        entry["exhibits"] = [numbers[row["label"]] for row in context["exhibits"]]
    further = context.get("debit_texts", [])
    if further:  # one paste-ready text per further debit, each disputed from its own bill entry
        entry["text_files"] = [entry["text_file"]]
        for n, item in enumerate(further, 2):
            name, data = f"{debit_text_stem(stem, n)}.txt", (item["text"] + "\n").encode("utf-8")
            prepared.files[name] = data
            entry["text_files"].append(name)
    return entry


def citation_rows(cited: list, contexts: dict, annexed: list) -> list[dict]:
    """One row per provision cited in the case, or per paragraph (款) where only some are cited, with the
    documents (filings and summary) that cite it and whether the annex quotes it (`annexed`; else the summary
    does)."""
    rows = []
    for p in cited:
        for paragraph in p.cited or (None,):
            row = {"law": p.law, "article": p.article, "label": p.article_label, "effective": p.effective.isoformat()}
            if paragraph is not None:
                row["paragraph"] = paragraph
                row["label"] += f"第{chinese_number(paragraph)}款"
            if p.items:  # of its one paragraph, only these items (项) are cited
                row["items"] = list(p.items)
                row["label"] += "、".join(f"第{chinese_number(n)}项" for n in p.items)
            row["filings"] = [
                kind for kind, ctx in contexts.items() if any(_cites(q, p, paragraph) for q in ctx.get("cited", []))
            ]
            row["annexed"] = law.uncovered(p if paragraph is None else p.citing([paragraph], p.items), annexed) is None
            rows.append(row)
    return rows


def _cites(q, p, paragraph) -> bool:
    """Whether citation `q` of a document covers paragraph `paragraph` of `p` (None: the whole article)."""
    if (q.law, q.article, q.effective) != (p.law, p.article, p.effective):
        return False
    return not q.cited or paragraph is None or paragraph in q.cited


def _check_public(docx: bytes, text: str, analysis: Analysis) -> None:
    """The public post is scanned in its final form, Word and text alike, before it is kept."""
    from generator.rendering.reading import docx_text

    secrets = privacy.private_values(analysis.case)
    privacy.assert_public(text, secrets, "黑猫投诉（文字版）")
    privacy.assert_public(docx_text(docx), secrets, "黑猫投诉（Word版）")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest(analysis: Analysis, entries: list, contexts: dict, annex: dict | None, calendar: bool) -> dict:
    """The one machine-readable account of a run."""
    return {
        "case_id": analysis.case.case_id,
        "format_version": analysis.case.version,
        "generator": {"name": NAME, "version": __version__},
        "filing_date": analysis.filing_date.isoformat(),
        "filings": entries,
        "amounts": analysis.amounts.as_strings(),
        "deadlines": [
            {
                "kind": d.kind,
                "label": d.label,
                "due": d.due.isoformat() if d.due else None,
                "due_text": d.due_text,
                "basis": d.basis,
            }
            for d in analysis.deadlines
        ],
        "citations": citation_rows(all_cited(analysis, annex), contexts, annex["cited"] if annex else []),
        "exhibits": [
            {"number": e.number, "label": e.label, "file": e.file, "category": e.category, "sha256": e.sha256}
            for e in analysis.exhibits
        ],
        "calendar": "deadlines.ics" if calendar else None,
        "warnings": list(analysis.warnings) + paste_warnings(contexts) + later_filings.summary_notes(analysis),
    }


__all__ = ["Options", "Prepared", "prepare", "run_case", "FilingError"]
