"""What a payment channel is told, in the user's first person: what was advertised, what happened instead and
each contact with the seller's side, dated — the user's words quoted, each statement on its own, never a
problem-type label nor a bare “已联系商家未解决”.

The same facts go to WeChat Pay's and Alipay's 300-character boxes, to Alipay's customer service, to the issuing
bank's agent and to the app a person was paid through; where a box cannot hold them whole, the quotations are cut
evenly (the short ones stay whole) and, below rules.yaml's `payment_statement.min_quote_chars`, the least needed
one is left out instead of cutting every quotation down to a few characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.case.model import Contact
from generator.cnformat import CLAUSE_ENDS, clauses, cn_date
from generator.filings.analyse import (
    FAILED_RESULTS,
    Analysis,
    came_instead,
    clauses_saying,
    confirmed_cancellation,
    merchant_complaint,
    reaches_platform_itself,
    representative_relation,
    told_by_representative,
)
from generator.filings.narrative import (  # no advertising against a renewal or a silence
    NO_FAILURE,
    advertising_exhibits,
    advertising_verbatim,
    sells_itself,
)
from generator.filings.records import added_outcome, party_of, quote, reports_speech, told_way, without_writer_aside
from generator.law import provisions as law
from generator.phrases import say

# What the user tells of the problems: an account, or its short form, what came instead.
ACCOUNT_KINDS = ("account", "delivered")


@dataclass(frozen=True)
class Told:
    """One statement the channel is told: the advertising, one problem's account, a contact with the seller's side
    or the complaint already made through the channel; `words` are the user's own, quoted in it."""

    kind: str  # "advertised", "account" (or "delivered", its short form), "contact" or "complaint"
    words: str
    contact: Contact | None = None
    whom: str = ""  # whom a contact reached when not the merchant (平台介入); who advertised (平台, 卖家)
    teller: str = ""  # an account the representative wrote (told_by_representative): who told it, before the quote
    recorder: str = ""  # a record the representative wrote: whose it is (`丈夫的记录`), else the user's
    decisive: bool = False  # a contact the claim rests on (the seller confirming the renewal cancelled): kept longest
    # an account's shorter form, the user's own words for what came instead (its problem's `delivered`): told in
    # its place when the box cannot hold the accounts whole, rather than cutting what arrived out of them
    delivered: str = ""
    # the advertising in the user's words where no exhibit shows them word for word: told as the user's account of it
    as_told: bool = False


def public_teller(case, text: str) -> str:
    """`家属所述` (`儿子所述` with the relation given) before an account the representative wrote, where the text is in
    the complainant's own voice and names no one (the paste texts, the public post); else nothing."""
    if case.representative is None or not told_by_representative(case, text):
        return ""
    return say("who.public_teller", relation=representative_relation(case))


def contact_maker(case, contact: Contact) -> str:
    """`家属` (`儿子` with the relation given) where the representative made the contact themselves (“电话（我打的客服
    电话）”: markers.writer_aside in a case file the representative wrote), for a text in the complainant's voice;
    else nothing (the complainant made it)."""
    agent = case.representative
    if agent is None or without_writer_aside(contact.method) == contact.method:
        return ""
    if not told_by_representative(case, contact.method):
        return ""
    return representative_relation(case)


def _recorder(case, contact: Contact) -> str:
    """Whose record a contact's summary is, for a text in the complainant's voice: the representative's relation
    (`丈夫`) where they wrote the case file or made the contact, else nothing (the complainant's own)."""
    made_by = contact_maker(case, contact)
    if made_by:
        return made_by
    return representative_relation(case) if public_teller(case, contact.summary) else ""


def failed_complaint(analysis: Analysis) -> Contact | None:
    """The last complaint through the payment channel that the merchant refused, left unanswered or only partly
    met (the merchant answered it, not the channel), or None."""
    failed = [c for c in analysis.case.contacts if merchant_complaint(c) and c.result in FAILED_RESULTS]
    return max(failed, key=lambda c: c.date) if failed else None


