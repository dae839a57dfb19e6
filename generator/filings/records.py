"""How a contact is told: the user's record quoted as theirs, and its result only as what happened.

Used by the filings' narrative, the summary's timeline and the plan's steps done alike, so that all three say
a contact the same way (the plan sits below the narrative and may not import it).
"""

from __future__ import annotations

import re
from dataclasses import replace

from generator import vocabulary as V
from generator.case.model import Case, Contact, Payment
from generator.cnformat import CLAUSE_ENDS, clauses, nest
from generator.filings.analyse import merchant_complaint, reaches_seller, worded_facts
from generator.law import provisions as law
from generator.law.deadlines import accepted_day
from generator.phrases import FIELDS, PAYMENT_APPS, say
from generator.printable import clean_text

CONTACT_RESULTS = V.names(V.CONTACT_RESULTS)
CHANNEL_NAMES = V.names(V.CHANNELS)


def way_of(key: str, method: str) -> str:
    """The phrase that tells a contact made this way: `key`, written for a way named by a noun (通过微信私聊与卖家
    沟通), or its `_verb` form when the user wrote the way as a verb phrase (去派出所: markers.verb_method), which
    keeps the user's words in brackets after whom they reached (联系公安机关（去派出所）) — or, for a call made to a
    party the filing names (打客服电话), its `_call` form: the filer's own 致电平台客服 (told_way supplies {desk});
    for a call that party made (电话（店铺客服打过来的）: markers.incoming_call), its `_incoming` form."""
    named = "unnamed" not in key
    if named and re.search(say("markers.incoming_call"), method):  # they called: 店铺客服致电申请人
        return f"{key}_incoming"
    if not re.match(say("markers.verb_method"), method.strip()):
        return key
    return f"{key}_call" if is_call(method) and named else f"{key}_verb"


def body_act(contact: Contact) -> str | None:
    """A contact with a body taking complaints (COMPLAINT_BODIES), told as what was done: “complained” for a
    complaint submitted (markers.complaint), “accepted” when the body accepted it, “ended” when its mediation ended
    (markers.mediation_ended), “mediated” when the way or the record names a mediation (markers.mediation);
    None for any other contact."""
    if contact.party not in V.COMPLAINT_BODIES:
        return None
    told = contact.method + contact.summary
    if contact.result == "submitted":
        return "complained" if re.search(say("markers.complaint"), told) else None
    if contact.result == "accepted":
        # accepted on a later day the record names: told as the complaint made that day, accepted on the later one
        return "accepted_later" if accepted_day(contact) != contact.date else "accepted"
    if re.search(say("markers.mediation_ended"), told):
        return "ended"
    if re.search(say("markers.mediation"), told):
        return "mediated"
    return None


def unbracketed(method: str) -> str:
    """A way of contact put in brackets by the sentence, its own brackets made a colon (“到派出所报案（平江派出所）” →
    “到派出所报案：平江派出所”): no bracket inside a bracket."""
    return re.sub(r"[（(]([^（）()]+)[）)]\s*$", r"：\1", method.strip())


def complaint_way(method: str) -> str:
    """The way a complaint was made, without the “投诉” that the sentence saying it was a complaint already has
    (“全国12315平台网上投诉” → “全国12315平台”, so never “通过…网上投诉向…投诉”)."""
    return re.sub(say("markers.complaint_way_suffix"), "", method) or method


def told_by_act(act: str | None, contact: Contact, contacts) -> bool:
    """The body's act already says how the contact ended: an acceptance, a mediation ended, a complaint that a
    later contact followed (its “已提交” is the act itself)."""
    return act in ("accepted", "accepted_later", "ended") or (act == "complained" and answered_later(contact, contacts))


def is_call(method: str) -> bool:
    """The contact was a telephone call, as the user wrote its way (rules.yaml exhibit_words' call)."""
    return bool(law.exhibit_words()["call"].search(method))


def without_writer_aside(method: str) -> str:
    """A contact's way without the writer's bracketed aside about doing it themselves (“电话（我打的客服电话）” →
    “电话”, markers.writer_aside): whose the contact was is the filing's to say."""
    return re.sub(say("markers.writer_aside"), "", method).strip() or method


def told_way(key: str, way: str, **values) -> str:
    """A contact's phrase for the way it was made (`way`, the contact's method; way_of), with the desk called
    (“客服”, markers.call_desk) when the user's way names it: 致电平台客服, not 联系平台（打客服电话）."""
    whom = "party" if "party" in values else "merchant"
    party = str(values.get(whom, ""))
    if party and party in way and f"{key}_unnamed" in FIELDS:  # 微信私聊卖家: the way already names whom
        key = f"{key}_unnamed"
        values.pop(whom)
    phrase = way_of(key, way)
    values.pop("method", None)
    if phrase.endswith(("_call", "_incoming")):  # the filer's own words for the call: the user's way is not repeated
        desk = re.search(say("markers.call_desk"), way)
        return say(phrase, desk=desk[0] if desk else "", **values)
    return say(phrase, method=way, **values)


