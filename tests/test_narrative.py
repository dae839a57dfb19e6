"""The words of the filings: only the facts the case file holds, the user's words as theirs, the strongest ground."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from generator.law.provisions import rules
from generator.pipeline import Options, prepare
from generator.rendering.reading import docx_text
from tests.conftest import RECORD, case_copy, sample_data, write_case

LETTERS = ("01_平台退款申请书", "02_支付争议申请", "03_12315投诉书", "04_黑猫投诉")


def rendered(tmp_path, data) -> dict:
    """Each filing's Word text and text file, by stem."""
    prepared = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    return {
        stem: docx_text(prepared.files[f"{stem}.docx"]) + prepared.files[f"{stem}.txt"].decode("utf-8")
        for stem in LETTERS + ("00_案件概要",)
        if f"{stem}.docx" in prepared.files
    }


def identified_group_seller() -> dict:
    """The group seller of the sample, still answering and identified: real name on the transfer, an address."""
    data = sample_data("bilibili-wechat-group-seller.yaml")
    data["payment"]["payee"] = "张某某"
    data["platform"]["address"] = "江苏省南京市秦淮区某某路1号"
    data["problems"][1]["description"] = "我要求补号或退款，卖家一直拖着不处理"
    data["contacts"][0].update(summary="告知账号被挤下线，要求补号或退款，卖家说不退", result="refused")
    return data


def reasons_of(text: str) -> str:
    """The argued part of a letter: from 事实与理由 to the statute texts."""
    return text.split("事实与理由", 1)[1].split("法律依据", 1)[0]


# --- 1. facts only as given ---------------------------------------------------------


def test_no_months_used_states_no_failure_from_day_one(tmp_path):
    """`used_months: 0` is arithmetic (a full refund), never “自始未能正常使用”."""
    data = sample_data("txvip-rights-mismatch.yaml")
    data["order"]["used_months"] = 0
    for stem, text in rendered(tmp_path, data).items():
        if stem != "00_案件概要":
            assert "正常使用" not in text and "自始" not in text, stem
    letter = rendered(tmp_path, data)["01_平台退款申请书"]
    # “全额退还” says the arithmetic: no “计算方式：实付158.00元，全额退还158.00元” after it
    assert "全额退还订单价款人民币158.00元（大写：壹佰伍拾捌元整）。" in letter
    assert "全额退还158.00元" not in letter


def test_a_trial_card_delivered_is_never_said_to_have_been_used_normally(tmp_path):
    """The sample: a trial card arrived for a year card; 3 months only drive the proration."""
    docs = rendered(tmp_path, sample_data("txvip-rights-mismatch.yaml"))
    for stem in LETTERS:
        assert "正常使用" not in docs[stem] and "已使用3个月" not in docs[stem], stem
    letter = docs["01_平台退款申请书"]
    assert "会员期限12个月，按未使用的9个月折算，退还118.50元" in letter
    assert "申请人陈述：“兑换码只能兑换3个月体验会员，且不支持4K与多设备登录，第4个月起会员失效。”" in letter
    assert "申请人于2026年9月1日发现所购会员不能按宣传使用" in letter  # order.failed_at, as given


# --- 5. words a lawyer would write ----------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "txvip-rights-mismatch.yaml",
        "iqiyi-fraud.yaml",
        "mango-auto-renewal.yaml",
        "youku-marketplace-promise.yaml",
        "bilibili-wechat-group-seller.yaml",
    ],
)
def test_no_label_asserted_no_instruction_no_internal_words(tmp_path, name):
    docs = rendered(tmp_path, sample_data(name))
    for stem in LETTERS[:3]:
        if stem not in docs:  # not drafted for a seller who removed the buyer (test_documents)
            continue
        text = docs[stem]
        assert not re.search(r"存在[^。]{0,40}的问题", text), stem
        for words in ("部分处理", "请尽快提交", "未经证实", "沿用原始说明的用词", "至今未兑现"):
            assert words not in text, (stem, words)


def test_first_person_text_is_quoted_as_the_users_statement(tmp_path):
    docs = rendered(tmp_path, identified_group_seller())
    complaint = docs["03_12315投诉书"]
    assert (
        "投诉人陈述：“卖家说是独享账号，我登录两天后就被挤下线，提示‘已在其他设备登录’，说明是多人共用的账号。”"
        in complaint
    )
    assert "投诉人陈述：“我要求补号或退款" in complaint
    assert "“‘" not in complaint.replace("“‘已", "")  # no quote opened twice
    assert "向卖家“A追剧小铺”购买" in complaint  # the handle; the user's bracketed note is no part of it
    assert "微信群追剧会员福利群里的卖家" not in complaint
    assert "通过微信支付扫描个人收款码实付" in complaint and "收款人为“张某某”" in complaint


def test_an_offer_is_reported_as_the_user_recorded_it(tmp_path):
    data = sample_data("txvip-rights-mismatch.yaml")
    data["contacts"].append(
        {
            "date": "2026-09-05",
            "with": "platform",
            "method": "电话",
            "summary": "客服提出补偿20元优惠券，申请人未接受",
            "result": "partial",
        }
    )
    docs = rendered(tmp_path, data)
    letter = docs["01_平台退款申请书"]
    assert "“客服提出补偿20元优惠券，申请人未接受”" in letter and "申请人未接受”，" not in letter  # no label after it
    assert "部分处理" not in docs["01_平台退款申请书"] and "部分处理" not in docs["00_案件概要"]


# --- 3. the strongest ground ------------------------------------------------------------


def test_promise_and_refusal_are_quoted_and_answered_for_a_marketplace_shop(tmp_path):
    letter = rendered(tmp_path, sample_data("youku-marketplace-promise.yaml"))["01_平台退款申请书"]
    reasons = reasons_of(letter)
    # the shop's promise answers its refusal in the refusal's own paragraph (the letter has named the shop)
    answered = next(p for p in reasons.split("\n") if "为由拒绝处理" in p)
    assert "该店铺对此还自行承诺“假一赔十”、“无效包退包换”（见证据4），拒绝处理即是不履行其承诺" in answered
    assert reasons.count("承诺“假一赔十”") == 1
    assert "消费者权益保护法实施条例》第十二条" in reasons
    assert (
        "《最高人民法院关于审理网络消费纠纷案件适用法律若干问题的规定（一）》第十条" in reasons
    )  # named once: in full
    assert "该店铺以“兑换码已发出即视为交易完成，无效是您自己操作的问题”为由拒绝处理" in reasons


def test_non_delivery_is_argued_on_termination_before_prepayment(tmp_path):
    reasons = reasons_of(rendered(tmp_path, sample_data("iqiyi-fraud.yaml"))["01_平台退款申请书"])
    assert "有其他违约行为致使不能实现合同目的" in reasons
    assert "第五百六十三条第一款第四项、第五百六十六条第一款" in reasons
    # a code bought once and refused is no service paid ahead: the prepayment rule does not fit it
    assert "预收款" not in reasons and "第五十三条" not in reasons


def test_an_individual_seller_is_reached_by_article_9(tmp_path):
    reasons = reasons_of(rendered(tmp_path, identified_group_seller())["03_12315投诉书"])
    assert "自然人、法人和非法人组织”（《中华人民共和国电子商务法》第九条第一款）" in reasons
    assert "被投诉人虽为自然人，但通过网络销售视频会员" in reasons


def test_each_point_is_argued_once(tmp_path):
    """No two arguments of one letter quote the same words of law."""
    for name in (
        "iqiyi-fraud.yaml",
        "youku-marketplace-promise.yaml",
        "bilibili-wechat-group-seller.yaml",
        "txvip-rights-mismatch.yaml",
    ):
        data = identified_group_seller() if "group-seller" in name else sample_data(name)
        reasons = reasons_of(rendered(tmp_path, data)["01_平台退款申请书"])
        quoted = re.findall(r"“([^”]{12,})”", reasons)
        order = data["order"]
        pages = [e["description"] for e in data["evidence"] if e.get("category") == "advertisement"]
        shown = {q for page in pages for q in re.findall(r"“([^”]+)”", page)}  # the page's words, as described
        own = {order["advertised"], *shown, *(p.get("delivered", "") for p in data["problems"])}
        quoted = [q for q in quoted if "‘" not in q and q not in own]  # the user's own words may be quoted again
        assert len(quoted) == len(set(quoted)), name


def test_which_rules_fire_is_data():
    """The new grounds are conditioned on case facts in rules.yaml, not decided in code."""
    by_id = {r.id: r for r in rules()}
    assert by_id["promise_marketplace_shop"].all == ("promise_claimed", "marketplace")
    assert by_id["individual_seller_operator"].all == ("individual_seller", "sells_as_business")
    assert "refusal_relies_on_notice" in by_id["refusal_answered"].all
    assert "refusal_claims_performance" in by_id["rights_breach_termination_refused"].all
    assert [r.id for r in rules()].index("undelivered_termination") < [r.id for r in rules()].index("prepayment_refund")


# --- 2. claims in every filing ------------------------------------------------------------


def test_promise_claimed_over_the_threefold_says_why_and_losses_apart(tmp_path):
    docs = rendered(tmp_path, sample_data("youku-marketplace-promise.yaml"))
    letter = docs["01_平台退款申请书"]
    assert "按承诺赔偿人民币599.00元（大写：伍佰玖拾玖元整）" in letter
    assert "以实付59.90元的十倍计算为599.00元。" in letter  # the request: its amount and arithmetic only
    assert "依法增加赔偿" not in letter and "不重复主张" not in letter  # one compensation; why is the summary's
    assert "高于法定增加赔偿500.00元（三倍，不足五百元的按五百元），二者不重复主张" in docs["00_案件概要"]
    assert (
        "赔偿损失人民币25.00元（大写：贰拾伍元整），原因：“兑换码无效，为观看当晚赛事另行购买的优酷单月会员。”（见证据2）"
        in letter
    )
    assert "以上合计人民币683.90元" in letter
    assert "全额退还订单价款人民币59.90元" in letter  # the refund stays the price, apart from the losses
    payment = docs["02_支付争议申请"]
    assert "599.00" not in payment and "25.00元（大写" not in payment  # a channel reverses what was paid


