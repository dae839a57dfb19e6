"""The public 黑猫投诉 post never shows the complainant's private data."""

from __future__ import annotations

import copy
import functools
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import PrivacyLeakError
from generator.filings import jieba_tables, privacy
from generator.filings.privacy import (
    PrivateValues,
    assert_public,
    find_leaks,
    introduced_names,
    mask_public_text,
    private_values,
)
from tests.conftest import typed_case

# Numbers chosen to share little with each other or with ordinary text, so
# that each test sees the mask of the number it is about.
CASE = {
    "complainant": {
        "name": "张三",
        "phone": "13800138000",
        "address": "北京市朝阳区某某路1号",
        "email": "zhangsan@example.com",
        "id_number": "110101199003074514",
    },
    "order": {"id": "KM20260901K7Q3X9"},
    "payment": {
        "transaction_id": "4200002345202609017719830462",
        "merchant_order_id": "SC9F20260901A8B7",
    },
}
VALUES = private_values(typed_case(CASE))

# The sample case of the format spec: its order number's digits sit inside
# its transaction number, which the masking must survive too.
SPEC_SAMPLE = PrivateValues(
    name="王小明",
    phone="010-62345678",
    address="广东省深圳市南山区科技园南区1栋",
    order_id="KM202609011234567",
    transaction_id="4200001234202609011234567890",
    email="Xiaoming.Wang@Example.com",
    id_number="11010119900307109X",
    merchant_order_id="KM202609011234567",
)


def masked(text: str, values: PrivateValues = VALUES) -> str:
    """Mask with the default case's values."""
    return mask_public_text(text, values)


# --- private_values -----------------------------------------------------------


def test_private_values_reads_every_field():
    """All eight values come from their keys in the case."""
    assert VALUES == PrivateValues(
        name="张三",
        phone="13800138000",
        address="北京市朝阳区某某路1号",
        order_id="KM20260901K7Q3X9",
        transaction_id="4200002345202609017719830462",
        email="zhangsan@example.com",
        id_number="110101199003074514",
        merchant_order_id="SC9F20260901A8B7",
    )


def test_private_values_leaves_absent_optional_fields_empty():
    """No email, ID or merchant number in the case: None, and masking still works."""
    case = {
        "complainant": {"name": "张三", "phone": "13800138000", "address": "北京市朝阳区某某路1号"},
        "order": {"id": "KM20260901K7Q3X9"},
        "payment": {"transaction_id": "4200002345202609017719830462"},
    }
    values = private_values(typed_case(case))
    assert (values.email, values.id_number, values.merchant_order_id) == (None, None, None)
    assert masked("张三的订单KM20260901K7Q3X9", values) == "张*的订单（已隐去）"


# --- name -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("投诉人张三于当日付款", "投诉人张*于当日付款"),
        ("我是张 三。", "我是张*。"),
        ("我是张　三。", "我是张*。"),
        ("张三、张三", "张*、张*"),
    ],
)
def test_name_keeps_the_surname_only(text, expected):
    """张三 → 张*, also spaced out with ASCII or ideographic spaces."""
    assert masked(text) == expected


def test_three_character_name_gets_two_stars():
    """王小明 → 王**."""
    assert masked("本人王小明，王 小 明", SPEC_SAMPLE) == "本人王**，王**"


def test_one_character_name_is_not_masked_everywhere():
    """A one-character name cannot be told from ordinary text, so it is left alone."""
    values = PrivateValues(
        name="雪",
        phone="13800138000",
        address="北京市朝阳区某某路1号",
        order_id="KM20260901K7Q3X9",
        transaction_id="4200002345202609017719830462",
    )
    assert masked("下雪了", values) == "下雪了"
    assert find_leaks("下雪了", values) == []


# --- phone ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "13800138000",
        "138-0013-8000",
        "138 0013 8000",
        "+86 13800138000",
        "+8613800138000",
        "0086-138-0013-8000",
        "１３８００１３８０００",
        "138.0013.8000",
    ],
)
def test_mobile_keeps_first_three_and_last_four(written):
    """Every way of writing the complainant's mobile becomes 138****8000."""
    assert masked(f"请拨打{written}联系我") == "请拨打138****8000联系我"


