"""The ground each filing argues fits the facts, and each amount and exhibit is named for what it is.

Every case here is a sample changed at one point, the way a user would write it; the assertions are
what a lawyer reading the filing checks: which provision answers which refusal, which rule is left out
because it does not fit, what each sum is called, which exhibit is cited for which fact.
"""

import re
from decimal import Decimal

import pytest
import yaml

from generator.law.provisions import fact_words
from generator.pipeline import Options, prepare
from generator.rendering.reading import docx_text
from tests.conftest import MARKETPLACE, ROOT, case_copy, marketplace_case, sample_data, write_case

LETTERS = ("01_平台退款申请书", "02_支付争议申请", "03_12315投诉书", "06_消协调解申请书")
PAYMENT = ROOT / "tests" / "payment_cases"
ROUTE = ROOT / "tests" / "route_cases"


def prepared_of(path, tmp_path):
    return prepare(path, Options(out=tmp_path / "out"))


def word(prepared, stem: str) -> str:
    return docx_text(prepared.files[f"{stem}.docx"])


def text(prepared, stem: str) -> str:
    return prepared.files[f"{stem}.txt"].decode("utf-8")


def reasons(prepared, stem: str) -> str:
    """The argued part of a letter: 理由与依据 up to its attachments."""
    return word(prepared, stem).split("理由与依据", 1)[1].split("附件", 1)[0]


def with_refusal(words: str) -> dict:
    """The rights-mismatch sample, its platform having refused in these words."""
    data = sample_data("txvip-rights-mismatch.yaml")
    data["contacts"][0]["summary"] = f"客服说“{words}”"
    return data


# --- A4: a refusal is answered on what it claims -------------------------------------------


def test_a_refusal_claiming_performance_is_answered_on_non_performance(tmp_path):
    """“已经充值成功，不予退款” says the seller performed: the answer is what arrived (its exhibit) and
    termination for breach, not the format-clause rule."""
    prepared = prepared_of(write_case(tmp_path, with_refusal("已经充值成功，不予退款")), tmp_path)
    shown = next(e.label for e in prepared.analysis.exhibits if e.file.endswith("txvip-membership-page.png"))
    for stem in ("01_平台退款申请书", "03_12315投诉书"):
        argued = reasons(prepared, stem)
        # the membership page shows what arrived; the product page is not cited for it
        assert (
            f"以“已经充值成功，不予退款”为由拒绝处理，但投诉人付款后未能获得所购会员的约定权益（见{shown}）".replace(
                "投诉人", "申请人" if stem.startswith("01") else "投诉人"
            )
            in argued
        ), stem
        assert "第五百六十三条第一款第四项、第五百六十六条第一款" in argued, stem  # the item relied on, no more
        assert "第二十六条" not in argued and "第十九条" not in argued, stem  # no notice, no no-reason-return rule
        assert argued.count("为由拒绝") == 1, stem  # one rebuttal of one refusal
        assert argued.count("有其他违约行为致使不能实现合同目的") == 1, stem  # termination argued once


def test_a_refusal_relying_on_the_sellers_own_rule_is_answered_with_article_26(tmp_path):
    prepared = prepared_of(write_case(tmp_path, with_refusal("本店规定虚拟商品概不退款")), tmp_path)
    argued = reasons(prepared, "01_平台退款申请书")
    assert "以“本店规定虚拟商品概不退款”为由拒绝退款，于法无据" in argued
    assert "《中华人民共和国消费者权益保护法》第二十六条第二款、第三款" in argued and "其内容无效" in argued


def test_the_no_reason_return_exception_is_answered_only_when_the_refusal_invokes_it(tmp_path):
    """“虚拟商品概不退款” invokes the digital-goods exception to no-reason returns: 第二十五条 is answered; a bare
    “不退不换” is the seller's own rule, answered with 第二十六条 alone — no paragraph on an exception never claimed."""
    virtual = prepared_of(write_case(tmp_path / "v", with_refusal("本店规定虚拟商品概不退款")), tmp_path / "v")
    assert "对在线下载的数字化商品的除外规定" in reasons(virtual, "01_平台退款申请书")
    bare = prepared_of(write_case(tmp_path / "b", with_refusal("不退不换")), tmp_path / "b")
    argued = reasons(bare, "01_平台退款申请书")
    assert "以“不退不换”为由拒绝处理，于法无据" in argued and "第二十六条第二款、第三款" in argued
    assert "第二十五条" not in argued and "无理由退货" not in argued.replace("不适用无理由退货的商品范围", "")


def test_a_refusal_both_claiming_performance_and_a_rule_is_rebutted_once_on_both(tmp_path):
    prepared = prepared_of(write_case(tmp_path, with_refusal("已经发货，虚拟商品概不退款")), tmp_path)
    argued = reasons(prepared, "01_平台退款申请书")
    assert argued.count("为由拒绝") == 1
    assert "但申请人付款后未能获得所购会员的约定权益" in argued and "所援引的规则" in argued and "其内容无效" in argued


def test_a_refusal_that_is_neither_is_answered_on_breach(tmp_path):
    """“无效是您自己操作的问题” blames the buyer: answered on the seller's liability for breach (第五百七十七条)."""
    data = sample_data("iqiyi-fraud.yaml")
    data["contacts"][0].update(summary="卖家说“无效是您自己操作的问题”", result="refused")
    argued = reasons(prepared_of(write_case(tmp_path, data), tmp_path), "01_平台退款申请书")
    assert "以“无效是您自己操作的问题”为由拒绝处理，但所购会员未按约定交付" in argued
    assert "第五百七十七条" in argued and "第二十六条" not in argued


@pytest.mark.parametrize("quoted", ['"官方风控，不关我们事"', "「官方风控，不关我们事」"])
def test_a_refusal_quoted_with_the_keyboards_quotes_is_answered_too(tmp_path, quoted):
    """Users quote the other side with "…" or 「…」 as often as with “…”: the words are read as the refusal's and
    answered, quoted in the filing's own “…”."""
    data = sample_data("iqiyi-fraud.yaml")
    data["contacts"][0].update(summary=f"卖家说{quoted}", result="refused")
    argued = reasons(prepared_of(write_case(tmp_path, data), tmp_path), "01_平台退款申请书")
    assert "以“官方风控，不关我们事”为由拒绝处理，但申请人是向贵平台购买，所购会员未按约定交付" in argued


# --- A3: every amount named for what it is ---------------------------------------------------


def test_each_compensation_is_named_in_the_paste_texts(tmp_path):
    """A promised sum is claimed under the promise, the losses as losses — never “依法主张赔偿” for them."""
    prepared = prepared_of(write_case(tmp_path, sample_data("youku-marketplace-promise.yaml")), tmp_path)
    paste = text(prepared, "01_平台退款申请书")
    assert "退款59.90元，另按店铺承诺“假一赔十”赔偿599.00元，并赔偿损失25.00元" in paste
    for name, body in prepared.files.items():
        if name.endswith(".txt"):
            assert "依法主张赔偿" not in body.decode("utf-8"), name
    fraud = prepared_of(write_case(tmp_path / "b", sample_data("iqiyi-fraud.yaml")), tmp_path / "b")
    assert "退款68.00元，另依法增加赔偿500.00元" in text(fraud, "01_平台退款申请书")  # the threefold, so called


# --- B9: provisions that fit ----------------------------------------------------------------


def test_prepayment_only_for_a_term_paid_ahead_and_cut_short(tmp_path):
    """A year paid ahead that stopped after three months is a prepaid service not provided: 第五十三条,
    cited alone as the only provision whose words are quoted; a code bought once is not."""
    data = sample_data("txvip-rights-mismatch.yaml")
    data["order"]["product"] = "腾讯视频VIP年卡（直充）"
    data["problems"][0] = {"type": "rights_mismatch", "description": "用了3个月后会员被收回，后面9个月都用不了"}
    argued = reasons(prepared_of(write_case(tmp_path, data), tmp_path), "01_平台退款申请书")
    assert (
        "“以预收款方式提供商品或者服务的，应当按照约定提供。"
        "未按照约定提供的，应当按照消费者的要求履行约定或者退回预付款”"
    ) in argued
    assert "第五十三条）" in argued and "第二十二条" not in argued
    for sample in ("iqiyi-fraud.yaml", "youku-marketplace-promise.yaml", "txvip-rights-mismatch.yaml"):
        prepared = prepared_of(write_case(tmp_path / sample, sample_data(sample)), tmp_path / sample)
        for stem in LETTERS:
            if f"{stem}.docx" in prepared.files:
                assert "预收款" not in word(prepared, stem) and "第五十三条" not in word(prepared, stem), (sample, stem)


def test_a_person_selling_in_a_chat_group_is_not_held_to_business_rules(tmp_path):
    """No 反不正当竞争法, no complaint-mechanism duties (电子商务法第五十九条, 消保法第十七条), no prepayment
    against a natural person; the false advertising is argued on 消保法第二十条."""
    from tests.test_narrative import identified_group_seller

    data = identified_group_seller()
    data["problems"].append({"type": "fraud", "description": "说是独享账号，其实是很多人共用的号"})
    prepared = prepared_of(write_case(tmp_path, data), tmp_path)
    for name, body in prepared.files.items():
        if name.endswith(".docx") and not name.startswith(("00_", "05_")):
            doc = docx_text(body)
            assert "反不正当竞争法" not in doc, name
            assert "第五十九条" not in doc and "第十七条" not in doc and "预收款" not in doc, name
    argued = reasons(prepared, "03_12315投诉书")
    assert (
        "“应当真实、全面，不得作虚假或者引人误解的宣传”（《中华人民共和国消费者权益保护法》第二十条第一款）"
    ) in argued
    # what was advertised, as the user tells it, against what came — not the bare label “以虚假宣传诱使”
    assert "被投诉人的宣传，据投诉人陈述为“" in argued and "其宣传与实际交付不符，违反了上述规定" in argued
    assert "以虚假宣传诱使" not in argued


