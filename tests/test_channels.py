"""The channel facts: values, sources, confidence, dated versions and reference prices."""

import dataclasses
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from generator.errors import DataError
from generator.law.channels import (
    all_facts,
    fact,
    fact_in_force,
    facts_checked_on,
    facts_from_yaml,
    has_fact,
    reference_price,
    rule,
    stale_facts,
)

CHANNELS_MD = Path(__file__).resolve().parents[2] / "shared" / "spec" / "channels.md"
PRICE_KEYS = {
    f"reference_price.{service}.{kind}"
    for service in ("tencent_video", "iqiyi", "youku")
    for kind in ("annual_card", "annual_renewal", "monthly_card", "monthly_renewal")
} | {"reference_price.mango_tv.annual_renewal", "reference_price.mango_tv.monthly_renewal"}


@pytest.mark.parametrize(
    "key, value, unit",
    [
        ("platform.reply_hours", 48, "hours"),
        ("wechat.complaint_text_limit", 300, "characters"),
        ("wechat.merchant_reply_hours", 24, "hours"),
        ("wechat.merchant_resolve_hours", 72, "hours"),
        ("wechat.miniprogram_complaint", 48, "hours"),
        ("wechat.refund_window_days", 365, "days"),
        ("card.visa_mastercard_window_days", 120, "days"),
        ("regulator.acceptance", 7, "working_days"),
        ("regulator.mediation", 60, "days"),
        ("regulator.limitation", 3, "years"),
    ],
)
def test_numeric_facts(key, value, unit):
    """The numbers of channels.md, each with its unit."""
    found = fact(key)
    assert (found.value, found.unit, found.confirmed) == (value, unit, True)


@pytest.mark.parametrize(
    "key, words",
    [
        ("platform.submit_path", ["我的订单 → 申请退款", "客服中心"]),
        ("wechat.complaint_path", ["账单 → 交易详情 → 对订单有疑惑 → 投诉商家"]),
        ("wechat.platform_assist", ["申请平台协助"]),
        ("wechat.miniprogram_complaint", ["小程序交易投诉"]),
        ("alipay.complaint_path", ["我的 → 账单", "投诉商家"]),
        ("regulator.category", ["其他服务 - 充值卡"]),
        ("heimao.fields", ["投诉标题", "投诉对象", "投诉问题", "投诉要求", "涉诉金额"]),
        ("heimao.privacy_notice", ["姓名", "订单号", "快递单号"]),
    ],
)
def test_texts_a_filing_may_quote(key, words):
    """Paths and field names read as channels.md gives them."""
    assert all(word in fact(key).text for word in words)


def test_unconfirmed_facts_are_exactly_those_without_a_reliable_source():
    """channels.md's unconfirmed items, and nothing else, are marked confirmed: false."""
    unconfirmed = {f.key for f in all_facts() if not f.confirmed}
    assert unconfirmed == {
        "wechat.complaint_window",
        "alipay.complaint_window",
        "alipay.merchant_response",
        "card.unionpay_window",
        "card.other_window",
        "card.wallet_merchant_display",
        "payment.other_window",
        "payment.personal_code_window",
        "regulator.category",
        "heimao.title_max_chars",
        "heimao.body_length",
        "reference_price.bilibili",
        "regulator.form_fields",
        "regulator.form_limits",
        "regulator.paste_blocked",
        "wechat.revoke_authorisation",
        "wechat.fraud_menu",
        "alipay.revoke_authorisation",
        "alipay.hotline",
        # channels.md gives the card's chargeback only, not how a recurring debit is stopped: a question for the bank
        "card.stop_recurring",
        # channels.md says nothing of how a complaint already made is supplemented: no source, only a reminder
        "regulator.supplement_channel",
        # the tool's own lengths for paste texts where the site's limit is unknown
        "platform.refund_reason_max_chars",
        "platform.chat_message_max_chars",
        "alipay.complaint_text_max_chars",
        "regulator.description_max_chars",
        "heimao.body_max_chars",
    }


@pytest.mark.parametrize("key", ["heimao.title_max_chars", "alipay.complaint_window", "platform.submit_path"])
def test_rule_refuses_unconfirmed_or_valueless_facts(key):
    """An unconfirmed fact (even with a value) is never handed out as a rule."""
    with pytest.raises(DataError):
        rule(key)


def test_unconfirmed_window_texts_say_file_soon():
    """Where no window is known, the text says so and asks for speed."""
    for key in (
        "alipay.complaint_window",
        "card.unionpay_window",
        "card.other_window",
        "payment.other_window",
        "payment.personal_code_window",
    ):
        assert "未经证实" in fact(key).text and "尽快" in fact(key).text


