"""What each filing contains: one context per filing, built from the analysis.

A context is plain data (strings, lists, dicts) that the filing's Word template
and its paste-ready text template lay out. The order of the keys follows the
order of the document.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from generator.case.model import Case, Contact, Seller, day_of
from generator.cnformat import chinese_count, clauses, cn_dates
from generator.filings import exhibit_match, individual, later_filings, privacy
from generator.filings.analyse import (
    Analysis,
    admissions,
    admitted_words,
    cancel_act,
    debits_after_cancellation,
    extra_as_request,
    extra_only_requests,
    extra_says_more,
    extra_told,
    further_requests,
    told_extra,
)
from generator.filings.individual import bare_name
from generator.filings.narrative import (
    CONTACT_PARTIES,
    NO_FAILURE,
    PROBLEM_LABELS,
    ROLES,
    Writer,
    added_outcome,
    cn_date,
    complaint_via,
    contact_party,
    exhibit_span,
    label_span,
    listed_items,
    merchant_complaint,
    order_number,
    order_ref,
    own_advertising,
    pay_mode,
    quote,
    roles,
    see,
    sentence,
    version_label,
)
from generator.filings.parties import (
    ascertain_request,
    bought_at,
    images,
    person_lines,
    platform_lines,
    problem_summary,
    refund_verb,
    respondent_lines,
    respondent_named,
    shop_of,
    title_of,
    tried_clause,
    where_bought,
)
from generator.filings.payment_statement import (
    failed_complaint,
    fit,
    fit_sentences,
    public_teller,
    told_items,
    told_text,
)
from generator.filings.plan import paid_in_miniprogram, submit_path_key, takes_extra_requests
from generator.filings.records import (
    as_filed,
    body_act,
    channel_name,
    complaint_way,
    merchant_word,
    party_of,
    payment_app,
    payment_recipient,
    told_way,
    without_writer_aside,
)
from generator.law import channels
from generator.law import provisions as law
from generator.law.deadlines import PENDING_RESULTS, accepted_day
from generator.law.deadlines import pending_complaint as pending_contact
from generator.law.money import rmb, yuan
from generator.law.provisions import brief_citation
from generator.phrases import say, title
from generator.vocabulary import ANNEXED, FILING_KINDS

KINDS = FILING_KINDS
ANNEX = "legal_basis"  # one annex with the full texts of every paragraph the filings cite


def build_contexts(analysis: Analysis, kinds=KINDS) -> dict:
    """The context of every requested filing, by kind: each quotes the user's words without their notes to self
    about the evidence (records.as_filed), which only the summary keeps."""
    analysis = filed(analysis)
    writer = Writer(analysis)
    # a later filing the case cannot support yet (a complaint without a defendant) is not drafted
    return {
        kind: listed_exhibits(analysis, BUILDERS[kind](analysis, writer))
        for kind in kinds
        if later_filings.applies(kind, analysis)
    }


def filed(analysis: Analysis) -> Analysis:
    """The analysis as the filings see it: the same facts, amounts and exhibits, the case and the exhibits'
    descriptions quoted as filed."""
    case = as_filed(analysis.case)
    exhibits = tuple(replace(e, description=case.evidence[e.index].description) for e in analysis.exhibits)
    return replace(analysis, valid=replace(analysis.valid, case=case), exhibits=exhibits)


# --- parts shared by the formal filings ----------------------------------------------


def _exhibit_rows(analysis: Analysis) -> list[dict]:
    """The evidence list of a letter: what each exhibit is and proves; hashes stay in the summary."""
    return [
        {
            "label": e.label,
            "description": e.description,
            "proves": exhibit_proves(analysis, e),
            "name": e.name,
            "date": cn_date(e.date) if e.date else "—",
        }
        for e in analysis.exhibits
    ]


def exhibit_proves(analysis: Analysis, exhibit) -> str:
    """What an exhibit proves: the topics its `about` names, else the facts its own description and date match
    (exhibit_match); matching none, what its own description says it holds — never a problem's label, which is
    the conclusion the filings argue, not what a page shows."""
    case = analysis.case
    entry = case.evidence[exhibit.index]
    about = entry.about
    described = exhibit_match.describe(entry, exhibit, case)
    loss = described.loss_evidence
    if not about:
        if loss:  # the bill of a loss (claims.losses[].evidence) shows that spending, not the order
            return say("proves.loss_bill")
        if exhibit_match.shows_registry(described):  # filed as a bill or a page, it shows who the operator is
            return say("proves.registry")
        shown = matched_topics(analysis, described)
        own = [say("exhibit_proves.own", description=entry.description)]
        return say("proves.topics", topics="、".join(shown or own))
    by_day = {str(c.date): c for c in case.contacts}
    parts = [say("proves.loss")] if loss else []
    chat_topics = chat_problem_topics(described, about, by_day)
    days = [by_day[str(t)] for t in about if str(t) in by_day]
    for topic in about:
        if str(topic) in by_day:
            if by_day[str(topic)] is days[0]:  # the contacts it is about, together at the first
                parts += contact_topics(analysis, days)
        elif str(topic) in chat_topics:
            continue
        else:
            parts.append(about_label(analysis, str(topic), described))
    if chat_topics and not any(str(t) in by_day for t in about):
        parts.append(say("proves.chat", topics="、".join(chat_topics.values())))
    return say("proves.topics", topics="、".join(dict.fromkeys(parts)))


# The acts of a body taking complaints that its message proves as such (“12315短信”: the complaint accepted, the
# mediation ended), rather than as “that day's exchange”.
PROVED_ACTS = ("accepted", "accepted_later", "ended")


def _plain_contact(analysis: Analysis, contact) -> bool:
    """A contact whose record proves only that day's exchange: no admission in it, no act of a body."""
    return body_act(contact) not in PROVED_ACTS and not any(c is contact for c, _ in admissions(analysis.case))


def contact_topics(analysis: Analysis, shown: list) -> list[str]:
    """What the records of the contacts an exhibit shows prove: each admission or act of a body on its own, the
    exchanges it merely shows named together (“9月16日、10月16日的沟通情况”), at the first of them."""
    plain = [c for c in shown if _plain_contact(analysis, c)]
    out = []
    for contact in shown:
        if contact not in plain:
            out.append(contact_topic(analysis, contact))
        elif contact is plain[0]:
            out.append(say("proves.contact", date=cn_dates(c.date for c in plain)))
    return out


def contact_topic(analysis: Analysis, contact) -> str:
    """What the record of one contact proves: that day's exchange, and the seller's admission when it was one."""
    said = next((said for c, said in admissions(analysis.case) if c is contact), None)
    day = cn_date(accepted_day(contact))  # an acceptance is proved on the day it was made, not submitted
    act = body_act(contact)
    if said is None:
        return say(f"proves.contact_{act}" if act in PROVED_ACTS else "proves.contact", date=day)
    words = admitted_words(said)
    if not words:
        return say("proves.contact_admitted", date=day)
    return say("proves.contact_admitted_as_said", date=day, party=_admitting_party(analysis, contact), admitted=words)


def _admitting_party(analysis: Analysis, contact) -> str:
    """Who admitted, by name where the filings name it: the shop, the platform selling itself, else the seller."""
    party = contact_party(contact, analysis.case.platform)
    if party == CONTACT_PARTIES["platform"]:
        return say("who.platform", platform=analysis.case.platform.name)
    return party or say("who.seller")


def chat_problem_topics(described, about, by_day) -> dict[str, str]:
    """The problems a chat is `about`, by what was discussed (“就到账的会员权益沟通的情况”), never by the problem's
    label, which is the conclusion the filings argue; a chat also tied to a dated contact is cited as that contact."""
    if described.category != "communication":
        return {}
    return {str(t): say(f"proves.chat_topics.{t}") for t in about if str(t) in PROBLEM_LABELS}


def matched_topics(analysis: Analysis, described) -> list[str]:
    """What an exhibit without `about` is matched to by its own description and date, as the filings cite it."""
    case = analysis.case
    order, contacts = case.order, case.contacts
    topics = contact_topics(analysis, [c for c in contacts if exhibit_match.shows_contact(described, c, contacts)])
    if exhibit_match.shows_order_payment(described, order):
        topics.append(say("proves.about.payment"))
    renewal = analysis.problem("auto_renewal")
    if renewal and exhibit_match.shows_debits(described, renewal.charges):
        topics.append(PROBLEM_LABELS["auto_renewal"])
    if renewal and renewal.cancel_requested_at is not None:
        asked_on = renewal.cancel_requested_at
        if exhibit_match.shows_cancellation(described, day_of(asked_on)):
            topics.append(cancellation_topic(described, asked_on))
    if renewal and exhibit_match.shows_default_checked(described):
        topics.append(say("exhibit_proves.default_checked"))
    if exhibit_match.shows_advertised(described, order.advertised):
        topics.append(say("proves.order.advertisement"))
    if order.promises and exhibit_match.shows_promise(described, order.promises):
        topics.append(say("proves.about.promises"))
    if exhibit_match.shows_what_arrived(described) and any(p.type not in NO_FAILURE for p in case.problems):
        topics.append(delivered_topic(described))
    if exhibit_match.shows_site_gone(described):  # the seller's site gone: what the picture shows, as it says
        topics.append(say("exhibit_proves.site_gone", shown=exhibit_match.shown(described)))
    if renewal and not topics and exhibit_match.shows_renewal(described):  # cited with the account of the renewal
        topics.append(say("exhibit_proves.renewal", shown=exhibit_match.shown(described)))
    return list(dict.fromkeys(topics))