def test_complaint_mechanism_duties_are_no_ground_for_a_refund(tmp_path):
    """A seller who stopped answering: the letters claim no breach of a duty without a remedy."""
    prepared = prepared_of(write_case(tmp_path, sample_data("iqiyi-fraud.yaml")), tmp_path)
    for stem in LETTERS:
        doc = word(prepared, stem)
        assert "投诉、举报机制" not in doc and "违反了上述义务" not in doc, stem


# --- B11: the platform's knowledge ------------------------------------------------------------


def test_the_platform_knew_from_the_first_contact_with_it(tmp_path):
    path = marketplace_case(tmp_path, "shop-collected.yaml")
    source = path.read_text(encoding="utf-8").replace(
        "contacts:\n",
        "contacts:\n  - {date: 2026-10-25, with: platform, method: 平台在线客服, "
        "summary: 平台客服说会督促店家处理, result: promised}\n",
        1,
    )
    path.write_text(source, encoding="utf-8")
    argued = reasons(prepared_of(path, tmp_path), "01_平台退款申请书")
    assert "申请人已于2026年10月25日告知贵平台，贵平台自该日起即已知悉" in argued
    assert "本申请送达后" not in argued
    untold = reasons(
        prepared_of(marketplace_case(tmp_path / "b", "shop-collected.yaml"), tmp_path / "b"), "01_平台退款申请书"
    )
    # the shop's own chat is not the platform's knowledge
    assert "本申请送达后，贵平台即已知道该店铺的上述行为" in untold


def test_an_after_sales_request_the_shop_rejected_did_not_tell_the_platform(tmp_path):
    """“拼多多申请仅退款” goes to the shop, which rejected it: the platform itself first heard of the sale the next day,
    from its own service (拼多多官方客服), and the letter dates its knowledge from then; the shop's reason stays the
    shop's in the text pasted to WeChat Pay."""
    prepared = prepared_of(
        case_copy(tmp_path, ROOT / "tests" / "lawyer_cases" / "shop-rejected-refund-request.yaml"), tmp_path
    )
    argued = reasons(prepared, "01_平台退款申请书")
    assert "申请人已于2026年10月18日" in argued and "告知贵平台" in argued
    assert "2026年10月17日（" not in argued and "申请人已于2026年10月17日" not in argued
    pasted = text(prepared, "02_支付争议申请")
    assert "2026年10月17日我通过拼多多申请仅退款联系商家" in pasted


# --- C13: nothing “待查”, what is unknown asked for ----------------------------------------------


def test_a_shops_complaint_does_not_claim_to_name_its_operator(tmp_path):
    prepared = prepared_of(marketplace_case(tmp_path, "shop-collected.yaml"), tmp_path)
    complaint = word(prepared, "03_12315投诉书")
    assert "被投诉人：阿福会员店（“集卡网”平台内店铺，经营者名称未能查明）" in complaint
    assert "载明了投诉人的姓名" not in complaint  # 办法第十条's contents are not claimed
    assert (
        "依法查明被投诉人的经营者，责成“集卡网”平台经营者（杭州集卡网络科技有限公司）提供该店铺经营者的"
        "真实名称、地址和有效联系方式。"
    ) in complaint
    for name, body in prepared.files.items():
        if name.endswith(".txt"):
            assert "待查" not in body.decode("utf-8"), name


# --- C14 and A7: an exhibit cited only for what its description shows ---------------------------


def test_a_recording_is_not_cited_for_a_chat_and_an_ad_not_for_a_failed_code(tmp_path):
    prepared = prepared_of(write_case(tmp_path, sample_data("iqiyi-fraud.yaml")), tmp_path)
    facts = word(prepared, "01_平台退款申请书").split("理由与依据", 1)[0]
    # 证据2 is the ad page, 证据4 a call recording: neither shows the code refused nor the WeChat chat of 9月6日
    assert "兑换时提示‘兑换码无效’。”（见证据2" not in facts
    assert (
        "2026年9月6日，申请人通过微信客服与平台沟通，申请人记录：“告知兑换码无效，要求退款，对方未回复”（见证据3）。"
    ) in facts


def test_a_page_showing_a_ticked_box_is_cited_for_it_not_for_the_advertising(tmp_path):
    """“确认订单页面，自动续费为默认勾选” shows the ticked box, not the advertised words."""
    prepared = prepared_of(write_case(tmp_path, sample_data("mango-auto-renewal.yaml")), tmp_path)
    facts = word(prepared, "01_平台退款申请书").split("理由与依据", 1)[0]
    advertised = re.search(r"据申请人所述，贵平台宣称：“[^”]*”(（见[^）]*）)?。", facts)
    assert advertised and advertised.group(1) is None
    ticked = next(e.label for e in prepared.analysis.exhibits if "默认勾选" in e.description)
    page = next(line for line in facts.split("\n") if line.startswith("关于自动续费扣款"))
    cited = re.search(r"申请关闭后仍被扣费。”（见([^）]*)）", page)
    assert cited and ticked in cited.group(1).split("、")


def test_a_bill_never_proves_the_advertising(prepared_samples):
    for name, prepared in prepared_samples.items():
        summary = text(prepared, "00_案件概要")
        for line in summary.split("\n"):
            if "账单" in line.split("；", 1)[0] and line.startswith("证据"):
                assert "商品宣传" not in line, (name, line)


# --- A7: a refused payment complaint is stepped into, not made afresh -----------------------------


def test_a_refused_wechat_complaint_is_asked_to_be_stepped_into(tmp_path):
    prepared = prepared_of(case_copy(tmp_path, PAYMENT / "renewal-refused-by-merchant.yaml"), tmp_path)
    statement = word(prepared, "02_支付争议申请")
    assert (
        "1．请微信支付介入申请人于2026年11月10日对商户提出的投诉（微信支付投诉商家），就下列交易督促商户退款："
    ) in statement
    # the merchant's answer as recorded, not a label over it, and told once: in the facts, not again in the request
    assert statement.count("“商家回复‘用户已同意自动续费协议’，投诉被驳回”") == 1
    # the merchant answered inside the complaint: it is reported as the merchant's answer, not the channel's
    assert "2026年11月10日，申请人对商户提出投诉（微信支付投诉商家），申请人记录：" in statement
    assert "与支付渠道沟通" not in statement


def test_a_refused_alipay_complaint_is_asked_to_be_reviewed(tmp_path):
    data = sample_data("txvip-rights-mismatch.yaml")
    data["contacts"].append(
        {
            "date": "2026-09-10",
            "with": "payment",
            "method": "支付宝投诉商家",
            "summary": "商家回复“不支持退款”",
            "result": "refused",
        }
    )
    statement = word(prepared_of(write_case(tmp_path, data), tmp_path), "02_支付争议申请")
    assert "请支付宝复核申请人于2026年9月10日对商户提出的投诉（支付宝投诉商家），就下列交易督促商户退款" in statement
    assert statement.count("申请人记录：“商家回复‘不支持退款’”") == 1
    assert "介入" not in statement  # Alipay's own step for it is not confirmed: no path is printed as a rule


# --- C16: the bank is asked to act promptly ----------------------------------------------------


def test_the_bank_statement_asks_for_prompt_handling(tmp_path):
    prepared = prepared_of(case_copy(tmp_path, ROUTE / "visa-closing.yaml"), tmp_path)
    assert "请尽快受理" in word(prepared, "02_支付争议申请")
    assert "请尽快受理，并告知需要提交的材料。" in text(prepared, "02_支付争议申请")


def test_only_the_platform_itself_withholding_the_shop_opens_the_suit(tmp_path):
    """The shop refusing to say who runs it is not the platform failing to disclose it (消保法第四十四条第一款)."""
    path = marketplace_case(tmp_path, "shop-collected.yaml")
    shop_said = path.read_text(encoding="utf-8").replace(
        "contacts:\n",
        "contacts:\n  - {date: 2026-10-24, with: platform, method: 店铺旺旺, "
        "summary: 问店家的经营者名称，店家不肯说, result: refused}\n",
        1,
    )
    path.write_text(shop_said, encoding="utf-8")
    assert "07_民事起诉状.docx" not in prepared_of(path, tmp_path).files
    platform_said = shop_said.replace("method: 店铺旺旺, summary: 问店家", "method: 平台在线客服, summary: 问平台店铺")
    path.write_text(platform_said, encoding="utf-8")
    complaint = word(prepared_of(path, tmp_path / "b"), "07_民事起诉状")
    assert "被告：杭州集卡网络科技有限公司（“集卡网”平台经营者" in complaint
    assert "经原告要求，被告未提供其经营者的身份" in complaint and "案由：网络购物合同纠纷" in complaint


# --- a refusal claiming performance, on case files written for it --------------------------

REFUSAL = ROOT / "tests" / "refusal_cases"
CLAIMED_DELIVERED = "兑换码已发出即视为交易完成，无效是您自己操作的问题"


def refusal_case(name: str, tmp_path):
    return prepared_of(case_copy(tmp_path, REFUSAL / name), tmp_path)


def label_of(prepared, file: str) -> str:
    return next(e.label for e in prepared.analysis.exhibits if e.file.endswith(file))


def court_reasons(prepared) -> str:
    return word(prepared, "07_民事起诉状").split("理由与依据", 1)[1].split("证据和证据来源", 1)[0]


