"""The payment-dispute statement: a transfer to a person, refusals answered, each debit on its own ground."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.pipeline import Options, prepare
from generator.rendering.reading import docx_text
from tests.conftest import RECORD, case_copy, write_case

CASES = Path(__file__).parent / "payment_cases"
FORMAL = ("01_平台退款申请书", "02_支付争议申请", "03_12315投诉书")
MERCHANT_WORDS = (
    "投诉商家",
    "商家须在",
    "24小时",
    "72小时",
    "申请平台协助",
    "365",
    "原路退款",
    "督促商户",
    "对该商户",
    "已联系商家",
    "拒付",
    "对订单有疑惑",
)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    return {p.stem: prepare(p, Options(out=out)) for p in sorted(CASES.glob("*.yaml"))}


def drafted(prep, stems=FORMAL) -> list[str]:
    """The filings of `stems` this case calls for (a seller who blocked the buyer gets no refund request)."""
    return [stem for stem in stems if f"{stem}.docx" in prep.files]


def word(prep, stem: str) -> str:
    return docx_text(prep.files[f"{stem}.docx"])


def text(prep, stem: str) -> str:
    return prep.files[f"{stem}.txt"].decode("utf-8")


@pytest.mark.parametrize("name", ["stolen-account-transfer", "card-to-personal-code"])
def test_transfer_to_a_person_is_reported_not_complained_of_as_a_merchant(prepared, name):
    prep = prepared[name]
    payee = prep.analysis.case.payment.payee
    for filing in (word(prep, "02_支付争议申请"), text(prep, "02_支付争议申请")):
        assert not [w for w in MERCHANT_WORDS if w in filing], name
        assert "商户" not in filing
        assert "协助追回款项" in filing and "核查" in filing
        assert f"收款人“{payee}”" in filing or f"收款人：“{payee}”" in filing
    # nor in what the summary says about submitting it: no merchant deadline, no refund window
    summary = text(prep, "00_案件概要")
    assert "原路退款期限" not in summary and "申请平台协助" not in summary and "商家须" not in summary
    assert "投诉商家的受理期限" not in summary and "争议（拒付）申请期限" not in summary
    assert "付款应用受理个人收款码转账争议或被骗举报的期限未经证实，请尽快提交" in summary  # no window invented


def test_wechat_transfer_names_the_hotline_and_the_unconfirmed_menu_only_as_guidance(prepared):
    prep = prepared["stolen-account-transfer"]
    assert "95017" in text(prep, "02_支付争议申请")  # which channel the text is for
    assert "交易被骗" not in word(prep, "02_支付争议申请") + text(prep, "02_支付争议申请")
    assert "“交易被骗”入口（未经证实" in text(prep, "00_案件概要")


def test_no_order_number_is_printed_when_the_case_says_there_is_none(prepared):
    prep = prepared["stolen-account-transfer"]
    for stem in ["00_案件概要", *drafted(prep)]:
        doc = text(prep, stem) + (word(prep, stem) if stem != "00_案件概要" else "")
        assert "无订单号-" not in doc and "订单号：无" not in doc and "订单号无" not in doc, stem
    assert "无订单号" in word(prep, "02_支付争议申请")


def test_a_chat_group_seller_is_a_seller_not_a_platform(prepared):
    prep = prepared["stolen-account-transfer"]
    assert "通过微信私聊联系卖家：对方未答复" in text(prep, "00_案件概要")
    assert "联系平台" not in text(prep, "00_案件概要")


def test_delivery_is_not_denied_when_the_case_does_not_say_nothing_came(prepared):
    """The account came and was taken back: the filings say only that the rights were not obtained."""
    for prep in prepared.values():
        for stem in drafted(prep):
            assert "未按约定提供所售会员" not in word(prep, stem)
    assert "申请人付款后未能获得所购会员的约定权益" in word(prepared["stolen-account-transfer"], "02_支付争议申请")


def test_card_payment_to_a_personal_code_asks_for_no_chargeback(prepared):
    prep = prepared["card-to-personal-code"]
    statement = word(prep, "02_支付争议申请")
    assert "\n银行卡转账争议情况说明\n" in statement
    assert "请中国银行核查收款人" in statement and "就下列交易收款的账户" in statement
    assert "拒付" not in statement + text(prep, "02_支付争议申请")


def test_refusal_relayed_by_the_payment_channel_is_answered_in_every_filing_it_concerns(prepared):
    prep = prepared["renewal-refused-by-merchant"]
    for stem in FORMAL:
        doc = word(prep, stem)
        assert doc.count("以“用户已同意自动续费协议”为由拒绝退款") == 1, stem  # one rebuttal of one refusal
        # default-ticked: no prominent notice (实施条例第十条第二款), not 搭售 — the renewal is of the same service
        assert doc.count("默认勾选不是以显著方式提请注意") == 1, stem
        assert "不得将搭售商品或者服务作为默认同意的选项" not in doc and "第十九条" not in doc, stem
        # conspicuous notice argued once (实施条例第十条第二款), not again under 消保法第二十六条第一款
        assert "第二十六条第一款" not in doc and doc.count("以显著方式提请消费者注意") == 1, stem
        assert "承诺“可随时取消”" in doc, stem  # the promise: 实施条例第十二条
        assert doc.count("应当向购买商品或者接受服务的消费者履行其所承诺的内容") == 1, stem  # argued once


def test_after_cancellation_ground_only_for_the_debits_after_it(prepared):
    prep = prepared["renewal-refused-by-merchant"]
    statement = word(prep, "02_支付争议申请")
    # the platform's service confirmed the cancellation that day (“客服说已经取消”), and nothing in evidence shows
    # that chat: the confirmation is the user's record, the later debits follow it, the merchant holds the record
    assert "申请人已于2026年10月20日明确要求取消自动续费，据申请人记录，客服当即答复已经取消" in statement
    assert "2026年11月5日、12月5日的扣款均在此之后" in statement
    assert "确认已经取消" not in statement and "自己的确认相矛盾" not in statement
    assert "2026年10月20日沟通的记录由商户保存" in statement and "请督促商户提供" in statement
    assert "2026年10月5日、11月5日" not in statement
    first, *later = [text(prep, "02_支付争议申请")] + [text(prep, f"02_支付争议申请_{n}") for n in (2, 3)]
    assert "2026年10月5日被自动续费扣款25.00元（自动续费系开通页面默认勾选）" in first
    assert "取消自动续费之后" not in first
    for t in later:
        assert "（在2026年10月20日申请取消自动续费之后）" in t


def test_platform_refusal_rule_still_needs_a_refusal(tmp_path):
    """Without a refused contact there is nothing to answer: no refusal paragraph."""
    import yaml

    data = yaml.safe_load((CASES / "renewal-refused-by-merchant.yaml").read_text(encoding="utf-8"))
    data["contacts"][1]["result"] = "no_reply"
    prep = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    statement = word(prep, "02_支付争议申请")
    assert "为由拒绝" not in statement
    # the confirmation is the user's record (nothing in evidence shows that chat), the later debits argued on it
    assert "申请人已于2026年10月20日明确要求取消自动续费，据申请人记录，客服当即答复已经取消" in statement
    assert "商户却仍于2026年11月5日、12月5日扣款。取消后仍扣款" in statement
    assert "2026年10月20日沟通的记录由商户保存" in statement


def test_bank_text_names_no_payee_the_case_does_not_give(tmp_path):
    import yaml

    data = yaml.safe_load((CASES / "card-to-personal-code.yaml").read_text(encoding="utf-8"))
    del data["payment"]["payee"], data["payment"]["payee_kind"]
    prep = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    paste = text(prep, "02_支付争议申请")
    assert "收款方" not in paste and "用于在“月光卡盟”平台购买" in paste
    assert "拒付" in paste  # a card purchase from a merchant: a chargeback is the route
    statement = word(prep, "02_支付争议申请")
    assert "电子商务法》（以下简称《电子商务法》）第五十九条" not in statement and "第十七条" not in statement


# --- a complaint already made through WeChat Pay, refused by the merchant inside it ---------------------


REFUSED = ("renewal-refused-by-merchant", "renewal-complaint-long-record")


def _texts(prep) -> list[str]:
    """Every paste text of the payment dispute: the first debit's, then each further debit's file."""
    names = sorted(n for n in prep.files if n.startswith("02_支付争议申请") and n.endswith(".txt"))
    return [prep.files[n].decode("utf-8") for n in names]


@pytest.mark.parametrize("stem", REFUSED)
def test_every_paste_text_names_the_refused_complaint_and_asks_wechat_pay_to_step_in(prepared, stem):
    prep = prepared[stem]
    complaint = next(c for c in prep.analysis.case.contacts if c.party == "payment")
    on = f"{complaint.date.year}年{complaint.date.month}月{complaint.date.day}日"
    texts = _texts(prep)
    assert len(texts) == len(prep.analysis.amounts.disputed)
    for n, text in enumerate(texts):
        assert "已联系商家未解决" not in text  # not as if nothing had happened
        # the merchant's answer is the user's record, no “商家拒绝” pasted over it
        assert f"{on}我已就本订单向商家投诉（{complaint.method}），我的记录：“" in text
        # the assisted debit's text asks WeChat Pay to step into that complaint; each other debit's, for its help
        assert ("请微信支付介入处理该投诉。" if n == 0 else "请微信支付协助处理。") in text
        assert len(text) <= 300
    record = complaint.summary.replace("“", "‘").replace("”", "’")
    if len(record) < 60:  # a short record is quoted whole, as the user wrote it
        assert all(f"我的记录：“{record}”。" in t for t in texts)
    else:  # a long one is cut inside its quotes, its own quotation closed, and the user told
        assert all("…’”。" in t or "…”。" in t for t in texts)
        assert any("受字数限制" in w for w in prep.warnings)


def test_the_statement_asks_wechat_pay_into_the_complaint_the_merchant_refused(prepared):
    statement = docx_text(prepared["renewal-complaint-long-record"].files["02_支付争议申请.docx"])
    ask = "请微信支付介入申请人于2026年11月3日对商户提出的投诉（微信支付投诉商家），就下列交易督促商户退款"
    assert ask in statement
    assert statement.count("申请人记录：“商家在投诉里回复说") == 1  # the record is told once, in the facts
    assert "2026年11月3日，申请人对商户提出投诉（微信支付投诉商家），申请人记录：“" in statement
    assert "与支付渠道沟通" not in statement


def test_the_summary_reports_the_merchants_refusal_not_the_channels(prepared):
    summary = prepared["renewal-complaint-long-record"].files["00_案件概要.txt"].decode("utf-8")
    timeline = [line for line in summary.splitlines() if line.startswith("2026年11月3日　")]
    assert timeline == [
        "2026年11月3日　对商户提出投诉（微信支付投诉商家）：投诉人记录：“"
        + prepared["renewal-complaint-long-record"]
        .analysis.case.contacts[0]
        .summary.replace("“", "‘")
        .replace("”", "’")
        + "”"
    ]
    assert "联系支付渠道：对方拒绝" not in summary


def test_the_channels_own_answer_is_the_channels_not_a_merchant_complaint(tmp_path):
    """A call to WeChat Pay's hotline is no complaint about the merchant: it is reported as the channel's answer,
    and no step sends the user to “申请平台协助” in a complaint that was never made."""
    from tests.conftest import sample_data

    data = sample_data("mango-auto-renewal.yaml")
    data["contacts"].append(
        {
            "date": "2026-11-05",
            "with": "payment",
            "method": "95017客服电话",
            "summary": "客服让我先找商家",
            "result": "refused",
        }
    )
    prep = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    statement = docx_text(prep.files["02_支付争议申请.docx"])
    assert "2026年11月5日，申请人通过95017客服电话与微信支付沟通，申请人记录：“客服让我先找商家”" in statement
    assert "对商户提出投诉" not in statement and "介入申请人" not in statement
    summary = prep.files["00_案件概要.txt"].decode("utf-8")
    assert "2026年11月5日　通过95017客服电话联系支付渠道：投诉人记录：“客服让我先找商家”" in summary
    steps = summary.split("八、维权步骤\n", 1)[1].split("\n九、", 1)[0]
    assert "申请平台协助" not in steps
    # the complaint is still to be made, from each debit's own bill: the hotline call did not make it
    assert "微信支付“账单 → 交易详情 → 对订单有疑惑 → 投诉商家”" in steps
    assert "payment_wechat_split" not in {d["id"] for d in prep.manifest["done"]}
    assert "payment_wechat_split" in {s["id"] for s in prep.manifest["plan"]}
    assert all("已联系商家未解决" in t or "我已就本订单向商家投诉" not in t for t in _texts(prep))


# --- renewal debits through Alipay and a bank card ------------------------------------------------

ALIPAY_DEBITS = (
    ("2026090322001400007777000002", "2026年9月3日", "30.00"),
    ("2026100322001400007777000003", "2026年10月3日", "30.00"),
    ("2026110322001400007777000004", "2026年11月3日", "28.50"),
)


def test_each_alipay_renewal_debit_gets_its_own_merchant_complaint(prepared):
    """Each renewal debit is its own Alipay transaction, complained of from its own bill entry: one text per
    debit, naming that debit only and asking back only what it took, each listed in the manifest."""
    prep = prepared["alipay-renewals-after-cancel"]
    entry = next(e for e in prep.manifest["filings"] if e["kind"] == "payment_dispute")
    assert entry["text_files"] == ["02_支付争议申请.txt", "02_支付争议申请_2.txt", "02_支付争议申请_3.txt"]
    main = text(prep, "02_支付争议申请")
    for n, (number, date, amount) in enumerate(ALIPAY_DEBITS, 1):
        others = [d[0] for d in ALIPAY_DEBITS if d[0] != number]
        own = main if n == 1 else prep.files[f"02_支付争议申请_{n}.txt"].decode("utf-8")
        complaint = own.split("【期望的处理结果")[0] if n == 1 else own
        assert f"交易单号{number}，{date}被自动续费扣款{amount}元" in complaint
        assert f"诉求：退款{amount}元并关闭自动续费。" in complaint
        assert not [o for o in others if o in complaint] and "2026080322001400007777000001" not in complaint
        if n > 1:  # the paste file shows each further debit under its own label, with its own expected result
            assert (
                f"【投诉内容（第{n}笔争议扣款，交易单号{number}，从该笔交易“投诉商家”）】"
                f"（控制在300字以内）\n{own}" in main
            )
            assert f"【期望的处理结果（第{n}笔争议扣款）】\n商家退还该笔交易的{amount}元。" in main
    summary = text(prep, "00_案件概要")
    assert "每笔各投诉一次" in summary and all(d[0] in summary for d in ALIPAY_DEBITS)


def test_card_renewal_debits_are_all_named_in_one_statement_to_the_bank(prepared, tmp_path):
    """A bank card: the issuer is told of every disputed debit in one statement — not of the order payment,
    which was used in full and is not disputed."""
    import yaml

    data = yaml.safe_load((CASES / "alipay-renewals-after-cancel.yaml").read_text(encoding="utf-8"))
    data["payment"].update({"channel": "bank_card", "bank": "招商银行"})
    prep = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    entry = next(e for e in prep.manifest["filings"] if e["kind"] == "payment_dispute")
    assert "text_files" not in entry
    said = text(prep, "02_支付争议申请").split("【向发卡银行说明（电话或柜台）】\n")[1]
    assert said.startswith("您好，我要对招商银行银行卡的三笔交易申请争议处理（拒付）")
    for number, date, amount in ALIPAY_DEBITS:
        assert f"{date}扣款{amount}元（交易单号{number}）" in said
    assert "2026080322001400007777000001" not in said and "9.00元" not in said
    # the bank cannot switch the merchant's renewal off (the case asks to stop it): it is asked to stop the merchant's
    # debits on the card — never to end a 快捷支付 authorisation the case does not say exists
    letter = docx_text(prep.files["02_支付争议申请.docx"])
    assert "停止该商户此后对申请人本卡发起的扣款。" in letter and "快捷支付" not in letter
    assert "关闭申请人账户的自动续费" not in letter


# --- how a person was paid: only as the case says ---------------------------------------------------

PAID = {
    "unsaid": ("通过支付宝向个人收款人实付人民币35.00元", "向个人收款人“刘芳”付款", "我向收款人“刘芳”付款35.00元"),
    "scan": (
        "通过支付宝扫描个人收款码实付人民币35.00元",
        "扫描收款人“刘芳”的个人收款码付款",
        "我扫描收款人“刘芳”的个人收款码付款35.00元",
    ),
    "transfer": (
        "通过支付宝转账给个人，实付人民币35.00元",
        "向个人收款人“刘芳”转账",
        "我向收款人“刘芳”转账35.00元",
    ),
}
EVIDENCE_SAYS = {
    "unsaid": "支付宝付款记录，35元",
    "scan": "支付宝账单，扫个人收款码付款35元",
    "transfer": "支付宝转账记录，35元",
}


@pytest.mark.parametrize("mode", list(PAID))
def test_a_payment_to_a_person_is_worded_as_the_case_says_it_was_made(prepared, tmp_path, mode):
    """A code scanned, a transfer, or neither said: the letter, the paste text and the police report say only
    what the case's own words say — a payee who is a person is no evidence that a code was scanned."""
    import yaml

    data = yaml.safe_load((CASES / "personal-payee-mode-unsaid.yaml").read_text(encoding="utf-8"))
    data["evidence"][0]["description"] = EVIDENCE_SAYS[mode]
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "personal-payment.png").write_bytes(
        (CASES / "evidence" / "personal-payment.png").read_bytes()
    )
    prep = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    fact, intro, statement = PAID[mode]
    letter = word(prep, "02_支付争议申请")
    assert intro in letter and fact in letter
    assert statement in text(prep, "02_支付争议申请")
    assert fact in word(prep, "09_报警材料") and fact in text(prep, "00_案件概要")
    others = [w for m, words in PAID.items() if m != mode for w in words]
    everything = letter + text(prep, "02_支付争议申请") + word(prep, "09_报警材料") + text(prep, "00_案件概要")
    assert not [w for w in others if w in everything]
    if mode != "scan":
        assert "扫描个人收款码" not in everything and "个人收款码收款人" not in word(prep, "09_报警材料")


