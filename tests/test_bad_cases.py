"""Bad case files as users write them: each refused in Chinese, with key path and line, nothing written.

The corpus is `tests/bad_cases/*.yaml`; the first line of each says what is wrong.
The write stage's promises (no overwrite without --force, atomic replace, nothing
left behind by a crash) are checked here too, with the real pipeline.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import pipeline
from generator.case.load import MAX_FILE_BYTES, load_case
from generator.cli import main
from generator.errors import CaseFileError, FilingError
from generator.pipeline import Options, prepare
from generator.rendering import write
from tests.conftest import sample
from tests.test_write import exchange_supported

BAD = Path(__file__).parent / "bad_cases"
RIGHTS = sample("txvip-rights-mismatch.yaml")
RIGHTS_ID = "txvip-2026-001"

WHOLE = "（文件整体）"

# file → fragments the refusal must contain: the Chinese explanation, the key path, the line.
EXPECTED = {
    "syntax-bad-indent.yaml": ["第8行", WHOLE, "YAML格式错误", "请检查缩进"],
    "syntax-tab-indent.yaml": ["第22行", WHOLE, "不允许用Tab键缩进"],
    "syntax-unclosed-quote.yaml": ["第8行", WHOLE, "引号没有闭合"],
    "syntax-colon-in-value.yaml": ["第39行", WHOLE, "值里含有“: ”却没有加引号"],
    "syntax-text-after-quote.yaml": ["第39行", WHOLE, "引号闭合后不能再有文字"],
    "syntax-unclosed-brace.yaml": ["第35行", WHOLE, "花括号 { } 没有成对"],
    "two-documents.yaml": ["第49行", WHOLE, "一个文件只能写一个案件"],
    "syntax-full-width-colon.yaml": ["第22行", WHOLE, "冒号用了中文全角“：”，请改成英文冒号加空格：price: …"],
    "syntax-no-space-after-colon.yaml": ["第24行", WHOLE, "冒号后面缺少空格，请在“term_months:”后面加一个空格"],
    "evidence-missing-dash.yaml": [
        "第46行",
        "evidence[0].file：",
        "看起来是新的一项，但前面少了“- ”",
        "不要删除任何一项",
    ],
    "control-character.yaml": ["第33行", WHOLE, "不可见的控制字符（U+000B）"],
    "lone-surrogate-escape.yaml": ["第7行", "complainant.name：", "无法保存的字符（U+D800"],
    "gbk-encoded.yaml": ["第2行", WHOLE, "不是UTF-8编码", "另存为UTF-8"],
    "empty.yaml": ["行号未知", WHOLE, "文件是空的"],
    "top-level-list.yaml": ["第2行", WHOLE, "顶层应是“键: 值”的映射"],
    "missing-case-id.yaml": ["第2行", "case_id：", "（案件编号）缺少必填项"],
    "missing-phone.yaml": ["第6行", "complainant.phone：", "（投诉人电话）缺少必填项"],
    "missing-price.yaml": ["第17行", "order.price：", "（实付金额）缺少必填项"],
    "missing-problems.yaml": ["第2行", "problems：", "（问题列表）缺少必填项"],
    "name-only-spaces.yaml": ["第7行", "complainant.name：", "（投诉人姓名）不能为空"],
    "price-in-chinese.yaml": ["第22行", "order.price：", "应为金额", "实际写的是“一百五十八”"],
    "term-months-fraction.yaml": ["第24行", "order.term_months：", "应为整数", "“12.5”"],
    "problems-as-mapping.yaml": ["第31行", "problems：", "应为列表（每项以“- ”开头）"],
    "paid-at-slashes.yaml": ["第23行", "order.paid_at：", "应为日期（YYYY-MM-DD", "“2026/02/30”"],
    "paid-after-filing.yaml": ["第23行", "order.paid_at：", "付款时间晚于落款日期（2026-11-24）"],
    "used-over-term.yaml": ["第25行", "order.used_months：", "已使用月数（13）不能超过会员期限（12个月）"],
    "bank-card-without-bank.yaml": ["第27行", "payment.bank：", "必须填写发卡银行"],
    "card-network-with-wechat.yaml": ["第30行", "payment.card_network：", "只在支付渠道为 bank_card 时填写"],
    "auto-renewal-without-charges.yaml": ["第32行", "problems[0].charges：", "必须列出每一笔续费扣款"],
    "duplicate-problem-type.yaml": ["第34行", "problems[1].type：", "已在 problems[0] 出现，每种类型只能写一次"],
    "punitive-without-fraud.yaml": ["第49行", "claims.punitive_damages：", "需要在 problems 中列出欺诈问题"],
    "bad-id-number.yaml": ["第10行", "complainant.id_number：", "身份证号校验失败"],
    "bad-credit-code.yaml": ["第15行", "platform.credit_code：", "统一社会信用代码校验失败"],
    "bad-phone.yaml": ["第8行", "complainant.phone：", "“1380013800”不是有效的电话号码"],
    "case-id-path-traversal.yaml": ["第3行", "case_id：", "“../../etc”格式不对", "只能由1–64个英文字母"],
    "case-id-spaces.yaml": ["第3行", "case_id：", "“txvip 2026 101”格式不对", "只能由1–64个英文字母"],
    "case-id-too-long.yaml": ["第3行", "case_id：", "格式不对", "只能由1–64个英文字母"],
    "evidence-missing-file.yaml": ["第43行", "evidence[0].file：", "找不到证据文件“evidence/bil.png”"],
    "evidence-escapes-folder.yaml": ["第43行", "evidence[0].file：", "路径不能用“..”跳出"],
    "evidence-absolute-path.yaml": ["第43行", "evidence[0].file：", "不要写绝对路径"],
    "evidence-text-renamed-png.yaml": ["第43行", "evidence[0].file：", "不是受支持的图片，看起来是纯文本文件"],
    "duplicate-key.yaml": ["第23行", "order.price：", "键“price”重复出现（第22行已有）"],
    "unknown-key-typo.yaml": ["第25行", "order.used_month：", "是不是想写“used_months”"],
    "python-object-tag.yaml": ["第7行", "complainant.name：", "不允许使用YAML标签 !!python/object/apply:os.system"],
    "custom-tag.yaml": ["第8行", "complainant.phone：", "不允许使用YAML标签 !secret"],
    "billion-laughs.yaml": ["第7行", "e：", "文件展开后过大或嵌套过深"],
    "alias-text-bomb.yaml": ["第35行", "contacts：", "文件展开后过大或嵌套过深"],
    "recursive-alias.yaml": ["第5行", "problems[0].description：", "指向了包含它自己的内容"],
    # Inputs that once ended in an internal error, and evidence that was once accepted.
    "nesting-1000-deep.yaml": ["第49行", WHOLE, "嵌套层数过深（超过50层）"],
    "price-ten-quadrillion.yaml": ["第22行", "order.price：", "“10000000000000000”元超过上限 1,000,000 元"],
    "price-huge-exponent.yaml": ["第22行", "order.price：", "超过上限 1,000,000 元"],
    "refund-thirty-digits.yaml": ["第48行", "claims.refund：", "“123456789012345678901234567890”元超过上限"],
    "filing-date-year-9999.yaml": ["第4行", "filing_date：", "落款日期晚于今天一年以上（9999-12-31"],
    "filing-date-73-years-ahead.yaml": ["第4行", "filing_date：", "落款日期晚于今天一年以上（2099-11-24"],
    "paid-at-year-1.yaml": ["第23行", "order.paid_at：", "日期 0001-09-01 早于1900年"],
    "paid-at-end-of-calendar.yaml": ["第23行", "order.paid_at：", "无法换算“9999-12-31 23:00 -12:00”"],
    "bool-tag-maybe.yaml": [
        "第49行",
        "claims.punitive_damages：",
        "标签 !!bool 后只能写 true 或 false，实际写的是“maybe”",
    ],
    "name-no.yaml": ["第7行", "complainant.name：", "实际写的是“no”", '写成 "no"'],
    "bool-quoted-false.yaml": ["第49行", "claims.stop_auto_renewal：", '实际写的是"false"（加了引号就成了文字'],
    "evidence-name-too-long.yaml": ["第43行", "evidence[0].file：", "过长（304 字节，上限 255 字节）"],
    "evidence-listed-twice.yaml": ["第46行", "evidence[1].file：", "与 evidence[0] 是同一个文件，重复列出"],
    "evidence-same-content-twice.yaml": ["第46行", "evidence[1].file：", "内容与 evidence[0]（bill.png）完全相同"],
    "evidence-text-named-mp3.yaml": [
        "第46行",
        "evidence[1].file：",
        "以 .mp3 结尾，但内容不是受支持的音频，看起来是纯文本文件",
    ],
    "evidence-id3-text-mp3.yaml": ["第46行", "evidence[1].file：", "MP3 音频，但已损坏、不完整或并非真正的音频"],
    "evidence-wav-named-mp3.yaml": [
        "第46行",
        "evidence[1].file：",
        "以 .mp3 结尾（音频），但内容是 WAV 音频，文件名与内容不符",
    ],
    "evidence-truncated-pdf.yaml": ["第46行", "evidence[1].file：", "PDF，但已损坏或不完整"],
    "evidence-huge-pixels.yaml": ["第46行", "evidence[1].file：", "13000×13000 像素", "超过上限 5,000 万像素"],
    "several-problems.yaml": [
        "有 4 处问题",
        "第8行  complainant.phone：",
        "第22行  order.price：",
        "第25行  order.used_months：",
        "第44行  evidence[0].category：",
    ],
}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def snapshot(folder: Path) -> dict:
    """Every file and folder under `folder` (hidden ones too), with each file's bytes."""
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else "<dir>") for p in sorted(folder.rglob("*"))}


