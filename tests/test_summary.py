"""案件概要: what a lawyer reads first — parties, timeline, money, deadlines, plan, hashes."""

from dataclasses import replace

from generator.filings.documents import exhibit_proves
from generator.pipeline import Options, prepare
from generator.rendering.reading import docx_text
from tests.conftest import MARKETPLACE, case_copy


def test_summary_is_first_and_complete(prepared_samples):
    prepared = prepared_samples["mango-auto-renewal.yaml"]
    assert prepared.manifest["filings"][0]["kind"] == "case_summary"
    assert prepared.manifest["filings"][0]["file"] == "00_案件概要.docx"
    text = docx_text(prepared.files["00_案件概要.docx"])
    for fragment in ("当事人", "时间线", "金额与计算", "期限", "维权步骤", "生成的文书"):
        assert fragment in text
    assert "2026年10月1日　自动续费扣款25.00元" in text and "2026年11月1日　自动续费扣款25.00元" in text
    assert "2026年11月24日　生成本套维权文书" in text
    assert "合计主张：人民币50.00元（大写：伍拾元整）" in text
    for d in prepared.manifest["deadlines"]:
        assert d["due_text"] in text
    for entry in prepared.manifest["filings"][1:]:
        assert entry["sha256"] in text and entry["file"] in text
    for e in prepared.manifest["exhibits"]:
        assert e["sha256"] in text
    for w in prepared.manifest["warnings"]:
        assert w in text


def test_summary_says_when_channel_facts_were_checked_and_flags_stale_ones(prepared_samples):
    text = docx_text(prepared_samples["iqiyi-fraud.yaml"].files["00_案件概要.docx"])
    assert "渠道规则与期限信息最近核对于2026年12月3日" in text
    assert "超过一年" in text  # the reference prices come from 2021–2022 reports


def test_timeline_is_in_date_order(prepared_samples):
    text = txt = prepared_samples["txvip-rights-mismatch.yaml"].files["00_案件概要.txt"].decode("utf-8")
    section = txt.split("三、时间线")[1].split("四、")[0]
    lines = [line for line in section.splitlines() if line.strip()]
    assert lines[0].startswith("2026年9月1日20时15分") and lines[-1].startswith("2026年11月24日")
    assert text


def test_a_contact_on_the_day_of_purchase_comes_after_the_purchase(prepared_samples):
    """youku: paid 2026-10-02 21:04, complained the same day (no time given): the purchase leads the day."""
    txt = prepared_samples["youku-marketplace-promise.yaml"].files["00_案件概要.txt"].decode("utf-8")
    lines = [line for line in txt.split("三、时间线")[1].split("四、")[0].splitlines() if line.strip()]
    assert lines[0].startswith("2026年10月2日21时04分　付款购买")
    assert lines[1].startswith("2026年10月2日　") and "小鱼会员铺" in lines[1]


def test_summary_holds_every_identifier_the_facts_the_evidence_and_the_law(prepared_samples):
    """What a lawyer works from: all numbers and names, a statement of facts, what each exhibit proves,
    the provisions cited; formal, dated with the 落款日."""
    prepared = prepared_samples["txvip-rights-mismatch.yaml"]
    case = prepared.analysis.case
    text = docx_text(prepared.files["00_案件概要.docx"])
    platform, pay = case.platform, case.payment
    for value in (
        case.order.id,
        pay.transaction_id,
        pay.merchant_order_id,
        pay.payee,
        platform.credit_code,
        platform.address,
        platform.url,
        platform.icp,
        platform.app,
        platform.customer_service,
        case.complainant.id_number,
    ):
        assert value in text, value
    assert "落款日：2026年11月24日" in text
    statement = text.split("二、事实", 1)[1].split("三、时间线", 1)[0]
    assert "投诉人于2026年9月1日20时15分" in statement and case.problems[0].description in statement
    for e in prepared.analysis.exhibits:  # what each proves: its `about`, else its category
        assert e.description in text and exhibit_proves(prepared.analysis, e) in text and e.sha256 in text
    for c in prepared.manifest["citations"]:
        assert c["label"].split("第", 2)[1] in text  # every provision cited is listed
    assert "《中华人民共和国民法典》第五百六十六条第一款" in text
    assert "你" not in text


