"""Which exhibit a filing cites for which fact when the case does not say (`evidence[].about` absent)."""

import datetime as dt
import re
from decimal import Decimal

import pytest

from generator.case.model import Charge, EvidenceItem, Promise
from generator.filings import exhibit_match as match
from generator.pipeline import Options, prepare
from generator.rendering.reading import docx_text
from tests.conftest import CASES, CITATION, MARKETPLACE, SAMPLES, case_copy, typed_case


class _Exhibit:
    def __init__(self, taken=None, kind="image"):
        self.date = taken
        self.kind = kind


def described(description, category="communication", taken=None, case=None, file="evidence/x.png", kind="image"):
    entry = EvidenceItem(file=file, category=category, description=description)
    return match.describe(entry, _Exhibit(taken, kind), case or typed_case({}))


@pytest.mark.parametrize(
    "text, dates",
    [
        ("9月10日客服答应取消的聊天记录", {(None, 9, 10)}),
        ("2026-10-02 微信支付投诉结果", {(2026, 10, 2)}),
        ("2026年9月1日和2026/10/1的扣款", {(2026, 9, 1), (2026, 10, 1)}),
        ("10月20号到期的会员中心", {(None, 10, 20)}),
        ("和店家的聊天截图", set()),
    ],
)
def test_the_days_a_description_names(text, dates):
    assert described(text).dates == dates


def test_the_amounts_a_description_names():
    assert described("微信账单，首月9.9元和三笔19.9元扣款").amounts == {Decimal("9.9"), Decimal("19.9")}
    assert described("招商银行信用卡账单，¥168").amounts == {Decimal("168")}


CONTACTS = typed_case({"contacts": [{"date": dt.date(2026, 9, 10)}, {"date": dt.date(2026, 10, 2)}]}).contacts


def test_a_chat_of_one_day_shows_that_contact_only():
    chat = described("9月10日客服答应取消的聊天记录")
    assert match.shows_contact(chat, CONTACTS[0], CONTACTS)
    assert not match.shows_contact(chat, CONTACTS[1], CONTACTS)


def test_a_chat_naming_no_day_shows_a_contact_only_when_it_is_the_only_one():
    chat = described("聊天截图")
    assert match.shows_contact(chat, CONTACTS[0], CONTACTS[:1])
    assert not match.shows_contact(chat, CONTACTS[0], CONTACTS)


def test_a_chat_with_the_sellers_side_shows_each_day_it_was_written_to_one_way():
    """“和客服的聊天记录，后面被拉黑了”: the seller's side was written to through 在线客服 on both days — the one chat
    holds both; with a call or another way among them, or naming no side (“聊天截图”), it is no one contact's."""
    chat = described("和客服的聊天记录，后面被拉黑了")
    assert all(match.shows_contact(chat, c, CONTACTS) for c in CONTACTS)  # both through 在线客服
    assert not any(match.shows_contact(described("聊天截图"), c, CONTACTS) for c in CONTACTS)
    ways = typed_case(
        {
            "contacts": [
                {"date": dt.date(2026, 9, 10), "method": "在线客服"},
                {"date": dt.date(2026, 10, 2), "method": "QQ"},
            ]
        }
    ).contacts
    assert not any(match.shows_contact(chat, c, ways) for c in ways)


def test_a_screenshot_taken_on_a_day_shows_that_days_contact_and_never_a_later_one():
    chat = described("聊天截图", taken=dt.date(2026, 9, 10))
    assert match.shows_contact(chat, CONTACTS[0], CONTACTS)
    assert not match.shows_contact(chat, CONTACTS[1], CONTACTS)  # taken before it happened


