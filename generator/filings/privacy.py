"""Keep private data out of the public 黑猫投诉 post.

黑猫投诉 (tousu.sina.com.cn) publishes the post for anyone to read, and the site
asks users to hide their name, contact details, address, order numbers and
courier numbers (see the channel facts). The tool promises more: none of the
complainant's name, phone, address, e-mail or ID number, and no order,
transaction or merchant-order number, not even in part, wherever it appears,
including in the user's own free text; and nobody else's name or account that
the case file gives or the user's text introduces.

A value counts however it is written, as a reader reads it: full-width, circled
or styled digits, Chinese numerals read digit by digit (一三八〇〇…, 幺, 两),
traditional characters, invisible characters or separators between its
characters, "(at)" for "@". The text is folded that way for matching only;
masks replace the spans of the original text, and everything else stays as
the user wrote it.

- `mask_public_text` replaces private values (and anything that merely looks
  like a phone, ID, card, e-mail or order number) with masks in the site's own
  style: 张*, 139****5678, 订单号已隐去.
- `find_leaks` is the final scan; `assert_public` turns its findings into a
  `PrivacyLeakError` so that nothing is written.

Both run the same rules, so a text that `mask_public_text` produced never makes
`find_leaks` report anything. The one rule only `mask_public_text` runs is the
net of person names that word segmentation finds in the user's text: it also
catches words that are not names, so it masks and never stops a run.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

from generator.case.model import Case
from generator.errors import PrivacyLeakError
from generator.filings.individual import bare_name, introduced_names, introductions
from generator.phrases import say

# "Not even in part": a run of this many consecutive characters of an order,
# transaction, ID or phone number counts as revealing it (the project's
# threshold); the last 8 characters of an order number are enough to find it.
PARTIAL_MIN = 6
# The last digits of a number, quoted on their own, identify it too.
TAIL_MIN = 4

# A mask can make its neighbours meet (digits left of 139****5678 and its last
# four digits), so masking repeats until a round finds nothing. Ordinary text
# needs one round; the bound only stops a runaway, and find_leaks still
# reports whatever a runaway left.
_MAX_ROUNDS = 8


@dataclass(frozen=True)
class PrivateValues:
    """The values that the public post must never show."""

    name: str
    phone: str
    address: str
    order_id: str
    transaction_id: str
    email: str | None = None
    id_number: str | None = None
    merchant_order_id: str | None = None
    # The transaction number of each renewal debit: the complainant's bill entries too.
    renewal_transaction_ids: tuple[str, ...] = ()
    # Other people's names and accounts, as (label, value): masked and scanned for.
    third_party: tuple[tuple[str, str], ...] = ()
    # Person names that word segmentation found in the user's text: masked only.
    net_names: tuple[str, ...] = ()


def private_values(case: Case) -> PrivateValues:
    """Collect the private values of a validated case."""
    person = case.complainant
    payment = case.payment
    texts = user_texts(case)
    third_party = _third_party_values(case, texts)
    known = {_key(value) for _label, value in third_party} | {_key(_text(person.name))}
    public = _organisation_names(case)
    return PrivateValues(
        name=_text(person.name),
        phone=_text(person.phone),
        address=_text(person.address),
        order_id=_text(case.order.id),
        transaction_id=_text(payment.transaction_id),
        email=_optional_text(person.email),
        id_number=_optional_text(person.id_number),
        merchant_order_id=_optional_text(payment.merchant_order_id),
        renewal_transaction_ids=tuple(
            dict.fromkeys(
                text for p in case.problems for charge in p.charges if (text := _optional_text(charge.transaction_id))
            )
        ),
        third_party=third_party,
        net_names=tuple(
            name
            for name in person_names(texts)
            if _key(name) not in known
            and not re.match(say("markers.forms_of_address"), name)  # 阿姨, 师傅: how one is addressed, no name
            and not re.search(say("markers.not_a_name"), name)  # 建议您: a pronoun or a verb, no name
            and not any(name in words for words in public)
            and not any(name in words for words in seller_words(case))
        ),
    )


def mask_public_text(text: str, values: PrivateValues) -> str:
    """Return `text` with every private value and private-looking number masked; the rest as written. A name the
    text introduces (她说她叫刘小燕) is removed with its introduction, not masked to its surname."""
    masked, _found = _scan(without_introduced_names(text), values, net=True)
    return _REDUNDANT_LABEL.sub(r"\1（已隐去）", masked)


def without_introduced_names(text: str) -> str:
    """The text with each name it introduces removed together with its introduction: `店里客服（她说她叫刘小燕）说…`
    becomes `店里客服（自称的姓名已隐去）说…` (phrases.yaml public.name_removed.*). A surname is a clue to who it is
    and says nothing the post needs."""
    out, pos = [], 0
    for found in introductions(text):
        start, end = found.start(), found.end(1)
        if start < pos:
            continue
        opened = text[found.start(1) - 1 : found.start(1)]
        if opened and opened in "“\"'‘「『" and text[end : end + 1] in "”\"'’」』":
            end += 1  # the name's closing quote goes with it (叫“刘小燕”的 → （姓名已隐去）的), not left standing
        speaker = re.search(say("markers.self_introduction"), text[pos:start])
        told_by_self = bool(speaker) or say("markers.self_named") in found.group(0)
        if speaker:
            start = pos + speaker.start()
        kind = "real_name" if say("markers.real_name") in found.group(0) else "self" if told_by_self else "name"
        note = say(f"public.name_removed.{kind}")
        bracketed = start > 0 and text[start - 1] in "（(" and text[end : end + 1] in "）)"
        if not bracketed and start > pos and text[start - 1] in "，," and text[end : end + 1] in "，,。；;":
            start -= 1  # a clause of its own (…客服，自称周海涛，说…): the note goes in brackets after what precedes
        out += [text[pos:start], note if bracketed else f"（{note}）"]
        pos = end
    return "".join(out) + text[pos:]


# "订单号：KM…" masks to "订单号：订单号已隐去"; the word before already says what was hidden.
_REDUNDANT_LABEL = re.compile(
    r"(订单号?|交易单?号|交易|流水号|商户单号|身份证号?|证件号码?|邮箱|地址|住址|尾号)[:：\s]*"
    r"(?:订单号|交易单号|商户单号|身份证号|邮箱|地址|号码)已隐去"
)


def find_leaks(text: str, values: PrivateValues) -> list[str]:
    """Describe, in Chinese and without the values, what private data `text` still holds."""
    _masked, found = _scan(text, values, net=False)
    return [label if count == 1 else f"{label}（{count}处）" for label, count in found.items()]


def assert_public(text: str, values: PrivateValues, where: str) -> None:
    """Refuse (`PrivacyLeakError`) a public text that still holds private data."""
    leaks = find_leaks(text, values)
    if leaks:
        raise PrivacyLeakError(
            f"{where}将公开发布，但其中仍有不应公开的信息：{'、'.join(leaks)}。"
            "未写出任何文书。请从案件文件中写进该文书的文字（问题描述、沟通记录、"
            "诉求、证据说明等）删去这些信息后重试。"
        )


# --- reading text as a reader reads it ------------------------------------------

# Characters nobody sees: format characters (zero-width space and joiner, BOM,
# direction marks, soft hyphen), combining and enclosing marks (a keycap 1️⃣ is
# 1 + U+FE0F + U+20E3), and the Hangul fillers that fonts draw blank.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Mn", "Me", "Cs", "Co"})
_INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0")

# What people put between the characters of a value they copy by hand: spaces,
# dashes of every width, slashes, dots, underscores, brackets. Commas and 、
# separate the parts of an address or of a long number, but in a sentence they
# also separate words, so only address and number matches may cross them.
_WEAK_SEPARATORS = r"\s\-_/\\|.·•‧・'~()\[\]{}<>\u2010-\u2015\u2212\u301c"
_STRONG_SEPARATORS = ",、;"

# Chinese numerals read digit by digit (一三八〇〇…), with the spoken 幺 (1) and 两 (2);
# 十/百 are positional, not how anyone spells a phone or an ID.
_CN_DIGITS = {
    "〇": "0",
    "零": "0",
    "一": "1",
    "幺": "1",
    "二": "2",
    "两": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
    "壹": "1",
    "贰": "2",
    "叁": "3",
    "肆": "4",
    "伍": "5",
    "陆": "6",
    "柒": "7",
    "捌": "8",
    "玖": "9",
}
# Only where they spell a number: two or more among digits and separators, or
# one touching a digit or with digits on both sides, so that 一年, 张一鸣 or
# "张三 138…" keep their words.
_CN_RUN = re.compile(r"[0-9{0}](?:[{1}]*[0-9{0}])+".format("".join(_CN_DIGITS), _WEAK_SEPARATORS))
_CN_TO_DIGIT = str.maketrans(_CN_DIGITS)


_CN_NEXT_TO_DIGIT = re.compile(r"[0-9][{0}]|[{0}][0-9]".format("".join(_CN_DIGITS)))


def _digits_of_numerals(run: re.Match) -> str:
    text = run.group()
    if (
        sum(c in _CN_DIGITS for c in text) >= 2
        or _CN_NEXT_TO_DIGIT.search(text)
        or text[0] not in _CN_DIGITS
        and text[-1] not in _CN_DIGITS
    ):
        return text.translate(_CN_TO_DIGIT)
    return text


def _variants(key: str) -> list[str]:
    """A key, and its forms with a numeral at an edge read as a digit (张三 in "张三0" reads 张3…)."""
    first = key[0] in _CN_DIGITS
    last = key[-1] in _CN_DIGITS
    forms = {key}
    if first:
        forms.add(key[0].translate(_CN_TO_DIGIT) + key[1:])
    if last:
        forms.add(key[:-1] + key[-1].translate(_CN_TO_DIGIT))
    if first and last and len(key) > 1:
        forms.add(key[0].translate(_CN_TO_DIGIT) + key[1:-1] + key[-1].translate(_CN_TO_DIGIT))
    return sorted(forms, key=lambda form: form != key)


# "zhangsan(at)example(dot)com", "zhangsan [at] example . com", "zhangsan at example dot com".
_SPELLED_AT = re.compile(
    r"[(\[{<【〔]\s*(?:at|艾特)\s*[)\]}>】〕]|(?<=[0-9a-z])\s+at\s+(?=[0-9a-z])"
    r"|(?<=[0-9a-z])\s*艾特\s*(?=[0-9a-z])"
)
_SPELLED_DOT = re.compile(r"[(\[{<【〔]\s*(?:dot|点)\s*[)\]}>】〕]|(?<=[0-9a-z])\s+dot\s+(?=[0-9a-z])")

# A run of separators between two letters, digits or Chinese characters (or an @) is ignored.
_GAP = re.compile(rf"(?<=[^\W_]|@)[{_WEAK_SEPARATORS}{_STRONG_SEPARATORS}]+(?=[^\W_]|@)")
_STRONG = re.compile(f"[{_STRONG_SEPARATORS}]")

# A date written with separators reads as a date, even when its digits also
# sit in an order number (order numbers often begin with the order's date).
_DATE = re.compile(r"(?<![0-9])\d{4}([-/.])\d{1,2}(?:\1\d{1,2})?(?![0-9])")


class _FoldTable(dict):
    """str.translate table folding each character as a reader reads it, filled as characters turn up."""

    uneven: set[str]

    def __init__(self):
        super().__init__()
        self.uneven = set()  # characters that fold to nothing or to several

    def __missing__(self, code: int) -> str:
        folded = _fold_character(chr(code))
        if len(folded) != 1:
            self.uneven.add(chr(code))
        self[code] = folded
        return folded


def _fold_character(char: str) -> str:
    """NFKC; invisible characters dropped; any digit as 0–9; traditional as simplified; lower case."""
    out = []
    for c in unicodedata.normalize("NFKC", char):
        category = unicodedata.category(c)
        if category in _INVISIBLE_CATEGORIES or c in _INVISIBLE or (category == "Cc" and not c.isspace()):
            continue
        digit = unicodedata.digit(c, None)  # ❶, ⓿, Arabic-Indic and other scripts' digits
        if digit is not None:
            c = str(digit)
        elif _is_han(c):
            c = _simplified(c)
        out.append(c.lower())
    return "".join(out)


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or char >= "\U00020000"


def _simplified(char: str) -> str:
    """The simplified form of one traditional character (OpenCC's t2s table), else the character."""
    folded = _t2s().convert(char)
    return folded if len(folded) == 1 else char


@cache
def _t2s():
    import opencc  # loaded on the first Chinese character (about 5 ms)

    return opencc.OpenCC("t2s")


_FOLD = _FoldTable()


class _Reading:
    """A text folded for matching, with where each folded character came from.

    `text[i]` comes from `original[start[i]:end[i]]`. The compact view drops the
    separators between letters, digits and Chinese characters; `at[j]` is the
    folded index of its character j.
    """

    def __init__(self, original: str):
        self.original = original
        text = original.translate(_FOLD)
        start: list[int] | range
        end: list[int] | range
        if _FOLD.uneven.isdisjoint(original):
            start, end = range(len(original)), range(1, len(original) + 1)
        else:
            starts: list[int] = []
            ends: list[int] = []
            for i, char in enumerate(original):
                n = len(_FOLD[ord(char)])
                starts += [i] * n
                ends += [i + 1] * n
            start, end = starts, ends
        text = _CN_RUN.sub(_digits_of_numerals, text)  # one for one: nothing moves
        self.text, self.start, self.end = text, start, end
        for pattern, replacement in ((_SPELLED_AT, "@"), (_SPELLED_DOT, ".")):
            if pattern.search(self.text):
                self._replace(pattern, replacement)
        self._compact: tuple[str, list[int] | range, list[int]] | None = None
        self._dates: list[tuple[int, int]] | None = None

    def _replace(self, pattern: re.Pattern, replacement: str) -> None:
        """Replace each match by one character standing for all it covers."""
        text: list[str] = []
        start: list[int] = []
        end: list[int] = []
        pos = 0
        for m in pattern.finditer(self.text):
            text.append(self.text[pos : m.start()])
            start += self.start[pos : m.start()]
            end += self.end[pos : m.start()]
            text.append(replacement)
            start.append(self.start[m.start()])
            end.append(self.end[m.end() - 1])
            pos = m.end()
        text.append(self.text[pos:])
        start += self.start[pos:]
        end += self.end[pos:]
        self.text, self.start, self.end = "".join(text), start, end

    def compact(self) -> tuple[str, list[int] | range, list[int]]:
        """The text without separators between characters, the folded index of each, where a , or 、 was dropped."""
        if self._compact is None:
            pieces: list[str] = []
            at: list[int] = []
            strong: list[int] = []
            pos = 0
            for m in _GAP.finditer(self.text):
                pieces.append(self.text[pos : m.start()])
                at.extend(range(pos, m.start()))
                if _STRONG.search(m.group()):
                    strong.append(len(at))
                pos = m.end()
            if not pieces:
                self._compact = (self.text, range(len(self.text)), [])
            else:
                pieces.append(self.text[pos:])
                at.extend(range(pos, len(self.text)))
                self._compact = ("".join(pieces), at, strong)
        return self._compact

    def in_date(self, start: int, end: int) -> bool:
        """Whether folded text[start:end] lies within a date written with separators."""
        if self._dates is None:
            self._dates = [m.span() for m in _DATE.finditer(self.text)]
        return any(a <= start and end <= b for a, b in self._dates)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.start[start], self.end[end - 1]


def _key(value: str) -> str:
    """A value as the matching sees it: folded, without separators between its characters."""
    return _Reading(value.strip()).compact()[0].strip()


def _number_core(value: str | None) -> str:
    """The letters and digits of a number, folded: 'KM-2026 0901' → 'km20260901'.

    Empty when they are no number: "无订单号（QQ转账）" leaves "qq", which would otherwise be
    hidden wherever QQ is named; fewer than TAIL_MIN characters would hide every date and amount.
    """
    core = re.sub(r"[^0-9a-z]", "", _Reading(value or "").text)
    return core if len(core) >= TAIL_MIN and any(c.isdigit() for c in core) else ""


def _phone_core(value: str) -> str:
    """The digits of a phone without a +86 / 0086 country code."""
    digits = re.sub(r"\D", "", _Reading(value).text)
    if len(digits) > 11 and digits.startswith(("0086", "86")):
        digits = digits[digits.index("86") + 2 :]
    return digits


# --- finding and masking ---------------------------------------------------------


class _Hit(NamedTuple):
    """A span of folded text to mask, and what to report it as."""

    start: int
    end: int
    rank: int
    label: str
    mask: Callable[[str], str]


def _scan(text: str, values: PrivateValues, net: bool) -> tuple[str, Counter]:
    """Mask until a round finds nothing; count what was found, by label. `net`: mask the name net too."""
    found: Counter = Counter()
    groups = _finders(values)
    reading = _Reading(text)
    for _round in range(_MAX_ROUNDS):
        round_hits = 0
        for group in groups:
            hits = _leftmost_longest([hit for find in group for hit in find(reading, net)])
            if hits:
                text = _apply(reading, hits)
                reading = _Reading(text)
                found.update(hit.label for hit in hits)
                round_hits += len(hits)
        if not round_hits:
            break
    return text, found


def _leftmost_longest(hits: list[_Hit]) -> list[_Hit]:
    """Non-overlapping hits: the leftmost, then the longest, then the best ranked."""
    chosen: list[_Hit] = []
    for hit in sorted(hits, key=lambda h: (h.start, h.start - h.end, h.rank)):
        if not chosen or hit.start >= chosen[-1].end:
            chosen.append(hit)
    return chosen


def _apply(reading: _Reading, hits: list[_Hit]) -> str:
    """The original text with each hit's original span replaced by its mask."""
    out, pos = [], 0
    for hit in hits:
        start, end = reading.original_span(hit.start, hit.end)
        if start < pos:  # two hits within one original character (⑩ reads as two digits)
            continue
        out.append(reading.original[pos:start])
        out.append(hit.mask(reading.text[hit.start : hit.end]))
        pos = end
    out.append(reading.original[pos:])
    return "".join(out)


@lru_cache(maxsize=32)
def _finders(values: PrivateValues) -> tuple[tuple[Callable[[_Reading, bool], list[_Hit]], ...], ...]:
    """The rule groups of one case, in order; each group masks its leftmost-longest hits.

    The case's own values come first, so that a mask says which value it was;
    e-mail shapes compete with them (a QQ mail's local part is a number, and the
    whole address is what should go). Quoted tails come before the bare last
    digits (订单尾号Q3X9 reads better masked whole), then the shapes.
    """
    known = _KnownValues(values)
    groups = [(known.find, _EMAIL_SHAPE.find), (_TAIL_MENTION.find,)]
    if known.tails is not None:
        groups.append((known.find_tails,))
    groups += [(shape.find,) for shape in _SHAPES]
    return tuple(groups)


# --- the case's own values: one automaton per case ----------------------------------


class _Entry(NamedTuple):
    """What one automaton key stands for."""

    rank: int
    label: str
    mask: Callable[[str], str]
    number: int = -1  # ≥ 0: a PARTIAL_MIN-character piece of number `number`, at `offset`
    offset: int = 0
    edges: bool = False  # must not touch a letter or digit on either side
    strong: bool = False  # may cross a comma or 、 (address and number parts)
    net: bool = False  # the name net's: masked, never reported


class _Number(NamedTuple):
    """One of the case's numbers and how to mask it whole and in part."""

    label: str
    core: str
    mask: Callable[[str], str]
    part_mask: str | None
    prefixes: tuple[str, ...] = ("",)


class _KnownValues:
    """The case's values, found in one pass of an Aho–Corasick automaton over the compact text.

    Numbers are added whole and as their PARTIAL_MIN-character pieces; pieces
    found one after the other along the same number make up a run of it, so
    the automaton stays linear in the length of the values.
    """

    def __init__(self, values: PrivateValues):
        keys: dict[str, list[_Entry]] = defaultdict(list)
        rank = iter(range(1_000_000))
        if values.email:
            email = _key(values.email)
            keys[email].append(_Entry(next(rank), "投诉人邮箱", _fixed("邮箱已隐去"), strong=False, edges=True))
            local = email.partition("@")[0]
            if len(local) >= 3:  # a short one stands for the account only standing alone
                keys[local].append(_Entry(next(rank), "投诉人邮箱的用户名", _fixed("邮箱已隐去"), edges=len(local) < 5))
        for label, key in _address_keys(values.address):
            entry = _Entry(next(rank), label, _fixed("地址已隐去"), strong=True)
            for form in _variants(key):
                keys[form].append(entry)
        name = _key(values.name).replace("·", "")
        if len(name) >= 2:  # a one-character name cannot be told from text
            entry = _Entry(next(rank), "投诉人姓名", _fixed(name[0] + "*" * (len(name) - 1)))
            for form in _variants(name):
                keys[form].append(entry)
        self.numbers = _numbers(values)
        for n in self.numbers:
            for prefix in n.prefixes:
                keys[prefix + n.core].append(_Entry(next(rank), n.label, n.mask, edges=True, strong=True))
        for i, n in enumerate(self.numbers):
            if n.part_mask and len(n.core) >= PARTIAL_MIN:
                run_mask = _fixed(n.part_mask)  # a piece is masked as the run it belongs to
                for offset in range(len(n.core) - PARTIAL_MIN + 1):
                    keys[n.core[offset : offset + PARTIAL_MIN]].append(_Entry(0, "", run_mask, number=i, offset=offset))
        # a run ranks after every whole value, a longer number's run before a shorter one's
        self.runs = [
            _Entry(1_000_000 + i, f"{n.label}的连续{PARTIAL_MIN}位以上片段", _fixed(n.part_mask or ""))
            for i, n in enumerate(self.numbers)
        ]
        for label, value in values.third_party:
            key = _key(value)
            if len(key) >= 2:
                entry = _Entry(
                    next(rank), label, _third_party_mask(label, key), edges=len(key) < 5 and _ascii_edged(key)
                )
                for form in _variants(key):
                    keys[form].append(entry)
        for name in values.net_names:
            key = _key(name)
            if len(key) >= 2:
                entry = _Entry(next(rank), "疑似他人姓名", _fixed(key[0] + "*" * (len(key) - 1)), net=True)
                for form in _variants(key):
                    keys[form].append(entry)
        self.automaton = _automaton(keys)
        self.tails = _automaton(_tail_keys(self.numbers))

    def find(self, reading: _Reading, net: bool) -> list[_Hit]:
        """Whole values, and runs of at least PARTIAL_MIN characters of the numbers."""
        if self.automaton is None:
            return []
        compact, at, strong = reading.compact()
        hits, pieces = [], defaultdict(list)
        for end, (length, entries) in self.automaton.iter(compact):
            start = end - length + 1
            for entry in entries:
                if entry.number >= 0:
                    pieces[entry.number, start - entry.offset].append(start)
                elif (net or not entry.net) and self._fits(reading, at[start], at[end] + 1, entry, strong, start, end):
                    hits.append(_Hit(at[start], at[end] + 1, entry.rank, entry.label, entry.mask))
        for (number, _diagonal), starts in pieces.items():
            entry = self.runs[number]
            for first, last in _consecutive(starts):
                start, end = at[first], at[last + PARTIAL_MIN - 1] + 1
                if not reading.in_date(start, end):
                    hits.append(_Hit(start, end, entry.rank, entry.label, entry.mask))
        return hits

    def find_tails(self, reading: _Reading, net: bool) -> list[_Hit]:
        """The last TAIL_MIN characters of a number, standing alone."""
        compact, at, strong = reading.compact()
        hits = []
        for end, (length, entries) in self.tails.iter(compact):
            start, end = at[end - length + 1], at[end] + 1
            entry = entries[0]
            before = reading.text[start - 1] if start else ""
            if (
                before != "*"
                and _alone(reading.text, start, end)
                and not _counts_something(reading.text, end)
                and not _AMOUNT.fullmatch(reading.text[start:end])
            ):
                hits.append(_Hit(start, end, entry.rank, entry.label, entry.mask))
        return hits

    @staticmethod
    def _fits(
        reading: _Reading, start: int, end: int, entry: _Entry, strong: list[int], compact_start: int, compact_end: int
    ) -> bool:
        if entry.edges and not _alone(reading.text, start, end):
            return False
        if not entry.strong and strong:
            i = bisect.bisect_right(strong, compact_start)
            if i < len(strong) and strong[i] <= compact_end:
                return False
        return True


def _automaton(keys: dict[str, list[_Entry]]):
    """An Aho–Corasick automaton of `keys`, each giving (its length, its entries); None when empty."""
    if not keys:
        return None
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for key, entries in keys.items():
        automaton.add_word(key, (len(key), tuple(entries)))
    automaton.make_automaton()
    return automaton


def _consecutive(starts: list[int]) -> Iterable[tuple[int, int]]:
    """Runs of consecutive integers in an ascending list, as (first, last)."""
    first = last = starts[0]
    for s in starts[1:]:
        if s != last + 1:
            yield first, last
            first = s
        last = s
    yield first, last


def _alone(text: str, start: int, end: int) -> bool:
    """Not touching a letter or digit on either side: inside a longer run it is another number."""
    return not (start and text[start - 1].isascii() and text[start - 1].isalnum()) and not (
        end < len(text) and text[end].isascii() and text[end].isalnum()
    )


# A bare run of digits followed by one of these counts something (2000字, 2000元): a quantity, not a number's tail.
_MEASURE_WORDS = frozenset("字元年月日天个次笔条页份件张人分秒")


# 50.00 read without its point is 5000: an amount in yuan is not the tail of a number ending in 5000.
_AMOUNT = re.compile(r"\d+\.\d{1,2}")


def _counts_something(text: str, end: int) -> bool:
    return end < len(text) and text[end] in _MEASURE_WORDS


def _ascii_edged(key: str) -> bool:
    return key[:1].isascii() and key[:1].isalnum() or key[-1:].isascii() and key[-1:].isalnum()


def _numbers(values: PrivateValues) -> list[_Number]:
    """The case's numbers, longest first: a transaction number often contains the order number."""
    id_core = _number_core(values.id_number)
    numbers = [
        _Number("支付交易单号", _number_core(values.transaction_id), _fixed("交易单号已隐去"), "交易单号已隐去"),
        *(
            _Number("续费扣款的支付交易单号", _number_core(t), _fixed("交易单号已隐去"), "交易单号已隐去")
            for t in values.renewal_transaction_ids
        ),
        _Number("订单号", _number_core(values.order_id), _fixed("订单号已隐去"), "订单号已隐去"),
        _Number("商户单号", _number_core(values.merchant_order_id), _fixed("商户单号已隐去"), "商户单号已隐去"),
        _Number("投诉人身份证号", id_core, _fixed("身份证号已隐去"), "身份证号已隐去"),
        # A phone keeps the site's 139****5678 form and may carry +86 / 0086.
        _Number("投诉人电话", _phone_core(values.phone), _mask_phone, "电话已隐去", prefixes=("", "86", "+86", "0086")),
    ]
    if len(id_core) == 18:
        # The 15-digit card of before 1999: same place code, 2-digit year, no check digit.
        numbers.append(_Number("投诉人身份证号", id_core[:6] + id_core[8:17], _fixed("身份证号已隐去"), None))
    # The sort is stable, so a merchant number equal to the order number is 订单号.
    return sorted((n for n in numbers if n.core), key=lambda n: -len(n.core))


def _tail_keys(numbers: list[_Number]) -> dict[str, list[_Entry]]:
    """The last TAIL_MIN characters of each number but the phone, whose mask keeps them on purpose."""
    keys: dict[str, list[_Entry]] = {}
    for n in numbers:
        if n.part_mask and n.label != "投诉人电话" and len(n.core) > TAIL_MIN:
            keys.setdefault(n.core[-TAIL_MIN:], [_Entry(0, "单号或证件号的末几位", _fixed("号码已隐去"))])
    return keys


# --- the address ---------------------------------------------------------------

# Province, city and district/county at the start of an address: what is left
# after them (street, building, number) is what identifies the person.
_ADMIN_PREFIX = re.compile(
    r"(?:.{1,8}?(?:省|自治区|特别行政区))?"
    r"(?:.{1,8}?(?:市|自治州|地区|盟))?"
    r"(?:.{1,8}?(?:区|县|市|旗))?"
)
# The end of each part of the street address: 某某路|1号|3栋|2单元|501室.
_ADDRESS_PART = re.compile(
    r".+?(?:街道|大道|胡同|小区|花园|公寓|大厦|广场|单元|[镇乡村组街路道巷弄里号栋幢座楼层室园苑区]|$)"
)


def _address_keys(address: str) -> list[tuple[str, str]]:
    """The full address; its street-and-number tail; and the parts of the tail a reader could place.

    An address is often written in parts ("住在某某路，1号楼") or with commas; a
    named part (某某路, 阳光小区) or two parts together still point to the home,
    while a part of 1–2 characters or a bare number ("1号") is too common to mask.
    """
    core = re.sub(r"[\s,、;]", "", _key(address))
    if len(core) < 2:
        return []
    keys = [("投诉人住址", core)]
    prefix = _ADMIN_PREFIX.match(core)  # every part optional: it always matches, perhaps nothing
    tail = core[prefix.end() if prefix else 0 :]
    if len(tail) >= 4 and tail != core:
        keys.append(("投诉人住址的街道门牌部分", tail))
    parts = _ADDRESS_PART.findall(tail)
    for i in range(len(parts)):
        for j in range(i + 1, len(parts) + 1):
            piece = "".join(parts[i:j])
            named = len(re.sub(r"[0-9a-z\-]", "", piece)) >= 3
            if piece != tail and len(piece) >= 3 and (j - i >= 2 or named):
                keys.append(("投诉人住址的一部分", piece))
    return keys


# --- other people's values --------------------------------------------------------

_SELLER_NAME = "个人卖家的名称"
_SELLER_ACCOUNT = "个人卖家的账号或联系方式"


def _third_party_values(case: Case, texts: list[str]) -> tuple[tuple[str, str], ...]:
    """Other people's names and accounts the post must not show, as (label, value)."""
    values: list[tuple[str, str]] = []
    payment = case.payment
    if payment.payee_kind == "personal" and _optional_text(payment.payee):
        values.append(("个人收款人的姓名或账号", _text(payment.payee)))
    values += [("案件文件要求隐去的信息", _text(v)) for v in case.mask if _optional_text(v)]
    platform = case.platform
    if platform.kind == "individual":
        if _optional_text(platform.name):
            values.append((_SELLER_NAME, _text(platform.name)))
        for key, value in (
            ("name", platform.name),
            ("customer_service", platform.customer_service),
            ("app", platform.app),
            ("url", platform.url),
        ):
            if _optional_text(value):
                if key != "name":
                    values.append((_SELLER_ACCOUNT, _text(value)))
                values += [(_SELLER_ACCOUNT, account) for account in _accounts(_text(value))]
    for text in texts:
        values += [("文字中提到的他人姓名", name) for name in introduced_names(text)]
    # “A追剧小铺（个人）” is A追剧小铺 wherever it is written without its note
    values += [(label, bare) for label, value in values if (bare := bare_name(value)) != value and len(bare) >= 2]
    return tuple(dict.fromkeys(values))


# An account inside a longer contact line: "微信 zhengqi_88", "QQ 12345678", a phone.
_ACCOUNT = re.compile(r"(?<![0-9A-Za-z_.@-])[0-9A-Za-z][0-9A-Za-z_.@-]{3,}[0-9A-Za-z](?![0-9A-Za-z_.@-])")
_APP_WORDS = frozenset({"wechat", "weixin", "alipay", "https", "http", "www"})


def _accounts(text: str) -> list[str]:
    """The account-like tokens of a seller's contact line."""
    folded = _Reading(text).text
    return [m.group() for m in _ACCOUNT.finditer(folded) if m.group().lower() not in _APP_WORDS]


def _third_party_mask(label: str, key: str) -> Callable[[str], str]:
    """A person's name keeps its first character, like the complainant's; an account goes whole."""
    if label == _SELLER_NAME:
        return _fixed("个人卖家")  # the post still says whom it is about
    if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", key):
        return _fixed(key[0] + "*" * (len(key) - 1))
    return _fixed("（已隐去）")


def _organisation_names(case: Case) -> list[str]:
    """Names of organisations and products the filings themselves write (支付宝, 腾讯视频, the platform, its shop, the
    product bought): never a person's.

    jieba tags some of them as person names (支付宝 is `nr` in its dictionary).
    """
    from generator.filings.narrative import SERVICE_NAMES
    from generator.filings.records import CHANNEL_NAMES

    platform, payment = case.platform, case.payment
    # the product's name is the listing's title, which the post names as bought (jieba takes 特惠 in it for a name)
    names: list[str | None] = [*CHANNEL_NAMES.values(), *SERVICE_NAMES.values(), case.order.product]
    if platform.kind != "individual":
        names += [platform.name, platform.operator, platform.app]
    if platform.kind == "marketplace" and platform.seller:  # a shop on a marketplace is the business complained of
        names.append(platform.seller.name)
    if payment.payee_kind != "personal":
        names.append(payment.payee)
    return [n for n in names if isinstance(n, str)]


def seller_words(case: Case) -> list[str]:
    """What the seller showed the public (the advertising, the promises): no one's private data, so the name
    net, which takes words like 特惠 for names, never alters a quotation of them."""
    return [t for t in (case.order.advertised, *(p.text for p in case.order.promises)) if t and t.strip()]


def user_texts(case: Case) -> list[str]:
    """The free text the user wrote, where a third party's name may turn up."""
    order, claims = case.order, case.claims
    texts: list[str | None] = [order.product, order.advertised, claims.extra]
    for p in case.problems:
        texts += [p.description, p.delivered]
    for c in case.contacts:
        texts += [c.method, c.summary]
    texts += [e.description for e in case.evidence]
    texts += [loss.description for loss in claims.losses]
    texts += [promise.text for promise in order.promises]
    return [t for t in texts if isinstance(t, str) and t.strip()]


def person_names(texts: Iterable[str]) -> list[str]:
    """Person names (jieba's `nr` tags) in the texts; loads jieba only for text with Chinese in it."""
    texts = tuple(t for t in texts if any(_is_han(c) for c in t))
    return list(_tagged_names(texts)) if texts else []


@lru_cache(maxsize=64)
def _tagged_names(texts: tuple[str, ...]) -> tuple[str, ...]:
    """Words jieba tags as names, a surname tagged apart from its given name (王 + 秀英) joined to it.

    Without jieba's HMM for unknown words: it costs about 20 × the time and
    finds hardly more names, since jieba's dictionary tags a surname and common
    given names on their own.
    """
    posseg = _jieba_posseg()
    names = []
    for text in texts:
        run = ""
        for pair in posseg.cut(text, HMM=False):
            if pair.flag.startswith("nr"):
                run += pair.word
                continue
            names.append(run)
            run = ""
        names.append(run)
    return tuple(
        dict.fromkeys(
            n.strip() for n in names if len(n.strip()) >= 2 and all(_is_han(c) or c == "·" for c in n.strip())
        )
    )


def _jieba_posseg():
    """jieba's tagger, its dictionary read from make-filings' cache folder (see generator/filings/jieba_tables.py)."""
    from generator.filings.jieba_tables import posseg

    return posseg()


# --- shapes: private-looking data whoever it belongs to -----------------------


@dataclass(frozen=True)
class _Shape:
    """One kind of private-looking text, matched on the folded text."""

    label: str
    pattern: re.Pattern
    mask: Callable[[str], str]
    # Matches that turn out not to be private (a company's credit code).
    keep: Callable[[str], bool] = lambda matched: False

    def find(self, reading: _Reading, net: bool = False) -> list[_Hit]:
        return [
            _Hit(m.start(), m.end(), 0, self.label, self.mask)
            for m in self.pattern.finditer(reading.text)
            if not self.keep(m.group())
        ]


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

    return uscc.is_valid(token.upper())


# A number is "inside a longer run" when a Latin letter or digit touches it:
# \b will not do, because Chinese characters count as word characters.
_NOT_AFTER_ALNUM = r"(?<![0-9A-Za-z])"
_NOT_BEFORE_ALNUM = r"(?![0-9A-Za-z])"

# It starts only where a run of local-part characters starts: trying every position of a long run is quadratic.
_EMAIL_SHAPE = _Shape(
    "疑似邮箱地址",
    re.compile(r"(?<![a-z0-9._%+-])[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+", re.A),
    _fixed("邮箱已隐去"),
)

# "订单尾号87766", "身份证后四位4514": people quote the end of a number to identify it.
_TAIL_MENTION = _Shape(
    "号码尾号",
    re.compile(r"(?:尾号|末尾|后\s*[0-9一二三四五六七八九十]+\s*位(?:数字|数)?)\s*(?:是|为|:)?\s*[0-9a-z]{2,}", re.A),
    _fixed("尾号已隐去"),
)

_SHAPES = (
    # A WeChat or QQ account named as such is a contact detail the site asks to hide, whoever's it is.
    _Shape(
        "疑似微信号或QQ号",
        re.compile(
            r"(?<=微信号|微信:|微信 |vx:|qq号|qq:|qq )\s*[a-z0-9][-_a-z0-9]{4,19}"
            r"|(?<=加微信|加vx|加qq)\s*[a-z0-9][-_a-z0-9]{4,19}",
            re.A,
        ),
        _fixed("（已隐去）"),
    ),
    # A staff member's 工号 identifies the person as well as a name would: the number goes, the word stays.
    _Shape(
        "疑似工号",
        re.compile(r"(?<=工号)\s*(?:是|为|:)?\s*[a-z0-9][-_a-z0-9]{1,19}", re.A),
        _fixed("已隐去"),
    ),
    # 18-digit 居民身份证号: place code, a birth date of 19xx/20xx, sequence, check.
    _Shape(
        "疑似身份证号",
        re.compile(
            _NOT_AFTER_ALNUM
            + r"\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]"
            + _NOT_BEFORE_ALNUM,
            re.A,
        ),
        _fixed("身份证号已隐去"),
    ),
    # Mainland mobile, 1[3-9] + 9 digits, maybe +86 and grouped 3-4-4.
    _Shape(
        "疑似手机号",
        re.compile(
            _NOT_AFTER_ALNUM + r"(?:(?:\+|00)86[\s-]?)?1[3-9]\d(?:[ \u3000-]?\d{4}){2}" + _NOT_BEFORE_ALNUM, re.A
        ),
        _mask_phone,
    ),
    # Landline written with its area code apart: 010-12345678, 0755 1234567.
    _Shape(
        "疑似固定电话",
        re.compile(_NOT_AFTER_ALNUM + r"0\d{2,3}[ \u3000-]\d{7,8}" + _NOT_BEFORE_ALNUM, re.A),
        _mask_phone,
    ),
    # A bank card grouped by four (13–19 digits); ungrouped, the next rule takes it.
    _Shape(
        "疑似银行卡号",
        re.compile(_NOT_AFTER_ALNUM + r"\d{4}(?:[ \u3000-]\d{4}){2,3}[ \u3000-]\d{1,4}" + _NOT_BEFORE_ALNUM, re.A),
        _fixed("号码已隐去"),
    ),
    # Order, waybill, card, QQ-like numbers: 10+ letters/digits of which 8+ are
    # digits. Dates (8 digits), amounts (a dot), 腾讯视频VIP12 stay.
    _Shape(
        "疑似订单号或其他长编号",
        re.compile(_NOT_AFTER_ALNUM + r"[0-9A-Za-z]{10,}" + _NOT_BEFORE_ALNUM, re.A),
        _fixed("号码已隐去"),
        keep=lambda token: sum(c.isdigit() for c in token) < 8 or _is_credit_code(token),
    ),
)


# --- helpers -----------------------------------------------------------------


def _text(value) -> str:
    """A required value as text (the loader keeps identifiers as written)."""
    return str(value).strip()


def _optional_text(value) -> str | None:
    """An optional value as text; absent or blank is None."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None