# --- the user's accounts, each quoted as theirs ----------------------------------------------------


def test_two_accounts_are_quoted_separately_in_the_paste_texts(tmp_path):
    """Two problems' descriptions are two statements: each in its own quotation, never spliced into one (here no
    contact is recorded, so the account of the seller's silence is the user's only word on it)."""
    import yaml

    data = yaml.safe_load((CASES / "stolen-account-transfer.yaml").read_text(encoding="utf-8"))
    data.pop("contacts", None)
    said = text(prepare(write_case(tmp_path, data), Options(out=tmp_path / "out")), "02_支付争议申请")
    assert "实际情况：“对方发来一个账号，第二天就被原主找回登不上了”；“找他退款后被拉黑”。" in said


def test_an_account_the_dated_contacts_tell_is_not_repeated(prepared):
    """“找他退款后被拉黑” (the silence) and the contact of 11月2日 tell the same: the statement to the payment app
    keeps the dated contact, with the user's record, and does not quote the account a second time."""
    said = text(prepared["stolen-account-transfer"], "02_支付争议申请")
    assert "“找他退款后被拉黑”" not in said
    assert "2026年11月2日我通过微信私聊联系卖家，我的记录：“要求退款，对方不回”" in said
    assert "实际情况：“对方发来一个账号，第二天就被原主找回登不上了”。" in said