def told_items(analysis: Analysis) -> list[Told]:
    """The statements, in reading order: the advertising (only against a problem about what arrived), the accounts
    (less those the dated contacts already tell: rules.yaml payment_statement.told_by_contacts), the contacts."""
    case = analysis.case
    platform_itself = say("who.platform", platform=case.platform.name) if case.platform.seller else ""
    confirmed = confirmed_cancellation(case)
    contacts = [
        Told(
            "contact",
            _confirming_words(c) if c is confirmed else c.summary,
            c,
            platform_itself if reaches_platform_itself(c, case.platform) else "",
            teller=contact_maker(case, c),
            recorder=_recorder(case, c),
            decisive=c is confirmed,
        )
        for c in case.contacts
        if party_of(c) == "platform" and c.result != "resolved"
    ]
    complaint = failed_complaint(analysis)
    if complaint is not None:
        contacts.append(Told("complaint", complaint.summary, complaint, recorder=_recorder(case, complaint)))
    # a report to the police already made: the channel's fraud desk asks for it (not advice that helps the seller:
    # rules.yaml contact_said.left_out, as in the letter)
    said = law.contact_said()
    reports = [c for c in case.contacts if c.party == "police" and said.tells(c, case.contacts, "payment_dispute")]
    contacts += [
        Told("police", c.summary, c, teller=contact_maker(case, c), recorder=_recorder(case, c)) for c in reports
    ]
    items = []
    if case.order.advertised and any(p.type not in NO_FAILURE for p in case.problems):
        advertiser = say("paste.advertisers." + ("platform" if sells_itself(case) else "seller"))
        verbatim = advertising_verbatim(analysis, advertising_exhibits(analysis))
        items.append(Told("advertised", case.order.advertised, whom=advertiser, as_told=not verbatim))
    told_elsewhere = law.payment_statement().told_by_contacts if contacts else ()
    items += [
        Told(
            "account", _bare(p.description), teller=public_teller(case, p.description), delivered=came_instead(p) or ""
        )
        for p in case.problems
        if p.type not in told_elsewhere
    ]
    return items + sorted(contacts, key=_day)


_DECISIVE = ("seller_confirmed_cancellation", "seller_reviewing_refund")
# A record that is one report of speech: who spoke, the words quoted, what follows the quotation.
_SPEECH = re.compile(r"^(?P<head>[^“”]*“)(?P<words>[^“”]*)(?P<tail>”[^“”]*)$")


def _confirming_words(contact: Contact) -> str:
    """Of the record in which the seller confirmed the renewal cancelled, the clauses that say so (“客服说‘已经帮您
    取消了，退款需要审核’”): the fact the later debits are disputed on, before what else the user wrote that day.
    Where the record is one quotation, its own clauses before the first that says so are left out, marked “…”
    (“客服说“…已经帮您重新关闭了，这笔会给您退””), so that a box that must cut it keeps what it rests on."""
    said = clauses_saying(contact.summary, *_DECISIVE)
    if not said:
        return contact.summary
    if len(said) == 1 and (speech := _SPEECH.match(said[0])):
        inner = clauses(speech["words"])
        first = next((i for i, c in enumerate(inner) if clauses_saying(c, *_DECISIVE)), 0)
        if first:
            return speech["head"] + "…" + "".join(inner[first:]) + speech["tail"]
    return "，".join(said)


def _day(told: Told):
    assert told.contact is not None
    return told.contact.date


