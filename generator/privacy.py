"""Keep the complainant's private data out of the public 黑猫投诉 post.

黑猫投诉 (tousu.sina.com.cn) publishes the post for anyone to read, and the site
asks users to hide their name, contact details, address, order numbers and
courier numbers (see the channel facts). The tool promises more: none of the
complainant's name, phone, address, e-mail or ID number, and no order,
transaction or merchant-order number, not even in part, wherever it appears,
including in the user's own free text.

- `mask_public_text` replaces them (and anything that merely looks like a phone,
  ID, card, e-mail or order number) with masks in the site's own style:
  张*, 139****5678, 订单号已隐去.
- `find_leaks` is the final scan; `assert_public` turns its findings into a
  `PrivacyLeakError` so that nothing is written.

Both run the same rules, so a text that `mask_public_text` produced never
makes `find_leaks` report anything.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, NamedTuple


from generator.errors import PrivacyLeakError

# Full-width digits and Latin letters (and the @ + - . that join them) read
# exactly like ASCII on the page, so "１３８００１３８０００" is the phone. Only these
# are folded: full-width Chinese punctuation (，：) must stay as the user wrote it.
# The mapping is one character to one, so nothing else in the text moves.
_FULL_WIDTH = str.maketrans(
    {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)
     if chr(code - 0xFEE0).isalnum() or chr(code - 0xFEE0) in "@+-."}
)

# A number is "inside a longer run" when a Latin letter or digit touches it:
# \b will not do, because Chinese characters count as word characters.
_NOT_AFTER_ALNUM = r"(?<![0-9A-Za-z])"
_NOT_BEFORE_ALNUM = r"(?![0-9A-Za-z])"

# What people put between the characters of a number they copy by hand:
# spaces (also the ideographic one), dashes of every width, dots, brackets
# around an area code.
_NUMBER_GAP = r"[\s\u3000\-‐‑–—.()（）]*"

# Between the characters of a name: "张 三", "张　三", "阿卜杜·热合曼".
_NAME_GAP = r"[\s\u3000·•]*"

# "Not even in part": a run of this many consecutive characters of an order,
# transaction, ID or phone number counts as revealing it (the project's
# threshold); the last 8 characters of an order number are enough to find it.
PARTIAL_MIN = 6

# A mask can make its neighbours meet (digits left of 139****5678 and its last
# four digits), so masking repeats until a round finds nothing. Ordinary text
# needs one round; the bound only stops a runaway, and find_leaks still
# reports whatever a runaway left.
_MAX_ROUNDS = 8


@dataclass(frozen=True)
class PrivateValues:
    """The complainant's values that the public post must never show."""

    name: str
    phone: str
    address: str
    order_id: str
    transaction_id: str
    email: str | None = None
    id_number: str | None = None
    merchant_order_id: str | None = None


def private_values(case: dict) -> PrivateValues:
    """Collect the private values of a validated case."""
    person = case["complainant"]
    payment = case["payment"]
    return PrivateValues(
        name=_text(person["name"]),
        phone=_text(person["phone"]),
        address=_text(person["address"]),
        order_id=_text(case["order"]["id"]),
        transaction_id=_text(payment["transaction_id"]),
        email=_optional_text(person.get("email")),
        id_number=_optional_text(person.get("id_number")),
        merchant_order_id=_optional_text(payment.get("merchant_order_id")),
    )


def mask_public_text(text: str, values: PrivateValues) -> str:
    """Return `text` with every private value and private-looking number masked.

    Full-width digits and Latin letters come back as ASCII.
    """
    masked, _found = _scan(text, values)
    return _REDUNDANT_LABEL.sub(r"\1（已隐去）", masked)


# "订单号：KM…" masks to "订单号：订单号已隐去"; the word before already says what was hidden.
_REDUNDANT_LABEL = re.compile(r"(订单号?|交易单?号|交易|流水号|商户单号|身份证号?|证件号码?|邮箱|地址|住址|尾号)[:：\s]*"
                              r"(?:订单号|交易单号|商户单号|身份证号|邮箱|地址|号码)已隐去")