def test_failure_date_cites_only_what_shows_the_membership(tmp_path):
    """The sales page (even one the user ties to the problem) proves what was sold, not the day it failed."""
    from generator.pipeline import Options, prepare
    from generator.rendering.reading import docx_text
    from tests.conftest import marketplace_case

    no_anomaly = docx_text(
        prepare(marketplace_case(tmp_path / "a", "shop-collected.yaml"), Options(out=tmp_path / "a" / "out")).files[
            "03_12315投诉书.docx"
        ]
    )
    assert "投诉人于2026年10月22日发现所购会员不能按宣传使用。" in no_anomaly  # no exhibit shows it: none cited
    with_anomaly = docx_text(
        prepare(marketplace_case(tmp_path / "b", "shop-own-payee.yaml"), Options(out=tmp_path / "b" / "out")).files[
            "03_12315投诉书.docx"
        ]
    )
    # 证据1 is the rights-anomaly screenshot, 证据2 the sales page
    assert "证据1：会员页面显示只有1个月" in with_anomaly
    assert "投诉人于2026年10月12日发现所购会员不能按宣传使用（见证据1）。" in with_anomaly


def test_a_problem_type_without_its_own_paragraph_is_the_users_account_and_the_day_it_failed(tmp_path, monkeypatch):
    """A problem type added to the vocabulary needs no method of the writer: its paragraph is the user's account
    under its topic phrase, and the day of failure stated once (by the first such problem in the vocabulary)."""
    import dataclasses

    from generator import phrases
    from generator.case.load import load_case
    from generator.case.validate import validate_case
    from generator.filings.analyse import analyse
    from generator.filings.narrative import Writer

    analysis = analyse(validate_case(load_case(write_case(tmp_path, sample_data("iqiyi-fraud.yaml")))))
    fraud = analysis.case.problems[0]
    banned = dataclasses.replace(fraud, type="account_banned", description="充值后账号被封，无法登录")
    case = dataclasses.replace(analysis.case, problems=(fraud, banned))
    writer = Writer(dataclasses.replace(analysis, valid=dataclasses.replace(analysis.valid, case=case)))
    topics = {**phrases.phrases(), "problem_topics.account_banned": "关于账号被封"}
    monkeypatch.setattr(phrases, "phrases", lambda: topics)
    monkeypatch.setitem(phrases.FIELDS, "problem_topics.account_banned", frozenset())
    first, second = writer.problem_sentences("投诉人")
    assert second == "关于账号被封，投诉人陈述：“充值后账号被封，无法登录。”"
    assert first.count("投诉人于2026年9月5日发现所购会员不能按宣传使用") == 1  # the fraud comes first


# --- a contact's result reported as what happened ----------------------------------------------------


def test_a_result_never_denies_the_users_record_of_the_answer(tmp_path):
    """“民警让我去派出所做笔录” with result `submitted` is an answer, not “已提交，尚未收到答复”; the record is quoted
    as the user's in every filing and in the summary's timeline. A contact that tells no answer keeps its result."""
    from pathlib import Path

    from tests.conftest import case_copy

    case = Path(__file__).parent / "contact_cases" / "police-and-platform-answers.yaml"
    prepared = prepare(case_copy(tmp_path, case), Options(out=tmp_path / "out"))
    texts = {n: b.decode("utf-8") for n, b in prepared.files.items() if n.endswith(".txt")}
    texts |= {n: docx_text(b) for n, b in prepared.files.items() if n.endswith(".docx")}
    for name, body in texts.items():
        assert "民警让我去派出所做笔录”，已提交" not in body, name
        assert "之后再没消息”，对方未答复" not in body, name  # the user's account of it, not the code's
    summary = texts["00_案件概要.txt"]
    assert "2026年11月4日　联系公安机关（拨打110）：投诉人记录：“民警让我去派出所做笔录”" in summary
    assert "2026年11月2日　通过在线客服联系平台：投诉人记录：“客服说要转给主管，之后再没消息”" in summary
    # a record that tells no answer: the coded result says what happened
    assert "2026年11月6日　通过12315平台联系市场监督管理部门：已提交，尚未收到答复" in summary
    report = texts["09_报警材料.txt"]
    assert "2026年11月4日（拨打110），报案人记录：“民警让我去派出所做笔录”。现补充报案材料如下" in report


def test_the_timeline_quotes_the_record_that_tells_the_answer_without_a_label(tmp_path):
    """“客服答复‘会为您登记处理’” says what happened: the timeline gives the user's own record, no “对方表示会处理”."""
    data = sample_data("mango-auto-renewal.yaml")
    summary = rendered(tmp_path, data)["00_案件概要"]
    contact = data["contacts"][0]
    assert f"：投诉人记录：“{contact['summary'].replace('“', '‘').replace('”', '’')}”\n" in summary
    assert "对方表示会处理" not in summary


def test_contact_said_is_checked_data():
    """A broken pattern in rules.yaml's contact_said is refused where it stands, as check-data reports it."""
    from generator.law import provisions

    said = provisions.contact_said()
    assert said.contradicts("submitted", "民警让我去派出所做笔录")
    assert said.contradicts("no_reply", "要求退款，被拉黑")
    assert said.contradicts("no_reply", "要求退款，被对方拉黑")
    assert not said.contradicts("no_reply", "告知账号被挤下线，要求补号或退款，卖家未回复")
    assert not said.contradicts("no_reply", "要求发卡密或退款，对方没有回复")  # the record says no answer came
    assert not said.contradicts("refused", "客服称“不退”")  # only a result saying no answer can deny a record


def test_a_complaint_through_the_channel_names_the_channel_once():
    """`通过微信支付` is said only where the complaint's own method does not name the channel already."""
    from generator.case.model import Contact, Payment
    from generator.filings.narrative import complaint_via

    def contact(method: str) -> Contact:
        return Contact(date=None, party="payment", method=method, summary="", result="refused")

    wechat = Payment(channel="wechat", transaction_id="1")
    assert complaint_via(contact("微信支付投诉商家"), wechat) == ""
    assert complaint_via(contact("微信里投诉"), wechat) == ""
    assert complaint_via(contact("账单页投诉"), wechat) == "通过微信支付"


# --- the seller's words, the seller's admissions, one fact said once (lawyer review 2) ---------------------------

LAWYER = Path(__file__).parent / "lawyer_cases"


def lawyer_case(tmp_path, name: str, change=None):
    """A case of tests/lawyer_cases beside the sample evidence, prepared in memory; `change` edits its data."""
    data = yaml.safe_load((LAWYER / name).read_text(encoding="utf-8"))
    if change:
        change(data)
    return prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))


def filings_text(prepared) -> dict:
    """Each filing's Word text (the letters) and text file (the paste boxes), by file name."""
    out = {}
    for name, data in prepared.files.items():
        if name.endswith(".docx"):
            out[name] = docx_text(data)
        elif name.endswith(".txt"):
            out[name] = data.decode("utf-8")
    return out


def test_the_advertising_is_the_sellers_claim_as_the_user_reports_it_citing_the_page(tmp_path):
    """A page in evidence whose description words the advertising otherwise (“SVIP 年卡 电视端”): what it shows is
    stated as the page's, citing it — in the letters alone, the user's fuller words not repeated after it with a
    hedge; the summary follows it with them as the user's report. The seller's words, never the buyer's 陈述, and
    never said to be what the screenshot shows."""
    prepared = lawyer_case(tmp_path, "page-words-differ.yaml")
    advertised = prepared.analysis.case.order.advertised
    page = next(e.label for e in prepared.analysis.exhibits if e.category == "advertisement")
    texts = filings_text(prepared)
    shown = f"商品页面载明“SVIP 年卡 电视端”（见{page}）"
    for name in ("01_平台退款申请书.docx", "02_支付争议申请.docx", "03_12315投诉书.docx", "06_消协调解申请书.docx"):
        assert f"{shown}。" in texts[name], name
        assert "该页面宣称" not in texts[name] and advertised not in texts[name], name
    assert f"{shown}；据投诉人所述，该页面宣称：“{advertised}”。" in texts["00_案件概要.docx"]
    for name, text in texts.items():
        assert f"陈述：“{advertised}" not in text, name  # the ad is no statement of the buyer's
        for shown in ("截图显示", "页面载明", "页面显示"):
            assert f"{shown}：“{advertised}" not in text and f"{shown}“{advertised}" not in text, name
    # the user's own first-person texts give the page's words, with no exhibit number, and not the user's as the page's
    for name in ("03_12315投诉书.txt", "04_黑猫投诉.txt"):
        assert "商品页面载明“SVIP 年卡 电视端”。" in texts[name], name
        assert f"宣称：“{advertised}”" not in texts[name] and "据本人所述" not in texts[name], name


def test_without_a_page_the_advertising_is_what_the_seller_claimed_by_the_users_account(tmp_path):
    """No exhibit shows the offer, and the user wrote it as what the group owner said (“群主说是…”): it is the user's
    report, “投诉人称：“…””, citing nothing — never framed as the seller's own claim."""
    prepared = lawyer_case(tmp_path, "group-word-only.yaml")
    advertised = prepared.analysis.case.order.advertised
    texts = filings_text(prepared)
    summary = texts["00_案件概要.txt"]
    assert f"投诉人称：“{advertised}”。" in summary
    assert f"报案人称：“{advertised}”。" in texts["09_报警材料.docx"]
    for text in texts.values():
        assert f"宣称：“{advertised}" not in text
    assert "商品页面宣称" not in "".join(texts.values())


def test_a_silence_the_dated_contacts_tell_is_stated_once(tmp_path):
    """“客服一直不回复” and then two contacts each “对方未答复”: the letters keep the dated contacts only."""
    prepared = lawyer_case(tmp_path, "page-words-differ.yaml")
    texts = filings_text(prepared)
    for name in ("01_平台退款申请书.docx", "03_12315投诉书.docx", "06_消协调解申请书.docx"):
        facts = texts[name].split("理由与依据", 1)[0]
        assert "客服一直不回复" not in facts, name
        assert "2026年9月5日" in facts and "2026年9月25日" in facts and facts.count("对方未答复") == 2, name
    assert "客服一直不回复" not in texts["00_案件概要.txt"].split("三、时间线", 1)[0]


def test_a_silence_told_with_more_than_the_silence_is_kept(tmp_path):
    """An account saying more than that no one answered (who blocked whom) is the user's fact and stays."""

    def more(data):
        data["problems"][1]["description"] = "客服一直不回复，后来把我拉黑了"

    letter = filings_text(lawyer_case(tmp_path, "page-words-differ.yaml", more))["01_平台退款申请书.docx"]
    assert "申请人陈述：“客服一直不回复，后来把我拉黑了。”" in letter


