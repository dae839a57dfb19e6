"""`init`: a non-programmer answers questions and gets a case file that works.

The interview is driven the way a user meets it: through `CliRunner` for whole
answer sequences, and through a pseudo-terminal (pexpect) for Ctrl-C, a closed
terminal and resuming.
"""

import json
import re
import shutil
import sys
from datetime import date

import click
import pexpect
import pytest
import yaml
from click.testing import CliRunner

from generator.case import interview, schema
from generator.cli import ask_line, main
from generator.pipeline import Options, prepare
from generator.rendering.reading import docx_text
from tests.conftest import CASES, sample_data, write_case

MANGO_ANSWERS = [
    "李四",
    "13900139000",
    "上海市浦东新区某某路88弄6号1202室",
    "速充卡盟",
    "1",
    "深圳某某科技有限公司",
    "深圳市南山区某某路科技园2栋",
    "KM202609015550001",
    "芒果TV会员连续包月",
    "",
    "芒果TV会员首月特惠25元，可随时取消",
    "二十五元",
    "25.00",  # a wrong amount, re-asked
    "2026/09/01 9点半",
    "2026/9/1 9:30",  # a time it cannot read, re-asked
    "1个月",
    "1",
    "微信支付",
    "1",
    "4200001234202609011234567890",
    "深圳某某科技有限公司",
    "2,3",
    "充值页面默认勾选自动续费，且未提示续费金额和扣款时间；申请关闭后仍被扣费",
    "是",
    "y",
    "2026年10月1日",
    "2026-10-01",
    "25.00",
    "",
    "2026-11-01",
    "25.00",
    "",
    "",
    "11月1日再次被扣款后联系客服，客服一直已读不回",
    "",
    "2026-10-01",
    "平台",
    "小程序在线客服",
    "要求关闭自动续费，客服答复“会为您登记处理”",
    "承诺处理",
    "2026-11-01",
    "platform",
    "小程序在线客服",
    "再次被扣款后要求退款并关闭续费，客服未回复",
    "2",
    "",
    "evidence/no-such.png",
    "evidence/renewal-wechat-bill.png，evidence/renewal-settings-page.png, evidence/renewal-cancel-chat.png",
    "",
    "微信支付账单，含首月付款与两笔自动续费扣款",
    "3",
    "确认订单页面，自动续费为默认勾选",
    "",
    "申请关闭自动续费的客服聊天记录",
    "是",
    "y",
    "",
    "",
    "",
    "速充卡盟小程序",
    "",
    "",
    "",
    "",
    "KM202609015550001",
    "2026-11-24",
    "",
    "",
    "",
    "",
    "n",
]

# A typical case: one problem, one contact, two exhibits, nothing optional.
TYPICAL = [
    "张三",
    "13800138000",
    "北京市朝阳区某某路1号院2号楼301室",
    "速充卡盟",
    "卡盟自己的网站或APP",
    "北京某某网络科技有限公司",
    "北京市海淀区某某大厦",
    "KM202609011234567",
    "腾讯视频VIP年卡",
    "",
    "官方直充腾讯视频VIP12个月，支持4K",
    "158元",
    "2026年9月1日 20:15",
    "12个月",
    "3",
    "alipay",
    "商家",
    "2026090122001412345678901234",
    "北京某某网络科技有限公司",
    "权益不符",
    "兑换码只能兑换3个月体验会员，且不支持4K",
    "3个月体验会员",
    "",
    "2026-09-03",
    "1",
    "在线客服",
    "客服称“虚拟商品一经售出不退不换”",
    "拒绝",
    "",
    "evidence/txvip-alipay-bill.png, evidence/txvip-service-chat.png",
    "",
    "支付宝账单截图",
    "",
    "客服聊天记录截图",
    "否",
]


