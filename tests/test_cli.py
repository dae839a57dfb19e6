"""The command line as a user meets it: exact messages and exit codes."""
import json
import subprocess
import sys

from click.testing import CliRunner

from generator import __version__
from generator.cli import main
from tests.conftest import sample

RIGHTS = str(sample("txvip-rights-mismatch.yaml"))


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.output.strip() == f"make-filings {__version__}"


def test_help_lists_the_main_form_and_commands():
    result = run("--help")
    assert result.exit_code == 0
    assert "make-filings case.yaml" in result.output
    for command in ("run", "laws"):
        assert command in result.output


def test_every_command_has_help():
    for name, command in main.commands.items():
        assert command.help, name
        assert run(name, "--help").exit_code == 0


def test_run_writes_the_case_folder(tmp_path):
    result = run(RIGHTS, "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    folder = tmp_path / "txvip-2026-001"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([e["file"] for e in manifest["filings"]] + [e["text_file"] for e in manifest["filings"]]
                           + ["manifest.json"])
    assert "已生成 5 份文书" in result.output


def test_existing_folder_is_refused_without_force(tmp_path):
    assert run(RIGHTS, "--out", str(tmp_path)).exit_code == 0
    keep = tmp_path / "txvip-2026-001" / "mine.txt"
    keep.write_text("律师的批注", encoding="utf-8")
    result = run(RIGHTS, "--out", str(tmp_path))
    assert result.exit_code == 1
    assert "已存在" in result.output and "--force" in result.output
    assert keep.read_text(encoding="utf-8") == "律师的批注"


def test_force_replaces_the_folder(tmp_path):
    assert run(RIGHTS, "--out", str(tmp_path)).exit_code == 0
    (tmp_path / "txvip-2026-001" / "mine.txt").write_text("x", encoding="utf-8")
    result = run(RIGHTS, "--out", str(tmp_path), "--force")
    assert result.exit_code == 0
    assert not (tmp_path / "txvip-2026-001" / "mine.txt").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["txvip-2026-001"]  # no backup or staging left


def test_only_limits_the_filings(tmp_path):
    result = run(RIGHTS, "--out", str(tmp_path), "--only", "complaint_12315")
    assert result.exit_code == 0
    names = sorted(p.name for p in (tmp_path / "txvip-2026-001").iterdir() if p.suffix == ".docx")
    assert names == ["00_案件概要.docx", "03_12315投诉书.docx"]


def test_calendar_file(tmp_path):
    result = run(RIGHTS, "--out", str(tmp_path), "--calendar")
    assert result.exit_code == 0
    ics = (tmp_path / "txvip-2026-001" / "deadlines.ics").read_text(encoding="utf-8")
    assert "BEGIN:VCALENDAR" in ics and "平台书面答复期限" in ics


def test_missing_case_file(tmp_path):
    result = run(str(tmp_path / "nope.yaml"), "--out", str(tmp_path))
    assert result.exit_code == 1
    assert "找不到这个文件" in result.output
    assert "Traceback" not in result.output


def test_usage_error_exit_2():
    assert run(RIGHTS, "--no-such-option").exit_code == 2


def test_laws_lists_and_prints_one():
    listing = run("laws")
    assert listing.exit_code == 0 and "消费者权益保护法" in listing.output and "2026-04-15" in listing.output
    one = run("laws", "消费者权益保护法", "24")
    assert one.exit_code == 0 and "第二十四条 经营者提供的商品或者服务不符合质量要求的" in one.output
    assert run("laws", "消费者权益保护法", "第二十四条").output == one.output
    missing = run("laws", "民法典", "9999")
    assert missing.exit_code == 1 and "没有《民法典》第9999条" in missing.output


def test_help_does_not_import_the_rendering_stack():
    code = ("import sys; from generator.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('docxtpl', 'docx', 'cerberus', 'PIL', 'jinja2') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


import pytest  # noqa: E402

from tests.conftest import SAMPLES  # noqa: E402


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_check_prints_what_the_run_writes(tmp_path, path):
    check = run("check", str(path), "--out", str(tmp_path))
    assert check.exit_code == 0, check.output
    assert list(tmp_path.iterdir()) == [], "check writes nothing"
    assert run(str(path), "--out", str(tmp_path)).exit_code == 0
    manifest = json.loads(next(tmp_path.glob("*/manifest.json")).read_text(encoding="utf-8"))
    for key, value in manifest["amounts"].items():
        if value != "0.00" or key == "total":
            assert f"人民币{value}元（大写：" in check.output, key
    for d in manifest["deadlines"]:
        assert f"{d['label']}：{d['due_text']}" in check.output
    for c in manifest["citations"]:
        from generator.report import FILING_NAMES
        assert c["label"] in check.output and "、".join(FILING_NAMES[k] for k in c["filings"]) in check.output
    for w in manifest["warnings"]:
        assert w in check.output
    for f in manifest["filings"]:
        assert f["file"] in check.output


def test_check_refuses_bad_input_like_a_run(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("case_id: x\n", encoding="utf-8")
    result = run("check", str(bad))
    assert result.exit_code == 1 and "缺少必填项" in result.output