def find_leaks(text: str, values: PrivateValues) -> list[str]:
    """Describe, in Chinese and without the values, what private data `text` still holds."""
    _masked, found = _scan(text, values)
    return [label if count == 1 else f"{label}（{count}处）"
            for label, count in found.items() if count]


def assert_public(text: str, values: PrivateValues, where: str) -> None:
    """Refuse (`PrivacyLeakError`) a public text that still holds private data."""
    leaks = find_leaks(text, values)
    if leaks:
        raise PrivacyLeakError(
            f"{where}将公开发布，但其中仍有不应公开的信息：{'、'.join(leaks)}。"
            "未写出任何文书。请从案件文件中写进该文书的文字（问题描述、沟通记录、"
            "诉求、证据说明等）删去这些信息后重试。"
        )


# --- rules ------------------------------------------------------------------

@dataclass(frozen=True)
class _Rule:
    """One kind of private data: how to find it, its mask, its name in a report."""

    label: str
    pattern: re.Pattern
    mask: Callable[[str], str]
    # Matches that turn out not to be private (a company's credit code).
    keep: Callable[[str], bool] = lambda matched: False

    def apply(self, text: str) -> tuple[str, int]:
        """Mask every match; return the new text and how many were masked."""
        count = 0

        def replace(match: re.Match) -> str:
            nonlocal count
            if self.keep(match.group()):
                return match.group()
            count += 1
            return self.mask(match.group())

        return self.pattern.sub(replace, text), count


def _scan(text: str, values: PrivateValues) -> tuple[str, Counter]:
    """Mask until nothing is found; count what was found, by label, in rule order."""
    text = _normalise(text)
    found: Counter = Counter()
    for _round in range(_MAX_ROUNDS):
        round_hits = 0
        for rule in _rules(values):
            text, count = rule.apply(text)
            found[rule.label] += count
            round_hits += count
        if not round_hits:
            break
    return text, found


@lru_cache(maxsize=32)
def _rules(values: PrivateValues) -> tuple[_Rule, ...]:
    """All rules for one case, most specific first.

    E-mails go first (a QQ mail's local part is a number), the address before
    the name (a street may carry the name), the case's own numbers before the
    shapes so that the mask says which number it was.
    """
    rules: list[_Rule] = []
    if values.email:
        rules.append(_Rule("投诉人邮箱", re.compile(re.escape(_normalise(values.email)), re.I | re.A),
                           _fixed("邮箱已隐去")))
    rules.append(_EMAIL_SHAPE)
    rules += _address_rules(values.address)
    rules += _name_rules(values.name)
    rules += _number_rules(values)
    rules += _tail_rules(values)
    rules += _SHAPES
    return tuple(rules)


# "订单尾号87766", "身份证后四位4514": people quote the end of a number to identify it.
_TAIL_MENTION = re.compile(r"(?:尾号|末尾|后\s*[0-9一二三四五六七八九十]+\s*位(?:数字|数)?)\s*(?:是|为|:|：)?\s*"
                           r"[0-9A-Za-z]{2,}")
TAIL_MIN = 4


def _tail_rules(values: PrivateValues) -> list[_Rule]:
    """The last digits of the case's numbers, quoted as such or standing alone."""
    rules = [_Rule("号码尾号", _TAIL_MENTION, _fixed("尾号已隐去"))]
    # the phone is left out: its site-style mask (139****5678) keeps the last four on purpose
    tails = {_number_core(v)[-TAIL_MIN:] for v in (values.order_id, values.transaction_id, values.merchant_order_id,
                                                   values.id_number) if v and len(_number_core(v)) > TAIL_MIN}
    if tails:
        alone = "|".join(map(re.escape, sorted(tails)))
        rules.append(_Rule("单号或证件号的末几位", re.compile(rf"(?<![0-9A-Za-z*])(?:{alone})(?![0-9A-Za-z])", re.I | re.A),
                           _fixed("号码已隐去")))
    return rules


def _address_rules(address: str) -> list[_Rule]:
    """The full address, and its street-and-number tail written on its own."""
    core = re.sub(r"\s", "", _normalise(address))
    if len(core) < 2:
        return []
    rules = [_Rule("投诉人住址", re.compile(_loose(core, r"\s*")), _fixed("地址已隐去"))]
    tail = core[_ADMIN_PREFIX.match(core).end():]
    # A tail of 1–3 characters ("1号", "某某村") is too common to mask everywhere.
    if len(tail) >= 4 and tail != core:
        rules.append(_Rule("投诉人住址的街道门牌部分", re.compile(_loose(tail, r"\s*")),
                           _fixed("地址已隐去")))
    return rules