def init(tmp_path, answers, name="mine.yaml"):
    if not (tmp_path / "evidence").exists():
        shutil.copytree(CASES / "evidence", tmp_path / "evidence")
    target = tmp_path / name
    result = CliRunner().invoke(main, ["init", str(target), "--ask"], input="\n".join(answers) + "\n")
    return target, result


def test_init_interview_writes_the_equivalent_of_the_sample(tmp_path):
    target, result = init(tmp_path, MANGO_ANSWERS, "mango-renewal-2026-002.yaml")
    assert result.exit_code == 0, result.output
    assert "金额应为大于0的数字" in result.output and "应为日期 2026-09-01 或日期时间" in result.output
    assert "找不到文件“evidence/no-such.png”" in result.output
    text = target.read_text(encoding="utf-8")
    assert all("#" in line for line in text.splitlines() if line.strip()), "a comment on every key"
    assert not interview.part_path(target).exists(), "the part file goes once the case file is written"

    mine = prepare(target, Options(out=tmp_path / "out"))
    theirs = prepare(_without_fields_not_asked(tmp_path), Options(out=tmp_path / "out"))
    for name, data in theirs.files.items():
        if name.endswith(".docx"):  # a Word file's hash changes with the second it was written in
            assert _without_hashes(docx_text(mine.files[name])) == _without_hashes(docx_text(data)), name
        elif name.endswith(".txt"):  # the summary lists those hashes
            assert _without_hashes(mine.files[name].decode()) == _without_hashes(data.decode()), name


def _without_hashes(text: str) -> str:
    return re.sub(r"SHA-256：[0-9a-f]{64}", "SHA-256：…", text)


def test_a_typical_case_takes_at_most_35_questions(tmp_path):
    shutil.copytree(CASES / "evidence", tmp_path / "evidence")
    runner = CliRunner()
    with runner.isolation(input="\n".join(TYPICAL) + "\n"):
        session = interview.Session(tmp_path, today=date(2026, 11, 24), show=click.echo, read=ask_line)
        lines = session.run()
    assert session.asked == len(TYPICAL) == interview.question_count(session.answers, tmp_path, date(2026, 11, 24))
    assert session.asked <= 35
    target = tmp_path / "typical.yaml"
    target.write_text(interview.case_file_text(lines), encoding="utf-8")
    prepared = prepare(target, Options(out=tmp_path / "out", today=date(2026, 11, 24)))
    assert prepared.analysis.case.complainant.name == "张三"


def test_init_writes_the_normalised_values(tmp_path):
    target, result = init(tmp_path, TYPICAL)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    order = data["order"]
    assert (order["price"], str(order["paid_at"]), order["term_months"]) == (158, "2026-09-01 20:15", 12)
    text = target.read_text(encoding="utf-8")
    assert "price: 158 " in text and "paid_at: 2026-09-01 20:15 " in text and "term_months: 12 " in text
    assert data["payment"]["channel"] == "alipay" and data["problems"][0]["type"] == "rights_mismatch"
    assert data["contacts"][0]["result"] == "refused"


def test_service_default_follows_the_product_typed(tmp_path):
    answers = TYPICAL[:8] + ["爱奇艺黄金VIP年卡"]
    _, result = init(tmp_path, answers)
    assert "哪个视频平台的会员？（编号或名称；回车＝爱奇艺）" in result.output
    _, result = init(tmp_path, TYPICAL[:8] + ["视频会员年卡"], name="other.yaml")
    assert "哪个视频平台的会员？（编号或名称）：" in result.output, "no default the product does not support"


def test_wrong_choice_and_yes_no_are_explained_in_chinese(tmp_path):
    answers = TYPICAL[:4] + ["支付宝", "1"]
    _, result = init(tmp_path, answers)
    assert "请输入1到3之间的编号，或选项的名称，请重新输入" in result.output
    assert "Error" not in result.output and "invalid" not in result.output
    answers = TYPICAL[:-1] + ["也许", "否"]
    _, result = init(tmp_path, answers, name="yes.yaml")
    assert "请回答“是”或“否”（也可以写 y 或 n）" in result.output and result.exit_code == 0