def test_a_code_said_delivered_is_answered_in_every_filing_with_the_exhibit_that_shows_it(tmp_path):
    """“兑换码已发出即视为交易完成”: each filing answers once that what was bought never arrived, citing the redemption
    screenshot (not the bill, the product page or the chat), on termination by 第五百六十三条第一款第四项 and
    restitution by 第五百六十六条第一款 — never the format-clause rule — and argues the seller's own promise once."""
    prepared = refusal_case("code-refused-as-delivered.yaml", tmp_path)
    shown = label_of(prepared, "shop-redeem-error.png")
    chat = label_of(prepared, "fraud-seller-chat.png")
    argued = {stem: reasons(prepared, stem) for stem in LETTERS} | {"07_民事起诉状": court_reasons(prepared)}
    for stem, text_ in argued.items():
        me = "原告" if stem.startswith("07") else "投诉人" if stem.startswith("03") else "申请人"
        answer = f"以“{CLAIMED_DELIVERED}”为由拒绝处理，但{me}付款后未能获得所购会员的约定权益（见{shown}）"
        assert text_.count(answer) == 1, stem
        assert f"{answer}，" in text_ and f"（见{shown}、{chat}）" not in text_, stem
        assert "（《中华人民共和国民法典》第五百六十三条第一款第四项、第五百六十六条第一款）" in text_, stem
        assert text_.count("为由拒绝") == 1 and "第二十六条" not in text_, stem
        assert text_.count("承诺“无效包退”（见") == 1, stem  # the promise: once, with its page
        assert "第十二条" in text_, stem
    annex = word(prepared, "05_法律依据")
    assert "（四）当事人一方迟延履行债务或者有其他违约行为致使不能实现合同目的；" in annex
    assert "因不可抗力致使不能实现合同目的" not in annex  # the items not relied on stay out


def test_a_recharge_said_successful_is_answered_in_the_payment_dispute_with_the_promise(tmp_path):
    """“已经充值成功，不予退款” on a WeChat payment: the payment dispute, which argues no promise otherwise, answers
    the refusal on non-performance (the member-centre screenshot) and then with the seller's “充错包赔”."""
    prepared = refusal_case("recharge-refused.yaml", tmp_path)
    shown = label_of(prepared, "txvip-membership-page.png")
    payment = reasons(prepared, "02_支付争议申请")
    answer = f"以“已经充值成功，不予退款”为由拒绝处理，但申请人付款后未能获得所购会员的约定权益（见{shown}）"
    assert payment.count(answer) == 1
    promise = payment.index("承诺“充错包赔”")
    assert payment.index(answer) < promise and payment.count("承诺“充错包赔”") == 1
    assert "应当向购买商品或者接受服务的消费者履行其所承诺的内容" in payment[promise:]
    for stem in ("01_平台退款申请书", "03_12315投诉书", "06_消协调解申请书"):
        argued = reasons(prepared, stem)
        assert argued.count("为由拒绝处理") == 1 and argued.count("承诺“充错包赔”") == 1, stem
        assert "第五百六十三条第一款第四项" in argued and "第二十六条" not in argued, stem


def test_a_renewal_refused_as_charged_is_answered_on_the_duty_to_give_notice(tmp_path):
    """“已经扣款成功，不予退款” on renewals that no cancellation, ticked box or promise answers: the refusal is answered
    by the duty of prominent notice, argued once, never left standing."""
    prepared = refusal_case("renewal-refused-as-charged.yaml", tmp_path)
    for stem in LETTERS:
        argued = reasons(prepared, stem)
        assert argued.count("以“已经扣款成功，不予退款”为由拒绝退款，但自动续费扣款以经营者履行提示义务为前提") == 1, (
            stem
        )
        assert argued.count("以显著方式提请消费者注意") == 1, stem  # the notice: once, answering the refusal
        assert "第四百九十六条第二款" in argued and "第五百六十三条" not in argued, stem


def test_rescission_for_fraud_is_kept_open_only_in_mediation(tmp_path):
    """Rescission (民法典第一百四十八条) and termination exclude each other: the court complaint pleads termination and
    restitution, the 12315 complaint asks for mediation, so neither reserves rescission; the 消协 request may — on
    the fraud being found, which is for the mediator to find, not a fact the buyer states."""
    prepared = prepared_of(ROOT / "cases" / "iqiyi-fraud.yaml", tmp_path)
    for stem in ("01_平台退款申请书", "03_12315投诉书"):
        assert "第一百四十八条" not in reasons(prepared, stem), stem
    mediation = reasons(prepared, "06_消协调解申请书")
    assert "被申请人的行为经认定构成欺诈的，申请人保留依法请求撤销该交易、返还全部价款的权利。" in mediation
    assert "系受欺诈而购买" not in mediation


# --- a refusal blaming the buyer, a promise set against it ----------------------------------------

BLAMED = "卡密已发货，售出不退，是你自己泄露了卡密"
INDIVIDUAL = ROOT / "tests" / "individual_cases"


def answering_paragraph(argued: str) -> str:
    """The one paragraph of the reasons that answers the seller's refusal."""
    (paragraph,) = [p for p in argued.split("\n") if "为由拒绝" in p]
    return paragraph


def test_a_refusal_blaming_the_buyer_is_answered_on_who_holds_the_codes_record_with_the_promise(tmp_path):
    """“是你自己泄露了卡密”: answered in the refusal's own paragraph — the code failed at once (its screenshot),
    the seller issued it and alone holds the record of where it came from, so the seller is to show it was unused,
    not the buyer that it did not leak it (电子商务法第六十二条); “售出不退” is void (第二十六条); and the page's
    own “无效包换” is set against the refusal there, never again in a paragraph of its own."""
    prepared = refusal_case("code-blamed-on-buyer.yaml", tmp_path)
    failed = label_of(prepared, "shop-redeem-error.png")
    page = label_of(prepared, "fraud-ad-page.png")
    for stem in LETTERS:
        me = "投诉人" if stem.startswith("03") else "申请人"
        argued = reasons(prepared, stem)
        answer = answering_paragraph(argued)
        assert f"以“{BLAMED}”为由拒绝处理，但{me}付款后未能获得所购会员的约定权益（见{failed}）" in answer, stem
        assert f"而非由{me}证明自己未泄露、未误操作" in answer, stem
        assert "“应当提供原始合同和交易记录”（《中华人民共和国电子商务法》第六十二条）" in answer, stem
        assert "第二十六条第二款、第三款" in answer and "“其内容无效”" in answer, stem
        assert f"对此还自行承诺“无效包换”（见{page}），拒绝处理即是不履行其承诺" in answer, stem
        assert "第十二条" in answer, stem
        assert argued.count("承诺“无效包换”") == 1 and argued.count("为由拒绝") == 1, stem


def test_a_refusal_that_blames_no_one_gets_no_burden_sentence(tmp_path):
    prepared = refusal_case("recharge-refused.yaml", tmp_path)
    for stem in LETTERS:
        assert "举证" not in reasons(prepared, stem) and "第六十二条" not in reasons(prepared, stem), stem


def test_a_fraud_claim_states_what_was_advertised_against_what_came(tmp_path):
    """No bare “以虚假宣传诱使…构成虚假宣传”: the advertising as its page shows it and what came instead (what shows
    it), before the threefold is claimed."""
    prepared = refusal_case("code-blamed-on-buyer.yaml", tmp_path)
    failed = label_of(prepared, "shop-redeem-error.png")
    page = label_of(prepared, "fraud-ad-page.png")
    for stem in (*LETTERS, "08_12315举报"):
        argued = reasons(prepared, stem)
        assert "以虚假宣传诱使" not in argued and "其行为构成虚假宣传" not in argued, stem
        if stem == "02_支付争议申请":  # the chargeback rests on the contract ground alone
            continue
        assert f"的宣传为“官方正品，无效包换”（见{page}）" in argued, stem  # what the page shows, proved by it
        assert f"但付款后未能获得所宣传的会员权益（见{failed}），其宣传与实际交付不符" in argued, stem


def test_the_threefold_for_fraud_claims_no_knowledge_the_facts_do_not_show(tmp_path):
    """Having supplied what it delivered does not show the seller knew it was not what it advertised: with no fact
    that shows it (no time of failure, no forgery, no shared account), each letter claiming the increase rests it on
    the advertising against what came — right before it claims the amount — and never says “应当知道”."""
    prepared = refusal_case("code-blamed-on-buyer.yaml", tmp_path)
    for stem in ("01_平台退款申请书", "03_12315投诉书", "06_消协调解申请书"):
        argued = reasons(prepared, stem)
        assert re.search(
            r"\S+以上述宣传内容出售该商品，实际交付的却与宣传不符，\S+据此主张其构成欺诈，要求\S+增加赔偿", argued
        ), stem
        assert "应当知道" not in argued and "所交付之物由" not in argued, stem
    assert "构成欺诈" not in reasons(prepared, "02_支付争议申请")  # the chargeback claims no increase


def test_the_payment_dispute_rests_on_the_contract_ground_not_on_the_advertising_rules(tmp_path):
    """To a payment channel the refund is argued from non-performance (民法典第五百六十三条、第五百六十六条); once
    that is argued, 消保法第二十条第一款 and the unfair-competition rules add nothing to the chargeback and are left
    out — while the 12315 complaint still argues them, after the contract ground."""
    prepared = refusal_case("code-blamed-on-buyer.yaml", tmp_path)
    dispute = reasons(prepared, "02_支付争议申请")
    assert "第五百六十三条第一款第四项" in dispute and "第五百六十六条第一款" in dispute
    assert "第二十条" not in dispute and "反不正当竞争法" not in dispute and "虚假或者引人误解" not in dispute
    complaint = reasons(prepared, "03_12315投诉书")
    assert complaint.index("第五百六十三条") < complaint.index("第二十条第一款")