@pytest.mark.parametrize(
    "written, expected",
    [
        ("010-62345678", "010****"),
        ("01062345678", "010****"),
        ("(010)62345678", "(010****"),
    ],
)
def test_landline_keeps_the_area_code(written, expected):
    """A landline keeps only its area code."""
    assert masked(f"电话{written}。", SPEC_SAMPLE) == f"电话{expected}。"


def test_part_of_the_phone_is_masked():
    """Seven digits of the phone are still the phone."""
    assert masked("手机前七位1380013。") == "手机前七位电话已隐去。"


def test_other_mobile_numbers_are_masked_in_the_same_style():
    """A mobile that is not the complainant's is masked like the site does."""
    assert masked("客服说打13912345678或者139 1234 5678") == "客服说打139****5678或者139****5678"


def test_other_landline_with_area_code_is_masked():
    """0755-12345678 keeps only 0755."""
    assert masked("对方座机0755-27654321。") == "对方座机0755****。"


def test_mobile_shape_inside_a_longer_number_is_not_a_phone():
    """Eleven digits inside a longer run are not shown as a phone, yet still masked."""
    assert masked("单号A13912345678B") == "单号号码已隐去"


# --- ID number ------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "110101199003074514",
        "110101 19900307 4514",
        "１１０１０１１９９００３０７４５１４",
        "110101900307451",  # the 15-digit card of before 1999
    ],
)
def test_id_number_is_masked(written):
    """The ID number, spaced, full-width or in its old 15-digit form."""
    assert masked(f"身份证号：{written}。") == "身份证号（已隐去）。"


def test_id_number_with_lowercase_x_is_masked():
    """An ID ending in X is caught when written with x."""
    assert masked("证件11010119900307109x。", SPEC_SAMPLE) == "证件身份证号已隐去。"


def test_other_id_number_shape_is_masked():
    """Any 18-digit ID shape, whoever it belongs to."""
    assert masked("他的身份证320102198805061234呢") == "他的身份证（已隐去）呢"


# --- e-mail -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "zhangsan@example.com",
        "ZhangSan@Example.COM",
        "zhangsan＠example.com",
    ],
)
def test_email_is_masked(written):
    """The e-mail, whatever its case, also with a full-width @."""
    assert masked(f"邮箱{written}，") == "邮箱（已隐去），"


def test_other_email_is_masked():
    """Any e-mail shape, including a QQ mail made of digits."""
    assert masked("发到12345678@qq.com或li.si+x@mail.example.cn") == "发到邮箱已隐去或邮箱已隐去"


# --- address ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "北京市朝阳区某某路1号",
        "北京市 朝阳区 某某路 1号",
        "北京市朝阳区某某路１号",
    ],
)
def test_address_is_masked(written):
    """The full address, also with spaces or a full-width digit."""
    assert masked(f"我住{written}。") == "我住地址已隐去。"


def test_street_part_of_address_is_masked_on_its_own():
    """The street and number identify the person without the city."""
    assert masked("快递寄到某某路1号") == "快递寄到地址已隐去"
    assert masked("寄到科技园南区1栋", SPEC_SAMPLE) == "寄到地址已隐去"


def test_city_alone_is_not_masked():
    """Naming the city or district reveals nobody."""
    assert masked("北京市朝阳区的消费者") == "北京市朝阳区的消费者"


# --- order, transaction and merchant numbers --------------------------------------


@pytest.mark.parametrize(
    "written, mask",
    [
        ("KM20260901K7Q3X9", "订单号已隐去"),
        ("km20260901k7q3x9", "订单号已隐去"),
        ("KM-2026-0901-K7Q3X9", "订单号已隐去"),
        ("4200002345202609017719830462", "交易单号已隐去"),
        ("4200 0023 4520 2609 0177 1983 0462", "交易单号已隐去"),
        ("SC9F20260901A8B7", "商户单号已隐去"),
    ],
)
def test_numbers_are_masked_whole(written, mask):
    """Each number, in any case and with separators, gets its own mask."""
    assert masked(f"单号为{written}，请查") == f"单号为{mask}，请查"