def test_renewal_debits_are_listed_with_their_numbers(tmp_path):
    from generator.pipeline import Options, prepare
    from tests.conftest import sample_data, write_case

    data = sample_data("mango-auto-renewal.yaml")
    charges = data["problems"][0]["charges"]
    if "transaction_id" not in charges[0]:
        import pytest

        pytest.skip("renewal transaction numbers are not yet part of the case format")
    text = docx_text(prepare(write_case(tmp_path, data), Options(out=tmp_path / "o")).files["00_案件概要.docx"])
    for c in charges:
        assert c["transaction_id"] in text


def test_recording_admissibility_is_in_the_summary_only_when_not_disclosed(tmp_path):
    from generator.law import provisions as law
    from generator.pipeline import Options, prepare
    from tests.conftest import sample_data, write_case

    data = sample_data("iqiyi-fraud.yaml")
    recordings = [e for e in data["evidence"] if e["file"].endswith(".wav")]
    assert recordings, "the fraud sample carries a call recording"
    for disclosed in (False, True):
        recordings[0]["recording_disclosed"] = disclosed
        prepared = prepare(write_case(tmp_path, data, f"rec-{disclosed}.yaml"), Options(out=tmp_path / "o"))
        summary = docx_text(prepared.files["00_案件概要.docx"])
        annex = docx_text(prepared.files["05_法律依据.docx"])
        for stem in ("01_平台退款申请书", "02_支付争议申请", "03_12315投诉书"):
            assert "录音" not in docx_text(prepared.files[f"{stem}.docx"]).split("证据清单")[0]
        assert ("第一百零六条" in summary) is (not disclosed)
        # the rule is for the user and the lawyer: quoted in the summary, never annexed for the other side
        rule = law.recording_provision()
        assert "第一百零六条" not in annex and rule.body not in annex
        assert (rule.body in summary) is (not disclosed)
        rows = [c for c in prepared.manifest["citations"] if c["article"] == 106]
        assert (rows[0]["filings"] == ["case_summary"] and rows[0]["annexed"] is False) if not disclosed else rows == []


def test_identifiers_name_the_shop_and_a_personal_payee():
    from generator.case.load import load_case
    from generator.case.model import Seller
    from generator.case.validate import validate_case
    from generator.filings.summary import identifiers
    from tests.conftest import sample

    case = validate_case(load_case(sample("txvip-rights-mismatch.yaml"))).case  # new fields set after checking
    case = replace(
        case,
        platform=replace(
            case.platform, kind="marketplace", seller=Seller(name="小鱼会员铺", address="浙江省杭州市余杭区某某路8号")
        ),
        payment=replace(case.payment, payee_kind="personal"),
    )
    lines = "\n".join(identifiers(case))
    assert "被投诉店铺（卖家）：小鱼会员铺，公示地址浙江省杭州市余杭区某某路8号" in lines
    assert "\n平台：" in lines and "被投诉平台" not in lines  # the shop is the respondent, not the platform
    assert "收款方：深圳某某科技有限公司（个人收款人）" in lines
    case = replace(case, platform=replace(case.platform, kind="individual"))
    assert identifiers(case)[1].startswith("被投诉卖家：")


def test_renewal_summary_tells_the_user_to_revoke_and_when_the_next_debit_falls(prepared_samples):
    text = prepared_samples["mango-auto-renewal.yaml"].files["00_案件概要.txt"].decode("utf-8")
    assert "请您自行关闭自动扣费授权" in text and "微信“我 → 服务 → 钱包 → 支付设置 → 自动续费”" in text
    assert "路径未经证实" in text
    assert "下一次扣款预计在2026年12月1日前后" in text


