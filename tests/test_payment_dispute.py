"""The payment-dispute statement: a transfer to a person, refusals answered, each debit on its own ground."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline import Options, prepare
from generator.rendering.reading import docx_text
from tests.conftest import write_case

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
    assert "请中国银行核查下列交易的收款账户" in statement
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
    assert "申请人已于2026年10月20日明确要求取消自动续费，2026年11月5日、2026年12月5日的扣款发生在取消之后" in statement
    assert "2026年10月5日、2026年11月5日" not in statement
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
    assert "申请人已于2026年10月20日明确要求取消自动续费，商户此后仍于2026年11月5日、2026年12月5日扣款" in statement


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
    assert (
        "请微信支付介入申请人于2026年11月3日对商户提出的投诉（微信支付投诉商家；申请人记录：“商家在投诉里回复说"
        in statement
    )
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
    assert "2026年11月5日，申请人通过95017客服电话与支付渠道沟通，申请人记录：“客服让我先找商家”" in statement
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
                f"【投诉内容（第{n}笔争议扣款，交易单号{number}，从该笔交易“投诉商家”）】（不超过300字）\n{own}" in main
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


# --- how a person was paid: only as the case says ---------------------------------------------------

PAID = {
    "unsaid": ("通过支付宝向个人收款人实付人民币35.00元", "向个人收款人（“刘芳”）付款", "我向收款人“刘芳”付款35.00元"),
    "scan": (
        "通过支付宝扫描个人收款码实付人民币35.00元",
        "扫描个人收款码（收款人：“刘芳”）付款",
        "我扫描收款人“刘芳”的个人收款码付款35.00元",
    ),
    "transfer": (
        "通过支付宝转账给个人，实付人民币35.00元",
        "向个人（收款人：“刘芳”）转账",
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


def test_two_accounts_are_quoted_separately_in_the_paste_texts(prepared):
    """Two problems' descriptions are two statements: each in its own quotation, never spliced into one."""
    said = text(prepared["stolen-account-transfer"], "02_支付争议申请")
    assert "情况：“对方发来一个账号，第二天就被原主找回登不上了”；“找他退款后被拉黑”。" in said


def test_accounts_cut_to_fit_the_wechat_box_stay_separate_quotations(tmp_path):
    """When the box is too small, whole accounts are kept while they fit and the next one is cut inside its own
    quotes: every quotation opened is closed, and the text fits the box."""
    import yaml

    from generator.law import channels

    data = yaml.safe_load((CASES / "renewal-refused-by-merchant.yaml").read_text(encoding="utf-8"))
    data["problems"].append({"type": "no_response", "description": "后来联系客服" + "一直没有人回复我的消息，" * 12})
    prep = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    limit = channels.fact("wechat.complaint_text_limit").number
    for name in ("02_支付争议申请.txt", "02_支付争议申请_2.txt"):
        said = prep.files[name].decode("utf-8")
        assert len(said) <= limit
        assert "情况：“开通时自动续费是默认勾选的，后来申请取消了还在扣钱”；“后来联系客服一直没有人回复" in said
        assert said.count("“") == said.count("”") and "…”。" in said


def test_a_payee_with_quotes_of_its_own_is_nested_in_the_paste_text_and_the_police_report(tmp_path):
    """`小七会员（收款人实名显示“*小琴”）` inside 收款人“…”: its own quotes become ‘…’, never “…“…”…”."""
    import yaml

    data = yaml.safe_load((CASES / "personal-payee-mode-unsaid.yaml").read_text(encoding="utf-8"))
    data["payment"]["payee"] = "芒果会员（群主，收款人实名显示“*芳”）"
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "personal-payment.png").write_bytes(
        (CASES / "evidence" / "personal-payment.png").read_bytes()
    )
    prep = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    nested = "收款人“芒果会员（群主，收款人实名显示‘*芳’）”"
    assert nested in text(prep, "02_支付争议申请") and nested in word(prep, "09_报警材料")
    assert "显示“*芳”）”" not in text(prep, "02_支付争议申请") + word(prep, "09_报警材料")