def test_facts_checked_on_is_the_latest_confirmed_check():
    """The latest check: 2026-12-03 (the refund request sent by post to a closed site's operator)."""
    assert facts_checked_on() == date(2026, 12, 3)


def test_stale_facts_are_those_checked_over_a_year_ago():
    """On 2026-11-25 only the 2021–2022 reference prices are stale; a year after the last check, everything."""
    assert {f.key for f in stale_facts(date(2026, 11, 25))} == PRICE_KEYS
    assert {f.key for f in stale_facts(date(2027, 11, 25))} == PRICE_KEYS
    assert {f.key for f in stale_facts(date(2027, 11, 26))} < {f.key for f in all_facts()}
    assert len(stale_facts(date(2027, 12, 4))) == len(all_facts())


@pytest.mark.parametrize(
    "service, term, price, checked",
    [
        ("tencent_video", 12, "258", date(2022, 4, 20)),
        ("tencent_video", 1, "30", date(2022, 4, 20)),
        ("iqiyi", 12, "248", date(2021, 12, 16)),
        ("iqiyi", 1, "30", date(2021, 12, 16)),
        ("youku", 12, "258", date(2022, 6, 21)),
        ("youku", 1, "30", date(2022, 6, 21)),
    ],
)
def test_reference_price_compares_cards_with_cards(service, term, price, checked):
    """12 months against the annual card, 1 month against the monthly card, with the report's date."""
    amount, source = reference_price(service, term)
    assert amount == Decimal(price) and isinstance(amount, Decimal)
    kind = "年卡" if term == 12 else "月卡"
    assert source.checked == checked and kind in source.text


@pytest.mark.parametrize(
    "service, term",
    [
        ("mango_tv", 12),
        ("mango_tv", 1),
        ("bilibili", 12),
        ("other", 12),
        ("tencent_video", 3),
        ("iqiyi", 24),
    ],
)
def test_no_reference_price_without_like_for_like(service, term):
    """Only renewal prices (芒果TV), none usable (bilibili), or an unusual term: no reference."""
    assert reference_price(service, term) is None


def test_renewal_prices_are_kept_with_their_dates():
    """The 连续包年/包月 prices are data too, though never compared with a card."""
    assert fact("reference_price.mango_tv.annual_renewal").value == 218
    assert fact("reference_price.mango_tv.annual_renewal").checked == date(2022, 8, 9)
    assert fact("reference_price.tencent_video.monthly_renewal").value == 25


def test_regulator_rules_switch_on_2026_04_15():
    """The 暂行办法 applies up to 2026-04-14, the 办法 from 2026-04-15."""
    assert fact("regulator.acceptance", date(2026, 4, 14)).source.startswith(
        "《市场监督管理投诉举报处理暂行办法》第十四条"
    )
    assert fact("regulator.acceptance", date(2026, 4, 15)).source.startswith("《市场监督管理投诉举报处理办法》第十五条")
    # mediation: 实施条例 第四十六条 (from 2024-07-01) sets 60 days over the 暂行办法's 45 working days
    assert (
        fact("regulator.mediation", date(2026, 4, 14)).value,
        fact("regulator.mediation", date(2026, 4, 14)).unit,
    ) == (60, "days")
    assert (
        fact("regulator.mediation", date(2024, 6, 30)).value,
        fact("regulator.mediation", date(2024, 6, 30)).unit,
    ) == (45, "working_days")
    assert fact("regulator.limitation").source == "《市场监督管理投诉举报处理办法》第十六条第（四）项"


def test_no_version_before_the_2019_rules():
    """Before 2020 no rule is known: None, or KeyError when demanded."""
    assert fact_in_force("regulator.acceptance", date(2019, 12, 31)) is None
    with pytest.raises(KeyError):
        fact("regulator.channels", date(2025, 1, 1))


def test_unknown_key_is_a_key_error():
    """A typo in a key fails loudly; has_fact tells beforehand."""
    with pytest.raises(KeyError):
        fact("wechat.no_such_fact")
    assert has_fact("wechat.no_such_fact") is False and has_fact("wechat.complaint_path") is True


def test_facts_are_frozen():
    """Nobody changes a fact after loading."""
    with pytest.raises(dataclasses.FrozenInstanceError):
        fact("wechat.complaint_text_limit").value = 500


GOOD = "  text: 文字\n  source: 出处\n  checked: 2026-11-25\n  confirmed: true\n"


