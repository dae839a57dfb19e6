"""Stage 2 — validate: check a loaded case against the format and its own consistency.

Cerberus checks each field (with the coercers of `schema.py`); the cross-field
rules of the format (dates, months, required-when) and the evidence files are
checked here after it. Every problem is reported at once, in Chinese, with its
key path and line; nothing is written by this stage.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from cerberus import TypeDefinition, Validator, errors

from generator import clock
from generator.case import evidence as evidence_mod
from generator.case import lenient
from generator.case import schema as S
from generator.case.load import LoadedCase
from generator.case.model import Case, case_from_data, day_of
from generator.case.slips import nearest_file
from generator.data_files import trusted_validator
from generator.errors import CaseFileError, Problem

_MOBILE_RE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
_LANDLINE_RE = re.compile(r"^(?:\+?86)?0\d{2,3}\d{7,8}(?:(?:转|ext|#)\d{1,6})?$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

TYPE_NAMES = {
    "string": "文字",
    "integer": "整数",
    "boolean": "是/否（true 或 false）",
    "dict": "一组“键: 值”",
    "list": "列表（每项以“- ”开头）",
    "decimal": "金额（数字，最多两位小数，如 158 或 158.50）",
    "date": "日期（YYYY-MM-DD，如 2026-09-01）",
    "datetime": "日期时间（YYYY-MM-DD HH:MM，如 2026-09-01 20:15）",
}


# An amount above this is a slip of the keyboard: video memberships cost tens of yuan, and the
# documents' capital-numeral amounts and every sum stay far inside what they can spell.
MAX_AMOUNT = Decimal("1000000")
# Dates before this are a mistyped year (a birth date is the oldest date a case holds).
EARLIEST_DATE = date(1900, 1, 1)
# A case of this kind has a few dozen screenshots; thousands would only make every stage slow.
MAX_LIST_ITEMS = 200
# Cerberus re-sorts its error list on every error, so its time grows with the square of their
# number: 20,000 unknown keys would take hours. Past this many they are refused before it runs.
MAX_UNKNOWN_KEYS = 20
# What Linux and macOS allow: one name in a path, and a whole path.
MAX_NAME_BYTES = 255
MAX_PATH_BYTES = 4095


@dataclass(frozen=True)
class ValidCase:
    """A case that passed every check: the typed case, and what was learnt on the way."""

    case: Case
    file: Path
    lines: dict = field(default_factory=dict)
    evidence_files: tuple = ()  # evidence.FileInfo, aligned with data["evidence"]
    evidence_paths: tuple = ()  # resolved Paths, aligned with data["evidence"]
    notes: tuple = ()  # values read without the quotes or spaces around them (lenient.describe)

    @property
    def case_id(self) -> str:
        return self.case.case_id


class _CaseValidator(Validator):
    """Cerberus with the product's types, coercers and checks."""

    types_mapping = Validator.types_mapping.copy()
    types_mapping["decimal"] = TypeDefinition("decimal", (Decimal,), ())
    types_mapping["date"] = TypeDefinition("date", (date,), (datetime,))
    types_mapping["datetime"] = TypeDefinition("datetime", (datetime,), ())

    def _normalize_coerce_text(self, value):
        return S.to_text(value)

    def _normalize_coerce_stripped(self, value):
        value = S.to_stripped(value)
        # Text of nothing but spaces is as empty as none: the `empty` rule must see it.
        return "" if isinstance(value, str) and not value.strip() else value

    def _normalize_coerce_money(self, value):
        return S.to_money(value)

    def _normalize_coerce_refund(self, value):
        return S.to_refund(value)

    def _normalize_coerce_date(self, value):
        return S.to_date(value)

    def _normalize_coerce_date_or_datetime(self, value):
        return S.to_date_or_datetime(value)

    def _normalize_coerce_bool(self, value):
        return S.to_bool(value)

    def _normalize_coerce_int(self, value):
        return S.to_int(value)

    def _normalize_coerce_choice(self, value):
        return S.to_choice(value)

    def _normalize_coerce_about(self, value):
        return S.to_about(value)

    def _check_with_money(self, field, value):
        if value <= 0:
            self._error(field, "金额必须大于0")
        elif value > MAX_AMOUNT:
            self._error(field, f"金额“{_show(value)}”元超过上限 {MAX_AMOUNT:,} 元，请检查是否多写了数字")
        elif value.as_tuple().exponent < -2:
            self._error(field, f"金额“{value}”超过两位小数（精确到分）")

    def _check_with_refund(self, field, value):
        if isinstance(value, Decimal):
            self._check_with_money(field, value)
        elif value not in S.REFUND_MODES:
            self._error(field, f"应为 auto、full、prorated 之一，或一个金额（元），实际是“{value}”")

    def _check_with_phone(self, field, value):
        digits = re.sub(r"[\s\-()（）]", "", value)
        if not (_MOBILE_RE.match(digits) or _LANDLINE_RE.match(digits)):
            self._error(field, f"“{value}”不是有效的电话号码：应为11位手机号，或带区号的固定电话（如 010-12345678）")

    def _check_with_email(self, field, value):
        if not _EMAIL_RE.match(value):
            self._error(field, f"“{value}”不是有效的电子邮箱地址")

    def _check_with_id_number(self, field, value):
        problem = _id_number_problem(value)
        if problem:
            self._error(field, problem)

    def _check_with_credit_code(self, field, value):
        from stdnum.cn import uscc  # imported only for a case that gives the code

        if len(value) != 18:
            self._error(field, f"统一社会信用代码应为18位，实际是{len(value)}位")
        elif not uscc.is_valid(value):
            self._error(field, "统一社会信用代码校验失败（校验位不对），请到国家企业信用信息公示系统核对")