@pytest.mark.parametrize(
    "part, mask",
    [
        ("01K7Q3X9", "订单号已隐去"),  # last 8 characters of the order number
        ("k7q3x9", "订单号已隐去"),  # 6 characters, lower case
        ("19830462", "交易单号已隐去"),
        ("0901A8B7", "商户单号已隐去"),
    ],
)
def test_numbers_are_masked_in_part(part, mask):
    """Six or more consecutive characters of a number are masked."""
    assert masked(f"片段{part}的订单") == f"片段{mask}的订单"
    assert masked(f"尾号{part}的订单") == "尾号（已隐去）的订单"  # the label already says what it was


def test_quoted_tails_of_numbers_are_masked():
    """ "Not even in part": the end of a number quoted as 尾号/后四位, or its last four alone, is hidden."""
    assert masked("订单尾号Q3X9") == "订单尾号已隐去"
    assert masked("身份证后四位4514，请核对") == "身份证尾号已隐去，请核对"
    assert masked("单号最后是Q3X9。") == "单号最后是号码已隐去。"
    assert masked("尾号3X9A") == "尾号已隐去"
    assert masked("共3X9A元") == "共3X9A元"  # not the end of any number, not after 尾号: kept


def test_an_order_number_that_is_no_number_hides_nothing():
    """A user without an order number writes so in order.id; the words in it stay readable elsewhere."""
    values = replace(VALUES, order_id="无订单号（QQ转账）", transaction_id="101000026091500012345678")
    assert masked("在QQ群中向个人卖家购买，QQ转账60元", values) == "在QQ群中向个人卖家购买，QQ转账60元"
    assert find_leaks("在QQ群中购买", values) == []


def test_a_bare_tail_that_counts_something_is_a_quantity():
    """A number ending in 2000 does not make a form's "不超过2000字" or an amount of 2000元 private."""
    values = replace(VALUES, transaction_id="4200327112464008599798732000")
    assert masked("【问题说明】（不超过2000字）", values) == "【问题说明】（不超过2000字）"
    assert masked("共2000元", values) == "共2000元"
    assert (
        masked("【金额（涉诉金额，元）】\n20.00\n", values) == "【金额（涉诉金额，元）】\n20.00\n"
    )  # 20.00 reads 2000
    assert masked("尾号2000", values) == "尾号已隐去"
    assert masked("单号…2000。", values) == "单号…号码已隐去。"


def test_compact_date_inside_the_order_number_is_masked():
    """A limit, kept on purpose: 20260901 is a run of the order number, so it goes."""
    assert masked("付款日20260901") == "付款日交易单号已隐去"


def test_spec_sample_numbers_that_overlap_are_all_masked():
    """The order number inside the transaction number: both gone, nothing left over."""
    text = "订单KM202609011234567，交易4200001234202609011234567890，尾号11234567"
    out = masked(text, SPEC_SAMPLE)
    assert out == "订单（已隐去），交易（已隐去），尾号（已隐去）"
    assert find_leaks(out, SPEC_SAMPLE) == []


# --- other private-looking numbers ------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "6222 0212 3456 7890 123",
        "6222-0212-3456-7890",
        "6222021234567890",
        "TB5566778899001122",
        "SF1234567890123",
    ],
)
def test_card_and_order_like_numbers_are_masked(written):
    """Bank cards (grouped or not) and long order/waybill numbers of anyone."""
    assert masked(f"号码{written}。") == "号码号码已隐去。"


@pytest.mark.parametrize(
    "text",
    [
        "实付158.00元，官方价¥258.00，合计¥1,580.00",
        "2026-09-01 20:15 付款，2026年9月1日开通，2026/10/01 扣费",
        "依据消费者权益保护法第五十五条、第55条，总局令第121号",
        "平台网址https://www.example.com，备案京ICP备12345678号-1",
        "统一社会信用代码91110105MA01ABCD26",
        "腾讯视频VIP12个月，只能用3个月，案件txvip-2026-001",
        "人民币贰佰贰拾伍元整 😀🎉",
    ],
)
def test_ordinary_facts_survive(text):
    """Amounts, dates, articles, URLs, an ICP record and a credit code are not private."""
    assert masked(text) == text
    assert find_leaks(text, VALUES) == []


