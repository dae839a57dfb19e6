"""The case file format, version 1, as one Cerberus schema.

Each field's `meta.label` is the Chinese name used in error messages. Coercers
turn what the user wrote into the values the product works with (Decimal money,
dates, identifiers as text); a value they cannot understand is left as it is so
that the type rule reports it.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation

from generator import vocabulary as V
from generator.case.scalars import YamlInt

SERVICES = V.codes(V.SERVICES)
CHANNELS = V.codes(V.CHANNELS)
CARD_NETWORKS = V.codes(V.CARD_NETWORKS)
PROBLEM_TYPES = V.codes(V.PROBLEM_TYPES)
CONTACT_PARTIES = V.codes(V.CONTACT_PARTIES)
CONTACT_RESULTS = V.codes(V.CONTACT_RESULTS)
PLATFORM_KINDS = V.codes(V.PLATFORM_KINDS)
PAYEE_KINDS = V.codes(V.PAYEE_KINDS)
GENDERS = V.codes(V.GENDERS)
ABOUT_SUBJECTS = V.codes(V.ABOUT_SUBJECTS)
EVIDENCE_CATEGORIES = V.codes(V.EVIDENCE_CATEGORIES)
REFUND_MODES = V.codes(V.REFUND_MODES)
CHOICE_ALIASES = V.CHOICE_ALIASES

_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_DATETIME_RE = re.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?\s*$"
)
CHINA = timezone(timedelta(hours=8))  # China time has no daylight saving: a fixed offset is exact

_MONEY_RE = re.compile(r"^\s*[¥￥]?\s*(\d+(?:\.\d+)?)\s*元?\s*$")


# --- coercers: what the user wrote → the value the product uses -------------


def to_text(value):
    """Identifiers are text exactly as written, quoted or not."""
    if isinstance(value, YamlInt):
        return value.text
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        return value.strip()
    return value


def to_stripped(value):
    """Free text: trailing newlines of YAML block scalars are not the user's words."""
    if isinstance(value, str):
        return value.strip("\n")
    return to_text(value)


_INT_DIGITS = 18  # more digits than any count or amount of a case; int() of 1E+999999999 would not return


def to_int(value):
    """Whole numbers, also when quoted ("12") or written 12.0; anything else (or far too large) is left for the
    type rule, which refuses it where it stands."""
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= _INT_DIGITS:
        return int(value.strip())
    if (
        isinstance(value, Decimal)
        and value.is_finite()
        and value.adjusted() < _INT_DIGITS
        and value == value.to_integral_value()
    ):
        return int(value)
    return value


def to_choice(value):
    """Choice words compared without case or surrounding spaces (WeChat, Visa)."""
    value = to_text(value)
    if not isinstance(value, str):
        return value
    value = value.lower()
    return CHOICE_ALIASES.get(value, value)


def to_bool(value):
    """Yes/no as YAML booleans, or the Chinese words a user may type instead."""
    if isinstance(value, str):
        return {"是": True, "否": False}.get(value.strip(), value)
    return value


def to_money(value):
    """Money as Decimal from the written text (158, 158.5, "158.50", "¥158")."""
    if isinstance(value, bool):
        return value
    if isinstance(value, YamlInt):
        return Decimal(value.text.replace("_", ""))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        match = _MONEY_RE.match(value)
        if match:
            try:
                return Decimal(match.group(1))
            except InvalidOperation:
                return value
    return value


def to_refund(value):
    """`claims.refund` is a mode word or an amount."""
    if isinstance(value, str):
        word = CHOICE_ALIASES.get(value.strip().lower(), value.strip().lower())
        if word in REFUND_MODES:
            return word
    return to_money(value)


def to_about(value):
    """An `about` item: a contact's date (written as a date) or one of the subject words."""
    day = to_date(value)
    if isinstance(day, date):
        return day
    return to_choice(value)


def _china_time(moment: datetime, zone: str | None) -> datetime:
    """A moment written with a time zone, as naive China time (the format's clock)."""
    if not zone:
        return moment
    offset = (
        timedelta(0)
        if zone == "Z"
        else timedelta(hours=int(zone[1:3]), minutes=int(zone[-2:])) * (1 if zone[0] == "+" else -1)
    )
    return (moment - offset).replace(tzinfo=UTC).astimezone(CHINA).replace(tzinfo=None)