def reports_speech(advertised: str) -> bool:
    """The user wrote the advertising as what someone told them (“群主说是官方…”), not as the seller's words."""
    return bool(re.match(say("markers.reported_speech"), advertised.strip()))


def payment_app(case: Case) -> str:
    """The app a payment by `other` means went through, as the case's own words name it (“QQ转账记录” → QQ钱包
    （财付通）: rules.yaml words paid_via_<app>, phrases.yaml payment_apps); nothing when they name none."""
    if case.payment.channel != "other":
        return ""
    facts = worded_facts(case)
    return next((say(f"payment_apps.{app}") for app in PAYMENT_APPS if f"paid_via_{app}" in facts), "")


def channel_name(case: Case) -> str:
    """How the filings name the channel paid through: the app the user's words name, else the channel's name."""
    return payment_app(case) or CHANNEL_NAMES[case.payment.channel]


def payment_recipient(case: Case) -> str:
    """Whom the payment dispute is addressed to: the issuing bank, the app the user's words name, or the channel."""
    pay = case.payment
    if pay.channel == "bank_card":
        return pay.bank or ""
    return payment_app(case) or say(f"recipients.{pay.channel}")


def quote(text: str) -> str:
    """The user's words as a quotation: “…”, with their own quotes nested as ‘…’; words that are one quotation
    already (“只能退30”) stay as they are, never “‘只能退30’”."""
    text = text.strip()
    if re.fullmatch(r"“[^“”]*”", clean_text(text).strip()):  # as it will print: a character XML drops is no word
        return text
    return f"“{nest(text)}”"


def merchant_word(payment: Payment) -> str:
    """Who answers a payment complaint: the merchant, or the person paid through a personal code."""
    return say("who.payee" if payment.payee_kind == "personal" else "who.merchant")


def answered_later(contact: Contact, contacts) -> bool:
    """A contact recorded as submitted that a later one with the same party followed: its “尚未收到答复” no longer
    holds, it is only 已提交."""
    return contact.result == "submitted" and any(o.party == contact.party and o.date > contact.date for o in contacts)


def replied_later(contact: Contact, contacts) -> bool:
    """A contact recorded as unanswered whose next contact with the same party is the answer (a request by e-mail on
    7月31日, the reply “已为您关闭” on 8月1日): its “对方未答复” would deny that reply."""
    if contact.result != "no_reply":
        return False
    later = sorted((o for o in contacts if o.party == contact.party and o.date > contact.date), key=lambda o: o.date)
    return bool(later) and later[0].result not in ("no_reply", "submitted")


def contact_outcome(contact: Contact, who: str | None = None, contacts=()) -> str:
    """The contact's result as what happened, `who` its subject (`商户拒绝`) — or nothing when the result would
    deny the user's own record (“已提交，尚未收到答复” for “民警让我去派出所做笔录”): the record then tells it.
    Without `who`, the subject is whom the contact reached: 对方 only for the other side (V.OTHER_SIDE_PARTIES)."""
    if law.contact_said().contradicts(contact.result, contact.summary):
        return ""
    if party_of(contact) == "other" and contact.result not in ("submitted", "accepted"):
        return ""  # no one the case names answered (a registry looked up, “已解决”): the record alone tells it
    if answered_later(contact, contacts):
        return say("contacts.submitted_answered_later")
    if replied_later(contact, contacts):
        return ""
    # the results' word for whoever answered (markers.other_side) gives way to who did
    return CONTACT_RESULTS[contact.result].replace(say("markers.other_side"), reached(contact) if who is None else who)


def reached(contact: Contact) -> str:
    """Who answered in a contact: the other side (对方), or the regulator, court, police, association or public;
    no one named for a contact with someone else the case does not name (`拒绝`, not `有关机构拒绝`)."""
    party = party_of(contact)
    if party == "other":
        return ""
    return say("markers.other_side") if party in V.OTHER_SIDE_PARTIES else V.names(V.CONTACT_PARTIES)[party]


def party_of(contact: Contact) -> str:
    """Whom a contact reached, as the filings tell it: a contact `with: other` whose method names the seller, or
    whose record opens with them (“QQ私聊群主”, “群主说…”: rules.yaml contact_said.seller), reached the seller's
    side, as `with: platform` does; anyone else stays `other`, named by the method only."""
    return "platform" if reaches_seller(contact) else contact.party