# Province, city and district/county at the start of an address: what is left
# after them (street, building, number) is what identifies the person.
_ADMIN_PREFIX = re.compile(
    r"(?:.{1,8}?(?:省|自治区|特别行政区))?"
    r"(?:.{1,8}?(?:市|自治州|地区|盟))?"
    r"(?:.{1,8}?(?:区|县|市|旗))?"
)


def _name_rules(name: str) -> list[_Rule]:
    """The name, also spaced out; a one-character name cannot be told from text."""
    core = re.sub(r"[\s\u3000·•]", "", _normalise(name))
    if len(core) < 2:
        return []
    masked = core[0] + "*" * (len(core) - 1)
    return [_Rule("投诉人姓名", re.compile(_loose(core, _NAME_GAP), re.I), _fixed(masked))]


class _Number(NamedTuple):
    """One of the case's numbers and how to mask it whole and in part."""

    label: str
    core: str
    mask: Callable[[str], str]
    part_mask: str | None
    prefix: str = ""


def _number_rules(values: PrivateValues) -> list[_Rule]:
    """The case's own numbers: whole (even with separators), then any 6-character run."""
    id_core = _number_core(values.id_number)
    numbers = [
        _Number("支付交易单号", _number_core(values.transaction_id), _fixed("交易单号已隐去"), "交易单号已隐去"),
        _Number("订单号", _number_core(values.order_id), _fixed("订单号已隐去"), "订单号已隐去"),
        _Number("商户单号", _number_core(values.merchant_order_id), _fixed("商户单号已隐去"), "商户单号已隐去"),
        _Number("投诉人身份证号", id_core, _fixed("身份证号已隐去"), "身份证号已隐去"),
        # A phone keeps the site's 139****5678 form and may carry +86 / 0086.
        _Number("投诉人电话", _phone_core(values.phone), _mask_phone, "电话已隐去",
                prefix=r"(?:(?:\+|00)?86[\s\u3000-]*)?"),
    ]
    if len(id_core) == 18:
        # The 15-digit card of before 1999: same place code, 2-digit year, no check digit.
        numbers.append(_Number("投诉人身份证号", id_core[:6] + id_core[8:17],
                               _fixed("身份证号已隐去"), None))
    # Longest first: a transaction number often contains the order number. The
    # sort is stable, so a merchant number equal to the order number is 订单号.
    numbers = sorted((n for n in numbers if n.core), key=lambda n: -len(n.core))

    whole = [_Rule(n.label, re.compile(_NOT_AFTER_ALNUM + n.prefix + _loose(n.core, _NUMBER_GAP)
                                       + _NOT_BEFORE_ALNUM, re.I | re.A), n.mask)
             for n in numbers]
    parts = [_Rule(f"{n.label}的连续{PARTIAL_MIN}位以上片段", _runs(n.core, PARTIAL_MIN),
                   _fixed(n.part_mask))
             for n in numbers if n.part_mask and len(n.core) >= PARTIAL_MIN]
    return whole + parts


def _runs(core: str, minimum: int) -> re.Pattern:
    """Any run of at least `minimum` consecutive characters of `core`, longest first."""
    pieces = {core[start:end] for start in range(len(core))
              for end in range(start + minimum, len(core) + 1)}
    ordered = sorted(pieces, key=lambda piece: (-len(piece), piece))
    return re.compile("|".join(map(re.escape, ordered)), re.I | re.A)


# --- shapes: private-looking data whoever it belongs to -----------------------

def _fixed(mask: str) -> Callable[[str], str]:
    """A mask that does not depend on what it replaces."""
    return lambda matched: mask


def _mask_phone(matched: str) -> str:
    """139****5678 for a mobile, area code + **** for a landline (the site's style)."""
    digits = _phone_core(matched)
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    if digits.startswith("0") and len(digits) > 4:
        # 010 and 02x are the only three-digit area codes; all others have four.
        return (digits[:3] if digits[1] in "12" else digits[:4]) + "****"
    return "电话已隐去"