# --- a person selling in a chat group: the promise, its breach, why the rules reach them -------------


def test_an_individual_sellers_broken_promise_is_argued_in_the_payment_dispute(tmp_path):
    """“掉线包补” on the group notice, then “过两天给你换个号”, a reminder and silence: the statement to the payment
    channel argues why the rules reach a natural person (电子商务法第九条第一款) first, then the delay after 催告 as
    ground for termination and restitution (民法典第五百六十三条第一款第三项), the promise joined to it, once each."""
    prepared = prepared_of(case_copy(tmp_path, INDIVIDUAL / "group-seller-promised-swap.yaml"), tmp_path)
    dispute = reasons(prepared, "02_支付争议申请").strip().split("\n")
    assert dispute[0].startswith("电子商务经营者，“是指通过互联网等信息网络从事销售商品或者提供服务的经营活动的自然人")
    assert "（《中华人民共和国电子商务法》第九条第一款）。卖家虽为自然人" in dispute[0]
    (promise,) = [p for p in dispute if "承诺“掉线包补”" in p]
    assert promise.startswith("卖家于2026年10月4日答复“过两天给你换个号”，此后未再答复；申请人于2026年10月12日催告后")
    assert "经催告后在合理期限内仍未履行" in promise and "卖家还承诺“掉线包补”（见证据2），至今未履行其承诺" in promise
    assert promise.count("过两天给你换个号") == 1  # the answer told once, in the termination, not again for the promise
    assert "第五百六十三条第一款第三项、第五百六十六条第一款" in promise and "第四项" not in promise
    letter = reasons(prepared, "01_平台退款申请书")
    (joined,) = [p for p in letter.split("\n") if "承诺“掉线包补”" in p]
    assert "经催告后在合理期限内仍未履行" in joined and joined.count("过两天给你换个号") == 1
    assert letter.count("经催告后在合理期限内仍未履行") == 1 and letter.count("承诺“掉线包补”") == 1


def test_a_promise_asked_for_and_unanswered_is_argued_as_not_kept(prepared_samples):
    """The group sample: “掉线包补”, and the demand to 补号 left unanswered — argued to the payment channel too."""
    dispute = reasons(prepared_samples["bilibili-wechat-group-seller.yaml"], "02_支付争议申请")
    assert "卖家承诺“掉线包补”（见证据2）；申请人要求其处理后，卖家未予答复，至今未履行其承诺" in dispute
    assert "《中华人民共和国电子商务法》第九条第一款" in dispute


# --- renewals: notice argued only on facts that support it; the promise in every renewal letter ------------


def test_a_renewal_disclosed_on_the_page_is_argued_on_its_cancellation_and_the_promise(tmp_path):
    """The page said “到期自动续费” and the case never says notice was missing: no 实施条例第十条第二款; the refusal is
    answered once by the cancellation and the debits after it, with the promise “可随时取消” in the same paragraph."""
    prepared = refusal_case("renewal-disclosed-cancelled.yaml", tmp_path)
    for stem in LETTERS:
        argued = reasons(prepared, stem)
        assert "以显著方式提请消费者注意" not in argued and "第十条第二款，《中华人民共和国民法典》" not in argued, stem
        assert "实施条例》第十条" not in argued, stem
        answer = answering_paragraph(argued)
        assert "以“系统显示您未取消，扣费不退”为由拒绝退款，但" in answer, stem
        assert "2026年9月1日、10月1日、11月1日的扣款发生在取消之后" in answer, stem
        assert "还自行承诺“可随时取消”，取消之后继续扣款即是不履行其承诺" in answer, stem
        assert argued.count("承诺“可随时取消”") == 1, stem


def test_the_renewal_promise_is_argued_to_the_payment_channel_and_no_tying_rule(prepared_samples):
    """Mango: “可随时取消” is argued in the WeChat Pay statement as in the letter to the platform, each once, joined to
    the debit after cancellation; the ticked box is argued as no prominent notice, not as 搭售 (电子商务法第十九条)."""
    prepared = prepared_samples["mango-auto-renewal.yaml"]
    for stem in ("01_平台退款申请书", "02_支付争议申请", "03_12315投诉书"):
        argued = reasons(prepared, stem)
        (after,) = [p for p in argued.split("\n") if "明确要求取消自动续费" in p]
        assert "承诺“可随时取消”" in after and argued.count("承诺“可随时取消”") == 1, stem
        assert "搭售" not in argued and "《中华人民共和国电子商务法》第十九条" not in argued, stem
        assert "默认勾选也不是以显著方式提请注意" in argued, stem


def test_a_promised_multiple_not_claimed_is_not_argued(tmp_path):
    """“假一赔二” claimed (no fraud asserted): the letters argue it. Once the threefold is claimed and is higher, the
    promise is not what is asked for: the letters do not argue it (it would read as a concession) — the request
    names it only as the lower of the two — while the advertisement still quotes the page as it is."""
    import yaml

    from tests.conftest import MARKETPLACE

    data = yaml.safe_load((MARKETPLACE / "shop-shared-sold-exclusive.yaml").read_text(encoding="utf-8"))
    claimed = prepared_of(write_case(tmp_path / "a", data), tmp_path / "a")
    data["problems"].append({"type": "fraud", "description": "页面写“独享账号”，交付的是多人共用的账号"})
    data["claims"]["punitive_damages"] = True
    weighed = prepared_of(write_case(tmp_path / "b", data), tmp_path / "b")
    argued = re.compile(r"承诺“假一赔二”（见证据\d）")  # the promise argued as a ground (条例第十二条)
    for stem in ("01_平台退款申请书", "03_12315投诉书"):
        assert argued.search(word(claimed, stem)), stem
        letter = word(weighed, stem)
        assert not argued.search(letter) and "按承诺赔偿" not in letter, stem
        assert "增加赔偿人民币500.00元" in letter, stem
        assert "独享账号，假一赔二" in letter, stem  # the page's words are still quoted as the advertising


def test_a_refusal_written_without_quotation_marks_is_answered_too(tmp_path):
    """“客服说肯定是我泄露了码，不退不换” (the user's own account, no quotation marks): the refusal is still
    answered — on who holds the code's records and on the seller's own rule — and named by the record already told
    in the facts, never quoted as the seller's words."""
    data = sample_data("txvip-rights-mismatch.yaml")
    data["contacts"][0]["summary"] = "客服说肯定是我泄露了码被别人用了，不退不换"
    prepared = prepared_of(write_case(tmp_path, data), tmp_path)
    argued = reasons(prepared, "01_平台退款申请书")
    assert "贵平台称是申请人自己的原因，却未提供任何依据" in argued
    assert "以上述沟通中的说法为由拒绝" in argued
    assert "以“" not in argued.split("为由拒绝", 1)[0][-40:]  # no words put in the seller's mouth


MINUTES = REFUSAL / "code-used-minutes-after-payment.yaml"


def test_a_code_failing_minutes_after_payment_answers_the_leak_with_the_times(tmp_path):
    """“肯定是你自己泄露了”, the code failing three minutes after payment: the answer gives the time paid (the order),
    the time it failed (the redemption screenshot's description, cited) and the minutes between, computed — in each
    letter that answers the refusal, once, in the refusal's own paragraph."""
    prepared = refusal_case(MINUTES.name, tmp_path)
    failed = label_of(prepared, "shop-redeem-error.png")
    for stem in (*LETTERS, "07_民事起诉状"):
        me = "原告" if stem.startswith("07") else "投诉人" if stem.startswith("03") else "申请人"
        argued = court_reasons(prepared) if stem.startswith("07") else reasons(prepared, stem)
        timing = f"{me}于2026年10月18日20时15分付款，20时18分兑换即不能使用（见{failed}），相隔仅3分钟"
        assert argued.count(timing) == 1, stem
        assert timing in answering_paragraph(argued), stem


def test_the_times_are_argued_only_as_the_case_gives_them(tmp_path):
    """No minutes from a time the case does not give, nor from a gap beyond rules.yaml's quick_failure.max_minutes;
    a failed_at with its own time is taken as written."""
    source = MINUTES.read_text(encoding="utf-8")
    variants = {
        "later": (source.replace("时间是20:18", "时间是21:15"), None),
        "other-day": (source.replace("failed_at: 2026-10-18", "failed_at: 2026-10-19"), None),
        "no-time": (source.replace("，时间是20:18", ""), None),
        "failed-at-time": (
            source.replace("failed_at: 2026-10-18", "failed_at: 2026-10-18 20:25").replace("，时间是20:18", ""),
            "20时25分兑换即不能使用（见证据",
        ),
    }
    for name, (changed, expected) in variants.items():
        (tmp_path / name).mkdir()
        case = case_copy(tmp_path / name, MINUTES)
        case.write_text(changed, encoding="utf-8")
        argued = reasons(prepare(case, Options(out=tmp_path / name / "out")), "01_平台退款申请书")
        if expected is None:
            assert "相隔仅" not in argued and "分钟" not in argued, name
        else:
            assert expected in argued and "相隔仅10分钟" in argued, name


ADMITTED = "shop-admitted-wrong-code.yaml"


def requests_of(prepared, stem: str) -> str:
    """The numbered requests of a letter: its part 一 (请求事项, 投诉请求 …) up to part 二."""
    return word(prepared, stem).split("一、", 1)[1].split("二、", 1)[0]


