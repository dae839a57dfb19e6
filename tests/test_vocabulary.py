"""The vocabulary is the one definition: the schema, the interview, the filings and the CLI all follow it."""

from __future__ import annotations

from importlib import resources

from generator import vocabulary as V
from generator.case import questions, schema
from generator.cli import KIND_NAMES
from generator.filings.narrative import PROBLEM_LABELS, ROLES
from generator.filings.records import CHANNEL_NAMES

LISTS = (
    V.SERVICES,
    V.PLATFORM_KINDS,
    V.CHANNELS,
    V.CARD_NETWORKS,
    V.PAYEE_KINDS,
    V.PROBLEM_TYPES,
    V.CONTACT_PARTIES,
    V.CONTACT_RESULTS,
    V.EVIDENCE_CATEGORIES,
    V.ABOUT_SUBJECTS,
    V.REFUND_MODES,
    V.GENDERS,
)


def test_an_alias_names_one_code_across_every_list():
    seen: dict[str, str] = {}
    for terms in LISTS:
        for t in terms:
            for alias in t.aliases:
                assert seen.setdefault(alias, t.code) == t.code, alias
    assert all(schema.CHOICE_ALIASES[a] == c for a, c in seen.items())


def test_the_schema_and_the_interview_offer_exactly_the_vocabulary():
    assert schema.PROBLEM_TYPES == [t.code for t in V.PROBLEM_TYPES]
    assert [c for c, _ in questions.PROBLEM_CHOICES] == schema.PROBLEM_TYPES
    assert [c for c, _ in questions.CHANNEL_CHOICES] == schema.CHANNELS
    assert {c for c, _ in questions.RESULT_CHOICES} <= set(schema.CONTACT_RESULTS)
    assert CHANNEL_NAMES["wechat"] == "微信支付" and set(PROBLEM_LABELS) == set(schema.PROBLEM_TYPES)


def test_every_filing_kind_has_its_file_name_cli_names_roles_and_templates():
    stems = [d.stem for d in V.DOCUMENTS]
    assert len(set(stems)) == len(stems) and stems == sorted(stems)
    assert list(KIND_NAMES) == list(V.FILING_KINDS) == list(ROLES)
    every_name = [n for f in V.FILINGS for n in f.names]
    assert len(set(every_name)) == len(every_name)  # `--only 调解` means one filing
    shipped = {e.name for e in resources.files("generator.templates").iterdir()}
    for d in V.DOCUMENTS:
        assert f"{d.code}.docx" in shipped and f"{d.code}.txt" in shipped, d.code


def test_the_help_lists_every_filing_kind_of_the_vocabulary():
    from click.testing import CliRunner

    from generator.cli import main

    shown = CliRunner().invoke(main, ["--help"]).output + CliRunner().invoke(main, ["run", "--help"]).output
    compact = "".join(shown.split())
    for d in V.DOCUMENTS:
        assert f"{d.name}{d.code}" in compact, d.code


def test_each_filing_that_attaches_the_law_names_itself_in_the_phrases():
    from generator.phrases import phrases

    named = {k.rsplit(".", 1)[1] for k in phrases() if k.startswith("attachments.this_filing.")}
    assert named == set(V.ANNEXED) and "police_report" not in named


def test_every_filing_kind_has_what_builds_it():
    """A kind added to the vocabulary without its builder (README: later_filings + documents.BUILDERS) is found
    here, not as an internal error in a user's run."""
    from generator.filings.documents import BUILDERS

    assert set(BUILDERS) == set(V.FILING_KINDS)