def test_a_chat_naming_a_contacts_way_and_no_other_shows_that_contact():
    """“支付宝投诉记录” is the record of the complaint made through 支付宝投诉商家, not of a chat with the shop; a
    way both contacts share (在线客服, 旺旺) is one chat that holds both days — left uncited, the record of the
    seller's answers would be in no filing's evidence list."""
    two = typed_case(
        {
            "contacts": [
                {"date": dt.date(2026, 9, 5), "method": "APP在线客服"},
                {"date": dt.date(2026, 10, 3), "with": "payment", "method": "支付宝投诉商家"},
            ]
        }
    ).contacts
    record = described("支付宝投诉记录，商家回复和投诉关闭页面")
    assert match.shows_contact(record, two[1], two) and not match.shows_contact(record, two[0], two)
    same = typed_case(
        {
            "contacts": [
                {"date": dt.date(2026, 9, 5), "method": "在线客服"},
                {"date": dt.date(2026, 9, 20), "method": "在线客服"},
            ]
        }
    ).contacts
    assert all(match.shows_contact(described("与在线客服的聊天记录"), c, same) for c in same)
    short = typed_case({"contacts": [{"date": dt.date(2026, 11, 20), "method": "旺旺"}]}).contacts
    two_ways = [*short, *typed_case({"contacts": [{"date": dt.date(2026, 11, 22), "method": "电话"}]}).contacts]
    assert match.shows_contact(described("和店家的旺旺聊天，店家说退你50"), two_ways[0], two_ways)


@pytest.mark.parametrize(
    "text, category, day, shows",
    [
        ("8月5日APP显示“已取消自动续费”的截图", "rights_anomaly", dt.date(2026, 8, 5), True),
        ("8月5日APP显示“已取消自动续费”的截图", "rights_anomaly", dt.date(2026, 8, 6), False),  # another day
        ("设置页显示自动续费关闭成功", "advertisement", dt.date(2026, 8, 5), True),
        ("会员中心截图，只显示7天体验会员", "rights_anomaly", dt.date(2026, 8, 5), False),
        ("支付宝账单，已取消自动续费后仍扣款", "transaction", dt.date(2026, 8, 5), False),  # a bill shows debits
        ("申请关闭自动续费的客服聊天记录", "communication", dt.date(2026, 8, 5), True),
        ("支付宝投诉记录，商家回复和投诉关闭页面", "communication", dt.date(2026, 8, 5), False),  # the complaint closed
    ],
)
def test_an_exhibit_shows_the_cancellation_when_its_description_says_so(text, category, day, shows):
    assert match.shows_cancellation(described(text, category), day) is shows


def test_a_screenshot_of_the_renewal_cancelled_is_not_what_arrived():
    assert not match.shows_what_arrived(described("APP显示“已取消自动续费”的截图", "rights_anomaly"))
    assert match.shows_what_arrived(described("会员中心截图，只显示7天体验会员", "rights_anomaly"))


def test_a_bill_shows_the_order_only_when_its_amount_and_day_fit():
    order = typed_case({"order": {"price": Decimal("168"), "paid_at": dt.datetime(2026, 8, 15, 9, 30)}}).order
    assert match.shows_order_payment(described("信用卡账单，168元", "transaction"), order)
    assert match.shows_order_payment(described("支付宝账单截图", "transaction"), order)
    assert not match.shows_order_payment(described("月卡账单，30元", "transaction"), order)
    assert not match.shows_order_payment(described("8月20日的账单", "transaction"), order)


def test_the_bill_of_a_loss_never_shows_the_order():
    loss = {"amount": 30, "description": "另买的月卡", "evidence": "./evidence/extra.png"}
    case = typed_case({"claims": {"losses": [loss]}})
    bill = described("另外买的腾讯视频电视端月卡账单", "transaction", case=case, file="evidence/extra.png")
    assert bill.loss_evidence
    order = typed_case({"order": {"price": Decimal("168"), "paid_at": dt.date(2026, 8, 15)}}).order
    assert not match.shows_order_payment(bill, order)


def test_a_page_shows_a_promise_only_when_its_description_quotes_it():
    promises = [Promise(text="假一赔三")]
    assert match.shows_promise(described("商品页面截图，写着“官方直充 假一赔三”", "advertisement"), promises)
    assert not match.shows_promise(described("开通页面截图，自动续费默认勾选", "advertisement"), promises)


def test_a_page_proves_the_advertising_only_when_its_description_quotes_those_very_words():
    said = "B站大会员12个月直充，假一赔三"
    assert match.quotes_advertised(described("商品页面截图，写着“B站大会员12个月直充 假一赔三”", "advertisement"), said)
    assert not match.quotes_advertised(described("商品页面，写着“直充 假一赔三”", "advertisement"), said)
    assert not match.quotes_advertised(described("客服说“B站大会员12个月直充，假一赔三”"), said)  # a chat, not the page


