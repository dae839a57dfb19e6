"""How a contact is told: the user's record as what happened, to whom the filing tells it, and whom it reached."""

from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.case.model import Contact
from generator.filings.records import (
    added_outcome,
    contact_outcome,
    own_notes_in,
    reports_speech,
    unbracketed,
    without_own_notes,
)
from generator.pipeline import Options, prepare
from generator.rendering.reading import docx_text
from tests.conftest import RECORD, case_copy

CONTACTS = Path(__file__).parent / "contact_cases"


def prepared_of(tmp_path, name: str, change=None):
    """A contact case prepared (its filings in memory), after `change` edits its data."""
    path = case_copy(tmp_path, CONTACTS / name)
    if change is not None:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return prepare(path, Options(out=tmp_path / "out"))


def texts_of(prepared) -> dict[str, str]:
    """Each filing's Word text and paste text together, by stem."""
    out: dict[str, str] = {}
    for name, body in prepared.files.items():
        stem = name.split(".", 1)[0]
        if name.endswith(".docx"):
            out[stem] = out.get(stem, "") + docx_text(body)
        elif name.endswith(".txt"):
            out[stem] = out.get(stem, "") + body.decode("utf-8")
    return out


def test_a_record_that_tells_the_answer_is_not_labelled(tmp_path):
    """“只愿意补偿5元” is an offer, not “对方拒绝”; “说会联系技术处理，之后没有下文” is not “对方表示会处理”: every
    filing quotes the record and adds no label; a record that tells no answer (“再次要求退款”) keeps its result."""
    texts = texts_of(prepared_of(tmp_path, "police-advice-and-offer.yaml"))
    for stem, text in texts.items():
        assert "只愿意补偿5元”，对方拒绝" not in text and "只愿意补偿5元”，商家拒绝" not in text, stem
        assert "对方表示会处理" not in text, stem
    letter = texts["01_平台退款申请书"]
    assert "记录：“客服说‘虚拟商品售出不退’，只愿意补偿5元”（见证据3）" in letter
    assert "记录：“客服说会联系技术处理，之后没有下文”（见证据3）" in letter
    assert "2026年10月25日，申请人通过邮件与平台沟通，申请人记录：“再次要求退款”，对方未答复。" in letter
    summary = texts["00_案件概要"]
    assert "2026年10月21日　通过在线客服联系平台：投诉人记录：“客服说‘虚拟商品售出不退’，只愿意补偿5元”" in summary
    assert "2026年10月25日　通过邮件联系平台：对方未答复" in summary


def test_police_advice_is_not_told_to_the_seller_the_channel_or_the_court(tmp_path):
    """The police's “金额太小，建议走民事途径” only helps the seller: it is kept out of the refund request, the payment
    dispute, the mediation request and the court complaint, and never called a refusal; the summary and the 12315
    complaint tell it as the user recorded it."""
    prepared = prepared_of(tmp_path, "police-advice-and-offer.yaml")
    texts = texts_of(prepared)
    assert {"01_平台退款申请书", "02_支付争议申请", "06_消协调解申请书", "07_民事起诉状"} <= set(texts)
    for stem in ("01_平台退款申请书", "02_支付争议申请", "06_消协调解申请书", "07_民事起诉状"):
        assert "民警" not in texts[stem] and "公安机关" not in texts[stem] and "派出所" not in texts[stem], stem
    for stem, text in texts.items():
        assert "公安机关拒绝" not in text and "建议我走民事途径”，对方拒绝" not in text, stem
    summary = texts["00_案件概要"]
    assert "2026年11月2日　联系公安机关（去派出所）：投诉人记录：“派出所民警说金额太小，建议我走民事途径”" in summary
    assert "投诉人联系公安机关（去派出所），投诉人记录：“派出所民警说金额太小，建议我走民事途径”。" in summary
    assert "2026年11月2日联系公安机关（去派出所）：派出所民警说金额太小，建议我走民事途径。" in texts["03_12315投诉书"]


def test_a_police_report_on_record_is_still_told_to_the_payment_channel(tmp_path):
    """A report the police registered (result `submitted`) is no advice against the claim: the payment channel is
    told of it (rules.yaml contact_said.left_out … unless)."""

    def reported(data):
        data["contacts"][3].update(summary="派出所登记了报案材料", result="submitted")

    texts = texts_of(prepared_of(tmp_path, "police-advice-and-offer.yaml", reported))
    assert "申请人联系公安机关（去派出所），申请人记录：“派出所登记了报案材料”" in texts["02_支付争议申请"]