def test_claim_strategy_weighs_the_stronger_claims_with_amounts_and_the_change_to_make(prepared_samples):
    txvip = prepared_samples["txvip-rights-mismatch.yaml"].files["00_案件概要.txt"].decode("utf-8")
    assert "可主张全额退还人民币158.00元" in txvip and "相差人民币39.50元" in txvip
    assert "claims.refund 改为 full" in txvip
    # a wrong product credited from a code is no prepaid service: the strategy does not offer 第五十三条's interest
    assert "第五十三条" not in txvip
    iqiyi = prepared_samples["iqiyi-fraud.yaml"].files["00_案件概要.txt"].decode("utf-8")
    assert "卖家承诺“假一赔十”，按实付人民币68.00元（大写：陆拾捌元整）的十倍可主张人民币680.00元" in iqiyi
    assert "promised_compensation: true" in iqiyi
    youku = prepared_samples["youku-marketplace-promise.yaml"].files["00_案件概要.txt"].decode("utf-8")
    assert "也有理解认为十倍已包含退还的价款，按此理解另赔人民币539.10元" in youku and "尚无定论" in youku
    assert "赔偿的选择：卖家承诺的赔偿599.00元高于法定增加赔偿500.00元" in youku


def test_manifest_amounts_gain_promised_and_losses_only_when_claimed(prepared_samples):
    youku = prepared_samples["youku-marketplace-promise.yaml"].manifest["amounts"]
    assert youku == {
        "refund": "59.90",
        "renewals": "0.00",
        "punitive": "0.00",
        "promised": "599.00",
        "losses": "25.00",
        "total": "683.90",
    }
    assert list(prepared_samples["iqiyi-fraud.yaml"].manifest["amounts"]) == ["refund", "renewals", "punitive", "total"]


def test_a_personal_collection_code_changes_the_payment_step(prepared_samples):
    text = prepared_samples["bilibili-wechat-group-seller.yaml"].files["00_案件概要.txt"].decode("utf-8")
    assert "银行拒付一般不会被受理" in text and "付款应用自身的争议或被骗举报渠道" in text
    assert "个人收款码" not in prepared_samples["iqiyi-fraud.yaml"].files["00_案件概要.txt"].decode("utf-8")


def test_provisions_the_claim_strategy_names_are_annexed(tmp_path):
    """The strategy's 第五十三条 (for a year paid ahead and cut short) is in the annex, with the costs to add."""
    from generator.pipeline import Options, prepare
    from tests.conftest import sample_data, write_case

    data = sample_data("txvip-rights-mismatch.yaml")
    data["order"]["product"] = "腾讯视频VIP年卡（直充）"
    data["problems"][0] = {"type": "rights_mismatch", "description": "用了3个月后会员被收回，后面9个月都用不了"}
    prepared = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    summary = prepared.files["00_案件概要.txt"].decode("utf-8")
    assert "第五十三条：以预收款方式提供服务的经营者" in summary and "claims.losses" in summary
    rows = [(r["law"], r["article"]) for r in prepared.manifest["citations"]]
    assert ("中华人民共和国消费者权益保护法", 53) in rows
    annex = prepared.files["05_法律依据.txt"].decode("utf-8")
    assert "第五十三条（" in annex and "并应当承担预付款的利息、消费者必须支付的合理费用" in annex


def test_the_threefold_suggested_by_the_strategy_is_annexed(tmp_path):
    """A fraud case that does not ask for the threefold: the strategy names 第五十五条第一款, and the annex holds it."""
    from generator.pipeline import Options, prepare
    from tests.conftest import sample_data, write_case

    data = sample_data("iqiyi-fraud.yaml")
    data["claims"]["punitive_damages"] = False
    prepared = prepare(write_case(tmp_path, data), Options(out=tmp_path / "o"))
    summary = prepared.files["00_案件概要.txt"].decode("utf-8")
    assert "三倍赔偿：本案列有欺诈问题，可依《消费者权益保护法》第五十五条第一款主张增加赔偿人民币500.00元" in summary
    assert "低于按承诺“假一赔十”可得的人民币680.00元" in summary  # weighed against the promise, not said higher
    rows = [(r["article"], r.get("paragraph")) for r in prepared.manifest["citations"]]
    assert (55, 1) in rows and (55, 2) not in rows


