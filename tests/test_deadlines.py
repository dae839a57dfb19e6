"""Deadlines and warnings of a case, as the user reads them, and their calendar file."""

import copy
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from icalendar import Calendar

from generator.case.load import load_case
from generator.case.model import Case
from generator.case.validate import validate_case
from generator.data_files import package_text, use_data_dir
from generator.filings.analyse import low_price_warnings, respondent_warnings
from generator.law.deadlines import Deadline, compute_deadlines, to_ical
from generator.law.money import compute_amounts
from tests.conftest import sample_data, typed_case, write_case

GAP_2027 = "2027年的法定节假日安排未收录，相关期限按周末推算，请以国务院办公厅通知为准"
BASE = {
    "case_id": "txvip-2026-001",
    "filing_date": date(2026, 11, 25),
    "platform": {"name": "速充卡盟", "operator": "某某网络科技有限公司", "address": "北京市海淀区某某大厦"},
    "order": {
        "service": "tencent_video",
        "price": Decimal("258.00"),
        "term_months": 12,
        "paid_at": datetime(2026, 9, 1, 20, 15),
    },
    "payment": {"channel": "wechat", "transaction_id": "4200001234202609011234567890"},
}


def make_case(filing=None, platform=None, **parts) -> Case:
    """A validated case: BASE with `order`/`payment` keys overridden and keys set to None removed."""
    case = copy.deepcopy(BASE)
    if filing:
        case["filing_date"] = filing
    if platform is not None:
        case["platform"] = platform
    for part, changes in parts.items():
        case[part].update(changes)
        case[part] = {k: v for k, v in case[part].items() if v is not None}
    return typed_case(case)


def by_kind(case: Case) -> dict[str, Deadline]:
    """The case's deadlines by kind."""
    return {d.kind: d for d in compute_deadlines(case)[0]}


def warnings_of(case: Case) -> list[str]:
    """The case's warnings about deadlines, price and the respondent."""
    return (
        compute_deadlines(case)[1]
        + low_price_warnings(case.order)
        + respondent_warnings(case.platform, case.filing_date)
    )


def test_platform_reply_is_due_at_midnight_two_days_after_filing():
    """48 hours from 2026-11-25: 2026年11月27日24时前."""
    reply = by_kind(make_case())["platform_reply"]
    assert (reply.label, reply.due, reply.due_text) == ("平台书面答复期限", date(2026, 11, 27), "2026年11月27日24时前")


def test_acceptance_filed_just_before_national_day():
    """Filed 2026-09-29: 7 working days skip 10月1–7日 and count Saturday 10月10日 → 10月14日."""
    acceptance = by_kind(make_case(filing=date(2026, 9, 29)))["regulator_acceptance"]
    assert acceptance.due == date(2026, 10, 14)
    assert acceptance.due_text == "最迟2026年10月14日"
    assert acceptance.label == "市场监管部门受理决定期限"
    assert acceptance.basis.startswith("《市场监督管理投诉举报处理办法》第十五条")


def test_mediation_is_a_rule_without_a_date():
    """Mediation runs from an acceptance date nobody knows yet."""
    mediation = by_kind(make_case())["regulator_mediation"]
    assert mediation.due is None
    assert mediation.due_text == "受理之日起60日内"
    assert mediation.basis.startswith("《市场监督管理投诉举报处理办法》第二十三条第（五）项")


def test_limitation_ending_in_national_day_moves_to_the_next_working_day():
    """Paid 2023-10-01: three years end on 2026-10-01, a holiday, so on 10月8日."""
    case = make_case(filing=date(2026, 9, 29), order={"paid_at": date(2023, 10, 1)}, payment={"channel": "alipay"})
    limitation = by_kind(case)["regulator_limitation"]
    assert (limitation.due, limitation.due_text) == (date(2026, 10, 8), "最迟2026年10月8日")
    assert limitation.basis == "《市场监督管理投诉举报处理办法》第十六条第（四）项"
    assert "自付款之日起算" in limitation.note and "最早" in limitation.note