# --- find_leaks and assert_public ---------------------------------------------------


def test_find_leaks_names_each_kind_without_the_value():
    """Each leak is named by field; no report repeats a secret."""
    text = (
        "张三 13800138000 zhangsan@example.com 北京市朝阳区某某路1号 110101199003074514 "
        "KM20260901K7Q3X9 4200002345202609017719830462 SC9F20260901A8B7 尾号01K7Q3X9 "
        "13912345678"
    )
    leaks = find_leaks(text, VALUES)
    assert sorted(leaks) == sorted(
        [
            "投诉人邮箱",
            "投诉人住址",
            "投诉人姓名",
            "支付交易单号",
            "投诉人身份证号",
            "订单号",
            "商户单号",
            "投诉人电话",
            "订单号的连续6位以上片段",
            "疑似手机号",
        ]
    )
    for secret in ("张三", "13800138000", "zhangsan", "某某路", "110101", "K7Q3X9", "19830462", "A8B7"):
        assert not any(secret in leak for leak in leaks)


def test_find_leaks_counts_repeats():
    """Two occurrences are reported once, with their count."""
    assert find_leaks("张三说张三", VALUES) == ["投诉人姓名（2处）"]


def test_masks_are_not_leaks():
    """Everything mask_public_text writes passes the final scan."""
    text = "张*，138****8000，010****，身份证号已隐去，邮箱已隐去，地址已隐去，订单号已隐去，号码已隐去"
    assert find_leaks(text, VALUES) == []
    assert masked(text) == text


def test_assert_public_raises_naming_the_filing():
    """A leak stops the filing, and the message says which filing and what."""
    with pytest.raises(PrivacyLeakError) as error:
        assert_public("投诉人张三，订单KM20260901K7Q3X9", VALUES, "黑猫投诉帖子")
    message = str(error.value)
    assert "黑猫投诉帖子" in message
    assert "投诉人姓名" in message and "订单号" in message
    assert "张三" not in message and "K7Q3X9" not in message


def test_assert_public_accepts_masked_text():
    """The masked text passes."""
    assert_public(masked("投诉人张三，订单KM20260901K7Q3X9"), VALUES, "黑猫投诉帖子")


# --- property -------------------------------------------------------------------------


def written_forms(values: PrivateValues) -> list[str]:
    """The private values as a user might paste them, whole and in part."""
    forms = [
        values.name,
        " ".join(values.name),
        values.phone,
        values.address,
        values.address[-5:],
        values.order_id,
        values.order_id.lower(),
        values.order_id[-8:],
        values.transaction_id,
        values.transaction_id[5:13],
        values.transaction_id[-6:],
    ]
    if values.email:
        forms += [values.email, values.email.upper()]
    if values.id_number:
        forms += [values.id_number, values.id_number.lower(), values.id_number[6:14]]
    if values.merchant_order_id:
        forms += [values.merchant_order_id, values.merchant_order_id[3:10]]
    digits = re.sub(r"\D", "", values.phone)
    forms += [f"{digits[:3]}-{digits[3:7]}-{digits[7:]}", f"+86 {digits}", digits[:7]]
    return forms


def numbers_of(values: PrivateValues) -> list[str]:
    """Each number as its letters and digits, upper case."""
    raw = [values.phone, values.order_id, values.transaction_id, values.id_number or "", values.merchant_order_id or ""]
    return [re.sub(r"[^0-9A-Za-z]", "", n).upper() for n in raw if n]


def ascii_upper(text: str) -> str:
    """Upper-case ASCII letters only (str.upper turns ß into SS)."""
    return re.sub(r"[a-z]+", lambda m: m.group().upper(), text)


NEAR_MISSES = st.text(
    alphabet=st.sampled_from(list("0123456789０１２３４５６７８９ -.+@axzKMXQ张三王小明北京市路号订单，。😀🎉\u3000"))
)


