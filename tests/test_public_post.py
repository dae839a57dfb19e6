"""The 黑猫投诉 post states facts: its title names no wrong the case does not give, and the user's accusations
(跑路, 骗子) are left out of it, with a warning, while the other filings quote the user whole."""

from __future__ import annotations

from pathlib import Path

from generator.pipeline import Options, prepare
from generator.rendering.reading import docx_text
from tests.conftest import case_copy
from tests.test_individual import boxes

HERE = Path(__file__).parent / "public_cases"


def run(tmp_path):
    return prepare(case_copy(tmp_path, HERE / "paid-never-delivered.yaml"), Options(out=tmp_path / "out"))


def test_a_non_delivery_is_titled_as_one_not_as_false_advertising(tmp_path):
    prepared = run(tmp_path)
    title = boxes(prepared.files["04_黑猫投诉.txt"].decode("utf-8"))["投诉标题"]
    assert title == "星河卡盟涉嫌收款后未交付会员，要求退款"
    assert "虚假宣传" not in title


def test_the_users_accusations_stay_out_of_the_public_post_and_the_summary_says_so(tmp_path):
    prepared = run(tmp_path)
    paste = prepared.files["04_黑猫投诉.txt"].decode("utf-8")
    for post in (paste, docx_text(prepared.files["04_黑猫投诉.docx"])):
        assert "骗子" not in post and "骗钱" not in post
        assert "付款后一直没发卡密，订单一直显示“处理中”，收钱不发货。" in post  # the facts around it stay
        assert "2026年9月5日致电平台客服，电话没人接；" in post  # a call is told as the filer would
    warning = "黑猫投诉的“问题说明”略去了您原话中指控对方的说法：“就是骗子”、“这种店就是骗钱的”"
    assert any(w.startswith(warning) for w in prepared.manifest["warnings"])
    assert warning in prepared.files["00_案件概要.txt"].decode("utf-8")
    # the letters quote the user whole
    letter = docx_text(prepared.files["01_平台退款申请书.docx"])
    assert "“付款后一直没发卡密，订单一直显示‘处理中’，就是骗子，收钱不发货。”" in letter


def test_an_accusation_someone_else_made_is_a_fact_the_user_reports():
    from generator.filings.documents import without_accusations

    assert without_accusations("客服反说“你这是骗人”，然后挂了电话") == ("客服反说“你这是骗人”，然后挂了电话", [])
    assert without_accusations("就是收钱跑路。") == ("", ["就是收钱跑路"])
    kept, left = without_accusations("钱转过去以后一直没充，群也把我踢了，就是收钱跑路")
    assert kept == "钱转过去以后一直没充，群也把我踢了" and left == ["就是收钱跑路"]