def test_a_renewal_debit_a_year_on_is_limited_from_the_debit_not_the_order():
    """A year card bought 2025-09-14, used out, then renewed on 2026-09-14 without notice: nothing was wrong before
    the debit, so the three years run from it (2029-09-14), not from the order (2028-09-14)."""
    data = copy.deepcopy(BASE)
    data["filing_date"] = date(2026, 9, 30)
    data["order"].update(paid_at=datetime(2025, 9, 14, 22, 40), used_months=12, price=Decimal("148"))
    data["problems"] = [
        {
            "type": "auto_renewal",
            "description": "年卡到期后又扣了148",
            "charges": [
                {"date": date(2026, 9, 14), "amount": Decimal("148"), "transaction_id": "4200002618202609140312"}
            ],
        }
    ]
    limitation = by_kind(typed_case(data))["regulator_limitation"]
    assert limitation.due_text == "最迟2029年9月14日"
    assert "自首笔争议扣款之日（2026年9月14日）起算" in limitation.note and "自付款之日" not in limitation.note


def test_limitation_ending_on_a_plain_saturday_keeps_that_day_and_names_the_extension():
    """Paid 2023-11-21: three years end on Saturday 2026-11-21; whether a weekend extends it is unsettled."""
    case = make_case(filing=date(2026, 11, 2), order={"paid_at": date(2023, 11, 21)}, payment={"channel": "alipay"})
    limitation = by_kind(case)["regulator_limitation"]
    assert limitation.due == date(2026, 11, 21)
    assert limitation.due_text == "最迟2026年11月21日"
    assert "2026年11月21日为休息日" in limitation.note and "顺延则至2026年11月23日" in limitation.note


def test_acceptance_running_into_2027_uses_weekends_and_warns_once():
    """Filed 2026-12-28: due 2027-01-06 by weekends alone, with one warning for 2027."""
    case = make_case(filing=date(2026, 12, 28), order={"paid_at": date(2026, 12, 1)})
    deadlines, warnings = compute_deadlines(case)
    assert {d.kind: d for d in deadlines}["regulator_acceptance"].due == date(2027, 1, 6)
    assert warnings.count(GAP_2027) == 1
    assert [w for w in warnings if w.startswith("20") and "节假日安排未收录" in w] == [GAP_2027]
    limitation = {d.kind: d for d in deadlines}["regulator_limitation"]
    assert limitation.note.endswith("2029年的法定节假日安排尚未公布，此日期按周末推算，届时以国务院办公厅的通知为准")


def test_a_limitation_near_its_end_in_an_unknown_year_still_warns():
    """Paid 2024-02-01, filed 2027-01-05: the three years end within weeks, in a year without a holiday list."""
    case = make_case(filing=date(2027, 1, 5), order={"paid_at": date(2024, 2, 1)})
    deadlines, warnings = compute_deadlines(case)
    assert GAP_2027 in warnings
    assert "尚未公布" not in {d.kind: d for d in deadlines}["regulator_limitation"].note


def test_no_gap_warning_for_the_years_consulted_when_all_are_known():
    """Filed and limitation end in known years only: no calendar warning (paid 2023, ends 2026)."""
    case = make_case(filing=date(2026, 9, 29), order={"paid_at": date(2023, 10, 1)}, payment={"channel": "alipay"})
    assert [w for w in warnings_of(case) if "节假日安排未收录" in w] == []


def test_wechat_window_is_365_days_from_the_moment_of_payment():
    """Paid 2026-09-01 20:15 by WeChat: a merchant refund is possible until 2027年9月1日20时15分."""
    window = by_kind(make_case())["wechat_refund_window"]
    assert window.due == datetime(2027, 9, 1, 20, 15)
    assert window.due_text == "2027年9月1日20时15分前"
    assert window.label == "微信支付原路退款期限"
    assert "pay.weixin.qq.com" in window.basis
    assert "365日" in window.note


def test_wechat_window_without_the_hour_ends_a_day_early():
    """Paid on 2026-09-01 at an unknown hour: the last safe day is 2027-08-31."""
    window = by_kind(make_case(order={"paid_at": date(2026, 9, 1)}))["wechat_refund_window"]
    assert (window.due, window.due_text) == (date(2027, 8, 31), "最迟2027年8月31日")


@pytest.mark.parametrize("network", ["visa", "mastercard"])
def test_card_window_is_120_days_and_says_soon(network):
    """Visa/Mastercard: 120 days from 2026-09-01 is 2026-12-30, only an outer limit."""
    case = make_case(payment={"channel": "bank_card", "bank": "招商银行", "card_network": network})
    window = by_kind(case)["card_dispute_window"]
    assert (window.due, window.due_text) == (date(2026, 12, 30), "最迟2026年12月30日")
    assert "银行可能要求更早提交，请尽快" in window.note
    assert "docs.chargeflow.io" in window.basis
    assert "wechat_refund_window" not in by_kind(case)