def test_operator_question_says_why_and_where_and_accepts_later(tmp_path):
    answers = TYPICAL[:5] + ["稍后填写", "稍后填写"] + TYPICAL[7:]
    target, result = init(tmp_path, answers)
    assert result.exit_code == 0, result.output
    for words in (
        "12315投诉须写明被投诉人的名称和地址",
        "“关于我们”“营业执照”",
        "ICP备案号",
        "国家企业信用信息公示系统",
    ):
        assert words in result.output
    assert "以下各项答了“稍后填写”" in result.output and "  - 经营主体（公司全称）" in result.output
    text = target.read_text(encoding="utf-8")
    assert "  operator:" in text and "# 稍后填写：经营主体" in text
    check = CliRunner().invoke(main, ["check", str(target)])
    assert check.exit_code == 0 and "经营主体名称" in check.output  # optional in the format: a warning, not a refusal


def test_back_goes_one_question_back(tmp_path):
    answers = TYPICAL[:2] + ["<", "13900139000"] + TYPICAL[2:]
    target, result = init(tmp_path, answers)
    assert result.exit_code == 0, result.output
    assert result.output.count("手机号或带区号的座机") == 2
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["complainant"]["phone"] == "13900139000"


def test_the_2026_12_fields_use_the_spec_keys(tmp_path):
    answers = (
        TYPICAL[:4]
        + ["2", "杭州某某网络有限公司", "杭州市余杭区某某路1号", "小鱼会员铺", "浙江省杭州市余杭区某某路8号"]
        + TYPICAL[7:16]
        + ["个人收款码"]
        + TYPICAL[17:19]
        + [
            "1,2",
            "兑换码只能兑换3个月体验会员",
            "3个月体验会员",
            "自动续费无法关闭",
            "是",
            "否",
            "",
            "2026-10-15",
            "19.90",
            "4200002771202610156023418855",
            "",
            "假一赔十",
            "",
            "可随时取消自动续费",
            "",
            "",
        ]
        + TYPICAL[23:34]
        + [
            "是",
            "是",
            "是",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "29元",
            "为观看当晚赛事另行购买的单月会员",
            "1",
            "",
            "",
            "是",
            "王某",
            "0571-88888888",
            "某某市消费者协会",
            "浙江省杭州市某某路1号",
            "",  # relation: an association's advocate is no relative
        ]
    )
    target, result = init(tmp_path, answers)
    assert result.exit_code == 0, result.output
    assert "承诺说赔实付金额的几倍？（如 假一赔十 填 10；不是赔偿承诺就回车）（回车＝10）" in result.output
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["platform"]["kind"] == "marketplace"
    assert data["platform"]["seller"] == {"name": "小鱼会员铺", "address": "浙江省杭州市余杭区某某路8号"}
    assert data["payment"]["payee_kind"] == "personal"
    assert data["order"]["promises"] == [{"text": "假一赔十", "times": 10}, {"text": "可随时取消自动续费"}]
    charge = data["problems"][1]["charges"][0]
    assert charge["transaction_id"] == "4200002771202610156023418855" and str(charge["amount"]) == "19.9"
    assert data["claims"]["promised_compensation"] is True
    assert data["claims"]["losses"] == [
        {"amount": 29, "description": "为观看当晚赛事另行购买的单月会员", "evidence": "evidence/txvip-alipay-bill.png"}
    ]
    assert data["representative"] == {
        "name": "王某",
        "phone": "0571-88888888",
        "organisation": "某某市消费者协会",
        "address": "浙江省杭州市某某路1号",
    }
    if "promises" in schema.SCHEMA["order"]["schema"]:  # the format's 2026-12 fields are validated
        assert CliRunner().invoke(main, ["check", str(target)]).exit_code == 0


