"""The naive floor: plain docxtpl loads, renders and saves each template from a ready context.

Nothing from `generator` is imported, so the process pays only for docxtpl.
Usage: python bench/naive.py contexts.json OUT_DIR [--repeat K]
Prints one JSON line: documents rendered and seconds spent rendering (imports excluded).
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from loop import time_renders


def render(template: str, context: dict, out: Path) -> None:
    """`DocxTemplate(path).render(); save()`, with the project's environment settings."""
    tpl = DocxTemplate(template)
    if "images" in context:
        context = dict(
            context,
            images=[
                dict(img, picture=InlineImage(tpl, img["path"], width=Mm(img["width_mm"]))) for img in context["images"]
            ],
        )
    env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    tpl.render(context, jinja_env=env, autoescape=True)
    tpl.save(out)


def main(argv: list[str]) -> None:
    time_renders(argv, render)


if __name__ == "__main__":
    main(sys.argv[1:])