@pytest.mark.parametrize("values", [VALUES, SPEC_SAMPLE], ids=["case", "spec-sample"])
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_masked_text_never_leaks(values, data):
    """Whatever surrounds the values, the masked text shows none of them."""
    pieces = data.draw(st.lists(st.one_of(st.text(), NEAR_MISSES, st.sampled_from(written_forms(values))), max_size=12))
    out = mask_public_text("".join(pieces), values)

    assert find_leaks(out, values) == []
    upper = ascii_upper(out)
    for number in numbers_of(values):
        for start in range(len(number) - 5):
            assert number[start : start + 6] not in upper
    for text_value in (values.name, values.address, values.email):
        if text_value:
            assert text_value.upper() not in upper


def test_chat_accounts_are_hidden_in_the_post():
    """WeChat and QQ accounts are contact details: hidden, whoever they belong to."""
    assert masked("卖家让我加微信 zhengqi_88") == "卖家让我加微信（已隐去）"
    assert masked("微信号yx-coupon-kf，快来") == "微信号（已隐去），快来"
    assert masked("我在微信上说了") == "我在微信上说了"


# --- any spelling: the value as a reader reads it ----------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "一三八〇〇一三八〇〇〇",
        "幺三八零零幺三八零零零",
        "①③⑧⓪⓪①③⑧⓪⓪⓪",
        "𝟏𝟑𝟖𝟎𝟎𝟏𝟑𝟖𝟎𝟎𝟎",
        "❶❸❽⓿⓿❶❸❽⓿⓿⓿",
        "138/0013/8000",
        "138_0013_8000",
        "1\u200b3\u200b8\u200b0\u200b0\u200b1\u200b3\u200b8\u200b0\u200b0\u200b0",
        "1 3 8 0 0 一 3 8 0 0 0",
        "１３８—００１３—８０００",
        "1\u00ad3800138000",
    ],
)
def test_phone_in_any_spelling_is_masked(written):
    """Chinese numerals, circled, styled or full-width digits, separators and invisible characters."""
    assert masked(f"请拨打{written}，谢谢😀") == "请拨打138****8000，谢谢😀"


@pytest.mark.parametrize(
    "written",
    [
        "幺幺〇幺〇幺幺九九〇〇三〇七四五幺四",
        "110101-19900307-4514",
        "110101/1990/0307/4514",
        "①①⓪①⓪①①⑨⑨⓪⓪③⓪⑦④⑤①④",
    ],
)
def test_id_number_in_any_spelling_is_masked(written):
    assert masked(f"身份证{written}。") == "身份证（已隐去）。"


@pytest.mark.parametrize(
    "written",
    [
        "张\u200b三",
        "张\u00ad三",
        "张-三",
        "张——三",
        "張三",
        "张\u2060三",
        "张·三",
    ],
)
def test_name_in_any_spelling_is_masked(written):
    """Split by invisible characters, soft hyphens or dashes, or in traditional characters."""
    assert masked(f"我是{written}。") == "我是张*。"


def test_name_is_not_read_across_a_comma():
    """A comma ends a word: 张，三天后 is not the name."""
    assert masked("找小张，三天后再说") == "找小张，三天后再说"


@pytest.mark.parametrize(
    "written",
    [
        "KM/2026/0901/K7Q3X9",
        "KM_20260901_K7Q3X9",
        "km 2026 0901 k7q3x9",
        "KM-2026-09-01-K7Q3X9",
        "ＫＭ２０２６０９０１Ｋ７Ｑ３Ｘ９",
    ],
)
def test_order_number_split_by_separators_is_masked(written):
    assert masked(f"单号{written}，请查") == "单号订单号已隐去，请查"


@pytest.mark.parametrize(
    "written",
    [
        "北京市，朝阳区，某某路1号",
        "北京市、朝阳区、某某路、1号",
        "北京市朝陽區某某路1號",
        "某某路，1号",
    ],
)
def test_address_with_commas_or_in_traditional_is_masked(written):
    assert masked(f"住{written}。") == "住地址已隐去。"