def test_a_debit_bill_shows_the_debits_it_can_be():
    charges = [Charge(date=dt.date(2026, 9, 1), amount=Decimal("19.90"))]
    assert match.shows_debits(described("微信账单，首月9.9元和三笔19.9元扣款", "transaction"), charges)
    assert not match.shows_debits(described("首月付款9.9元的账单", "transaction"), charges)


# --- the filings, as a reader checks each （见证据N） -----------------------------------


def _letter(tmp_path, name: str) -> str:
    prepared = prepare(case_copy(tmp_path, CITATION / name), Options(out=tmp_path / "out"))
    return docx_text(prepared.files["01_平台退款申请书.docx"]), prepared


def _sentence_with(text: str, words: str) -> str:
    return re.search(rf"[^。\n]*{re.escape(words)}[^。\n]*", text)[0]


def test_each_fact_of_the_shop_case_cites_the_exhibit_that_shows_it(tmp_path):
    """证据1 order bill, 证据2 a loss's bill, 证据3 member centre, 证据4 product page, 证据5 chat of 9-11."""
    letter, _ = _letter(tmp_path, "shop-unlabelled-evidence.yaml")
    paid = _sentence_with(letter, "实付人民币120.00元")
    assert "（见证据1）" in paid and "证据2" not in paid  # the loss's bill is no proof of this payment
    assert _sentence_with(letter, "实际到账的是").endswith("（见证据3）")  # not the product page (证据4)
    assert _sentence_with(letter, "2026年9月11日，申请人通过店铺旺旺").endswith("（见证据5）")
    assert "证据" not in _sentence_with(letter, "2026年9月20日，申请人通过平台在线客服")  # no record of that one
    assert "承诺“假一赔三”（见证据4）" in letter
    assert "原因：“为了追剧另外在腾讯视频官方买的月卡。”（见证据2）" in letter


def test_the_evidence_list_says_what_each_unlabelled_exhibit_proves(tmp_path):
    letter, _ = _letter(tmp_path, "shop-unlabelled-evidence.yaml")
    rows = letter.split("证据清单", 1)[1]
    assert "另外在腾讯视频官方买的月卡，30元\n证明所主张的损失（另行支出的费用）" in rows
    assert "9月11日和店家的聊天记录\n证明2026年9月11日的沟通情况" in rows
    assert "商品页面截图，写着“官方直充 假一赔三”\n证明商品宣传内容、商家所作的承诺" in rows  # what it is matched to
    # what the member centre shows, not the problem's label the letter argues from it
    assert "会员中心截图，只显示7天体验会员\n证明实际交付情况：会员中心只显示7天体验会员" in rows
    assert "证明会员权益与宣传不符" not in rows


def test_a_chat_of_one_day_is_not_cited_for_a_contact_of_another(tmp_path):
    """The chat of 10-08 records the first request; the later one of 10-15 has no record in the case."""
    prepared = prepare(case_copy(tmp_path, CITATION / "group-shared-account.yaml"), Options(out=tmp_path / "out"))
    text = docx_text(prepared.files["02_支付争议申请.docx"]) + docx_text(prepared.files["00_案件概要.docx"])
    later = re.findall(r"(?:2026年)?10月15日[，的][^；。]*[；。]", text)  # alone, or an entry of a series
    assert later and not any("证据" in said for said in later), later
    assert "“要求退款，对方不回复”（见证据2）" in text


def test_a_product_page_is_not_cited_for_what_was_credited(tmp_path):
    """The page the user ties to the mismatch shows what was sold; what arrived needs the account's own record."""
    prepared = prepare(case_copy(tmp_path, MARKETPLACE / "shop-collected.yaml"), Options(out=tmp_path / "out"))
    letter = docx_text(prepared.files["01_平台退款申请书.docx"])
    page = re.search(r"(证据\d)\n商品页面，写着", letter)[1]
    credited = _sentence_with(letter, "实际到账的是")
    assert page not in credited, credited
    # the page quotes words of the advertising: those are stated as what it shows, alone (no hedged retelling)
    shown = f"商品页面载明“官方直充 年卡 假一赔十”（见{page}）"
    assert f"{shown}。" in letter and "该页面宣称" not in letter


