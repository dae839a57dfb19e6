"""A person selling online: named by their accounts, never in public; a chat group is where it happened."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.pipeline import Options, prepare
from generator.rendering.reading import docx_text
from tests.conftest import CASES, CITATION, case_copy, posting_for_individuals

HERE = Path(__file__).parent / "individual_cases"
UNSEEN_LIKE = [
    HERE / "group-hearsay-reported.yaml",
    HERE / "nickname-in-brackets.yaml",
    CASES / "bilibili-wechat-group-seller.yaml",
    CITATION / "group-shared-account.yaml",
]


def run(tmp_path, case: Path):
    return prepare(case_copy(tmp_path, case), Options(out=tmp_path / "out"))


def run_posting(tmp_path, case: Path):
    """The case run with data that drafts a 黑猫投诉 for an individual seller too (the package's data does not)."""
    data = posting_for_individuals(tmp_path)
    return prepare(case_copy(tmp_path, case), Options(out=tmp_path / "out", data=data))


def text(prepared, stem: str) -> str:
    return prepared.files[f"{stem}.txt"].decode("utf-8")


def boxes(paste: str) -> dict[str, str]:
    """The paste text's boxes by label: 【投诉标题】（…） → its text."""
    parts = re.split(r"^【([^】]+)】[^\n]*\n", paste, flags=re.M)
    return {parts[i]: parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}


def _private_of_seller(case) -> list[str]:
    """What a reader must not find in public: the nickname (with and without its note), the payee, the accounts."""
    from generator.filings.individual import bare_name

    platform, pay = case.platform, case.payment
    values = [platform.name, bare_name(platform.name)]
    if pay.payee_kind == "personal" and pay.payee:
        values += [pay.payee, bare_name(pay.payee)]
    values += re.findall(r"[0-9A-Za-z][0-9A-Za-z_-]{3,}", platform.customer_service or "")
    return values


@pytest.mark.parametrize("case", UNSEEN_LIKE, ids=lambda p: p.stem)
def test_the_public_post_never_shows_the_sellers_name_payee_or_account(case, tmp_path):
    prepared = run_posting(tmp_path, case)
    data = prepared.analysis.case
    post = text(prepared, "04_黑猫投诉") + docx_text(prepared.files["04_黑猫投诉.docx"])
    for value in _private_of_seller(data):
        assert value not in post, value
    form = boxes(text(prepared, "04_黑猫投诉"))
    assert form["投诉对象"].endswith("个人卖家")
    assert form["投诉标题"].startswith(form["投诉对象"])  # whom it is about, still without a name


@pytest.mark.parametrize("case", UNSEEN_LIKE, ids=lambda p: p.stem)
def test_the_public_post_says_where_and_from_whom_in_plain_words(case, tmp_path):
    """C15: never 在“个人卖家”购买; the venue the case gives, then 向个人卖家."""
    prepared = run_posting(tmp_path, case)
    body = boxes(text(prepared, "04_黑猫投诉"))["问题说明"]
    assert "“个人卖家”" not in body
    assert re.search(r"在(微信群中|闲鱼上)向个人卖家购买“", body), body


def test_a_long_name_in_a_title_is_cut_outside_its_brackets():
    from generator.filings.documents import _clip

    name = "超级会员（腾讯爱奇艺优酷芒果）卡券充值中心官方旗舰店"
    for room in range(3, len(name)):
        cut = _clip(name, room)
        assert len(cut) <= room and cut.endswith("…")
        assert cut.count("（") == cut.count("）"), cut


def test_a_platform_title_keeps_within_the_limit_and_its_brackets_closed(tmp_path):
    from tests.conftest import sample_data, write_case

    data = sample_data("txvip-rights-mismatch.yaml")
    data["platform"]["name"] = "全网最低价视频会员卡券充值中心官方旗舰（腾讯爱奇艺优酷芒果哔哩哔哩）"
    prepared = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    title = boxes(text(prepared, "04_黑猫投诉"))["投诉标题"]
    assert len(title) <= 30 and title.count("（") == title.count("）"), title
    assert title.startswith("全网最低价视频会员卡券充值中心官方旗舰涉嫌"), title


def test_a_chat_group_is_where_it_happened_and_the_person_is_named_by_their_accounts(tmp_path):
    """A6: the police report's 对方 is the person (WeChat ID, the payee's real name), the group is the place."""
    prepared = run(tmp_path, HERE / "group-hearsay-reported.yaml")
    report = text(prepared, "09_报警材料")
    assert ("对方：卖家（微信号 tx-pool-2026，收款人“周某华”）\n交易发生在：微信群“腾讯视频会员拼车群”\n") in report
    assert "对方：腾讯视频会员拼车群" not in report and "向卖家“腾讯视频会员拼车群”" not in report
    assert "在微信群“腾讯视频会员拼车群”中向卖家（微信号 tx-pool-2026）购买“腾讯视频VIP年卡”" in report
    dispute = docx_text(prepared.files["02_支付争议申请.docx"])
    assert "申请人为向微信群“腾讯视频会员拼车群”中的卖家（微信号 tx-pool-2026）购买" in dispute


@pytest.mark.parametrize("case", UNSEEN_LIKE + [CASES / "txvip-rights-mismatch.yaml"], ids=lambda p: p.stem)
def test_what_was_advertised_is_the_users_statement_never_the_sellers_quote(case, tmp_path):
    """A5: `advertised` may report what someone said (群主说是…): every filing attributes it to the user. The
    seller's advertising is stated as a fact only in the words a page's description quotes, citing that page."""
    prepared = run(tmp_path, case)
    advertised = prepared.analysis.case.order.advertised
    pages = " ".join(e.description for e in prepared.analysis.case.evidence if e.category == "advertisement")
    for name, content in prepared.files.items():
        if name.endswith(".txt") and not name.startswith(("04_", "00_")):
            words = content.decode("utf-8")
            assert "宣传为：" not in words, name
            for shown in re.findall(r"宣传为((?:“[^”]+”)+)（见证据\d+）", words):
                assert all(q in pages for q in re.findall(r"“([^”]+)”", shown)), (name, shown)
            assert not re.search(r"宣传为“[^”]+”(?!（见证据)", words), name
            if advertised in words:
                # the seller's claim as the user reports it, or the user's report of what was said, never the
                # buyer's own 陈述
                told = r"(申请人|报案人|投诉人|举报人|原告|本人)"
                said = (
                    rf"((据{told}所述，)?(卖家|贵方|贵平台|商品页面|该页面|该平台|平台)宣称"
                    rf"|(卖家|平台)的宣传（据({told}所述|我所记)）|{told}称|宣传情况)：“"
                )
                assert re.search(said + re.escape(advertised), words), name


def test_the_seller_quoted_inside_the_advertising_keeps_the_words_but_not_the_account(tmp_path):
    """A2: the name net leaves 特惠 in the quoted advertising; the seller's WeChat ID in it is still masked."""
    prepared = run_posting(tmp_path, HERE / "nickname-in-brackets.yaml")
    body = boxes(text(prepared, "04_黑猫投诉"))["问题说明"]
    assert "芒果TV年卡特惠68元，独享不掉线，加微信（已隐去）下单" in body
    assert "xm-vip-77" not in body


def test_a_police_report_already_made_gets_a_supplementary_report_asking_how_it_stands(tmp_path):
    """A8: it names each earlier report (day, how, as recorded), asks about its progress, and restates the facts."""
    prepared = run(tmp_path, HERE / "group-hearsay-reported.yaml")
    report = text(prepared, "09_报警材料")
    assert report.startswith("【补充报案材料】\n")
    facts = report.split("一、经过\n", 1)[1].split("\n二、损失", 1)[0].splitlines()
    assert facts[0] == (
        "报案人已就本事件向公安机关报案：2026年11月5日（拨打110），"
        "报案人记录：“民警让我去派出所做笔录”；2026年11月8日（派出所做笔录），报案人记录：“做了笔录，民警说会核查收款人”，"
        "公安机关已受理。现补充报案材料如下，并请告知该报案的办理进展。"
    )
    assert "与公安机关沟通" not in report  # the reports are told once, at the start
    assert any("在微信群“腾讯视频会员拼车群”中向卖家" in f for f in facts[1:])
    entry = next(f for f in prepared.manifest["filings"] if f["kind"] == "police_report")
    assert entry["title"] == "补充报案材料"
    request = report.split("三、请求\n", 1)[1].splitlines()[0]
    assert request == "请求将本材料并入报案人此前的报案一并调查处理，并告知办理进展。"


def test_without_an_earlier_report_the_police_material_is_a_first_report(tmp_path):
    prepared = run(tmp_path, CITATION / "group-shared-account.yaml")
    report = text(prepared, "09_报警材料")
    assert report.startswith("【报警材料】\n") and "已就本事件向公安机关报案" not in report
    # what the report asks of the police, after the loss and before the evidence, in the Word version too
    assert "二、损失\n" in report and report.split("三、请求\n", 1)[1].startswith(
        "请求公安机关依法受理并调查处理，查明对方身份，追回报案人所付款项。\n"
    )
    assert "四、证据\n" in report
    words = docx_text(prepared.files["09_报警材料.docx"])
    assert words.index("二、损失") < words.index("三、请求") < words.index("请求公安机关依法受理并调查处理")


def test_the_summary_names_the_group_as_where_the_seller_sold(tmp_path):
    summary = text(run(tmp_path, HERE / "group-hearsay-reported.yaml"), "00_案件概要")
    assert "被投诉卖家：微信群“腾讯视频会员拼车群”中的卖家（实名：周某华）\n" in summary
    assert "卖家联系方式：微信号 tx-pool-2026\n" in summary


def test_no_filing_calls_a_chat_group_a_business_someone_runs(tmp_path):
    """The 12315 complaint, mediation request and report of an identified chat-group seller: bought in the group
    from the respondent, never 在被投诉人经营的“…群”."""
    route = Path(__file__).parent / "route_cases" / "identified-group-seller.yaml"
    prepared = prepare(route, Options(out=tmp_path / "out"))
    complaint = text(prepared, "03_12315投诉书") + docx_text(prepared.files["03_12315投诉书.docx"])
    assert "投诉人就在微信群“爱奇艺会员低价群”中向被投诉人购买的“" in complaint
    for name, content in prepared.files.items():
        if name.endswith(".txt"):
            assert "经营的“爱奇艺会员低价群”" not in content.decode("utf-8"), name


def test_the_plan_says_to_take_the_supplementary_report_to_the_police_already_dealing_with_it(tmp_path):
    summary = text(run(tmp_path, HERE / "group-hearsay-reported.yaml"), "00_案件概要")
    assert "向此前报案的公安机关提交《09_报警材料》（补充报案材料），询问办理进展" in summary
    assert "等待公安机关的处理结果" not in summary
    guidance = summary.split("《补充报案材料》\n", 1)
    assert len(guidance) == 1 or not guidance[1].startswith("- 可拨打110")  # not told to report anew


# --- a nickname is a nickname; a real name only where the case gives one ---------------------


def test_a_seller_is_named_by_the_handle_and_the_users_note_stays_the_users(tmp_path):
    """“影视VIP小栈（QQ群里认识的卖家，头像是一只猫）”: every filing calls the seller by the handle; the summary gives
    the note as the user's and, the payee being that handle, calls nothing the payee's real name."""
    prepared = run_posting(tmp_path, HERE / "handle-with-note.yaml")
    note = "QQ群里认识的卖家，头像是一只猫"
    for name, data in prepared.files.items():
        body = docx_text(data) if name.endswith(".docx") else data.decode("utf-8") if name.endswith(".txt") else ""
        assert f"影视VIP小栈（{note}）" not in body, name
    assert "在QQ群中向卖家“影视VIP小栈”购买" in docx_text(prepared.files["01_平台退款申请书.docx"])
    summary = text(prepared, "00_案件概要")
    assert f"被投诉卖家：昵称“影视VIP小栈”（投诉人注明：{note}）（真实姓名未查明）\n" in summary
    assert "收款人实名“" not in summary and "（实名：" not in summary
    post = text(prepared, "04_黑猫投诉") + docx_text(prepared.files["04_黑猫投诉.docx"])
    assert "影视VIP小栈" not in post and "88886666" not in post


def test_a_real_name_the_user_states_is_the_one_called_so(tmp_path):
    """The payee shows “追剧君（个人）”, a nickname; the user wrote “收款码显示实名是陈建国”: that is the real name the
    summary and the plan give, and the public post still shows neither."""
    prepared = run_posting(tmp_path, HERE / "real-name-stated.yaml")
    summary = text(prepared, "00_案件概要")
    assert "被投诉卖家：昵称“追剧君”（实名：陈建国）\n" in summary
    assert "案件写明的收款人实名“陈建国”可作为被投诉人的姓名" in summary
    assert "收款人实名“追剧君" not in summary
    post = text(prepared, "04_黑猫投诉") + docx_text(prepared.files["04_黑猫投诉.docx"])
    assert "陈建国" not in post and "追剧君" not in post


def test_a_partly_hidden_real_name_is_reported_as_such_and_never_filed_against(tmp_path):
    """`收款人实名显示：“*晓梅”`: the name is *晓梅 (not the word 显示), shown only in part — the summary says so and
    does not offer it as the respondent's name; the public post shows neither it nor the nickname."""
    prepared = run_posting(tmp_path, HERE / "real-name-partly-hidden.yaml")
    summary = text(prepared, "00_案件概要")
    assert "（收款人实名（付款页面部分隐藏）：*晓梅；全名须经报警或向支付机构调取后查明）\n" in summary
    assert "“*晓梅”是付款页面部分隐藏后的显示，不能作为被投诉人的姓名" in summary
    assert "实名：显示" not in summary and "实名“显示”" not in summary and "可作为被投诉人的姓名" not in summary
    assert "03_12315投诉书.docx" not in prepared.files  # no respondent's name to file against yet
    post = text(prepared, "04_黑猫投诉") + docx_text(prepared.files["04_黑猫投诉.docx"])
    assert "晓梅" not in post and "梅子会员" not in post


@pytest.mark.parametrize(
    ("said", "name"),
    [
        ("小七会员（群主，收款人实名显示“*小琴”）", "*小琴"),
        ("收款人实名为“王小红”", "王小红"),
        ("付款页面实名显示为：陈*明", "陈*明"),
        ("收款人实名是陈建国", "陈建国"),
    ],
)
def test_the_name_introduced_skips_the_words_before_it(said, name):
    from generator.filings.individual import introduced_names

    assert introduced_names(said) == [name]


# --- no order page: the refund request is sent to the seller in the chat ---------------------------------


@pytest.mark.parametrize("stem", ["qq-group-seller-reachable", "nickname-in-brackets"])
def test_a_seller_without_an_order_page_gets_chat_messages_not_a_refund_box(tmp_path, stem):
    prepared = run(tmp_path, HERE / f"{stem}.yaml")
    paste = text(prepared, "01_平台退款申请书")
    labels = list(boxes(paste))[1:]  # after the file's own heading
    assert labels == ["发给卖家的第1条消息（在与卖家的聊天中发送）", "发给卖家的第2条消息（在与卖家的聊天中发送）"]
    for absent in ("申请退款”页", "退款原因", "客服对话", "无订单号"):
        assert absent not in paste, absent
    pay = prepared.analysis.case.payment
    assert f"（交易单号{pay.transaction_id}）" in boxes(paste)[labels[0]]  # the transfer is what identifies it
    summary = text(prepared, "00_案件概要")
    submit = summary.split("《退款申请书》\n", 1)[1].split("\n《", 1)[0]
    assert "在与卖家的聊天中依次发送文字版的各条消息" in submit
    assert "我的订单 → 申请退款" not in summary
    kinds = [f["kind"] for f in prepared.manifest["filings"]]
    assert "platform_refund_request" in kinds  # the manifest lists the demand letter drafted


def test_a_reachable_seller_not_yet_asked_is_asked_in_the_chat_first(tmp_path):
    prepared = run(tmp_path, HERE / "qq-group-seller-reachable.yaml")
    summary = text(prepared, "00_案件概要")
    steps = summary.split("八、维权步骤\n", 1)[1].split("\n九、", 1)[0]
    assert "在与卖家的聊天中发送《01_平台退款申请书》的文字，要求退款" in steps
    assert "向平台提交" not in steps


def test_a_transfer_with_no_order_number_has_no_order_page_even_on_a_card_site(tmp_path):
    """A 卡盟 paid by a personal collection code with no order number: no refund box to fill either."""
    data = yaml.safe_load((CASES / "txvip-rights-mismatch.yaml").read_text(encoding="utf-8"))
    data["order"]["id"] = "无订单号"
    data["payment"] = {
        "channel": "wechat",
        "payee_kind": "personal",
        "payee": "王某（个人）",
        "transaction_id": "1000050001202609010000009999",
    }
    data["contacts"] = []
    for entry in data["evidence"]:  # the contact dropped: its exhibit proves the problem only
        entry["about"] = [a for a in entry.get("about", []) if not isinstance(a, datetime.date)] or ["rights_mismatch"]
    case_copy(tmp_path, CASES / "txvip-rights-mismatch.yaml")  # its evidence folder beside the case
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    prepared = prepare(path, Options(out=tmp_path / "out"))
    assert list(boxes(text(prepared, "01_平台退款申请书")))[1].startswith("发给卖家的第1条消息")
    data["order"]["id"] = "TX2026090100001"  # with an order number, the order page's box is used
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    prepared = prepare(path, Options(out=tmp_path / "out2"))
    assert list(boxes(text(prepared, "01_平台退款申请书")))[1] == "退款原因（订单“申请退款”页）"


def test_a_letter_to_a_seller_known_by_the_group_is_addressed_to_the_seller_in_it(tmp_path):
    """platform.name is the QQ group (“会员福利QQ群”): a group is no party, so the refund request names the seller in
    it, with the accounts the case gives, and greets that seller — never the group as 被申请人."""
    words = docx_text(run(tmp_path, HERE / "qq-group-seller.yaml").files["01_平台退款申请书.docx"])
    lines = [line for line in words.splitlines() if line.strip()]
    assert "被申请人：QQ群“会员福利QQ群”中的卖家（QQ号 2847561930（群主“小七会员”））" in lines
    assert "QQ群“会员福利QQ群”中的卖家：" in lines
    assert "被申请人：会员福利QQ群" not in lines and "会员福利QQ群：" not in lines


# --- a person paid by transfer who delivered nothing and blocked the buyer -------------------------


def test_no_public_post_is_drafted_on_a_person_and_the_summary_says_why(tmp_path):
    """黑猫 is a way to make a business answer; a nameless person selling in a chat is none, and accusing them in
    public is the user's risk: no 04, and the summary and manifest say so."""
    prepared = run(tmp_path, HERE / "transfer-then-blocked.yaml")
    assert not [name for name in prepared.files if name.startswith("04_")]
    assert "blackcat_post" not in [f["kind"] for f in prepared.manifest["filings"]]
    summary = text(prepared, "00_案件概要")
    why = "未生成《黑猫投诉》：公开投诉是促使平台或商家回应的途径，个人卖家不是能在黑猫上回应的商家"
    assert why in summary and any(w.startswith(why) for w in prepared.manifest["warnings"])
    assert "《黑猫投诉》\n" not in summary  # no submission guidance for a post not drafted
    steps = summary.split("八、维权步骤\n", 1)[1].split("\n九、", 1)[0]
    assert "黑猫" not in steps


def test_a_single_private_sale_is_argued_on_the_contract_not_as_an_e_commerce_business(tmp_path):
    """One transfer after a private chat, no group notice, price list or repeated sale: nothing shows the person
    sells as a business (电子商务法第九条第一款 “从事……经营活动”), so neither that article nor the business's duty of
    true advertising is argued; the payment dispute rests on termination and restitution."""
    prepared = run(tmp_path, HERE / "transfer-then-blocked.yaml")
    dispute = docx_text(prepared.files["02_支付争议申请.docx"])
    reasons = dispute.split("（二）理由与依据", 1)[1].split("附件", 1)[0]
    assert "电子商务" not in reasons and "虽为自然人" not in reasons and "第二十条" not in reasons
    # blocked after the transfer: refusal by conduct (第二项), not a breach defeating the purpose (第四项)
    assert "第五百六十三条第一款第二项" in reasons and "第五百六十六条第一款" in reasons
    annex = text(prepared, "05_法律依据")
    assert "电子商务法" not in annex
    assert "电子商务法" not in text(prepared, "00_案件概要")


def test_a_seller_showing_a_business_is_argued_as_one(tmp_path):
    """The group notice (群公告) of the same kind of seller: 电子商务法第九条第一款 comes first."""
    prepared = run(tmp_path, HERE / "group-seller-promised-swap.yaml")
    reasons = docx_text(prepared.files["02_支付争议申请.docx"]).split("（二）理由与依据", 1)[1]
    assert reasons.strip().startswith(
        "电子商务经营者，“是指通过互联网等信息网络从事销售商品或者提供服务的经营活动的自然人"
    )


@pytest.mark.parametrize(
    ("said", "business"),
    [
        ({"platform": {"name": "腾讯视频会员拼车群"}}, True),  # the group that sells is the seller's name
        ({"order": {"advertised": "群公告：爱奇艺年卡45元"}}, True),
        ({"evidence": [{"description": "他在朋友圈发的价目表"}]}, True),
        ({"problems": [{"description": "群里好多人也都买了，都没到账"}]}, True),
        ({"platform": {"customer_service": "闲鱼同名店铺“小美会员铺”"}}, True),
        ({}, False),  # one private transfer
    ],
)
def test_what_shows_a_person_sells_as_a_business(tmp_path, said, business):
    data = yaml.safe_load((HERE / "transfer-then-blocked.yaml").read_text(encoding="utf-8"))
    for key, value in said.items():
        if isinstance(value, list):
            data[key][0].update(value[0])
        else:
            data[key].update(value)
    path = case_copy(tmp_path, HERE / "transfer-then-blocked.yaml")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    prepared = prepare(path, Options(out=tmp_path / "out"))
    assert ("sells_as_business" in prepared.analysis.facts) is business
    reasons = docx_text(prepared.files["02_支付争议申请.docx"]).split("（二）理由与依据", 1)[1]
    assert ("《中华人民共和国电子商务法》第九条第一款" in reasons) is business


def test_nothing_delivered_is_said_as_such_not_as_a_membership_found_wanting(tmp_path):
    """“一直没充”: the day given is the day it still had not come, in every filing that tells the facts."""
    prepared = run(tmp_path, HERE / "transfer-then-blocked.yaml")
    for stem in ("00_案件概要", "09_报警材料"):
        body = text(prepared, stem)
        assert "不能按宣传使用" not in body, stem
        assert "至2026年10月26日，" in body and "仍未获得所购会员" in body, stem
    assert "申请人仍未获得所购会员" in docx_text(prepared.files["02_支付争议申请.docx"])
    assert "发现权益受损之日（2026年10月26日）起算" in text(prepared, "00_案件概要")
    assert not [w for w in prepared.manifest["warnings"] if "核实到账的会员类型" in w]  # nothing came to check


def test_a_way_written_as_a_verb_phrase_is_the_users_and_the_channel_is_named_to_itself(tmp_path):
    """“打95017微信客服”: never 通过打…与支付渠道沟通; the statement to WeChat Pay names WeChat Pay."""
    prepared = run(tmp_path, HERE / "transfer-then-blocked.yaml")
    dispute = docx_text(prepared.files["02_支付争议申请.docx"])
    assert "2026年10月27日，申请人联系微信支付（打95017微信客服），申请人记录：“客服说转账对方已经收了" in dispute
    report = text(prepared, "09_报警材料")
    assert "报案人联系支付渠道（打95017微信客服），报案人记录：" in report
    summary = text(prepared, "00_案件概要")
    assert "2026年10月27日　联系支付渠道（打95017微信客服）：" in summary
    for name, body in prepared.files.items():
        if name.endswith(".txt"):
            assert "通过打" not in body.decode("utf-8"), name
    assert "通过微信私聊与卖家沟通" in dispute  # a way named by a noun reads as before


def test_the_threefold_from_a_person_not_shown_selling_as_a_business_is_weighed_in_the_summary(tmp_path):
    prepared = run(tmp_path, HERE / "transfer-then-blocked.yaml")
    summary = text(prepared, "00_案件概要")
    strategy = summary.split("诉求策略", 1)[1].split("\n五、", 1)[0]
    assert (
        "增加赔偿人民币500.00元（大写：伍佰元整）以卖家是经营者为前提（《消费者权益保护法》第五十五条第一款）"
        in strategy
    )
    assert "文书因此只以合同论证退款" in strategy
    data = yaml.safe_load((HERE / "transfer-then-blocked.yaml").read_text(encoding="utf-8"))
    data["order"]["advertised"] = "群公告：" + data["order"]["advertised"]  # the seller's notice to the whole group
    path = tmp_path / "transfer-then-blocked.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    business = prepare(path, Options(out=tmp_path / "out2"))
    assert "以卖家是经营者为前提" not in text(business, "00_案件概要")


def test_a_seller_named_with_quotes_is_quoted_once_and_a_transfer_number_is_not_an_order_number(tmp_path):
    """`name: 闲鱼卖家“小鹿会员小铺”`: the user's description around the nickname is where and who — 在闲鱼上向卖家
    “小鹿会员小铺”, never “闲鱼卖家“小鹿会员小铺”” with its quotes broken; an order id that is the transfer's own
    number is told once, as the transaction's, not again as an order number."""
    data = yaml.safe_load((HERE / "nickname-in-brackets.yaml").read_text(encoding="utf-8"))
    data["platform"]["name"] = "闲鱼卖家“小鹿会员小铺”"
    data["order"]["id"] = data["payment"]["transaction_id"]
    case = tmp_path / "case.yaml"
    case.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    shutil.copytree(HERE / "evidence", tmp_path / "evidence")
    statement = docx_text(prepare(case, Options(out=tmp_path / "out")).files["02_支付争议申请.docx"])
    assert "在闲鱼上向卖家“小鹿会员小铺”购买" in statement and "闲鱼卖家“" not in statement
    assert f"订单号：{data['order']['id']}" not in statement and "（无订单号）" in statement
    assert statement.count(data["payment"]["transaction_id"]) == 1  # the list of transactions; the facts refer to it


def test_the_statement_for_a_personal_payee_names_each_debit_disputed_not_the_first_payment(tmp_path):
    """Two renewal debits after “已经停了”: the app is asked to trace those two numbers and their total; the first
    month, which the user keeps, is the context, not what is recovered."""
    paste = text(run(tmp_path, HERE / "qq-renewal-said-stopped.yaml"), "02_支付争议申请")
    assert (
        "协助追回2026年10月15日自动续费扣款15.00元（交易单号4200002518202610150983726388）、"
        "2026年11月15日自动续费扣款15.00元（交易单号4200002518202611150983726472），共30.00元，并依法处理。"
    ) in paste
    assert "协助追回款项" not in paste


def test_a_seller_who_answered_already_stopped_has_confirmed_the_cancellation(tmp_path):
    """“他回‘已经停了’” is the seller's confirmation: the debits after it are argued as made after it (as the user
    recorded it: no exhibit shows that chat here), not only after a request."""
    letter = docx_text(run(tmp_path, HERE / "qq-renewal-said-stopped.yaml").files["01_平台退款申请书.docx"])
    assert "据申请人记录，当即得到已经取消的答复，贵方却仍于2026年10月15日、11月15日扣款" in letter
    assert "卖家当即答复" not in letter  # the letter is to that seller


def test_a_letter_to_a_person_known_by_a_chat_account_carries_no_home_address(tmp_path):
    """The refund request goes to someone known only in a QQ group: it names the buyer and a phone to answer on,
    not where the buyer lives; the filings to the payment app keep the address."""
    prepared = run(tmp_path, HERE / "qq-renewal-said-stopped.yaml")
    letter = docx_text(prepared.files["01_平台退款申请书.docx"])
    assert "申请人：王志强　联系电话：15982036417" in letter
    assert "科华北路" not in letter and "通讯地址" not in letter
    assert "科华北路65号" in docx_text(prepared.files["02_支付争议申请.docx"])


def test_a_seller_named_with_its_group_in_a_note_is_reported_by_both(tmp_path):
    """`群里卖会员的“开心果”（微信群“幸福里社区团购群”）`: the police are told the group the sale was in and the
    seller's nickname (the user's description around it is no nickname) — the group is not lost in the note."""
    prepared = run(tmp_path, HERE / "group-named-in-note.yaml")
    report = docx_text(prepared.files["09_报警材料.docx"])
    assert "交易发生在：微信群“幸福里社区团购群”" in report
    assert "对方：卖家（微信昵称“开心果”，微信号 kxg-8866" in report  # the nickname once, from its accounts
    assert "群里卖会员的" not in report.split("一、")[0]


def test_a_seller_described_by_its_group_is_named_by_group_and_nickname(tmp_path):
    """`影视会员低价群（QQ群）里的卖家“阿杰”`: in QQ group “影视会员低价群”, the seller “阿杰” — not 卖家 twice."""
    letter = docx_text(run(tmp_path, HERE / "qq-renewal-said-stopped.yaml").files["01_平台退款申请书.docx"])
    assert "被申请人：QQ群“影视会员低价群”中的卖家“阿杰”（QQ 2845519037）" in letter
    assert "在QQ群“影视会员低价群”中向卖家" in letter and "里的卖家" not in letter


def test_a_seller_the_user_describes_is_named_by_the_nickname_their_note_gives(tmp_path):
    """platform.name “QQ上卖会员的卖家（QQ昵称“豪哥影视会员”）”: the description is the user's, the nickname the
    seller's — the letter is addressed to 豪哥影视会员, and the summary does not repeat the note beside it."""
    data = yaml.safe_load((HERE / "nickname-in-brackets.yaml").read_text(encoding="utf-8"))
    data["platform"]["name"] = "QQ上卖会员的卖家（QQ昵称“豪哥影视会员”）"
    case = tmp_path / "case.yaml"
    case.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    shutil.copytree(HERE / "evidence", tmp_path / "evidence")
    prepared = prepare(case, Options(out=tmp_path / "out"))
    letter = docx_text(prepared.files["01_平台退款申请书.docx"])
    assert "被申请人：豪哥影视会员" in letter and "\n豪哥影视会员：\n" in letter
    assert "QQ上卖会员的卖家" not in letter
    summary = text(prepared, "00_案件概要")
    assert "昵称“豪哥影视会员”" in summary and "注明：QQ昵称" not in summary