def test_accounts_cut_to_fit_the_wechat_box_stay_separate_quotations(tmp_path):
    """When the box is too small, whole accounts are kept while they fit and the next one is cut inside its own
    quotes: every quotation opened is closed, and the text fits the box."""
    import yaml

    from generator.law import channels

    data = yaml.safe_load((CASES / "renewal-refused-by-merchant.yaml").read_text(encoding="utf-8"))
    data["problems"].append({"type": "no_response", "description": "后来联系客服" + "一直没有人回复我的消息，" * 12})
    data.pop("contacts", None)  # with no contact recorded, the account of the silence is told, and cut to fit
    prep = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    limit = channels.fact("wechat.complaint_text_limit").number
    for name in ("02_支付争议申请.txt", "02_支付争议申请_2.txt"):
        said = prep.files[name].decode("utf-8")
        assert len(said) <= limit
        assert "情况：“开通时自动续费是默认勾选的，后来申请取消了还在扣钱”；“后来联系客服一直没有人回复" in said
        assert said.count("“") == said.count("”") and "…”。" in said


def test_a_payee_with_a_note_of_the_users_is_quoted_as_the_bill_shows_it_and_the_note_apart(tmp_path):
    """`芒果会员（群主，收款人实名显示“*芳”）`: the quotation holds what the bill shows, never the user's note (nor
    “…“…”…”); the note follows it, as the user's (报案人注明) where the filer speaks, as written in the user's text."""
    import yaml

    data = yaml.safe_load((CASES / "personal-payee-mode-unsaid.yaml").read_text(encoding="utf-8"))
    data["payment"]["payee"] = "芒果会员（群主，收款人实名显示“*芳”）"
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "personal-payment.png").write_bytes(
        (CASES / "evidence" / "personal-payment.png").read_bytes()
    )
    prep = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    assert "收款人“芒果会员”（群主，收款人实名显示“*芳”）" in text(prep, "02_支付争议申请")
    assert "收款人“芒果会员”（报案人注明：群主，收款人实名显示“*芳”）" in word(prep, "09_报警材料")
    assert "显示“*芳”）”" not in text(prep, "02_支付争议申请") + word(prep, "09_报警材料")