def _without_fields_not_asked(tmp_path):
    """The mango sample without the optional 2026-12 fields these answers do not give."""
    data = sample_data("mango-auto-renewal.yaml")
    del data["order"]["promises"]
    for charge in data["problems"][0]["charges"]:
        del charge["transaction_id"]
    for item in data["evidence"]:
        del item["about"]
    return write_case(tmp_path / "sample", data)


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


# --- through a terminal ---------------------------------------------------------------


def spawn(tmp_path, target):
    return pexpect.spawn(
        sys.executable,
        ["-m", "generator.cli", "init", str(target)],
        cwd=str(tmp_path),
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 200),
    )


def answer(child, prompt, text):
    child.expect_exact(prompt)
    child.sendline(text)


@pytest.fixture
def folder(tmp_path):
    shutil.copytree(CASES / "evidence", tmp_path / "evidence")
    return tmp_path


def test_ctrl_c_keeps_the_answers_and_the_next_init_continues(folder):
    target = folder / "我的案件.yaml"
    child = spawn(folder, target)
    answer(child, "姓名", "张三")
    answer(child, "手机号或带区号的座机", "13800138000")
    child.expect_exact("通讯地址")
    child.sendintr()
    child.expect_exact("已暂停。已回答的 2 题保存在")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    part = interview.part_path(target)
    assert json.loads(part.read_text(encoding="utf-8"))["answers"] == [
        ["complainant.name", "张三"],
        ["complainant.phone", "13800138000"],
    ]
    assert not target.exists()

    child = spawn(folder, target)
    answer(child, "发现上次没答完的问答（已答 2 题", "是")
    answer(child, "通讯地址", "上一题")  # back one: the phone is asked again
    answer(child, "手机号或带区号的座机", "13900139000")
    for text in TYPICAL[2:]:
        child.expect_exact("：")
        child.sendline(text)
    child.expect_exact("已生成案件文件")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["complainant"]["name"] == "张三" and data["complainant"]["phone"] == "13900139000"
    assert not part.exists()


def test_a_closed_terminal_keeps_the_answers(folder):
    target = folder / "case1.yaml"
    child = spawn(folder, target)
    answer(child, "姓名", "李娟")
    child.expect_exact("手机号或带区号的座机")
    child.close(force=True)  # the terminal window is closed
    part = interview.part_path(target)
    assert json.loads(part.read_text(encoding="utf-8"))["answers"] == [["complainant.name", "李娟"]]
    child = spawn(folder, target)
    answer(child, "发现上次没答完的问答（已答 1 题", "否")
    child.expect_exact("好的，重新开始")
    child.expect_exact("姓名")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_a_date_after_today_is_asked_again(tmp_path):
    answers = TYPICAL[:12] + ["2099-09-01 20:15"] + TYPICAL[12:]
    target, result = init(tmp_path, answers)
    assert result.exit_code == 0, result.output
    assert "这个日期晚于今天" in result.output
    assert "paid_at: 2026-09-01 20:15 " in target.read_text(encoding="utf-8")


def test_an_explicit_refund_above_the_price_is_asked_again(tmp_path):
    answers = TYPICAL[:-1] + ["是", "", "", "", "", "", "", "", "", "", "", "4", "500", "100", "", "", "", "否"]
    target, result = init(tmp_path, answers)
    assert result.exit_code == 0, result.output
    assert "退款最多是实付的158元；超出的部分请在“其他损失”里写明金额和原因" in result.output
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["claims"]["refund"] == 100


def test_quotes_go_from_a_name_but_stay_in_the_users_words(tmp_path):
    answers = ["“张三”"] + TYPICAL[1:20] + ["“兑换码只能兑换3个月体验会员”"] + TYPICAL[21:]
    target, result = init(tmp_path, answers)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["complainant"]["name"] == "张三"
    assert data["problems"][0]["description"] == "“兑换码只能兑换3个月体验会员”"