@pytest.fixture
def out(tmp_path):
    """An output folder that already holds a previous run's files."""
    folder = tmp_path / "out"
    (folder / "old").mkdir(parents=True)
    (folder / "old" / "keep.txt").write_text("上一个案件的文书", encoding="utf-8")
    (folder / "txvip-2026-101").mkdir()
    (folder / "txvip-2026-101" / "00_案件概要.txt").write_text("旧的案件概要", encoding="utf-8")
    return folder


def assert_refused(result, fragments, out: Path, before: dict):
    """Exit 1, every fragment shown, no traceback, the output folder exactly as it was."""
    text = result.output
    assert result.exit_code == 1, text
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in text and "内部错误" not in text
    assert "未生成任何文书" in text
    for fragment in fragments:
        assert fragment in text, f"missing {fragment!r} in:\n{text}"
    assert snapshot(out) == before


def test_corpus_and_table_agree():
    """Every bad case is in the table, and each says on its first line what is wrong."""
    files = sorted(p.name for p in BAD.glob("*.yaml"))
    assert files == sorted(EXPECTED)
    assert len(files) >= 25
    for name in files:
        assert (BAD / name).read_bytes().startswith(b"# "), name


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_case_is_refused_and_nothing_is_written(name, force, out, monkeypatch):
    """Each bad file: exit 1, the Chinese reason with path and line, output folder untouched."""
    monkeypatch.setattr(os, "system", _no_system)
    before = snapshot(out)
    result = run(BAD / name, "--out", out, *(["--force"] if force else []))
    assert_refused(result, EXPECTED[name], out, before)