def test_the_seller_confirming_the_cancellation_is_argued_against_the_later_debits(tmp_path):
    """“客服说已经帮我取消了” is an admission: the debits after it and the refusal contradict it (lawyer review #41)."""
    prepared = lawyer_case(tmp_path, "renewal-confirmed-cancelled.yaml")
    chat = next(e.label for e in prepared.analysis.exhibits if e.category == "communication")
    texts = filings_text(prepared)
    for name in ("01_平台退款申请书.docx", "03_12315投诉书.docx", "06_消协调解申请书.docx"):
        facts, reasons = texts[name].split("理由与依据", 1)[0], reasons_of(texts[name])
        assert f"记录：“客服说已经帮我取消了”（见{chat}）" in facts, name  # the record as the user wrote it, once
        assert f"当日即确认已经取消（见{chat}）" in reasons, name  # the same day as the request
        assert "2026年10月1日、11月1日的扣款均在其确认取消之后，其拒绝理由与其自己的确认相矛盾" in reasons, name
        assert "以“系统显示续费正常，扣费不退”为由拒绝退款" in reasons, name
        assert "表示会处理" not in texts[name], name
    # the debit before the confirmation is not said to follow it
    assert "2026年9月1日、10月1日" not in reasons_of(texts["01_平台退款申请书.docx"])


def test_a_promise_to_cancel_is_no_confirmation(tmp_path):
    """“客服说会帮我取消” promises; it admits nothing and is not argued as an admission."""

    def promised(data):
        data["contacts"][0]["summary"] = "客服说会帮我取消"

    letter = filings_text(lawyer_case(tmp_path, "renewal-confirmed-cancelled.yaml", promised))["01_平台退款申请书.docx"]
    assert "确认已经取消" not in letter and "与其自己的确认相矛盾" not in letter
    assert "申请人已于2026年9月10日明确要求取消自动续费" in reasons_of(letter)


@pytest.mark.parametrize(
    ("summary", "confirmed"),
    [
        ("已经帮我取消了", True),  # only the result recorded: someone else did it
        ("商家回复已取消自动续费", True),
        ("我跟客服说把自动续费关掉，客服回“已经帮你关了”", True),  # 关了 is 关闭 in chat
        ("我已经取消了，但还在扣费", False),  # the user's own act, not the seller's word
        ("客服答应帮我取消了", False),  # a promise
        ("客服说“系统显示您未取消”", False),
    ],
)
def test_what_counts_as_the_sellers_confirmation(tmp_path, summary, confirmed):
    """Only the seller's side saying the renewal is cancelled is argued as its confirmation; a record of the act
    alone is reported as written, never with “对方表示会处理” added."""

    def recorded(data):
        data["contacts"][0]["summary"] = summary

    letter = filings_text(lawyer_case(tmp_path, "renewal-confirmed-cancelled.yaml", recorded))["01_平台退款申请书.docx"]
    assert ("确认已经取消" in reasons_of(letter)) is confirmed
    if confirmed:
        assert "表示会处理" not in letter


# --- a cancellation confirmed only on the phone: the user's record, and the seller's own record asked for -------

LETTERS_TO = {  # each letter, whom it names as the seller, how it asks for the seller's record
    "01_平台退款申请书.docx": ("申请人", "贵平台", "请于答复时一并提供"),
    "02_支付争议申请.docx": ("申请人", "商户", "请督促商户提供"),
    "03_12315投诉书.docx": ("投诉人", "被投诉人", "请督促被投诉人提供"),
    "06_消协调解申请书.docx": ("申请人", "被申请人", "请督促被申请人提供"),
}


def record_case(tmp_path, name: str):
    return prepare(case_copy(tmp_path, RECORD / name), Options(out=tmp_path / "out"))


def test_a_confirmation_only_the_user_recorded_is_their_record_not_a_fact(tmp_path):
    """The call of 2026-10-02 is shown by nothing in evidence: the letters say what the user recorded (据…记录), never
    that the seller confirmed; the later debits are still argued on it, and the seller is asked for its record of
    the call — its refusal (“系统里查不到我的取消记录”) answered with the same duty (电子商务法第六十二条)."""
    prepared = record_case(tmp_path, "renewal-phone-cancel-unrecorded.yaml")
    assert "confirmation_unrecorded" in prepared.analysis.facts
    texts = filings_text(prepared)
    for name, (me, seller, produce) in LETTERS_TO.items():
        argued = reasons_of(texts[name])
        assert f"据{me}记录，客服当即答复已经取消；2026年11月2日、12月2日的扣款均在此之后" in argued, name
        assert "确认已经取消" not in texts[name] and "自己的确认相矛盾" not in texts[name], name
        assert not re.search(r"已于[^，。；]*确认", texts[name]), name
        assert f"{seller}称查不到取消记录，但2026年10月2日通话的记录由{seller}保存" in argued, name
        assert f"“应当提供原始合同和交易记录”（《中华人民共和国电子商务法》第六十二条），{produce}。" in argued, name
    annex = filings_text(prepared)["05_法律依据.docx"]
    assert "电子商务经营者应当提供原始合同和交易记录" in annex


def test_a_confirmation_in_a_chat_screenshot_is_argued_from_the_exhibit(tmp_path):
    """The chat of 2026-09-15 is in evidence (about that day): the confirmation stands as the seller's, citing it;
    the refusal “没有查到您的取消记录” is still answered by the seller's duty to produce its record — except to the
    payment channel, which the chat in evidence answers already."""
    prepared = record_case(tmp_path, "renewal-chat-cancel-shown.yaml")
    assert "confirmation_unrecorded" not in prepared.analysis.facts
    chat = next(e.label for e in prepared.analysis.exhibits if e.file.endswith("renewal-cancel-chat.png"))
    texts = filings_text(prepared)
    for name, (_me, seller, produce) in LETTERS_TO.items():
        argued = reasons_of(texts[name])
        assert f"{seller}当日即确认已经取消（见{chat}）" in argued, name
        assert "据申请人记录" not in argued and "据投诉人记录" not in argued, name
        asks_for_record = f"{seller}称查不到取消记录" in argued and produce in argued
        assert asks_for_record is (name != "02_支付争议申请.docx"), name


