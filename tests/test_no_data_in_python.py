"""Law, channel facts and filing wording are data: the Chinese string literals of generator/law and generator/filings
hold no statute text, no channel fact, no phrase of phrases.yaml, and the filings' fixed parts come from the data.

Docstrings and comments may name or paraphrase the law for the reader of the code; they are not scanned.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "generator" / "data"
SCANNED = sorted([*(ROOT / "generator" / "law").rglob("*.py"), *(ROOT / "generator" / "filings").rglob("*.py")])
HAN = re.compile(r"[\u4e00-\u9fff]")
RUN = 12  # characters in common with the data that make a literal a copy of it

# What may stay in Python although it shares a run of RUN characters with the data, each with its reason.
# (module relative to generator/, a fragment of the literal): why
ALLOWED: dict[tuple[str, str], str] = {
    # none today: add an entry only for an error message to the user, CLI text or a field label of the case
    # format that must repeat words of the data, and say why here
}

# The parts of a filing's context that are its fixed wording: built from phrases.yaml (or the case), never a literal.
WORDING_KEYS = {
    "label",  # a paste text's box
    "title",
    "salutation",
    "intro",
    "subtitle",
    "meta",
    "verify_note",
    "requests",
    "cause",
    "evidence_source",
    "copies",
    "matter",
    "powers",
    "term",
    "loss",
}
# The modules that build the filings' contexts, and the one that builds every filing's party lines.
CONTEXT_MODULES = ("filings/documents.py", "filings/later_filings.py")
# Modules whose every sentence, label and unit is phrases.yaml's: the party lines, the deadlines (labels, notes,
# warnings, calendar), the money (amounts, arithmetic, the choice of compensation), the case summary, the filings'
# contexts and paste texts (documents, later_filings), their sentences (narrative, records) and the warnings to the
# user (analyse). A word the code only recognises in the case (投诉 in a contact's method, 平台, 默认) is a marker
# of phrases.yaml or a rule of rules.yaml, not a literal.
NO_CHINESE = (
    "filings/parties.py",
    "law/deadlines.py",
    "law/money.py",
    "filings/summary.py",
    "filings/documents.py",
    "filings/later_filings.py",
    "filings/narrative.py",
    "filings/records.py",
    "filings/analyse.py",
    "filings/payment_statement.py",
)
# Chinese literals these modules may keep, each for a reason other than wording: (module, literal): why
NOT_WORDING = {
    ("filings/summary.py", "未经证实"): "a test of a channel fact's own text (does it say itself unconfirmed)",
}
# The functions that build the paste texts: every label and fixed sentence of a form's box is phrases.yaml's.
PASTE_FUNCTIONS = re.compile(r"_paste$|^_block$|^_warn_if_shortened$|^_order_line$")


def rel(path: Path) -> str:
    return path.relative_to(ROOT / "generator").as_posix()


def chinese_literals(tree: ast.AST) -> list[ast.Constant]:
    """The string constants with a Chinese character, f-strings' fixed parts included, docstrings left out."""
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and HAN.search(node.value)
    ]


# A provision named (《消费者权益保护法》第五十五条第一款) is a citation, not a copy of its text or of a phrase
# citing it.
CITATION = re.compile(r"《[^》]+》(第[一二三四五六七八九十百零]+[条款项])*")


def compact(text: str) -> str:
    """The text without whitespace (a literal may wrap where the data does not) and without citations."""
    return CITATION.sub("|", re.sub(r"\s+", "", text))


def runs(texts) -> set[str]:
    """Every run of RUN characters of the texts, as `compact` leaves them."""
    out = set()
    for text in texts:
        text = compact(text)
        out.update(text[i : i + RUN] for i in range(len(text) - RUN + 1))
    return out


def strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


def data_runs() -> dict[str, set[str]]:
    provisions = yaml.safe_load((DATA / "provisions.yaml").read_text(encoding="utf-8"))
    return {
        "statute text (provisions.yaml)": runs(p["text"] for p in provisions["provisions"]),
        "channel fact (channels.yaml)": runs(
            s for s in strings(yaml.safe_load((DATA / "channels.yaml").read_text(encoding="utf-8"))) if HAN.search(s)
        ),
        "filing wording (phrases.yaml)": runs(
            strings(yaml.safe_load((DATA / "phrases.yaml").read_text(encoding="utf-8")))
        ),
    }


