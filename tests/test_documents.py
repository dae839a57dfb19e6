"""The filings of every sample case, read back as a reader would read them."""

import io
import json
import re

import pytest
from docx import Document

from generator.filings.narrative import quote
from generator.rendering.reading import docx_text
from tests.conftest import SAMPLES

FILINGS = ["00_案件概要", "01_平台退款申请书", "02_支付争议申请", "03_12315投诉书", "04_黑猫投诉", "05_法律依据"]
NAMES = [p.name for p in SAMPLES]
# a group seller known by a handle only, who removed the buyer from the group: no refund request can reach
# them, and no 12315 complaint or 消协 request can name them yet
# an individual seller who removed the buyer: no refund request, no 12315 complaint, and no public post on a person
OUT_OF_REACH = {"bilibili-wechat-group-seller.yaml": ("01_平台退款申请书", "03_12315投诉书", "04_黑猫投诉")}


def stems_of(name: str, stems) -> list[str]:
    """The filings of `stems` drafted for this sample."""
    return [s for s in stems if s not in OUT_OF_REACH.get(name, ())]


def text_of(prepared, stem):
    return docx_text(prepared.files[f"{stem}.docx"])


def txt_of(prepared, stem):
    return prepared.files[f"{stem}.txt"].decode("utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_every_filing_has_word_and_text(prepared_samples, name):
    prepared = prepared_samples[name]
    for stem in stems_of(name, FILINGS):
        Document(io.BytesIO(prepared.files[f"{stem}.docx"]))  # opens
        assert txt_of(prepared, stem).strip()
    kinds = [f["kind"] for f in prepared.manifest["filings"]]
    # the 起诉状 only where the case names the defendant and gives the plaintiff's sex and birth date
    # (民事诉讼法第一百二十四条): the group seller is known by a handle only
    case = prepared.analysis.case
    # — and, where a shop sold, once the platform was asked to name its operator and did not (消保法第四十四条第一款)
    court = ["court_complaint"] if case.complainant.id_number and case.platform.kind == "self_operated" else []
    # the police material only for a seller who vanished or blocked the buyer
    police = ["police_report"] if name in ("iqiyi-fraud.yaml", "bilibili-wechat-group-seller.yaml") else []
    # the 举报 where the facts show a violation by a named business (the shop selling trial cards as annual ones)
    report = ["report_12315"] if name == "youku-marketplace-promise.yaml" else []
    authorization = ["authorization"] if case.representative else []
    held_back = (
        {"platform_refund_request", "complaint_12315", "blackcat_post", "mediation_request"}
        if name in OUT_OF_REACH
        else set()
    )
    first = [
        k
        for k in ("platform_refund_request", "payment_dispute", "complaint_12315", "blackcat_post", "mediation_request")
        if k not in held_back
    ]
    assert kinds == ["case_summary", *first, *court, *report, *police, *authorization, "legal_basis"]
    summary = txt_of(prepared, "00_案件概要")
    for title in ("退款申请书", "投诉书", "黑猫投诉", "调解申请书"):  # the summary says why each is not drafted
        assert (f"未生成《{title}》" in summary) == bool(held_back)
    for entry in prepared.manifest["filings"]:
        assert entry["text_file"] and entry["text_file"].endswith(".txt")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("stem", FILINGS)
def test_no_template_residue(prepared_samples, name, stem):
    """No Jinja tag, placeholder or Python repr is left for a reader to find."""
    if stem not in stems_of(name, [stem]):
        assert f"{stem}.docx" not in prepared_samples[name].files
        return
    for text in (text_of(prepared_samples[name], stem), txt_of(prepared_samples[name], stem)):
        for residue in ("{{", "}}", "{%", "%}", "None", "[]", "{'", "Decimal(", "datetime", "（）", "：。", "，，"):
            assert residue not in text, f"{residue!r} in {stem}"


@pytest.mark.parametrize("name", NAMES)
def test_formal_filings_carry_parties_order_and_amounts(prepared_samples, name):
    prepared = prepared_samples[name]
    case = prepared.analysis.case
    amounts = prepared.manifest["amounts"]
    for stem in stems_of(name, ("01_平台退款申请书", "02_支付争议申请", "03_12315投诉书")):
        text = text_of(prepared, stem)
        assert case.complainant.name in text
        assert case.complainant.phone in text
        assert case.order.id in text
        assert case.payment.transaction_id in text
        if stem == "02_支付争议申请":  # a chargeback returns money paid, each debit from its own transaction
            numbers = {id(d): n for n, d in enumerate(prepared.analysis.amounts.debits, 1)}
            for debit in prepared.analysis.amounts.disputed:  # by its number in the list of transactions above
                n, asked = numbers[id(debit)], f"{debit.asked:.2f}元"
                assert f"交易{n}退还{asked}" in text or re.search(f"交易{n}[^。；]*各退还{asked}", text)
        else:
            assert f"人民币{amounts['total']}元（大写：" in text
        for problem in case.problems:  # the user's words, quoted as theirs (their own quotes nested as ‘’)
            assert quote(problem.description).rstrip("”") in text, f"{problem.type} facts missing from {stem}"
        for contact in case.contacts:
            assert quote(contact.summary) in text


@pytest.mark.parametrize("name", NAMES)
def test_12315_complaint_has_what_article_10_requires(prepared_samples, name):
    prepared = prepared_samples[name]
    case = prepared.analysis.case
    if name in OUT_OF_REACH:
        assert "03_12315投诉书.docx" not in prepared.files
        return
    text = text_of(prepared, "03_12315投诉书")
    for value in (case.complainant.name, case.complainant.phone, case.complainant.address, case.platform.name):
        assert value in text
    for key in ("operator", "address", "credit_code"):
        if getattr(case.platform, key):
            assert getattr(case.platform, key) in text
    assert "投诉请求" in text and "事实与理由" in text


def test_refund_request_asks_for_written_answer_with_deadline(prepared_samples):
    text = text_of(prepared_samples["txvip-rights-mismatch.yaml"], "01_平台退款申请书")
    # the hours run from receipt; the date is given for an application received on the day it is dated
    assert "请于收到本申请后48小时内作出书面答复（如于2026年11月24日收到，即2026年11月26日24时前）" in text
    assert "人民币118.50元（大写：壹佰壹拾捌元伍角）" in text
    assert "会员期限12个月，按未使用的9个月折算，退还118.50元" in text
    assert "此致" in text and "敬礼！" in text


def test_renewal_case_states_each_charge_and_no_zero_refund(prepared_samples):
    text = text_of(prepared_samples["mango-auto-renewal.yaml"], "01_平台退款申请书")
    # each debit by its own transaction, as the case gives it
    debits = r"记录为：2026年10月1日扣款25.00元（交易单号：\d+）；2026年11月1日扣款25.00元（交易单号：\d+）（见证据"
    assert re.search(debits, text)
    assert "退还自动续费扣款人民币50.00元（大写：伍拾元整）" in text
    assert text.count("50.00元") == 1, "the sum of the debits is the request's, not told again in the facts"
    assert not re.search(r"(?<![\d.])0\.00元", text), "a zero refund is not asked for"
    assert "立即关闭申请人账户的自动续费" in text


def test_fraud_case_claims_the_500_floor(prepared_samples):
    text = text_of(prepared_samples["iqiyi-fraud.yaml"], "03_12315投诉书")
    assert "依法增加赔偿人民币500.00元（大写：伍佰元整）" in text
    assert "以上合计人民币568.00元（大写：伍佰陆拾捌元整）" in text


def test_absent_facts_leave_no_empty_sentence(prepared_samples):
    """The fraud sample has no operator, address or ICP: those lines are left out, not blank."""
    text = text_of(prepared_samples["iqiyi-fraud.yaml"], "03_12315投诉书")
    assert "统一社会信用代码" not in text and "ICP备案号" not in text
    # what is not known is said plainly, and the regulator is asked to ascertain it; nothing is “待查”
    assert "被投诉人：优享折扣券小店（经营者名称未能查明）" in text and "待查" not in text
    assert "依法查明被投诉人的经营者名称和地址。" in text
    assert "载明了投诉人的姓名" not in text  # the letter does not claim to name what it cannot


@pytest.mark.parametrize("name", NAMES)
def test_payment_dispute_names_channel_and_the_summary_where_to_submit(prepared_samples, name):
    """The letter is addressed to the channel; how to file it is the user's business, told in the summary."""
    prepared = prepared_samples[name]
    channel = prepared.analysis.case.payment.channel
    title, path = {"wechat": ("微信支付交易投诉说明", "对订单有疑惑"), "alipay": ("支付宝交易投诉说明", "投诉商家")}[
        channel
    ]
    if prepared.analysis.case.payment.payee_kind == "personal":  # a transfer, reported to the app itself
        title, path = {
            "wechat": ("微信支付转账争议情况说明", "交易被骗"),
            "alipay": ("支付宝转账争议情况说明", "95188"),
        }[channel]
    letter, summary = text_of(prepared, "02_支付争议申请"), text_of(prepared, "00_案件概要")
    assert title in letter and path not in letter
    after_each_mention = summary.split(f"《{title}》")[1:]
    assert any(path in after.split("《", 1)[0] for after in after_each_mention)
    for reminder in ("请尽快提交", "未经证实"):
        assert reminder not in letter


@pytest.mark.parametrize("name", NAMES)
def test_wechat_paste_text_fits_the_300_character_box(prepared_samples, name):
    prepared = prepared_samples[name]
    case = prepared.analysis.case
    if case.payment.channel != "wechat":
        pytest.skip("not paid by WeChat Pay")
    if case.payment.payee_kind == "personal":
        pytest.skip("a transfer to a person is reported to WeChat Pay, not complained of in the merchant box")
    box = txt_of(prepared, "02_支付争议申请")
    assert len(box) <= 300, "the whole paste-ready text fits WeChat Pay's complaint box"
    assert case.order.id in box
    assert f"{case.order.price:.2f}元" in box
    assert "诉求：退款" in box


@pytest.mark.parametrize("name", NAMES)
def test_public_post_fields_and_no_private_data(prepared_samples, name):
    prepared = prepared_samples[name]
    case = prepared.analysis.case
    if not stems_of(name, ["04_黑猫投诉"]):
        assert "04_黑猫投诉.txt" not in prepared.files
        return
    for text in (text_of(prepared, "04_黑猫投诉"), txt_of(prepared, "04_黑猫投诉")):
        for field in ("投诉标题", "投诉对象", "投诉问题", "投诉要求", "涉诉金额", "问题说明"):
            assert field in text
        for secret in (
            case.complainant.name,
            case.complainant.phone,
            case.complainant.address,
            case.order.id,
            case.payment.transaction_id,
        ):
            assert secret not in text
        assert not re.search(r"\.(png|jpg|wav)", text), "the public post names no evidence file"
    blocks = paste_blocks(txt_of(prepared, "04_黑猫投诉"))
    assert len(blocks["投诉标题"]) <= 30 and len(blocks["问题说明"]) <= 2000
    assert blocks["金额（涉诉金额，元）"] == prepared.manifest["amounts"]["total"]  # a plain number


def test_public_post_says_what_evidence_is_held_in_plain_words(tmp_path):
    """A reader of the post is told what the screenshots and recordings show, never the evidence categories'
    own names (交易记录, 权益异常 …): one of each kind, a recording as a recording."""
    from generator.pipeline import Options, prepare
    from generator.vocabulary import EVIDENCE_CATEGORIES
    from tests.conftest import sample_data, write_case

    data = sample_data("iqiyi-fraud.yaml")
    anomaly = {"file": "evidence/shop-redeem-error.png", "category": "rights_anomaly", "description": "兑换码提示无效"}
    data["evidence"].append(anomaly)
    for item in data["evidence"]:  # the sample's call was recorded unannounced: told so, the post may list it
        if item["file"].endswith(".wav"):
            item["recording_disclosed"] = True
    prepared = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    post = text_of(prepared, "04_黑猫投诉")
    held = re.search(r"本人持有的证据：([^。]*)。", post).group(1).split("、")
    assert held == ["付款记录截图", "会员使用情况截图", "商品页面截图", "聊天记录截图", "通话录音"]  # as numbered
    assert not [t.name for t in EVIDENCE_CATEGORIES if t.name in post]


def paste_blocks(text: str) -> dict:
    """The labelled blocks of a text version: 【label】（limit） then the text to paste."""
    out = {}
    for part in text.split("\n\n【")[1:]:
        head, _, body = part.partition("\n")
        out[head.split("】", 1)[0]] = body.rstrip("\n")
    return out


def test_manifest_is_the_account_of_the_run(prepared_samples):
    prepared = prepared_samples["txvip-rights-mismatch.yaml"]
    manifest = json.loads(prepared.files["manifest.json"])
    assert manifest["case_id"] == "txvip-2026-001" and manifest["format_version"] == 1
    assert manifest["generator"]["name"] == "make-filings"
    assert manifest["amounts"] == {"refund": "118.50", "renewals": "0.00", "punitive": "0.00", "total": "118.50"}
    import hashlib

    for entry in manifest["filings"]:
        assert hashlib.sha256(prepared.files[entry["file"]]).hexdigest() == entry["sha256"]


def test_wechat_statement_survives_extreme_input(tmp_path):
    """Long product names and descriptions are shortened; the order, amount and request never are."""
    from generator.case.load import load_case
    from generator.case.validate import validate_case
    from generator.filings.analyse import analyse
    from generator.filings.documents import short_payment_statement
    from tests.conftest import sample_data, write_case

    data = sample_data("mango-auto-renewal.yaml")
    data["order"]["product"] = "超长商品名" * 100
    data["order"]["id"] = "A" * 64
    data["problems"][0]["description"] = "描述" * 2000
    a = analyse(validate_case(load_case(write_case(tmp_path, data))))
    text = short_payment_statement(a)
    assert len(text) <= 299
    # the first disputed transaction is the first renewal debit: at most its own 25.00 is asked back
    assert "A" * 64 in text and "2026年10月1日被自动续费扣款25.00元" in text
    assert text.endswith("诉求：退款25.00元并关闭自动续费。")


@pytest.mark.parametrize("name", NAMES)
def test_screenshots_are_embedded_where_they_belong(prepared_samples, name):
    """The refund request and the 12315 complaint carry every screenshot; the others none."""
    import zipfile

    prepared = prepared_samples[name]
    screenshots = [e for e in prepared.analysis.exhibits if e.embeddable]
    assert screenshots
    for stem in stems_of(name, FILINGS):
        with zipfile.ZipFile(io.BytesIO(prepared.files[f"{stem}.docx"])) as z:
            media = [n for n in z.namelist() if n.startswith("word/media/")]
        expected = len(screenshots) if stem in ("01_平台退款申请书", "03_12315投诉书") else 0
        assert len(media) == expected, stem
    if name in OUT_OF_REACH:
        return
    text = text_of(prepared, "03_12315投诉书")
    for e in screenshots:
        assert f"{e.label}：{e.description}" in text  # the caption under each picture


def test_a_filing_before_2026_04_15_cites_the_interim_measures(tmp_path):
    """The same case filed on 2026-04-14 rests on the 2019 暂行办法; from 2026-04-15 on the 2026 办法."""
    from generator.pipeline import Options, prepare
    from tests.conftest import sample_data, write_case

    data = sample_data("txvip-rights-mismatch.yaml")
    data["order"]["paid_at"], data["order"]["failed_at"] = "2026-03-01 10:00", "2026-03-01"
    data["contacts"][0]["date"] = data["evidence"][3]["about"][0] = "2026-03-03"
    for filing_date, present, absent in (
        ("2026-04-14", "《市场监督管理投诉举报处理暂行办法》", "《市场监督管理投诉举报处理办法》"),
        ("2026-04-15", "《市场监督管理投诉举报处理办法》", "暂行办法"),
    ):
        data["filing_date"] = filing_date
        path = write_case(tmp_path, data, name=f"case-{filing_date}.yaml")
        text = docx_text(prepare(path, Options(out=tmp_path / "out")).files["03_12315投诉书.docx"])
        assert present in text and absent not in text


def test_payment_channel_is_not_asked_for_compensation(prepared_samples):
    text = text_of(prepared_samples["iqiyi-fraud.yaml"], "02_支付争议申请")
    assert "增加赔偿" not in text and "568.00" not in text
    assert "人民币68.00元（大写：陆拾捌元整）" in text


def test_each_exhibit_proves_what_its_about_names(tmp_path):
    """`evidence[].about` says what an exhibit proves; without it, what its own description is matched to."""
    from generator.case.load import load_case
    from generator.case.validate import validate_case
    from generator.filings.analyse import analyse
    from generator.filings.documents import exhibit_proves
    from tests.conftest import sample_data, write_case

    analysis = analyse(validate_case(load_case(write_case(tmp_path, sample_data("txvip-rights-mismatch.yaml")))))
    by_file = {e.file: e for e in analysis.exhibits}
    chat, page = by_file["evidence/txvip-service-chat.png"], by_file["evidence/txvip-product-page.png"]
    analysis = _with_about(
        analysis, {chat.index: (analysis.case.contacts[0].date, "rights_mismatch"), page.index: ("order",)}
    )
    # a chat is cited as the contact it records, not with the problem's label (the conclusion argued from it)
    assert exhibit_proves(analysis, chat) == "证明2026年9月3日的沟通情况"
    assert exhibit_proves(analysis, page) == "证明商品宣传内容"
    bill = by_file["evidence/txvip-alipay-bill.png"]
    assert (
        exhibit_proves(_with_about(analysis, {bill.index: ("order", "payment")}), bill) == "证明付款情况"
    )  # never the ad
    analysis = _with_about(analysis, {bill.index: ()})  # without `about`: the payment its amount and date fit
    assert exhibit_proves(analysis, bill) == "证明付款情况"
    analysis = _with_about(analysis, {chat.index: ()})  # a chat naming no day, of a case with one contact
    assert exhibit_proves(analysis, chat) == "证明2026年9月3日的沟通情况"


def _with_about(analysis, changes: dict):
    """The analysis of the same case with other `about` lists on some of its evidence entries."""
    from dataclasses import replace

    evidence = [replace(item, about=changes.get(i, item.about)) for i, item in enumerate(analysis.case.evidence)]
    case = replace(analysis.case, evidence=tuple(evidence))
    return replace(analysis, valid=replace(analysis.valid, case=case))


def test_manifest_lists_each_cited_paragraph(prepared_samples):
    rows = prepared_samples["txvip-rights-mismatch.yaml"].manifest["citations"]
    p26 = [r for r in rows if r["article"] == 26]
    assert [(r["paragraph"], r["label"]) for r in p26] == [(2, "第二十六条第二款"), (3, "第二十六条第三款")]
    p566 = [r for r in rows if r["article"] == 566]
    assert [(r["paragraph"], r["label"]) for r in p566] == [(1, "第五百六十六条第一款")]  # restitution, no more
    assert all(isinstance(r["article"], int) for r in rows)
    whole = next(r for r in rows if r["article"] == 497)
    assert "paragraph" not in whole and whole["label"] == "第四百九十七条"
    # the mediation request, the suit and the chargeback rest on the same contract articles as the refund request
    assert set(p566[0]["filings"]) == {
        "platform_refund_request",
        "payment_dispute",
        "complaint_12315",
        "mediation_request",
        "court_complaint",
    }


# --- renewals per debit --------------------------------------------------------------------


def test_each_renewal_debit_is_disputed_from_its_own_transaction(prepared_samples):
    """The order was used in full: only the two renewal debits are disputed, each for what it took."""
    prepared = prepared_samples["mango-auto-renewal.yaml"]
    letter = text_of(prepared, "02_支付争议申请")
    assert "交易1：订单付款，交易单号4200001234202609011234567890，2026年9月1日9时30分，25.00元，不争议" in letter
    assert "交易2：自动续费扣款，交易单号4200002345202610010123456788，2026年10月1日，25.00元，争议25.00元" in letter
    assert "交易3：自动续费扣款，交易单号4200002345202611010123456789，2026年11月1日，25.00元，争议25.00元" in letter
    assert "交易2、交易3各退还25.00元" in letter and "交易1" not in letter.split("请求事项")[1].split("事实与理由")[0]
    entry = next(e for e in prepared.manifest["filings"] if e["kind"] == "payment_dispute")
    assert entry["text_files"] == ["02_支付争议申请.txt", "02_支付争议申请_2.txt"]
    first, second = (prepared.files[name].decode("utf-8") for name in entry["text_files"])
    for text, number in ((first, "4200002345202610010123456788"), (second, "4200002345202611010123456789")):
        assert len(text) <= 300 and "KM202609015550001" in text and number in text
        assert text.rstrip().endswith("诉求：退款25.00元并关闭自动续费。")  # never more than that debit took
    assert "4200001234202609011234567890" not in first + second


def test_the_order_is_disputed_only_for_its_own_refund(tmp_path):
    """A prorated order refund and a renewal: each transaction is asked for its own share, never the sum."""
    from generator.pipeline import Options, prepare
    from tests.conftest import sample_data, write_case

    data = sample_data("txvip-rights-mismatch.yaml")
    data["payment"]["channel"] = "wechat"
    data["problems"].append(
        {
            "type": "auto_renewal",
            "description": "到期后被自动续费扣款",
            "charges": [{"date": "2026-10-01", "amount": "9.90", "transaction_id": "4200009999202610010000000001"}],
        }
    )
    prepared = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    letter = text_of(prepared, "02_支付争议申请")
    assert (
        "交易1：订单付款，交易单号2026090122001412345678901234，2026年9月1日20时15分，158.00元，争议118.50元" in letter
    )
    assert "交易1退还118.50元；交易2退还9.90元" in letter
    assert "以上合计人民币128.40元" in letter
    renewal_text = prepared.files["02_支付争议申请_2.txt"].decode("utf-8")
    assert "诉求：退款9.90元" in renewal_text and "118.50" not in renewal_text
    # the one renewal debit is asked back by its day, not as “各9.90元，共1笔”
    refund = text_of(prepared, "01_平台退款申请书")
    assert "退还2026年10月1日的自动续费扣款人民币9.90元（大写：玖元玖角）（全额退还）。" in refund
    assert "共1笔" not in refund and "各9.90元" not in refund


# --- a marketplace: the shop sold, the platform is asked to act only on its own grounds ------------


def _marketplace(tmp_path, name):
    from generator.pipeline import Options, prepare
    from tests.conftest import marketplace_case

    return prepare(marketplace_case(tmp_path, name), Options(out=tmp_path / "out"))


def test_marketplace_public_post_complains_of_the_shop_on_its_platform(tmp_path):
    """黑猫's 投诉对象 and title name the shop that sold, on its platform, as the 12315 complaint does."""
    prepared = _marketplace(tmp_path, "shop-collected.yaml")
    blocks = paste_blocks(txt_of(prepared, "04_黑猫投诉"))
    assert blocks["投诉对象"] == "阿福会员店（“集卡网”平台内店铺，平台经营者：杭州集卡网络科技有限公司）"
    assert blocks["投诉标题"] == "集卡网店铺“阿福会员店”涉嫌会员权益与宣传不符，要求退款"
    assert blocks["问题说明"].startswith("本人于2026年10月9日9时30分在“集卡网”平台内店铺“阿福会员店”购买")
    assert "通过店铺旺旺联系店铺“阿福会员店”" in blocks["问题说明"]
    word = text_of(prepared, "04_黑猫投诉")
    assert "集卡网店铺“阿福会员店”涉嫌会员权益与宣传不符" in word and "阿福会员店（“集卡网”平台内店铺" in word
    assert "在“集卡网”平台内店铺“阿福会员店”购买" in paste_blocks(txt_of(prepared, "03_12315投诉书"))["问题描述"]


def _with_shop_name(analysis, name: str):
    """The analysis of the same case with the marketplace shop renamed."""
    from dataclasses import replace

    platform = analysis.case.platform
    case = replace(analysis.case, platform=replace(platform, seller=replace(platform.seller, name=name)))
    return replace(analysis, valid=replace(analysis.valid, case=case))


def test_a_long_shop_name_keeps_the_shop_in_the_title(tmp_path):
    from generator.filings.documents import public_title

    prepared = _marketplace(tmp_path, "shop-collected.yaml")
    analysis = _with_shop_name(prepared.analysis, "阿福官方授权会员充值旗舰店铺")
    assert public_title(analysis) == "店铺“阿福官方授权会员充值旗舰店铺”涉嫌会员权益与宣传不符"
    title = public_title(_with_shop_name(analysis, "阿福官方授权视频会员直充秒到账旗舰店铺"))
    assert len(title) <= 30 and title.startswith("店铺“阿福官方") and "…”涉嫌会员权益与宣传不符" in title


def test_marketplace_12315_complaint_is_against_the_shop_at_its_shown_address(tmp_path):
    prepared = _marketplace(tmp_path, "shop-collected.yaml")
    complaint = text_of(prepared, "03_12315投诉书")
    assert "被投诉人：阿福会员店（“集卡网”平台内店铺，经营者名称未能查明）" in complaint
    assert "店铺在平台公示的地址：浙江省杭州市余杭区良睦路3号" in complaint
    assert "平台经营者：杭州集卡网络科技有限公司（地址：浙江省杭州市滨江区江南大道100号）" in complaint
    # the office is the shop's county, and the jurisdiction sentence is the one for 平台内经营者
    assert "杭州市余杭区市场监督管理局：" in complaint
    assert "被投诉人系平台内经营者，“对平台内经营者的投诉，由其在平台公示的地址所在地县级市场监督管理部门" in complaint
    assert "自建网站" not in complaint
    assert "被投诉人：杭州集卡网络科技有限公司" not in complaint
    assert "其宣传与实际交付不符" in complaint  # the shop's advertising, argued to the regulator
    boxes = paste_blocks(txt_of(prepared, "03_12315投诉书"))
    assert boxes["被投诉方"] == "阿福会员店（“集卡网”平台内店铺）"
    assert boxes["企业地址"] == "浙江省杭州市余杭区良睦路3号"
    assert boxes["处理单位"] == "杭州市余杭区市场监督管理局"


def test_marketplace_shop_without_an_address_goes_to_the_platform_domicile(tmp_path):
    prepared = _marketplace(tmp_path, "shop-own-payee.yaml")
    complaint = text_of(prepared, "03_12315投诉书")
    assert "被投诉人：阿福会员店（“集卡网”平台内店铺，经营者名称未能查明）" in complaint
    assert "店铺在平台公示的地址" not in complaint
    assert "杭州市滨江区市场监督管理局：" in complaint
    boxes = paste_blocks(txt_of(prepared, "03_12315投诉书"))
    assert "企业地址" not in boxes  # the platform's address is not the shop's
    assert boxes["处理单位"] == "杭州市滨江区市场监督管理局"


def test_marketplace_refund_request_asks_the_platform_to_intervene(tmp_path):
    prepared = _marketplace(tmp_path, "shop-collected.yaml")
    letter = text_of(prepared, "01_平台退款申请书")
    assert "涉事店铺：阿福会员店（在平台公示的地址：浙江省杭州市余杭区良睦路3号）" in letter
    assert "请求贵平台介入处理" in letter
    assert "督促该店铺全额退还订单价款人民币88.00元" in letter
    assert "督促该店铺按承诺赔偿人民币880.00元" in letter
    assert "向申请人提供该店铺经营者的真实名称、地址和有效联系方式。" in letter
    # the platform collected the price (the facts name it the payee): it is asked to pay back what it holds,
    # never the shop's compensation
    assert "收款方为“杭州集卡网络科技有限公司”" in letter
    assert "该店铺不予退还的，请贵平台直接退还人民币88.00元" in letter
    # and the reasons say why it can: it holds the money (collected for the shop, so no duty of its own is claimed)
    bill = next(e.label for e in prepared.analysis.exhibits if e.category == "transaction")
    reasons = letter.split("理由与依据", 1)[1]
    assert f"本笔款项由贵平台收取（见{bill}），贵平台可以直接原路退还。" in reasons
    assert "直接负有" not in reasons  # the platform collects for the shop: no direct duty claimed
    # the shop's acts are the shop's; the platform's duties are argued once, on 电子商务法 and 消保法第四十四条
    assert "贵平台宣传" not in letter and "贵平台交付" not in letter
    # the shop's advertising is argued where the shop answers (12315, mediation), not to the platform: neither the
    # refund nor the promised sum rests on it
    assert "其宣传与实际交付不符" not in letter
    assert (
        "《中华人民共和国电子商务法》第六十一条、第三十八条第一款，《中华人民共和国消费者权益保护法》第四十四条第一款"
        in letter
    )
    assert letter.count("连带责任") == 1 and "第四十四条第二款" not in letter  # 电子商务法 says it for platforms


def test_marketplace_refund_request_leaves_out_the_payee_request_when_the_shop_was_paid(tmp_path):
    letter = text_of(_marketplace(tmp_path, "shop-own-payee.yaml"), "01_平台退款申请书")
    assert "请求贵平台介入处理" in letter
    assert "由贵平台收取" not in letter and "直接向申请人退还" not in letter
    assert "收款方" not in letter.split("理由与依据", 1)[1] and "请贵平台直接退还" not in letter


def test_only_the_letter_to_the_platform_says_it_collected_the_price(tmp_path):
    """The 12315 complaint and the mediation request are about the shop; the platform's own duty is told to it."""
    prepared = _marketplace(tmp_path, "shop-collected.yaml")
    for stem in ("03_12315投诉书", "06_消协调解申请书"):
        assert "系本笔款项的收款方" not in text_of(prepared, stem), stem


def test_marketplace_contact_is_with_the_shop_unless_the_method_names_the_platform(tmp_path):
    shop = _marketplace(tmp_path / "a", "shop-collected.yaml")
    for stem in ("01_平台退款申请书", "03_12315投诉书", "06_消协调解申请书"):
        assert "通过店铺旺旺与店铺“阿福会员店”沟通" in text_of(shop, stem)
        assert "与平台沟通" not in text_of(shop, stem)
    assert "通过店铺旺旺联系店铺“阿福会员店”" in txt_of(shop, "03_12315投诉书")
    platform = _marketplace(tmp_path / "b", "shop-own-payee.yaml")
    assert "通过平台客服热线沟通" in text_of(platform, "03_12315投诉书")  # the way names whom: not “…与平台沟通”
    assert "通过平台客服热线与" not in text_of(platform, "03_12315投诉书")


def test_official_price_only_in_the_summary_and_id_number_only_in_the_court_complaint(tmp_path):
    prepared = _marketplace(tmp_path, "shop-collected.yaml")
    for stem in ("01_平台退款申请书", "02_支付争议申请", "03_12315投诉书", "06_消协调解申请书"):
        assert "258" not in text_of(prepared, stem) and "官方售价" not in text_of(prepared, stem)
    assert "比价：同类会员官方售价258.00元，实付88.00元" in text_of(prepared, "00_案件概要")
    for stem in ("01_平台退款申请书", "03_12315投诉书", "06_消协调解申请书"):
        assert "330105199107150020" not in text_of(prepared, stem)
    # no suit before the platform was asked to name the shop's operator (消保法第四十四条第一款)
    assert "07_民事起诉状.docx" not in prepared.files


def _measure_script():
    import importlib.util

    from tests.conftest import ROOT

    spec = importlib.util.spec_from_file_location("measure_filings", ROOT / "scripts" / "measure_filings.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", NAMES)
def test_every_sample_letter_keeps_its_character_target(prepared_samples, name):
    """What a reader reads of each letter (parties and evidence list included) stays within its target;
    the pages are printed by scripts/measure_filings.py, which lays the letters out with LibreOffice."""
    from generator.pipeline import FILE_STEMS

    measure = _measure_script()
    prepared = prepared_samples[name]
    for kind, (_, limit) in measure.TARGETS.items():
        docx = prepared.files.get(f"{FILE_STEMS[kind]}.docx")
        if docx is not None:
            assert measure.letter_chars(docx) <= limit, (name, kind, measure.letter_chars(docx))


def test_the_marketplace_refund_request_keeps_its_strongest_grounds(prepared_samples):
    """Shortened by saying things once: the promise, non-delivery, the platform's duties, the loss and the
    answer to the refusal are all still argued, each once."""
    reasons = text_of(prepared_samples["youku-marketplace-promise.yaml"], "01_平台退款申请书").split("理由与依据", 1)[1]
    assert "退回预付款" not in reasons  # a code bought once is no service paid ahead (消保法第五十三条 does not fit)
    for ground in (
        "承诺“假一赔十”、“无效包退包换”",
        "致使不能实现合同目的",
        "应当积极协助消费者维护合法权益",
        "依法与该平台内经营者承担连带责任",
        "消费者也可以向网络交易平台提供者要求赔偿",
        "因违约所造成的损失",
        "以“兑换码已发出即视为交易完成，无效是您自己操作的问题”为由拒绝处理",
        "人民法院应依法予以支持",
    ):
        assert reasons.count(ground) == 1, ground


def closing_addressee(docx: bytes) -> str:
    """The line under 此致: whom the filing is addressed to at its close."""
    lines = [p.text for p in Document(io.BytesIO(docx)).paragraphs]
    return lines[lines.index("此致") + 1]


@pytest.mark.parametrize("name", NAMES)
def test_the_complaint_closes_to_the_office_it_opens_with(prepared_samples, name):
    """此致 names the office the case's addresses point to (law/office.py), as the salutation does; where no office
    can be told, both keep the general form 市场监督管理部门 — never the general form under a named office."""
    from generator.law.office import regulator_office

    prepared = prepared_samples[name]
    if "03_12315投诉书.docx" not in prepared.files:
        pytest.skip("no 12315 complaint is drafted for this sample")
    office = regulator_office(prepared.analysis.case).name
    lines = [p.text for p in Document(io.BytesIO(prepared.files["03_12315投诉书.docx"])).paragraphs]
    expected = office or "市场监督管理部门"
    assert closing_addressee(prepared.files["03_12315投诉书.docx"]) == expected
    assert f"{expected}：" in lines  # the salutation
    if office:
        assert "市场监督管理部门" not in lines


def test_a_complaint_without_a_known_office_closes_to_the_general_form(prepared_samples):
    """The samples hold both cases: a named office (Shenzhen's Nanshan bureau) and none (no usable address)."""
    closings = {
        name: closing_addressee(prepared_samples[name].files["03_12315投诉书.docx"])
        for name in ("iqiyi-fraud.yaml", "mango-auto-renewal.yaml")
    }
    assert closings == {
        "iqiyi-fraud.yaml": "市场监督管理部门",
        "mango-auto-renewal.yaml": "深圳市市场监督管理局南山监管局",
    }


def test_the_bills_merchant_is_given_as_a_lead_to_an_unnamed_operator(tmp_path):
    """No operator in the case, but the bill shows a company as payee: the complaint names the platform, says its
    operator is not ascertained and gives the payee as what the bill shows — never as the operator — and the summary
    asks the user to check it against the site's filing; a payee that is the platform's own name adds nothing."""
    from generator.pipeline import Options, prepare
    from tests.conftest import sample_data, write_case

    data = sample_data("txvip-rights-mismatch.yaml")
    for key in ("operator", "credit_code", "address"):
        data["platform"].pop(key, None)
    prepared = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    complaint = docx_text(prepared.files["03_12315投诉书.docx"])
    lead = "被投诉人：速充卡盟（经营者名称未能查明；支付宝付款记录显示的收款方为“深圳某某科技有限公司”）"
    assert lead in complaint and "依法查明被投诉人的经营者名称和地址。" in complaint
    summary = prepared.files["00_案件概要.txt"].decode("utf-8")
    assert "付款记录显示的收款方“深圳某某科技有限公司”是查明平台经营者的线索：请核对它是否为网站的备案主体" in summary

    data["payment"]["payee"] = "速充卡盟"
    again = prepare(write_case(tmp_path / "same", data), Options(out=tmp_path / "same" / "out"))
    assert "被投诉人：速充卡盟（经营者名称未能查明）\n" in docx_text(again.files["03_12315投诉书.docx"])


# --- each filing lists the exhibits its text refers to ---------------------------------------------------------

TEST_CASES = sorted(
    p for p in (SAMPLES[0].parent.parent / "tests").glob("*_cases/*.yaml") if p.parent.name != "bad_cases"
)


def _body_and_list(docx: bytes) -> tuple[str, set[str], set[str]]:
    """A filing's text before its 附件 line, the exhibits it refers to there, and those its evidence list holds."""
    document = Document(io.BytesIO(docx))
    paragraphs = [p.text for p in document.paragraphs]
    cut = next((n for n, t in enumerate(paragraphs) if t.startswith("附件：") or t == "证据清单"), len(paragraphs))
    body = "\n".join(paragraphs[:cut])
    listed = {row.cells[0].text for table in document.tables for row in table.rows if row.cells[0].text != "编号"}
    listed |= {m for t in paragraphs[cut:] for m in re.findall(r"^(证据\d+)：", t)}  # a list written as lines
    return body, set(re.findall(r"证据\d+", body)), listed


def _exhibit_files(prepared):
    return {
        name: data
        for name, data in prepared.files.items()
        if name.endswith(".docx") and not name.startswith(("00_", "04_", "05_", "10_"))
    }


def test_a_filing_lists_exactly_the_exhibits_it_refers_to(prepared_samples, tmp_path):
    """Read as the other side reads one filing: every exhibit its list holds is referred to in its text, every
    “见证据N” it makes is in its list, and the 附件 line names the same exhibits."""
    from generator.errors import FilingError
    from generator.pipeline import Options, prepare
    from tests.conftest import case_copy

    prepared = dict(prepared_samples)
    for n, case in enumerate(TEST_CASES):
        folder = tmp_path / str(n)
        folder.mkdir()
        try:
            prepared[case.name] = prepare(case_copy(folder, case), Options(out=folder / "o"))
        except FilingError:  # a case the tests expect to be refused is not a filing set
            continue
    checked = 0
    for name, run in prepared.items():
        entries = {e["file"]: e for e in run.manifest["filings"]}
        for file, docx in _exhibit_files(run).items():
            body, referred, listed = _body_and_list(docx)
            assert listed == referred, (name, file, sorted(listed ^ referred))
            assert entries[file].get("exhibits", []) == sorted(int(label[2:]) for label in listed), (name, file)
            checked += 1
    assert checked > 100


def test_an_exhibit_of_a_contact_a_filing_leaves_out_is_not_sent_with_it(tmp_path):
    """The 12315 refusal SMS proves only the 12315 contact: the letters that leave that contact out do not list it
    (nor attach its picture); the filings that tell it do; the summary keeps every exhibit."""
    from generator.pipeline import Options, prepare
    from tests.conftest import case_copy

    case = SAMPLES[0].parent.parent / "tests" / "citation_cases" / "regulator-refused-sms.yaml"
    prepared = prepare(case_copy(tmp_path, case), Options(out=tmp_path / "o"))
    sms = "12315不予受理的短信截图"
    told = {}
    for file, docx in _exhibit_files(prepared).items():
        text = docx_text(docx)
        body = text.split("附件：")[0]
        told[file] = "2026年10月10日" in body
        assert (sms in text) is told[file], file
        assert ("证据5" in text) is told[file], file
    assert not told["01_平台退款申请书.docx"] and not told["07_民事起诉状.docx"]
    assert "附件：1．证据清单（证据1至证据4）" in docx_text(prepared.files["01_平台退款申请书.docx"])
    assert sms in docx_text(prepared.files["00_案件概要.docx"])