def cancellation_topic(described, asked_on) -> str:
    """A screenshot shows the renewal cancelled; a chat, the request to cancel it."""
    key = "cancelled" if exhibit_match.shows_cancelled(described) else "cancellation_request"
    return say(f"exhibit_proves.{key}", date=cn_date(asked_on))


def delivered_topic(described) -> str:
    """What a screenshot of the membership as credited shows: what its description says, not a problem's label."""
    return say("exhibit_proves.delivered", shown=exhibit_match.shown(described))


# What an `about` topic that is not a problem type or a date stands for (phrases.yaml's proves.about); the order is
# what an exhibit of its kind can show of it (a bill its payment, a product page its advertising — never a bill the
# advertising: proves.order).
ABOUT_TOPICS = ("payment", "promises")
ORDER_SHOWN = ("transaction", "advertisement")


def order_shown(category: str) -> str:
    """What of the order an exhibit of this category shows ("" for a category that shows none of it)."""
    return say(f"proves.order.{category}") if category in ORDER_SHOWN else ""


def about_label(analysis: Analysis, topic: str, described) -> str:
    """What an exhibit about `topic` is said to prove: of a problem, what an exhibit of its kind can show of it —
    a bill the payment or the debits, a page the advertising or the box ticked in advance, a screenshot of the
    membership what arrived (a chat is told by what was discussed: chat_problem_topics)."""
    category = described.category
    if topic == "order":
        return order_shown(category) or say("proves.order.other")
    if topic in ABOUT_TOPICS:
        return say(f"proves.about.{topic}")
    if topic not in PROBLEM_LABELS:
        return topic
    if topic == "auto_renewal":
        return _renewal_shown(analysis, described) or PROBLEM_LABELS[topic]
    if exhibit_match.shows_reviews(described):  # what other buyers said, never what arrived here
        return say("exhibit_proves.reviews", shown=exhibit_match.shown(described))
    if category == "rights_anomaly" or (category == "transaction" and not exhibit_match.is_bill(described)):
        return delivered_topic(described)  # a screenshot of the membership, or of the order's status (待发货)
    return order_shown(category) or PROBLEM_LABELS[topic]


def _renewal_shown(analysis: Analysis, described) -> str:
    """What a page or screenshot about the renewal shows of it (a bill shows the debits: the label says that)."""
    if described.category == "transaction":
        return ""
    renewal = analysis.problem("auto_renewal")
    asked_on = renewal.cancel_requested_at if renewal else None
    if asked_on is not None and exhibit_match.shows_cancelled(described):
        return cancellation_topic(described, asked_on)
    if exhibit_match.shows_default_checked(described):
        return say("exhibit_proves.default_checked")
    return order_shown(described.category)


# The filings that name the site's operator as the other party to a third one (a regulator, a mediator, a court, the
# police): the record that shows who it is is cited for it.
NAMES_RESPONDENT = ("complaint_12315", "mediation_request", "court_complaint", "report_12315", "police_report")


def _facts(writer: Writer, kind: str, me: str, them: str, debits_listed: bool = False) -> list[str]:
    """The paragraphs of 基本事实: the order, each problem, the contacts."""
    facts = [writer.order_sentence(me, them, kind)]  # an official price compared: the summary's, not the other side's
    operator = writer.operator_sentence() if kind in NAMES_RESPONDENT else ""
    if operator:
        facts.append(operator)
    facts += writer.problem_sentences(me, debits_listed, kind)
    contacts = writer.contacts_paragraph(me, kind)
    if contacts:
        facts.append(contacts)
    return facts


def statement_of_facts(analysis: Analysis) -> list[str]:
    """The facts as the 12315 complaint states them (投诉人, 被投诉人), for the summary."""
    return _facts(Writer(analysis), "case_summary", *ROLES["complaint_12315"])


def _common(analysis: Analysis, writer: Writer, kind: str) -> dict:
    me, them = roles(kind, analysis.case.platform, analysis.case.payment)
    reasons, cited = writer.arguments(kind, me, them)
    facts = _facts(writer, kind, me, them, debits_listed=kind == "payment_dispute")  # its 争议交易信息 lists them
    return {
        "kind": kind,
        "title": title_of(kind, analysis),
        "facts": facts,
        "reasons": reasons,
        "exhibits": _exhibit_rows(analysis),
        "attachments": _attachments(analysis, cited, kind),
        "signer_role": me,
        "signer": analysis.case.complainant.name,
        "date": cn_date(analysis.filing_date),
        "case_id": analysis.case.case_id,
        "cited": cited,
        "guidance": [],  # how to submit, reminders: printed in the summary, never in the filing
        "warnings": [],  # what a paste text had to shorten
    }


def _attachments(analysis: Analysis, cited: list, kind: str) -> list[str]:
    """附件: the annex with the full texts of the provisions the letter cites (the evidence list is put first once
    the filing's text is written: listed_exhibits)."""
    out = []
    if cited and kind in ANNEXED:  # the police report states facts and attaches no law
        supplement = kind == "complaint_12315" and pending_complaint(analysis) is not None  # names itself so
        what = say("attachments.this_supplement") if supplement else say(f"attachments.this_filing.{kind}")
        out.append(say("attachments.annex", annex=title(ANNEX), what=what))
    return out


# What of a filing's context is not its own text: its evidence list and pictures, its attachments, the law it cites
# as data, and what goes to the summary (guidance, warnings).
NOT_TEXT = frozenset({"exhibits", "images", "attachments", "cited", "guidance", "warnings"})


def listed_exhibits(analysis: Analysis, ctx: dict) -> dict:
    """A filing lists the exhibits its own text refers to (“见证据N”), by their numbers in the case (which name the
    evidence files, so one filing's numbers may skip): an exhibit that proves only facts the filing leaves out is
    not sent with it. The evidence list, the pictures and the 附件 line say the same."""
    if "exhibits" not in ctx:
        return ctx
    text = "\n".join(_strings({k: v for k, v in ctx.items() if k not in NOT_TEXT}))
    referred = [e for e in analysis.exhibits if re.search(re.escape(e.label) + r"(?!\d)", text)]
    labels = {e.label for e in referred}
    ctx["exhibits"] = [row for row in ctx["exhibits"] if row["label"] in labels]
    if "images" in ctx:
        ctx["images"] = [image for image in ctx["images"] if image["label"] in labels]
    if referred:
        ctx["attachments"] = [say("attachments.exhibits", labels=exhibit_span(referred)), *ctx["attachments"]]
    return ctx