def _id_number_problem(value: str) -> str | None:
    """What is wrong with a 居民身份证号, by python-stdnum's checks: length, check digit, birth date.

    Not stdnum's look-up of the first six digits in its list of counties: that list
    lags behind new districts, whose people it would refuse, and loading it is
    a tenth of a single case's time.
    """
    from stdnum.cn import ric  # imported only for a case that gives the number
    from stdnum.exceptions import ValidationError
    from stdnum.util import isdigits

    number = ric.compact(value)
    if len(number) != 18:
        return f"居民身份证号应为18位，实际是{len(number)}位"
    if not isdigits(number[:17]) or number[17] not in "0123456789X":
        return "身份证号应由17位数字加1位数字或X组成，请逐位核对"
    if ric.calc_check_digit(number) != number[17]:
        return "身份证号校验失败（最后一位校验码不对），请逐位核对"
    try:
        ric.get_birth_date(number)
    except ValidationError:
        return "身份证号校验失败（第7至14位的出生日期不存在），请逐位核对"
    return None


_VALIDATOR = trusted_validator(S.SCHEMA, _CaseValidator)


def validate_case(loaded: LoadedCase, today: date | None = None, evidence: bool = True) -> ValidCase:
    """Check the loaded case; return it normalised, or raise CaseFileError with every problem.

    `evidence=False` leaves the evidence files unread (`next` and `status` follow a case without them).
    """
    today = today or clock.today()
    _refuse_oversized(loaded)
    raw, relaxed = lenient.relax(_shield_lists(_fill_empty_sections(loaded.data), S.SCHEMA), S.SCHEMA)
    if not _VALIDATOR.validate(raw):
        problems = [_field_problem(e, loaded) for e in _leaf_errors(_VALIDATOR._errors)]
        if evidence:
            problems += _located(_raw_evidence_problems(raw, loaded.folder), loaded)  # every problem at once
        raise CaseFileError(str(loaded.file), _unique(problems))
    data = _VALIDATOR.document
    data.setdefault("version", 1)
    data.setdefault("filing_date", today)
    problems = _date_range_problems(data, today)
    if problems:  # the rules below compute with these dates: a year 9999 would overflow them
        raise CaseFileError(str(loaded.file), _located(problems, loaded))
    problems = _consistency_problems(data)
    infos, paths = _inspect_evidence(data, loaded.folder, problems) if evidence else ([], [])
    if problems:
        raise CaseFileError(str(loaded.file), _located(problems, loaded))
    _apply_defaults(data)
    notes = tuple(lenient.describe(n, loaded.line_of(n.path)) for n in relaxed)
    return ValidCase(
        case=case_from_data(data),
        file=loaded.file,
        lines=loaded.lines,
        evidence_files=tuple(infos),
        evidence_paths=tuple(paths),
        notes=notes,
    )