def test_the_alipay_paste_text_gives_each_contact_with_the_seller_not_a_bare_unresolved(tmp_path):
    """The text for Alipay's box says when the seller was contacted and what the user recorded — the offer of 5 yuan
    in the user's words — instead of “已联系商家未解决”; the police visit is not in it."""
    prepared = prepared_of(tmp_path, "police-advice-and-offer.yaml")
    paste = prepared.files["02_支付争议申请.txt"].decode("utf-8")
    assert "已联系商家未解决" not in paste
    assert "2026年10月21日我通过在线客服联系商家，我的记录：“客服说‘虚拟商品售出不退’，只愿意补偿5元”。" in paste
    assert "2026年10月23日我通过在线客服联系商家，我的记录：“客服说会联系技术处理，之后没有下文”。" in paste
    assert "2026年10月25日我通过邮件联系商家，我的记录：“再次要求退款”，商家未答复。" in paste
    assert "民警" not in paste


def test_the_wechat_paste_text_shortens_the_records_within_its_limit_and_says_so(tmp_path):
    """WeChat Pay's box holds 300 characters: long records are cut inside their quotes (“…”), the text still names
    each contact's date, and the summary warns that the paste text was shortened."""

    def long_wechat(data):
        data["payment"]["channel"] = "wechat"
        data["payment"]["transaction_id"] = "4200002000202610200000001111"
        data["contacts"][0]["summary"] = (
            "客服说“虚拟商品一经售出概不退换，这是平台规定，任何情况下都不能退”，只愿意补偿5元，" * 2
        )
        data["contacts"][1]["summary"] = (
            "客服说会联系技术处理，让我等三个工作日，之后我又问了两次，都说还在处理，之后没有下文"
        )

    prepared = prepared_of(tmp_path, "police-advice-and-offer.yaml", long_wechat)
    paste = prepared.files["02_支付争议申请.txt"].decode("utf-8")
    assert len(paste.rstrip("\n")) <= 300
    assert "已联系商家未解决" not in paste
    assert "2026年10月23日我通过在线客服联系商家，我的记录：“" in paste and "…" in paste
    assert any("受字数限制" in w for w in prepared.warnings)


def test_a_contact_with_the_group_owner_is_with_the_seller_and_no_one_is_an_institution(tmp_path):
    """`with: other` by “QQ私聊群主” reached the seller (卖家); a call to 腾讯客服 is told by its method alone;
    no filing calls anyone “有关机构”."""
    texts = texts_of(prepared_of(tmp_path, "group-owner-read-no-reply.yaml"))
    for stem, text in texts.items():
        assert "有关机构" not in text, stem
    summary = texts["00_案件概要"]
    assert "投诉人通过QQ私聊群主与卖家沟通，2026年10月3日的记录：“群主说‘过两天给你补’”" in summary
    assert "2026年10月3日　通过QQ私聊群主联系卖家：投诉人记录：“群主说‘过两天给你补’”" in summary
    assert "投诉人拨打腾讯客服电话，投诉人记录：“客服说个人之间的交易无法处理”" in summary
    assert "2026年10月12日　拨打腾讯客服电话：投诉人记录：“客服说个人之间的交易无法处理”" in summary


def test_a_seller_who_read_and_did_not_reply_still_gets_the_chat_demand(tmp_path):
    """Read and not answered, removed from the group: nothing says the seller blocked the buyer, so the refund
    request is drafted as chat messages and the plan sends it; police only if the seller then vanishes."""
    prepared = prepared_of(tmp_path, "group-owner-read-no-reply.yaml")
    assert "01_平台退款申请书.txt" in prepared.files
    assert "发给卖家的第1条消息" in prepared.files["01_平台退款申请书.txt"].decode("utf-8")
    assert not any("已拉黑买家或失联" in w for w in prepared.warnings)
    steps = [s["id"] for s in prepared.manifest["plan"]]
    assert "seller_request" in steps and "police_report" not in steps and "police_if_unreachable" in steps


def test_a_seller_who_blocked_the_buyer_gets_no_chat_demand(tmp_path):
    """The user's words say the seller blocked them: the chat demand cannot be delivered, the police are next."""

    def blocked(data):
        data["contacts"][1]["summary"] = "消息显示已读，没有回复，之后把我拉黑了"

    prepared = prepared_of(tmp_path, "group-owner-read-no-reply.yaml", blocked)
    assert "01_平台退款申请书.txt" not in prepared.files
    assert any("已拉黑买家或失联" in w for w in prepared.warnings)
    assert "police_report" in [s["id"] for s in prepared.manifest["plan"]]


