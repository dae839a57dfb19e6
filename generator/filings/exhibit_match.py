"""Which exhibit shows which fact, when the case does not say (`evidence[].about` absent).

A category is no proof by itself: a bill for a loss is a transaction but does not show the order's
payment, a product page is an advertisement but does not show what was credited, a chat of one day
does not show a refusal of another. An exhibit without `about` is cited for a fact only when its
own description and date fit that fact: the dates and amounts it names, the day it was taken, the
loss it is the evidence of. Where nothing ties it to the fact, it is not cited for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from generator.case.model import Case, Charge, Contact, EvidenceItem, Order, Promise, day_of
from generator.law.provisions import exhibit_words
from generator.phrases import say

# 2026-09-10, 2026/9/10, 2026.9.10, 2026年9月10日 — and 9月10日 / 9月10号 without the year.
_FULL_DATE = re.compile(r"(20\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?")
_MONTH_DAY = re.compile(r"(?<![\d.\-/年])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
# 19.9元, 25.00元, ¥168, ￥9.90 — an amount the description names.
_AMOUNT = re.compile(r"[¥￥]\s*(\d+(?:\.\d{1,2})?)|(\d+(?:\.\d{1,2})?)\s*元")
_QUOTE_MARKS = re.compile(r"[“”‘’\"'「」『』\s，,。、…⋯！!？?；;：:]")
# A contact's method named in a chat's description (“支付宝投诉记录” for 支付宝投诉商家): this many characters in a
# row, no fewer — “客服” alone is in every chat.
_METHOD_CHARS = 4
_QUOTED = re.compile(r"[“\"「『]([^”\"」』]+)[”\"」』]")


@dataclass(frozen=True)
class Described:
    """What an exhibit's own description and file say about it."""

    category: str
    text: str
    dates: frozenset  # (year or None, month, day)
    amounts: frozenset  # Decimal
    taken: date | None  # the day the picture was taken (EXIF), when the file says
    loss_evidence: bool  # the file a claimed loss names as its evidence
    audio: bool = False  # a recording: it shows a call, not a chat

    def names_dates(self) -> bool:
        return bool(self.dates)

    def names_day(self, day: date) -> bool:
        return any(m == day.month and d == day.day and y in (None, day.year) for y, m, d in self.dates)

    def fits_day(self, day: date) -> bool:
        """Its own dates do not exclude `day`: it names that day or no day, and was not taken before it."""
        if self.taken is not None and self.taken < day:
            return False  # a screenshot cannot show what happened after it was taken
        return not self.dates or self.names_day(day)

    def fits_amounts(self, amounts) -> bool:
        """It names no amount, or one of these."""
        return not self.amounts or any(Decimal(str(a)) in self.amounts for a in amounts)


def describe(entry: EvidenceItem, exhibit, case: Case) -> Described:
    """Read an evidence entry's description for the dates and amounts it names."""
    text = entry.description
    return Described(
        category=entry.category,
        text=text,
        dates=frozenset(_dates(text)),
        amounts=frozenset(_amounts(text)),
        taken=exhibit.date,
        loss_evidence=_file(entry.file) in loss_files(case),
        audio=exhibit.kind == "audio",
    )


def _dates(text: str) -> set:
    found: set[tuple[int | None, int, int]] = set()
    rest = text
    for m in _FULL_DATE.finditer(text):
        found.add((int(m[1]), int(m[2]), int(m[3])))
        rest = rest.replace(m[0], " ")
    found |= {(None, int(m[1]), int(m[2])) for m in _MONTH_DAY.finditer(rest)}
    return {d for d in found if 1 <= d[1] <= 12 and 1 <= d[2] <= 31}


def _amounts(text: str) -> set:
    out = set()
    for m in _AMOUNT.finditer(text):
        try:
            out.add(Decimal(m[1] or m[2]))
        except InvalidOperation:
            continue
    return out


def _file(path: str) -> str:
    return path.replace("\\", "/").removeprefix("./")


def loss_files(case: Case) -> set[str]:
    """The evidence files the claimed losses name: each shows its loss, not the order."""
    return {_file(item.evidence) for item in case.claims.losses if item.evidence}


# --- one test per kind of fact a filing cites an exhibit for ---------------------------


def shows_order_payment(d: Described, order: Order) -> bool:
    """A bill shows the order's payment: not a loss's bill, and its own amounts and dates fit the order's."""
    return (
        d.category == "transaction"
        and not d.loss_evidence
        and d.fits_amounts([order.price])
        and d.fits_day(day_of(order.paid_at))
    )


def shows_debits(d: Described, charges: Sequence[Charge]) -> bool:
    """A bill shows the renewal debits: not a loss's bill, naming one of their amounts and days if any."""
    if d.category != "transaction" or d.loss_evidence or not charges:
        return False
    if not d.fits_amounts([c.amount for c in charges]):
        return False
    return not d.dates or any(d.names_day(day_of(c.date)) for c in charges)


