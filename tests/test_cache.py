"""The per-user cache only ever saves time: a hit is what a fresh run would make, and a missing,
damaged, foreign or unwritable cache changes nothing but the speed."""

from __future__ import annotations

import os
import pickle
from datetime import date
from decimal import Decimal

import pytest

from generator import cache, data_files
from generator.errors import DataError
from generator.law import channels
from generator.rendering import render
from generator.rendering.render import compiled, jinja_env


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "cache"))
    cache.cache_dir.cache_clear()
    render._bytecode_cache.cache_clear()
    yield tmp_path / "cache"
    cache.cache_dir.cache_clear()
    render._bytecode_cache.cache_clear()


class Maker:
    """`make` for cached_data that counts its calls."""

    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_a_second_run_reads_what_the_first_made(folder):
    value = {"effective": date(2026, 4, 15), "floor": Decimal("500"), "list": [1, "二", None, True]}
    first, second = Maker(value), Maker("not used")
    assert cache.cached_data("data-x", "text", first) == value
    assert cache.cached_data("data-x", "text", second) == value
    assert (first.calls, second.calls) == (1, 0)


@pytest.mark.parametrize("text,salt", [("text edited", ()), ("text", ("another schema",))])
def test_other_text_or_schema_is_made_afresh(folder, text, salt):
    cache.cached_data("data-x", "text", Maker("old"))
    assert cache.cached_data("data-x", text, Maker("new"), *salt) == "new"


def test_a_damaged_entry_is_made_afresh_and_rewritten(folder):
    cache.cached_data("data-x", "text", Maker("value"))
    [entry] = folder.glob("data-x-*.pickle")
    entry.write_bytes(entry.read_bytes()[:5])
    again = Maker("value")
    assert cache.cached_data("data-x", "text", again) == "value" and again.calls == 1
    assert cache.cached_data("data-x", "text", Maker("not used")) == "value"


def test_an_entry_that_would_run_code_is_refused(folder):
    cache.cached_data("data-x", "text", Maker("value"))
    [entry] = folder.glob("data-x-*.pickle")
    entry.write_bytes(pickle.dumps(print))  # any global but the plain-data classes
    again = Maker("value")
    assert cache.cached_data("data-x", "text", again) == "value" and again.calls == 1


def test_empty_variable_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_VAR, "")
    cache.cache_dir.cache_clear()
    try:
        assert cache.cache_dir() is None
        maker = Maker("value")
        cache.cached_data("data-x", "text", maker)
        cache.cached_data("data-x", "text", maker)
        assert maker.calls == 2
    finally:
        cache.cache_dir.cache_clear()


def test_a_folder_that_cannot_be_made_means_no_cache(tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("x")
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "a-file" / "cache"))
    cache.cache_dir.cache_clear()
    try:
        assert cache.cache_dir() is None
        assert cache.cached_data("data-x", "text", Maker("value")) == "value"
    finally:
        cache.cache_dir.cache_clear()