def _refuse_oversized(loaded: LoadedCase) -> None:
    """Lists far longer than any real case, or a flood of unknown keys, are refused before the field checks."""
    problems = []
    for path, value in _containers(loaded.data, ()):
        if isinstance(value, list) and len(value) > MAX_LIST_ITEMS:
            problems.append(
                Problem(
                    path,
                    f"列了 {len(value):,} 项，超过上限 {MAX_LIST_ITEMS} 项；请只列出与本案有关的内容",
                    loaded.line_of(path),
                )
            )
    unknown = list(_unknown_keys(loaded.data, S.SCHEMA, ()))
    if len(unknown) > MAX_UNKNOWN_KEYS:
        problems += [
            Problem(path, f"未知的键“{path[-1]}”", loaded.line_of(path)) for path in unknown[:MAX_UNKNOWN_KEYS]
        ]
        problems.append(
            Problem(
                (),
                f"共有 {len(unknown):,} 个未知的键（以上只列出前 {MAX_UNKNOWN_KEYS} 个）；"
                "请对照案件文件格式检查，是否把大段内容写成了“键: 值”",
            )
        )
    if problems:
        raise CaseFileError(str(loaded.file), problems)


def _containers(value, path: tuple):
    """(key path, value) of every list and mapping in the loaded data."""
    if isinstance(value, (dict, list)):
        yield path, value
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, item in items:
            yield from _containers(item, path + (key,))


def _unknown_keys(value, rules: dict, path: tuple):
    """Key paths the schema does not know, walking only where the schema describes the data."""
    if not isinstance(value, dict):
        return
    for key, item in value.items():
        rule = rules.get(key) if isinstance(key, str) else None
        if not isinstance(rule, dict):
            yield path + (key,)
        elif rule.get("type") == "dict":
            yield from _unknown_keys(item, rule.get("schema", {}), path + (key,))
        elif rule.get("type") == "list" and isinstance(item, list):
            inner = rule.get("schema", {}).get("schema", {})
            for i, element in enumerate(item):
                yield from _unknown_keys(element, inner, path + (key, i))


def _date_range_problems(data: dict, today: date) -> list[Problem]:
    """Every date within a sane range: not before 1900, not more than a year after today."""
    latest = _a_year_after(today)
    problems = []
    for path, value in _dates_in(data, ()):
        day = day_of(value)
        if day < EARLIEST_DATE:
            problems.append(Problem(path, f"日期 {day.isoformat()} 早于{EARLIEST_DATE.year}年，请检查年份"))
        elif day > latest:
            what = "落款日期" if path == ("filing_date",) else "日期"
            problems.append(
                Problem(path, f"{what}晚于今天一年以上（{day.isoformat()}，今天是 {today.isoformat()}），请检查年份")
            )
    return problems


def _a_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day + timedelta(days=365)


