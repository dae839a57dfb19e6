"""A real install: the wheel built from this tree, installed with its declared dependencies into a
fresh virtual environment, runs a sample case. So no subpackage, data file or template is left out
of the package, and no runtime dependency out of pyproject.toml.

pip's cache makes a repeated install quick; `pytest -m "not install"` leaves this out while iterating.
"""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from generator.pipeline import Options, prepare
from generator.rendering.reading import docx_text
from tests.conftest import CASES, ROOT
from tests.test_golden import EPOCH, comparable

pytestmark = pytest.mark.install

CASE = "youku-marketplace-promise.yaml"  # the sample that writes the most kinds of filing
# What a build copies from the tree; anything else (the venv, caches, outputs, git) stays out.
_NOT_SOURCE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    "output",
    ".pytest_cache",
    ".hypothesis",
    ".mypy_cache",
    ".ruff_cache",
)


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{' '.join(map(str, args))}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    """A fresh virtual environment holding the wheel and what it depends on, nothing else."""
    work = tmp_path_factory.mktemp("install")
    # Built from a copy: setuptools keeps a build/ folder in the tree it builds, whose leftovers
    # would hide a file the package no longer ships.
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=_NOT_SOURCE)
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", work / "dist", source)
    wheel = next((work / "dist").glob("make_filings-*.whl"))
    env = work / "env"
    run(sys.executable, "-m", "venv", "--without-pip", env)
    python = env / ("Scripts" if os.name == "nt" else "bin") / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-compile", wheel)
    return env


def installed(venv: Path, command: str) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / command


def clean_env(**extra) -> dict:
    """The environment without anything that could import this tree instead of the installed package."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    return {**env, **extra}


def package_dir(venv: Path) -> Path:
    code = "import generator, os; print(os.path.dirname(generator.__file__))"
    return Path(run(installed(venv, "python"), "-I", "-c", code, cwd=venv, env=clean_env()).stdout.strip())


def tree_files() -> set[str]:
    """Every file the package is made of, as installed: generator/… and templates/ as generator/templates/."""
    files = set()
    for folder, prefix in ((ROOT / "generator", "generator"), (ROOT / "templates", "generator/templates")):
        for path in folder.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                files.add(f"{prefix}/{path.relative_to(folder).as_posix()}")
    return files


def test_every_module_data_file_and_template_is_installed(venv):
    where = package_dir(venv)
    assert venv in where.parents, f"generator imported from {where}, not from the fresh environment"
    shipped = {
        f"generator/{p.relative_to(where).as_posix()}"
        for p in where.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert sorted(tree_files() - shipped) == []


def test_the_installed_command_writes_a_sample_cases_filings(venv, tmp_path, monkeypatch):
    """Run from a folder of its own (a copy of the case and its evidence), far from this tree."""
    shutil.copytree(CASES / "evidence", tmp_path / "evidence")
    case = shutil.copy(CASES / CASE, tmp_path / CASE)
    result = run(
        installed(venv, "make-filings"),
        case,
        "--out",
        tmp_path / "out",
        cwd=tmp_path,
        env=clean_env(SOURCE_DATE_EPOCH=EPOCH),
    )
    folder = next((tmp_path / "out").iterdir())
    written = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    assert folder.name in result.stdout

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    here = prepare(CASES / CASE, Options(out=tmp_path / "here")).files
    assert sorted(written) == sorted(here)
    for name in (n for n in here if n.endswith(".txt")):
        assert comparable(written[name].decode("utf-8")) == comparable(here[name].decode("utf-8")), name
    for name in (n for n in here if n.endswith(".docx")):
        assert docx_text(written[name]) == docx_text(here[name]), name


def test_the_installed_version_is_pyprojects(venv):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    result = run(installed(venv, "make-filings"), "--version", cwd=venv, env=clean_env())
    assert result.stdout.strip() == f"make-filings {version}"


def test_the_installed_data_files_pass_check_data(venv):
    result = run(installed(venv, "make-filings"), "check-data", cwd=venv, env=clean_env())
    assert result.stdout.startswith("数据文件检查通过")