# --- what a lawyer checks in the payment dispute: route, addressee, facts, grounds -------------------------


def _quotations(text: str) -> list[str]:
    """The top-level “…” quotations of a text (their own nested ‘…’ kept inside)."""
    return re.findall(r"“([^“”]*)”", text)


def test_a_closed_alipay_complaint_is_put_to_review_not_filed_again(prepared):
    """The user's 支付宝“投诉商家” was refused by the merchant and closed: the paste text is a review statement for
    Alipay's customer service — the transaction, what was advertised and what came, every contact dated with the
    user's record, the closed complaint among them — and asks for that complaint's review, not a new complaint.
    The unconfirmed hotline is no part of it."""
    prep = prepared["alipay-complaint-closed"]
    said = text(prep, "02_支付争议申请")
    assert "【投诉内容（“投诉商家”）】" not in said and "期望的处理结果" not in said
    assert "【复核申请（交易单号2026102022001400001234567890：原“投诉商家”已被关闭" in said
    complaint = "我的记录：“商家回复已发货不退款，支付宝把投诉关闭了”"
    assert f"2026年10月25日我已就本订单向商家投诉（支付宝投诉商家），{complaint}" in said
    assert "2026年10月21日我通过在线客服联系商家，我的记录：“客服说‘卡密已发货，售出不退’”" in said
    # the seller's words, not the buyer's 陈述: the platform's, which sold itself
    # no exhibit shows these words: the user's account of them
    advertised = "平台的宣传（据我所记）：“优酷VIP会员12个月，官方正品兑换码，秒发货”。"
    assert advertised + "实际情况：“兑换码一输入就提示‘该兑换码已被使用’”" in said
    assert said.rstrip().endswith("请支付宝复核上述投诉，督促商家退还该笔交易的118.00元。")
    assert "95188" not in said
    letter = word(prep, "02_支付争议申请")
    assert "1．请支付宝复核申请人于2026年10月25日对商户提出的投诉" in letter
    # and the summary tells the user where it goes: not the 投诉商家 path again
    summary = text(prep, "00_案件概要")
    steps = summary[summary.index("《支付宝交易投诉说明》\n") : summary.index("《投诉书》")]
    assert "点“投诉商家”" not in steps and "不在该笔交易上再次投诉：联系支付宝客服" in steps


def test_what_only_the_seller_can_do_is_not_asked_of_the_payment_company(prepared):
    """“要求平台公开说明兑换码来源” is for the seller: the refund request asks it, the payment dispute does not."""
    prep = prepared["alipay-complaint-closed"]
    extra = "要求平台公开说明兑换码来源"
    assert extra not in word(prep, "02_支付争议申请") and extra not in text(prep, "02_支付争议申请")
    assert extra in word(prep, "01_平台退款申请书")