def _rejected_for_the_address(data):
    """The 12315 complaint filed first without the shop's address, refused for it; the address is in the case now."""
    data["contacts"][3:] = [
        {
            "date": "2026-10-26",
            "with": "regulator",
            "method": "12315小程序",
            "summary": "投诉了平台",
            "result": "submitted",
        },
        {
            "date": "2026-11-05",
            "with": "regulator",
            "method": "12315短信通知",
            "summary": "12315回复不予受理，理由是被投诉人地址不详",
            "result": "refused",
        },
    ]


def test_a_complaint_refused_by_12315_is_not_told_to_the_seller_the_channel_the_association_or_the_court(tmp_path):
    """12315's 不予受理 is no answer of the other side: kept out of the refund request, the payment dispute, the
    mediation request and the court complaint, and told in the complaint that is now filed again."""
    texts = texts_of(prepared_of(tmp_path, "police-advice-and-offer.yaml", _rejected_for_the_address))
    for stem in ("01_平台退款申请书", "02_支付争议申请", "06_消协调解申请书", "07_民事起诉状"):
        assert "不予受理" not in texts[stem] and "市场监督管理部门拒绝" not in texts[stem], stem
    assert "12315回复不予受理，理由是被投诉人地址不详" in texts["03_12315投诉书"]


def test_a_complaint_refused_for_a_missing_address_is_filed_again_once_the_address_is_known(tmp_path):
    """The next step is the complaint again, not the court as if 12315 had mediated and failed."""
    prepared = prepared_of(tmp_path, "police-advice-and-offer.yaml", _rejected_for_the_address)
    steps = [s.id for s in prepared.analysis.plan.steps] if hasattr(prepared.analysis, "plan") else None
    summary = texts_of(prepared)["00_案件概要"]
    assert (
        "此前的12315投诉因被投诉人的信息不全未予受理，案件文件现已写明：通过全国12315平台重新提交《03_12315投诉书》"
        in summary
    )
    assert steps is None or "complaint_12315_resubmit" in steps


# --- the user's notes to self about the evidence stay out of what the other side reads -------------------------

# Every filing someone else reads: the seller, the payment channel, the regulator, the association, the public.
SENT = ("01_平台退款申请书", "02_支付争议申请", "03_12315投诉书", "04_黑猫投诉", "06_消协调解申请书")


def record_case(tmp_path_factory, name: str):
    tmp = tmp_path_factory.mktemp(name.removesuffix(".yaml"))
    return prepare(case_copy(tmp, RECORD / name), Options(out=tmp / "out"))


@pytest.fixture(scope="module")
def phone_case(tmp_path_factory):
    return record_case(tmp_path_factory, "renewal-phone-cancel-unrecorded.yaml")


@pytest.fixture(scope="module")
def notes_case(tmp_path_factory):
    return record_case(tmp_path_factory, "rights-notes-to-self.yaml")


def sent_texts(prepared) -> dict[str, str]:
    """Each filing sent to someone, Word and paste texts (the further WeChat texts too), by stem."""
    texts = texts_of(prepared)
    return {stem: body for stem, body in texts.items() if stem.startswith(SENT)}


def test_a_note_to_self_is_left_out_of_every_filing_sent_and_kept_in_the_summary(phone_case):
    """“（当时没录音，客服也没给我发短信确认）” tells the lawyer what the user lacks; quoted to the seller it would
    announce it. Every filing sent quotes the record up to it, marked ……; the summary quotes it whole and says so."""
    texts = sent_texts(phone_case)
    assert {"01_平台退款申请书", "02_支付争议申请", "02_支付争议申请_2", "03_12315投诉书", "04_黑猫投诉"} <= set(texts)
    for stem, body in texts.items():
        assert "没录音" not in body and "没给我发短信" not in body, stem
    for stem in ("01_平台退款申请书", "03_12315投诉书", "06_消协调解申请书"):
        assert (
            "申请人记录：“打电话要求取消自动续费，客服口头答复已经帮我取消了……”".replace(
                "申请人", "投诉人" if stem.startswith("03") else "申请人"
            )
            in texts[stem]
        ), stem
    assert "客服口头答复已经帮我取消了……" in texts["04_黑猫投诉"]
    summary = texts_of(phone_case)["00_案件概要"]
    assert "客服口头答复已经帮我取消了（当时没录音，客服也没给我发短信确认）" in summary
    assert "各文书引用您的原话时略去了括注“（当时没录音，客服也没给我发短信确认）”（以“……”标出）" in summary
    assert any("（当时没录音，客服也没给我发短信确认）" in w for w in phone_case.manifest["warnings"])