@pytest.mark.parametrize(
    "payment, warning",
    [
        (
            {"channel": "bank_card", "bank": "工商银行", "card_network": "unionpay"},
            "银联卡争议交易的受理期限未经证实（常被引用的“120天”是银行间调单规则，不是持卡人的申请期限），请尽快向发卡行提交",
        ),
        ({"channel": "bank_card", "bank": "工商银行"}, "该银行卡的争议受理期限未经证实，请尽快向发卡行提交"),
        (
            {"channel": "bank_card", "bank": "工商银行", "card_network": "other"},
            "该银行卡的争议受理期限未经证实，请尽快向发卡行提交",
        ),
        ({"channel": "alipay"}, "支付宝投诉商家的受理期限未经证实，请尽快提交"),
        ({"channel": "other"}, "该支付渠道的争议受理期限未经证实，请尽快提交"),
    ],
)
def test_no_window_is_invented_for_unconfirmed_channels(payment, warning):
    """UnionPay, Alipay, other: no payment deadline at all, a warning to file soon instead."""
    case = make_case(payment=payment)
    deadlines, warnings = compute_deadlines(case)
    assert [d.kind for d in deadlines] == [
        "platform_reply",
        "regulator_acceptance",
        "regulator_mediation",
        "regulator_limitation",
    ]
    assert warning in warnings


def test_wechat_gets_no_unconfirmed_window_warning():
    """WeChat has a sourced window; its unconfirmed complaint window is in the note instead."""
    deadlines, warnings = compute_deadlines(make_case())
    assert not any("未经证实" in w for w in warnings)
    assert "付款后多久内仍可向微信支付投诉商家未经证实" in {d.kind: d for d in deadlines}["wechat_refund_window"].note


def test_filings_before_2026_04_15_cite_the_2019_interim_measures():
    """Filed 2026-04-14: 暂行办法 第十四条, 第十五条(四), 第十五条(五); mediation 60 days by 实施条例 第四十六条."""
    case = make_case(filing=date(2026, 4, 14), order={"paid_at": date(2026, 3, 1)}, platform={"name": "速充卡盟"})
    deadlines, warnings = compute_deadlines(case)
    got = {d.kind: d for d in deadlines}
    assert got["regulator_acceptance"].basis.startswith("《市场监督管理投诉举报处理暂行办法》第十四条")
    assert got["regulator_acceptance"].due == date(2026, 4, 23)
    # an administrative regulation in force since 2024-07-01 sets 60 days over the 暂行办法's 45 working days
    assert got["regulator_mediation"].due_text == "受理之日起60日内"
    assert got["regulator_mediation"].basis.startswith("《消费者权益保护法实施条例》第四十六条第三款")
    assert got["regulator_limitation"].basis == "《市场监督管理投诉举报处理暂行办法》第十五条第（四）项"
    assert any("《市场监督管理投诉举报处理暂行办法》第九条、第十五条第（五）项" in w for w in warnings_of(case))


def test_filings_before_the_regulation_took_effect_keep_45_working_days():
    """Filed 2024-06-28, before 实施条例 took effect: the 暂行办法's 45 working days."""
    got = by_kind(make_case(filing=date(2024, 6, 28), order={"paid_at": date(2024, 6, 1)}))
    assert got["regulator_mediation"].due_text == "受理之日起45个工作日内"
    assert got["regulator_mediation"].basis == "《市场监督管理投诉举报处理暂行办法》第二十一条第（五）项"


def test_a_filing_before_2026_04_15_never_names_the_2026_measures(tmp_path):
    """Every document of a case dated 2026-04-14 speaks of 60日 and never of the 2026 办法."""
    from generator.pipeline import Options, prepare
    from generator.rendering.reading import docx_text
    from tests.conftest import sample_data, write_case

    data = sample_data("txvip-rights-mismatch.yaml")
    data["filing_date"], data["order"]["paid_at"], data["order"]["failed_at"] = (
        "2026-04-14",
        "2026-03-01 20:15",
        "2026-03-01",
    )
    data["contacts"][0]["date"] = data["evidence"][3]["about"][0] = "2026-03-03"
    prepared = prepare(write_case(tmp_path, data), Options(out=tmp_path / "out"))
    texts = [
        docx_text(b) if n.endswith(".docx") else b.decode("utf-8")
        for n, b in prepared.files.items()
        if n.endswith((".docx", ".txt"))
    ]
    summary = next(
        t for n, t in zip([n for n in prepared.files if n.endswith((".docx", ".txt"))], texts) if n == "00_案件概要.txt"
    )
    assert "受理之日起60日内" in summary and "45个工作日" not in summary
    for text in texts:
        assert "《市场监督管理投诉举报处理办法》" not in text and "投诉举报处理办法》第" not in text.replace(
            "暂行办法》第", ""
        )