def test_a_shops_admission_and_its_partial_offer_are_argued_once_with_the_chat(tmp_path):
    """The shop's service “承认发错了” and offered “最多退50块” because “码已经发出去了”: each letter reports the
    admission
    as the user recorded it, citing the chat, as the shop's own acknowledgement; then answers the offer once —
    what was sent is not what was sold, no performance, no deduction from the price — in the termination paragraph."""
    prepared = prepared_of(marketplace_case(tmp_path, ADMITTED), tmp_path)
    chat = label_of(prepared, "shop-refusal-chat.png")
    for stem in LETTERS:
        argued = reasons(prepared, stem)
        assert argued.count(f"沟通时记录：“客服承认发错了”（见{chat}），即该店铺自认交付有误") == 1, stem
        me = "投诉人" if stem.startswith("03") else "申请人"
        offer = f"只同意部分退款，{me}记录：“要退款的话最多退50块”“说码已经发出去了不能全退”（见{chat}）"
        assert argued.count(offer) == 1, stem
        assert (
            argued.count("不构成履行，不能据此扣减价款") == 1
            and argued.count("部分退款不能免除其返还全部价款的责任") == 1
        ), stem
        (paragraph,) = [p for p in argued.split("\n") if offer in p]
        assert "第五百六十三条第一款第四项" in paragraph and "“自认" not in paragraph, stem
    from generator.filings.documents import exhibit_proves  # the evidence list's 证明内容 column

    exhibit = next(e for e in prepared.analysis.exhibits if e.label == chat)
    # the admission as the user recorded it, by the party that made it — not a label
    assert exhibit_proves(prepared.analysis, exhibit) == "证明2026年10月19日的沟通情况及店铺“乐看影音卡券”承认发错了"


def test_a_further_claim_that_states_rather_than_requests_is_quoted_as_the_users(tmp_path):
    """claims.extra “我没用那个优酷的码，不接受只退50块” is no request: never a numbered request in the filer's voice,
    nor
    a demand in the public post; it is quoted as the user's statement in the facts, once."""
    prepared = prepared_of(marketplace_case(tmp_path, ADMITTED), tmp_path)
    said = "我没用那个优酷的码，不接受只退50块"
    for stem in LETTERS:
        me = "投诉人" if stem.startswith("03") else "申请人"
        assert said not in requests_of(prepared, stem), stem
        assert word(prepared, stem).count(f"{me}另陈述：“{said}。”") == 1, stem
    assert said not in text(prepared, "04_黑猫投诉").split("诉求", 1)[1].split("】", 1)[0]
    form = text(prepared, "03_12315投诉书")  # the user's own form: their words in the description, not a request
    assert f"{said}。" in form.split("【问题描述】", 1)[1].split("【诉求】", 1)[0]
    assert said not in form.split("【诉求】", 1)[1]
    assert said not in word(prepared, "00_案件概要").split("十、提醒", 1)[-1].split("十一", 1)[0]


def test_a_further_claim_that_requests_stays_a_request(tmp_path):
    """“要求平台书面说明兑换码来源” reads as a request: it stays one, in the filer's list, not quoted as a statement."""
    prepared = prepared_of(case_copy(tmp_path, ROOT / "cases" / "txvip-rights-mismatch.yaml"), tmp_path)
    for stem in ("01_平台退款申请书", "03_12315投诉书"):
        assert "要求平台书面说明兑换码来源" in requests_of(prepared, stem), stem
        assert "另陈述" not in word(prepared, stem), stem


def test_only_the_sellers_side_admitting_counts(tmp_path):
    """“客服不承认发错” or the user's own “我以为发错了” is no admission: nothing is argued from it."""
    source = (MARKETPLACE / ADMITTED).read_text(encoding="utf-8")
    for name, summary in {
        "denied": "客服不承认发错了",
        "own": "我以为是我自己输错了，客服说不是他们发错的",
        "blamed": "客服说是你自己的问题",
    }.items():
        (tmp_path / name).mkdir()
        case = marketplace_case(tmp_path / name, ADMITTED)
        case.write_text(source.replace("客服承认发错了，", f"{summary}，"), encoding="utf-8")
        argued = reasons(prepare(case, Options(out=tmp_path / name / "out")), "01_平台退款申请书")
        assert "自认" not in argued, name


ALTERNATIVE = "code-promise-pleaded-in-alternative.yaml"


def test_the_promise_is_pleaded_in_the_alternative_to_the_threefold_as_its_own_item(tmp_path):
    """The threefold (500.00, the floor) claimed over “假一赔三” (297.00): the court complaint claims the 500 without
    the trade-off, then — after the total, which it is not part of — pleads the promise as its own item; the reasons
    argue the promise once; the seller is 被告 throughout; the trade-off is explained in the summary only."""
    prepared = refusal_case(ALTERNATIVE, tmp_path)
    complaint = word(prepared, "07_民事起诉状")
    claims = complaint.split("诉讼请求", 1)[1].split("事实与理由", 1)[0]
    items = [line for line in claims.split("\n") if line.strip()]
    assert any(i.startswith("3．判令被告依法增加赔偿人民币500.00元") and i.endswith("按五百元计算。") for i in items)
    total = next(n for n, i in enumerate(items) if "以上合计人民币599.00元" in i)
    alternative = "如不认定欺诈，请求判令被告按其承诺“假一赔三”赔偿人民币297.00元（大写：贰佰玖拾柒元整）。"
    assert alternative in items[total + 1]
    assert "卖家" not in complaint and "不重复主张" not in complaint
    argued = court_reasons(prepared)
    assert argued.count("承诺“假一赔三”（见证据") == 1 and "如不认定欺诈，被告亦应按其承诺赔偿人民币297.00元" in argued
    assert "不重复主张" in word(prepared, "00_案件概要")


def test_a_plaintiff_without_ethnicity_is_told_in_the_summary_and_one_with_it_has_it(tmp_path):
    """民事诉讼法第一百二十四条 asks for the plaintiff's 民族; the format carries it as complainant.ethnicity: given,
    the plaintiff line shows it; not given, nothing is invented and the summary says to add it."""
    prepared = refusal_case(ALTERNATIVE, tmp_path)
    assert "原告：何静，女，1991年7月21日出生。" in word(prepared, "07_民事起诉状")
    assert "complainant.ethnicity" in word(prepared, "00_案件概要")
    (tmp_path / "with").mkdir()
    case = case_copy(tmp_path / "with", REFUSAL / ALTERNATIVE)
    source = case.read_text(encoding="utf-8")
    case.write_text(
        source.replace('  id_number: "500112199107213429"\n', '  id_number: "500112199107213429"\n  ethnicity: 汉族\n')
    )
    prepared = prepare(case, Options(out=tmp_path / "with" / "out"))
    assert "原告：何静，女，1991年7月21日出生，汉族。" in word(prepared, "07_民事起诉状")
    assert "complainant.ethnicity" not in word(prepared, "00_案件概要")


def test_a_further_claim_is_a_request_only_when_it_reads_as_one(tmp_path):
    """rules.yaml extra_is_request: “希望平台核查该店铺” and “退还差价” ask; “我已经申请过退款了，对方不理” does not."""
    from dataclasses import replace

    from generator.filings.analyse import worded_facts

    case = prepared_of(marketplace_case(tmp_path, ADMITTED), tmp_path).analysis.case
    for extra, asks in {"希望平台核查该店铺": True, "退还差价": True, "我已经申请过退款了，对方不理": False}.items():
        changed = replace(case, claims=replace(case.claims, extra=extra))
        assert ("extra_is_request" in worded_facts(changed)) is asks, extra


def test_a_seller_who_blocked_the_buyer_after_payment_is_answered_on_refusal_by_conduct(tmp_path):
    """Paid, then blocked: the seller showed by its conduct that it will not perform (民法典第五百六十三条第一款
    第二项) — not merely a breach defeating the contract's purpose (第四项), which a silence alone is argued on."""
    blocked = prepared_of(case_copy(tmp_path, INDIVIDUAL / "group-hearsay-reported.yaml"), tmp_path)
    argued = reasons(blocked, "02_支付争议申请")
    assert "又断绝了与申请人的联系，属于“以自己的行为表明不履行主要债务”的情形" in argued
    assert "第五百六十三条第一款第二项" in argued and "第五百六十三条第一款第四项" not in argued
    annex = blocked.files["05_法律依据.txt"].decode("utf-8")
    assert "（二）在履行期限届满前，当事人一方明确表示或者以自己的行为表明不履行主要债务；" in annex

    data = sample_data("iqiyi-fraud.yaml")  # the seller went silent and closed the chat: no blocking
    silent = prepared_of(write_case(tmp_path / "silent", data), tmp_path / "silent")
    assert "以自己的行为表明不履行主要债务" not in reasons(silent, "01_平台退款申请书")


def test_a_further_claim_put_as_an_order_is_a_request(tmp_path):
    """“把我的个人信息从店铺删掉” tells the seller what to do: it stays in the requests, as the user wrote it."""
    from dataclasses import replace

    from generator.filings.analyse import worded_facts

    case = prepared_of(marketplace_case(tmp_path, ADMITTED), tmp_path).analysis.case
    for extra in ("把我的个人信息从店铺删掉", "帮我把自动续费关了"):
        changed = replace(case, claims=replace(case.claims, extra=extra))
        assert "extra_is_request" in worded_facts(changed), extra
    changed = replace(case, claims=replace(case.claims, extra="他把我删了好友"))
    assert "extra_is_request" not in worded_facts(changed)


# --- a renewal refused because the cancellation came too late -----------------------------------------

LATE_CANCEL = "renewal-refused-for-late-cancel.yaml"