def test_a_qq_transfer_names_the_app_the_user_paid_through(prepared):
    """“QQ转账” in the user's words: the statement is addressed to QQ钱包（财付通）, the payment sentence says the money
    was transferred through it — never “其他支付方式”, “支付机构”, nor a collection code nobody scanned."""
    prep = prepared["qq-transfer-person"]
    letter, said = word(prep, "02_支付争议申请"), text(prep, "02_支付争议申请")
    assert letter.startswith("QQ钱包（财付通）转账争议情况说明") and "\nQQ钱包（财付通）：\n" in letter
    assert "1．请QQ钱包（财付通）核查收款人“小七”就下列交易收款的账户" in letter
    assert "通过QQ钱包（财付通）转账给个人，实付人民币60.00元" in letter
    assert "支付方式：QQ钱包（财付通）" in letter
    assert "【情况说明（向QQ钱包（财付通）客服反映时使用）】" in said
    assert "我向收款人“小七”转账60.00元" in said
    for filing in (letter, said):
        assert "其他支付方式" not in filing and "支付机构" not in filing
        assert "收款码" not in filing and "扫描" not in filing
    summary = text(prep, "00_案件概要")
    assert "支付方式：QQ钱包（财付通）" in summary and "其他支付方式" not in summary


def test_other_means_the_user_names_not_stay_a_payment_institution(tmp_path):
    """Without words naming the app, nothing is guessed: the letter goes to 支付机构, as before."""
    import yaml

    data = yaml.safe_load((CASES / "qq-transfer-person.yaml").read_text(encoding="utf-8"))
    data["order"]["id"] = "无订单号"
    data["platform"]["name"] = "追剧福利群"
    prep = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    letter = word(prep, "02_支付争议申请")
    assert "QQ钱包" not in letter and "财付通" not in letter
    assert "\n支付机构：\n" in letter
    assert "【情况说明（向付款应用或银行客服反映时使用）】" in text(prep, "02_支付争议申请")


def test_the_bank_is_told_facts_not_problem_labels(prepared):
    """What the issuing bank's agent hears: the advertising and what came instead, in the user's words, and each
    contact as the case records it, dated — not “商户未按约定提供服务（会员权益与宣传不符）”."""
    said = text(prepared["bank-card-contacts"], "02_支付争议申请")
    advertised = "平台的宣传（据我所记）：“B站大会员12个月直充”。"  # a self-operated platform sold it; no page shown
    assert advertised + "实际情况：“充进来的是7天的大会员体验，根本不是年卡”。" in said
    assert "2026年11月6日我通过在线客服联系商户，我的记录：“客服说‘已经充值成功，不予退款’”。" in said
    assert "2026年11月8日我通过电话联系商户，我的记录：“客服说会核实后回电，之后没有下文”。" in said
    assert "未按约定提供服务" not in said and "会员权益与宣传不符" not in said and "未获解决" not in said


def test_the_chargeback_rests_on_non_performance_and_the_complaint_argues_it_first(prepared):
    """To the bank, the refund is argued from non-performance (民法典第五百六十三条、第五百六十六条) alone:
    消保法第二十条第一款 adds nothing to a chargeback and is left out; the 12315 complaint keeps it, after the
    contract ground."""
    prep = prepared["bank-card-contacts"]
    letter = word(prep, "02_支付争议申请")
    reasons = letter[letter.index("（二）理由与依据") : letter.index("附件：")]
    assert "第五百六十三条第一款第四项" in reasons and "第二十条" not in reasons and "虚假或者引人误解" not in reasons
    complaint = word(prep, "03_12315投诉书")
    assert complaint.index("第五百六十三条第一款第四项") < complaint.index("第二十条第一款")


def test_quotations_cut_to_fit_a_box_each_stay_one_statement_of_the_user(tmp_path):
    """Very long accounts and records in Alipay's 300-character box: every text fits, every quotation is the start
    of one of the user's own statements (cut with “…” inside it), never two statements joined in one quotation."""
    import yaml

    from generator.filings.records import nest

    data = yaml.safe_load((CASES / "alipay-renewals-after-cancel.yaml").read_text(encoding="utf-8"))
    data["problems"][0]["description"] = "我在APP里点了取消，" + "页面显示取消成功但还是扣了钱，" * 20
    for c in data["contacts"]:
        c["summary"] = c["summary"] + "，客服一直让我等，" * 10
    prep = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    case = prep.analysis.case
    said_by_user = (*(p.description for p in case.problems), *(c.summary for c in case.contacts))
    statements = [nest(s.strip().rstrip("。")) for s in said_by_user]
    statements.append(nest(case.order.advertised or ""))
    said = text(prep, "02_支付争议申请")
    limit = 300
    boxes = re.findall(r"】（控制在(\d+)字以内）\n([^\n]*)", said)
    assert len(boxes) == 3  # one “投诉商家” per disputed debit
    for box_limit, box in boxes:
        assert int(box_limit) == limit and len(box) <= limit
        users = [q for q in _quotations(box) if q != case.order.product]
        for q in users:
            assert any(s.startswith(q.removesuffix("…")) for s in statements), q
        assert any(q.endswith("…") for q in users)  # shortened, and says so
    assert any("受字数限制" in w for w in prep.warnings)


def test_each_renewal_debit_text_of_the_mango_sample_reads_whole(tmp_path):
    """The sample's two WeChat texts: each within the box, with the user's account and both contacts whole — the
    account of the silence (“客服一直已读不回”) is the contact of 11月1日 and is not squeezed in beside it."""
    sample = Path(__file__).parent.parent / "cases" / "mango-auto-renewal.yaml"
    prep = prepare(sample, Options(out=tmp_path / "out"))
    texts = [prep.files[name].decode("utf-8") for name in ("02_支付争议申请.txt", "02_支付争议申请_2.txt")]
    for said in texts:
        assert len(said) <= 300 and "…" not in said
        assert "情况：“充值页面默认勾选自动续费，且未提示续费金额和扣款时间；申请关闭后仍被扣费”。" in said
        contacted = "我通过小程序在线客服联系商家，我的记录："
        assert f"2026年10月1日{contacted}“要求关闭自动续费，客服答复‘会为您登记处理’”。" in said
        assert f"2026年11月1日{contacted}“再次被扣款后要求退款并关闭续费，客服未回复”。" in said
        assert "已读不回" not in said and "已联系商家未解决" not in said
    assert "（自动续费系开通页面默认勾选）" in texts[0] and "（在2026年10月1日申请取消自动续费之后）" in texts[1]


