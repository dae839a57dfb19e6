"""A hand-written case file is read as leniently as `init` reads answers; the file itself is never changed."""

import re
from datetime import datetime
from decimal import Decimal

import pytest
from click.testing import CliRunner

from generator.case import lenient
from generator.cli import main
from generator.pipeline import Options, prepare
from tests.conftest import sample

RIGHTS = sample("txvip-rights-mismatch.yaml")


@pytest.mark.parametrize(
    "written, read",
    [
        ("2026/9/1", "2026-09-01"),
        ("2026年9月1日", "2026-09-01"),
        ("2026.09.01", "2026-09-01"),
        ("２０２６-９-１", "2026-09-01"),
        ("2026/2/30", None),
        ("9月1日", None),
    ],
)
def test_dates(written, read):
    assert lenient.normal_date(written) == read


@pytest.mark.parametrize(
    "written, read",
    [
        ("2026年9月1日 20:15", "2026-09-01 20:15"),
        ("2026/9/1 20点15分", "2026-09-01 20:15"),
        ("2026年9月1日20点", "2026-09-01 20:00"),
        ("2026/9/1 25:00", None),
        ("2026-09-01", "2026-09-01"),
    ],
)
def test_moments(written, read):
    assert lenient.normal_moment(written) == read


@pytest.mark.parametrize("written, read", [("98元", "98"), ("￥98.50", "98.50"), ("98.5 元", "98.5"), ("九十八", None)])
def test_money(written, read):
    assert lenient.normal_money(written) == read


@pytest.mark.parametrize("written, read", [("12个月", "12"), ("12月", "12"), ("１２", "12"), ("一年", None)])
def test_months(written, read):
    assert lenient.normal_months(written) == read


def lenient_case(tmp_path):
    text = RIGHTS.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(  name: )(\S+)", r"\1“\2”", text, count=1)
    text = re.sub(r"(?m)^(  price: )\S+", r"\g<1>158元", text)
    text = re.sub(r"(?m)^(  paid_at: )\S+ \S+", r"\g<1>2026年9月1日 20:15", text)
    text = re.sub(r"(?m)^(  term_months: )\S+", r"\g<1>12个月", text)
    text = re.sub(r"(?m)^(  transaction_id: )\S+", "\\g<1>「2026090122001412345678901234」", text)
    text = re.sub(r"(?m)^(  service: )\S+", "\\g<1>\u3000腾讯视频\u3000", text)
    import shutil

    shutil.copytree(RIGHTS.parent / "evidence", tmp_path / "evidence")
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_hand_written_file_is_read_like_init_reads_answers(tmp_path):
    path = lenient_case(tmp_path)
    before = path.read_bytes()
    mine = prepare(path, Options(out=tmp_path / "out"))
    theirs = prepare(RIGHTS, Options(out=tmp_path / "out"))
    case = mine.analysis.case
    assert case.complainant.name == theirs.analysis.case.complainant.name
    assert case.order.price == Decimal("158") and case.order.term_months == 12
    assert case.order.paid_at == datetime(2026, 9, 1, 20, 15)
    assert case.payment.transaction_id == "2026090122001412345678901234"
    assert case.order.service == "tencent_video"
    for name, data in theirs.files.items():
        if name.endswith(".txt") and not name.startswith("00_"):
            assert mine.files[name] == data, name
    assert path.read_bytes() == before, "the user's file is never rewritten"


def test_each_unwrapped_value_is_noted_with_its_line(tmp_path):
    path = lenient_case(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    name_line = next(i for i, line in enumerate(lines, 1) if "“" in line and "name:" in line)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 0, result.output
    name = re.search(r"“(\S+)”", lines[name_line - 1]).group(1)
    assert (
        f"第{name_line}行：“{name}” 两边的引号或全角空格已去掉，按 {name} 读取"
        "（名称、号码、日期和选项不需要加引号；案件文件本身没有改动）"
    ) in result.output
    assert "「2026090122001412345678901234」 两边的引号或全角空格已去掉" in result.output
    assert "腾讯视频 两边的引号或全角空格已去掉，按 腾讯视频 读取" in result.output
    assert result.output.count("两边的引号或全角空格已去掉") == 3, "158元, dates and months are not notes"


def test_free_text_keeps_every_character(tmp_path):
    path = lenient_case(tmp_path)
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(  advertised: ).*?(\s+#.*)?$", "\\g<1>“官方直充”\u3000十二个月", text, count=1)
    path.write_text(text, encoding="utf-8")
    case = prepare(path, Options(out=tmp_path / "out")).analysis.case
    assert case.order.advertised == "“官方直充”\u3000十二个月"


def test_a_wrong_evidence_path_suggests_the_nearest_file(tmp_path):
    path = lenient_case(tmp_path)
    text = path.read_text(encoding="utf-8").replace("evidence/txvip-alipay-bill.png", "evidence/txvip-alipay-bil.png")
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert "找不到证据文件“evidence/txvip-alipay-bil.png”" in result.output
    assert "是不是 evidence/txvip-alipay-bill.png？" in result.output