def test_the_page_quoting_the_advertising_proves_it_and_the_letter_drops_the_users_report(tmp_path):
    """Where the screenshot's description quotes the page word for word, the letter states what the page says (with
    the exhibit) instead of what the buyer reports it says; in the reasons too."""
    case = case_copy(tmp_path, MARKETPLACE / "shop-collected.yaml")
    shipped, verbatim = "写着“官方直充 年卡 假一赔十”", "写着“官方直充优酷VIP年卡，12个月，假一赔十”"
    case.write_text(case.read_text(encoding="utf-8").replace(shipped, verbatim), encoding="utf-8")
    prepared = prepare(case, Options(out=tmp_path / "out"))
    letter = docx_text(prepared.files["01_平台退款申请书.docx"])
    page = re.search(r"(证据\d)\n商品页面，写着", letter)[1]
    assert f"。商品页面宣称：“官方直充优酷VIP年卡，12个月，假一赔十”（见{page}）" in letter
    assert "据申请人所述，商品页面宣称" not in letter
    reasons = docx_text(prepared.files["03_12315投诉书.docx"])
    assert f"的宣传为“官方直充优酷VIP年卡，12个月，假一赔十”（见{page}）" in reasons
    assert "陈述为“官方直充" not in reasons


@pytest.mark.parametrize("name", sorted(p.name for p in CITATION.glob("*.yaml")))
def test_each_citation_case_runs_as_shipped_with_its_own_evidence(name, tmp_path):
    """The case file names evidence files that are in the repository beside it, so it runs where it lies."""
    from generator.case.load import load_case

    case_file = CITATION / name
    for entry in load_case(case_file).data["evidence"]:
        assert (case_file.parent / entry["file"]).is_file(), entry["file"]
    prepared = prepare(case_file, Options(out=tmp_path / "out"))
    assert "02_支付争议申请.txt" in prepared.files and "00_案件概要.txt" in prepared.files


@pytest.mark.parametrize("case", SAMPLES, ids=lambda p: p.stem)
def test_the_advertising_is_never_cited_to_a_bill(tmp_path, case):
    """A bill shows what was bought and paid, not what the seller advertised — even one the user ties to the order."""
    prepared = prepare(case_copy(tmp_path, case), Options(out=tmp_path / "out"))
    bills = {
        e.number
        for e in prepared.analysis.exhibits
        if prepared.analysis.case.evidence[e.index].category == "transaction"
    }
    for name, data in prepared.files.items():
        if not name.endswith(".txt"):
            continue
        for said in re.findall(r"(?:商品页面|卖家|贵平台|贵方)宣称：“[^”]*”（见([^）]*)）", data.decode("utf-8")):
            cited = {int(n) for n in re.findall(r"证据(\d+)", said)}
            assert not cited & bills, (name, said)


def test_an_exhibit_matched_to_nothing_is_described_not_said_to_prove_anything(tmp_path):
    """A chat screenshot naming no day in a case of two contacts, and a page described only as “活动页截图”, match no
    fact: the lists say they prove what they hold and claim nothing of their category (never “证明已与平台协商维权…”);
    the bill and the member-centre screenshot say what they are matched to."""
    prepared = prepare(case_copy(tmp_path, CITATION / "unmatched-exhibits.yaml"), Options(out=tmp_path / "out"))
    summary = prepared.files["00_案件概要.txt"].decode("utf-8")
    label = {e.file.rsplit("/", 1)[-1]: e.label for e in prepared.analysis.exhibits}
    assert f"{label['shop-refusal-chat.png']}：聊天截图；证明聊天截图所载内容（shop-refusal-chat.png，" in summary
    assert f"{label['txvip-product-page.png']}：活动页截图；证明活动页截图所载内容（txvip-product-page.png，" in summary
    assert f"{label['txvip-alipay-bill.png']}：支付宝账单，2026年9月10日付款120元；证明付款情况（" in summary
    shown = "会员中心截图，只显示7天体验会员；证明实际交付情况：会员中心只显示7天体验会员（"
    assert f"{label['txvip-membership-page.png']}：{shown}" in summary
    for stem in ("00_案件概要", "01_平台退款申请书", "03_12315投诉书", "06_消协调解申请书"):
        body = docx_text(prepared.files[f"{stem}.docx"]) + prepared.files[f"{stem}.txt"].decode("utf-8")
        for default in ("证明已与平台协商维权及平台的答复情况", "证明平台对商品所作的宣传和承诺内容"):
            assert default not in body, (stem, default)
    # referred to by no sentence, they are listed in no filing; the summary says so, for the user to tie them to a fact
    mediation = prepared.files["06_消协调解申请书.txt"].decode("utf-8")
    for file in ("shop-refusal-chat.png", "txvip-product-page.png"):
        assert f"{label[file]}：" not in mediation
        assert f"{label[file]}（{'聊天截图' if 'chat' in file else '活动页截图'}）没有被任何文书引用" in summary
    assert f"{label['txvip-alipay-bill.png']}：支付宝账单，2026年9月10日付款120元（证明付款情况）\n" in mediation