def copies(text: str, found: dict[str, set[str]]) -> list[str]:
    """What of the data the text copies: the first run of RUN characters it shares with each kind of data."""
    text = compact(text)
    return [
        f"{what}: “{text[i : i + RUN]}”"
        for what, known in found.items()
        for i in range(len(text) - RUN + 1)
        if text[i : i + RUN] in known and HAN.search(text[i : i + RUN])  # a key path (claims.refund) is no wording
    ][:1]


def test_no_literal_copies_the_data():
    found = data_runs()
    problems = []
    for path in SCANNED:
        for node in chinese_literals(ast.parse(path.read_text(encoding="utf-8"))):
            if any(module == rel(path) and fragment in node.value for module, fragment in ALLOWED):
                continue
            problems += [f"{rel(path)}:{node.lineno} {what}" for what in copies(node.value, found)]
    assert not problems, "data written into Python:\n" + "\n".join(problems)


@pytest.mark.parametrize("module", CONTEXT_MODULES)
def test_the_fixed_parts_of_the_filings_come_from_the_data(module):
    """A title, salutation, opening or request written as a Chinese literal in a context is wording to move."""
    tree = ast.parse((ROOT / "generator" / module).read_text(encoding="utf-8"))
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values):
                if isinstance(key, ast.Constant) and key.value in WORDING_KEYS and chinese_literals(value):
                    problems.append(f"{module}:{value.lineno} “{key.value}”: {chinese_literals(value)[0].value}")
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AugAssign) else []
        )
        if any(isinstance(t, ast.Name) and t.id == "requests" for t in targets) and chinese_literals(node.value):
            problems.append(f"{module}:{node.lineno} requests: {chinese_literals(node.value)[0].value}")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("append", "extend")
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "requests"
            and chinese_literals(node)
        ):
            problems.append(f"{module}:{node.lineno} requests: {chinese_literals(node)[0].value}")
    assert not problems, "fixed wording in Python (move it to data/phrases.yaml):\n" + "\n".join(problems)


@pytest.mark.parametrize("module", NO_CHINESE)
def test_the_worded_modules_are_mechanics_only(module):
    """Not one Chinese literal: a label, a unit (元), a sentence of the summary is worded in phrases.yaml."""
    tree = ast.parse((ROOT / "generator" / module).read_text(encoding="utf-8"))
    found = [f"{n.lineno}: {n.value}" for n in chinese_literals(tree) if (module, n.value) not in NOT_WORDING]
    assert found == [], f"wording in {module} (move it to data/phrases.yaml and declare it in FIELDS)"


def test_the_paste_texts_take_their_wording_from_the_data():
    """The boxes' labels and fixed sentences of the text versions (documents.py's *_paste functions)."""
    tree = ast.parse((ROOT / "generator" / "filings" / "documents.py").read_text(encoding="utf-8"))
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and PASTE_FUNCTIONS.search(n.name)]
    assert len(functions) >= 6  # the scan finds them
    found = [f"{f.name}:{n.lineno}: {n.value}" for f in functions for n in chinese_literals(f)]
    assert found == [], "wording in a paste text (move it to data/phrases.yaml's paste section)"


def test_the_strict_scans_would_find_wording():
    """A label, a unit or a word to recognise written into a worded module is found; a docstring is not."""
    source = (
        'def f():\n    """说明"""\n    return f"{x}元"\n\n\ndef _x_paste():\n    return {"label": "投诉内容"}\n'
        'SAID = re.compile("拒|驳回")\n'
    )
    tree = ast.parse(source)
    assert sorted(n.value for n in chinese_literals(tree)) == sorted(["元", "投诉内容", "拒|驳回"])
    paste = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and PASTE_FUNCTIONS.search(n.name)]
    assert [n.value for n in chinese_literals(paste[0])] == ["投诉内容"]


def test_the_scan_finds_a_copy():
    """The check itself: a literal quoting a provision, a channel fact or a phrase is found; a docstring is not."""
    found = data_runs()
    provisions = yaml.safe_load((DATA / "provisions.yaml").read_text(encoding="utf-8"))["provisions"]
    statute = provisions[0]["text"][5:30]
    source = f'"""{statute}"""\nTEXT = "依据：{statute}"\nNOTE = f"{{x}}的问题，"\n'
    literals = chinese_literals(ast.parse(source))
    assert [n.value for n in literals] == [f"依据：{statute}", "的问题，"]  # the docstring is left out
    assert copies(literals[0].value, found)[0].startswith("statute text")
    assert copies("以上条文录自公开的法律文本，以国家法律法规数据库为准", found)[0].startswith("filing wording")
