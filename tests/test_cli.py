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
    assert names == sorted(
        [e["file"] for e in manifest["filings"]] + [e["text_file"] for e in manifest["filings"]] + ["manifest.json"]
    )
    assert f"已生成 {len(manifest['filings'])} 份文书" in result.output


def test_existing_folder_is_refused_without_force(tmp_path):
    assert run(RIGHTS, "--out", str(tmp_path)).exit_code == 0
    keep = tmp_path / "txvip-2026-001" / "mine.txt"
    keep.write_text("律师的批注", encoding="utf-8")
    result = run(RIGHTS, "--out", str(tmp_path), "--calendar")
    assert result.exit_code == 1
    assert "已存在" in result.output and "--force" in result.output
    assert keep.read_text(encoding="utf-8") == "律师的批注"


def test_a_changed_case_is_refused_naming_what_changed(tmp_path):
    import shutil

    shutil.copytree(sample("txvip-rights-mismatch.yaml").parent / "evidence", tmp_path / "evidence")
    case = tmp_path / "case.yaml"
    case.write_bytes(sample("txvip-rights-mismatch.yaml").read_bytes())
    assert run(str(case), "--out", str(tmp_path / "out")).exit_code == 0
    again = run(str(case), "--out", str(tmp_path / "out"))
    assert again.exit_code == 0 and again.output.startswith("已存在，跳过：")
    manifest = json.loads((tmp_path / "out" / "txvip-2026-001" / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["inputs"]) == {"case_file", "evidence", "generator", "data", "settings"}
    assert manifest["inputs"]["generator"] == __version__
    case.write_text(case.read_text(encoding="utf-8").replace("张三", "张三丰"), encoding="utf-8")
    changed = run(str(case), "--out", str(tmp_path / "out"))
    assert changed.exit_code == 1
    assert "自上次生成后案件文件有变化" in changed.output and "请加上 --force" in changed.output
    from PIL import Image

    # The bill's screenshot replaced by another one (not a copy of a listed file: that is a repeat).
    Image.new("RGB", (540, 960), (30, 120, 200)).save(tmp_path / "evidence" / "txvip-alipay-bill.png")
    assert "案件文件、证据文件有变化" in run(str(case), "--out", str(tmp_path / "out")).output


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
    assert names == ["00_案件概要.docx", "03_12315投诉书.docx", "05_法律依据.docx"]  # the annex goes with the letter
    manifest = json.loads((tmp_path / "txvip-2026-001" / "manifest.json").read_text(encoding="utf-8"))
    assert {k for c in manifest["citations"] for k in c["filings"]} == {"complaint_12315", "case_summary"}


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
    code = (
        "import sys; from generator.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('docxtpl', 'docx', 'cerberus', 'PIL', 'jinja2', 'yaml', 'importlib.metadata')"
        " if m in sys.modules))"
    )
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
        from generator.vocabulary import DOCUMENT_NAMES

        assert c["label"] in check.output and "、".join(DOCUMENT_NAMES[k] for k in c["filings"]) in check.output
    for w in manifest["warnings"]:
        assert w in check.output
    for f in manifest["filings"]:
        assert f["file"] in check.output


def test_check_refuses_bad_input_like_a_run(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("case_id: x\n", encoding="utf-8")
    result = run("check", str(bad))
    assert result.exit_code == 1 and "缺少必填项" in result.output


# --- Chinese throughout ---------------------------------------------------------------


def test_help_is_in_chinese_and_names_every_exit_code():
    commands = (["--help"], ["run", "--help"], ["check", "--help"], ["init", "--help"], ["laws", "--help"])
    for args in (*commands, ["next", "--help"], ["status", "--help"]):
        text = run(*args).output
        assert text.startswith("用法：make-filings") and "选项：" in text and "显示此帮助并退出。" in text, args
        for english in ("Usage", "Options", "Show this message", "[default", "DIRECTORY", "[OPTIONS]"):
            assert english not in text, (args, english)
    top = run("--help").output
    assert "命令：" in top and "显示版本号并退出。" in top
    assert "3 程序内部错误" in top and "130 被 Ctrl-C 中断" in top


def test_usage_errors_are_in_chinese():
    result = run(RIGHTS, "--nope")
    assert result.exit_code == 2
    assert result.output == (
        "用法：make-filings run [选项] 案件文件.yaml…\n运行 make-filings run --help 查看说明。\n\n"
        "错误：没有这个选项：--nope。是不是想写 --force？\n"
    )
    assert run("check").output.endswith("错误：缺少参数 案件文件.yaml\n")
    assert run(RIGHTS, "--out").output == "错误：选项 --out 后面要写一个值\n"
    assert run("laws", "消法", "24", "多余").output.endswith("错误：多余的参数：多余\n")


def test_only_takes_the_chinese_names(tmp_path):
    result = run(RIGHTS, "--out", str(tmp_path), "--only", "12315投诉书", "--only", "黑猫")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "txvip-2026-001").iterdir() if p.suffix == ".docx")
    assert names == ["00_案件概要.docx", "03_12315投诉书.docx", "04_黑猫投诉.docx", "05_法律依据.docx"]
    refused = run(RIGHTS, "--out", str(tmp_path / "none"), "--only", "支付宝")
    assert refused.exit_code == 2 and not (tmp_path / "none").exists()
    assert (
        "错误：--only 的值不对：“支付宝”不是可选的文书；可选：退款申请书（platform_refund_request）、"
        "支付争议申请（payment_dispute）、12315投诉书（complaint_12315）、黑猫投诉（blackcat_post）"
    ) in refused.output