def _dates_in(value, path: tuple):
    """(key path, value) of every date and date-time in the normalised case."""
    if isinstance(value, date):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _dates_in(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _dates_in(item, path + (i,))


def _apply_defaults(data: dict) -> None:
    """The 2026-12 fields' defaults, so later stages read one value (see the case format)."""
    data["platform"].setdefault("kind", "self_operated")
    data["payment"].setdefault("payee_kind", "merchant")
    kinds = [p["type"] for p in data["problems"]]
    for promise in data["order"].get("promises", []):
        promise.setdefault("covers", list(kinds))
    complete_from_id_number(data["complainant"])


def _located(problems: list[Problem], loaded: LoadedCase) -> list[Problem]:
    return [Problem(p.path, p.message, loaded.line_of(p.path)) for p in problems]


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def _raw_evidence_problems(raw: dict, folder: Path) -> list[Problem]:
    """Evidence files are checked even when other fields are wrong, so no problem hides behind another."""
    items = raw.get("evidence")
    if not isinstance(items, list):
        return []
    usable = [item if isinstance(item, dict) else {} for item in items]
    problems: list[Problem] = []
    _inspect_evidence({"evidence": usable}, folder, problems)
    return problems


def _fill_empty_sections(data: dict) -> dict:
    """A key left empty (`email:`) means not given; `contacts:` left empty means none."""
    out = _drop_empty(data)
    for key in ("contacts", "evidence"):
        if key in data and data[key] is None:
            out[key] = []
    if "claims" in data and data["claims"] is None:
        out["claims"] = {}
    return out


def _drop_empty(value):
    if isinstance(value, dict):
        return {k: _drop_empty(v) for k, v in value.items() if v is not None and v != ""}
    if isinstance(value, list):
        return [_drop_empty(v) for v in value]
    return value


def _shield_lists(data: dict, rules: dict) -> dict:
    """A mapping where a list belongs is passed on as its text, for the type rule to report.

    Cerberus 1.3 crashes (TypeError) normalising a mapping against a list's item
    schema when a key is also a rule name: `problems:` written without “- ” has `type`.
    """
    out = dict(data)
    for key, value in data.items():
        rule = rules.get(key) if isinstance(key, str) else None
        if not isinstance(rule, dict):
            continue
        inner = rule.get("schema", {})
        if rule.get("type") == "dict" and isinstance(value, dict):
            out[key] = _shield_lists(value, inner)
        elif rule.get("type") == "list" and isinstance(value, dict):
            out[key] = str(value)
        elif rule.get("type") == "list" and isinstance(value, list):
            out[key] = [_shield_lists(v, inner.get("schema", {})) if isinstance(v, dict) else v for v in value]
    return out


def _leaf_errors(errors):
    for error in errors:
        if error.is_group_error:
            yield from _leaf_errors(error.child_errors)
        else:
            yield error


def _label_at(schema_path: tuple) -> str:
    """The Chinese label of the field a schema path points at."""
    rules: dict = S.SCHEMA  # Cerberus schema paths start at a field name
    label = ""
    for step in schema_path:
        rules = rules.get(step, {}) if isinstance(rules, dict) else {}
        if isinstance(rules, dict) and "meta" in rules:
            label = rules["meta"].get("label", label)
    return label


def _field_problem(error, loaded: LoadedCase) -> Problem:
    """One Cerberus error in Chinese: what is wrong and what is allowed."""
    path = tuple(error.document_path)
    schema_path = tuple(error.schema_path)
    # A custom (check_with) error's schema path stops at the parent: the field is the last step.
    rule_schema_path = schema_path[:-1] if error.rule else schema_path + path[-1:]
    known = error.code != errors.UNKNOWN_FIELD.code
    label = _label_at(rule_schema_path) if known else ""
    message = _message_for(error, path, rule_schema_path, loaded.as_written(path, error.value))
    if label:
        message = f"（{label}）{message}"
    return Problem(path, message, loaded.line_of(path))


def _message_for(error, path: tuple, rule_schema_path: tuple, written: str) -> str:
    rule, constraint, value = error.rule, error.constraint, error.value
    typed = value if written.startswith(_QUOTES) else written  # a quoted text is shown by its content
    if error.code == errors.CUSTOM.code and error.info:  # our own check_with messages
        return str(error.info[0])
    if error.code == errors.UNKNOWN_FIELD.code:
        known = _known_keys(path[:-1])
        guess = difflib.get_close_matches(str(path[-1]), known, n=1)
        hint = f"，是不是想写“{guess[0]}”？" if guess else f"。这里允许的键：{'、'.join(known)}"
        return f"未知的键“{path[-1]}”{hint}"
    if rule == "required":
        return "缺少必填项（或冒号后没有填写内容）"
    if rule == "type":
        names = constraint if isinstance(constraint, list) else [constraint]
        wanted = "或".join(TYPE_NAMES.get(str(n), str(n)) for n in names)
        hint = _type_hint(names, value, written)
        shown = _quoted(written) if hint else f"“{_show(typed)}”"
        return f"应为{wanted}，实际写的是{shown}" + hint
    if rule == "allowed":
        return f"“{_show(typed)}”不是允许的取值；可选：{'、'.join(map(str, constraint))}"
    if rule == "empty":
        return "不能为空"
    if rule == "nullable":
        return "不能为空（冒号后面需要填写内容）"
    if rule == "min":
        return f"不能小于{constraint}，实际是{value}"
    if rule == "max":
        return f"不能大于{constraint}，实际是{value}"
    if rule == "minlength":
        return f"至少需要{constraint}项" if isinstance(value, list) else f"至少{constraint}个字符"
    if rule == "maxlength":
        return (
            f"最多{constraint}项" if isinstance(value, list) else f"过长（{len(value)}个字符），最多{constraint}个字符"
        )
    if rule == "regex":
        meta = _rules_at(rule_schema_path).get("meta", {})
        return f"“{_show(typed)}”格式不对：{meta.get('regex', '格式不符合要求')}"
    if rule == "check_with" and error.info:
        return str(error.info[0])
    if rule == "coerce":  # a converter overflowed: a date-time at the very end of the calendar, say
        return f"无法换算“{_show(typed)}”（超出可处理的范围），请检查"
    return f"取值不符合要求（{rule}）"


_QUOTES = ("'", '"')
_BOOL_WORDS = {"true", "false", "yes", "no", "on", "off", "y", "n"}


def _quoted(written: str) -> str:
    """The user's value in Chinese quotes, unless it already shows its own."""
    return _show(written) if written.startswith(_QUOTES) else f"“{_show(written)}”"


def _type_hint(wanted: list, value, written: str) -> str:
    """Why YAML read the value as something else: an unquoted yes/no word, or quotes around true/false."""
    if isinstance(value, bool) and "string" in wanted:
        return f'（不加引号的 {written} 会被读成“是/否”；作为文字请加引号，写成 "{written}"）'
    if "boolean" in wanted and written.startswith(_QUOTES) and written[1:-1].strip().lower() in _BOOL_WORDS:
        return "（加了引号就成了文字；是/否请不加引号）"
    return ""


def _rules_at(schema_path: tuple) -> dict:
    rules: dict = S.SCHEMA
    for step in schema_path:
        rules = rules.get(step, {}) if isinstance(rules, dict) else {}
    return rules if isinstance(rules, dict) else {}


def _known_keys(parent: tuple) -> list[str]:
    """The keys the schema allows under a document path."""
    rules: dict = S.SCHEMA
    for step in parent:
        if isinstance(step, int):
            continue
        node = rules.get(step, {})
        inner = node.get("schema", {})
        if node.get("type") == "list":
            inner = inner.get("schema", {})
        rules = inner
    return list(rules)


def _show(value) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"


# --- cross-field rules ----------------------------------------------------------


def _consistency_problems(data: dict) -> list[Problem]:
    """The format's rules that tie one field to another."""
    problems: list[Problem] = []
    filing = data["filing_date"]
    order, payment = data["order"], data["payment"]

    if day_of(order["paid_at"]) > filing:
        problems.append(Problem(("order", "paid_at"), f"付款时间晚于落款日期（{filing.isoformat()}），请检查"))
    used = order.get("used_months")
    if used is not None and used > order["term_months"]:
        problems.append(
            Problem(("order", "used_months"), f"已使用月数（{used}）不能超过会员期限（{order['term_months']}个月）")
        )
    if payment["channel"] == "bank_card" and not payment.get("bank"):
        problems.append(Problem(("payment", "bank"), "支付渠道为银行卡（bank_card）时必须填写发卡银行"))
    if payment.get("card_network") and payment["channel"] != "bank_card":
        problems.append(Problem(("payment", "card_network"), "银行卡组织只在支付渠道为 bank_card 时填写"))

    problems += _problem_list_problems(data["problems"], filing, order)
    for i, contact in enumerate(data.get("contacts", [])):
        if contact["date"] > filing:
            problems.append(Problem(("contacts", i, "date"), "沟通日期晚于落款日期，请检查"))

    claims = data.get("claims", {})
    kinds = {p["type"] for p in data["problems"]}
    paid = order["price"] + sum((c["amount"] for p in data["problems"] for c in p.get("charges", [])), Decimal(0))
    if claims.get("refunded") is not None and claims["refunded"] > paid:
        problems.append(
            Problem(
                ("claims", "refunded"), f"已退还的金额（{claims['refunded']}元）超过了实付与续费扣款之和（{paid}元）"
            )
        )
    if claims.get("punitive_damages") and "fraud" not in kinds:
        problems.append(
            Problem(
                ("claims", "punitive_damages"),
                "主张三倍赔偿需要在 problems 中列出欺诈问题（type: fraud）并说明欺诈事实",
            )
        )
    if claims.get("stop_auto_renewal") and "auto_renewal" not in kinds:
        problems.append(
            Problem(
                ("claims", "stop_auto_renewal"),
                "要求关闭自动续费需要在 problems 中列出自动续费问题（type: auto_renewal）",
            )
        )
    problems += _refund_amount_problems(claims, order)
    problems += _promise_problems(data)
    problems += _failed_at_problems(order, filing)
    problems += _platform_kind_problems(data["platform"])
    problems += _evidence_reference_problems(data, kinds)
    problems += _complainant_problems(data["complainant"], filing)
    return problems


def _refund_amount_problems(claims: dict, order: dict) -> list[Problem]:
    """A refund is of the price paid; more than that is a loss, claimed with its reason."""
    refund = claims.get("refund")
    if isinstance(refund, Decimal) and refund > order["price"]:
        return [
            Problem(
                ("claims", "refund"),
                f"退款金额（{refund}元）超过了实付金额（order.price：{order['price']}元）。退款最多是实付的价款；"
                "超出部分如是因违约受到的其他损失，请写在 claims.losses 中（每项写明金额 amount、原因 description）",
            )
        ]
    return []


def _promise_problems(data: dict) -> list[Problem]:
    """A promised compensation needs a promise that names a multiple. A promise may cover problem types the case does
    not have (the format's own example covers two): it counts only for those present (analyse's warning says so)."""
    out: list[Problem] = []
    promises = data["order"].get("promises", [])
    if data.get("claims", {}).get("promised_compensation"):
        if not any(p.get("times") for p in promises):
            out.append(
                Problem(
                    ("claims", "promised_compensation"),
                    "主张卖家承诺的赔偿，需要在 order.promises 中写明承诺原文（text）"
                    "和赔偿倍数（times，如“假一赔十”写 10）",
                )
            )
    return out


def _failed_at_problems(order: dict, filing: date) -> list[Problem]:
    failed = order.get("failed_at")
    if failed is None:
        return []
    if day_of(failed) < day_of(order["paid_at"]):
        return [Problem(("order", "failed_at"), "会员失效（或发现与宣传不符）的时间早于付款时间，请检查")]
    if day_of(failed) > filing:
        return [
            Problem(
                ("order", "failed_at"),
                f"会员失效（或发现与宣传不符）的时间晚于落款日期（{filing.isoformat()}），请检查",
            )
        ]
    return []


def _platform_kind_problems(platform: dict) -> list[Problem]:
    if platform.get("seller") and platform.get("kind") != "marketplace":
        return [
            Problem(
                ("platform", "seller"),
                "平台内店铺（platform.seller）只在平台类型为 marketplace（入驻商家的平台）时填写；"
                "如果您是在平台上的某个店铺购买的，请同时写 platform.kind: marketplace",
            )
        ]
    return []


def _evidence_reference_problems(data: dict, kinds: set) -> list[Problem]:
    """`about` and `losses[].evidence` must point to entries the case really has."""
    out: list[Problem] = []
    contact_days = {c["date"] for c in data.get("contacts", [])}
    has = {"order": True, "payment": True, "promises": bool(data["order"].get("promises"))}
    for i, item in enumerate(data.get("evidence", [])):
        for j, subject in enumerate(item.get("about", [])):
            where = ("evidence", i, "about", j)
            if isinstance(subject, date):
                if subject not in contact_days:
                    out.append(
                        Problem(
                            where,
                            f"{subject.isoformat()}不是 contacts 中任何一次沟通的日期；"
                            "about 中的日期须与某次沟通的 date 相同",
                        )
                    )
            elif subject in S.PROBLEM_TYPES:
                if subject not in kinds:
                    out.append(Problem(where, f"问题类型 {subject} 不在 problems 中"))
            elif subject in has:
                if not has[subject]:
                    out.append(Problem(where, "about 写了 promises，但 order.promises 中没有任何承诺"))
            else:
                allowed = "、".join(S.PROBLEM_TYPES + S.ABOUT_SUBJECTS)
                out.append(
                    Problem(
                        where,
                        f"“{_show(subject)}”不是允许的证明事项；可写问题类型、order、payment、promises"
                        f"或某次沟通的日期（{allowed}）",
                    )
                )
    files = {_as_posix(item["file"]) for item in data.get("evidence", [])}
    for i, loss in enumerate(data.get("claims", {}).get("losses", [])):
        if loss.get("evidence") and _as_posix(loss["evidence"]) not in files:
            out.append(
                Problem(
                    ("claims", "losses", i, "evidence"),
                    f"“{loss['evidence']}”不是 evidence 中列出的证据文件；请先在 evidence 中列出它，并在此写同样的路径",
                )
            )
    return out


def _as_posix(path: str) -> str:
    return path.replace("\\", "/").removeprefix("./")


def _complainant_problems(person: dict, filing: date) -> list[Problem]:
    """Gender and birth date follow from the ID number when one is given: a contradiction is a typo somewhere."""
    out: list[Problem] = []
    birth = person.get("birth_date")
    if birth is not None and birth > filing:
        out.append(Problem(("complainant", "birth_date"), "出生日期晚于落款日期，请检查"))
    number = person.get("id_number")
    if not number:
        return out
    from_id = _id_number_person(number)
    if birth is not None and birth != from_id["birth_date"]:
        out.append(
            Problem(
                ("complainant", "birth_date"),
                f"出生日期（{birth.isoformat()}）与身份证号中的出生日期（{from_id['birth_date'].isoformat()}）不一致，请核对其中之一",
            )
        )
    if person.get("gender") and person["gender"] != from_id["gender"]:
        out.append(
            Problem(
                ("complainant", "gender"),
                f"性别（{person['gender']}）与身份证号第17位表示的性别（{from_id['gender']}）不一致，请核对其中之一",
            )
        )
    return out


def _id_number_person(number: str) -> dict:
    """Birth date and gender as a 居民身份证号 states them (GB 11643: 7th–14th digits; 17th odd for men)."""
    from stdnum.cn import ric

    compact = ric.compact(number)
    return {"birth_date": ric.get_birth_date(compact), "gender": "男" if int(compact[16]) % 2 else "女"}


def complete_from_id_number(person: dict) -> None:
    """Fill gender and birth date from the ID number where the user left them out."""
    if person.get("id_number"):
        for key, value in _id_number_person(person["id_number"]).items():
            person.setdefault(key, value)


_RENEWAL_ONLY = ("charges", "default_checked", "cancel_requested_at", "terms_hidden")


def _problem_list_problems(problems: list, filing: date, order: dict) -> list[Problem]:
    out: list[Problem] = []
    seen: dict[str, int] = {}
    for i, problem in enumerate(problems):
        kind = problem["type"]
        if kind in seen:
            out.append(
                Problem(
                    ("problems", i, "type"), f"问题类型 {kind} 已在 problems[{seen[kind]}] 出现，每种类型只能写一次"
                )
            )
        seen.setdefault(kind, i)
        if kind == "auto_renewal":
            if not problem.get("charges"):
                out.append(
                    Problem(("problems", i, "charges"), "自动续费问题必须列出每一笔续费扣款（charges: 日期与金额）")
                )
            seen_ids: dict[str, int] = {}
            for j, charge in enumerate(problem.get("charges", [])):
                tid = charge.get("transaction_id")
                if tid and tid in seen_ids:
                    out.append(
                        Problem(
                            ("problems", i, "charges", j, "transaction_id"),
                            f"交易单号与第{seen_ids[tid] + 1}笔扣款相同；每笔续费扣款在账单中有自己的交易单号",
                        )
                    )
                if tid:
                    seen_ids.setdefault(tid, j)
                if charge["date"] > filing:
                    out.append(Problem(("problems", i, "charges", j, "date"), "扣款日期晚于落款日期，请检查"))
                elif charge["date"] < day_of(order["paid_at"]):
                    out.append(Problem(("problems", i, "charges", j, "date"), "续费扣款日期早于订单付款时间，请检查"))
            cancel = problem.get("cancel_requested_at")
            if cancel is not None and day_of(cancel) > filing:
                out.append(Problem(("problems", i, "cancel_requested_at"), "申请取消时间晚于落款日期，请检查"))
        else:
            for key in _RENEWAL_ONLY:
                if key in problem:
                    out.append(Problem(("problems", i, key), f"“{key}”只适用于自动续费问题（type: auto_renewal）"))
    return out


def _inspect_evidence(data: dict, folder: Path, problems: list[Problem]):
    """Each evidence file must lie inside the case folder and be a supported, readable file."""
    infos, paths = [], []
    seen: list[tuple] = []  # (index, path, info) of the files checked so far
    base = folder.resolve()
    for i, item in enumerate(data.get("evidence", [])):
        where = ("evidence", i, "file")
        if not isinstance(item.get("file"), str):
            continue  # reported by the schema check
        written = item["file"].replace("\\", "/")
        candidate = Path(written)
        if candidate.is_absolute() or re.match(r"^[A-Za-z]:", written):
            problems.append(
                Problem(where, "请写相对于案件文件所在文件夹的路径（如 evidence/order.png），不要写绝对路径")
            )
            continue
        unusable = _unusable_path_problem(candidate, base)
        if unusable:
            problems.append(Problem(where, unusable))
            continue
        try:
            resolved = (base / candidate).resolve()
            found = resolved.exists()
        except OSError as exc:
            problems.append(Problem(where, f"无法读取证据文件“{item['file']}”：{exc.strerror or exc}"))
            continue
        if not resolved.is_relative_to(base):
            problems.append(Problem(where, "证据文件必须放在案件文件所在的文件夹或其子文件夹内，路径不能用“..”跳出"))
            continue
        if not found:
            guess = nearest_file(base, written)
            hint = f"。是不是 {guess}？" if guess else ""
            problems.append(Problem(where, f"找不到证据文件“{item['file']}”（按案件文件所在文件夹 {base} 查找）{hint}"))
            continue
        try:
            info = evidence_mod.inspect_file(resolved)
        except ValueError as exc:
            problems.append(Problem(where, f"证据文件“{item['file']}”不可用：{exc}"))
            continue
        repeated = _repeat_problem(resolved, info, seen)
        if repeated:
            problems.append(Problem(where, repeated))
        seen.append((i, resolved, info))
        infos.append(info)
        paths.append(resolved)
    return infos, paths


def _unusable_path_problem(candidate: Path, base: Path) -> str | None:
    """A path the file system could not even look up: a NUL or lone surrogate, a name over 255 bytes, a path over
    4 KB."""
    try:
        if "\x00" in str(candidate):
            raise ValueError
        os.fsencode(str(candidate))
    except (ValueError, UnicodeError):
        return "路径里有不能出现在文件名中的字符（如空字符 \\x00 或残缺的 \\u 转义），请照文件夹里显示的文件名重新填写"
    for part in candidate.parts:
        if len(os.fsencode(part)) > MAX_NAME_BYTES:
            return (
                f"路径中的名字“{_show(part)}”过长（{len(os.fsencode(part))} 字节，上限 {MAX_NAME_BYTES} 字节），"
                "请把文件改成短一些的名字"
            )
    if len(os.fsencode(str(base / candidate))) > MAX_PATH_BYTES:
        return f"路径过长（超过 {MAX_PATH_BYTES} 字节），请把证据文件放在案件文件夹下的浅一层文件夹里"
    return None


def _repeat_problem(resolved: Path, info, seen: list) -> str | None:
    """The same file, or the same content under another name, listed as a second exhibit."""
    for i, earlier, earlier_info in seen:
        if earlier == resolved:
            return f"与 evidence[{i}] 是同一个文件，重复列出；请删除其中一项"
        if earlier_info.sha256 == info.sha256:
            return f"内容与 evidence[{i}]（{earlier.name}）完全相同，是同一份证据重复列出；请删除其中一项"
    return None
