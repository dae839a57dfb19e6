"""`init`: a non-programmer answers questions and gets a case file that works."""
import shutil

from click.testing import CliRunner

from generator.cli import main
from generator.pipeline import Options, prepare
from generator.reading import docx_text
from tests.conftest import CASES

MANGO_ANSWERS = [
    "mango-renewal-2026-002", "2026-11-24",
    "李四", "13900139000", "上海市浦东新区某某路88弄6号1202室", "", "",
    "速充卡盟", "", "速充卡盟小程序", "深圳某某科技有限公司", "", "", "深圳市南山区某某路科技园2栋", "",
    "KM202609015550001", "芒果TV会员连续包月", "4", "芒果TV会员首月特惠25元，可随时取消",
    "二十五元", "25.00",              # a wrong amount, re-asked
    "",
    "2026/09/01 9点半", "2026-09-01 09:30",  # a wrong date, re-asked
    "1", "1",
    "1", "4200001234202609011234567890", "KM202609015550001", "深圳某某科技有限公司",
    "2,3",
    "充值页面默认勾选自动续费，且未提示续费金额和扣款时间；申请关闭后仍被扣费", "y", "y", "2026-10-01",
    "2026-10-01", "25.00", "y", "2026-11-01", "25.00", "n",
    "11月1日再次被扣款后联系客服，客服一直已读不回",
    "y", "2026-10-01", "1", "小程序在线客服", "要求关闭自动续费，客服答复“会为您登记处理”", "3", "y",
    "2026-11-01", "1", "小程序在线客服", "再次被扣款后要求退款并关闭续费，客服未回复", "2", "n",
    "y", "evidence/no-such.png", "evidence/renewal-wechat-bill.png", "1", "微信支付账单，含首月付款与两笔自动续费扣款", "y",
    "evidence/renewal-settings-page.png", "3", "确认订单页面，自动续费为默认勾选", "y",
    "evidence/renewal-cancel-chat.png", "4", "申请关闭自动续费的客服聊天记录", "n",
    "1", "y", "", "",
]


def test_init_interview_writes_the_equivalent_of_the_sample(tmp_path):
    shutil.copytree(CASES / "evidence", tmp_path / "evidence")
    target = tmp_path / "mine.yaml"
    result = CliRunner().invoke(main, ["init", str(target), "--ask"], input="\n".join(MANGO_ANSWERS) + "\n")
    assert result.exit_code == 0, result.output
    assert "金额应为大于0的数字" in result.output and "应为日期 2026-09-01 或日期时间" in result.output
    assert "找不到文件" in result.output
    text = target.read_text(encoding="utf-8")
    assert all("#" in line for line in text.splitlines() if line.strip()), "a comment on every key"

    mine = prepare(target, Options(out=tmp_path / "out"))
    theirs = prepare(CASES / "mango-auto-renewal.yaml", Options(out=tmp_path / "out"))
    for name, data in theirs.files.items():
        if name.endswith(".docx"):
            assert docx_text(mine.files[name]) == docx_text(data), name
        elif name.endswith(".txt"):
            assert mine.files[name] == data, name


def test_init_never_overwrites(tmp_path):
    target = tmp_path / "case.yaml"
    target.write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(target)])
    assert result.exit_code == 1 and "已存在" in result.output
    assert target.read_text(encoding="utf-8") == "mine"


def test_init_without_terminal_writes_the_commented_template(tmp_path):
    target = tmp_path / "case.yaml"
    result = CliRunner().invoke(main, ["init", str(target)])
    assert result.exit_code == 0 and "空白模板" in result.output
    text = target.read_text(encoding="utf-8")
    for key in ("case_id:", "complainant:", "problems:", "evidence:", "claims:"):
        assert key in text
    check = CliRunner().invoke(main, ["check", str(target)])
    assert check.exit_code == 1 and "complainant.name" in check.output and "缺少必填项" in check.output