def test_a_refusal_for_late_cancellation_is_answered_debit_by_debit(tmp_path):
    """“退订须在扣费前24小时完成”: the debits a month after the in-app cancellation are outside even the seller's own
    rule; the one the next day is answered by the page's “随时可退订”; the cancellation cites its screenshot."""
    prepared = refusal_case(LATE_CANCEL, tmp_path)
    shown = label_of(prepared, "txvip-membership-page.png")
    page = label_of(prepared, "txvip-product-page.png")
    for stem in LETTERS:
        me = "投诉人" if stem.startswith("03") else "申请人"
        argued = reasons(prepared, stem)
        answer = answering_paragraph(argued)
        assert f"{me}已于2026年9月30日关闭自动续费（见{shown}）" in answer, stem  # switched off, as the page shows
        assert "2026年11月1日、12月1日的扣款距取消均已逾一个月，即便按" in answer, stem
        assert "所称须提前24小时取消的规则，也无扣款依据" in answer, stem
        assert "至于2026年10月1日的扣款，" in answer and f"承诺“随时可退订”（见{page}）" in answer, stem
        assert "的扣款发生在取消之后" not in argued and argued.count("随时可退订") == 1, stem
        statement = word(prepared, stem).split("理由与依据", 1)[0]
        assert f"{me}已于2026年9月30日关闭自动续费，页面显示“已关闭自动续费”（见{shown}）。" in statement, stem


def _late_cancel(tmp_path, *changes: tuple[str, str]):
    """The late-cancellation case, with lines of it changed (old, new)."""
    path = case_copy(tmp_path, REFUSAL / LATE_CANCEL)
    source = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in source, old
        source = source.replace(old, new, 1)
    path.write_text(source, "utf-8")
    return prepared_of(path, tmp_path)


SETTINGS_PAGE = "description: 9月30日APP自动续费管理页显示“已关闭自动续费”的截图"
SETTINGS_ENTRY = (
    "  - {file: evidence/txvip-membership-page.png, category: rights_anomaly, "
    + SETTINGS_PAGE
    + ", about: [auto_renewal]}\n"
)
SWITCHED_OFF_ACCOUNT = "9月30号我在APP里关了自动续费，页面显示已关闭，"


def test_a_renewal_switched_off_is_stated_as_done_not_as_a_request(tmp_path):
    """The page shows the renewal switched off: the letters say it was switched off, quoting the page's state as its
    exhibit's description quotes it, the payment channel's paste text and the summary's timeline too. A chat asking
    for it shows a request; with no exhibit, the user's account of the page showing it off decides (nothing quoted
    or cited), and an account saying only that it was asked for stays a request."""
    prepared = _late_cancel(tmp_path)
    paste = text(prepared, "02_支付争议申请")
    assert "（在2026年9月30日关闭自动续费之后）" in paste and "申请取消" not in paste
    assert "2026年9月30日　关闭自动续费" in word(prepared, "00_案件概要")

    unquoted = _late_cancel(tmp_path / "u", (SETTINGS_PAGE, "description: 9月30日APP自动续费管理页已关闭的截图"))
    shown = label_of(unquoted, "txvip-membership-page.png")
    assert f"申请人已于2026年9月30日关闭自动续费（见{shown}）。" in word(unquoted, "01_平台退款申请书")

    chat = _late_cancel(
        tmp_path / "c",
        (
            "category: rights_anomaly, " + SETTINGS_PAGE + ", about: [auto_renewal]",
            "category: communication, description: 9月30日在线客服申请取消自动续费的聊天记录, about: [auto_renewal]",
        ),
    )
    letter = word(chat, "01_平台退款申请书")
    asked = label_of(chat, "txvip-membership-page.png")
    assert f"申请人已于2026年9月30日明确要求取消自动续费（见{asked}）。" in letter and "关闭自动续费，" not in letter
    assert "（在2026年9月30日申请取消自动续费之后）" in text(chat, "02_支付争议申请")

    alone = _late_cancel(tmp_path / "a", (SETTINGS_ENTRY, ""))
    statement = word(alone, "01_平台退款申请书").split("理由与依据", 1)[0]
    assert "申请人已于2026年9月30日关闭自动续费。" in statement and "页面显示“" not in statement

    request = _late_cancel(
        tmp_path / "r", (SETTINGS_ENTRY, ""), (SWITCHED_OFF_ACCOUNT, "9月30号我申请取消了自动续费，")
    )
    assert "申请人已于2026年9月30日明确要求取消自动续费。" in word(request, "01_平台退款申请书")


def test_a_cancellation_time_decides_which_debits_the_notice_covers(tmp_path):
    """Counted from the moment given: cancelled at 8:00 two days before, the next debit is beyond 24 hours too, and
    no debit is left to answer on the promise; cancelled the evening before, that debit may be within them."""
    source = (REFUSAL / LATE_CANCEL).read_text(encoding="utf-8")
    early = case_copy(tmp_path, REFUSAL / LATE_CANCEL)
    early.write_text(
        source.replace("cancel_requested_at: 2026-09-30", "cancel_requested_at: 2026-09-29 08:00"), "utf-8"
    )
    argued = reasons(prepared_of(early, tmp_path), "01_平台退款申请书")
    assert "2026年10月1日、11月1日、12月1日的扣款距取消均不少于2日" in argued  # the first 2 days after, the rest later
    assert "至于" not in argued and "随时可退订" in argued  # the promise still argued, once, after the forced debits
    assert argued.count("随时可退订") == 1


def test_the_letters_plead_the_lower_promise_as_an_alternative_item_after_the_total(tmp_path):
    """The threefold (500.00, the floor) claimed over “假一赔二” (240.00): each letter's request is its amount and
    arithmetic only; the promise follows the total as its own alternative item, outside the total; no request item
    argues why (the summary does)."""
    prepared = refusal_case("threefold-over-promise-in-letters.yaml", tmp_path)
    subjects = {"01_平台退款申请书": "", "03_12315投诉书": "督促被投诉人", "06_消协调解申请书": "被申请人"}
    for stem, subject in subjects.items():
        requests = word(prepared, stem).split("一、", 1)[1].split("二、", 1)[0]  # 请求事项, 投诉请求, 调解请求
        items = [line for line in requests.split("\n") if line.strip()]
        claimed = next(i for i in items if "依法增加赔偿人民币500.00元" in i)
        assert claimed.endswith("计算方式：实付120.00元的三倍为360.00元，不足五百元，按五百元计算。"), stem
        total = next(n for n, i in enumerate(items) if "以上合计人民币620.00元" in i)
        alternative = (
            f"如不认定欺诈，{subject}按承诺“假一赔二”赔偿人民币240.00元（大写：贰佰肆拾元整），即实付120.00元的二倍。"
        )
        assert alternative in items[total + 1], stem
        assert "不重复主张" not in requests, stem
    assert "二者不重复主张" in word(prepared, "00_案件概要")


# --- a part refunded, then the order declared closed -----------------------------------------------


def test_a_part_refunded_and_the_order_declared_closed_are_each_answered_once(tmp_path):
    """The shop refunded 30 and said “这单已经处理完毕”, and had said “3天也用了”: after the partial offer, the reasons
    answer once that a part not accepted does not settle the rest, and that using a trial that was not what was sold
    is no performance to deduct for; the shop's own words are quoted as its own, with the chat."""
    prepared = prepared_of(marketplace_case(tmp_path, "shop-partly-refunded-closed.yaml"), tmp_path)
    chat = label_of(prepared, "shop-refusal-chat.png")
    for stem in LETTERS:
        argued = reasons(prepared, stem)
        settled = f"退还部分价款并称“这单已经处理完毕”（见{chat}），单方宣称了结不能免除其退还其余价款的责任"
        usage = "交付的“腾讯视频VIP 3天体验会员”并非所售商品，不能以“3天也用了”扣减价款。"
        assert argued.count(settled) == 1 and argued.count(usage) == 1, stem
        (paragraph,) = [p for p in argued.split("\n") if "只同意部分退款" in p]
        assert settled in paragraph and usage in paragraph, stem


def test_a_refund_of_part_said_to_close_the_order_is_answered_without_an_offer_worded_as_one(tmp_path):
    """“给你退15块，这单就算处理完了，你都用了3天了”, then 15 refunded: no “只肯退” words, yet each letter answers
    once, in the termination paragraph, the closing and the deduction for use, each quoting the clause that says it;
    the promise paragraph says the shop refunded 15 only, not that it refused to deal with the matter."""
    prepared = prepared_of(marketplace_case(tmp_path, "shop-refunded-part-said-closed.yaml"), tmp_path)
    chat = label_of(prepared, "shop-refusal-chat.png")
    for stem in LETTERS:
        argued = reasons(prepared, stem)
        settled = f"该店铺退还部分价款并称“这单就算处理完了”（见{chat}），单方宣称了结不能免除其退还其余价款的责任。"
        usage = "交付的“哔哩哔哩大会员 3天体验”并非所售商品，不能以“你都用了3天了”扣减价款。"
        assert argued.count(settled) == 1 and argued.count(usage) == 1, stem
        (paragraph,) = [p for p in argued.split("\n") if "致使不能实现合同目的" in p]
        assert settled in paragraph and usage in paragraph, stem
        assert "仅退还15.00元即是不履行其承诺" in argued, stem
        assert "拒绝处理" not in argued, stem


def test_an_offer_with_nothing_refunded_is_answered_as_an_offer(tmp_path):
    """The same case with nothing paid back, the contact coded refused: the shop's “给你退15块” is an offer of a
    part, answered as one — never as a part refunded, nor as a settlement of what was paid back."""
    path = marketplace_case(tmp_path, "shop-refunded-part-said-closed.yaml")
    path.write_text(
        path.read_text(encoding="utf-8").replace("  refunded: 15\n", "").replace("result: partial", "result: refused"),
        encoding="utf-8",
    )
    argued = reasons(prepared_of(path, tmp_path), "01_平台退款申请书")
    assert "该店铺只同意部分退款" in argued and "部分退款不能免除其返还全部价款的责任" in argued
    assert "仅退还" not in argued and "退还部分价款" not in argued
    assert "单方宣称了结" not in argued  # nothing refunded: no part to settle with