def test_each_exhibit_of_a_cancelled_renewal_proves_what_it_shows_and_is_cited_for_it(tmp_path):
    """The settings screenshot showing the renewal closed is the proof of the cancellation the refusal denies; the
    page with the box ticked proves that, not the debits (the bill does); the complaint record, naming no day,
    is the record of the 支付宝投诉商家 complaint and not of the cancellation (“投诉关闭” is the complaint closed)."""
    prepared = prepare(
        case_copy(tmp_path, CITATION / "renewal-cancelled-screenshot.yaml"), Options(out=tmp_path / "out")
    )
    label = {e.file.rsplit("/", 1)[-1]: e.label for e in prepared.analysis.exhibits}
    settings, page, record = label["renew-settings.png"], label["renew-order-page.png"], label["renew-complaint.png"]
    for stem in ("00_案件概要", "01_平台退款申请书", "03_12315投诉书"):
        text = docx_text(prepared.files[f"{stem}.docx"])
        # the page shows it switched off: the fact as the page shows it, not a mere request
        assert f"已于2026年9月2日关闭自动续费，页面显示“已关闭自动续费”（见{settings}）。" in text, stem
        assert _sentence_with(text, "2026年10月3日，").endswith(f"（见{record}）"), stem
        assert f"将自动续费设为默认勾选（见{page}）" in text, stem
        rows = text.split("证据清单", 1)[-1] if stem != "00_案件概要" else text.split("证明内容", 1)[1]
        assert "“已关闭自动续费”的截图" in rows and "证明2026年9月2日已取消自动续费" in rows, stem
        assert "开通页面截图，自动续费默认勾选" in rows and "证明开通时自动续费为默认勾选" in rows, stem
        assert rows.count("自动续费扣款") == 1, stem  # the bill's, never the page's
    summary = prepared.files["00_案件概要.txt"].decode("utf-8")
    assert f"{record}：支付宝投诉记录，商家回复和投诉关闭页面；证明2026年10月3日的沟通情况（" in summary
    assert f"{settings}：9月2日APP设置页显示“已关闭自动续费”的截图；证明2026年9月2日已取消自动续费（" in summary


def test_the_samples_exhibits_prove_what_they_show_not_a_problems_label(tmp_path):
    """An exhibit the case ties to a problem (`about`) proves what an exhibit of its kind can show of it: the order
    page of the renewal its ticked box, the redemption screenshot of the fraud what it displayed."""
    texts = {}
    for name in ("mango-auto-renewal.yaml", "youku-marketplace-promise.yaml", "txvip-rights-mismatch.yaml"):
        prepared = prepare(case_copy(tmp_path / name, CASES / name), Options(out=tmp_path / name / "out"))
        texts[name] = prepared.files["00_案件概要.txt"].decode("utf-8").split("六、证据", 1)[1].split("七、", 1)[0]
    assert (
        "确认订单页面，自动续费为默认勾选；证明开通时自动续费为默认勾选、商家所作的承诺（"
        in texts["mango-auto-renewal.yaml"]
    )
    assert (
        "优酷兑换页面提示“兑换码无效或已被使用”；证明实际交付情况：优酷兑换页面提示“兑换码无效或已被使用”（"
        in (texts["youku-marketplace-promise.yaml"])
    )
    assert (
        "会员中心截图，仅显示3个月体验会员；证明实际交付情况：会员中心仅显示3个月体验会员（"
        in (texts["txvip-rights-mismatch.yaml"])
    )
    for text in texts.values():
        for label in ("证明虚假宣传或欺诈", "证明会员权益与宣传不符", "虚假宣传或欺诈、", "、会员权益与宣传不符"):
            assert label not in text