@pytest.mark.parametrize(
    "text",
    [
        "facts: [\n",
        "facts: []\n",
        "- key: a\n",
        "facts:\n- key: a\n  text: 文字\n  checked: 2026-11-25\n  confirmed: true\n",
        "facts:\n- key: a\n" + GOOD + "  value: 3\n",
        "facts:\n- key: a\n" + GOOD + "  value: 3\n  unit: weeks\n",
        "facts:\n- key: a\n" + GOOD.replace("2026-11-25", "'yesterday'"),
        "facts:\n- key: a\n" + GOOD.replace("文字", "第一行 第二行"),
        "facts:\n- key: a\n" + GOOD + "  effective: 2020-01-01\n- key: a\n" + GOOD + "  effective: 2026-04-15\n",
        "facts:\n- key: a\n"
        + GOOD
        + "  effective: 2020-01-01\n  repealed: 2026-05-01\n- key: a\n"
        + GOOD
        + "  effective: 2026-04-15\n",
        "facts:\n- key: a\n" + GOOD + "- key: a\n" + GOOD + "  effective: 2026-04-15\n",
    ],
)
def test_bad_channels_file_is_a_data_error(text):
    """Bad YAML, empty list, missing source, value without unit, unknown unit, text date,
    folded Chinese, and versions that overlap or lack a start: all DataError."""
    with pytest.raises(DataError):
        facts_from_yaml(text)


def test_money_written_as_text_becomes_decimal():
    """A price like 19.90 is kept exactly."""
    facts = facts_from_yaml("facts:\n- key: a\n" + GOOD + "  value: '19.90'\n  unit: yuan\n")
    assert facts["a"][0].value == Decimal("19.90")


# —— channels.md and channels.yaml must name the same sources ——

LAW_NAMES = {
    "消保法实施条例": "《消费者权益保护法实施条例》",
    "实施条例": "《消费者权益保护法实施条例》",
    "消保法": "《消费者权益保护法》",
    "民法典": "《民法典》",
    "办法": "《市场监督管理投诉举报处理办法》",
}
# Sources channels.md names without a web address, each checked to be in channels.md too.
NAMED_SOURCES = [
    "alipay-sdk-java-all",
    "AlipayMerchantTradecomplainQueryResponse",
    "chapter10_2_13",
    "complaint_detail",
    "open-ability/complaint",
    "投诉须知",
    "总局令第121号",
    "2024-09",
    "2024-03-25",
]


def _all_sources() -> list[str]:
    """Every fact's source."""
    return [f.source for f in all_facts()]


@pytest.mark.skipif(not CHANNELS_MD.exists(), reason="the project's shared channel spec is not present")
def test_every_web_source_of_channels_md_is_in_channels_yaml():
    """Each address channels.md cites (pay.weixin.qq.com, kf.qq.com/faq/…, docs.adyen.com/…) is a source."""
    md, sources = CHANNELS_MD.read_text(encoding="utf-8"), "\n".join(_all_sources())
    addresses = set(re.findall(r"(?:[a-z0-9-]+\.)+(?:com|cn|io)(?:/[A-Za-z0-9_./-]*[A-Za-z0-9_/])?", md))
    assert len(addresses) >= 7
    assert sorted(a for a in addresses if a not in sources) == []
    assert [s for s in NAMED_SOURCES if s not in md] == []
    assert [s for s in NAMED_SOURCES if s not in sources] == []


@pytest.mark.skipif(not CHANNELS_MD.exists(), reason="the project's shared channel spec is not present")
def test_every_article_of_channels_md_is_a_source():
    """Each article channels.md cites is in some fact's source, with its law when named."""
    md = CHANNELS_MD.read_text(encoding="utf-8")
    pattern = (
        r"(消保法实施条例|实施条例|消保法|民法典|办法)?\s*(第[一二三四五六七八九十百零]+条)"
        r"(?:\(([一二三四五六七八九十]+)\))?"
    )
    missing = []
    cited = re.findall(pattern, md)
    for law, article, item in cited:
        wanted = f"{article}第（{item}）项" if item else article
        law_name = LAW_NAMES.get(law, "")
        if not any(wanted in s and law_name in s for s in _all_sources()):
            missing.append(f"{law} {wanted}")
    assert len(cited) >= 15
    assert missing == []


@pytest.mark.skipif(not CHANNELS_MD.exists(), reason="the project's shared channel spec is not present")
def test_reference_price_dates_of_channels_md_are_the_checked_dates():
    """Each report date of the reference prices is the `checked` date of its prices."""
    md = CHANNELS_MD.read_text(encoding="utf-8")
    report_dates = {date.fromisoformat(d) for d in re.findall(r"from\s+(\d{4}-\d{2}-\d{2})", md)}
    price_dates = {f.checked for f in all_facts() if f.key in PRICE_KEYS}
    assert report_dates == price_dates == {date(2021, 12, 16), date(2022, 4, 20), date(2022, 6, 21), date(2022, 8, 9)}