@pytest.mark.parametrize(
    ("said", "settled"),
    [
        ("这单就算处理完了", True),
        ("这单已经处理完毕", True),
        ("我们这边已处理", True),
        ("这事到此为止", True),
        ("订单就结束了", True),
        ("还没处理完，请稍等", False),
        ("没有处理完毕", False),
        ("正在处理中", False),
        ("会尽快处理", False),
    ],
)
def test_which_words_close_the_order(said, settled):
    words = next(w for w in fact_words() if w.fact == "seller_declared_settled")
    assert words.found_in([said]) is settled


@pytest.mark.parametrize(
    ("said", "cites"),
    [
        ("你都用了3天了", True),
        ("7天也用了", True),
        ("已经用了五天", True),
        ("你已经用过了", True),
        ("才用了2天就没了", False),  # the buyer's own account
        ("我用了3天", False),
        ("会员还能用3天", False),
    ],
)
def test_which_words_deduct_for_use(said, cites):
    words = next(w for w in fact_words() if w.fact == "seller_cites_usage")
    assert words.found_in([said]) is cites


def test_usage_is_not_answered_where_the_membership_sold_was_what_came(tmp_path):
    """“3天也用了” about the very membership sold (no `delivered`): usage may count, so no answer denies it."""
    path = marketplace_case(tmp_path, "shop-partly-refunded-closed.yaml")
    path.write_text(
        path.read_text(encoding="utf-8").replace("    delivered: 腾讯视频VIP 3天体验会员\n", ""), encoding="utf-8"
    )
    argued = reasons(prepared_of(path, tmp_path), "01_平台退款申请书")
    assert "扣减价款" not in argued and "这单已经处理完毕" in argued


# --- the seller's knowledge, for the threefold ---------------------------------------------------------

KNOWLEDGE = "fraud-knowledge-from-facts.yaml"
SUPPLIER_ONLY = "在出售时即应当知道"


def test_the_sellers_knowledge_is_argued_from_a_code_dead_minutes_after_payment(tmp_path):
    """A code that failed three minutes after payment was dead before it was delivered, and its state was the
    seller's to know when it issued it: that, never “supplied it, so should have known”, carries the threefold."""
    prepared = refusal_case(KNOWLEDGE, tmp_path)
    failed = label_of(prepared, "shop-redeem-error.png")
    for stem in ("01_平台退款申请书", "03_12315投诉书", "06_消协调解申请书"):
        argued = reasons(prepared, stem)
        assert f"兑换码交付后即不能使用（见{failed}），可见交付前已失效" in argued, stem
        assert "其状态" in argued and "发放时即可查知" in argued and SUPPLIER_ONLY not in argued, stem


def test_the_sellers_knowledge_claims_no_more_than_the_facts(tmp_path):
    """A code the user says is forged is argued as forged, as the user's statement; a failure found a day later
    with nothing else argues only that what came was not what was advertised."""
    source = (REFUSAL / KNOWLEDGE).read_text(encoding="utf-8")
    forged = case_copy(tmp_path, REFUSAL / KNOWLEDGE)
    forged.write_text(source.replace("提示“该兑换码已被使用”}", "提示“该兑换码已被使用”，是伪造的码}", 1), "utf-8")
    argued = reasons(prepared_of(forged, tmp_path), "01_平台退款申请书")
    assert "，据申请人陈述系伪造；以伪造之物冒充" in argued and SUPPLIER_ONLY not in argued
    later = case_copy(tmp_path / "later", REFUSAL / KNOWLEDGE)
    later.write_text(
        source.replace("failed_at: 2026-10-18", "failed_at: 2026-10-19").replace("，时间是20:18", ""), "utf-8"
    )
    argued = reasons(prepared_of(later, tmp_path / "later"), "01_平台退款申请书")
    assert "实际交付的却与宣传不符，申请人据此主张其构成欺诈" in argued
    assert "可查知" not in argued and "系伪造" not in argued and SUPPLIER_ONLY not in argued


def test_an_exclusive_account_delivered_shared_argues_the_seller_knew(tmp_path):
    """Sold as “独享账号”, delivered as an account several people use: whether it is shared the seller knows when it
    sells it — that carries the threefold, once."""
    path = marketplace_case(tmp_path, "shop-shared-sold-exclusive.yaml")
    source = path.read_text(encoding="utf-8")
    fraud = source.replace(
        "problems:\n", "problems:\n  - {type: fraud, description: 说是独享号，其实是共享号}\n", 1
    ).replace("claims: {refund: full, promised_compensation: true}", "claims: {refund: full, punitive_damages: true}")
    path.write_text(fraud, encoding="utf-8")
    argued = reasons(prepared_of(path, tmp_path), "03_12315投诉书")
    assert argued.count("宣传为独享，交付的却是与他人共用的账号") == 1
    assert "在出售时即已知晓，属于欺诈" in argued and SUPPLIER_ONLY not in argued


def test_after_a_part_refunded_every_letter_asks_for_the_rest_and_its_items_add_up(tmp_path):
    """118 paid, 30 paid back: each letter asks for the remaining 88 (its arithmetic shows the 30); “以上合计”, where
    there is one, is the sum of the items above it, and no item asks for the whole price."""
    prepared = prepared_of(marketplace_case(tmp_path, "shop-partly-refunded-closed.yaml"), tmp_path)
    for stem in (s for s in LETTERS if not s.startswith("02")):  # the payment channel is asked per transaction
        requests = word(prepared, stem).split("\n一、", 1)[1].split("\n二、", 1)[0]
        assert "退还剩余价款人民币88.00元" in requests and "扣除已退还的30.00元，余88.00元" in requests, stem
        assert "全额退还订单价款" not in requests, stem
        before, total = requests.split("以上合计人民币", 1) if "以上合计" in requests else (requests, "")
        if total:
            items = [Decimal(m) for m in re.findall(r"\n\d．[^\n]*?人民币([\d.]+)元", before)]
            assert Decimal(total.split("元", 1)[0]) == sum(items), stem


def test_forgery_is_argued_only_where_the_users_account_states_it(tmp_path):
    """“绝无伪造” in the advertising, or a doubt (“怀疑是伪造的”), states no forgery: no “系伪造” is argued."""
    source = (REFUSAL / KNOWLEDGE).read_text(encoding="utf-8")
    for n, (old, new) in enumerate(
        (
            ("提示“该兑换码已被使用”}", "提示“该兑换码已被使用”，我怀疑是伪造的码}"),
            ("提示“该兑换码已被使用”}", "提示“该兑换码已被使用”，客服说绝无伪造}"),
        )
    ):
        folder = tmp_path / str(n)
        folder.mkdir()
        case = case_copy(folder, REFUSAL / KNOWLEDGE)
        assert old in source
        case.write_text(source.replace(old, new, 1), "utf-8")
        argued = reasons(prepared_of(case, folder), "01_平台退款申请书")
        assert "系伪造" not in argued, new


def test_a_promise_to_deliver_again_left_unkept_after_reminders_is_argued_on_delay(tmp_path):
    """“这边给您补发”, then two reminders unanswered: the seller delayed its main obligation after 催告
    (民法典第五百六十三条第一款第三项), argued once in place of the purpose that cannot be reached (第四项)."""
    data = sample_data("txvip-rights-mismatch.yaml")
    data["contacts"] = [
        {
            "date": "2026-09-03",
            "with": "platform",
            "method": "在线客服",
            "summary": "客服回“亲，这边给您补发”",
            "result": "promised",
        },
        {
            "date": "2026-09-06",
            "with": "platform",
            "method": "在线客服",
            "summary": "问补发的码什么时候给，没回",
            "result": "no_reply",
        },
        {
            "date": "2026-09-09",
            "with": "platform",
            "method": "在线客服",
            "summary": "又催了一次，已读不回",
            "result": "no_reply",
        },
    ]
    prepared = prepared_of(write_case(tmp_path, data), tmp_path)
    for stem in ("01_平台退款申请书", "02_支付争议申请", "03_12315投诉书"):
        argued = reasons(prepared, stem)
        assert "于2026年9月3日答复“亲，这边给您补发”" in argued
        assert "于2026年9月6日、9月9日催告后" in argued and "经催告后在合理期限内仍未履行" in argued
        assert "第五百六十三条第一款第三项" in argued and "第五百六十三条第一款第四项" not in argued
    # without the reminders the promise alone is no 催告: the ground stays the purpose not reached
    data["contacts"] = data["contacts"][:1]
    alone = reasons(prepared_of(write_case(tmp_path / "alone", data), tmp_path / "alone"), "01_平台退款申请书")
    assert "第五百六十三条第一款第三项" not in alone and "第五百六十三条第一款第四项" in alone


def test_a_part_of_the_price_asked_back_for_what_did_not_come_is_a_price_reduction(tmp_path):
    """The user keeps what came and asks back a part: 减少价款 (民法典第五百八十二条), never termination, which would
    return the whole price and contradict the claim."""
    data = sample_data("txvip-rights-mismatch.yaml")
    data.setdefault("claims", {})["refund"] = 60
    prepared = prepared_of(write_case(tmp_path, data), tmp_path)
    for stem in ("01_平台退款申请书", "02_支付争议申请", "03_12315投诉书"):
        argued = reasons(prepared, stem)
        assert "第五百八十二条" in argued and "请求减少价款，即退还人民币60.00元" in argued, stem
        assert "解除合同" not in argued and "第五百六十三条" not in argued, stem


