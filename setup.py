"""The package list, which pyproject.toml alone cannot give: setuptools' discovery of `generator`
and every subpackage under it, plus `generator.templates`, whose files live in templates/ at the
top of the repository (pyproject.toml maps the folder). Everything else is in pyproject.toml."""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["generator", "generator.*"]), "generator.templates"])