def _no_system(command):
    raise AssertionError(f"the case file ran a command: {command}")


def test_several_problems_one_line_each(out):
    """One file with four mistakes lists all four, one line each, in file order."""
    result = run(BAD / "several-problems.yaml", "--out", out)
    items = [line for line in result.output.splitlines() if line.startswith("  - ")]
    assert [line.split()[1] for line in items] == ["第8行", "第22行", "第25行", "第44行"]
    assert [line.split()[2].split("：")[0] for line in items] == [
        "complainant.phone",
        "order.price",
        "order.used_months",
        "evidence[0].category",
    ]
    assert "金额必须大于0" in items[1] and "“三”" in items[2] and "“账单截图”不是允许的取值" in items[3]


def test_oversize_file_is_refused_before_parsing(out, tmp_path):
    """A case file over 1 MB (a whole chat log pasted into a description) is refused unread."""
    text = RIGHTS.read_text(encoding="utf-8")
    pasted = "客服：亲，虚拟商品一经售出不退不换哦。" * 40_000
    text = text.replace("    delivered: 3个月体验会员", f"    delivered: {pasted}")
    huge = tmp_path / "case" / "huge.yaml"
    huge.parent.mkdir()
    huge.write_text("# 把整段聊天记录粘贴进了 delivered，文件超过1 MB\n" + text, encoding="utf-8")
    assert huge.stat().st_size > MAX_FILE_BYTES
    before = snapshot(out)
    assert_refused(run(huge, "--out", out), [WHOLE, "文件过大", "不应超过 1,000,000 字节"], out, before)