def added_outcome(contact: Contact, who: str | None = None, contacts=()) -> str:
    """The coded result said after the user's record — only where the record tells neither the other side's
    answer nor the result itself (“客服说已经帮我取消了” is no “对方表示会处理”, “只愿意补偿5元” no “对方拒绝”):
    what the record says is what happened; the code stands in only for a record that does not say it, or says
    how the matter stands (已受理) where the answer recorded does not (rules.yaml contact_said.states)."""
    if not law.contact_said().said_beside(contact.result, contact.summary):
        return ""
    return contact_outcome(contact, who, contacts)


def reported_outcome(contact: Contact, payment: Payment, me: str, contacts=()) -> str:
    """How a contact ended, in a list of what was done (the summary's timeline, the plan's steps done): the user's
    own record where it tells the other side's answer or no code names the outcome (an offer), or the code would
    deny it (a state such as 已受理 stays before it); else the coded result as an event. A complaint through the
    channel was the merchant's to answer."""
    who = merchant_word(payment) if merchant_complaint(contact) else reached(contact)
    record = say("contacts.timeline_record", me=me, record=quote(contact.summary))
    said = law.contact_said()
    if contact.result == "partial" or said.tells_answer(contact.summary):
        state = contact_outcome(contact, who, contacts) if contact.result in said.states else ""
        return f"{state}（{record}）" if state else record
    return contact_outcome(contact, who, contacts) or record


def complaint_via(contact: Contact, payment: Payment) -> str:
    """`通过微信支付` before a complaint to the merchant, unless its method already names the channel."""
    term = next(t for t in V.CHANNELS if t.code == payment.channel)
    if any(word and word in contact.method for word in (term.name, *term.aliases)):
        return ""
    return say("contacts.via", channel=term.name)


# A parenthetical aside in the user's text: full-width （…） or ASCII (...), not nested.
_ASIDE = re.compile(r"（[^（）]*）|\([^()]*\)")


def own_notes_in(text: str) -> list[str]:
    """The notes to self about the evidence in the user's text (“（没录音，也没给我发短信）”, or a short clause
    “没录音”: rules.yaml own_notes), as written."""
    notes = law.own_notes()
    asides = [m.group(0) for m in _ASIDE.finditer(text) if notes.search(m.group(0))]
    rest = _ASIDE.sub("", text)  # an aside standing as its own clause is told once, as the aside
    return asides + [p.rstrip(CLAUSE_ENDS).strip() for p in clauses(rest) if _note_clause(p, notes)]


def without_own_notes(text: str) -> str:
    """The user's text as the filings quote it: each note to self about the evidence left out — an aside, or a
    short clause of its own (“…已经给您取消了’，没录音”) — marked “……” so the quotation stays an honest excerpt
    (the summary keeps it whole, for the lawyer)."""
    notes = law.own_notes()
    omitted = say("statements.omitted")
    text = _ASIDE.sub(lambda m: omitted if notes.search(m.group(0)) else m.group(0), text)
    parts = clauses(text)
    kept = [omitted if _note_clause(p, notes) else p for p in parts]
    return "".join(kept) if kept != parts else text


# A clause short enough to be only a note to self (“没录音”, “我当时没截图也没录音”), not a sentence that says more.
_NOTE_CLAUSE_MAX = 12


def _note_clause(clause: str, notes) -> bool:
    body = clause.rstrip(CLAUSE_ENDS).strip()
    return 0 < len(body) <= _NOTE_CLAUSE_MAX and bool(notes.search(body)) and not re.search("[“‘「『]", body)


def as_filed(case: Case) -> Case:
    """The case as every filing to the other side, a channel, a regulator or the public quotes it: the contacts'
    records, the problems' accounts and the exhibits' descriptions without the user's notes to self
    (without_own_notes)."""
    contacts = tuple(replace(c, summary=without_own_notes(c.summary)) for c in case.contacts)
    problems = tuple(
        replace(
            p,
            description=without_own_notes(p.description),
            delivered=without_own_notes(p.delivered) if p.delivered else p.delivered,
        )
        for p in case.problems
    )
    evidence = tuple(replace(e, description=without_own_notes(e.description)) for e in case.evidence)
    return replace(case, contacts=contacts, problems=problems, evidence=evidence)


def left_out_notes(case: Case) -> list[str]:
    """The notes to self the filings leave out of the user's records and accounts, each once, in reading order."""
    texts = [p.description for p in case.problems] + [p.delivered or "" for p in case.problems]
    texts += [c.summary for c in sorted(case.contacts, key=lambda c: c.date)]
    texts += [e.description for e in case.evidence]
    return list(dict.fromkeys(note for text in texts for note in own_notes_in(text)))
