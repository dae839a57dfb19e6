"""Only the command line prints: library modules report through return values, callbacks and exceptions."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "generator"
# What writes to the terminal or reads from it.
CLICK_IO = {"echo", "secho", "progressbar", "prompt", "confirm", "pause", "edit", "launch", "clear", "getchar"}


def terminal_calls(source: str) -> list[str]:
    """Each call that writes to or reads from the terminal: print(), click's I/O, sys.stdout/stderr/stdin."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("print", "input"):
            found.append(f"{node.lineno}: {node.func.id}()")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id == "click" and node.attr in CLICK_IO:
                found.append(f"{node.lineno}: click.{node.attr}")
            elif node.value.id == "sys" and node.attr in ("stdout", "stderr", "stdin"):
                found.append(f"{node.lineno}: sys.{node.attr}")
    return found


def test_no_module_but_the_command_line_prints():
    problems = [
        f"{path.relative_to(ROOT)}:{call}"
        for path in sorted(ROOT.rglob("*.py"))
        if not path.name.startswith("cli")
        for call in terminal_calls(path.read_text(encoding="utf-8"))
    ]
    assert not problems, "library code writes to the terminal:\n" + "\n".join(problems)


def test_the_scan_finds_a_print():
    source = (
        "import click, sys\nprint(1)\nclick.echo('x')\nwith click.progressbar([]) as b: pass\nsys.stderr.write('')\n"
    )
    assert terminal_calls(source) == ["2: print()", "3: click.echo", "4: click.progressbar", "5: sys.stderr"]