def test_notes_in_ascii_brackets_in_the_account_and_in_the_evidence_are_left_out_and_others_kept(notes_case):
    """“(忘了截图)” in a contact, “（聊天记录被我删了）” in the account and “（后来补截的）” in an exhibit's description
    are notes to self; “（就是首页那个年卡）” says which product was meant and stays wherever it is quoted."""
    texts = sent_texts(notes_case)
    for stem, body in texts.items():
        assert "忘了截图" not in body and "被我删了" not in body and "补截" not in body, stem
        assert "（就是首页那个年卡）" in body, stem
    assert "客服说第二天给我补齐年卡……" in texts["01_平台退款申请书"]
    assert "客服当时在QQ上答应给我补齐……" in texts["04_黑猫投诉"]
    for stem in ("01_平台退款申请书", "03_12315投诉书"):  # the evidence list: “（后来补截的）” tells it is no record
        assert "会员页面，只有3个月体验会员……" in texts[stem], stem
    summary = texts_of(notes_case)["00_案件概要"]
    assert "客服说第二天给我补齐年卡(忘了截图)" in summary and "（聊天记录被我删了）" in summary
    assert "会员页面，只有3个月体验会员（后来补截的）" in summary
    assert "略去了括注“（聊天记录被我删了）”、“(忘了截图)”、“（后来补截的）”" in summary


def test_a_look_back_at_what_was_missing_is_left_out_of_the_complaint(tmp_path_factory):
    """“（当时我没写地址，现在查到了）” in the record of a complaint not accepted tells the lawyer what the user found
    out later; the new complaint to the regulator quotes the record without it. The shop's words in brackets stay."""
    prepared = record_case(tmp_path_factory, "complaint-refused-note-looking-back.yaml")
    texts = sent_texts(prepared)
    assert "03_12315投诉书" in texts
    for stem, body in texts.items():
        assert "现在查到了" not in body and "当时我没写地址" not in body, stem
    assert "理由是被投诉人地址不详……" in texts["03_12315投诉书"]
    assert "（客服说当时系统故障，现在修好了）" in texts["01_平台退款申请书"]
    summary = texts_of(prepared)["00_案件概要"]
    assert "理由是被投诉人地址不详（当时我没写地址，现在查到了）" in summary
    assert "略去了括注“（当时我没写地址，现在查到了）”" in summary


def test_no_note_no_warning(tmp_path):
    """A case without notes to self says nothing about leaving any out."""
    prepared = prepared_of(tmp_path, "police-advice-and-offer.yaml")
    assert not any("略去了括注" in w for w in prepared.manifest["warnings"])


@pytest.mark.parametrize(
    ("text", "notes"),
    [
        ("客服说已经取消了（没录音，也没给我发短信）", ["（没录音，也没给我发短信）"]),
        ("客服答应补发(忘了截图)，后来不认", ["(忘了截图)"]),
        ("客服在电话里同意退款（没有任何书面记录）", ["（没有任何书面记录）"]),
        ("购买页面截图（后来补截的）", ["（后来补截的）"]),
        ("买的是年卡（官方的那种），到账是月卡", []),  # says what was bought, not what the user lacks
        ("客服说已经取消了（有截图）", []),
        # a look back at what was missing then: what the user found out later
        ("12315回复不予受理，理由是被投诉人地址不详（当时我没写地址，现在查到了）", ["（当时我没写地址，现在查到了）"]),
        ("到账的是体验卡(后来才知道)", ["(后来才知道)"]),
        ("店家一直没发货（那时没注意，现在才发现店铺已关闭）", ["（那时没注意，现在才发现店铺已关闭）"]),
        # the other side's words in brackets stay
        ("客服不予退款（客服说当时系统故障，现在修好了）", []),
        ("平台答复已受理（短信通知“当时未能核实，现在已转交店铺”）", []),
        ("店里客服（她说她叫王丽）说退15块", []),
    ],
)
def test_which_asides_are_notes_to_self(text, notes):
    assert own_notes_in(text) == notes
    left = without_own_notes(text)
    for note in notes:
        assert note not in left and "……" in left
    if not notes:
        assert left == text