def test_summary_timeline_says_the_shop_was_contacted_on_a_marketplace(tmp_path):
    from generator.pipeline import Options, prepare
    from generator.rendering.reading import docx_text
    from tests.conftest import marketplace_case

    summary = docx_text(
        prepare(marketplace_case(tmp_path, "shop-collected.yaml"), Options(out=tmp_path / "out")).files[
            "00_案件概要.docx"
        ]
    )
    assert "通过店铺旺旺联系店铺“阿福会员店”" in summary
    assert "通过店铺旺旺联系平台" not in summary


def test_no_limit_is_printed_for_a_filing_the_case_does_not_call_for(prepared_samples):
    """The group seller blocked the buyer: no refund request, so no reply deadline; no 12315 complaint, no
    acceptance or mediation period."""
    text = prepared_samples["bilibili-wechat-group-seller.yaml"].files["00_案件概要.txt"].decode("utf-8")
    deadlines = text.split("五、期限")[1].split("六、")[0]
    assert "平台书面答复期限" not in deadlines and "受理决定期限" not in deadlines and "12315调解期限" not in deadlines
    assert "12315投诉时效" in deadlines
    other = prepared_samples["txvip-rights-mismatch.yaml"].files["00_案件概要.txt"].decode("utf-8")
    assert "平台书面答复期限" in other.split("五、期限")[1]


def _summary_of(tmp_path, path):
    """The summary of a case file copied beside the sample evidence (or already written there)."""
    from generator.pipeline import Options, prepare
    from tests.conftest import case_copy

    case = path if path.parent == tmp_path else case_copy(tmp_path, path)
    prepared = prepare(case, Options(out=tmp_path / "out"))
    return prepared.files["00_案件概要.txt"].decode("utf-8")


def test_the_strategy_offers_the_threefold_when_the_product_delivered_was_never_the_one_sold(tmp_path):
    """A shared account sold as 独享, only the promise “假一赔二” (90.00) claimed: the threefold floor (500.00) is the
    stronger claim; the strategy gives its amount, the promise it beats, the total, and what to add to the case
    file — and the total is what the case, so changed, does claim."""
    import yaml

    from tests.conftest import MARKETPLACE, write_case

    summary = _summary_of(tmp_path / "a", MARKETPLACE / "shop-shared-sold-exclusive.yaml")
    strategy = summary.split("诉求策略", 1)[1].split("五、期限", 1)[0]
    line = next(s for s in strategy.splitlines() if s.startswith("- 三倍赔偿："))
    assert "宣传为“爱奇艺黄金会员年卡，独享账号，假一赔二”，交付的却是“多人共用的账号”" in line
    assert "第五十五条第一款主张增加赔偿人民币500.00元" in line and "不足五百元，按五百元计算" in line
    assert "高于按承诺“假一赔二”可得的人民币90.00元" in line and "共可主张人民币545.00元" in line
    assert "type: fraud" in line and "punitive_damages: true" in line
    assert "第五十五条第一款" in summary.split("七、引用的法条", 1)[1]  # the provision it names is listed
    # the case file changed as the line says claims what the line says
    data = yaml.safe_load((MARKETPLACE / "shop-shared-sold-exclusive.yaml").read_text(encoding="utf-8"))
    data["problems"].append({"type": "fraud", "description": "页面写“独享账号”，交付的是多人共用的账号"})
    data["claims"]["punitive_damages"] = True
    changed = _summary_of(tmp_path / "b", write_case(tmp_path / "b", data))
    assert "合计主张：人民币545.00元" in changed and "- 三倍赔偿：" not in changed