def test_a_transfer_number_given_as_the_order_number_too_is_said_once(tmp_path):
    """The sample's order id is the transfer record's number: the statement to WeChat Pay names it once, as the
    transaction's, not a second time as an order number."""
    sample = Path(__file__).parent.parent / "cases" / "bilibili-wechat-group-seller.yaml"
    said = text(prepare(sample, Options(out=tmp_path / "out")), "02_支付争议申请")
    number = "10001071012026101019213700012345"
    assert said.count(number) == 1 and f"交易单号{number}" in said and "订单号" not in said


def test_of_several_alipay_debits_only_the_one_whose_complaint_was_closed_is_put_to_review(tmp_path):
    """Three renewal debits; the user's complaint about the October one (its number in the record) was refused and
    closed: that debit goes to Alipay's customer service for review, the two others are each complained of from
    their own bill entry, as before."""
    import yaml

    data = yaml.safe_load((CASES / "alipay-renewals-after-cancel.yaml").read_text(encoding="utf-8"))
    data["contacts"].append(
        {
            "date": "2026-11-12",
            "with": "payment",
            "method": "支付宝投诉商家",
            "summary": "投诉了交易2026100322001400007777000003，商家说续费不退，投诉被关闭",
            "result": "refused",
        }
    )
    prep = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    said = text(prep, "02_支付争议申请")
    assert said.count("【复核申请（交易单号2026100322001400007777000003") == 1
    assert said.count("】（控制在300字以内）") == 2 and said.count("期望的处理结果") == 2
    assert "交易单号2026090322001400007777000002" in said and "交易单号2026110322001400007777000004" in said
    second = prep.files["02_支付争议申请_2.txt"].decode("utf-8")  # the October debit's own text file
    assert "请支付宝复核上述投诉，督促商家退还该笔交易的30.00元。" in second
    summary = text(prep, "00_案件概要")
    assert "点“投诉商家”" in summary and "就交易单号2026100322001400007777000003，原“投诉商家”已被关闭" in summary


def test_every_payment_app_has_its_words_and_its_name():
    """Each app the filings may name (phrases PAYMENT_APPS) is recognised by rules.yaml's words paid_via_<app> and
    named in phrases.yaml payment_apps — a name without words, or words without a name, would never be used."""
    from generator.law import provisions as law
    from generator.phrases import PAYMENT_APPS, say

    facts = {w.fact for w in law.fact_words()}
    for app in PAYMENT_APPS:
        assert f"paid_via_{app}" in facts and f"paid_via_{app}" in law.FACTS
        assert say(f"payment_apps.{app}")
    assert {f for f in facts if f.startswith("paid_via_")} == {f"paid_via_{app}" for app in PAYMENT_APPS}


def test_a_contact_with_the_marketplace_itself_is_not_told_as_one_with_the_merchant(tmp_path):
    """On a marketplace, asking the platform's own service to step in reached the platform, not the shop: the text for
    the payment channel says so (a bank must not read that the merchant refused twice)."""
    from tests.conftest import sample_data

    data = sample_data("youku-marketplace-promise.yaml")
    data["contacts"].append(
        {
            "date": "2026-10-05",
            "with": "platform",
            "method": "平台在线客服（申请平台介入）",
            "summary": "让我再等等",
            "result": "no_reply",
        }
    )
    prep = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    told = prep.files["02_支付争议申请.txt"].decode("utf-8")
    platform = data["platform"]["name"]
    assert f"2026年10月5日我通过平台在线客服（申请平台介入）联系“{platform}”平台" in told
    assert "（申请平台介入）联系商户" not in told and "（申请平台介入）联系商家" not in told


# --- the WeChat texts: whole sentences of the user's, the claim's own facts first ------------------------------

_CUT = re.compile(r"“([^“”]*?[^…’])’?…”")  # a quotation cut short: “…xyz…” (a nested ‘…’ closed before the mark)
_SENTENCE_ENDS = tuple("。！？；")
_CLAUSE_ENDS = tuple("，、：")


def wechat_texts(prepared) -> list[str]:
    names = sorted(n for n in prepared.files if n.startswith("02_支付争议申请") and n.endswith(".txt"))
    return [prepared.files[n].decode("utf-8") for n in names]


def quoted_words(prepared) -> list[str]:
    """Everything of the user's the texts may quote, as the filings quote it (notes to self left out, nested ‘’)."""
    from generator.filings.records import without_own_notes

    case = prepared.analysis.case
    words = [p.description for p in case.problems] + [c.summary for c in case.contacts] + [case.order.advertised]
    return [without_own_notes(w).replace("“", "‘").replace("”", "’") for w in words]


def test_each_wechat_text_fits_cuts_after_whole_sentences_and_states_the_later_debits(tmp_path):
    """Each debit's text fits WeChat Pay's 300 characters and ends on a full stop; a quotation cut short stops after
    a whole sentence of the user's where one fits — else at the end of a clause, or, where not even a clause fits,
    where the room ends; the debit before the cancellation says the cancellation and the debits after it, and why it
    is disputed itself (the hidden terms), before any quotation."""
    prepared = prepare(
        case_copy(tmp_path, RECORD / "renewal-phone-cancel-unrecorded.yaml"), Options(out=tmp_path / "o")
    )
    texts = wechat_texts(prepared)
    assert len(texts) == 3
    originals = quoted_words(prepared)
    cuts = 0
    for t in texts:
        assert len(t) <= 300 and t.rstrip("\n").endswith("。"), t
        for kept in _CUT.findall(t):
            cuts += 1
            whole = next(w for w in originals if w.startswith(kept))
            if kept.endswith(_SENTENCE_ENDS):
                continue  # after a whole sentence
            assert not any(mark in kept for mark in _SENTENCE_ENDS), kept  # a whole sentence fitted: cut after it
            if any(mark in kept for mark in _CLAUSE_ENDS):
                assert whole[len(kept)] in "，、：", kept  # a clause cut where the user's clause ends
    assert cuts  # the accounts do not fit whole: this case tests the cuts
    first = texts[0]
    assert "2026年10月2日被自动续费扣款30.00元（自动续费条款未以显著方式提示）" in first
    later = "我已于2026年10月2日申请取消自动续费，此后仍于2026年11月2日、12月2日被扣款。"
    assert later in first and first.index(later) < first.index("情况：")
    for t in texts[1:]:
        assert "（在2026年10月2日申请取消自动续费之后）" in t and later not in t
        assert "客服口头答复已经帮我取消了……" in t  # the note to self left out, the confirmation kept