def test_filings_from_2026_04_15_cite_the_2026_measures():
    """Filed on the day the 办法 takes effect: 第十五条 and 60 days."""
    got = by_kind(make_case(filing=date(2026, 4, 15), order={"paid_at": date(2026, 3, 1)}))
    assert got["regulator_acceptance"].basis.startswith("《市场监督管理投诉举报处理办法》第十五条")
    assert got["regulator_mediation"].due_text == "受理之日起60日内"


def test_filing_before_any_known_rules_skips_12315_deadlines():
    """A 2019 filing date: no invented 12315 deadlines, a warning instead."""
    case = make_case(filing=date(2019, 6, 1), order={"paid_at": date(2019, 5, 1)}, payment={"channel": "alipay"})
    deadlines, warnings = compute_deadlines(case)
    assert [d.kind for d in deadlines] == ["platform_reply"]
    assert "2019年6月1日适用的投诉处理规则未收录，未计算12315相关期限" in warnings


def test_low_price_against_the_official_price_given():
    """158 paid against an official 258: under two thirds, worded as advice."""
    case = make_case(order={"price": Decimal("158.00"), "official_price": Decimal("258.00")})
    assert (
        "实付158.00元，不到您填写的官方价格258.00元的三分之二：这可能是体验会员或伪造的兑换码，"
        "建议先核实到账的会员类型和期限"
    ) in warnings_of(case)


@pytest.mark.parametrize("price, warned", [("172.00", False), ("171.99", True)])
def test_low_price_threshold_is_exactly_two_thirds(price, warned):
    """Two thirds of 258 is 172: 172 is not suspicious, 171.99 is."""
    case = make_case(order={"price": Decimal(price), "official_price": Decimal("258")})
    assert any(w.startswith("实付") for w in warnings_of(case)) is warned


def test_low_price_against_the_reference_table():
    """No official_price: a 12-month 腾讯视频 at 150 is compared with the 258 annual card of 2022-04-20."""
    case = make_case(order={"price": Decimal("150")})
    assert (
        "实付150.00元，不到腾讯视频VIP年卡官方价格258元（据2022年4月20日的报道）的三分之二：这可能是体验会员或"
        "伪造的兑换码，建议先核实到账的会员类型和期限；该参考价格可能已变动，请以官方现价为准"
    ) in warnings_of(case)


def test_low_monthly_price_against_the_monthly_card():
    """1 month of 爱奇艺 at 15 is compared with the 30-yuan monthly card."""
    case = make_case(order={"service": "iqiyi", "term_months": 1, "price": Decimal("15")})
    assert any("爱奇艺黄金VIP月卡官方价格30元" in w for w in warnings_of(case))


@pytest.mark.parametrize(
    "order",
    [
        {"service": "mango_tv", "term_months": 12, "price": Decimal("100")},
        {"service": "tencent_video", "term_months": 3, "price": Decimal("10")},
        {"service": "bilibili", "term_months": 12, "price": Decimal("50")},
        {"service": "tencent_video", "term_months": 12, "price": Decimal("150"), "official_price": Decimal("200")},
    ],
)
def test_no_low_price_warning_without_like_for_like(order):
    """No matching reference, or the case's own official price says the price is normal."""
    assert not any(w.startswith("实付") for w in warnings_of(make_case(order=order)))


def test_payment_window_already_passed():
    """Paid by WeChat 2025-09-01 20:15, filed 2026-09-29: the refund window has closed."""
    case = make_case(filing=date(2026, 9, 29), order={"paid_at": datetime(2025, 9, 1, 20, 15)})
    assert (
        "微信支付原路退款期限（2026年9月1日20时15分）在提交日2026年9月29日已经届满："
        "商户已无法通过微信支付原路退款，请要求平台以其他方式退款，并向12315投诉"
    ) in warnings_of(case)


def test_payment_window_closing_within_a_week():
    """Visa paid 2026-08-01, filed 2026-11-25: the outer limit 11月29日 is 4 days away."""
    case = make_case(
        order={"paid_at": date(2026, 8, 1)},
        payment={"channel": "bank_card", "bank": "招商银行", "card_network": "visa"},
    )
    assert "银行卡争议（拒付）申请期限将于2026年11月29日届满，距提交日只剩4日：请立即提交" in warnings_of(case)