def test_a_chat_about_a_problem_says_what_was_discussed_not_the_problems_label(tmp_path):
    """A chat `about` problems is told by what was discussed; the problem's label (“售后响应滞后或失联”) is the
    conclusion the filings argue; tied to a dated contact as well, it is cited as that contact alone."""
    from tests.conftest import sample_data, write_case

    data = sample_data("iqiyi-fraud.yaml")
    chat = next(e for e in data["evidence"] if e["file"].endswith("fraud-seller-chat.png"))
    chat["about"] = ["fraud", "no_response"]
    prepared = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    rows = docx_text(prepared.files["01_平台退款申请书.docx"]).split("证据清单", 1)[1]
    assert "与卖家的聊天记录，对方收款后失联\n证明就所购商品与宣传、售后处理沟通的情况" in rows
    for label in ("证明虚假宣传或欺诈", "售后响应滞后或失联"):
        assert label not in rows

    chat["about"] = ["no_response", "2026-09-06"]
    dated = prepare(write_case(tmp_path / "dated", data), Options(out=tmp_path / "dated" / "out"))
    rows = docx_text(dated.files["01_平台退款申请书.docx"]).split("证据清单", 1)[1]
    assert "与卖家的聊天记录，对方收款后失联\n证明2026年9月6日的沟通情况" in rows


@pytest.mark.parametrize(
    ("description", "shows"),
    [
        ("截图显示“年卡…全网最低价”", True),  # a quotation cut with “…”: its pieces are the advertising's words
        ("截图显示“年卡！全网最低价”", True),  # punctuation aside
        ("截图显示“客服24小时在线”", False),  # words of something else on the page
    ],
)
def test_a_page_quoting_pieces_of_the_advertising_shows_it(description, shows):
    page = described(description, category="advertisement")
    assert match.shows_advertised(page, "年卡，全网最低价，官方直充") is shows


@pytest.mark.parametrize(
    ("description", "shown"),
    [
        ("B站提示“被迫下线”的截图，还有别人的观看记录", "B站提示“被迫下线”，还有别人的观看记录"),
        ("会员中心截图，只显示7天体验会员", "会员中心只显示7天体验会员"),
        ("优酷兑换页面提示“兑换码无效”的截图", "优酷兑换页面提示“兑换码无效”"),
    ],
)
def test_what_an_exhibit_shows_leaves_out_the_word_for_the_file_and_keeps_its_clauses_apart(description, shown):
    described = match.Described("rights_anomaly", description, frozenset(), frozenset(), None, False)
    assert match.shown(described) == shown


def test_a_chat_quoting_words_of_one_record_shows_that_contact():
    """“聊天截图，有‘你爸自己没看清楚’”: the words are in the record of the second contact only, so the screenshot
    shows that contact (it names no day and no way of its own)."""
    two = typed_case(
        {
            "contacts": [
                {"date": dt.date(2026, 11, 16), "method": "微信私聊", "summary": "问她怎么只有7天，她不回"},
                {
                    "date": dt.date(2026, 11, 22),
                    "method": "微信",
                    "summary": "她说“你爸自己没看清楚，我发的就是体验卡”",
                },
            ]
        }
    ).contacts
    chat = described("群里的广告和她跟我爸的聊天截图，有“年卡138”和“你爸自己没看清楚”")
    assert match.shows_contact(chat, two[1], two) and not match.shows_contact(chat, two[0], two)