def _strings(value) -> list[str]:
    """Every string in a context value, however nested."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def fact_on(key: str, analysis: Analysis):
    """A channel fact in the version in force on the filing date (the current one if none was yet)."""
    return channels.fact_in_force(key, analysis.filing_date) or channels.fact(key)


def _bare_date(deadline) -> str:
    """The date of a deadline (2026年12月3日), for sentences that supply their own wording."""
    return cn_date(deadline.due) if deadline and deadline.due else ""


# --- the four filings -----------------------------------------------------------------


def _reply_date(analysis: Analysis) -> str:
    """`（如于…收到，即…24时前）`: the hours run from receipt; the date is what they come to when the request is
    received on the day it is dated (empty without a reply deadline). The letter and the chat messages say the same."""
    reply = analysis.deadline("platform_reply")
    if not reply or not reply.due_text:
        return ""
    return say("requests.platform_reply_date", filed=cn_date(analysis.filing_date), due=reply.due_text)


def _platform_refund_request(analysis: Analysis, writer: Writer) -> dict:
    ctx = _common(analysis, writer, "platform_refund_request")
    case = analysis.case
    hours = fact_on("platform.reply_hours", analysis).number
    shop = shop_of(case)
    if shop:
        requests = _marketplace_requests(analysis, writer)
        if platform_pays(analysis):  # its duty to pay back what it collected is its own, argued last
            ctx["reasons"].append(say("reasons.platform_payee", see=see(writer.payment_exhibits())))
    else:
        requests = writer.money_requests(refund_verb(analysis))
        requests += writer.other_requests("platform_refund_request")
    requests.append(say("requests.platform_reply", hours=hours, same_day=_reply_date(analysis)))
    ctx.update(
        {
            "parties": (
                person_lines(
                    case,
                    ROLES["platform_refund_request"][0],
                    with_id=False,
                    agent=True,
                    home=not individual.is_individual(case),  # sent to a person in a chat: no home address
                )
                + platform_lines(case, say("parties.refund_respondent_role"), online=False)
                + (_shop_line(shop) if shop else [])
            ),
            "salutation": say(
                "salutations.platform_refund_request", platform=individual.addressed(case, with_accounts=False)
            ),
            # what went wrong is told as facts below; the opening only says what is asked
            "intro": (
                say("intros.marketplace_refund_request", shop=quote(shop.name), product=case.order.product)
                if shop
                else say(
                    "intros.platform_refund_request"
                    if writer.addressee == ROLES["platform_refund_request"][1]
                    else "intros.individual_refund_request",
                    addressee=writer.addressee,
                    product=case.order.product,
                )
            ),
            "requests": requests,
            "images": images(analysis),
        }
    )
    chat_only = no_order_page(analysis)
    ctx["guidance"] = [fact_on("seller.chat_request" if chat_only else submit_path_key(analysis.case), analysis).text]
    ctx["paste"] = _seller_paste(analysis, ctx) if chat_only else _platform_paste(analysis, ctx)
    return ctx


def no_order_page(analysis: Analysis) -> bool:
    """No order page to ask a refund on (plan.yaml's `no_order_page`: an individual seller, or a transfer to a
    personal code with no order number): the request goes to the seller in the chat, not into a refund box."""
    from generator.filings.plan import plan_facts

    return "no_order_page" in plan_facts(analysis.case, analysis.facts)


def _shop_line(shop: Seller) -> list[str]:
    if shop.address:
        return [say("parties.shop_in_letter_at", shop=shop.name, address=shop.address)]
    return [say("parties.shop_in_letter", shop=shop.name)]


def _marketplace_requests(analysis: Analysis, writer: Writer) -> list[str]:
    """平台介入: the platform is asked to act on its shop's sale — urge the shop to pay, disclose who runs it,
    and, where the platform itself collected the price, pay back what it holds."""
    subject = say("subjects.marketplace")  # the intro asked the platform to intervene with its shop
    requests = writer.money_requests(refund_verb(analysis, subject), subject=subject)
    requests += writer.other_requests("platform_refund_request", subject=subject)
    requests.append(say("requests.marketplace_disclose"))
    if platform_pays(analysis):  # the facts name the payee; the request says what follows
        requests.append(say("requests.marketplace_platform_pays", amount=rmb(_owed(analysis))))
    return requests


def platform_pays(analysis: Analysis) -> bool:
    """A marketplace shop sold, the platform operator itself collected the price (payment.payee), and something of
    it is owed: the platform is asked, and argued, to pay it back itself."""
    return "platform_payee" in analysis.facts and bool(_owed(analysis))


def _payment_dispute(analysis: Analysis, writer: Writer) -> dict:
    ctx = _common(analysis, writer, "payment_dispute")
    case, pay = analysis.case, analysis.case.payment
    channel = pay.channel
    payee = say("transaction.payee", payee=pay.payee) if pay.payee else ""
    merchant = say("transaction.merchant", number=pay.merchant_order_id) if pay.merchant_order_id else ""
    number = order_number(case.order)
    transaction = [
        say(
            "transaction.channel",
            channel=channel_name(case),
            bank=f"（{pay.bank}）" if pay.bank else "",
            payee=payee,
        ),
    ]
    if number or not case.order.id_is_transaction:  # a transfer's own number is listed once, as the transaction's
        transaction.append(
            say("transaction.order", order=number, merchant=merchant) if number else say("orders.none") + merchant
        )
    transaction += debit_lines(analysis)  # every debit with its own number, date and amount
    recipient = payment_recipient(case)
    disputed = analysis.amounts.disputed
    if "personal_payee" in analysis.facts:
        return _personal_transfer_report(analysis, writer, ctx, transaction, recipient)
    if not disputed:  # nothing left to pay back: the channel is asked to pass the complaint on, not to refund
        requests = [say("requests.payment_complaint_only", recipient=recipient)]
    else:
        numbers = {id(d): n for n, d in enumerate(analysis.amounts.debits, 1)}  # as listed under 交易1, 交易2 …
        ask = _earlier_complaint_ask(analysis, writer, channel) or _channel_ask(channel)
        requests = [
            say(
                "requests.payment_refund",
                recipient=recipient,
                ask=ask,
                debits=_debit_asks(disputed, numbers),
            )
        ]
        if channel == "bank_card":  # the issuer may set a shorter window than the card network's
            requests[0] += fact_on("card.ask_promptly", analysis).text + "。"
        if len(disputed) > 1:
            requests.append(say("requests.payment_total", amount=rmb(sum((d.asked for d in disputed), Decimal("0")))))
    requests += writer.other_requests("payment_dispute", subject=say("subjects.payment_dispute"))
    texts = _debit_statements(analysis, channel)
    ctx.update(
        {
            "parties": person_lines(case, ROLES["payment_dispute"][0], with_id=False, agent=True),
            "transaction": transaction,
            "salutation": say("salutations.payment_dispute", recipient=recipient),
            "intro": say(
                "intros.payment_dispute",
                channel=channel_name(case),
                platform=case.platform.name,
                tried=tried_clause(analysis, "payment_dispute"),
            ),
            "requests": requests,
            "short_text": (texts[0] if texts else short_payment_statement(analysis)) if channel == "wechat" else "",
            # each further debit is disputed from its own bill entry, with its own text
            "debit_texts": [
                {"text": t, "transaction_id": d.transaction_id, "asked": yuan(d.asked)}
                for t, d in zip(texts[1:], disputed[1:])
            ],
        }
    )
    ctx["guidance"] = _payment_submit(analysis)
    ctx["paste"] = _payment_paste(analysis, ctx)
    return ctx


def _debit_statements(analysis: Analysis, channel: str) -> list[str]:
    """One complaint text per disputed debit where the channel opens a complaint on each transaction (微信支付's
    bill entry, 支付宝's “投诉商家”); a bank card's one statement lists every debit (payment_channels.bank_card)."""
    if channel == "wechat":
        return [short_payment_statement(analysis, d) for d in analysis.amounts.disputed]
    if channel == "alipay":
        limit = fact_on("alipay.complaint_text_max_chars", analysis).number
        reviewed = reviewed_debit(analysis)
        return [
            short_payment_statement(analysis, d, limit=10**6, review=True)
            if d == reviewed
            else short_payment_statement(analysis, d, limit=limit)
            for d in analysis.amounts.disputed
        ]
    return []


def reviewed_debit(analysis: Analysis):
    """The debit whose 支付宝“投诉商家” the merchant already refused (or left unanswered) and the channel closed: it
    is put to Alipay's customer service for review, not complained of again; None when no such complaint."""
    from generator.filings.plan import assisted_debit

    if analysis.case.payment.channel != "alipay" or failed_complaint(analysis) is None:
        return None
    return assisted_debit(analysis.case)


def _personal_transfer_report(analysis: Analysis, writer: Writer, ctx: dict, transaction: list, recipient: str) -> dict:
    """A transfer to a person's collection code, reported to the payment app's own dispute channel.

    No merchant complaint, no merchant deadline, no chargeback: the channel is asked to check the
    account paid and to help recover the money (payment.personal_code in channels.yaml).
    """
    case, pay = analysis.case, analysis.case.payment
    payee = individual.payee_quoted(pay.payee, ROLES["payment_dispute"][0]) if pay.payee else say("pay_mode.unnamed")
    numbers = {id(d): n for n, d in enumerate(analysis.amounts.debits, 1)}
    asked = "；".join(
        say("transaction.transfer_ask", n=numbers[id(d)], asked=yuan(d.asked)) for d in analysis.amounts.disputed
    )
    requests = [
        say("requests.personal_transfer_debits", recipient=recipient, payee=payee, debits=asked)
        if asked
        else say("requests.personal_transfer", recipient=recipient, payee=payee)
    ]
    requests += writer.other_requests("payment_dispute", subject="")
    seller = (
        individual.seller_described(case)
        if individual.is_individual(case)
        else say("who.platform", platform=case.platform.name)
    )
    ctx.update(
        {
            "parties": person_lines(case, ROLES["payment_dispute"][0], with_id=False, agent=True),
            "transaction": transaction,
            "salutation": say("salutations.payment_dispute", recipient=recipient),
            "intro": say(
                "intros.payment_dispute_personal",
                seller=seller,
                product=case.order.product,
                channel=channel_name(case),
                paid=say(f"pay_mode.intro.{pay_mode(analysis.facts)}", payee=payee),
                tried=tried_clause(analysis, "payment_dispute_personal"),
            ),
            "requests": requests,
            "short_text": "",  # the paste text is a report under its own label, not the merchant-complaint box
            "debit_texts": [],
        }
    )
    found = channels.route(pay.channel)
    ctx["guidance"] = [fact_on("payment.personal_code", analysis).text] + [
        _guidance_text(fact_on(k, analysis)) for k in found.personal_facts
    ]
    app = payment_app(case)  # the app the user's words name is the one told, not “付款应用或银行”
    label = say("paste.labels.personal_app", app=app) if app else found.personal_label
    ctx["paste"] = [{"label": label, "text": personal_transfer_statement(analysis), "limit": None}]
    return ctx


def _guidance_text(fact) -> str:
    """A channel fact as advice: an unconfirmed one says so."""
    return fact.text if fact.confirmed else say("guidance.unconfirmed", text=fact.text)


def personal_transfer_statement(analysis: Analysis) -> str:
    """What is said to the payment app about a transfer to a person: who was paid, when, how much, what happened."""
    case, pay = analysis.case, analysis.case.payment
    order = case.order
    payee = individual.payee_quoted(pay.payee) if pay.payee else ""
    payee = say("paste.transfer_payee", payee=payee) if payee else say("pay_mode.unnamed")
    number = say("transaction.number", number=pay.transaction_id) if pay.transaction_id else ""
    return say(
        "paste.transfer",
        paid=cn_date(order.paid_at),
        how=say(f"pay_mode.statement.{pay_mode(analysis.facts)}", payee=payee, price=yuan(order.price)),
        number=number,
        product=order.product,
        # a transfer record's number written as the order's too is said once, as the transaction's
        order="" if order.id_is_transaction else "，" + order_ref(order),  # a transfer's number is said once, below
        detail=told_text(told_items(analysis), say("who.seller")),
        recover=_recover_ask(analysis),
    )


def _recover_ask(analysis: Analysis) -> str:
    """What the payment app is asked to help recover: the transfer itself, or each later debit disputed (a renewal's
    first payment is not in dispute: the app is told which numbers to trace)."""
    disputed = analysis.amounts.disputed
    if not any(d.kind == "renewal" for d in disputed):
        return say("paste.recover")
    debits = "、".join(
        say(
            "paste.recover_debit",
            date=cn_date(d.date),
            name=say(f"debit_names.{d.kind}"),
            asked=yuan(d.asked),
            number=say("paste.recover_number", number=d.transaction_id) if d.transaction_id else "",
        )
        for d in disputed
    )
    total = say("paste.recover_total", amount=yuan(sum(d.asked for d in disputed))) if len(disputed) > 1 else ""
    return say("paste.recover_debits", debits=debits + total)


def _channel_ask(channel: str) -> str:
    return say("payment_ask.bank_card" if channel == "bank_card" else "payment_ask.other")


def _complaint_how(contact, merchant: str) -> str:
    """How the earlier complaint was made and, where the user's record does not already tell it, how it ended
    (the result with the merchant as its subject). The record itself is quoted once, in the facts."""
    outcome = added_outcome(contact, merchant)
    return say("payment_ask.how", method=contact.method, outcome=outcome) if outcome else contact.method


def _earlier_complaint_ask(analysis: Analysis, writer: Writer, channel: str) -> str:
    """After a complaint through the channel that the merchant refused or left unanswered: ask the channel to
    step into that complaint (WeChat Pay's 申请平台协助, wechat.platform_assist) or to review it — not to open
    one as if none had been made. Empty when no such complaint is recorded."""
    last = failed_complaint(analysis)
    if last is None:
        return ""
    merchant = writer.merchant_word()
    me = ROLES["payment_dispute"][0]
    assist = channel == "wechat" and fact_on("wechat.platform_assist", analysis).confirmed
    return say(
        "payment_ask.assist" if assist else "payment_ask.review",
        me=me,
        date=cn_date(last.date),
        merchant=merchant,
        how=_complaint_how(last, merchant),
    )


def _annex_subtitle(order) -> str:
    """Which case the annex belongs to: by its order number, a transfer's own number, or the product."""
    number = order_number(order)
    if number:
        return say("annex.subtitle_order", order=number)
    if order.id_is_transaction:
        return say("annex.subtitle_transaction", number=order.id)
    return say("annex.subtitle_product", product=order.product)


def _debit_name(debit) -> str:
    return say("debit_names.order" if debit.kind == "order" else "debit_names.renewal")


def debit_lines(analysis: Analysis) -> list[str]:
    """Every payment made: number, date, amount, and what is disputed in it."""
    out = []
    for i, d in enumerate(analysis.amounts.debits, 1):
        number = say("transaction.number", number=d.transaction_id) if d.transaction_id else ""
        asked = say("transaction.disputed", amount=yuan(d.asked)) if d.asked else say("transaction.undisputed")
        out.append(
            say(
                "transaction.debit",
                n=i,
                name=_debit_name(d),
                number=number,
                date=cn_date(d.date),
                paid=yuan(d.paid),
                asked=asked,
            )
        )
    return out


def _debit_asks(disputed, numbers: dict[int, int]) -> str:
    """`交易2退还25.00元；交易3退还30.00元`: each debit by its number in the list of transactions above, and what it
    gives back; debits asking the same amount together, `交易2至交易4各退还29.00元`."""
    if len(disputed) > 1 and len({d.asked for d in disputed}) == 1:
        labels = label_span((numbers[id(d)], say("transaction.label", n=numbers[id(d)])) for d in disputed)
        return say("transaction.ask_each", transactions=labels, asked=yuan(disputed[0].asked))
    return "；".join(say("transaction.ask", n=numbers[id(d)], asked=yuan(d.asked)) for d in disputed)


def _payment_submit(analysis: Analysis) -> list[str]:
    """Where and how to submit, from the channel facts; windows only where confirmed."""
    from generator.filings.plan import debit_name

    pay = analysis.case.payment
    keys = channels.route(pay.channel, pay.card_network).submit
    reviewed = reviewed_debit(analysis)
    if reviewed is not None and all(d == reviewed for d in analysis.amounts.disputed):
        keys = ()  # the one transaction's complaint was closed: it is reviewed, not filed again
    out = [fact_on(k, analysis).text for k in keys]
    if reviewed is not None:
        out.append(say("guidance.alipay_review", debit=debit_name(reviewed)))
    if paid_in_miniprogram(analysis.case):
        out.append(fact_on("wechat.miniprogram_complaint", analysis).text)
    out += _assist_or_new(analysis)
    windows = [d for d in analysis.deadlines if d.kind in channels.WINDOW_KINDS]
    for d in windows:  # the date only: what is unconfirmed about a window is told in the summary
        out.append(f"{d.label}：{d.due_text}。")
    return out


def _assist_or_new(analysis: Analysis) -> list[str]:
    """After a refused WeChat Pay complaint: platform help for its transaction, a new complaint for each other.

    The plan's step says the same (data/plan.yaml, wechat_platform_assist*); here each text file is
    matched to its transaction, in the order `debit_texts` writes them.
    """
    from generator.filings.plan import assisted_debit, assisted_debit_text, debit_name, holds, plan_facts, plan_rules
    from generator.vocabulary import FILE_STEMS

    facts = plan_facts(analysis.case, analysis.facts)
    assist = [s for s in plan_rules()["steps"] if s["id"].startswith("wechat_platform_assist")]
    assisted = assisted_debit(analysis.case)
    if assisted is None or not any(holds(s["when"], facts) for s in assist):
        return []
    stem = FILE_STEMS["payment_dispute"]
    named = [(d, f"{stem}.txt" if n == 1 else f"{stem}_{n}.txt") for n, d in enumerate(analysis.amounts.disputed, 1)]
    out = [
        say(
            "guidance.wechat_assist",
            debit=assisted_debit_text(analysis.case),
            file=next(name for d, name in named if d == assisted),
        )
    ]
    others = [say("guidance.wechat_assist_other", debit=debit_name(d), file=name) for d, name in named if d != assisted]
    if others:
        out.append(say("guidance.wechat_assist_others", each="；".join(others)))
    return out


def short_payment_statement(analysis: Analysis, debit=None, limit: int | None = None, review: bool = False) -> str:
    """A self-contained statement about one transaction that fits the WeChat Pay or Alipay box.

    It names the order, the transaction and its amount, tells what was advertised, what happened and each contact
    with the seller's side in the user's words (payment_statement.told_text), and asks for at most what was paid
    in that transaction (a channel reverses payments, it pays no compensation). With `review`, it is said to the
    channel's customer service about the complaint already made and closed: it asks for that complaint's review,
    not for a new one.
    """
    # one character is kept back for the text file's final newline, so the whole file fits the box
    limit = limit or channels.fact("wechat.complaint_text_limit").number - 1
    case = analysis.case
    order = case.order
    debit = debit or next(iter(analysis.amounts.disputed), analysis.amounts.debits[0])
    number = say("transaction.number", number=debit.transaction_id) if debit.transaction_id else ""
    paid = {"order": order_ref(order), "number": number, "date": cn_date(debit.date), "paid": yuan(debit.paid)}
    if debit.kind == "order":
        opening = say("short_statement.order", **paid)
    else:
        opening = say("short_statement.renewal", **paid, ground=_renewal_ground(analysis, debit))
    renewal = say("short_statement.stop_renewal") if case.claims.stop_auto_renewal else ""
    if review:
        ask = say("short_statement.review", recipient=payment_recipient(case), amount=yuan(debit.asked))
    elif debit.asked:
        ask = say("short_statement.ask_amount", amount=yuan(debit.asked), renewal=renewal)
    else:
        ask = say("short_statement.ask", what=renewal or say("short_statement.refund"))
    product = fit(say("short_statement.product", product=order.product), limit - len(opening) - len(ask))
    core = opening + product
    # the merchant has answered within the channel's own complaint, or to the user before: that is what is said
    assist = _assist_sentence(analysis, debit)
    items, merchant = told_items(analysis), say("paste.merchant")
    room = limit - len(core) - len(ask) - len(assist)
    later = _later_debits(analysis, debit)
    if len(told_text(items, merchant)) > room and len(later) <= room:  # the accounts will be cut: the claim's
        core += later  # own facts go first
        room -= len(later)
    told = told_text(items, merchant, room)  # nothing when the box holds no more
    return core + told + assist + ask


def _later_debits(analysis: Analysis, debit) -> str:
    """`我已于2026年9月3日申请取消自动续费，此后仍于2026年10月3日、2026年11月3日被扣款。` — for a debit not itself
    after the cancellation, where the debits after it are the heart of the claim and the user's account of them
    may be cut; nothing for a debit whose opening already says it came after the cancellation."""
    renewal = analysis.problem("auto_renewal")
    cancel = renewal.cancel_requested_at if renewal else None
    later = debits_after_cancellation(renewal) if renewal else []
    if cancel is None or not later or any(c.date == debit.date for c in later):
        return ""
    dates = cn_dates(c.date for c in later)
    act = say(f"short_statement.acts.{cancel_act(analysis.facts)}")
    return say("short_statement.later_debits", date=cn_date(cancel), dates=dates, act=act)


def _assist_sentence(analysis: Analysis, debit) -> str:
    """After a refused WeChat Pay complaint, where the channel's help is a confirmed step: WeChat Pay is asked to
    step into it (its own transaction) or to help (each other one)."""
    from generator.filings.plan import assisted_debit

    if failed_complaint(analysis) is None or analysis.case.payment.channel != "wechat":
        return ""
    if not fact_on("wechat.platform_assist", analysis).confirmed:
        return ""
    return say("paste.assist_ask" if debit == assisted_debit(analysis.case) else "paste.assist_other")


def _renewal_ground(analysis: Analysis, debit) -> str:
    """Why this one renewal debit is disputed: after the cancellation only if it is dated after it."""
    renewal = analysis.problem("auto_renewal")
    if renewal is None:
        return ""
    cancel = renewal.cancel_requested_at
    if cancel and any(c.date == debit.date for c in debits_after_cancellation(renewal)):  # one definition of "after"
        act = say(f"short_statement.acts.{cancel_act(analysis.facts)}")
        return say("short_statement.after_cancel", date=cn_date(cancel), act=act)
    if renewal.default_checked:
        return say("short_statement.default_checked")
    if "renewal_terms_hidden" in analysis.facts:  # the case's terms_hidden, or the user's words saying so
        return say("short_statement.terms_hidden")
    return ""


def pending_complaint(analysis: Analysis) -> Contact | None:
    """The complaint already before the regulator (fact `complaint_pending`): the first regulator contact that
    says it was submitted or accepted, whose day and channel the supplement names; else None."""
    if "complaint_pending" not in analysis.facts:
        return None
    made = sorted(
        (c for c in analysis.case.contacts if c.party == "regulator" and c.result in PENDING_RESULTS),
        key=lambda c: c.date,
    )
    return made[0] if made else None


def _complaint_12315(analysis: Analysis, writer: Writer) -> dict:
    ctx = _common(analysis, writer, "complaint_12315")
    earlier = pending_complaint(analysis)
    if earlier is not None:
        return _complaint_supplement(analysis, writer, ctx, earlier)
    case = analysis.case
    me, them = ROLES["complaint_12315"]
    # a regulator mediates a complaint; it does not order a refund, so each request asks it to urge one
    subject = say("subjects.complaint_12315")
    requests = [say("requests.complaint_accept"), *ascertain_request(analysis)]
    requests += writer.money_requests(refund_verb(analysis, subject), subject=subject)
    requests += writer.other_requests("complaint_12315", subject=subject)
    ctx.update(
        {
            "parties": person_lines(case, me, with_id=False, agent=True) + respondent_lines(case, them),
            "salutation": say("salutations.complaint_12315", office=_addressed_to(case)),
            "intro": say(
                "intros.complaint_12315",
                bought_at=bought_at(case, them),
                product=case.order.product,
                tried=tried_clause(analysis, "complaint_12315"),
            ),
            "requests": requests,
            "addressee": say("closings.complaint_12315", office=_addressed_to(case)),
            "images": images(analysis),
        }
    )
    accept = _bare_date(analysis.deadline("regulator_acceptance"))
    ctx["guidance"] = [
        fact_on("regulator.channels", analysis).text,
        fact_on("regulator.category", analysis).text,
        _office(case).advice(),
        fact_on("regulator.paste_blocked", analysis).text,
    ]
    if accept:
        ctx["guidance"].append(say("guidance.complaint_acceptance", due=accept))
    ctx["paste"] = _complaint_paste(analysis, ctx)
    return ctx


def _complaint_supplement(analysis: Analysis, writer: Writer, ctx: dict, earlier: Contact) -> dict:
    """投诉补充材料: the complaint already made (its day and channel) is not made again; the facts and evidence are
    put to it, and the office is asked to take them into that complaint and say how it stands."""
    case = analysis.case
    me, them = ROLES["complaint_12315"]
    stands = pending_contact(case)
    made = {"made": cn_date(earlier.date), "method": complaint_way(earlier.method)}
    subject = say("subjects.complaint_12315")
    accepted = stands is not None and stands.result == "accepted"
    requests = [say("requests.supplement_accepted" if accepted else "requests.supplement_submitted", **made)]
    requests += ascertain_request(analysis)
    requests += writer.money_requests(refund_verb(analysis, subject), subject=subject)
    requests += writer.other_requests("complaint_12315", subject=subject)
    # the complaint is told once, first
    contacts = writer.contacts_paragraph(me, "complaint_12315", leave_out=("regulator",))
    ctx.update(
        {
            "parties": person_lines(case, me, with_id=False, agent=True) + respondent_lines(case, them),
            "salutation": say("salutations.complaint_12315", office=_addressed_to(case)),
            "intro": say(
                "intros.complaint_12315_supplement", bought_at=bought_at(case, them), product=case.order.product, **made
            ),
            "facts": [
                writer.earlier_complaints(me),
                writer.order_sentence(me, them, "complaint_12315"),
                *writer.problem_sentences(me, kind="complaint_12315", leave_out=("regulator",)),
                *([contacts] if contacts else []),
            ],
            "requests": requests,
            "addressee": say("closings.complaint_12315", office=_addressed_to(case)),
            "images": images(analysis),
        }
    )
    # how a supplement reaches the office is not confirmed: the summary says so, and counts from the complaint
    ctx["guidance"] = [fact_on("regulator.supplement_channel", analysis).text]
    accept, mediation = analysis.deadline("regulator_acceptance"), analysis.deadline("regulator_mediation")
    if stands is not None and accepted and mediation is not None and mediation.due:
        ctx["guidance"].append(
            say("guidance.supplement_mediation", accepted=cn_date(accepted_day(stands)), due=_bare_date(mediation))
        )
    elif accept is not None:
        ctx["guidance"].append(say("guidance.supplement_acceptance", due=_bare_date(accept), **made))
    ctx["paste"] = _supplement_paste(analysis, ctx, made)
    return ctx


def _supplement_paste(analysis: Analysis, ctx: dict, made: dict) -> list[dict]:
    """The supplement as it is sent to the office (the 12315 form is for a new complaint): one statement naming
    the complaint it adds to, then the requests."""
    case = analysis.case
    limit = fact_on("regulator.description_max_chars", analysis).number
    shop = shop_of(case)
    respondent = (
        say("paste.shop_respondent", shop=shop.name, platform=case.platform.name)
        if shop
        else respondent_named(case) or individual.platform_named(case)
    )
    opening = say("paste.supplement_opening", respondent=respondent, order=order_ref(case.order), **made)
    user = _user_problems(analysis) + _user_contacts(analysis, "complaint_12315", leave_out=("regulator",))
    blocks = [_block(ctx, say("paste.labels.supplement"), opening, limit, user=user, after=say("paste.supplement_ask"))]
    blocks.append(
        _block(
            ctx, say("paste.labels.requests"), "\n".join(f"{n}. {r}" for n, r in enumerate(ctx["requests"], 1)), limit
        )
    )
    return blocks


def _addressed_to(case: Case) -> str:
    """Whom a complaint is addressed to, at the top and under 此致: the office the case's addresses point to, by
    name (law/office.py), else the general form (salutations.regulator_unnamed)."""
    return _office(case).name or say("salutations.regulator_unnamed")


def _office(case: Case):
    from generator.law.office import regulator_office

    return regulator_office(case)


def public_evidence(analysis: Analysis) -> list[str]:
    """What the public post says the user holds, in words a reader understands (付款记录截图, 通话录音), each once,
    in the exhibits' order — never the evidence categories' own names. A recording made without telling the other
    side is not announced in public; a screenshot about the renewal is named by what it shows."""
    kinds = []
    for e in analysis.exhibits:
        if e.kind == "audio":
            if e.recording_disclosed is not False:
                kinds.append(say("public_evidence.audio"))
        else:
            kinds.append(_public_exhibit_kind(analysis, e) + say(f"public_evidence.forms.{e.kind}"))
    return list(dict.fromkeys(kinds))


def _public_exhibit_kind(analysis: Analysis, exhibit) -> str:
    """What one exhibit is, for the public post: by its category, except a rights-anomaly screenshot of the
    renewal — the page showing it switched off, or the renewal's page — which shows no use of the membership."""
    if exhibit.category != "rights_anomaly":
        return say(f"public_evidence.categories.{exhibit.category}")
    case = analysis.case
    entry = case.evidence[exhibit.index]
    described = exhibit_match.describe(entry, exhibit, case)
    if analysis.problem("auto_renewal") and exhibit_match.shows_cancelled(described):
        return say("public_evidence.shows.cancelled")
    failing = [p.type for p in case.problems if p.type not in NO_FAILURE]
    about_renewal = "auto_renewal" in entry.about or (not entry.about and exhibit_match.shows_renewal(described))
    if about_renewal and not any(t in entry.about for t in failing):
        return say("public_evidence.shows.renewal")
    return say(f"public_evidence.categories.{exhibit.category}")


def _blackcat_post(analysis: Analysis, writer: Writer) -> dict:
    """The public post: nothing private, law cited by name only, evidence described not shown."""
    case, amounts = analysis.case, analysis.amounts
    secrets = privacy.private_values(case)
    mask = lambda text: privacy.mask_public_text(text, secrets)  # noqa: E731
    _, cited = writer.arguments("blackcat_post", *ROLES["blackcat_post"])
    target = mask(public_target(case))
    owed = _owed(analysis)
    demands = [refund_ask(analysis, owed)] if owed else []
    demands += compensation_asks(analysis)
    if case.claims.stop_auto_renewal:
        demands.append(say("asks.stop_renewal"))
    accused: list[str] = []
    if takes_extra_requests("blackcat_post"):
        ours, theirs = _extra_asks(analysis)
        demands += ours
        for text in theirs:  # a demand in public alleges nothing either: its accusing clauses are left out
            kept, dropped = without_accusations(text)
            accused += dropped
            demands += [mask(kept)] if kept.strip("，,。；;！!？? ") else []
    kinds = public_evidence(analysis)
    ctx = {
        "kind": "blackcat_post",
        "title": title("blackcat_post"),
        "post_title": mask(public_title(analysis)),
        "target": target,
        "issues": problem_summary(analysis),  # fixed labels, nothing of the user's
        "demands": "；".join(demands) or say("public.no_demand"),
        "amount": f"{amounts.total:.2f}",  # the site's 涉诉金额 box takes a plain number
        "law": say("public.law", citations=brief_citation(cited)) if cited else "",
        "evidence_kinds": say("public_evidence.held", kinds="、".join(kinds)) if kinds else "",
        "date": cn_date(analysis.filing_date),
        "case_id": case.case_id,
        "cited": cited,
        "guidance": [fact_on("heimao.privacy_notice", analysis).text, fact_on("heimao.body_length", analysis).text]
        + _blur_list(analysis),
        "warnings": [],
    }
    story, accusations = _public_story(analysis)
    accusations += accused
    if accusations:
        warning = say("public.accusation_left_out", words="、".join(quote(a) for a in accusations))
        ctx["warnings"] = [warning]
    ctx["body"] = _public_body([mask(p) for p in story], ctx)
    ctx["paste"] = _blackcat_paste(ctx)
    return ctx


def _public_body(story: list[str], ctx: dict) -> list[str]:
    """The post's 问题说明 within the site's length: the law and evidence lines are kept, the story is cut."""
    limit = channels.fact("heimao.body_max_chars").number
    tail = [line for line in (ctx["law"], ctx["evidence_kinds"]) if line]
    room = limit - sum(len(line) + 1 for line in tail)
    if sum(len(line) + 1 for line in story) <= room:
        return story + tail
    out: list[str] = []
    for line in story:
        left = room - sum(len(kept) + 1 for kept in out) - 1
        if len(line) > left:
            out += [fit_sentences(line, left)] if left > 1 else []
            break
        out.append(line)
    ctx["warnings"].append(say("public.cut", limit=limit))
    return out + tail


def _blur_list(analysis: Analysis) -> list[str]:
    """Which pictures to mask before they go up with the public post."""
    pictures = [f"{e.label}（{e.description}）" for e in analysis.exhibits if e.kind == "image"]
    if not pictures:
        return []
    return [say("public.blur", pictures="；".join(pictures))]


def public_target(case: Case) -> str:
    """Whom the post complains of: the shop that sold, on its platform (whose operator answers for it), else the
    platform with its operator."""
    pf, shop = case.platform, shop_of(case)
    if shop:
        operator = say("public.shop_operator", operator=pf.operator) if pf.operator else ""
        return say("public.shop_target", shop=shop.name, platform=pf.name, operator=operator)
    if individual.is_individual(case):  # a person is named nowhere in public, by name or account
        return individual.public_seller(case)
    return pf.name + (f"（{pf.operator}）" if pf.operator else "")


def public_title(analysis: Analysis) -> str:
    """A short title (≤ the site's advised length) naming the seller complained of and the problem."""
    limit = channels.fact("heimao.title_max_chars").number
    case = analysis.case
    first = case.problems[0].type
    # A public post alleges: every phrase says 涉嫌, none states the wrong as a fact; nor one the user never gave
    # (advertising called false where nothing was delivered at all).
    phrase = say(_public_headline(analysis, first))
    platform, shop = case.platform.name, shop_of(case)
    if individual.is_individual(case):  # never the person's nickname, payee or account
        names = [individual.public_seller(case), say("public.individual")]
    elif shop:
        room = limit - len(phrase) - len(say("public.shop", shop=""))  # what the shop's name may take
        names = [
            say("public.shop_on_platform", platform=platform, shop=shop.name),
            say("public.shop", shop=shop.name),
            say("public.shop", shop=_clip(shop.name, room)),
        ]
    else:
        names = [platform, bare_name(platform), _clip(bare_name(platform), limit - len(phrase))]
    for name in names:  # the fullest title that fits
        for candidate in (say("public.title_ask", name=name, headline=phrase), f"{name}{phrase}"):
            if len(candidate) <= limit:
                return candidate
    return phrase


def _public_headline(analysis: Analysis, first: str) -> str:
    """The title's problem, by the case's first problem type: nothing delivered at all is not advertising called
    false; debits after a cancellation are not a renewal never agreed to (the user opened it, then cancelled) —
    unless the box was ticked in advance, when it was never agreed to either."""
    facts = analysis.facts
    if "nothing_delivered" in facts:
        return "public.undelivered_headline"
    if first == "auto_renewal" and "charged_after_cancellation" in facts and "default_checked" not in facts:
        return f"public.after_cancel_headline.{cancel_act(analysis.facts)}"
    return f"public_headlines.{first}"


def _clip(name: str, room: int) -> str:
    """A name cut to `room` characters with “…”, never inside a bracket or quote: an unclosed one is left out."""
    if len(name) <= room:
        return name
    cut = name[: max(room - 1, 1)]
    opened = max(cut.rfind(c) for c in "（(【[“‘《")
    closed = max(cut.rfind(c) for c in "）)】]”’》")
    if opened > closed:  # the cut falls inside a bracket: cut before it
        cut = cut[:opened]
    return cut.rstrip() + "…"


_QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|「[^」]*」|『[^』]*』")


def without_accusations(text: str) -> tuple[str, list[str]]:
    """The user's text without its clauses that accuse (markers.accusation: 跑路, 骗子 …), and those clauses.

    A public post states facts and alleges only with 涉嫌; the other filings quote the user's words whole."""
    accusing = re.compile(say("markers.accusation"))
    kept: list[str] = []
    left_out: list[str] = []
    for clause in clauses(text):  # what someone else said, quoted, is a fact the user reports: it stays
        (left_out if accusing.search(_QUOTED.sub("", clause)) else kept).append(clause)
    if not left_out:
        return text, []  # whole, as written
    body = "".join(kept).rstrip("，,；;")
    return body, [c.rstrip("，,。；;！!？? ") for c in left_out]


def _public_story(analysis: Analysis) -> tuple[list[str], list[str]]:
    """The facts of the post, in the first person, without numbers that identify anyone; and the user's accusing
    clauses left out of it."""
    case = analysis.case
    order = case.order
    where = individual.public_place(case) if individual.is_individual(case) else where_bought(case)
    me = say("public.me")
    lines = [
        say(
            "public.opening",
            me=me,
            paid=cn_date(order.paid_at),
            where=where,
            product=order.product,
            price=yuan(order.price),
            advertised=own_advertising(me, analysis),
        )
    ]
    left_out: list[str] = []
    for p in case.problems:  # the user's own account under a neutral topic, never a label as a fact
        account, accusing = without_accusations(p.description)
        left_out += accusing
        if account:  # the representative's account (“我妈…”) says whose it is, naming no one
            teller = public_teller(case, p.description)
            topic = say(f"problem_topics.{p.type}") + (f"（{teller}）" if teller else "")
            lines.append(f"{topic}：{sentence(account)}")
    # the seller's side, and what a body taking complaints did: a complaint accepted and a mediation that ended are
    # the most telling facts of a public post
    contacts = [
        c for c in sorted(case.contacts, key=lambda c: c.date) if party_of(c) == "platform" or body_act(c) is not None
    ]
    tried = []
    for c in contacts:
        summary, accusing = without_accusations(c.summary)
        left_out += accusing
        way = without_writer_aside(c.method)
        told = {"date": cn_date(c.date), "method": way, "party": contact_party(c, case.platform)}
        act = body_act(c)
        if act:
            told["method"] = complaint_way(way)
            if act == "accepted_later":
                told["accepted"] = cn_date(accepted_day(c))
            tried.append(say(f"public.body_{act}", summary=summary.rstrip("。"), **told))
        else:
            tried.append(told_way("public.contact", way, summary=summary.rstrip("。"), **told) if summary else "")
    if any(tried):  # the representative's records say whose they are, as the accounts do
        teller = next((t for c in contacts if (t := public_teller(case, c.summary))), "")
        told_by = f"（{teller}）" if teller else ""
        lines.append(say("public.tried", contacts="；".join(t for t in tried if t), teller=told_by))
    return lines, list(dict.fromkeys(left_out))


# --- paste-ready texts: one block for each box of each form ----------------------------


def _block(ctx: dict, label: str, text: str, limit: int | None = None, user: str = "", after: str = "") -> dict:
    """One box's text: `text` + `user` + `after`, the user's words cut to fit `limit` with a warning.

    The user's own text is what may be long; the fixed parts (order number, amount, request) are kept.
    """
    if limit and len(text) + len(user) + len(after) > limit:
        room = limit - len(text) - len(after)
        user = fit_sentences(user, room)  # whole sentences of the user's, not half a one
        ctx["warnings"].append(say("paste.cut_to_limit", title=ctx["title"], label=label, limit=limit))
    whole = text + user + after
    return {"label": label, "text": fit(whole, limit) if limit else whole, "limit": limit}


def _owed(analysis: Analysis):
    """What the seller is asked to pay back of what was paid (refund and renewals, less what came back)."""
    a = analysis.amounts
    return max(a.refund + a.renewals - a.refunded, 0)


def refund_ask(analysis: Analysis, owed: Decimal) -> str:
    """`退款59.70元` says what it is made of when renewal debits are in it, or a part already refunded: a form's
    reader sees a 9.90 order (or an 88.00 one) and must not wonder where 59.70 (or 78.00) comes from."""
    a = analysis.amounts
    if not a.renewals:
        if a.refunded:  # a part already paid back: 已退10.00元，退还剩余78.00元 — the reader sees where 78 comes from
            return say("asks.refund_rest", refunded=yuan(a.refunded), amount=yuan(owed))
        return say("asks.refund", amount=yuan(owed))
    debits = say("asks.renewals", count=a.renewal_count, amount=yuan(a.renewals))
    if owed == a.renewals:
        return say("asks.renewals_only", debits=debits)
    return say("asks.refund_with", amount=yuan(owed), debits=debits)


def compensation_asks(analysis: Analysis) -> list[str]:
    """Each compensation claimed, named for what it is: the threefold, the promised sum with the promise quoted,
    the losses — never one sum “依法” for a sum the seller promised."""
    a, out = analysis.amounts, []
    if a.punitive:
        out.append(say("asks.punitive", amount=yuan(a.punitive)))
    if a.promised and a.promise is not None:
        promised = "asks.promised_shop" if shop_of(analysis.case) else "asks.promised"
        out.append(say(promised, promise=quote(a.promise.text), amount=yuan(a.promised)))
    if a.losses:
        out.append(say("asks.losses", amount=yuan(a.losses)))
    return out


def _ask(analysis: Analysis, pay_back_only: bool = False) -> str:
    """`退款120.00元，另按店铺承诺“假一赔三”赔偿360.00元，并赔偿损失30.00元，关闭自动续费`: the money asked
    for, in a form's words, each compensation named for what it is."""
    owed = _owed(analysis)
    parts = [refund_ask(analysis, owed)] if owed else []
    if not pay_back_only:
        parts += [_joined(ask, n, after_refund=bool(parts)) for n, ask in enumerate(compensation_asks(analysis))]
    if analysis.case.claims.stop_auto_renewal:
        parts.append(say("asks.stop_renewal"))
    return "，".join(parts) or say("asks.none")


def _joined(ask: str, n: int, after_refund: bool) -> str:
    """A compensation asked for after others: the first after the refund is 另…, each further one 并…."""
    if n:
        return say("asks.and", ask=ask)
    return say("asks.more", ask=ask) if after_refund else ask


def _order_line(analysis: Analysis) -> str:
    order = analysis.case.order
    return say(
        "paste.order_line",
        order=order_ref(order),
        paid=cn_date(order.paid_at),
        price=yuan(order.price),
        product=order.product,
    )


def _user_problems(analysis: Analysis) -> str:
    """The accounts of the problems in the user's first person; the representative's, quoted one after another
    after who told them, named once (`子女所述“…”“…”`)."""
    case = analysis.case
    accounts = [p.description for p in case.problems]
    tellers = {public_teller(case, text) for text in accounts}
    if len(tellers) == 1 and (teller := tellers.pop()):
        return teller + "".join(quote(sentence(text)) for text in accounts)
    return "".join(_in_users_voice(case, text) for text in accounts)


def _in_users_voice(case, text: str) -> str:
    """The user's words in a text sent in the complainant's first person: as written, or, when the representative
    wrote them (“我妈买的…”), quoted after who told them (`家属所述“…”`): the “我” of the message stays one person."""
    teller = public_teller(case, text)
    return f"{teller}{quote(sentence(text))}" if teller else sentence(text)


def _user_contacts(analysis: Analysis, kind: str, leave_out: tuple[str, ...] = ()) -> str:
    """The contacts in the user's first person, each as the user recorded it; a complaint through the payment
    channel is said to be one against the merchant (the merchant answered it, not the channel); anyone else is
    named (the regulator is not the other side). Only those the filing of this `kind` tells (contact_said.left_out);
    the parties in `leave_out` are told elsewhere."""
    case = analysis.case
    said = law.contact_said()
    told = (c for c in case.contacts if c.party not in leave_out and said.tells(c, case.contacts, kind))
    out = []
    for c in sorted(told, key=lambda c: c.date):
        if merchant_complaint(c):
            whom = say("contacts.user_complaint", via=complaint_via(c, case.payment), method=c.method)
        else:
            party = contact_party(c, case.platform)
            way = without_writer_aside(c.method)
            whom = (
                told_way("contacts.user_talk", way, party=party)
                if party
                else told_way("contacts.user_talk_unnamed", way)
            )
        out.append(f"{cn_date(c.date)}{whom}：{_in_users_voice(case, c.summary)}")
    return "".join(out)


def _user_statement(analysis: Analysis) -> str:
    """The user's further words when they state rather than request (claims.extra, rules.yaml words'
    extra_is_request), in the user's own first-person form: as written, not among the requests."""
    extra = told_extra(analysis.case)
    if not extra or not extra_told(analysis):
        return ""
    if "extra_deletes_personal_info" in analysis.facts:  # the request is listed; the words only if they say more
        stated = extra_says_more(analysis.case) and not extra_only_requests(analysis.case)
        return sentence(extra) if stated else ""
    return "" if extra_as_request(analysis) else sentence(extra)


def _platform_paste(analysis: Analysis, ctx: dict) -> list[dict]:
    """The refund-reason box of the order page, and the messages for the platform's customer service; a marketplace
    shop's sale has no box: the order page's 申请退款 reaches only the shop, and the letter goes to the platform."""
    opening = say("paste.chat_opening", order=_order_line(analysis))
    chat = _chat_messages(analysis, ctx, ("chat_first", "chat_second"), opening)
    if "marketplace_shop" in analysis.facts:
        return chat
    reason = _block(
        ctx,
        say("paste.labels.refund_reason"),
        _order_line(analysis),
        fact_on("platform.refund_reason_max_chars", analysis).number,
        user=_user_problems(analysis),
        after=say("paste.refund_reason_ask", ask=_ask(analysis)),
    )
    return [reason, *chat]


def _seller_paste(analysis: Analysis, ctx: dict) -> list[dict]:
    """No order page: the messages sent to the seller in the chat — the payment as the transfer record shows it,
    the user's account, the request — and no refund box, which does not exist."""
    order, pay = analysis.case.order, analysis.case.payment
    number = say("paste.seller_transaction", transaction=pay.transaction_id) if pay.transaction_id else ""
    opening = say(
        "paste.seller_opening",
        paid=cn_date(order.paid_at),
        channel=channel_name(analysis.case),
        price=yuan(order.price),
        transaction=number,
        product=order.product,
    )
    return _chat_messages(analysis, ctx, ("seller_first", "seller_second"), opening)


def _extra_asks(analysis: Analysis) -> tuple[list[str], list[str]]:
    """The user's further request as a form's demands: the deletion of their personal information in the form's
    own words, and the user's words for what else they ask (the clauses beside a deletion, or the whole request);
    nothing where the further words only state something."""
    case = analysis.case
    if not case.claims.extra or not extra_as_request(analysis):
        return [], []
    if "extra_deletes_personal_info" in analysis.facts:
        return [say("public.delete_personal_info", items=listed_items(case))], further_requests(case)
    return [], [told_extra(case)]


def _own_request(analysis: Analysis) -> str:
    """The user's further request after the money asked (`；或者按原价给我补发一张年卡`), in a message written in
    their own voice: the letter lists it among its requests too."""
    ours, theirs = _extra_asks(analysis)
    return "".join(say("paste.own_request", request=a.strip().rstrip("。；;，,")) for a in ours + theirs)


def _chat_messages(analysis: Analysis, ctx: dict, labels: tuple[str, str], opening: str) -> list[dict]:
    """Two chat messages, to the platform's customer service or the seller: the purchase and the user's account,
    then the request with its 48-hour reply date."""
    hours = fact_on("platform.reply_hours", analysis).number
    chat = fact_on("platform.chat_message_max_chars", analysis).number
    first, second = (say(f"paste.labels.{label}") for label in labels)
    return [
        _block(ctx, first, opening, chat, user=say("paste.chat_problems", problems=_user_problems(analysis))),
        _block(
            ctx,
            second,
            say(
                "paste.chat_request",
                ask=_ask(analysis) + _own_request(analysis),
                hours=hours,
                same_day=_reply_date(analysis),
            ),
            chat,
        ),
    ]


def _payment_paste(analysis: Analysis, ctx: dict) -> list[dict]:
    """What each payment channel's form, or the bank's agent, is given."""
    channel = analysis.case.payment.channel
    if channel == "wechat":
        disputed = list(analysis.amounts.disputed) or [None]
        texts = [ctx["short_text"], *(item["text"] for item in ctx.get("debit_texts", []))]
        for text, debit in zip(texts, disputed, strict=False):
            _warn_if_shortened(analysis, ctx, text, say("paste.labels.complaint_text"), debit)
        limit = channels.fact("wechat.complaint_text_limit").number
        blocks = [{"label": say("paste.labels.wechat"), "text": ctx["short_text"], "limit": limit}]
        for n, item in enumerate(ctx.get("debit_texts", []), 2):  # each further debit from its own bill entry
            number = item["transaction_id"]
            label = say("paste.labels.wechat_debit_numbered", n=n, number=number) if number else ""
            label = label or say("paste.labels.wechat_debit", n=n)
            blocks.append({"label": label, "text": item["text"], "limit": limit})
        return blocks
    if channel == "bank_card":
        return [{"label": say("paste.labels.bank_card"), "limit": None, "text": _bank_card_text(analysis)}]
    return _alipay_paste(analysis, ctx)


def _alipay_paste(analysis: Analysis, ctx: dict) -> list[dict]:
    """支付宝: for each disputed debit its “投诉商家” text and expected result — or, for the debit whose complaint
    the merchant refused and Alipay closed, the statement asking its customer service to review that complaint."""
    known = fact_on("alipay.complaint_text_max_chars", analysis)
    limit = known.number
    own: dict = {} if known.confirmed else {"own_limit": True}  # the box's limit is not known: it is the tool's own
    disputed = list(analysis.amounts.disputed)
    texts = _debit_statements(analysis, "alipay") or [short_payment_statement(analysis, limit=limit)]
    reviewed = reviewed_debit(analysis)
    blocks = []
    for n, (text, debit) in enumerate(zip(texts, disputed or [None], strict=True), 1):
        if debit is not None and debit == reviewed:
            label = say("paste.labels.alipay_review", number=debit.transaction_id or cn_date(debit.date))
            blocks.append({"label": label, "text": text, "limit": None})
            continue
        _warn_if_shortened(analysis, ctx, text, say("paste.labels.complaint_text"), debit)
        if n == 1:
            expect = say("paste.expect", ask=_ask(analysis, pay_back_only=True))
            if len(disputed) > 1:  # a complaint is about one transaction
                expect = say("paste.expect_one", amount=yuan(disputed[0].asked))
            blocks.append({"label": say("paste.labels.alipay"), "text": text, "limit": limit, **own})
            blocks.append({"label": say("paste.labels.alipay_expect"), "text": expect, "limit": None})
            continue
        assert debit is not None
        number = debit.transaction_id
        label = say("paste.labels.alipay_debit_numbered", n=n, number=number) if number else ""
        blocks.append({"label": label or say("paste.labels.alipay_debit", n=n), "text": text, "limit": limit, **own})
        blocks.append(
            {
                "label": say("paste.labels.alipay_expect_debit", n=n),
                "text": say("paste.expect_one", amount=yuan(debit.asked)),
                "limit": None,
            }
        )
    return blocks


def _bank_card_text(analysis: Analysis) -> str:
    """What the issuing bank's agent is told: the transaction (or, for renewals, each disputed debit as the card
    statement lists it, in one call), what was advertised and what happened, and every contact with the merchant,
    as recorded — said aloud, with no box to fit."""
    case, pay = analysis.case, analysis.case.payment
    order = case.order
    # the payee only as the case gives it; the platform is named as the platform, never as the payee
    payee = say("paste.bank_card_payee", payee=pay.payee) if pay.payee else ""
    told = told_text(told_items(analysis), merchant_word(pay))
    common = {
        "bank": pay.bank or "",
        "platform": case.platform.name,
        "product": order.product,
        "payee": payee,
        "told": told,
        "promptly": fact_on("card.ask_promptly", analysis).text,
    }
    if [d.kind for d in analysis.amounts.disputed] in ([], ["order"]):
        return say(
            "paste.bank_card",
            paid=cn_date(order.paid_at),
            price=yuan(order.price),
            transaction=pay.transaction_id,
            **common,
        )
    debits = [
        say(
            "paste.bank_card_debit",
            date=cn_date(d.date),
            paid=yuan(d.paid),
            transaction=say("paste.bank_card_transaction", number=d.transaction_id) if d.transaction_id else "",
        )
        for d in analysis.amounts.disputed
    ]  # an order used in full is not charged back
    return say("paste.bank_card_debits", count=chinese_count(len(debits)), debits="；".join(debits), **common)


def _warn_if_shortened(analysis: Analysis, ctx: dict, statement: str, label: str, debit=None) -> None:
    """Say so when the short statement had to cut the user's words to fit its box."""
    if statement != short_payment_statement(analysis, debit, limit=10**6):
        ctx["warnings"].append(say("paste.cut_to_fit", title=ctx["title"], label=label))


def _complaint_paste(analysis: Analysis, ctx: dict) -> list[dict]:
    """The 12315 form's boxes, in the form's order."""
    case, platform = analysis.case, analysis.case.platform
    order = case.order
    limit = fact_on("regulator.description_max_chars", analysis).number
    shop = shop_of(case)
    if shop:  # the shop is the respondent; the address it shows on the platform decides the office
        respondent, address = say("paste.shop_respondent", shop=shop.name, platform=platform.name), shop.address
    else:
        respondent, address = respondent_named(case) or individual.platform_named(case), platform.address
    blocks = [{"label": say("paste.labels.respondent"), "text": respondent, "limit": None}]
    if address:
        blocks.append({"label": say("paste.labels.address"), "text": address, "limit": None})
    blocks.append(
        {"label": say("paste.labels.order"), "text": order_number(order) or say("orders.none"), "limit": None}
    )
    office = _office(case)
    if office.name:  # a picker on the form (before the description): the name to look for in it
        blocks.append({"label": say("paste.labels.office"), "text": office.name, "limit": None})
    me = say("paste.first_person")  # the form is filled in by the user, who speaks of themself
    opening = say(
        "paste.complaint_opening",
        me=me,
        paid=cn_date(order.paid_at),
        where=where_bought(case),
        product=order.product,
        order=order_ref(order),
        price=yuan(order.price),
        advertised=own_advertising(me, analysis),
    )
    user = _user_problems(analysis) + _user_contacts(analysis, "complaint_12315") + _user_statement(analysis)
    blocks.append(_block(ctx, say("paste.labels.description"), opening, limit, user=user))
    # the form's uploads are not numbered as the letter's exhibits are: no “（见证据N）” in what is pasted
    requests = "\n".join(f"{n}. {without_exhibit_refs(r, analysis)}" for n, r in enumerate(ctx["requests"], 1))
    blocks.append(_block(ctx, say("paste.labels.requests"), requests, limit))
    return blocks


def without_exhibit_refs(text: str, analysis: Analysis) -> str:
    """The text without its references to the case's exhibits (see(): “（见证据2、证据3）”)."""
    if not analysis.exhibits:
        return text
    head, _, tail = say("statements.see", exhibits="\0").partition("\0")
    label = "|".join(re.escape(e.label) for e in analysis.exhibits)
    return re.sub(f"{re.escape(head)}(?:{label})(?:、(?:{label}))*{re.escape(tail)}", "", text)


def _blackcat_paste(ctx: dict) -> list[dict]:
    """黑猫投诉's boxes: the post's own parts, each within what the site takes."""
    boxes = (
        ("title", ctx["post_title"], channels.fact("heimao.title_max_chars").number),
        ("target", ctx["target"], None),
        ("issues", ctx["issues"], None),
        ("demands", ctx["demands"], None),
        ("amount", ctx["amount"], None),
        ("body", "\n".join(ctx["body"]), channels.fact("heimao.body_max_chars").number),
    )
    return [{"label": say(f"paste.labels.blackcat.{box}"), "text": text, "limit": limit} for box, text, limit in boxes]


# --- the annex: the full texts of every paragraph cited --------------------------------


def legal_basis_context(analysis: Analysis, contexts: dict) -> dict | None:
    """The annex 法律依据, which goes with the filings to the other side: the provisions those filings cite, exactly
    the paragraphs cited, in order of first citation; None when none cites law. What only the summary cites is
    quoted in the summary (summary.summary_only), never sent to the other side."""
    cited = by_law(law.merge_cited([p for ctx in contexts.values() for p in ctx.get("cited", [])]))
    if not cited:
        return None
    return {
        "kind": ANNEX,
        "title": title(ANNEX),
        "subtitle": _annex_subtitle(analysis.case.order),
        "citations": [
            {
                "heading": law.book_title(p.law) + p.label,
                "meta": say("annex.meta", version=version_label(p.version), effective=cn_date(p.effective)),
                "paragraphs": annex_lines(p),
            }
            for p in cited
        ],
        "verify_note": say("annex.verify_note"),
        "date": cn_date(analysis.filing_date),
        "case_id": analysis.case.case_id,
        "cited": cited,
    }


def by_law(cited: list) -> list:
    """Citations grouped by law, the laws in order of first citation, each law's articles in order."""
    first_seen = {name: n for n, name in enumerate(dict.fromkeys(p.law for p in cited))}
    return sorted(cited, key=lambda p: (first_seen[p.law], p.article))


def annex_lines(p) -> list[str]:
    """The cited paragraphs word for word, one line per stored line, without the article number the heading gives."""
    lines = p.quoted_text.split("\n")
    label = p.article_label + " "
    if lines[0].startswith(label):
        lines[0] = lines[0][len(label) :]
    return lines


# What builds each filing kind's context (tests/test_vocabulary.py: one for every kind of the vocabulary).
BUILDERS: dict[str, Callable[[Analysis, Writer], dict]] = {
    "platform_refund_request": _platform_refund_request,
    "payment_dispute": _payment_dispute,
    "complaint_12315": _complaint_12315,
    "blackcat_post": _blackcat_post,
    "mediation_request": lambda a, w: later_filings.mediation_request(a, w, _common),
    "court_complaint": lambda a, w: later_filings.court_complaint(a, w, _common),
    "report_12315": lambda a, w: later_filings.report_12315(a, w, _common),
    "police_report": lambda a, w: later_filings.police_report(a, w, _common),
    "authorization": lambda a, w: later_filings.authorization(a, w, _common),
}