def test_payment_window_eight_days_away_is_not_urgent():
    """Visa paid 2026-07-31, filed 2026-11-20: 11月28日 is 8 days away, no warning."""
    case = make_case(
        filing=date(2026, 11, 20),
        order={"paid_at": date(2026, 7, 31)},
        payment={"channel": "bank_card", "bank": "招商银行", "card_network": "visa"},
    )
    assert not any("银行卡争议" in w for w in warnings_of(case))


def test_limitation_already_passed():
    """Paid 2022-09-01, filed 2026-09-29: over three years, so the complaint may be refused."""
    case = make_case(filing=date(2026, 9, 29), order={"paid_at": date(2022, 9, 1)}, payment={"channel": "alipay"})
    assert any(
        w.startswith("12315投诉时效（2025年9月1日）在提交日2026年9月29日已经届满：12315投诉可能不予受理")
        for w in warnings_of(case)
    )


def test_unknown_operator_warns_and_says_where_to_look():
    """No operator: the complaint may be refused (第十六条(五)); ICP record and credit system named."""
    case = make_case(platform={"name": "速充卡盟", "address": "北京市海淀区某某大厦"})
    assert (
        "未填写平台的经营主体名称（platform.operator）：12315投诉须写明被投诉人的名称和地址，缺少的可能不予受理；"
        "可在工信部ICP/IP地址/域名信息备案管理系统查询网站的备案主体，在国家企业信用信息公示系统查询其名称和住所"
        "（《市场监督管理投诉举报处理办法》第十条、第十六条第（五）项）"
    ) in warnings_of(case)


def test_unknown_address_and_operator_are_named_together():
    """Both missing: one warning naming both keys."""
    case = make_case(platform={"name": "速充卡盟"})
    assert any(
        w.startswith("未填写平台的经营主体名称（platform.operator）和地址（platform.address）：")
        for w in warnings_of(case)
    )


def test_a_complete_case_has_no_warnings():
    """Official-price purchase, known operator, WeChat, recent: nothing to warn about (the far year is in the
    summary)."""
    assert warnings_of(make_case()) == []


def test_unknown_kind_is_refused():
    """A deadline kind outside the list is a programming error."""
    with pytest.raises(ValueError):
        Deadline("appeal", "上诉期限", None, "", "", "")


def test_ical_output_parses_back():
    """Dated deadlines become events: all-day for dates, Asia/Shanghai time for moments; no mediation."""
    deadlines, _ = compute_deadlines(make_case(filing=date(2026, 9, 29)))
    ics = to_ical(deadlines, "txvip-2026-001", stamp=datetime(2026, 9, 29, tzinfo=UTC))
    events = {str(e["UID"]): e for e in Calendar.from_ical(ics).walk("VEVENT")}
    assert set(events) == {
        f"txvip-2026-001-{k}@make-filings"
        for k in ("platform_reply", "regulator_acceptance", "regulator_limitation", "wechat_refund_window")
    }
    acceptance = events["txvip-2026-001-regulator_acceptance@make-filings"]
    assert str(acceptance["SUMMARY"]) == "市场监管部门受理决定期限：最迟2026年10月14日"
    assert acceptance.decoded("DTSTART") == date(2026, 10, 14)
    assert acceptance.decoded("DTEND") == date(2026, 10, 15)
    assert "《市场监督管理投诉举报处理办法》第十五条" in str(acceptance["DESCRIPTION"])
    refund = events["txvip-2026-001-wechat_refund_window@make-filings"].decoded("DTSTART")
    assert refund.replace(tzinfo=None) == datetime(2027, 9, 1, 20, 15)
    assert refund.utcoffset() == timedelta(hours=8) and str(refund.tzinfo) == "Asia/Shanghai"


def test_ical_output_is_reproducible_with_a_fixed_stamp():
    """Same deadlines and stamp, same bytes."""
    deadlines, _ = compute_deadlines(make_case())
    stamp = datetime(2026, 11, 25, tzinfo=UTC)
    assert to_ical(deadlines, "a", stamp) == to_ical(deadlines, "a", stamp)


def test_limitation_runs_from_failed_at_when_given():
    """`order.failed_at` is the day the harm became known: the three years run from it, not from payment."""
    case = make_case(order={"paid_at": date(2026, 9, 1), "failed_at": date(2026, 10, 9)})
    limitation = by_kind(case)["regulator_limitation"]
    assert limitation.due == date(2029, 10, 9)
    assert "自您填写的发现权益受损之日（2026年10月9日）起算" in limitation.note


