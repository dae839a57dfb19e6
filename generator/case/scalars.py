"""The scalar types the case loader makes, apart from the loader so the schema can name them without importing it."""

from __future__ import annotations


class YamlInt(int):
    """An integer that remembers how the user wrote it (leading zeros, `+`)."""

    text: str

    def __new__(cls, value: int, text: str):
        obj = super().__new__(cls, value)
        obj.text = text
        return obj