def test_only_names_include_the_names_the_check_report_uses():
    from generator.cli import KIND_NAMES
    from generator.vocabulary import FILING_NAMES

    assert set(KIND_NAMES) == set(FILING_NAMES)
    for kind, name in FILING_NAMES.items():
        assert KIND_NAMES[kind][0] == name


def test_yaml_parser_english_only_with_debug(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("case_id: a\norder:\n  price：98\n  term_months: 12\n", encoding="utf-8")
    plain = run("check", str(bad))
    assert plain.exit_code == 1
    assert "第3行  （文件整体）：YAML格式错误：冒号用了中文全角“：”，请改成英文冒号加空格：price: …" in plain.output
    assert "mapping values" not in plain.output and "line 4" not in plain.output
    debug = run("check", str(bad), "--debug")
    assert (
        debug.exit_code == 1
        and "解析器的原始说明" in debug.output
        and "mapping values are not allowed here" in debug.output
    )


# --- laws -----------------------------------------------------------------------------


def test_laws_understands_short_names():
    full = run("laws", "消费者权益保护法", "24")
    for name in ("消法", "消保法", "《消费者权益保护法》", "中华人民共和国消费者权益保护法"):
        assert run("laws", name, "24").output == full.output, name
    assert "第五百零九条" in run("laws", "民法典", "509").output
    assert run("laws", "电商法", "19").exit_code == 0


def test_a_law_without_an_article_lists_its_articles():
    result = run("laws", "消费者权益保护法")
    assert result.exit_code == 0 and "None" not in result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("《中华人民共和国消费者权益保护法》的内置条文（")
    assert any(
        line.startswith("  第二十四条  2014-03-15起施行  经营者提供的商品或者服务不符合质量要求的") for line in lines
    )
    assert lines[-1] == "查看一条的全文：make-filings laws 消费者权益保护法 8"


def test_an_article_ends_with_its_act_version_date_and_where_to_verify_it():
    lines = run("laws", "消法", "24").output.strip().splitlines()
    assert lines[0].startswith("第二十四条 经营者提供的商品或者服务不符合质量要求的")
    assert lines[-2] == (
        "——《中华人民共和国消费者权益保护法》第二十四条；2013年10月25日第十二届全国人大常委会第五次会议第二次修正"
        "（1993年通过，2009年第一次修正）；2014-03-15起施行"
    )
    assert (
        lines[-1] == "核对：内置文本取自公开的整理本，引用前请在国家法律法规数据库（https://flk.npc.gov.cn）逐字核对。"
    )
    rule = run("laws", "投诉举报处理办法", "10").output
    assert "市场监管法律法规规章数据库（https://sjfg.samr.gov.cn）" in rule
    assert "github" not in rule + "\n".join(lines)


def test_laws_unknown_law_suggests_a_name():
    result = run("laws", "消费法")
    assert result.exit_code == 1
    assert "内置数据中没有《消费法》。是不是“消费者权益保护法”？" in result.output
    assert "不是条号" in run("laws", "消法", "二十四条款").output


def test_every_law_on_file_has_its_names_and_database():
    from generator.law import lawnames, provisions

    for p in provisions.provisions():
        assert lawnames.full_name(p.short) == p.law, p.short
        assert lawnames.database_of(p.law) is not None, p.law


def test_readme_first_screen_serves_a_newcomer():
    """Both fresh-machine commands (CI runs the test one word for word), then the consumer's path and activation."""
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && python -m pytest -q"
    sample_command = (
        "python3 -m venv .venv && . .venv/bin/activate && pip install . && "
        "make-filings cases/txvip-rights-mismatch.yaml"
    )
    assert test_command in ci.splitlines()
    first_screen = "\n".join(readme.splitlines()[:50])
    for text in (
        sample_command,
        test_command,
        "Python 3.11",
        "make-filings init 我的案件.yaml",
        "make-filings check 我的案件.yaml",
        "make-filings 我的案件.yaml --pdf",
        ". .venv/bin/activate",
        ".venv\\Scripts\\Activate.ps1",
        "每打开一个新的终端窗口",
    ):
        assert text in first_screen, text
    assert first_screen.index(test_command) < first_screen.index("make-filings init 我的案件.yaml")


def test_check_says_whether_a_run_would_skip_or_need_force(tmp_path):
    import shutil

    shutil.copytree(sample("txvip-rights-mismatch.yaml").parent / "evidence", tmp_path / "evidence")
    case = tmp_path / "case.yaml"
    case.write_bytes(sample("txvip-rights-mismatch.yaml").read_bytes())
    out = tmp_path / "out"
    assert run(str(case), "--out", str(out)).exit_code == 0
    folder = out / "txvip-2026-001"
    same = run("check", str(case), "--out", str(out)).output
    assert f"注意：输出文件夹 {folder} 已存在，且案件文件和证据与上次生成时相同：用同样的选项再次生成会跳过它。" in same
    case.write_text(case.read_text(encoding="utf-8").replace("张三", "张三丰"), encoding="utf-8")
    changed = run("check", str(case), "--out", str(out)).output
    assert f"注意：输出文件夹 {folder} 已存在，自上次生成后案件文件有变化，正式生成时需加 --force 才会替换。" in changed