def test_a_named_part_of_the_address_is_masked_alone():
    """The street's name still points to the home; the district or a bare number does not."""
    assert masked("我住在某某路附近") == "我住在地址已隐去附近"
    assert masked("在朝阳区，1号线") == "在朝阳区，1号线"


@pytest.mark.parametrize(
    "written",
    [
        "zhangsan(at)example.com",
        "zhangsan [at] example [dot] com",
        "ZhangSan (AT) Example.com",
        "zhangsan＠example．com",
        "zhangsan（at）example.com",
    ],
)
def test_email_in_any_spelling_is_masked(written):
    assert masked(f"邮箱{written}，") == "邮箱（已隐去），"


def test_local_part_of_the_email_alone_is_masked():
    """The user name of the e-mail is the account, even without its domain or inside a longer word."""
    assert masked("我的邮箱用户名是zhangsan，") == "我的邮箱用户名是邮箱已隐去，"
    assert masked("QQ昵称zhangsan123") == "QQ昵称邮箱已隐去123"  # the account is still read in it


def test_masking_keeps_the_rest_as_written():
    """Only the value's span changes: full-width punctuation, emoji and invisible characters elsewhere stay."""
    text = "电话：１３８００１３８０００！\u200b会员😀（ＶＩＰ）"
    assert masked(text) == "电话：138****8000！\u200b会员😀（ＶＩＰ）"


@pytest.mark.parametrize(
    "text",
    [
        "一年两个月，二〇二六年九月一日开通",
        "第一二三条",
        "3一5个工作日",
        "张三丰说2026-09-01 20:15付款",
    ],
)
def test_numerals_in_words_and_dates_stay(text):
    """Numerals in words, and dates written with separators, are not read as the case's numbers."""
    assert find_leaks(text, VALUES) in ([], ["投诉人姓名"])
    assert masked(text).replace("张*", "张三") == text


# --- other people's names and accounts ------------------------------------------------


def third_party_case(**changes) -> dict:
    """The default case with a personal payee, a mask list, an individual seller and names in the text."""
    case = copy.deepcopy(CASE)
    case["payment"].update(payee="陈建国", payee_kind="personal")
    case["mask"] = ["王秀英", "yx-coupon-kf"]
    case["platform"] = {
        "name": "小鱼会员铺",
        "kind": "individual",
        "customer_service": "微信 zhengqi_88，电话13987654321",
    }
    case["order"].update(product="腾讯视频VIP年卡", advertised="官方直充12个月")
    case["problems"] = [{"type": "fraud", "description": "卖家说他叫赵志强，转账后就把我拉黑了"}]
    case["contacts"] = [{"method": "微信", "summary": "对方实名是孙丽娜，客服李雪梅让我等"}]
    for key, value in changes.items():
        case[key] = value
    return case


@pytest.mark.parametrize(
    "text, expected, leak",
    [
        ("收款人陳建國", "收款人陈**", "个人收款人的姓名或账号"),
        ("找王秀英", "找王**", "案件文件要求隐去的信息"),
        ("微信号是yx-coupon-kf", "微信号是（已隐去）", "案件文件要求隐去的信息"),
        ("加他zhengqi_88", "加他（已隐去）", "个人卖家的账号或联系方式"),
        ("打13987654321", "打（已隐去）", "个人卖家的账号或联系方式"),
        ("小鱼会员铺卖给我", "个人卖家卖给我", "个人卖家的名称"),
        ("赵志强说不退", "赵**说不退", "文字中提到的他人姓名"),
        ("孙丽娜没回", "孙**没回", "文字中提到的他人姓名"),
    ],
)
def test_third_party_values_are_masked_and_scanned_for(text, expected, leak):
    """Known third-party values: masked in the post, and the final scan names them."""
    values = private_values(typed_case(third_party_case()))
    assert mask_public_text(text, values) == expected
    assert find_leaks(text, values) == [leak]
    assert find_leaks(expected, values) == []