def told_text(items: list[Told], merchant: str, room: int | None = None) -> str:
    """The statements within `room` characters (no limit without one): whole while they fit, then every quotation
    cut to one even length, then — when that length would fall below the minimum — the least needed statement
    left out and the rest fitted again; nothing when not even one fits."""
    items = list(items)
    shortest = law.payment_statement().min_quote_chars
    if room is not None and len(_assemble(items, [quote(t.words) for t in items], merchant)) > room:
        # what arrived, whole, and each record from the other side's words, before any account is cut
        items = [_from_their_words(_as_delivered(t)) for t in items]
    while items:
        whole = [quote(t.words) for t in items]
        text = _assemble(items, whole, merchant)
        if room is None or len(text) <= room:
            return text
        # the advertising is cut first, to an even share of the box (what arrived and what the other side said are
        # what the channel decides on), but never below it: it is the claim the rest is measured against
        bare = _assemble(items, [""] * len(items), merchant)
        share = max(shortest, _even_cap([len(q) for q in whole], room - len(bare)))
        fixed = {i: fit_quote(t.words, share) for i, t in enumerate(items) if t.kind == "advertised"}
        rest = [len(q) for i, q in enumerate(whole) if i not in fixed]
        frame = _assemble(items, [fixed.get(i, "") for i in range(len(items))], merchant)
        cap = _even_cap(rest, room - len(frame))
        if cap >= shortest:
            return _fitted(items, merchant, room, cap, max(rest, default=0), fixed)
        items.remove(_least_needed(items))
    return ""


def _from_their_words(told: Told) -> Told:
    """A contact's record from the clause that quotes the other side (“…客服回“亲，这边给您补发”，让我等一下”), marked
    “…” where the user's own clauses before it are left out: a cut at the end would keep the user's words and lose
    theirs, which is what the channel needs to see. As it is when it quotes no one or starts with the quotation."""
    if told.kind != "contact" or told.decisive:
        return told
    opened = told.words.find("“")
    if opened <= 0:
        return told
    start = max(told.words.rfind(mark, 0, opened) for mark in CLAUSE_ENDS) + 1
    if start <= 0:
        return told
    return replace(told, words="…" + told.words[start:].lstrip())


def _as_delivered(told: Told) -> Told:
    """An account told by what came instead (“到账的是“7天体验会员””), where the user gave it; else as it is."""
    if told.kind != "account" or not told.delivered:
        return told
    return Told("delivered", _bare(told.delivered), teller=told.teller)


def _fitted(items: list[Told], merchant: str, room: int, cap: int, longest: int, fixed: dict[int, str]) -> str:
    """The statements with every quotation but the `fixed` ones cut to the longest even length that still fits
    `room`: the cuts fall at sentence ends (fit_quote), which leaves room the even length `cap` did not count on."""

    def cut_to(length: int) -> list[str]:
        return [fixed[i] if i in fixed else fit_quote(t.words, length) for i, t in enumerate(items)]

    best = _assemble(items, cut_to(cap), merchant)
    for wider in range(cap + 1, longest + 1):
        text = _assemble(items, cut_to(wider), merchant)
        if len(text) <= room:
            best = text
    return best


def _assemble(items: list[Told], quotes: list[str], merchant: str) -> str:
    """The statements with their quotations:
    `商品宣传：“…”。实际情况：“…”；“…”。2026年…我通过…联系商家，我的记录：“…”。`"""
    accounts = [
        t.teller + (say("paste.delivered", delivered=q) if t.kind == "delivered" else q)
        for t, q in zip(items, quotes, strict=True)
        if t.kind in ACCOUNT_KINDS
    ]
    advertised = any(t.kind == "advertised" for t in items)
    out, accounts_told = [], False
    for t, q in zip(items, quotes, strict=True):
        if t.kind == "advertised":
            if reports_speech(t.words):  # what someone said, as the user reports it: no 卖家宣称
                out.append(say("paste.advertised_reported", advertised=q))
            elif t.as_told:
                out.append(say("paste.advertised_told", advertised=q, seller=t.whom))
            else:
                out.append(say("paste.advertised", me=say("paste.first_person"), advertised=q, seller=t.whom))
        elif t.kind in ACCOUNT_KINDS and not accounts_told:
            out.append(say("paste.arrived" if advertised else "paste.happened", accounts="；".join(accounts)))
            accounts_told = True
        elif t.kind == "police" and t.contact is not None:
            who = t.teller or say("paste.me")
            record = say("paste.earlier_record", who=t.recorder or who, record=q)
            out.append(say("paste.police_reported", date=cn_date(t.contact.date), who=who, record=record))
        elif t.kind in ("contact", "complaint") and t.contact is not None:
            out.append(_contact(t, q, merchant))
    return "".join(out)