def test_each_quotation_on_false_advertising_stands_before_the_law_it_is_from(tmp_path):
    """消保法第二十条's words and 反不正当竞争法's own (“作虚假或者引人误解的商业宣传”) are each quoted, in the order
    the two are cited: no words of the one are put before the other's article."""
    from tests.conftest import CASES

    prepared = prepare(case_copy(tmp_path, CASES / "iqiyi-fraud.yaml"), Options(out=tmp_path / "out"))
    complaint = docx_text(prepared.files["03_12315投诉书.docx"])
    assert (
        "“应当真实、全面，不得作虚假或者引人误解的宣传”，对其商品也不得“作虚假或者引人误解的商业宣传”"
        "（《中华人民共和国消费者权益保护法》（以下简称《消费者权益保护法》）第二十条第一款，"
        "《中华人民共和国反不正当竞争法》第九条第一款）"
    ) in complaint


def test_a_seller_that_never_answered_was_contacted_not_negotiated_with(tmp_path):
    """The only contact with the seller went unanswered: the opening says so (经联系，被申请人未予答复), never that
    talks failed (经协商未能解决)."""
    from tests.conftest import CASES

    prepared = prepare(case_copy(tmp_path, CASES / "iqiyi-fraud.yaml"), Options(out=tmp_path / "out"))
    request = docx_text(prepared.files["06_消协调解申请书.docx"])
    assert "与被申请人发生消费者权益争议，经联系，被申请人未予答复，现请求贵会调解。" in request
    assert "协商" not in request


@pytest.mark.parametrize(
    ("later", "ground"),
    [
        ("码一直没发，网站已经打不开了", "以自己的行为表明不履行主要债务"),  # nothing reached the seller: no 催告
        ("码一直没发，又发消息催了，没人回", "经催告后在合理期限内仍未履行"),
    ],
)
def test_a_site_that_closed_after_promising_a_new_code_was_never_reminded(tmp_path, later, ground):
    """“明天给你重新发一个码”, then the site no longer opens: the seller cut the buyer off (民法典第五百六十三条第一款
    第二项); a message to a site that is gone is no 催告, which the letters would otherwise claim on that day."""
    data = sample_data("iqiyi-fraud.yaml")
    way = {"with": "platform", "method": "网站在线客服"}
    promised = {"date": "2026-09-06", **way, "summary": "客服说“明天给你重新发一个码”", "result": "promised"}
    data["contacts"] = [promised, {"date": "2026-09-10", **way, "summary": later, "result": "no_reply"}]
    prepared = prepared_of(write_case(tmp_path, data), tmp_path)
    for stem in ("01_平台退款申请书", "03_12315投诉书"):
        argued = reasons(prepared, stem)
        assert ground in argued
        assert ("催告" in argued) is (ground.startswith("经催告"))


def test_a_marketplace_closing_the_complaint_is_its_own_answer_not_the_shops_refusal(tmp_path):
    """The platform's own service closed the complaint as “商家已处理” with nothing paid: that label is the
    platform's, so no letter answers it as the shop's refusal (“该店铺以“商家已处理”为由拒绝处理”); the letter to the
    platform says it knew from that day and still did not resolve it (电子商务法第三十八条第一款's 未采取必要措施)."""
    path = marketplace_case(tmp_path, "shop-refunded-part-said-closed.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["contacts"][1].update(
        {"method": "申请小二介入", "summary": "小二介入后投诉被关闭了，显示“商家已处理”，但是钱没收到"}
    )
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    prepared = prepared_of(path, tmp_path)
    for stem in LETTERS:
        assert "以“商家已处理”为由" not in reasons(prepared, stem), stem
    assert "贵平台自该日起即已知悉，此后仍未予解决。" in reasons(prepared, "01_平台退款申请书")


def test_a_picture_filed_as_advertising_that_is_no_page_of_the_sellers_shows_what_it_describes(tmp_path):
    """“这家店的差评截图，好几个人都说年卡发的是30天”, filed as advertisement and tied to the fraud: the user's account
    of the fraud cites it, and the summary does not call it uncited."""
    path = marketplace_case(tmp_path, "shop-refunded-part-said-closed.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["problems"].append({"type": "fraud", "description": "这家店评价里好多人都说发的是体验卡，他们是故意的"})
    data["evidence"].append(
        {
            "file": "evidence/fraud-seller-chat.png",
            "category": "advertisement",
            "description": "这家店的差评截图，好几个人都说年卡发的是3天体验",
            "about": ["fraud"],
        }
    )
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    prepared = prepared_of(path, tmp_path)
    reviews = next(e.label for e in prepared.analysis.exhibits if e.description.startswith("这家店的差评截图"))
    letter = word(prepared, "01_平台退款申请书")
    (account,) = [line for line in letter.split("\n") if "这家店评价里好多人都说" in line]
    assert f"{reviews}" in account
    assert "没有被任何文书引用" not in text(prepared, "00_案件概要")


def test_an_offer_of_a_part_coded_as_a_refusal_is_answered_as_the_offer_it_is(tmp_path):
    """The record quotes “只能退30元，不能全退” and the user coded it refused: the seller settled short, it gave no
    ground for refusing — no letter says it refused “以“只能退30元…”为由”; the full refund answers the offer."""
    for stem, argued in letters_after_refusal(tmp_path, "客服说“只能退30元，不能全退”", refund="full").items():
        assert "为由拒绝" not in argued, stem
        assert "部分退款不能免除其返还全部价款的责任" in argued, stem


def letters_after_refusal(tmp_path, summary: str, refund: str | None = None) -> dict[str, str]:
    """The reasons of each letter of the 3-month-trial sample whose one contact, refused, recorded `summary`."""
    data = sample_data("txvip-rights-mismatch.yaml")
    data["contacts"][0].update({"summary": summary, "result": "refused"})
    if refund:
        data["claims"]["refund"] = refund
    prepared = prepared_of(write_case(tmp_path, data), tmp_path)
    return {stem: reasons(prepared, stem) for stem in LETTERS}


def test_a_seller_blaming_the_buyer_for_what_it_sent_admits_what_it_sent_not_a_mistake(tmp_path):
    """“你自己没看清楚，我发的就是体验卡”: the seller owns sending a trial and blames the buyer — the letters say it
    admits what it delivered, never that it admitted delivering wrongly (a sentence its lawyer would quote back)."""
    for stem, argued in letters_after_refusal(tmp_path, "客服说“你自己没看清楚，我发的就是体验卡”").items():
        assert "自认交付有误" not in argued, stem
        assert "却自认交付的是“体验卡”，并非所售商品。" in argued, stem


def test_other_buyers_reviews_back_the_account_and_prove_no_delivery(tmp_path):
    """A screenshot of other buyers' bad reviews tied to the fraud: the user's account cites it, but it is never
    what shows what arrived (the day of failure, the evidence list's 实际交付情况) — it shows what others said."""
    data = sample_data("iqiyi-fraud.yaml")
    data["problems"][0]["description"] += "，评论区好多人都说是假码"
    data["evidence"].append(
        {
            "file": "evidence/shop-extra-bill.png",
            "category": "rights_anomaly",
            "description": "商品评价区别的买家的差评截图，好几个人都说卡密无效",
            "about": ["fraud"],
        }
    )
    prepared = prepared_of(write_case(tmp_path, data), tmp_path)
    reviews = next(e.label for e in prepared.analysis.exhibits if e.description.startswith("商品评价区"))
    letter = word(prepared, "01_平台退款申请书")
    (account,) = [line for line in letter.split("\n") if "评论区好多人都说是假码" in line]
    assert reviews in account.split("。”")[1].split("。")[0]  # cited beside the account
    failed = [line for line in letter.split("\n") if "发现所购会员不能按宣传使用" in line]
    assert failed and all(reviews not in line.split("发现所购会员不能按宣传使用")[1] for line in failed)
    assert "证明其他买家反映的情况：商品评价区别的买家的差评" in letter
    assert "证明实际交付情况：商品评价区" not in letter


def test_an_admission_the_representative_recorded_is_their_record(tmp_path):
    """A daughter wrote the case (“我妈…”): the record of the seller's words is hers — “申请人于…与贵平台沟通，
    申请人的子女周丽记录：…” — not the complainant's (“申请人于…沟通时记录”)."""
    data = sample_data("txvip-rights-mismatch.yaml")
    data["representative"] = {"name": "周丽", "phone": "13900001111"}
    data["problems"][0]["description"] = "我妈买的年卡，到账只有3个月体验会员"
    data["contacts"][0]["summary"] = "客服说“你自己没看清楚，我发的就是体验卡”"
    argued = reasons(prepared_of(write_case(tmp_path, data), tmp_path), "01_平台退款申请书")
    assert "与贵平台沟通，申请人的子女周丽记录：“客服说‘你自己没看清楚，我发的就是体验卡’”" in argued


def test_a_renewal_debit_inside_the_year_already_paid_for_renews_nothing(tmp_path):
    """A year card paid on 8-15, then “renewal” debits from 9-15: each falls inside the term paid for, so it is argued
    as a debit without any agreement (民法典第五百零九条第一款) — also the one before the cancellation, which the
    cancellation cannot answer; a monthly first term renewed at its end is no such debit."""
    source = yaml.safe_load((ROOT / "tests" / "lawyer_cases" / "renewal-three-debits.yaml").read_text(encoding="utf-8"))
    for term, within in ((12, True), (1, False)):
        data = {**source, "order": {**source["order"], "term_months": term, "used_months": term}}
        argued = reasons(prepared_of(write_case(tmp_path, data), tmp_path), "02_支付争议申请")
        said = "2026年9月15日、10月15日、11月15日的扣款都在这一期限之内，并非期满后的续费"
        assert (said in argued) is within, term
        assert ("第五百零九条第一款" in argued) is within, term