def test_payee_of_a_merchant_is_public():
    """A company that took the money is no private person: its name stays."""
    case = third_party_case()
    case["payment"].update(payee="深圳某某科技有限公司", payee_kind="merchant")
    values = private_values(typed_case(case))
    assert find_leaks("收款方深圳某某科技有限公司", values) == []
    assert mask_public_text("收款方深圳某某科技有限公司", values) == "收款方深圳某某科技有限公司"


@pytest.mark.parametrize(
    "text, names",
    [
        ("卖家名字叫李四，他说不退", ["李四"]),
        ("收款人姓名：陈建国。", ["陈建国"]),
        ("对方实名认证的是王五，", ["王五"]),
        ("店主叫钱多多的人", ["钱多多"]),
        ("客服叫我等一下，叫他们处理", []),
        ("实名认证信息有误", []),
    ],
)
def test_names_the_text_introduces(text, names):
    assert introduced_names(text) == names


def test_name_net_masks_but_never_stops():
    """Names jieba finds only in the user's text are masked; the final scan does not report them."""
    values = private_values(typed_case(third_party_case()))
    assert "李雪梅" in values.net_names
    assert mask_public_text("客服李雪梅说", values) == "客服李**说"
    assert find_leaks("客服李雪梅说", values) == []


def test_jieba_loads_only_for_chinese_text_and_keeps_its_cache_in_the_tools_folder(tmp_path):
    """Importing the module does not load jieba; a case with Chinese text does, its cache in the tool's folder."""
    code = (
        "import sys; from generator.filings import privacy; print('jieba' in sys.modules); "
        "privacy.person_names(['no Chinese here']); print('jieba' in sys.modules); "
        "print(privacy.person_names(['卖家李四说'])); print('jieba' in sys.modules)"
    )
    env = {**os.environ, "MAKE_FILINGS_CACHE": str(tmp_path / "cache")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.split("\n")[:4] == ["False", "False", "['李四']", "True"]
    assert out.stderr == ""  # jieba's loading messages are not printed
    assert len(list((tmp_path / "cache").glob("jieba-words-*.sqlite"))) == 1  # its tables, in the tool's folder
    assert not (tmp_path / "cache" / "jieba.cache").exists()  # jieba's own cache is not needed


_NAME_TEXTS = [
    "卖家李四说",
    "客服王秀英让我等三天，张伟和欧阳娜娜都没回",
    "用支付宝付款后，速充卡盟不发货，卖家李雪梅不回",
    "我在2026年11月3日通过微信联系了店主陈建国（微信号 abc_123），他承诺24小时内到账",
    "收款人是刘德华的账号",
]


@pytest.mark.parametrize("cache", ["store", "none"])
def test_name_net_reads_the_same_names_from_the_stored_table_as_from_jiebas_own(tmp_path, cache):
    """The tagger fed from the stored table (built, then read back) and the one jieba loads whole agree."""
    code = (
        "import sys, json; from generator.filings import privacy; "
        f"print(json.dumps([privacy._tagged_names((t,)) for t in {_NAME_TEXTS!r}], ensure_ascii=False))"
    )
    folder = str(tmp_path / "cache") if cache == "store" else ""
    env = {**os.environ, "MAKE_FILINGS_CACHE": folder}
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
        for _ in range(2)
    ]  # with a cache: the first builds the table, the second reads it
    reference = [list(_jieba_reference_names(t)) for t in _NAME_TEXTS]
    assert [json.loads(run) for run in runs] == [reference, reference]
    assert reference[0] == ["李四"] and "王秀英" in reference[1]


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            "李王张刘陈杨赵黄周吴秀英建国伟芳娜丽敏静强磊军洋勇艳杰娟涛明超霞平刚"
            "卖家客服说他她叫我的了在和与是不回退款支付宝微信，。a1 "
        ),
        max_size=40,
    )
)
def test_stored_table_cuts_text_as_jieba_does(text):
    """Word for word and tag for tag, the stored table's tagger cuts any text as jieba's own tables do."""
    stored = [(p.word, p.flag) for p in privacy._jieba_posseg().cut(text, HMM=False)]
    assert stored == [(p.word, p.flag) for p in _jieba_reference().cut(text, HMM=False)]