def test_a_closed_site_and_a_registry_record_are_no_delivery_and_no_payment(tmp_path):
    """“11月2日网站已经打不开的截图” filed as a rights anomaly shows the seller gone, not what arrived: it is cited with
    the account that tells it and listed as what it shows; a 国家企业信用信息公示系统 record filed as a bill proves who
    the operator is and where, not the payment."""
    from generator.pipeline import Options, prepare
    from generator.rendering.reading import docx_text
    from tests.conftest import sample_data, write_case

    data = sample_data("iqiyi-fraud.yaml")
    data["problems"][1]["description"] = "客服一直不回，11月2日网站也打不开了"
    data["evidence"] += [
        {
            "file": "evidence/shop-extra-bill.png",
            "category": "rights_anomaly",
            "description": "11月2日网站已经打不开的截图",
        },
        {
            "file": "evidence/txvip-membership-page.png",
            "category": "transaction",
            "description": "在国家企业信用信息公示系统查到的公司登记信息和地址",
        },
    ]
    prepared = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    gone, registry = (
        next(e.label for e in prepared.analysis.exhibits if e.description == d["description"])
        for d in data["evidence"][-2:]
    )
    letter = docx_text(prepared.files["03_12315投诉书.docx"])  # the site gone, no request can be sent to it
    assert "证明11月2日网站已经打不开" in letter and "证明实际交付情况：11月2日网站" not in letter
    (silence,) = [line for line in letter.split("\n") if "网站也打不开了" in line]
    assert gone in silence
    assert "证明平台经营者的主体信息" in letter
    assert registry in letter


def test_a_chat_with_the_shop_shows_each_contact_made_through_the_shops_one_way():
    """“跟店家的聊天记录，换了一个码还是无效”: the shop was written to through 拼多多店铺客服 twice and the
    platform's own service once — the chat shows the two contacts with the shop, not the one with the platform."""
    three = typed_case(
        {
            "contacts": [
                {"date": dt.date(2026, 11, 3), "method": "拼多多店铺客服"},
                {"date": dt.date(2026, 11, 5), "method": "拼多多店铺客服"},
                {"date": dt.date(2026, 11, 8), "method": "拼多多官方客服"},
            ]
        }
    ).contacts
    chat = described("跟店家的聊天记录，换了一个码还是无效，后来就不回了")
    assert [match.shows_contact(chat, c, three) for c in three] == [True, True, False]


def test_the_sites_footer_naming_its_company_is_cited_for_the_operator_a_third_party_is_told_of(tmp_path):
    """A footer screenshot “网站页脚，有公司名字和统一社会信用代码” is the one record of who runs the site: the 12315
    complaint and the mediation request name the operator citing it, so it is listed, not left out as unreferred."""
    from generator.pipeline import Options, prepare
    from generator.rendering.reading import docx_text
    from tests.conftest import sample_data, write_case

    data = sample_data("iqiyi-fraud.yaml")
    data["platform"]["operator"] = "广州某某网络科技有限公司"
    data["evidence"].append(
        {
            "file": "evidence/txvip-product-page.png",
            "category": "advertisement",
            "description": "网站页脚，有公司名字和统一社会信用代码、电话",
        }
    )
    prepared = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    (label,) = [e.label for e in prepared.analysis.exhibits if e.description.startswith("网站页脚")]
    for stem in ("03_12315投诉书", "06_消协调解申请书"):
        letter = docx_text(prepared.files[f"{stem}.docx"])
        assert f"“优享折扣券小店”的经营者为广州某某网络科技有限公司（见{label}）。" in letter, stem
        assert f"{label} | 网站页脚" in letter or f"{label}：网站页脚" in letter, stem


def test_an_order_page_filed_as_a_transaction_shows_what_it_describes_and_a_bill_what_was_paid():
    """“卡盟订单截图，显示待发货”, filed as a transaction and tied to the problem, shows that nothing came; a bill
    (“支付宝付款168元的账单”) shows the payment only."""
    assert not match.is_bill(described("卡盟订单截图，显示待发货", category="transaction"))
    assert match.is_bill(described("支付宝付款168元的账单", category="transaction"))
    assert match.is_bill(described("手机银行转账记录", category="transaction"))
    assert not match.is_bill(described("支付宝账单", category="advertisement"))  # a page is no bill