def test_a_folder_others_can_write_is_not_used(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv(cache.ENV_VAR, str(shared))
    cache.cache_dir.cache_clear()
    try:
        assert cache.cache_dir() is None
        shared.chmod(0o700)
        cache.cache_dir.cache_clear()
        assert cache.cache_dir() == shared
        if os.getuid() == 0:  # only root can give a folder away
            os.chown(shared, 65534, 65534)
            cache.cache_dir.cache_clear()
            assert cache.cache_dir() is None
    finally:
        cache.cache_dir.cache_clear()


def test_an_entry_under_another_entrys_name_is_not_taken_for_it(folder):
    cache.cached_data("data-a", "text a", Maker("value a"))
    cache.cached_data("data-b", "text b", Maker("value b"))
    [a], [b] = folder.glob("data-a-*.pickle"), folder.glob("data-b-*.pickle")
    a.write_bytes(b.read_bytes())
    assert cache.cached_data("data-a", "text a", Maker("value a")) == "value a"


def test_an_entry_someone_else_owns_or_can_write_is_not_read(folder):
    cache.cached_data("data-x", "text", Maker("value"))
    [entry] = folder.glob("data-x-*.pickle")
    entry.chmod(0o666)
    again = Maker("value")
    assert cache.cached_data("data-x", "text", again) == "value" and again.calls == 1
    if os.getuid() == 0:  # only root can give a file away
        os.chown(entry, 65534, 65534)
        with pytest.raises(PermissionError):
            cache.open_entry(entry)


def test_checked_data_from_the_cache_is_the_data_in_the_file(folder, monkeypatch):
    text = data_files.package_text("channels.yaml")
    fresh = data_files.read_yaml_text(text)
    assert data_files.read_checked(text, channels._SCHEMA, "channels.yaml") == fresh
    monkeypatch.setattr(data_files, "_parse_and_check", lambda *a: pytest.fail("parsed again"))
    assert data_files.read_checked(text, channels._SCHEMA, "channels.yaml") == fresh  # from the cache


def test_a_check_passed_under_one_schema_does_not_stand_for_another(folder):
    text = data_files.package_text("channels.yaml")
    data_files.read_checked(text, channels._SCHEMA, "channels.yaml")
    stricter = {**channels._SCHEMA, "facts": {**channels._SCHEMA["facts"], "maxlength": 1}}
    with pytest.raises(DataError, match=r"(?s)数据文件 channels.yaml .*facts：条目太多"):
        data_files.read_checked(text, stricter, "channels.yaml")


def test_a_file_that_fails_its_check_is_never_cached(folder):
    broken = data_files.package_text("channels.yaml").replace("confirmed: true", "confirmed: 'yes'", 1)
    for _ in range(2):
        with pytest.raises(DataError, match=r"(?s)数据文件 channels.yaml .*confirmed：类型不对：应为true/false"):
            data_files.read_checked(broken, channels._SCHEMA, "channels.yaml")
    assert not list(folder.glob("checked-*.pickle"))


def test_compiled_template_code_is_loaded_not_compiled_again(folder, monkeypatch):
    source = "{{ name }} 申请退款 {{ amount }} 元{% if urgent %}（急）{% endif %}"
    first = compiled(jinja_env(autoescape=True), source)
    env = jinja_env(autoescape=True)
    monkeypatch.setattr(env, "compile", lambda *a, **k: pytest.fail("compiled again"))
    second = compiled(env, source)
    context = {"name": "<张三> & {{x}}", "amount": "68.00", "urgent": True}
    assert second.render(context) == first.render(context) == "&lt;张三&gt; &amp; {{x}} 申请退款 68.00 元（急）"


def test_template_code_others_can_write_is_compiled_afresh(folder, monkeypatch):
    source = "{{ amount }} 元"
    compiled(jinja_env(autoescape=False), source)
    entries = list(folder.glob("template-*.cache"))
    assert entries
    for entry in entries:
        entry.chmod(0o666)
    env, calls = jinja_env(autoescape=False), []
    real = env.compile
    monkeypatch.setattr(env, "compile", lambda *a, **k: calls.append(a) or real(*a, **k))
    assert compiled(env, source).render(amount="68.00") == "68.00 元" and calls


def test_text_and_word_environments_never_share_code(folder):
    source = "{{ name }}"
    assert compiled(jinja_env(autoescape=True), source).render(name="<a>") == "&lt;a&gt;"
    assert compiled(jinja_env(autoescape=False), source).render(name="<a>") == "<a>"


def test_a_damaged_template_entry_is_compiled_again(folder):
    source = "合计 {{ amount }} 元"
    compiled(jinja_env(autoescape=False), source)
    entries = list(folder.glob("template-*.cache"))
    assert entries
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:20])
    assert compiled(jinja_env(autoescape=False), source).render(amount="225.00") == "合计 225.00 元"


def _run_with_env(tmp_path, env: dict):
    """The real command, in a child process whose environment has only what `env` says about home and cache."""
    import subprocess
    import sys

    from tests.conftest import SAMPLES

    base = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_CACHE_HOME", cache.ENV_VAR)}
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", str(SAMPLES[0]), "--out", str(tmp_path / "out")],
        env={**base, **env},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("home", ["", "relative/home", "/"], ids=["empty", "relative", "root"])
def test_no_real_home_means_no_cache_and_nothing_made_outside(tmp_path, home):
    """HOME='' once put the cache at /.cache; a home that is not a real folder now means a run without one."""
    made_before = os.path.exists("/.cache")
    result = _run_with_env(tmp_path, {"HOME": home})
    assert result.returncode == 0, result.stderr
    assert os.path.exists("/.cache") == made_before
    assert not (tmp_path / "relative").exists()
    assert (tmp_path / "out").is_dir()


def test_a_missing_home_folder_is_not_created(tmp_path):
    missing = tmp_path / "gone" / "home"
    result = _run_with_env(tmp_path, {"HOME": str(missing)})
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "gone").exists()


def test_a_real_home_gets_its_cache_folder(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    result = _run_with_env(tmp_path, {"HOME": str(home)})
    assert result.returncode == 0, result.stderr
    entries = list((home / ".cache" / "make-filings").iterdir())
    assert entries and (home / ".cache" / "make-filings").stat().st_mode & 0o077 == 0


def test_a_cache_home_that_does_not_exist_is_not_created(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    result = _run_with_env(tmp_path, {"HOME": str(home), "XDG_CACHE_HOME": str(tmp_path / "no" / "cache")})
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "no").exists()
    assert (home / ".cache" / "make-filings").is_dir()  # the XDG spec's fallback


def test_a_configured_folder_in_a_missing_folder_means_no_cache(tmp_path):
    result = _run_with_env(tmp_path, {cache.ENV_VAR: str(tmp_path / "missing" / "cache")})
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "missing").exists()