def _jieba_reference_names(text: str) -> tuple[str, ...]:
    """`_tagged_names` with jieba's own, wholly loaded tables."""
    original = privacy._jieba_posseg
    privacy._jieba_posseg = _jieba_reference
    try:
        return privacy._tagged_names.__wrapped__((text,))
    finally:
        privacy._jieba_posseg = original


@functools.cache
def _jieba_reference():
    """jieba's tagger on a tokenizer of its own, its dictionary parsed whole the way jieba does it."""
    import jieba
    import jieba.posseg

    jieba_tables.posseg()  # jieba imported the way make-filings imports it
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = tempfile.mkdtemp(prefix="jieba-reference-")
    tokenizer.initialize()
    return jieba.posseg.POSTokenizer(tokenizer)


def test_name_net_leaves_the_names_of_organisations_alone():
    """支付宝 is tagged as a person's name by jieba's dictionary; the post still names the payment channel."""
    case = copy.deepcopy(CASE)
    case["problems"] = [{"type": "fraud", "description": "用支付宝付款后，速充卡盟不发货，卖家李雪梅不回"}]
    case["platform"] = {"name": "速充卡盟"}
    values = private_values(typed_case(case))
    assert "支付宝" not in values.net_names and "李雪梅" in values.net_names
    assert mask_public_text("用支付宝付款，李雪梅不回", values) == "用支付宝付款，李**不回"


# --- the seller's own words -----------------------------------------------------


def _with_ad(advertised: str, **more):
    case = copy.deepcopy(CASE)
    case["order"] = {**case["order"], "advertised": advertised, **more}
    return typed_case(case)


@pytest.mark.parametrize(
    "advertised",
    ["芒果TV会员首月特惠25元，可随时取消", "芒果TV年卡特惠68元，独享不掉线", "官方正品，假一赔十，封号包赔"],
)
def test_the_name_net_never_alters_the_sellers_advertising(advertised):
    """jieba tags 特惠 (卡特惠) as a name; the seller's public page is no one's private data."""
    values = private_values(_with_ad(advertised, promises=[{"text": "假一赔十"}]))
    assert mask_public_text(f"商品宣传：“{advertised}”", values) == f"商品宣传：“{advertised}”"


def test_a_known_private_value_inside_the_advertising_is_still_masked():
    values = private_values(_with_ad("张三专享价，联系13800138000"))
    assert masked("“张三专享价，联系13800138000”", values) == "“张*专享价，联系138****8000”"


def test_a_personal_payee_is_masked_without_its_bracketed_note_too():
    case = copy.deepcopy(CASE)
    case["payment"] = {**case["payment"], "payee": "A追剧小铺（个人）", "payee_kind": "personal"}
    values = private_values(typed_case(case))
    assert "A追剧小铺" not in masked("付款给A追剧小铺，后来A追剧小铺（个人）拉黑了我", values)
    assert find_leaks("卖家A追剧小铺", values)


def test_an_introduced_name_goes_with_its_introduction():
    """A name the text introduces is removed with the words introducing it, noting what was hidden; a name shown as
    someone's real name says so."""
    from generator.filings.privacy import without_introduced_names

    assert without_introduced_names("店里客服（她说她叫刘小燕）说马上换") == "店里客服（自称的姓名已隐去）说马上换"
    assert without_introduced_names("客服，自称王强，说不退") == "客服（自称的姓名已隐去），说不退"
    assert without_introduced_names("付款时收款码显示实名是陈建国") == "付款时收款码显示（实名已隐去）"
    assert without_introduced_names("卖家名字是李红梅的那个人") == "卖家（姓名已隐去）的那个人"
    assert without_introduced_names("客服说已经取消了") == "客服说已经取消了"  # no name introduced: as written
    # a quoted name goes with both its quotes: no stray closing quote is left in the sentence
    for quoted in ('"刘小燕"', "“刘小燕”", "'刘小燕'"):
        said = f"扫的是一个叫{quoted}的个人微信收款码"
        assert without_introduced_names(said) == "扫的是（姓名已隐去）的个人微信收款码", quoted