def test_a_confirmation_on_the_phone_without_a_refusal_still_asks_for_the_call_record(tmp_path):
    """Debited after a confirmation only the user recorded, and never refused: the seller is still asked for its
    record of that call — without answering a refusal nobody made."""

    def unanswered(data):
        data["contacts"] = data["contacts"][:1]
        data["evidence"] = data["evidence"][:2]

    path = case_copy(tmp_path, RECORD / "renewal-phone-cancel-unrecorded.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    unanswered(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    letter = filings_text(prepare(path, Options(out=tmp_path / "out")))["01_平台退款申请书.docx"]
    argued = reasons_of(letter)
    assert "据申请人记录，客服当即答复已经取消，贵平台却仍于2026年11月2日、12月2日扣款" in argued
    assert "2026年10月2日通话的记录由贵平台保存" in argued and "请于答复时一并提供" in argued
    assert "称查不到取消记录" not in argued and "为由拒绝" not in argued


@pytest.mark.parametrize(
    ("refusal", "answered"),
    [
        ("客服说系统里查不到我的取消记录，不退", True),
        ("客服说“没有您的取消申请，扣费正常”", True),
        ("客服说“后台没有记录”", True),
        ("客服说“系统显示续费正常，扣费不退”", False),
        ("客服说“已经扣款成功，不予退款”", False),
    ],
)
def test_which_refusals_say_the_cancellation_cannot_be_found(tmp_path, refusal, answered):
    def refused(data):
        data["contacts"][1]["summary"] = refusal

    letter = filings_text(lawyer_case(tmp_path, "renewal-confirmed-cancelled.yaml", refused))["01_平台退款申请书.docx"]
    assert ("称查不到取消记录" in reasons_of(letter)) is answered


def test_a_complaint_later_not_accepted_is_not_told_as_pending(tmp_path):
    """12315 “submitted” on 9-26, then not accepted on 10-10: the letter to the seller leaves the refusal out and so the
    submission too — never “已提交，尚未收到答复” for a complaint the case says was turned down; the 12315 complaint
    itself tells both."""
    data = sample_data("txvip-rights-mismatch.yaml")
    data["contacts"] += [
        {
            "date": "2026-09-26",
            "with": "regulator",
            "method": "12315小程序",
            "summary": "在12315上投诉了",
            "result": "submitted",
        },
        {
            "date": "2026-10-10",
            "with": "regulator",
            "method": "12315短信",
            "summary": "12315回复不予受理",
            "result": "refused",
        },
    ]
    docs = rendered(tmp_path, data)
    assert "尚未收到答复" not in docs["00_案件概要"] and "尚未收到答复" not in docs["03_12315投诉书"]
    assert "12315" not in docs["01_平台退款申请书"].split("附件1", 1)[0]
    assert "在12315上投诉了" in docs["03_12315投诉书"] and "12315回复不予受理" in docs["03_12315投诉书"]


def test_an_amount_already_refunded_leaves_the_rest_of_the_price_asked_and_the_items_add_up(tmp_path):
    """20 yuan paid back already: the first request is what is left of the price, its arithmetic showing the 20;
    the total is the sum of the items as written; no request to “deduct”, and no claim of who paid."""
    data = sample_data("txvip-rights-mismatch.yaml")
    data["claims"]["refunded"] = "20.00"
    letter = rendered(tmp_path, data)["01_平台退款申请书"]
    requests = letter.split("一、请求事项", 1)[1].split("二、", 1)[0]
    owed = re.search(
        r"1．退还剩余价款人民币([\d.]+)元.*?退还([\d.]+)元，扣除已退还的20\.00元，余([\d.]+)元。", requests
    )
    assert owed, requests
    rest, refund, said_rest = (Decimal(owed[i]) for i in (1, 2, 3))
    assert rest == said_rest == refund - Decimal("20.00")
    assert "全额退还订单价款" not in requests
    total = re.search(r"以上合计人民币([\d.]+)元", requests)
    if total:  # one item has no total line; several add up to it
        before = requests.split("以上合计", 1)[0]
        items = [Decimal(m) for m in re.findall(r"\n\d．[^\n]*?人民币([\d.]+)元", before)]
        assert Decimal(total[1]) == sum(items)
    assert "扣除平台已退还" not in letter and not re.search(r"\n\d．扣除", requests)


def test_the_words_a_page_shows_are_stated_without_hedge_and_the_users_fuller_words_as_theirs(tmp_path):
    """The screenshot's description quotes the decisive words of the advertising (“独享账号”“掉线包换”), not the
    whole of it: those words are what the page shows, cited to it; what the user adds stays the user's report."""
    prepared = lawyer_case(tmp_path, "page-quotes-decisive-words.yaml")
    advertised = prepared.analysis.case.order.advertised
    page = next(e.label for e in prepared.analysis.exhibits if e.category == "advertisement")
    texts = filings_text(prepared)
    shown = f"商品页面载明“独享账号”“掉线包换”（见{page}）"
    for name, me in (("01_平台退款申请书.docx", "申请人"), ("03_12315投诉书.docx", "投诉人")):
        letter = texts[name]
        assert f"{shown}。" in letter, name  # the page's words alone: no hedged retelling of the fuller ad
        assert f"据{me}所述" not in letter, name
        assert f"陈述为“{advertised}”" not in letter, name
    assert f"{shown}；据投诉人所述，该页面宣称：“{advertised}”。" in texts["00_案件概要.docx"]

    def self_operated(data: dict) -> None:
        del data["platform"]["kind"], data["platform"]["seller"]

    # the reasons argue the advertising from what the page shows, not from the user's account of it
    letter = filings_text(lawyer_case(tmp_path, "page-quotes-decisive-words.yaml", change=self_operated))
    assert f"贵平台的宣传为“独享账号”“掉线包换”（见{page}）" in reasons_of(letter["01_平台退款申请书.docx"])


def test_a_page_quoting_other_words_than_the_advertising_proves_no_part_of_it(tmp_path):
    """Words on the page that are not the advertising's (“假一赔十”“官方正品” beside 官方兑换码…包退包换): the
    advertising stays the user's report, citing the page."""
    prepared = prepare(write_case(tmp_path, sample_data("youku-marketplace-promise.yaml")), Options(out=tmp_path / "o"))
    letter = docx_text(prepared.files["01_平台退款申请书.docx"])
    advertised = prepared.analysis.case.order.advertised
    assert f"据申请人所述，商品页面宣称：“{advertised}”（见证据4）。" in letter
    assert "商品页面载明" not in letter
    # a shop on the marketplace sold it: the payment channel is told the seller advertised, not the platform
    paste = prepared.files["02_支付争议申请.txt"].decode("utf-8")
    assert f"卖家的宣传（据我所记）：“{advertised}”。" in paste and "平台" not in paste.split("卖家的宣传")[1][:3]


def test_a_letter_to_the_platform_selling_itself_never_calls_it_the_seller(tmp_path):
    """A self-operated 卡盟 promised “假一赔五”: the promise's arithmetic names no 卖家 in any letter, and a filing
    not addressed to the platform names it as the platform that advertised (该平台), not 卖家."""
    prepared = lawyer_case(tmp_path, "self-operated-promise.yaml")
    texts = filings_text(prepared)
    for name in ("01_平台退款申请书.docx", "03_12315投诉书.docx", "06_消协调解申请书.docx"):
        assert "卖家承诺" not in texts[name] and "卖家宣称" not in texts[name], name
        assert "计算方式：按承诺“假一赔五”，以实付99.00元的五倍计算为495.00元。" in texts[name], name
    # worded otherwise than the page, which quotes nothing: the user's report of what the platform claimed
    dispute = lawyer_case(tmp_path, "self-operated-promise.yaml", change=_advertised("爱奇艺黄金VIP年卡 官方正品"))
    text = docx_text(dispute.files["02_支付争议申请.docx"])
    assert "在“锦城卡盟”平台购买" in text and "据申请人所述，该平台宣称：“爱奇艺黄金VIP年卡 官方正品，到账即用”" in text
    assert "卖家宣称" not in text


def _advertised(words: str):
    def change(data: dict) -> None:
        data["order"]["advertised"] = words + "，到账即用"
        data["evidence"][0]["description"] = "活动页截图"  # shows the page, quotes nothing of it

    return change


def test_what_the_group_owner_said_is_the_users_report_and_the_deletion_is_the_filers_request(tmp_path):
    """The user wrote the offer as what the group owner said (群主说是…): it is quoted as the user's report, never as
    the seller's claim. The request to delete the user's data is the filer's own, naming what the user listed; the
    user's sentence, which asks for more, stays quoted in the facts."""
    prepared = lawyer_case(tmp_path, "group-owner-said-delete-info.yaml")
    case = prepared.analysis.case
    texts = filings_text(prepared)
    letter = texts["01_平台退款申请书.docx"]
    assert f"申请人称：“{case.order.advertised}”。" in letter
    assert "宣称：“群主说" not in letter
    requests = letter.split("一、请求事项")[1].split("二、事实与理由")[0]
    assert "删除贵方留存的申请人个人信息（微信号、手机号等）。" in requests
    assert "要求对方删除我的" not in requests  # the user's words are not a request in the filer's voice
    # the rest of the sentence (“以后也不要再…”) is a request too: the user's own, quoted, not a fact
    assert "申请人另提出：“以后也不要再拉我进任何群”。" in requests
    assert "另陈述" not in letter
    paste = texts["02_支付争议申请.txt"]
    assert f"宣传情况：“{case.order.advertised}”" in paste and "卖家宣称" not in paste
    # no provision is cited for it: the personal-information law is not among the stored provisions
    assert "个人信息保护法" not in "".join(texts.values())


def test_a_deletion_request_alone_is_only_the_filers_request(tmp_path):
    """“把我的个人信息从店铺删掉” says nothing more: one request in the filer's voice, no quotation of it."""

    def change(data: dict) -> None:
        data["claims"]["extra"] = "把我的个人信息从店铺删掉"

    prepared = lawyer_case(tmp_path, "page-quotes-decisive-words.yaml", change=change)
    texts = filings_text(prepared)
    letter = texts["01_平台退款申请书.docx"]
    assert "督促该店铺删除其留存的申请人个人信息。" in letter
    assert "把我的个人信息" not in letter
    assert "删除所留存的本人个人信息" in texts["04_黑猫投诉.txt"]


def test_a_call_is_told_as_the_filer_would_and_an_admission_as_the_user_recorded_it(tmp_path):
    """打客服电话 is 致电平台客服 in every filing, the timeline and the post; the chat in which the staff admitted the
    wrong top-up proves that the platform, by name, admitted it in the user's words — not a label."""
    prepared = lawyer_case(tmp_path, "call-and-admission.yaml")
    texts = filings_text(prepared)
    chat = next(e.label for e in prepared.analysis.exhibits if e.name == "fraud-seller-chat.png")
    for name in ("01_平台退款申请书.docx", "03_12315投诉书.docx", "00_案件概要.txt", "04_黑猫投诉.txt"):
        assert "致电平台客服" in texts[name], name
        assert "联系平台（打客服电话）" not in texts[name], name
    assert (
        f"{chat}：10月5日在线客服聊天记录；证明2026年10月5日的沟通情况及“甬城卡盟”平台承认充错了"
        in texts["00_案件概要.txt"]
    )
    assert "证明2026年10月5日的沟通情况及“甬城卡盟”平台承认充错了" in texts["01_平台退款申请书.docx"]
    assert "卖家一方承认交付有误" not in "".join(texts.values())


def test_a_substitution_admitted_is_argued_and_keeping_the_difference_answered(tmp_path):
    """“客服承认年卡缺货给换成了季卡，说差价不退”: the seller's own admission opens the termination, and “差价不退”
    is answered — termination returns the whole price, not a difference."""
    texts = filings_text(lawyer_case(tmp_path, "son-writes-season-card.yaml"))
    for name in ("01_平台退款申请书.docx", "03_12315投诉书.docx"):
        reasons = texts[name].split("理由与依据", 1)[1]
        assert "记录：“客服承认年卡缺货给换成了季卡”（见证据3），即" in reasons, name
        assert "合同解除后应返还全部价款，不以差价为限" in reasons, name
        assert "所称“差价不退”没有依据" in reasons, name


def test_an_offer_to_swap_is_no_admission(tmp_path):
    """“客服说可以给我换成月卡” proposes; it admits nothing."""

    def offered(data):
        data["contacts"][0]["summary"] = "客服说可以给我换成月卡"

    texts = filings_text(lawyer_case(tmp_path, "son-writes-season-card.yaml", offered))
    assert "自认" not in texts["01_平台退款申请书.docx"]


def test_the_representatives_words_are_theirs_in_the_records_and_the_paste_texts(tmp_path):
    """The son wrote “我妈买的…”: in the facts his account is his, and a message in the mother's first person quotes
    it as the family's (子女所述“…”), so its “我” stays one person."""
    texts = filings_text(lawyer_case(tmp_path, "son-writes-season-card.yaml"))
    assert "申请人的子女孙小明陈述：“我妈买的是年卡" in texts["01_平台退款申请书.docx"]
    paste = texts["01_平台退款申请书.txt"]
    assert "子女所述“我妈买的是年卡，到账的只有3个月，会员到12月8号就到期了。”" in paste
    assert "。我妈买的" not in paste


def test_a_request_beside_the_deletion_is_listed_as_the_users_own(tmp_path):
    """“请删除…身份证信息，并向我们书面道歉”: the deletion in the filer's voice, the apology as the user's further
    request in the list — not lost, and not quoted again in the facts."""
    texts = filings_text(lawyer_case(tmp_path, "son-writes-season-card.yaml"))
    letter = texts["03_12315投诉书.docx"]
    requests = letter.split("事实与理由", 1)[0]
    assert "删除其留存的投诉人个人信息（身份证）" in requests
    assert "投诉人的子女孙小明另提出：“向我们书面道歉”。" in requests
    assert "另陈述" not in letter
    assert "删除所留存的本人个人信息（身份证）；向我们书面道歉" in texts["04_黑猫投诉.txt"]


def test_an_admission_in_the_sellers_own_quoted_words_is_argued_and_the_closing_answered(tmp_path):
    """“客服王丽娟（工号3021）承认‘我们这边发的其实是季卡…’” opens the termination, in the user's words, and the
    “就算处理完了” after 20 yuan refunded is answered — on a prorated claim too; the post hides the 工号."""
    texts = filings_text(lawyer_case(tmp_path, "quarter-card-part-refunded.yaml"))
    for name in ("01_平台退款申请书.docx", "03_12315投诉书.docx"):
        reasons = texts[name].split("理由与依据", 1)[1]
        admitted = re.search(
            r"承认‘我们这边发的其实是季卡，年卡渠道没货了’”（见证据\d+），即\S{2,5}自认交付有误", reasons
        )
        assert admitted, name
        assert "并称“就算处理完了”，单方宣称了结不能免除其退还其余价款的责任" in reasons, name
        assert "不以差价为限" not in reasons and "部分退款不能免除其返还全部价款" not in reasons, name
    post = texts["04_黑猫投诉.txt"]
    assert "（工号已隐去）" in post and "3021" not in post


def test_words_that_themselves_admit_are_no_ground_of_refusal_and_a_demand_to_pay_more_is_answered(tmp_path):
    """店铺客服说“年卡都是拿季卡体验装拆开卖的…”, “让我再补30块换成真年卡”: the words admit what was sent, they
    are not the reason it refused; paying more for what was sold is answered; the lapsed “七天无理由” is not argued."""
    texts = filings_text(lawyer_case(tmp_path, "shop-trial-card-call.yaml"))
    letter = texts["01_平台退款申请书.docx"]
    reasons = letter.split("理由与依据", 1)[1].split("附件", 1)[0]
    assert "即该店铺自认交付有误" in reasons
    assert "为由拒绝处理" not in reasons
    assert "该店铺要求“再补30块”，于约无据" in reasons
    assert "“七天无理由”" not in reasons
    assert "该店铺对此还自行承诺“假一赔十”（见证据4）" in reasons
    assert "店铺“优选影音会员店”客服致电申请人" in letter
    assert "通过电话（店铺客服打过来的）" not in letter


def test_a_promise_for_days_still_running_is_argued(tmp_path):
    """Found within the seven days, “七天无理由” still binds the seller: it is argued."""

    def within_a_week(data):
        data["order"]["failed_at"] = "2026-10-08"
        data["order"]["promises"][1]["covers"] = ["rights_mismatch"]

    texts = filings_text(lawyer_case(tmp_path, "shop-trial-card-call.yaml", within_a_week))
    assert "“七天无理由”" in texts["01_平台退款申请书.docx"].split("理由与依据", 1)[1]


def test_the_items_to_delete_are_named_as_the_user_named_them(tmp_path):
    """“身份证照片” is a photo of the card, more than its number: the request names it so, not “身份证”."""

    def photo(data):
        data["claims"]["extra"] = "要求平台向我书面道歉，并且把我注册时留的手机号和身份证照片都删掉"

    letter = filings_text(lawyer_case(tmp_path, "son-writes-season-card.yaml", photo))["01_平台退款申请书.docx"]
    assert "删除贵平台留存的申请人个人信息（手机号、身份证照片）" in letter
    assert "申请人的子女孙小明另提出：“要求平台向我书面道歉”。" in letter  # the son wrote the case file


def test_each_fact_of_a_renewal_cites_the_exhibit_that_shows_it(tmp_path):
    """The ticked box cites the purchase page, not the debits' bills; the debits cite their own bills, not the first
    month's; each debit is listed with its own transaction number."""
    prepared = lawyer_case(tmp_path, "renewal-three-debits.yaml")
    label = {e.file.rsplit("/", 1)[-1]: e.label for e in prepared.analysis.exhibits}
    letter = filings_text(prepared)["01_平台退款申请书.docx"]
    assert f"充值页面将自动续费设为默认勾选（见{label['renewal-settings-page.png']}）" in letter
    bills = [label[f] for f in ("fraud-bill.png", "shop-alipay-bill.png", "txvip-alipay-bill.png")]
    assert bills == ["证据2", "证据3", "证据4"]  # three in a row are cited by their ends
    assert "（交易单号：4200002288202611150000667788）（见证据2至证据4）。" in letter
    assert "2026年10月15日扣款29.00元（交易单号：4200002288202610150000556677）" in letter


def test_the_part_already_refunded_cites_its_refund_bill(tmp_path):
    prepared = lawyer_case(tmp_path, "quarter-card-part-refunded.yaml")
    refund = next(e.label for e in prepared.analysis.exhibits if e.file.endswith("fraud-bill.png"))
    texts = filings_text(prepared)
    assert f"扣除已退还的20.00元（见{refund}），余62.50元" in texts["01_平台退款申请书.docx"]
    assert "扣除已退还的20.00元，余62.50元" in texts["03_12315投诉书.txt"]  # the form's boxes name no exhibit


def test_delivered_saying_nothing_came_is_a_non_delivery(tmp_path):
    """`delivered: 什么都没到账` with the seller then blocking the buyer: nothing came, so the ground is that the seller
    showed it would not perform (第五百六十三条第一款第二项), not a delivery that “不符合约定”; and no “实际到账的是
    “什么都没到账”” sentence. The payee is quoted as the bill shows it, the user's note after it."""
    texts = filings_text(lawyer_case(tmp_path, "group-nothing-came.yaml"))
    statement = texts["02_支付争议申请.docx"]
    assert "以自己的行为表明不履行主要债务" in statement and "第五百六十三条第一款第二项" in statement
    assert "交付的会员不符合约定" not in statement
    assert "实际到账的是“什么都没到账”" not in statement
    assert "收款人为“李*”（申请人注明：微信个人收款码，实名是李春梅）" in statement


def test_a_later_debits_text_keeps_the_sellers_confirmation_that_the_renewal_was_cancelled(tmp_path):
    """Each debit after the cancellation is disputed on the seller's own “已经帮您取消了”: its WeChat text keeps those
    words, and drops first a contact that only went unanswered."""
    texts = filings_text(lawyer_case(tmp_path, "renewal-three-debits.yaml"))
    for name in ("02_支付争议申请_2.txt", "02_支付争议申请_3.txt"):
        assert "我的记录：“客服说‘已经帮您取消了，退款需要审核’”" in texts[name], name
        assert len(texts[name].rstrip("\n")) <= 300, name


def test_a_refund_put_under_review_when_the_cancellation_was_confirmed_is_held_to(tmp_path):
    """“客服说‘已经帮您取消了，退款需要审核’”: the seller took up the refund asked for that day — said, with its
    having not been paid since, where the confirmation is argued."""
    letter = filings_text(lawyer_case(tmp_path, "renewal-three-debits.yaml"))["01_平台退款申请书.docx"]
    assert "确认已经取消（见证据6），并答复“退款需要审核”，此后至今未予退还" in letter


def test_a_promise_not_to_renew_is_broken_by_every_renewal_not_only_those_after_the_cancellation(tmp_path):
    """“到期不续费”: the September debit, before any cancellation, already breaks it — not “取消之后继续扣款即是不履行
    其承诺”. The seller's confirmation the same day as the request is “当日即确认”, not the date twice."""
    letter = filings_text(lawyer_case(tmp_path, "renewal-three-debits.yaml"))["01_平台退款申请书.docx"]
    assert "贵平台还自行承诺“到期不续费”（见证据5），到期后却自动扣款，即是不履行其承诺。" in letter
    assert "取消之后继续扣款即是不履行其承诺" not in letter
    assert "申请人已于2026年9月16日明确要求取消自动续费，贵平台当日即确认已经取消（见证据6）" in letter
    assert "2026年10月15日、11月15日的扣款均在其确认取消之后" in letter  # the year is not said twice


def test_a_promise_to_let_the_buyer_cancel_is_still_answered_on_the_debits_after_the_cancellation(tmp_path):
    def anytime(data):
        data["order"]["promises"] = [{"text": "可随时取消", "covers": ["auto_renewal"]}]

    letter = filings_text(lawyer_case(tmp_path, "renewal-three-debits.yaml", anytime))["01_平台退款申请书.docx"]
    assert "贵平台还自行承诺“可随时取消”" in letter and "取消之后继续扣款即是不履行其承诺" in letter
    assert "到期后却自动扣款" not in letter


def test_a_confirmation_given_only_after_a_debit_leaves_every_debit_after_the_request_argued(tmp_path):
    """Switched off in the app on 10-20, debited 10-28, “已经帮您重新关闭了，这笔会给您退” on 10-29,
    debited again 11-28, then refused on the first: both debits followed the request; the late confirmation
    and its unkept refund stand beside them — not “11月28日的扣款均在其确认取消之后”, which gives up the
    first and says 均 of one."""
    letter = filings_text(lawyer_case(tmp_path, "renewal-reclosed-after-debit.yaml"))["01_平台退款申请书.docx"]
    reasons = reasons_of(letter)
    assert "申请人已于2026年10月20日关闭自动续费，2026年10月28日、11月28日的扣款发生在取消之后" in reasons
    assert "贵平台其后亦已于2026年10月29日确认已经取消（见证据5），并答复“这笔会给您退”，此后至今未予退还" in reasons
    assert "均在其确认取消之后" not in reasons


def test_a_daughter_who_made_the_call_and_files_for_her_mother_is_named_so(tmp_path):
    """“电话（我打的客服电话）” in a case file the daughter wrote: she made the call — not
    “申请人通过电话（我打的客服电话）与平台沟通”; her “别再给她打推销电话” is a request, hers; every letter
    names her as the agent the authorisation appoints for all of them; the public
    post keeps “阿姨” (a form of address, no name) and drops the aside."""
    texts = filings_text(lawyer_case(tmp_path, "daughter-calls-for-mother.yaml"))
    letter = texts["01_平台退款申请书.docx"]
    assert "2026年9月21日，申请人的子女李婷通过电话与平台沟通，其记录：“客服说‘是阿姨自己点错了规格" in letter
    assert "我打的" not in letter
    assert "申请人的子女李婷另提出：“我妈年纪大了，以后别再给她打推销电话" in letter
    assert "另陈述" not in letter
    # the authorisation appoints her for every filing drafted, the complaint last; each names her as the agent
    for name in ("01_平台退款申请书.docx", "02_支付争议申请.docx", "03_12315投诉书.docx", "06_消协调解申请书.docx"):
        assert re.search("委托代理人：李婷（系(申请人|投诉人)的子女）　联系电话：13822017788", texts[name]), name
    matter = next(line for line in texts["10_授权委托书.txt"].splitlines() if line.startswith("委托事项："))
    assert matter.endswith("委托受托人代为向对方提出退款要求、代为向微信支付反映所涉交易的争议、代为投诉。"), matter
    assert "至本争议处理终结之日止" in texts["10_授权委托书.txt"]
    # the payment channel's paste text is in the mother's voice: the call was the daughter's, and so is its record
    assert "2026年9月21日子女通过电话联系商家，子女的记录：“客服说‘是阿姨自己点错了规格" in texts["02_支付争议申请.txt"]
    assert "我打的" not in texts["02_支付争议申请.txt"]
    post = texts["04_黑猫投诉.txt"]
    assert "是阿姨自己点错了规格" in post and "阿*" not in post
    assert "2026年9月21日通过电话联系平台" in post


def test_a_promise_to_refund_what_does_not_arrive_answers_a_seller_who_says_it_arrived(tmp_path):
    """“不到账全额退” and “体验码也是官方码，已经到账了，不属于不到账”: what arrived is not what was sold, so the
    membership bought did not arrive — the very case the promise covers, said where the promise is argued."""
    texts = filings_text(lawyer_case(tmp_path, "trial-code-said-arrived.yaml"))
    for name in ("01_平台退款申请书.docx", "02_支付争议申请.docx", "03_12315投诉书.docx"):
        reasons = reasons_of(texts[name])
        assert "自行承诺“不到账全额退”" in reasons, name
        assert "到账的并非所购商品，所购会员即属未到账，正是该承诺所指的情形" in reasons, name
        assert reasons.count("即是不履行其承诺") == 1, name


def test_a_full_alipay_box_tells_what_arrived_whole_and_calls_its_limit_the_tools_own(tmp_path):
    """300 characters cannot hold both accounts: the first is told by what came instead, whole (“到账的是“优酷VIP 7天
    体验会员””), not cut before it; Alipay's limit is not known, so the label says the length is the tool's."""
    paste = filings_text(lawyer_case(tmp_path, "trial-code-said-arrived.yaml"))["02_支付争议申请.txt"]
    box = paste.split("【投诉内容（“投诉商家”）】", 1)[1].split("【", 1)[0]
    assert box.startswith("（控制在300字以内）") and "不超过300字" not in paste
    text = box.split("\n", 2)[1]
    assert "实际情况：到账的是“优酷VIP 7天体验会员”" in text and len(text) <= 300


def test_the_full_refund_option_says_what_is_left_after_the_part_already_refunded(tmp_path):
    """50 already refunded: the summary's full-refund option gives both sums less it (148 and 115), which is what
    would be asked, not only 198 against 165."""
    summary = filings_text(lawyer_case(tmp_path, "daughter-calls-for-mother.yaml"))["00_案件概要.txt"]
    option = next(line for line in summary.splitlines() if line.startswith("- 全额退款："))
    assert "两者扣除已退还的人民币50.00元（大写：伍拾元整）后，分别余人民币148.00元" in option
    assert "和人民币115.00元（大写：壹佰壹拾伍元整）" in option


def test_a_payment_box_keeps_the_words_the_claim_rests_on_inside_a_long_quotation(tmp_path):
    """“客服说“取消要在扣费前24小时操作，可能系统有延迟，已经帮您重新关闭了，这笔会给您退””: the box keeps “已经帮您
    重新关闭了，这笔会给您退”, leaving out what comes before it (marked “…”), not the other way round."""
    paste = filings_text(lawyer_case(tmp_path, "renewal-reclosed-after-debit.yaml"))["02_支付争议申请.txt"]
    assert "我的记录：“客服说‘…已经帮您重新关闭了，这笔会给您退’”" in paste


def test_a_call_log_proves_the_call_not_what_the_seller_said_in_it(tmp_path):
    """A cancellation by phone, its only exhibit the phone's call log: the seller's “已经给您取消了” stands as the
    user's record, not as the seller's confirmation “（见证据N）”; the user's note that there is no screenshot or
    recording (“我当时没截图也没录音，只有手机通话记录”) stays out of every filing and in the summary."""
    texts = filings_text(lawyer_case(tmp_path, "renewal-phone-cancel-call-log.yaml"))
    for name in ("01_平台退款申请书.docx", "02_支付争议申请.docx", "03_12315投诉书.docx"):
        reasons = reasons_of(texts[name])
        assert "据申请人记录，客服当即答复已经取消" in reasons or "据投诉人记录，客服当即答复已经取消" in reasons, name
        assert "确认已经取消（见" not in reasons, name
    for name, text in texts.items():
        if not name.startswith("00_"):
            assert "没截图" not in text and "只有手机通话记录" not in text, name
    assert "我当时没截图也没录音" in texts["00_案件概要.txt"]


def test_the_evidence_list_names_the_days_one_chat_shows_together(tmp_path):
    statement = filings_text(lawyer_case(tmp_path, "renewal-three-debits.yaml"))["02_支付争议申请.docx"]
    assert "证明2026年9月16日、10月16日的沟通情况" in statement


def test_an_authorisation_with_no_complaint_drafted_is_for_what_the_filings_do(tmp_path):
    """No 12315 or 消协 filing for a seller who vanished: the daughter is not authorised “代为投诉…至本次投诉处理终结”
    but for the payment dispute and the police report drafted."""
    authorisation = filings_text(lawyer_case(tmp_path, "group-nothing-came.yaml"))["10_授权委托书.docx"]
    assert "委托受托人代为向微信支付反映所涉交易的争议、代为向公安机关报案并提交材料。" in authorisation
    assert "代为投诉" not in authorisation and "参加调解" not in authorisation
    assert "至本争议处理终结之日止" in authorisation


def test_the_public_posts_problems_are_alleged_not_stated(tmp_path):
    """The 投诉问题 box is published: “涉嫌会员权益与宣传不符、虚假宣传或欺诈”, never the labels as facts."""
    post = filings_text(lawyer_case(tmp_path, "shop-trial-card-call.yaml"))["04_黑猫投诉.txt"]
    assert "【投诉问题】\n涉嫌会员权益与宣传不符、虚假宣传或欺诈\n" in post


def test_a_way_that_names_whom_it_reached_is_not_followed_by_them_again(tmp_path):
    """“微信私聊卖家”: 通过微信私聊卖家沟通, never 通过微信私聊卖家与卖家沟通 or 我通过微信私聊卖家联系卖家."""
    texts = filings_text(lawyer_case(tmp_path, "group-nothing-came.yaml"))
    for name in ("02_支付争议申请.docx", "02_支付争议申请.txt", "09_报警材料.docx"):
        assert "微信私聊卖家与卖家" not in texts[name] and "微信私聊卖家联系卖家" not in texts[name], name
    assert "2026年11月4日，申请人通过微信私聊卖家沟通" in texts["02_支付争议申请.docx"]


def test_the_claim_strategy_cites_the_admission_as_knowledge_and_explains_the_total(tmp_path):
    """The threefold weighed in the summary: the seller's own admission is what shows it knew, and the total says
    the part already refunded was taken off."""
    summary = filings_text(lawyer_case(tmp_path, "quarter-card-part-refunded.yaml"))["00_案件概要.txt"]
    strategy = next(line for line in summary.splitlines() if line.startswith("- 三倍赔偿"))
    assert "卖家一方承认“我们这边发的其实是季卡，年卡渠道没货了”（见证据" in strategy
    assert "可作为其明知的证据" in strategy
    assert "采纳后共可主张人民币579.00元" in strategy and "（已扣除已退还的20.00元）" in strategy


def test_a_marketplace_shops_admission_and_the_platforms_one_line_answer_are_told_as_given(tmp_path):
    """The shop said “发错了，发成月卡了”; the platform's own service only “已督促商家处理”: the contact reached the
    platform, not the shop; its quoted answer is the answer (no “对方表示会处理” added); the admission is quoted
    whole in the evidence list; and the summary does not offer a mistake as proof the seller knew."""
    from tests.conftest import marketplace_case

    prepared = prepare(marketplace_case(tmp_path, "shop-sent-month-card.yaml"), Options(out=tmp_path / "out"))
    texts = filings_text(prepared)
    letter = texts["01_平台退款申请书.docx"]
    assert "2026年11月12日，申请人通过拼多多官方客服与平台沟通" in letter
    assert "与店铺“星河影视会员专营店”沟通，申请人记录：“我找拼多多官方客服" not in letter
    for name in ("01_平台退款申请书.docx", "02_支付争议申请.docx", "02_支付争议申请.txt", "03_12315投诉书.docx"):
        assert "表示会处理" not in texts[name], name
    assert "店铺“星河影视会员专营店”说“发错了，发成月卡了”、2026年11月10日的沟通情况" in letter
    strategy = next(line for line in texts["00_案件概要.txt"].splitlines() if line.startswith("- 三倍赔偿"))
    assert "卖家一方说“发错了，发成月卡了”（见证据4），这只承认交付有误" in strategy
    assert "可作为其明知的证据" not in strategy


def test_a_promise_to_resend_ended_by_an_offer_of_a_part_is_argued_as_purpose_defeated(tmp_path):
    """“马上给您重新发一个”, then after reminders “只能退30”: the seller's last word is that it will not deliver, so the
    ground is 563(1)(4) with the offer answered — not delay after a reminder followed by “此后未再答复”; the
    record that is only the quotation is quoted once."""
    texts = filings_text(lawyer_case(tmp_path, "code-resend-then-thirty.yaml"))
    for name in ("01_平台退款申请书.docx", "02_支付争议申请.docx", "03_12315投诉书.docx"):
        letter = texts[name]
        assert "第五百六十三条第一款第四项" in letter and "第三项" not in letter, name
        assert "此后未再答复" not in letter, name
    assert "贵平台只同意部分退款，申请人记录：“只能退30”（见证据5）。" in texts["01_平台退款申请书.docx"]


def test_an_alternative_request_of_the_user_is_listed_as_theirs(tmp_path):
    """“或者按原价给我补发一张优酷年卡”: a request in the alternative is the user's request, in every 请求事项 and in
    the 12315 诉求 box, quoted as theirs — not a statement appended to the facts."""
    from tests.conftest import marketplace_case

    texts = filings_text(prepare(marketplace_case(tmp_path, "shop-sent-month-card.yaml"), Options(out=tmp_path / "o")))
    asked = "另提出：“或者按原价给我补发一张优酷年卡，不再另外收钱”。"
    assert "申请人" + asked in texts["01_平台退款申请书.docx"]
    assert "投诉人" + asked in texts["03_12315投诉书.txt"]
    assert "另陈述" not in texts["01_平台退款申请书.docx"]


def test_a_marketplace_shops_refund_paste_has_no_order_page_box(tmp_path):
    """The letter goes to the platform's own service (the order page's 申请退款 reaches only the shop): the paste
    text gives the service messages, not a refund-reason box for that page."""
    from tests.conftest import marketplace_case

    texts = filings_text(prepare(marketplace_case(tmp_path, "shop-sent-month-card.yaml"), Options(out=tmp_path / "o")))
    paste = texts["01_平台退款申请书.txt"]
    assert "退款原因（订单“申请退款”页）" not in paste
    assert "【客服对话第1条】" in paste


def test_the_renewal_request_names_each_debit_it_asks_back(tmp_path):
    """Three debits of 29 yuan: the request says which ones (dates and amount), not only a count and a total."""
    letter = filings_text(lawyer_case(tmp_path, "renewal-three-debits.yaml"))["01_平台退款申请书.docx"]
    assert (
        "退还自动续费扣款人民币87.00元（大写：捌拾柒元整）（2026年9月15日、10月15日、11月15日各29.00元，共3笔，全额退还）。"
    ) in letter


def test_a_promise_unkept_says_how_the_seller_answered_after_it(tmp_path):
    """The page promised “兑换失败包退”; the seller promised to resend, then offered only 30 yuan: after its promise
    it offered a part — not “此后未再答复”."""

    def promised(data):
        data["order"]["promises"] = [{"text": "兑换失败包退"}]

    letter = filings_text(lawyer_case(tmp_path, "code-resend-then-thirty.yaml", promised))["01_平台退款申请书.docx"]
    assert "，此后只同意部分退款，至今未履行其承诺" in letter
    assert "此后未再答复" not in letter


def test_a_deletion_request_keeps_its_own_words_together_and_is_in_the_chat(tmp_path):
    """“退全款118.5元；要求卖家删掉我的手机号，不要再用”: the refund is asked above and “不要再用” belongs to the
    deletion — neither comes back as a fragment of its own (“另提出：“不要再用””); the chat asks the deletion too."""
    from tests.conftest import sample_data, write_case

    data = sample_data("txvip-rights-mismatch.yaml")
    data["claims"]["extra"] = "退全款118.5元；要求卖家删掉我的手机号，不要再用"
    texts = filings_text(prepare(write_case(tmp_path, data), Options(out=tmp_path / "out")))
    letter = texts["01_平台退款申请书.docx"]
    assert "另提出" not in letter and "不要再用”" not in letter
    assert "删除贵平台留存的申请人个人信息（手机号）。" in letter
    assert "；删除所留存的本人个人信息（手机号）。请在48小时内" in texts["01_平台退款申请书.txt"]


@pytest.mark.parametrize(
    ("extra", "restated"),
    [
        ("把三次扣的87块都退回来，以后不许再扣", True),
        ("钱退给我，把自动续费关掉", True),
        ("把三次扣的66块都退回来", False),  # not a sum the case pays or asks: the user's own figure, kept
        ("退钱，并向我书面道歉", False),
    ],
)
def test_a_further_request_that_only_asks_again_what_is_asked_is_not_listed_twice(tmp_path, extra, restated):
    """Three renewal debits of 29 yuan asked back and the renewal stopped: “把三次扣的87块都退回来，以后不许再扣” asks
    nothing the requests do not — no “另提出：“…”” beside them, no quotation in the facts, and the summary says why."""

    def with_extra(data):
        data["claims"]["extra"] = extra

    prepared = lawyer_case(tmp_path, "renewal-three-debits.yaml", with_extra)
    texts = filings_text(prepared)
    letters = [texts[name] for name in ("01_平台退款申请书.docx", "03_12315投诉书.docx", "04_黑猫投诉.txt")]
    quoted = [extra.split("，")[0] in letter for letter in letters]
    assert quoted == [not restated] * 3
    said = any("只是再要求一次" in w for w in prepared.analysis.warnings)
    assert said == restated


def _written_for_wife(words: str, relation: str | None = "丈夫", record: str | None = None):
    def change(data):
        agent = {"name": "吴志刚", "phone": "13805749921"}
        data["representative"] = {**agent, "relation": relation} if relation else agent
        data["problems"][0]["description"] = words
        if record:
            data["contacts"][0]["summary"] = record

    return change


def test_a_husband_writing_for_his_wife_is_the_teller_of_his_accounts_and_records(tmp_path):
    """The husband writes “我老婆找客服…”: every filing says the account and the records are his — not the wife's
    own words (“申请人陈述：“…我老婆…””) nor “我的记录” in the text she pastes to the channel."""
    words = "我老婆9月开的首月9.9，后来每个月扣她29块，她根本不知道有自动续费"
    record = "我老婆要求取消自动续费并退9月那笔，客服说“已经帮您取消了，退款需要审核”"
    prepared = lawyer_case(tmp_path, "renewal-three-debits.yaml", _written_for_wife(words, record=record))
    texts = filings_text(prepared)
    assert "申请人的丈夫吴志刚陈述：“我老婆9月开的" in texts["01_平台退款申请书.docx"]
    assert "丈夫的记录：“" in texts["02_支付争议申请.txt"]
    assert "我的记录" not in texts["02_支付争议申请.txt"]
    assert "维权经过（丈夫所述）：" in texts["04_黑猫投诉.txt"]
    assert "投诉人的丈夫吴志刚记录：“我老婆要求取消" in texts["00_案件概要.docx"]


def test_a_wife_speaking_of_her_husband_who_acts_for_her_tells_her_own_account(tmp_path):
    """The complainant writes “我老公帮我找客服…” and her husband is her representative: “我老公” is him, so the
    account is hers; without the relation or her sex nothing says which of them wrote."""
    words = "我老公帮我找的客服，我根本不知道有自动续费，每个月扣我29块"
    for relation in ("丈夫", None):
        prepared = lawyer_case(tmp_path, "renewal-three-debits.yaml", _written_for_wife(words, relation))
        letter = filings_text(prepared)["01_平台退款申请书.docx"]
        assert "申请人陈述：“我老公帮我找的客服" in letter


def test_the_users_own_next_steps_are_told_to_them_not_to_the_other_side(tmp_path):
    """“那个码我一次都没用过，我不想在网上发帖曝光”: the seller and the body deciding read what the user states, not
    the user's plans (which would give the other side the leverage); “想去法院起诉，要回118.5元” tells them nothing at
    all. The summary says what was kept back."""
    from tests.conftest import sample_data, write_case

    for extra, told in (
        ("那个码我一次都没用过，我不想在网上发帖曝光", "那个码我一次都没用过"),
        ("想去法院起诉，要回118.5元", ""),
    ):
        data = sample_data("txvip-rights-mismatch.yaml")
        data["claims"]["extra"] = extra
        prepared = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
        texts = filings_text(prepared)
        for name in ("01_平台退款申请书.docx", "03_12315投诉书.docx", "02_支付争议申请.docx"):
            assert "曝光" not in texts[name] and "起诉" not in texts[name].split("法律依据")[0]
            if told and not name.startswith("02"):  # the channel's statement takes no further words
                assert f"“{told}" in texts[name]
            if not told:
                assert "要回" not in texts[name] and "另陈述" not in texts[name] and "另提出" not in texts[name]
        assert any("自己下一步的打算" in w for w in prepared.analysis.warnings)


def test_a_first_order_claimed_back_with_no_problem_told_of_it_is_pointed_out(tmp_path):
    """Only the renewal is disputed, the year bought first has no months used written: `refund: auto` claims it
    back in full (the format's rule), and the summary says no filing can say why; with used_months equal to the
    term (the order not disputed) the letters ask back only the debits, and no warning on months used follows."""

    def year_first(used):
        def change(data):
            data["order"].update({"term_months": 12, "price": 158})
            data["order"].pop("used_months", None)
            if used is not None:
                data["order"]["used_months"] = used

        return change

    prepared = lawyer_case(tmp_path, "renewal-three-debits.yaml", year_first(None))
    assert any("首笔订单（实付158.00元）所购会员有什么问题" in w for w in prepared.analysis.warnings)
    prepared = lawyer_case(tmp_path, "renewal-three-debits.yaml", year_first(12))
    assert not any("首笔订单" in w or "已使用月数" in w for w in prepared.analysis.warnings)
    assert "退还订单价款" not in filings_text(prepared)["01_平台退款申请书.docx"]


@pytest.mark.parametrize(
    "extra",
    ["退钱就行", "要求退回118.5元，不退的话我愿意去法院起诉"],
)
def test_a_further_request_that_is_only_the_refund_and_a_plan_is_not_listed(tmp_path, extra):
    """“退钱就行” adds nothing to the refund asked (and reads as giving up the rest); a plan beside it is the user's:
    neither is listed among the requests."""
    from tests.conftest import sample_data, write_case

    data = sample_data("txvip-rights-mismatch.yaml")
    data["claims"]["extra"] = extra
    letter = filings_text(prepare(write_case(tmp_path, data), Options(out=tmp_path / "out")))["01_平台退款申请书.docx"]
    assert "另提出" not in letter and "另陈述" not in letter and "起诉" not in letter.split("法律依据")[0]


def test_a_marketplace_buyer_asking_who_runs_the_shop_is_asked_once(tmp_path):
    """The letter to the platform already asks the shop's operator's name, address and contact: the user's own
    “要求平台提供这家店的真实经营者名称、地址和联系方式” is not listed again beside it."""
    from tests.conftest import marketplace_case

    path = marketplace_case(tmp_path, "shop-collected.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["claims"]["extra"] = "要求平台提供这家店的真实经营者名称、地址和联系方式"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    letter = filings_text(prepare(path, Options(out=tmp_path / "out")))["01_平台退款申请书.docx"]
    assert "另提出" not in letter
    assert "向申请人提供该店铺经营者的真实名称、地址和有效联系方式。" in letter


def test_an_advocate_writing_of_the_complainant_in_the_third_person_is_the_teller(tmp_path):
    """A consumer association's advocate writes “学生找群主…”: the account is hers, by role and name (申请人的委托代理人
    吴静), not the student's own words, and not a relative's (家属)."""
    from tests.conftest import sample_data, write_case

    data = sample_data("txvip-rights-mismatch.yaml")
    data["representative"] = {"name": "吴静", "phone": "02787310000", "organisation": "武汉市洪山区消费者协会"}
    data["problems"][0]["description"] = "学生找客服，到账的只有3个月体验会员"
    letter = filings_text(prepare(write_case(tmp_path, data), Options(out=tmp_path / "out")))["01_平台退款申请书.docx"]
    assert "申请人的委托代理人吴静陈述：“学生找客服" in letter
    assert "申请人陈述：“学生" not in letter and "家属" not in letter


def test_a_limit_the_user_puts_on_the_refund_asked_is_no_further_request(tmp_path):
    """“只要退那一个码的15块钱就行” with 15 yuan asked: it says what the requests ask already; no letter quotes it."""
    from tests.conftest import sample_data, write_case

    data = sample_data("txvip-rights-mismatch.yaml")
    data["claims"].update({"refund": 15, "extra": "只要退那一个码的15块钱就行"})
    letter = filings_text(prepare(write_case(tmp_path, data), Options(out=tmp_path / "out")))["01_平台退款申请书.docx"]
    assert "只要退那一个码" not in letter


def test_a_zero_is_no_sum_the_case_asks(tmp_path):
    """“0退” names no sum the case pays or asks (no renewal debit makes 0 a sum): it is not taken for the refund asked
    again, and the letter quotes it as the user wrote it."""
    from tests.conftest import sample_data, write_case

    data = sample_data("txvip-rights-mismatch.yaml")
    data["claims"]["extra"] = "0退"
    prepared = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    assert "extra_restated" not in prepared.analysis.facts
    assert "“0退。”" in filings_text(prepared)["01_平台退款申请书.docx"]


def test_a_husband_writing_that_his_wife_bought_is_the_teller_and_the_year_old_order_not_the_harm(tmp_path):
    """The complainant's sex and the representative's relation are not given, but the accounts say “我老婆…买的”:
    the buyer is the complainant, so the words are her husband's, quoted as his; a renewal a year after the order
    is no failure to deliver (“没收到过任何续费提醒” is a reminder not received), and the 12315 limitation runs
    from that debit."""
    case = case_copy(tmp_path, Path(__file__).parent / "lawyer_cases" / "husband-writes-year-renewal.yaml")
    prepared = prepare(case, Options(out=tmp_path / "out"))
    letter = docx_text(prepared.files["01_平台退款申请书.docx"])
    assert "申请人的丈夫吴建军陈述：“我老婆" in letter and "申请人陈述：“我老婆" not in letter
    post = prepared.files["04_黑猫投诉.txt"].decode("utf-8")
    assert "未交付" not in post
    assert "购买“哔哩哔哩大会员‘年卡特惠’”" in letter  # the product's own quotes nested inside the sentence's
    summary = prepared.files["00_案件概要.txt"].decode("utf-8")
    assert "最迟2029年9月14日" in summary and "最迟2028年9月14日" not in summary


def test_what_the_case_ties_to_the_renewal_is_cited_with_the_account_of_it(tmp_path):
    """A page that never says 连续包年 and a list of notices with no reminder, both `about: [auto_renewal]`, show what
    the account of the renewal tells: cited with it and listed, not left to the summary as unreferred."""
    case = case_copy(tmp_path, Path(__file__).parent / "lawyer_cases" / "husband-writes-year-renewal.yaml")
    prepared = prepare(case, Options(out=tmp_path / "out"))
    labels = {e.description: e.label for e in prepared.analysis.exhibits}
    page, notices = (
        labels["小程序年卡特惠的页面，只写148元/年没写连续包年"],
        labels["我老婆微信服务通知8月到9月的列表，里面没有续费提醒"],
    )
    letter = docx_text(prepared.files["01_平台退款申请书.docx"])
    account = next(line for line in letter.split("\n") if "申请人的丈夫吴建军陈述" in line)
    assert f"才知道。”（见{min(page, notices)}、{max(page, notices)}）" in account
    assert "没有被任何文书引用" not in prepared.files["00_案件概要.txt"].decode("utf-8")


def test_a_small_sum_offered_is_answered_and_the_promise_is_shown_to_cover_the_delivery(tmp_path):
    """A 3-day trial for a “假一赔十” year card, and the shop's “给你退5块钱算了”: the offer is answered as a partial
    refund, and the promise's paragraph says why this delivery is what it promised against."""
    texts = filings_text(lawyer_case(tmp_path, "shop-trial-five-yuan.yaml"))
    for name in ("01_平台退款申请书.docx", "03_12315投诉书.docx"):
        argued = reasons_of(texts[name])
        assert "只同意部分退款" in argued and "给你退5块钱算了" in argued, name
        assert "部分退款不能免除其返还全部价款的责任" in argued, name
        promise = next(p for p in argued.split("\n") if "“假一赔十”" in p)
        assert promise.endswith("所交付的与所售商品不符，正是该承诺所针对的情形，该店铺应按其承诺赔偿。"), name


def test_a_renewal_never_told_is_argued_on_the_notice_duty_and_the_app_screenshot_is_cited(tmp_path):
    """“根本没说会自动续费”, a screenshot of the app with no way to cancel: the notice duty and its consequence are
    argued; the screenshot is cited with the user's account and listed, in public as a renewal page."""
    prepared = lawyer_case(tmp_path, "card-renewal-never-told.yaml")
    texts = filings_text(prepared)
    shot = next(e.label for e in prepared.analysis.exhibits if e.file.endswith("renewal-settings-page.png"))
    for name in ("01_平台退款申请书.docx", "02_支付争议申请.docx", "03_12315投诉书.docx"):
        argued = reasons_of(texts[name])
        assert "对方可以主张该条款不成为合同的内容" in argued and "第四百九十六条第二款" in argued, name
        assert re.search(f"我在app里找了半天都没有取消的地方。”（见[^）]*{shot}", texts[name]), name
        assert f"{shot}\napp里找不到取消续费的截图\n证明app里找不到取消续费\n" in texts[name], name
    post = texts["04_黑猫投诉.txt"]
    assert "自动续费页面截图" in post and "关闭页面" not in post  # the app shows no way to cancel, not a cancellation


def test_a_refusal_that_blames_a_third_party_is_answered_by_the_contract(tmp_path):
    """“平台风控跟我们没关系”: the buyer bought from the shop, which answers for what it delivered
    (民法典第五百七十七条) — alone, quoting the refusal; beside the answer to “虚拟商品不退”, without quoting
    it again."""

    def blames_the_platform(also: str):
        def change(data):
            data["contacts"][0].update(summary=f"店家说“平台风控跟我们没关系”{also}", result="refused")

        return change

    for also, quoted in (("", True), ("，还说虚拟商品不退", False)):
        texts = filings_text(lawyer_case(tmp_path, "shop-trial-five-yuan.yaml", blames_the_platform(also)))
        argued = reasons_of(texts["01_平台退款申请书.docx"])
        if quoted:
            assert "该店铺以“平台风控跟我们没关系”为由拒绝处理，但申请人是向该店铺购买" in argued
        else:
            assert "该店铺将责任归于他人，但申请人是向该店铺购买，该店铺作为合同当事人" in argued
            assert "不得擅自扩大不适用无理由退货的商品范围" in argued
        assert argued.count("第五百七十七条") == 1, also


def test_a_suit_after_a_failed_mediation_states_only_what_happened(tmp_path):
    """Nothing ever sent (the order page, filed as a transaction, shows 待发货) and the mediation ended by the
    office's call: the complaint cites the order page for what arrived, claims no delivery by the defendant for the
    venue, and the call's way is told without brackets in brackets."""
    prepared = lawyer_case(tmp_path, "mediation-ended-nothing-sent.yaml")
    suit = filings_text(prepared)["07_民事起诉状.docx"]
    page = next(e.label for e in prepared.analysis.exhibits if e.file.endswith("shop-redeem-error.png"))
    assert re.search(f"会员一天都没用上。”（见{page}）", suit)
    assert f"{page}\n卡盟订单截图，显示待发货\n证明付款情况、实际交付情况：卡盟订单显示待发货\n" in suit
    assert "原告通过信息网络购买会员服务，所购会员应通过信息网络交付，原告的住所地为合同履行地。" in suit
    assert "被告通过信息网络交付" not in suit
    assert "原告记录（电话，市场监管局工作人员打来）：" in suit
    # the termination argued (民法典第五百六十三条) is asked for first, then what it gives back
    asked = suit.split("一、诉讼请求\n")[1].split("二、事实与理由")[0]
    assert asked.startswith("1．判令解除原告与被告之间的合同。\n2．判令被告全额退还订单价款")


def test_asking_the_bank_what_to_do_is_told_to_the_bank_alone(tmp_path):
    """The call to the card's bank (“客服说可以提交争议交易申请”, result promised) is no answer of the seller's: it is
    told in the dispute to the bank, not in the letters to the platform, the regulator or the mediator."""
    texts = filings_text(lawyer_case(tmp_path, "card-renewal-never-told.yaml"))
    assert "2026年11月20日" in texts["02_支付争议申请.docx"]
    for name in ("01_平台退款申请书.docx", "03_12315投诉书.docx", "06_消协调解申请书.docx"):
        assert "2026年11月20日" not in texts[name] and "争议交易申请" not in texts[name], name


def test_an_offer_of_a_month_is_answered_and_a_threat_is_neither_a_ground_nor_a_block(tmp_path):
    """“共享号就是这样的，最多补你一个月” offers a stretch of membership, not a refund: answered as such; “再闹就拉黑”
    threatens and blocks no one — it is not answered as the ground of a refusal, and the seller, still answering its
    chat, is not sent to the police."""
    prepared = lawyer_case(tmp_path, "shared-account-threatened.yaml")
    texts = filings_text(prepared)
    for name in ("01_平台退款申请书.docx", "03_12315投诉书.docx"):
        argued = reasons_of(texts[name])
        assert "只同意补给部分会员时长" in argued and "最多补你一个月" in argued, name
        assert "补给部分时长不能实现合同目的，不能免除其返还全部价款的责任" in argued, name
        assert "部分退款" not in argued and "以“再闹就拉黑”为由" not in argued, name
    assert "再闹就拉黑" in texts["01_平台退款申请书.docx"]  # the record itself is still told
    assert "09_报警材料.docx" not in prepared.files


def test_an_offer_to_give_back_one_renewal_debit_is_answered_for_the_others(tmp_path):
    """“只能退最近一笔” of two renewal debits: the answer follows the renewal's argument — the others rest on the same
    ground — in the letters that argue it, once."""
    data = sample_data("mango-auto-renewal.yaml")
    data["contacts"][1].update(summary="又被扣了，客服说“只能退最近一笔”", result="partial")
    prepared = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    for name in ("01_平台退款申请书.docx", "02_支付争议申请.docx", "03_12315投诉书.docx"):
        argued = reasons_of(docx_text(prepared.files[name]))
        assert argued.count("只同意退还部分扣款") == 1, name
        assert "客服说‘只能退最近一笔’" in argued and "其余各笔同样应予退还" in argued, name