def shows_contact(d: Described, contact: Contact, contacts: Sequence[Contact]) -> bool:
    """A chat or call shows one contact: it names the contact's day, or was taken that day, or — naming no day —
    it names the way of that contact and of no other (“支付宝投诉记录” for 支付宝投诉商家) but the same way on other
    days (“和QQ客服的聊天记录” for each day the QQ service was written to: one chat), or it quotes words only that
    contact's record holds, or it names the shop and the shop was reached one way only (“跟店家的聊天记录” for each
    contact through 店铺客服), or it names the seller's side and the seller's side was written to one way only (“和客服
    的聊天记录” for each day of 在线客服), or the case has that one contact only (then nothing else can be what it
    records)."""
    if d.category != "communication":
        return False
    if d.audio != is_call(contact):
        return False  # a recording shows a call, a screenshot a chat
    day = day_of(contact.date)
    if not d.fits_day(day):
        return False
    if d.names_dates() or d.taken == day:
        return True
    if names_method(d, contact):  # unless it names another way too, or the same way of other days: one chat
        named = [c for c in contacts if c is not contact and names_method(d, c)]
        return all(same_way(c.method, contact.method) for c in named)
    if any(quotes_record(d, c) for c in contacts):  # “有‘你爸自己没看清楚’”: words only that contact's record holds
        return quotes_record(d, contact) and not any(quotes_record(d, c) for c in contacts if c is not contact)
    if _names_shop(d.text) and _names_shop(contact.method):  # “跟店家的聊天记录” and the shop's one way of contact
        return all(c.method == contact.method for c in contacts if c is not contact and _names_shop(c.method))
    if any(names_method(d, c) for c in contacts):  # the record of another way (“支付宝投诉记录”)
        return False
    if _names_seller_side(d.text) and contact.party == "platform" and not is_call(contact):
        # “和客服的聊天记录” and the seller's side written to one way only (在线客服 each day): that one chat
        return all(same_way(c.method, contact.method) for c in contacts if c.party == "platform" and not is_call(c))
    return len(contacts) == 1


def same_way(one: str, other: str) -> bool:
    """Two contacts' methods name one way of contact: the same words, or one within the other (微信, 微信聊天)."""
    return one in other or other in one


def _names_seller_side(text: str) -> bool:
    """The text names the seller's side (客服, 卖家: phrases.yaml markers.seller_side)."""
    return bool(re.search(say("markers.seller_side"), text))


def _names_shop(text: str) -> bool:
    """The text names the shop's side (店家, 店铺客服: phrases.yaml markers.shop_side)."""
    return bool(re.search(say("markers.shop_side"), text))


# What a description quotes (“…” or ‘…’), at least this long to tell one record from another.
_QUOTED = re.compile(r"[“‘]([^“”‘’]{4,})[”’]")


def quotes_record(d: Described, contact: Contact) -> bool:
    """The description quotes words the contact's record holds (the seller's reply the screenshot shows)."""
    return any(q in contact.summary for q in _QUOTED.findall(d.text))


def is_call(contact: Contact) -> bool:
    return bool(exhibit_words()["call"].search(contact.method))


def names_method(d: Described, contact: Contact) -> bool:
    """The description names the contact's way (its method) in _METHOD_CHARS characters in a row or more, or whole
    when it is shorter (旺旺)."""
    method, text = contact.method, d.text
    n = _METHOD_CHARS
    if 2 <= len(method) < n:
        return method in text
    return any(method[i : i + n] in text for i in range(len(method) - n + 1))


def shows_cancellation(d: Described, asked_on: date) -> bool:
    """An exhibit shows the request to stop renewing: a chat that names that day or says it is that request, or a
    screenshot or page whose description says it shows the renewal cancelled (“APP显示‘已取消自动续费’”) and whose
    own dates do not exclude that day."""
    if d.category == "transaction" or not d.fits_day(asked_on):
        return False
    if d.category != "communication":
        return shows_cancelled(d)
    words = exhibit_words()["cancellation_request"]
    return d.names_day(asked_on) or d.taken == asked_on or bool(words.search(d.text))


def shows_cancelled(d: Described) -> bool:
    """A screenshot or page described as showing the renewal cancelled."""
    return d.category != "communication" and bool(exhibit_words()["cancelled"].search(d.text))


def shows_promise(d: Described, promises: Sequence[Promise]) -> bool:
    """A page shows a promise when its description quotes it."""
    if d.category != "advertisement":
        return False
    text = _QUOTE_MARKS.sub("", d.text)
    return any(_QUOTE_MARKS.sub("", p.text) in text for p in promises)