def _contact(told: Told, record: str, merchant: str) -> str:
    """One contact, dated, the user's record quoted; its result added only where the record does not tell it."""
    c = told.contact
    assert c is not None
    outcome = added_outcome(c, say("paste.platform_itself") if told.whom else merchant)  # 平台拒绝, not 商家
    who = told.teller or say("paste.me")  # the representative who made the call, else the user
    way = without_writer_aside(c.method)
    values = {
        "date": cn_date(c.date),
        "method": way,
        "record": "，" + say("paste.earlier_record", who=told.recorder or who, record=record),
        "outcome": f"，{outcome}" if outcome else "",
    }
    if told.kind == "complaint":  # made through the channel: the merchant answered it, not the channel
        return say("paste.earlier_complaint", **values)
    return told_way("paste.seller_contact", way, merchant=told.whom or merchant, who=who, **values)


def _least_needed(items: list[Told]) -> Told:
    """What goes first when the box is too small: a contact left unanswered (it tells only a silence), then the
    earliest other contact with the seller (the latest shows where it stands; the one the claim rests on and the
    complaint made through the channel stay longest), a further account, the advertising, then the last contact;
    the first account goes last."""
    sellers = [t for t in items if t.kind == "contact"]
    dated = sellers + [t for t in items if t.kind in ("complaint", "police")]
    accounts = [t for t in items if t.kind in ACCOUNT_KINDS]
    advertised = [t for t in items if t.kind == "advertised"]
    if len(dated) > 1:
        silent = [t for t in sellers if t.contact is not None and t.contact.result == "no_reply"]
        return (silent or [t for t in sellers if not t.decisive] or dated)[0]
    if len(accounts) > 1:
        return accounts[-1]
    return (advertised or dated or accounts)[0]


def _even_cap(lengths: list[int], left: int) -> int:
    """The largest length every quotation may keep so that all of them fit in `left` characters (the shorter ones
    whole); 0 when nothing fits."""
    low, high = 0, max(lengths, default=0)
    while low < high:
        mid = (low + high + 1) // 2
        if sum(min(n, mid) for n in lengths) <= left:
            low = mid
        else:
            high = mid - 1
    return low


def fit_quote(text: str, room: int) -> str:
    """The user's words quoted, cut with “…” inside the quotes to fit `room` characters; nothing without room."""
    whole = quote(text)
    if len(whole) <= room:
        return whole
    if room <= len("“…’”") + 1:
        return ""
    cut = fit_sentences(whole[1:-1], room - 2)
    if cut.count("‘") > cut.count("’"):  # the cut fell inside a quotation of theirs: close it
        cut = fit_sentences(whole[1:-1], room - 3)
        cut += "’" if cut.count("‘") > cut.count("’") else ""  # one character less may fall before it opened
    return f"“{cut}”"


def fit(text: str, room: int) -> str:
    """Text cut to `room` characters with an ellipsis, or nothing when there is no room."""
    if len(text) <= room:
        return text
    return text[: room - 1] + "…" if room > 1 else ""


# Where a cut may fall: after a sentence's end, else at a clause's end (the comma itself left out).
_SENTENCE_ENDS = "。！？；!?;"
_CLAUSE_ENDS = "，、：,:"


def fit_sentences(text: str, room: int) -> str:
    """Text cut to `room` characters with an ellipsis, the cut after the last sentence that fits whole — else at the
    last clause that does, else where the room ends; nothing when there is no room. A reader then gets whole
    sentences of the user's, not half a one."""
    if len(text) <= room:
        return text
    if room <= 1:
        return ""
    head = text[: room - 1]
    sentence_end = max(head.rfind(mark) for mark in _SENTENCE_ENDS)
    if sentence_end > 0:
        return head[: sentence_end + 1] + "…"
    clause_end = max(head.rfind(mark) for mark in _CLAUSE_ENDS)
    if clause_end > 0:
        return head[:clause_end] + "…"
    return head + "…"


def _bare(text: str) -> str:
    """An account quoted among others: without its own final full stop (the statement's punctuation follows)."""
    return text.strip().rstrip("。")
