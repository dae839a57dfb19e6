"""Each sample case's paste-ready texts, compared with the expected ones in tests/golden/<case>/.

A change of wording shows here as a unified diff a lawyer can review. Once it has been
reviewed, `python -m pytest tests/test_golden.py --update-golden` rewrites the expected texts
(and removes those of filings no longer written); commit them with the change.

The run is pinned to the samples' filing date with SOURCE_DATE_EPOCH, so no date in a text
depends on the day the tests run. The summary's SHA-256 of each Word file is replaced by a
marker: those bytes depend on the versions of the libraries that wrote them, not on the
wording (test_clock.py checks that one environment always writes the same bytes).
"""

import difflib
import re
import shutil

import pytest

from generator.pipeline import Options, prepare
from tests.conftest import ROOT, SAMPLES

GOLDEN = ROOT / "tests" / "golden"
EPOCH = "1795485600"  # 2026-11-24 10:00 in China: the samples' filing date
_DOCX_HASH = re.compile(r"^(\S+\.docx（[^）\n]*）SHA-256：)[0-9a-f]{64}$", re.MULTILINE)
DOCX_HASH_MARKER = "<Word 文件的 SHA-256>"
UPDATE = "python -m pytest tests/test_golden.py --update-golden"


def comparable(text: str) -> str:
    """A text as the golden file holds it: the Word files' hashes replaced by a marker."""
    return _DOCX_HASH.sub(lambda m: m[1] + DOCX_HASH_MARKER, text)


def fresh_texts(case, out, monkeypatch) -> dict[str, str]:
    """Every .txt file a run of `case` writes, by file name."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    prepared = prepare(case, Options(out=out))
    return {name: comparable(data.decode("utf-8")) for name, data in prepared.files.items() if name.endswith(".txt")}


def golden_texts(folder) -> dict[str, str]:
    return {p.name: p.read_bytes().decode("utf-8") for p in sorted(folder.glob("*.txt"))} if folder.is_dir() else {}


def differences(case: str, expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    """A unified diff per text that differs, is new or is no longer written."""
    diffs = []
    for name in sorted(expected.keys() | actual.keys()):
        old, new = expected.get(name), actual.get(name)
        if old == new:
            continue
        diffs.append(
            "".join(
                difflib.unified_diff(
                    (old or "").splitlines(keepends=True),
                    (new or "").splitlines(keepends=True),
                    fromfile=f"tests/golden/{case}/{name}" if old is not None else "/dev/null",
                    tofile=f"this run: {name}" if new is not None else "/dev/null (no longer written)",
                )
            )
        )
    return diffs


def write_golden(folder, texts: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.txt"):
        if stale.name not in texts:
            stale.unlink()
    for name, text in texts.items():
        (folder / name).write_bytes(text.encode("utf-8"))


@pytest.mark.parametrize("case", SAMPLES, ids=lambda path: path.stem)
def test_texts_are_the_golden_ones(case, tmp_path, monkeypatch, request):
    actual = fresh_texts(case, tmp_path, monkeypatch)
    assert actual, "a run writes paste-ready texts"
    folder = GOLDEN / case.stem
    if request.config.getoption("--update-golden"):
        write_golden(folder, actual)
        return
    diffs = differences(case.stem, golden_texts(folder), actual)
    if diffs:
        pytest.fail("\n".join(diffs) + f"\nIf the change is intended, review it and run: {UPDATE}", pytrace=False)


def test_every_golden_folder_is_a_sample_case(request):
    stale = sorted({p.name for p in GOLDEN.iterdir() if p.is_dir()} - {case.stem for case in SAMPLES})
    if request.config.getoption("--update-golden"):
        for name in stale:
            shutil.rmtree(GOLDEN / name)
        return
    assert stale == [], f"expected texts of cases no longer in cases/: {stale}; run {UPDATE}"


def test_a_changed_word_shows_as_a_diff_of_that_line():
    expected = {"01_平台退款申请书.txt": "尊敬的平台：\n本人申请退款。\n此致\n"}
    actual = {"01_平台退款申请书.txt": "尊敬的平台：\n本人要求退款。\n此致\n", "09_新文书.txt": "新\n"}
    first, second = differences("demo", expected, actual)
    assert "-本人申请退款。\n+本人要求退款。\n" in first and "--- tests/golden/demo/01_平台退款申请书.txt" in first
    assert "--- /dev/null" in second and "+新" in second


def test_only_the_word_files_hashes_are_masked():
    evidence = "证据1：微信支付账单（bill.png，—）SHA-256：" + "a" * 64
    filing = "01_平台退款申请书.docx（退款申请书）SHA-256：" + "b" * 64
    masked = f"01_平台退款申请书.docx（退款申请书）SHA-256：{DOCX_HASH_MARKER}"
    assert comparable(f"{evidence}\n{filing}\n") == f"{evidence}\n{masked}\n"