def shows_advertised(d: Described, advertised: str) -> bool:
    """A page shows the seller's advertising when its description says it is the product page or ad, or quotes
    words of it (a phrase of two characters or more); a page described only by something else on it (an order form,
    a ticked box) does not."""
    if d.category != "advertisement":
        return False
    # a quotation cut with “…” shows the advertising too: any of its pieces is the advertising's own words
    return bool(exhibit_words()["advertising"].search(d.text)) or any(part_of(q, advertised) for q in quoted(d.text))


def quotes_advertised(d: Described, advertised: str) -> bool:
    """The description quotes the advertising word for word (spaces and punctuation aside): the page then proves the
    user's quotation itself, not only that there was an advertisement."""
    wanted = _QUOTE_MARKS.sub("", advertised)
    return d.category == "advertisement" and any(_QUOTE_MARKS.sub("", q) == wanted for q in _QUOTED.findall(d.text))


def quoted(text: str) -> list[str]:
    """The words a description quotes (“…”): what the user says the page shows, in their order."""
    return [q.strip() for q in _QUOTED.findall(text) if q.strip()]


def part_of(words: str, advertised: str) -> bool:
    """Quoted words are of this advertising: one of their phrases (between spaces or punctuation), two characters or
    more, is in it — the page then shows the advertising's own words, not something else on it."""
    wanted = _QUOTE_MARKS.sub("", advertised)
    return any(len(phrase) >= 2 and phrase in wanted for phrase in _QUOTE_MARKS.split(words))


def goes_beyond(advertised: str, shown: list[str]) -> bool:
    """The user's advertising says more than the words the pages show (spaces and punctuation aside)."""
    rest = _QUOTE_MARKS.sub("", advertised)
    for words in shown:
        rest = rest.replace(_QUOTE_MARKS.sub("", words), "")
    return bool(rest)


def shows_refund(d: Described, amount) -> bool:
    """A bill of the part the seller paid back: a transaction described as a refund, naming no other amount."""
    return d.category == "transaction" and bool(exhibit_words()["refund"].search(d.text)) and d.fits_amounts([amount])


def is_bill(d: Described) -> bool:
    """A bill, payment or transfer record (rules.yaml exhibit_words' bill): filed as a transaction, it shows what
    was paid; a transaction screenshot that is none (an order page showing 待发货) shows what it describes."""
    return d.category == "transaction" and bool(exhibit_words()["bill"].search(d.text))


def is_page(d: Described) -> bool:
    """A product or order page: what it can show is what the seller put on it."""
    return d.category == "advertisement"


def shows_renewal(d: Described) -> bool:
    """A page or screenshot about the renewal (rules.yaml exhibit_words' renewal): a bill shows a debit, a chat what
    was said — each cited for that."""
    return d.category in ("advertisement", "rights_anomaly", "other") and bool(
        exhibit_words()["renewal"].search(d.text)
    )


def shows_default_checked(d: Described) -> bool:
    """A page shows the renewal ticked in advance when its description says so."""
    return d.category == "advertisement" and bool(exhibit_words()["default_checked"].search(d.text))


def shown(d: Described) -> str:
    """The description as what the exhibit shows: without the words at its end that name the kind of file."""
    # “X的截图，Y” keeps its two clauses apart (X，Y); “会员中心截图，只显示…” reads on (会员中心只显示…)
    text = exhibit_words()["picture"].sub(
        lambda m: "，" if m[0].startswith("的") and m.end() < len(d.text) else "", d.text
    )
    return text.strip().strip("，") or d.text


def shows_what_arrived(d: Described) -> bool:
    """A screenshot of the membership as credited (a member centre, a redemption refused) shows what arrived; a
    product page or a bill shows what was sold and paid, a chat what was said, a settings page showing the renewal
    cancelled that cancellation."""
    if d.category != "rights_anomaly" or shows_cancelled(d):
        return False
    return not (shows_reviews(d) or shows_site_gone(d) or shows_registry(d))  # others' words, the seller gone, who


def shows_site_gone(d: Described) -> bool:
    """A screenshot of the seller's site or app no longer opening (rules.yaml exhibit_words' site_gone)."""
    return bool(exhibit_words()["site_gone"].search(d.text))


def shows_registry(d: Described) -> bool:
    """A business registry's record (国家企业信用信息公示系统, 营业执照: rules.yaml exhibit_words' registry): it
    shows who the operator is and where, whatever category the user filed it under."""
    return bool(exhibit_words()["registry"].search(d.text))


def shows_reviews(d: Described) -> bool:
    """Other buyers' reviews (“评价区别的买家的差评截图”, rules.yaml exhibit_words' reviews): what they said of the
    shop, never what arrived for this buyer."""
    return bool(exhibit_words()["reviews"].search(d.text))