def test_which_card_network_has_a_window_is_the_data_s_choice(tmp_path):
    """channels.yaml's routes decide: give UnionPay the card networks' window in an edited copy, and a UnionPay case
    gets the dated window instead of the warning; the built-in data gives it none."""
    from pathlib import Path

    from generator.data_files import use_data_dir

    case = make_case(payment={"channel": "bank_card", "bank": "工商银行", "card_network": "unionpay"})
    assert "card_dispute_window" not in by_kind(case)
    text = (Path(__file__).resolve().parents[1] / "generator" / "data" / "channels.yaml").read_text(encoding="utf-8")
    old = "      unionpay: {unconfirmed_window: card.unionpay_window}"
    assert old in text
    (tmp_path / "channels.yaml").write_text(
        text.replace(
            old, "      unionpay: {window: {kind: card_dispute_window, fact: card.visa_mastercard_window_days}}"
        ),
        encoding="utf-8",
    )
    use_data_dir(tmp_path)
    try:
        window = by_kind(case)["card_dispute_window"]
        assert window.due == date(2026, 12, 30)
        assert not any("银联卡争议交易的受理期限未经证实" in w for w in compute_deadlines(case)[1])
    finally:
        use_data_dir(None)


def test_low_price_share_is_amounts_yaml_s(tmp_path):
    """A data folder whose amounts.yaml says 1/2: 150 of 258 is no longer suspicious, 128 is, worded 二分之一."""
    (tmp_path / "amounts.yaml").write_text(
        package_text("amounts.yaml").replace("share: 2/3", "share: 1/2"), encoding="utf-8"
    )
    use_data_dir(tmp_path)
    try:
        assert not any(w.startswith("实付") for w in warnings_of(make_case(order={"price": Decimal("150")})))
        warned = warnings_of(make_case(order={"price": Decimal("128")}))
        assert any(
            w.startswith("实付128.00元，不到腾讯视频VIP年卡官方价格258元") and "的二分之一：" in w for w in warned
        )
    finally:
        use_data_dir(None)


def test_wechat_window_runs_from_the_first_disputed_debit_not_an_undisputed_order(tmp_path):
    """The mango sample disputes its renewals of 2026-10-01 and 2026-11-01, not the first order of 2026-09-01: the
    merchant can refund the earliest of them until the last safe day before 2027-10-01 (no hour is given for it)."""
    case = validate_case(load_case(write_case(tmp_path, sample_data("mango-auto-renewal.yaml")))).case
    assert [str(d.date) for d in compute_amounts(case).disputed] == ["2026-10-01", "2026-11-01"]
    window = by_kind(case)["wechat_refund_window"]
    assert (window.due, window.due_text) == (date(2027, 9, 30), "最迟2027年9月30日")


def test_wechat_window_runs_from_the_order_when_it_is_disputed(tmp_path):
    """The same case asking its first order back too (nothing used): the window is the order's, to the minute."""
    data = sample_data("mango-auto-renewal.yaml")
    data["claims"]["refund"] = "full"
    case = validate_case(load_case(write_case(tmp_path, data))).case
    assert by_kind(case)["wechat_refund_window"].due == datetime(2027, 9, 1, 9, 30)


def test_a_card_window_is_each_debits_own_the_first_still_open_is_given(tmp_path):
    """Visa, five renewal debits from July: July's 120 days are over on 2026-11-28, August's are not — the window
    given is August's, and the earlier one is named as past, not the whole dispute as too late."""
    data = sample_data("mango-auto-renewal.yaml")
    data["filing_date"] = "2026-11-28"
    data["order"]["paid_at"] = "2026-06-03 10:00"
    data["payment"] = {"channel": "bank_card", "bank": "招商银行", "card_network": "visa", "transaction_id": "T1"}
    renewal = next(p for p in data["problems"] if p["type"] == "auto_renewal")
    renewal["charges"] = [{"date": f"2026-{m:02d}-03", "amount": "19.80"} for m in (7, 8, 9, 10, 11)]
    renewal.pop("cancel_requested_at", None)
    case = validate_case(load_case(write_case(tmp_path, data))).case
    deadlines, warnings = compute_deadlines(case)
    window = {d.kind: d for d in deadlines}["card_dispute_window"]
    assert window.due == date(2026, 12, 1)  # 2026-08-03 + 120 days
    assert any("2026年7月3日的交易已超过期限" in w for w in warnings)
    assert not any("已经届满" in w for w in warnings)
