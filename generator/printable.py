"""Text as a Word document can hold it: the one definition of the characters XML cannot carry."""

from __future__ import annotations

import re

XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Normalise line ends and drop the characters XML cannot hold."""
    return XML_ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
