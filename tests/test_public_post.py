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
    warning = "黑猫投诉的“问题说明”和“诉求”略去了您原话中指控对方的说法：“就是骗子”、“这种店就是骗钱的”"
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
    # knowledge and forgery the user concludes are accusations too: the other filings argue them, the post does not
    kept, left = without_accusations("兑换提示“卡密无效”。店家根本就是在卖假卡密，他们明知道发的是月卡")
    assert kept == "兑换提示“卡密无效”。" and left == ["店家根本就是在卖假卡密", "他们明知道发的是月卡"]


REFUSALS = Path(__file__).parent / "refusal_cases"


def _post_of(prepared) -> tuple[str, dict]:
    paste = prepared.files["04_黑猫投诉.txt"].decode("utf-8")
    return paste, boxes(paste)


def test_debits_after_the_renewal_was_switched_off_are_titled_and_evidenced_as_such(tmp_path):
    """The user opened the renewal and then switched it off: the title says the debits came after (not “未经同意”),
    within the site's 30 characters; the settings screenshot is held as the renewal's page switched off, never as a
    screenshot of the membership's use."""
    prepared = prepare(
        case_copy(tmp_path, REFUSALS / "renewal-refused-for-late-cancel.yaml"), Options(out=tmp_path / "out")
    )
    paste, post = _post_of(prepared)
    assert post["投诉标题"] == "快充卡盟涉嫌在本人关闭自动续费后仍扣款，要求退款"
    assert "未经同意" not in paste and len(post["投诉标题"]) <= 30
    held = paste.split("本人持有的证据：", 1)[1].split("。", 1)[0].split("、")
    assert held == ["付款记录截图", "自动续费关闭页面截图", "商品页面截图", "聊天记录截图"]


def test_a_renewal_never_cancelled_or_ticked_in_advance_keeps_the_unconsented_title(tmp_path):
    """No cancellation before the debits, or the box ticked in advance: the renewal itself is what is disputed."""
    for n, (old, new) in enumerate(
        (
            ("    cancel_requested_at: 2026-09-30\n", ""),
            (
                "    cancel_requested_at: 2026-09-30\n",
                "    cancel_requested_at: 2026-09-30\n    default_checked: true\n",
            ),
        )
    ):
        path = case_copy(tmp_path / str(n), REFUSALS / "renewal-refused-for-late-cancel.yaml")
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), "utf-8")
        _, post = _post_of(prepare(path, Options(out=tmp_path / str(n) / "out")))
        assert post["投诉标题"] == "快充卡盟涉嫌未经同意自动续费扣款，要求退款", new


def test_a_recording_made_without_telling_the_other_side_is_not_announced_in_public(tmp_path):
    """The call was recorded without telling the seller (recording_disclosed: false): the public post does not list
    it among the evidence held; a screenshot of the membership page is a screenshot of its use. The platform sold
    itself: the payment channel's paste text says the platform advertised, as the post does — in the user's words, since
    no exhibit shows the page's."""
    prepared = prepare(case_copy(tmp_path, HERE / "self-operated-undisclosed-call.yaml"), Options(out=tmp_path / "out"))
    paste, _ = _post_of(prepared)
    assert "本人持有的证据：付款记录截图、会员使用情况截图。" in paste and "录音" not in paste
    # no exhibit shows the page's words: the user's report of them is the gist, never the page's quotation
    assert "该平台宣传大意：芒果TV会员12个月 官方直充。" in paste and "宣称" not in paste
    said = prepared.files["02_支付争议申请.txt"].decode("utf-8")
    assert "平台的宣传（据我所记）：“芒果TV会员12个月 官方直充”。" in said and "卖家" not in said

    disclosed = case_copy(tmp_path / "d", HERE / "self-operated-undisclosed-call.yaml")
    disclosed.write_text(
        disclosed.read_text(encoding="utf-8").replace("recording_disclosed: false", "recording_disclosed: true"),
        "utf-8",
    )
    paste, _ = _post_of(prepare(disclosed, Options(out=tmp_path / "d" / "out")))
    assert "本人持有的证据：付款记录截图、会员使用情况截图、通话录音。" in paste


def test_a_further_demand_alleges_nothing_in_public_either(tmp_path):
    """claims.extra posted as a demand keeps its requests and loses its accusing clause (“…别再坑别人”), which the
    summary names; the letters quote it whole."""
    path = case_copy(tmp_path, HERE / "paid-never-delivered.yaml")
    source = path.read_text(encoding="utf-8")
    extra = "要求把这个商品下架别再坑别人，还要给我一个书面的说法"
    source = source.replace("claims: {refund: full}", f"claims: {{refund: full, extra: {extra}}}", 1)
    path.write_text(source, encoding="utf-8")
    prepared = prepare(path, Options(out=tmp_path / "out"))
    demands = boxes(prepared.files["04_黑猫投诉.txt"].decode("utf-8"))["诉求（投诉要求）"]
    assert "坑别人" not in demands and demands.endswith("还要给我一个书面的说法")
    assert "“要求把这个商品下架别再坑别人”" in prepared.files["00_案件概要.txt"].decode("utf-8")
    assert extra in docx_text(prepared.files["01_平台退款申请书.docx"])