@pytest.mark.parametrize("name", ["billion-laughs.yaml", "alias-text-bomb.yaml"])
def test_alias_bomb_is_refused_fast_and_small(name):
    """An alias bomb (many nodes, or one long text many times) is refused in well under 2 s, in little memory."""
    started = time.perf_counter()
    with pytest.raises(CaseFileError):
        load_case(BAD / name)
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    try:
        with pytest.raises(CaseFileError):
            load_case(BAD / name)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 2.0
    assert peak < 32 * 1024 * 1024


# --- the write stage -----------------------------------------------------------------


@pytest.fixture
def previous(tmp_path):
    """An output folder holding a previous run of the sample case, edited by its owner."""
    folder = tmp_path / "out"
    assert run(RIGHTS, "--out", folder).exit_code == 0
    (folder / RIGHTS_ID / "律师批注.txt").write_text("第二页的金额要再核对", encoding="utf-8")
    (folder / "old").mkdir()
    (folder / "old" / "keep.txt").write_text("别的案件", encoding="utf-8")
    return folder


def test_existing_case_folder_is_refused_without_force(previous):
    """Without --force an existing <case_id>/ made from other inputs is left exactly as it was, with a clear reason."""
    before = snapshot(previous)
    result = run(RIGHTS, "--out", previous, "--only", "12315投诉书")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "已存在" in result.output and "--force" in result.output and "未写入任何文件" in result.output
    assert "生成选项（--only、--calendar、--pdf 或落款日期）有变化" in result.output
    assert "Traceback" not in result.output
    assert snapshot(previous) == before


def test_a_current_case_folder_is_skipped(previous):
    """The same case run again: its folder is current, left as it is, and the run is not a failure."""
    before = snapshot(previous)
    result = run(RIGHTS, "--out", previous)
    assert result.exit_code == 0, result.output
    assert (
        result.output
        == f"已存在，跳过：{(previous / RIGHTS_ID).resolve()}（案件文件、证据、程序版本和选项都与上次生成时相同）\n"
    )
    assert snapshot(previous) == before


def test_force_replaces_the_case_folder(previous):
    """With --force the folder is the new run's, nothing of the old one and no temporary folder left."""
    result = run(RIGHTS, "--out", previous, "--force")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in previous.iterdir())
    assert names == sorted([RIGHTS_ID, "old"])
    assert not (previous / RIGHTS_ID / "律师批注.txt").exists()
    assert (previous / RIGHTS_ID / "manifest.json").is_file()
    assert (previous / "old" / "keep.txt").read_text(encoding="utf-8") == "别的案件"


