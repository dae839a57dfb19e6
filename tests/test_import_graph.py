"""The package's modules import one another without a cycle, counting imports made inside functions.

An import deferred into a function only for speed is fine; one deferred because the modules import each
other hides a cycle, and this test finds it.
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(tree: ast.AST, modules: set[str]) -> set[str]:
    """The package's modules an AST imports anywhere (a `from pkg import mod` names the module `pkg.mod`)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                whole = f"{node.module}.{alias.name}"
                found.add(whole if whole in modules else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found & modules


def import_graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(files)
    graph = {}
    for name, path in files.items():
        # a package's own __init__ is imported with each of its modules: that is no cycle
        graph[name] = {
            m
            for m in imported(ast.parse(path.read_text(encoding="utf-8")), modules)
            if m != name and not name.startswith(m + ".")
        }
    return graph


def test_the_graph_is_read_from_the_source():
    graph = import_graph()
    assert "generator.filings.parties" in graph["generator.filings.documents"]
    assert "generator.filings.parties" in graph["generator.filings.later_filings"]
    assert "generator.data_files" in graph["generator.law.provisions"]


def test_no_import_cycle():
    try:
        tuple(TopologicalSorter(import_graph()).static_order())
    except CycleError as exc:
        pytest.fail("import cycle: " + " → ".join(exc.args[1]))


def test_a_cycle_is_found(tmp_path):
    """The check itself: two modules importing each other inside functions are a cycle."""
    graph = {
        "a": imported(ast.parse("def f():\n    from b import x\n"), {"a", "b"}),
        "b": imported(ast.parse("import a\n"), {"a", "b"}),
    }
    with pytest.raises(CycleError):
        tuple(TopologicalSorter(graph).static_order())
