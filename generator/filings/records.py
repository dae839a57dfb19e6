"""How a contact is told: the user's record quoted as theirs, and its result only as what happened.

Used by the filings' narrative, the summary's timeline and the plan's steps done alike, so that all three say
a contact the same way (the plan sits below the narrative and may not import it).
"""

from __future__ import annotations

from generator import vocabulary as V
from generator.case.model import Contact, Payment
from generator.filings.analyse import merchant_complaint
from generator.filings.phrases import say
from generator.law import provisions as law

CONTACT_RESULTS = V.names(V.CONTACT_RESULTS)


def nest(text: str) -> str:
    """Quotes inside a quotation: the user's “…” become ‘…’, as Chinese usage nests them."""
    return text.replace("“", "‘").replace("”", "’")


def quote(text: str) -> str:
    """The user's words as a quotation: “…”, with their own quotes nested as ‘…’."""
    return f"“{nest(text.strip())}”"


def merchant_word(payment: Payment) -> str:
    """Who answers a payment complaint: the merchant, or the person paid through a personal code."""
    return say("who.payee" if payment.payee_kind == "personal" else "who.merchant")


def contact_outcome(contact: Contact, who: str | None = None) -> str:
    """The contact's result as what happened, `who` its subject (`商户拒绝`) — or nothing when the result would
    deny the user's own record (“已提交，尚未收到答复” for “民警让我去派出所做笔录”): the record then tells it.
    Without `who`, the subject is whom the contact reached: 对方 only for the other side (V.OTHER_SIDE_PARTIES)."""
    if law.contact_said().contradicts(contact.result, contact.summary):
        return ""
    # the results' word for whoever answered (markers.other_side) gives way to who did
    return CONTACT_RESULTS[contact.result].replace(say("markers.other_side"), who or reached(contact))


def reached(contact: Contact) -> str:
    """Who answered in a contact: the other side (对方), or the regulator, court, police, association or public."""
    if contact.party in V.OTHER_SIDE_PARTIES:
        return say("markers.other_side")
    return V.names(V.CONTACT_PARTIES)[contact.party]


def outcome_untold(contact: Contact) -> bool:
    """The user's record does not already say the result in its own words."""
    return not law.contact_said().tells_result(contact.result, contact.summary)


def told_more(contact: Contact) -> bool:
    """The user's record says more than the coded result: the other side's answer, or an outcome no code names."""
    said = law.contact_said()
    return contact.result == "partial" or said.tells_answer(contact.summary) or not contact_outcome(contact)


def reported_outcome(contact: Contact, payment: Payment, me: str) -> str:
    """How a contact ended, in a list of what was done (the summary's timeline, the plan's steps done): the result
    as an event, with the user's own record beside it when it says more — the record alone where no code names
    the outcome (an offer) or the code would deny it. A complaint through the channel was the merchant's to answer."""
    who = merchant_word(payment) if merchant_complaint(contact) else reached(contact)
    outcome = contact_outcome(contact, who) if contact.result != "partial" else ""
    if told_more(contact):
        record = say("contacts.timeline_record", me=me, record=quote(contact.summary))
        outcome = f"{outcome}（{record}）" if outcome else record
    return outcome


def complaint_via(contact: Contact, payment: Payment) -> str:
    """`通过微信支付` before a complaint to the merchant, unless its method already names the channel."""
    term = next(t for t in V.CHANNELS if t.code == payment.channel)
    if any(word and word in contact.method for word in (term.name, *term.aliases)):
        return ""
    return say("contacts.via", channel=term.name)