def test_advertising_is_reported_speech_only_when_someone_is_said_to_have_said_it():
    assert reports_speech("群主说是官方渠道的年卡")
    assert reports_speech("卖家跟我说是正品")
    for page in ("商品说明：官方直充 到账即生效", "号称官方年卡", "宣称12个月官方直充"):
        assert not reports_speech(page), page


def test_a_short_clause_that_is_a_note_to_self_is_left_out_like_an_aside():
    """“…客服电话里说‘好的已经给您取消了’，没录音”: the filings do not volunteer to the other side what the user lacks;
    a longer clause that says more is quoted whole."""
    from generator.filings.records import own_notes_in, without_own_notes

    text = "我10月4号晚上打电话取消了，客服电话里说“好的已经给您取消了”，没录音"
    assert without_own_notes(text) == "我10月4号晚上打电话取消了，客服电话里说“好的已经给您取消了”，……"
    assert own_notes_in(text) == ["没录音"]
    longer = "客服没录音说明这个不重要的长句子在这里"
    assert without_own_notes(longer) == longer
    assert own_notes_in("客服说会处理，（没录音）") == ["（没录音）"]  # an aside that is a clause: once


@pytest.mark.parametrize(
    ("method", "put"),
    [
        ("到派出所报案（苏州市公安局姑苏分局平江派出所）", "到派出所报案：苏州市公安局姑苏分局平江派出所"),
        ("全国12315平台", "全国12315平台"),
    ],
)
def test_a_way_put_in_brackets_has_no_brackets_of_its_own(method, put):
    assert unbracketed(method) == put


def test_an_unanswered_request_answered_the_next_day_is_not_told_as_unanswered():
    """7月31日 asked by e-mail (no reply that day), 8月1日 the reply: the first is not “对方未答复”."""

    def mail(day, summary, result):
        return Contact(date=day, party="platform", method="邮件", summary=summary, result=result)

    asked = mail(date(2026, 7, 31), "发邮件说请关闭", "no_reply")
    reply = mail(date(2026, 8, 1), "回复“已为您关闭”", "promised")
    again = mail(date(2026, 8, 16), "问为什么还扣", "no_reply")
    contacts = (asked, reply, again)
    assert contact_outcome(asked, contacts=contacts) == ""
    assert contact_outcome(again, contacts=contacts) == "对方未答复"


@pytest.mark.parametrize(
    "summary", ["我发了截图，客服回“亲，这边给您补发”，让我等一下", "网站回邮件：“您好，已为您关闭自动续费。”"]
)
def test_a_quoted_reply_is_the_answer_and_no_code_is_added_after_it(summary):
    contact = Contact(date=date(2026, 11, 12), party="platform", method="聊天", summary=summary, result="promised")
    assert added_outcome(contact) == ""


def test_a_contact_with_no_one_named_is_told_by_its_record_alone():
    """“通过企业信用信息公示系统查到了经营公司名字和注册地址” marked resolved: no one answered, so no “称已处理”."""
    looked_up = Contact(
        date=date(2026, 11, 20),
        party="other",
        method="自己查企业信用信息公示系统",
        summary="通过小程序的主体信息查到了经营公司名字和注册地址",
        result="resolved",
    )
    assert added_outcome(looked_up) == "" and contact_outcome(looked_up) == ""


def test_a_look_up_written_as_what_the_user_did_is_told_so_not_as_a_talk(tmp_path):
    """`method: 自己查企业信用信息公示系统`: 申请人自己查…, not 通过自己查…沟通."""
    from tests.conftest import sample_data, write_case

    data = sample_data("iqiyi-fraud.yaml")
    data["contacts"].append(
        {
            "date": "2026-09-20",
            "with": "other",
            "method": "自己查企业信用信息公示系统",
            "summary": "查到了经营公司名字和注册地址",
            "result": "resolved",
        }
    )
    letter = docx_text(prepare(write_case(tmp_path, data), Options(out=tmp_path / "out")).files["03_12315投诉书.docx"])
    assert "2026年9月20日，投诉人自己查企业信用信息公示系统，投诉人记录：“查到了经营公司名字和注册地址”" in letter
    assert "公示系统沟通" not in letter and "称已处理" not in letter