def _is_credit_code(token: str) -> bool:
    """A valid 统一社会信用代码 names a company, it is public: keep it."""
    if len(token) != 18:
        return False
    from stdnum.cn import uscc  # imported only when an 18-character token turns up (about 20 ms)

    return uscc.is_valid(token)


_EMAIL_SHAPE = _Rule(
    "疑似邮箱地址",
    re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+", re.A),
    _fixed("邮箱已隐去"),
)

_SHAPES = (
    # A WeChat or QQ account named as such is a contact detail the site asks to hide, whoever's it is.
    _Rule("疑似微信号或QQ号", re.compile(
        r"(?<=微信号|微信：|微信:|微信 |VX：|vx：|VX:|vx:|QQ号|QQ：|qq：|QQ:|qq:|QQ |qq )\s*[A-Za-z0-9][-_A-Za-z0-9]{4,19}"
        r"|(?<=加微信|加vx|加VX|加QQ|加qq)\s*[A-Za-z0-9][-_A-Za-z0-9]{4,19}", re.A),
        _fixed("（已隐去）")),
    # 18-digit 居民身份证号: place code, a birth date of 19xx/20xx, sequence, check.
    _Rule("疑似身份证号", re.compile(
        _NOT_AFTER_ALNUM + r"\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]"
        + _NOT_BEFORE_ALNUM, re.A), _fixed("身份证号已隐去")),
    # Mainland mobile, 1[3-9] + 9 digits, maybe +86 and grouped 3-4-4.
    _Rule("疑似手机号", re.compile(
        _NOT_AFTER_ALNUM + r"(?:(?:\+|00)86[\s\u3000-]?)?1[3-9]\d(?:[ \u3000-]?\d{4}){2}"
        + _NOT_BEFORE_ALNUM, re.A), _mask_phone),
    # Landline written with its area code apart: 010-12345678, 0755 1234567.
    _Rule("疑似固定电话", re.compile(
        _NOT_AFTER_ALNUM + r"0\d{2,3}[ \u3000-]\d{7,8}" + _NOT_BEFORE_ALNUM, re.A), _mask_phone),
    # A bank card grouped by four (13–19 digits); ungrouped, the next rule takes it.
    _Rule("疑似银行卡号", re.compile(
        _NOT_AFTER_ALNUM + r"\d{4}(?:[ \u3000-]\d{4}){2,3}[ \u3000-]\d{1,4}" + _NOT_BEFORE_ALNUM,
        re.A), _fixed("号码已隐去")),
    # Order, waybill, card, QQ-like numbers: 10+ letters/digits of which 8+ are
    # digits. Dates (8 digits), amounts (a dot), 腾讯视频VIP12 stay.
    _Rule("疑似订单号或其他长编号", re.compile(
        _NOT_AFTER_ALNUM + r"[0-9A-Za-z]{10,}" + _NOT_BEFORE_ALNUM, re.A), _fixed("号码已隐去"),
        keep=lambda token: sum(c.isdigit() for c in token) < 8 or _is_credit_code(token)),
)


# --- helpers -----------------------------------------------------------------

def _normalise(text: str) -> str:
    """Fold full-width digits and Latin letters to ASCII."""
    return text.translate(_FULL_WIDTH)


def _loose(core: str, gap: str) -> str:
    """A pattern for `core` with any amount of `gap` allowed between its characters."""
    return gap.join(map(re.escape, core))


def _number_core(value: str | None) -> str:
    """The letters and digits of a number, upper case: 'km-2026 0901' → 'KM20260901'."""
    return re.sub(r"[^0-9A-Za-z]", "", _normalise(value or "")).upper()


def _phone_core(value: str) -> str:
    """The digits of a phone without a +86 / 0086 country code."""
    digits = re.sub(r"[^0-9]", "", _normalise(value))
    if len(digits) > 11 and digits.startswith(("0086", "86")):
        digits = digits[digits.index("86") + 2:]
    return digits


def _text(value) -> str:
    """A required value as text (the loader keeps identifiers as written)."""
    return str(value).strip()


def _optional_text(value) -> str | None:
    """An optional value as text; absent or blank is None."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None