def to_date(value):
    """A calendar date from `YYYY-MM-DD` text or a date object."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        match = _DATE_RE.match(value)
        if match:
            try:
                return date(*map(int, match.groups()))
            except ValueError:
                return value
    return value


def to_date_or_datetime(value):
    """A date, or a date-time `YYYY-MM-DD HH:MM` (China time, naive)."""
    if isinstance(value, (date, datetime)):
        return value
    if isinstance(value, str):
        match = _DATETIME_RE.match(value)
        if match:
            y, mo, d, h, mi, s, zone = match.groups()
            try:
                moment = datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0))
            except ValueError:
                return value
            return _china_time(moment, zone)
        return to_date(value)
    return value


# --- the schema ---------------------------------------------------------------


def _text(label, required=False, maxlength=None, **extra):
    rule = {"type": "string", "required": required, "empty": False, "coerce": "stripped", "meta": {"label": label}}
    if maxlength:
        rule["maxlength"] = maxlength
    rule.update(extra)
    return rule


def _ident(label, required=False, **extra):
    rule = {
        "type": "string",
        "required": required,
        "empty": False,
        "coerce": "text",
        "maxlength": 128,
        "meta": {"label": label},
    }
    rule.update(extra)
    return rule


def _money(label, required=False):
    return {"type": "decimal", "required": required, "coerce": "money", "check_with": "money", "meta": {"label": label}}


def _choice(label, allowed, required=False):
    return {"type": "string", "required": required, "allowed": allowed, "coerce": "choice", "meta": {"label": label}}


_PROMISE = {
    "text": _text("承诺原文", required=True, maxlength=2_000),
    "times": {"type": "integer", "min": 1, "max": 100, "coerce": "int", "meta": {"label": "承诺赔偿的倍数"}},
    "covers": {
        "type": "list",
        "minlength": 1,
        "meta": {"label": "承诺针对的问题类型"},
        "schema": _choice("问题类型", PROBLEM_TYPES),
    },
}

_PROBLEM = {
    "type": _choice("问题类型", PROBLEM_TYPES, required=True),
    "description": _text("问题描述", required=True, maxlength=50_000),
    "delivered": _text("实际交付内容", maxlength=5_000),
    "default_checked": {"type": "boolean", "coerce": "bool", "meta": {"label": "是否默认勾选自动续费"}},
    "cancel_requested_at": {
        "type": ["date", "datetime"],
        "coerce": "date_or_datetime",
        "meta": {"label": "申请取消自动续费的时间"},
    },
    "terms_hidden": {"type": "boolean", "coerce": "bool", "meta": {"label": "续费条款是否未以显著方式提示"}},
    "charges": {
        "type": "list",
        "minlength": 1,
        "meta": {"label": "续费扣款记录"},
        "schema": {
            "type": "dict",
            "meta": {"label": "一笔续费扣款"},
            "schema": {
                "date": {"type": "date", "required": True, "coerce": "date", "meta": {"label": "扣款日期"}},
                "amount": _money("扣款金额", required=True),
                "transaction_id": _ident("该笔扣款的支付交易单号"),
            },
        },
    },
}

SCHEMA = {
    "version": {"type": "integer", "allowed": [1], "coerce": "int", "meta": {"label": "格式版本"}},
    "case_id": _ident(
        "案件编号",
        required=True,
        regex=r"^[A-Za-z0-9_-]{1,64}$",
        meta={
            "label": "案件编号",
            "regex": "只能由1–64个英文字母、数字、下划线或连字符组成（它会成为输出文件夹的名字）",
        },
    ),
    "filing_date": {"type": "date", "coerce": "date", "meta": {"label": "落款日期"}},
    "complainant": {
        "type": "dict",
        "required": True,
        "meta": {"label": "投诉人"},
        "schema": {
            "name": _text("投诉人姓名", required=True, maxlength=64),
            "phone": _ident("投诉人电话", required=True, check_with="phone"),
            "address": _text("投诉人通讯地址", required=True, maxlength=500),
            "email": _ident("投诉人邮箱", check_with="email"),
            "id_number": _ident("投诉人身份证号", check_with="id_number"),
            "gender": _choice("投诉人性别", GENDERS),
            "birth_date": {"type": "date", "coerce": "date", "meta": {"label": "投诉人出生日期"}},
            "ethnicity": _text("投诉人民族", maxlength=20),
        },
    },
    "platform": {
        "type": "dict",
        "required": True,
        "meta": {"label": "被投诉平台"},
        "schema": {
            "name": _text("平台名称", required=True, maxlength=200),
            "url": _text("平台网址", maxlength=2_000),
            "app": _text("平台APP名称", maxlength=200),
            "operator": _text("平台经营主体", maxlength=200),
            "credit_code": _ident("统一社会信用代码", check_with="credit_code"),
            "icp": _text("ICP备案号", maxlength=200),
            "address": _text("平台地址", maxlength=500),
            "customer_service": _text("平台客服联系方式", maxlength=500),
            "kind": _choice("平台类型", PLATFORM_KINDS),
            "seller": {
                "type": "dict",
                "meta": {"label": "平台内店铺"},
                "schema": {
                    "name": _text("店铺名称", required=True, maxlength=200),
                    "address": _text("店铺在平台公示的地址", maxlength=500),
                },
            },
        },
    },
    "order": {
        "type": "dict",
        "required": True,
        "meta": {"label": "订单"},
        "schema": {
            "id": _ident("订单号", required=True),
            "product": _text("商品名称", required=True, maxlength=500),
            "service": _choice("视频平台", SERVICES, required=True),
            "advertised": _text("宣传内容", required=True, maxlength=50_000),
            "price": _money("实付金额", required=True),
            "official_price": _money("官方价格"),
            "paid_at": {
                "type": ["date", "datetime"],
                "required": True,
                "coerce": "date_or_datetime",
                "meta": {"label": "付款时间"},
            },
            "term_months": {
                "type": "integer",
                "required": True,
                "min": 1,
                "max": 120,
                "coerce": "int",
                "meta": {"label": "会员期限（月）"},
            },
            "used_months": {"type": "integer", "min": 0, "max": 120, "coerce": "int", "meta": {"label": "已使用月数"}},
            "failed_at": {
                "type": ["date", "datetime"],
                "coerce": "date_or_datetime",
                "meta": {"label": "会员失效或发现与宣传不符的时间"},
            },
            "promises": {
                "type": "list",
                "minlength": 1,
                "meta": {"label": "卖家的承诺"},
                "schema": {"type": "dict", "meta": {"label": "一项承诺"}, "schema": _PROMISE},
            },
        },
    },
    "payment": {
        "type": "dict",
        "required": True,
        "meta": {"label": "支付信息"},
        "schema": {
            "channel": _choice("支付渠道", CHANNELS, required=True),
            "transaction_id": _ident("支付交易单号", required=True),
            "merchant_order_id": _ident("商户单号"),
            "payee": _text("收款方", maxlength=200),
            "bank": _text("发卡银行", maxlength=100),
            "card_network": _choice("银行卡组织", CARD_NETWORKS),
            "payee_kind": _choice("收款方类型", PAYEE_KINDS),
        },
    },
    "problems": {
        "type": "list",
        "required": True,
        "minlength": 1,
        "meta": {"label": "问题列表"},
        "schema": {"type": "dict", "meta": {"label": "问题"}, "schema": _PROBLEM},
    },
    "contacts": {
        "type": "list",
        "meta": {"label": "沟通记录"},
        "schema": {
            "type": "dict",
            "meta": {"label": "一次沟通"},
            "schema": {
                "date": {"type": "date", "required": True, "coerce": "date", "meta": {"label": "沟通日期"}},
                "with": _choice("沟通对象", CONTACT_PARTIES, required=True),
                "method": _text("沟通方式", required=True, maxlength=200),
                "summary": _text("沟通内容摘要", required=True, maxlength=50_000),
                "result": _choice("沟通结果", CONTACT_RESULTS, required=True),
            },
        },
    },
    "evidence": {
        "type": "list",
        "meta": {"label": "证据列表"},
        "schema": {
            "type": "dict",
            "meta": {"label": "证据"},
            "schema": {
                "file": _text("证据文件路径", required=True, maxlength=1_000),
                "category": _choice("证据类别", EVIDENCE_CATEGORIES, required=True),
                "description": _text("证据说明", required=True, maxlength=5_000),
                "recording_disclosed": {"type": "boolean", "coerce": "bool", "meta": {"label": "录音时是否告知对方"}},
                "about": {
                    "type": "list",
                    "minlength": 1,
                    "meta": {"label": "该证据证明的事项"},
                    "schema": {"type": ["string", "date"], "coerce": "about", "meta": {"label": "证明事项"}},
                },
            },
        },
    },
    "claims": {
        "type": "dict",
        "meta": {"label": "诉求"},
        "schema": {
            "refund": {
                "type": ["string", "decimal"],
                "coerce": "refund",
                "check_with": "refund",
                "meta": {"label": "退款要求"},
            },
            "punitive_damages": {"type": "boolean", "coerce": "bool", "meta": {"label": "是否主张三倍赔偿"}},
            "stop_auto_renewal": {"type": "boolean", "coerce": "bool", "meta": {"label": "是否要求关闭自动续费"}},
            "extra": _text("其他诉求", maxlength=5_000),
            "refunded": _money("平台已退还的金额"),
            "promised_compensation": {"type": "boolean", "coerce": "bool", "meta": {"label": "是否主张卖家承诺的赔偿"}},
            "losses": {
                "type": "list",
                "minlength": 1,
                "meta": {"label": "其他损失"},
                "schema": {
                    "type": "dict",
                    "meta": {"label": "一项损失"},
                    "schema": {
                        "amount": _money("损失金额", required=True),
                        "description": _text("损失说明", required=True, maxlength=5_000),
                        "evidence": _text("证明该损失的证据文件", maxlength=1_000),
                    },
                },
            },
        },
    },
    "mask": {
        "type": "list",
        "meta": {"label": "公开投诉中须隐去的信息"},
        "schema": {
            "type": "string",
            "coerce": "text",
            "empty": False,
            "minlength": 2,
            "maxlength": 200,
            "meta": {"label": "须隐去的信息"},
        },
    },
    "representative": {
        "type": "dict",
        "meta": {"label": "代理人"},
        "schema": {
            "name": _text("代理人姓名", required=True, maxlength=64),
            "phone": _ident("代理人电话", required=True, check_with="phone"),
            "organisation": _text("代理人所在单位", maxlength=200),
            "address": _text("代理人通讯地址", maxlength=500),
            # how the agent is related to the complainant (儿子, 女儿, 丈夫): a relative acting for them in court
            "relation": _text("代理人与投诉人的关系", maxlength=20),
        },
    },
}