def _fail_on_call(n, exc, real):
    """A stand-in for `real` that raises `exc` on its n-th call."""
    calls = {"n": 0}

    def fake(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == n:
            raise exc
        return real(*args, **kwargs)

    return fake


@pytest.mark.parametrize("exc", [RuntimeError("渲染时崩溃"), KeyboardInterrupt()], ids=["crash", "ctrl-c"])
def test_run_dying_while_rendering_leaves_the_old_folder(previous, monkeypatch, exc):
    """A run killed at the 4th document leaves the previous output intact and no temporary folder."""
    monkeypatch.setattr(pipeline, "render_docx", _fail_on_call(4, exc, pipeline.render_docx))
    before = snapshot(previous)
    result = run(RIGHTS, "--out", previous, "--force")
    assert result.exit_code != 0
    assert snapshot(previous) == before


@pytest.mark.parametrize(
    "exc", [OSError(28, "No space left on device"), KeyboardInterrupt()], ids=["disk-full", "ctrl-c"]
)
def test_run_dying_while_writing_leaves_the_old_folder(previous, monkeypatch, exc):
    """A run killed at the 4th file written leaves the previous output intact and no temporary folder."""
    monkeypatch.setattr(write, "_write_file", _fail_on_call(4, exc, write._write_file))
    before = snapshot(previous)
    result = run(RIGHTS, "--out", previous, "--force")
    assert result.exit_code != 0
    assert snapshot(previous) == before


@pytest.mark.parametrize("failing", ["old-aside", "new-in"])
def test_rename_failure_during_swap_leaves_the_old_folder(previous, monkeypatch, failing):
    """Where names cannot be exchanged: if either rename of the swap fails, the previous folder is back."""
    monkeypatch.setattr(write, "_exchange", lambda a, b: False)
    real = os.rename

    def rename(src, dst):
        moving_new_in = ".tmp-" in Path(src).name
        moving_old_aside = Path(src).name == RIGHTS_ID
        if (failing == "new-in" and moving_new_in) or (failing == "old-aside" and moving_old_aside):
            raise OSError(16, "Device or resource busy")
        return real(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    before = snapshot(previous)
    result = run(RIGHTS, "--out", previous, "--force")
    assert result.exit_code != 0
    assert snapshot(previous) == before


def test_rename_failure_on_a_first_run_leaves_nothing(tmp_path, monkeypatch):
    """With no previous folder, a failed rename leaves no case folder and no temporary one."""
    real = os.rename

    def rename(src, dst):
        if ".tmp-" in Path(src).name:
            raise OSError(13, "Permission denied")
        return real(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    out = tmp_path / "out"
    out.mkdir()
    result = run(RIGHTS, "--out", out)
    assert result.exit_code != 0
    assert list(out.iterdir()) == []


def test_output_folder_under_a_file_is_a_clear_refusal(tmp_path):
    """`--out` inside a regular file cannot be created: the user is told so, not that the program is broken."""
    blocker = tmp_path / "文书.docx"
    blocker.write_bytes(b"not a folder")
    result = run(RIGHTS, "--out", blocker / "out")
    assert result.exit_code == 1, result.output
    assert "内部错误" not in result.output and str(blocker) in result.output


def test_full_disk_is_a_clear_refusal(previous, monkeypatch):
    """A disk that fills up mid-write is reported as such, and the previous folder is kept."""
    monkeypatch.setattr(
        write, "_write_file", _fail_on_call(4, OSError(28, "No space left on device"), write._write_file)
    )
    before = snapshot(previous)
    result = run(RIGHTS, "--out", previous, "--force")
    assert snapshot(previous) == before
    assert result.exit_code == 1, result.output
    assert "内部错误" not in result.output


# Run the real CLI in a process that is SIGKILLed at a chosen point: no cleanup code can run.
_KILLED_RUN = """
import os, shutil, signal, sys
from generator.rendering import write
from generator.cli import main
where = sys.argv.pop(1)
calls = []
def dying(real, n):
    def fake(*args, **kwargs):
        calls.append(args)
        if len(calls) == n:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return fake
if where == "writing":  # at the 4th file written into the staging folder
    write._write_file = dying(write._write_file, 4)
elif where == "exchanged":  # right after the old and new folders swapped names
    shutil.rmtree = dying(shutil.rmtree, 1)
else:  # without an exchange: between moving the old folder aside and the new one in
    write._exchange = lambda a, b: False
    os.rename = dying(os.rename, 2)
sys.argv = ["make-filings", *sys.argv[1:]]
main()
"""


def _killed_run(out: Path, where: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_RUN, where, str(RIGHTS), "--out", str(out), "--force"],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr.decode("utf-8", "replace")


def _visible(snap: dict) -> dict:
    return {name: data for name, data in snap.items() if not name.startswith(".")}


posix_only = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


@posix_only
def test_hard_kill_while_writing_keeps_the_old_folder(previous):
    """A process killed outright mid-write still leaves the old folder whole."""
    before = snapshot(previous)
    _killed_run(previous, "writing")
    assert _visible(snapshot(previous)) == _visible(before)


@posix_only
def test_next_run_clears_what_a_killed_run_left(previous):
    """After a hard kill, the next successful run leaves no hidden staging or backup folder behind."""
    _killed_run(previous, "writing")
    assert run(RIGHTS, "--out", previous, "--force").exit_code == 0
    assert sorted(p.name for p in previous.iterdir()) == sorted([RIGHTS_ID, "old"])


@posix_only
def test_kill_right_after_the_exchange_leaves_the_new_filings(previous):
    """Killed once the folders swapped names, before the old one is removed: the name holds the new run."""
    if not exchange_supported(previous):
        pytest.skip("this file system cannot exchange names")
    _killed_run(previous, "exchanged")
    assert not (previous / RIGHTS_ID / "律师批注.txt").exists()
    manifest = json.loads((previous / RIGHTS_ID / "manifest.json").read_text(encoding="utf-8"))
    assert all((previous / RIGHTS_ID / f["file"]).is_file() for f in manifest["filings"])
    assert run(RIGHTS, "--out", previous, "--force").exit_code == 0
    assert sorted(p.name for p in previous.iterdir()) == sorted([RIGHTS_ID, "old"])


@posix_only
def test_next_run_restores_the_folder_a_killed_swap_moved_aside(previous):
    """Where names cannot be exchanged, killed between the two renames: the next run puts the old folder back."""
    before = snapshot(previous)
    _killed_run(previous, "swapping")
    assert not (previous / RIGHTS_ID).exists()  # the kill really landed mid-swap
    result = run(RIGHTS, "--out", previous)
    assert result.exit_code == 0 and "已存在，跳过" in result.output
    assert snapshot(previous) == before


def test_the_corpus_is_small():
    """The corpus and its evidence stay small enough to commit; the oversize file is made by its test."""
    for path in BAD.rglob("*"):
        assert path.is_dir() or path.stat().st_size < 20_000, path


# --- attacks made by the tests: devices, pipes, huge lists, pictures with a payload -----------------


def copy_of_sample(tmp_path: Path, edit=lambda text: text) -> Path:
    """The sample case and its evidence in a folder of the test's own, its text changed by `edit`."""
    folder = tmp_path / "case"
    shutil.copytree(RIGHTS.parent / "evidence", folder / "evidence")
    case = folder / RIGHTS.name
    case.write_text(edit(RIGHTS.read_text(encoding="utf-8")), encoding="utf-8")
    return case


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_as_the_case_file_is_refused_unread(out):
    """/dev/zero says it is 0 bytes and never ends: refused as not a regular file, at once."""
    before = snapshot(out)
    assert_refused(run("/dev/zero", "--out", out), [WHOLE, "这不是普通文件"], out, before)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_as_the_case_file_is_refused_without_waiting(out, tmp_path):
    """A FIFO with no writer would block a plain open() for ever: refused without waiting for one."""
    fifo = tmp_path / "case.yaml"
    os.mkfifo(fifo)
    before = snapshot(out)
    done = subprocess.run(
        [sys.executable, "-m", "generator.cli", str(fifo), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert "这不是普通文件" in done.stderr and "Traceback" not in done.stderr
    assert snapshot(out) == before


def test_ten_thousand_evidence_entries_are_refused_before_any_is_checked(out, tmp_path):
    """10,000 evidence entries: one located refusal naming the count and the bound."""
    entries = "".join(
        "  - file: evidence/txvip-alipay-bill.png\n    category: transaction\n    description: 账单\n"
        for _ in range(10_000)
    )
    case = copy_of_sample(tmp_path, lambda text: text.split("evidence:", 1)[0] + "evidence:\n" + entries)
    line = case.read_text(encoding="utf-8").splitlines().index("evidence:") + 1
    before = snapshot(out)
    assert_refused(
        run(case, "--out", out), [f"第{line}行", "evidence：", "列了 10,000 项，超过上限 200 项"], out, before
    )


def test_picture_with_a_zip_appended_is_embedded_without_it(tmp_path):
    """A PNG with a ZIP after its end: accepted, the user told, and the Word files hold only the picture."""
    case = copy_of_sample(tmp_path)
    bill = case.parent / "evidence" / "txvip-alipay-bill.png"
    picture = bill.read_bytes()
    payload = _zip_bytes({"payload.py": "print('hello')\n"})
    bill.write_bytes(picture + payload)
    out = tmp_path / "out"
    result = run(case, "--out", out)
    assert result.exit_code == 0, result.output
    assert "txvip-alipay-bill.png）图片末尾附有" in result.output
    for docx in (out / RIGHTS_ID).glob("*.docx"):
        with zipfile.ZipFile(docx) as package:
            media = [package.read(n) for n in package.namelist() if n.startswith("word/media/")]
        assert all(payload not in blob and b"payload.py" not in blob for blob in media), docx.name
        if media:
            assert picture in media, docx.name  # the picture itself, byte for byte
    manifest = json.loads((out / RIGHTS_ID / "manifest.json").read_text(encoding="utf-8"))
    assert hashlib.sha256(picture + payload).hexdigest() in json.dumps(manifest)  # the exhibit is the file as given


def _zip_bytes(files: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, text in files.items():
            package.writestr(name, text)
    return buffer.getvalue()


def test_line_separator_pasted_into_a_summary_is_text(tmp_path):
    """U+2028 from a pasted chat is no YAML line break: the case runs and the filing keeps it as written."""
    said = "客服称“虚拟商品一经售出不退不换”\u2028拒绝退款"
    case = copy_of_sample(tmp_path, lambda text: text.replace("客服称“虚拟商品一经售出不退不换”，拒绝退款", said))
    out = tmp_path / "out"
    result = run(case, "--out", out)
    assert result.exit_code == 0, result.output
    texts = [p.read_text(encoding="utf-8") for p in (out / RIGHTS_ID).glob("*.txt")]
    assert any(said in t for t in texts)


# --- init: where the new case file cannot go ------------------------------------------------------


def test_init_onto_a_dangling_symlink_is_refused(tmp_path):
    link = tmp_path / "case.yaml"
    link.symlink_to(tmp_path / "nowhere" / "case.yaml")
    result = run("init", link, "--blank")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "符号链接" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "nowhere").exists()


def test_init_under_a_file_is_refused(tmp_path):
    blocker = tmp_path / "案件"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run("init", blocker / "case.yaml", "--blank")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "不是文件夹" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    "error",
    [PermissionError(13, "Permission denied"), OSError(28, "No space left on device")],
    ids=["unwritable", "disk-full"],
)
def test_init_that_cannot_write_is_refused_and_leaves_nothing(tmp_path, monkeypatch, error):
    """Refused when the folder is unwritable or the disk fills mid-write; no half-written file is left."""
    import builtins

    from generator import cli

    real_open = builtins.open

    class Failing:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, text):
            self.fh.write(text[:10])
            raise error

    def failing_open(path, mode="r", *args, **kwargs):
        if isinstance(error, PermissionError):
            raise error
        return Failing(real_open(path, mode, *args, **kwargs))

    monkeypatch.setattr(cli, "open", failing_open, raising=False)
    target = tmp_path / "case.yaml"
    result = run("init", target, "--blank")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert "无法写入" in result.output and error.strerror in result.output and "Traceback" not in result.output
    assert not target.exists()


# --- any one value, written any way: a result or a refusal, never an internal error ---------------

# Spellings that once crashed a stage, and their neighbours.
NASTY_VALUES = [
    "10000000000000000",
    "1.0e+16",
    "1.0e+999999999",
    "0.001",
    "-5",
    "0",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "2026-11-24 25:00",
    "2026-09-01T20:15:00+14:00",
    "!!bool maybe",
    "!!int x",
    "!!float y",
    "!!null z",
    "!!timestamp 2026-13-45",
    "!!str 5",
    "no",
    "yes",
    '"false"',
    "~",
    "[]",
    "{}",
    "[1, [2, [3]]]",
    ".nan",
    "-.inf",
    "0x1F",
    "0o17",
    "1_000",
    "12:30:00",
    "2099-01-01",
    "1899-12-31",
    '"\\u2028"',
    '"\\x00"',
    '"\\ud800"',
    "¥99999999999999999",
    "9" * 400,
    "1" + "0" * 30,
    "[" * 60 + "]" * 60,
    '"a/../../b.png"',
    '"' + "长" * 200 + '.png"',
]
_VALUE_LINE = re.compile(r"^(\s*(?:- )?[a-z_]+:) (\S.*?)(\s+#.*)?$")


@pytest.fixture(scope="module")
def fuzz_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(RIGHTS.parent / "evidence", folder / "evidence")
    return folder


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_value_written_any_way_is_a_result_or_a_refusal(fuzz_folder, data):
    """One value of a sample replaced by a hostile spelling or arbitrary text: success or a FilingError."""
    lines = RIGHTS.read_text(encoding="utf-8").splitlines()
    candidates = [i for i, line in enumerate(lines) if _VALUE_LINE.match(line)]
    i = data.draw(st.sampled_from(candidates), label="line")
    value = data.draw(st.one_of(st.sampled_from(NASTY_VALUES), st.text(max_size=40).map(json.dumps)), label="value")
    key = _VALUE_LINE.match(lines[i]).group(1)
    case = fuzz_folder / "case.yaml"
    case.write_text("\n".join(lines[:i] + [f"{key} {value}"] + lines[i + 1 :]) + "\n", encoding="utf-8")
    try:
        prepare(case, Options(out=fuzz_folder / "out", check_output=False))
    except FilingError as refusal:
        assert refusal.message and "Traceback" not in refusal.message


# --- names too long for the file system, wherever the user gives one -------------------------------

LONG_NAME = "案" * 100  # 300 bytes in UTF-8: over the 255 a file name may have


def test_case_file_name_too_long_is_refused(tmp_path):
    result = run(tmp_path / f"{LONG_NAME}.yaml", "--out", tmp_path / "out")
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert "无法读取文件" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_output_folder_name_too_long_is_refused(tmp_path):
    result = run(RIGHTS, "--out", tmp_path / LONG_NAME)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert "无法写入输出文件夹" in result.output and "内部错误" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_check_with_an_output_folder_name_too_long_still_checks(tmp_path):
    result = run("check", RIGHTS, "--out", tmp_path / LONG_NAME)
    assert result.exit_code == 0, result.output
    assert "检查通过" in result.output


def test_twenty_thousand_unknown_keys_are_refused_in_a_moment(out, tmp_path):
    """Field checks slow down with the square of their errors: a flood of unknown keys is refused before them."""
    case = copy_of_sample(tmp_path, lambda text: text + "".join(f"备注{i}: 第{i}条\n" for i in range(20_000)))
    before = snapshot(out)
    result = run(case, "--out", out)  # took hours before the bound (bench/hostile.py measures it)
    assert_refused(result, ["共有 20,000 个未知的键（以上只列出前 20 个）", "备注0：未知的键“备注0”"], out, before)
    assert result.output.count("未知的键“备注") == 20


def test_any_long_list_is_refused_not_only_evidence(out, tmp_path):
    charges = "      - {date: 2026-10-01, amount: 1.00}\n" * 5_000
    edit = lambda text: text.replace(
        "    delivered: 3个月体验会员",
        "    delivered: 3个月体验会员\n  - type: auto_renewal\n    description: 自动续费\n    charges:\n" + charges,
    )
    case = copy_of_sample(tmp_path, edit)
    before = snapshot(out)
    assert_refused(run(case, "--out", out), ["problems[1].charges：", "列了 5,000 项，超过上限 200 项"], out, before)


def test_a_count_written_with_a_huge_exponent_is_refused_at_its_line_not_computed(tmp_path):
    """`term_months: 1e999999999` is a number no case has: refused where it stands, never turned into an integer
    (which would not return)."""
    from generator.errors import FilingError
    from generator.pipeline import Options, prepare
    from tests.conftest import SAMPLES, case_copy

    case = case_copy(tmp_path, SAMPLES[0])
    text = case.read_text(encoding="utf-8")
    assert "  term_months: " in text
    case.write_text(re.sub(r"  term_months: .*", "  term_months: 1e999999999", text, count=1), encoding="utf-8")
    with pytest.raises(FilingError) as refused:
        prepare(case, Options(out=tmp_path / "out"))
    assert "order.term_months" in refused.value.message and "第" in refused.value.message