def test_the_strategy_does_not_offer_the_threefold_below_a_promise_claimed(tmp_path):
    """“假一赔十” on 88.00 (880.00) is claimed: the threefold (500.00) would raise nothing and is not offered."""
    from tests.conftest import MARKETPLACE

    summary = _summary_of(tmp_path, MARKETPLACE / "shop-collected.yaml")
    assert "三倍赔偿：" not in summary


def test_a_debit_and_a_request_to_cancel_on_the_same_day_come_debit_first(prepared_samples):
    """mango: debited on 2026-10-01 and asked to cancel that day (neither with a time): the request answers the
    debit, so the debit leads."""
    txt = prepared_samples["mango-auto-renewal.yaml"].files["00_案件概要.txt"].decode("utf-8")
    day = [line for line in txt.split("三、时间线")[1].splitlines() if line.startswith("2026年10月1日　")]
    assert day[:2] == ["2026年10月1日　自动续费扣款25.00元", "2026年10月1日　申请取消自动续费"]


def test_a_fraud_claim_on_the_users_word_alone_asks_for_the_offers_screenshot(tmp_path):
    """The threefold claimed with no exhibit of the seller's offer (lawyer review #40): the claim strategy says the
    claim needs the group-chat screenshot of the offer; with such a screenshot it says nothing of the kind."""
    from tests.test_narrative import lawyer_case

    summary = lawyer_case(tmp_path / "a", "group-word-only.yaml").files["00_案件概要.txt"].decode("utf-8")
    strategy = summary.split("诉求策略", 1)[1].split("五、期限", 1)[0]
    assert (
        "增加赔偿人民币500.00元（大写：伍佰元整）的主张目前只有投诉人所述的宣传“群主说是官方渠道年卡，50元一年”"
        in strategy
    )
    assert "群聊或私聊中卖家发布该商品信息" in strategy and "category: advertisement" in strategy

    def offer_shown(data):
        data["evidence"].append(
            {"file": "evidence/fraud-ad-page.png", "category": "advertisement", "description": "群里发布的报价截图"}
        )

    summary = lawyer_case(tmp_path / "b", "group-word-only.yaml", offer_shown).files["00_案件概要.txt"].decode("utf-8")
    assert "的主张目前只有" not in summary


def test_the_annex_holds_what_the_filings_cite_and_the_summary_quotes_what_only_it_cites(tmp_path):
    """After a 12315 mediation ended, with a recording made without telling the other side: the annex that goes
    to the court and the defendant holds every provision a drafted filing cites and nothing else — not the rule on
    recordings, not the provisions of the summary's claim strategy; the summary quotes those itself, word for word
    from the data, and still lists every provision; the manifest says where each is quoted."""
    from pathlib import Path

    from generator.law import provisions as law
    from generator.pipeline import Options, prepare
    from tests.conftest import case_copy

    case = Path(__file__).parent / "route_cases" / "mediation-ended-recording.yaml"
    prepared = prepare(case_copy(tmp_path, case), Options(out=tmp_path / "o"))
    annex = prepared.files["05_法律依据.txt"].decode()
    summary = prepared.files["00_案件概要.txt"].decode()
    court = docx_text(prepared.files["07_民事起诉状.docx"])
    assert "法律依据（本起诉状所引条文原文，另附）" in court
    rule = law.recording_provision()
    assert "第一百零六条" not in annex and rule.body not in annex
    assert rule.body in summary.split("七、引用的法条")[1]
    rows = prepared.manifest["citations"]
    sent = [r for r in rows if set(r["filings"]) - {"case_summary"}]
    own = [r for r in rows if r["filings"] == ["case_summary"]]
    assert any(r["article"] == 106 for r in own)
    assert all(r["annexed"] for r in sent) and not any(r["annexed"] for r in own)
    for r in sent:  # every provision a filing sent out cites is in the annex
        assert law.book_title(r["law"]) + r["label"] in annex
    for r in own:
        assert law.book_title(r["law"]) + r["label"] not in annex
        assert law.book_title(r["law"]) + r["label"] + "（" in summary  # the summary's list stays complete
        text = law.provision_in_force(r["law"], r["article"], prepared.analysis.filing_date)
        assert text is not None and text.body.split("\n")[0] in summary  # quoted from provisions.yaml
    headings = [line for line in annex.splitlines() if line.startswith("《")]
    assert len(headings) == len({(r["law"], r["article"]) for r in sent})  # nothing no filing cites
    assert "以上条文录自公开的法律文本" in summary.split("七、引用的法条")[1]