def test_the_u10_first_debit_text_no_longer_loses_the_cancellation(tmp_path):
    """The account “…‘到期自动续费25元/月’。9月3号扣了25块…” cut short used to end “。9…”: the cut now falls after
    the sentence, and the cancellation and the debits after it are said in the text itself."""
    import yaml

    data = yaml.safe_load((CASES / "renewal-refused-by-merchant.yaml").read_text(encoding="utf-8"))
    data["problems"][0]["description"] = (
        "买的时候页面上根本没说会自动续费，后来才发现页面最底下有一行灰色小字“到期自动续费25元/月”。10月5号扣了25块，"
        "我10月20号打客服电话说要取消，客服说好的已经给你取消了，结果11月5号、12月5号又各扣了25"
    )
    first = wechat_texts(prepare(write_case(tmp_path, data), Options(out=tmp_path / "out")))[0]
    assert len(first) <= 300
    assert "。1…" not in first and "。9…" not in first
    assert "我已于2026年10月20日申请取消自动续费，此后仍于2026年11月5日、12月5日被扣款。" in first


@pytest.mark.parametrize(
    ("text", "room", "cut"),
    [
        ("第一句很短。第二句要长得多，放不下。", 12, "第一句很短。…"),
        ("没有句号的一段话，逗号之后还有很多字", 14, "没有句号的一段话…"),
        ("完全没有标点的一段很长很长的话", 8, "完全没有标点的…"),
        ("放得下", 10, "放得下"),
    ],
)
def test_a_cut_falls_after_a_whole_sentence(text, room, cut):
    from generator.filings.payment_statement import fit_sentences

    assert fit_sentences(text, room) == cut and len(cut) <= room


# --- a card number where the transaction's reference belongs -----------------------------------


def test_a_card_number_written_as_the_transaction_is_warned_of_at_its_line_and_kept_out_of_public(tmp_path):
    """622848… (a UnionPay issuer number; UnionPay cards need not pass the Luhn check): the case runs, the user is
    told where (line and key) and the summary repeats it; the public post shows no part of it."""
    from click.testing import CliRunner

    from generator.cli import main

    case = case_copy(tmp_path, CASES / "card-number-as-transaction.yaml")
    result = CliRunner().invoke(main, [str(case), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    said = "第9行  payment.transaction_id：交易单号“6228480012345678001”看起来是一个银行卡号"
    assert said in result.output
    folder = next((tmp_path / "out").iterdir())
    assert said in (folder / "00_案件概要.txt").read_text(encoding="utf-8")
    post = (folder / "04_黑猫投诉.txt").read_text(encoding="utf-8") + docx_text(
        (folder / "04_黑猫投诉.docx").read_bytes()
    )
    assert "62284800" not in post and "5678001" not in post


@pytest.mark.parametrize(
    ("number", "card"),
    [
        ("6228480012345678001", True),  # UnionPay issuer number, fails Luhn
        ("4111111111111111", True),  # passes Luhn
        ("4228480012345678001", False),  # neither
        ("4200002000202609010000000002", False),  # a WeChat Pay reference's 28 digits
        ("T2026110510100001", False),
    ],
)
def test_what_looks_like_a_card_number(number, card):
    from generator.filings.analyse import looks_like_card

    assert looks_like_card(number) is card


def test_a_renewal_debits_number_is_named_by_its_own_key():
    from generator.filings.analyse import key_path

    assert key_path(("problems", 0, "charges", 1, "transaction_id")) == "problems[0].charges[1].transaction_id"


def test_a_cut_record_keeps_the_other_sides_words(tmp_path):
    """A box too small for the record: it is told from the clause quoting the seller, marked “…”, not cut at its end
    where the seller's words are."""
    from tests.conftest import sample_data

    data = sample_data("txvip-rights-mismatch.yaml")
    opening = (
        "我先把兑换失败的截图、会员中心的截图、订单详情页的截图和付款记录一张一张都发过去了，"
        "又把兑换码重新输了三遍录了屏，还解释了我是在手机和电视上都试过的，等了很久"
    )
    data["contacts"][0].update(summary=opening + "，客服回“亲，这边给您补发”，让我等一下", result="promised")
    said = text(prepare(write_case(tmp_path, data), Options(out=tmp_path / "out")), "02_支付争议申请")
    box = said.split("【投诉内容（“投诉商家”）】", 1)[1].split("【", 1)[0]
    assert "我的记录：“…客服回‘亲，这边给您补发’" in box and opening not in box


def test_a_report_to_the_police_is_told_to_the_payment_channel(tmp_path):
    """A transfer to a person, already reported to the police: the statement for WeChat Pay's desk says so, dated,
    with the user's record of it."""
    sample = Path(__file__).parents[1] / "cases" / "bilibili-wechat-group-seller.yaml"
    prep = prepare(case_copy(tmp_path, sample), Options(out=tmp_path / "o"))
    police = next(c for c in prep.analysis.case.contacts if c.party == "police")
    said = text(prep, "02_支付争议申请")
    assert f"我已向公安机关报案，我的记录：“{police.summary}”" in said


def test_a_short_box_cuts_the_advertising_before_what_arrived(tmp_path):
    """WeChat's 300 characters cannot hold everything: the advertising gives way first, so the account keeps the
    defect in its second sentence (“兑换提示‘卡密无效’”) instead of stopping after “店家发给我的是一串卡密…”."""
    from tests.conftest import sample_data

    data = sample_data("iqiyi-fraud.yaml")
    data["payment"] = {**data["payment"], "channel": "wechat", "transaction_id": "4200002019202611012147000123"}
    data["order"]["advertised"] = (
        "爱奇艺黄金VIP年卡 官方直充 秒到账 12个月 支持手机电脑平板 不支持电视 售后无忧 假一赔十"
    )
    data["problems"][0]["description"] = (
        "店家发给我的是一串卡密，在爱奇艺里兑换提示‘卡密无效’。问店家说给我换一个，换了还是无效，然后就再也不回消息了"
    )
    data["contacts"].append(
        {
            "date": "2026-09-08",
            "with": "platform",
            "method": "微信客服",
            "summary": "又问了一次，客服说“亲，这个卡密是上游渠道给的，我们也没办法，"
            + "您再等等看能不能给您补一个”，之后再没回",
            "result": "no_reply",
        }
    )
    prepared = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    box = prepared.files["02_支付争议申请.txt"].decode("utf-8").split("\n")[0]
    assert 280 <= len(box) <= 300  # it had to be cut
    assert "“店家发给我的是一串卡密，在爱奇艺里兑换提示‘卡密无效’。" in box


def test_a_marketplaces_own_answer_is_the_platforms_in_the_channels_text(tmp_path):
    """The shop sold, the platform's own service closed the complaint: the text pasted to Alipay says 平台拒绝
    after that record, not 商家拒绝 (the shop did not answer it)."""
    import yaml

    from tests.conftest import marketplace_case

    path = marketplace_case(tmp_path, "shop-refunded-part-said-closed.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["contacts"][1].update({"method": "申请小二介入", "summary": "小二介入后投诉被关闭了，钱没收到"})
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    paste = prepare(path, Options(out=tmp_path / "out")).files["02_支付争议申请.txt"].decode("utf-8")
    assert "小二介入后投诉被关闭了，钱没收到”，平台拒绝" in paste
    assert "钱没收到”，商家拒绝" not in paste


def test_a_police_report_the_advocate_recorded_is_the_advocates_record(tmp_path):
    """A consumer association's advocate wrote the case (“学生本人到派出所报案…”): in the text the student pastes to
    Alipay the report's record is the advocate's, not “我的记录”."""
    from tests.conftest import sample_data

    data = sample_data("txvip-rights-mismatch.yaml")
    data["representative"] = {"name": "吴静", "phone": "02787310000", "organisation": "武汉市洪山区消费者协会"}
    data["problems"][0]["description"] = "学生找客服，到账的只有3个月体验会员"
    data["payment"]["payee_kind"] = "personal"
    data["contacts"].append(
        {
            "date": "2026-09-20",
            "with": "police",
            "method": "到派出所",
            "summary": "学生本人到派出所报案，拿到受案回执",
            "result": "accepted",
        }
    )
    paste = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out")).files["02_支付争议申请.txt"].decode()
    assert "委托代理人的记录：“学生本人到派出所报案" in paste and "我的记录：“学生" not in paste


def test_the_order_the_transactions_list_is_not_numbered_again_in_the_facts(prepared):
    """The statement's 争议交易信息 gives the order number, each transaction's number and the payee: the facts tell
    the purchase without repeating them, nor the renewal total the requests add up."""
    for name, prep in prepared.items():
        if "02_支付争议申请.docx" not in prep.files:
            continue
        letter = docx_text(prep.files["02_支付争议申请.docx"])
        header, facts = letter.split("基本事实", 1)[0], letter.split("基本事实", 1)[1].split("理由与依据", 1)[0]
        case = prep.analysis.case
        assert case.payment.transaction_id in header and case.payment.transaction_id not in facts, name
        if case.payment.payee and case.payment.payee_kind != "personal":
            assert f"收款方为“{case.payment.payee}”" not in facts, name
        if prep.analysis.amounts.renewals:
            assert "合计" not in facts, name


def test_on_a_marketplace_the_dispute_says_the_shop_was_asked_not_the_channels_merchant(tmp_path):
    """The channel's merchant is the marketplace; the buyer asked the shop (and the marketplace's own service): the
    opening says whom, never “已向商户主张权利” for talks with the shop alone."""
    import yaml

    data = yaml.safe_load(
        (Path(__file__).parent / "lawyer_cases" / "shop-trial-five-yuan.yaml").read_text(encoding="utf-8")
    )
    both = docx_text(prepare(write_case(tmp_path, data), Options(out=tmp_path / "out")).files["02_支付争议申请.docx"])
    assert "此前已向平台内店铺和平台主张权利，未获解决" in both
    data["contacts"] = data["contacts"][:1]  # the shop alone
    data["evidence"] = [e for e in data["evidence"] if "2026-11-13" not in map(str, e.get("about", []))]
    shop = docx_text(prepare(write_case(tmp_path, data), Options(out=tmp_path / "out2")).files["02_支付争议申请.docx"])
    assert "此前已向平台内店铺主张权利，未获解决" in shop and "已向商户主张" not in shop


def test_a_cut_complaint_box_keeps_the_advertising_to_an_even_share(tmp_path):
    """The 300-character box cannot hold the advertising, the account and two records whole: the advertising is cut
    no shorter than the others' even share, so the claim (“官方正品”) stays; the unlabelled chat “和客服的聊天记录”
    is cited for both days it was written to the one 在线客服."""
    import yaml

    data = yaml.safe_load(
        (Path(__file__).parent / "lawyer_cases" / "code-invalid-then-blocked.yaml").read_text("utf-8")
    )
    prepared = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    box = text(prepared, "02_支付争议申请").split("【投诉内容（“投诉商家”）】（控制在300字以内）\n")[1].split("\n")[0]
    assert len(box) <= 300 and "官方正品" in box
    assert "（据我所记）" in box and "据本人所述" not in box
    chat = next(e.label for e in prepared.analysis.exhibits if e.file.endswith("fraud-seller-chat.png"))
    assert f"{chat}\n和客服的聊天记录，后面被拉黑了\n证明2026年11月5日、11月7日的沟通情况\n" in docx_text(
        prepared.files["02_支付争议申请.docx"]
    )