def test_a_renewal_on_a_bank_card_gets_a_step_to_stop_the_recurring_debit_with_the_bank(tmp_path):
    """No app setting stops a card's recurring debit that the channel facts confirm: the first step is to ask the
    issuing bank the case names to stop the merchant's debits before the next one is due, as a question for the
    bank (its path unconfirmed), not as a rule; there is no WeChat or Alipay authorisation to close."""
    from generator.pipeline import Options, prepare
    from tests.conftest import ROOT, case_copy

    path = case_copy(tmp_path, ROOT / "tests" / "payment_cases" / "card-renewal-after-cancel.yaml")
    summary = prepare(path, Options(out=tmp_path / "out")).files["00_案件概要.txt"].decode("utf-8")
    step = next(line for line in summary.split("\n") if "定期扣款" in line)
    asked = "1. 请您在2026年12月14日之前自行联系中信银行，要求停止广州易充信息技术有限公司对该卡的定期扣款"
    assert step.startswith(asked)
    assert "未经证实，以银行答复为准" in step
    assert "下一次扣款预计在2026年12月14日前后" in summary
    assert "请您自行关闭自动扣费授权" not in summary


def test_a_marketplace_shop_is_named_once_among_the_identifiers(tmp_path):
    """The shop sold on a marketplace: one line names it with its shown address, not a second “平台内店铺” line."""
    prepared = prepare(case_copy(tmp_path, MARKETPLACE / "shop-collected.yaml"), Options(out=tmp_path / "out"))
    summary = prepared.files["00_案件概要.txt"].decode("utf-8")
    shop = prepared.analysis.case.platform.seller.name
    assert summary.count(f"被投诉店铺（卖家）：{shop}") == 1 and f"平台内店铺：{shop}" not in summary


def test_a_person_selling_in_a_chat_has_no_user_agreement_to_mind_for_the_court(tmp_path):
    """The court's venue for an individual seller names no platform user agreement's jurisdiction clause."""
    from tests.conftest import CASES

    individual = prepare(case_copy(tmp_path, CASES / "bilibili-wechat-group-seller.yaml"), Options(out=tmp_path / "a"))
    shop = prepare(case_copy(tmp_path / "b", MARKETPLACE / "shop-collected.yaml"), Options(out=tmp_path / "b" / "o"))
    said = individual.files["00_案件概要.txt"].decode("utf-8")
    assert "合同履行地人民法院管辖" in said and "平台用户协议" not in said
    assert "平台用户协议中可能约定的管辖条款" in shop.files["00_案件概要.txt"].decode("utf-8")


def test_a_card_debit_due_on_the_filing_date_is_stopped_now_with_the_merchant_the_bill_shows(tmp_path):
    """The next debit falls on the filing date itself: the step says 立即, not “在今天之前”; with no payee in the case
    it names the merchant the bill shows rather than the platform's operator, who may not be the one debiting."""
    import yaml

    from generator.pipeline import Options, prepare
    from tests.conftest import ROOT, case_copy

    path = case_copy(tmp_path, ROOT / "tests" / "payment_cases" / "card-renewal-after-cancel.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["filing_date"] = "2026-12-14"
    data["payment"].pop("payee", None)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    summary = prepare(path, Options(out=tmp_path / "out")).files["00_案件概要.txt"].decode("utf-8")
    step = next(line for line in summary.split("\n") if "定期扣款" in line)
    assert step.startswith(
        "1. 请您立即（下一次扣款预计就在2026年12月14日）自行联系中信银行，要求停止账单上显示的扣款商户对该卡"
    )
