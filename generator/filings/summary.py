"""案件概要: the working file for the lawyer or consumer advocate, and the user's own guide.

It holds what the filings leave out: every identifier of the case, the hashes, how
and where to submit each filing, the reminders, and the provisions cited.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

from generator import vocabulary as V
from generator.case.evidence import recording_rule, recording_warnings
from generator.case.model import Case, Problem, day_of
from generator.cnformat import chinese_number
from generator.filings import individual, later_filings
from generator.filings.analyse import (
    Analysis,
    admissions,
    admitted_words,
    came_instead,
    contact_exhibits,
    stated_relation,
)
from generator.filings.documents import annex_lines, by_law, exhibit_proves, statement_of_facts
from generator.filings.narrative import (
    PROBLEM_LABELS,
    ROLES,
    advertising_exhibits,
    cn_date,
    complaint_via,
    contact_party,
    merchant_complaint,
    merchant_word,
    order_ref,
    quote,
    see,
    teller_of,
)
from generator.filings.records import channel_name, reported_outcome, told_way
from generator.law import channels
from generator.law import provisions as law
from generator.law.deadlines import next_renewal_debit
from generator.law.money import Amounts, compute_amounts, rmb, yuan
from generator.phrases import say, title

# The card networks as the summary's payment line names them: the vocabulary's names, “其他卡组织” as “其他” (…卡）
NETWORK_NAMES = {**V.names(V.CARD_NETWORKS), "other": V.OTHER_ALIASES[0]}


def summary_context(
    analysis: Analysis, entries: list, contexts: dict | None = None, annex: dict | None = None, plan=None
) -> dict:
    """Identifiers, facts, timeline, money, deadlines, evidence, law, plan, reminders and the files made."""
    case = analysis.case
    contexts = contexts or {}
    if plan is None:
        from generator.filings.plan import case_plan

        plan = case_plan(case, analysis.facts, analysis.deadlines)
    return {
        "kind": "case_summary",
        "title": title("case_summary"),
        "case_id": case.case_id,
        "date": cn_date(analysis.filing_date),
        "parties": identifiers(case) + _offices(case, regulator_route_closed(analysis)),
        "problems": "、".join(PROBLEM_LABELS[p.type] for p in case.problems),
        "statement": statement_of_facts(analysis),
        "timeline": _timeline(analysis),
        "money": money_lines(analysis.amounts),
        "strategy": claim_strategy(analysis),
        "deadlines": [
            {"label": d.label, "due_text": d.due_text, "basis": d.basis, "note": ("。" + d.note) if d.note else ""}
            for d in printed_deadlines(analysis)
        ],
        "facts_checked": _facts_checked(analysis),
        "evidence": [
            {
                "label": e.label,
                "description": e.description,
                "proves": exhibit_proves(analysis, e),
                "file": e.name,
                "date": cn_date(e.date) if e.date else "—",
                "sha256": e.sha256,
            }
            for e in analysis.exhibits
        ],
        "law": cited_lines(analysis, annex),
        "plan": renewal_steps(analysis) + plan.lines() + [say("summary.paste_note")],
        "guidance": [
            {"title": f"《{ctx['title']}》", "lines": [_full_stop(g) for g in ctx["guidance"]]}
            for ctx in contexts.values()
            if ctx.get("guidance")
        ],
        "warnings": list(analysis.warnings)
        + paste_warnings(contexts)
        + later_filings.summary_notes(analysis)
        + unlisted_exhibits(analysis, contexts),
        "filings": [f"{e['file']}（{e['title']}）SHA-256：{e['sha256']}" for e in entries],
    }


def printed_deadlines(analysis: Analysis) -> list:
    """The case's limits, less those running from a filing the case does not call for (no refund request to a
    seller who blocked the buyer: no reply deadline); where the 12315 route is closed (plan.yaml's
    regulator_route_closed: a mediation ended), no 12315 limitation, and the platform's silence leads on by the plan."""
    from generator.law.deadlines import FILING_OF

    printed = [
        d for d in analysis.deadlines if d.kind not in FILING_OF or later_filings.applies(FILING_OF[d.kind], analysis)
    ]
    if not regulator_route_closed(analysis):
        return printed
    return [
        replace(d, note=say("deadlines.notes.platform_reply_route_closed")) if d.kind == "platform_reply" else d
        for d in printed
        if d.kind != "regulator_limitation"
    ]


def regulator_route_closed(analysis: Analysis) -> bool:
    """Whether the case is past 12315 (plan.yaml's derived regulator_route_closed): the summary then names no 12315
    office or limitation and sends the user nowhere near a fresh complaint."""
    from generator.filings.plan import plan_facts

    return "regulator_route_closed" in plan_facts(analysis.case, analysis.facts)


def unlisted_exhibits(analysis: Analysis, contexts: dict) -> list[str]:
    """The exhibits no drafted filing refers to, so none lists: the summary says so, for the user to tie them to a
    fact (`evidence[].about`) if they prove one."""
    listed = {row["label"] for ctx in contexts.values() for row in ctx.get("exhibits", [])}
    if not any("exhibits" in ctx for ctx in contexts.values()):
        return []
    return [
        say("summary.exhibit_unlisted", label=e.label, description=e.description)
        for e in analysis.exhibits
        if e.label not in listed
    ]


def paste_warnings(contexts: dict) -> list[str]:
    """What the paste texts had to shorten, filing by filing."""
    return [w for ctx in contexts.values() for w in ctx.get("warnings", [])]


def summary_cited(analysis: Analysis) -> list:
    """The provisions the summary names (the deadlines' bases, the rule on recordings, the claim strategy)."""
    # a deadline of a complaint made earlier follows the rules of its day (the 暂行办法 before 2026-04-15)
    named = [(d.basis, d.since or analysis.filing_date) for d in printed_deadlines(analysis)]
    named += [(text, analysis.filing_date) for text in claim_strategy(analysis)]
    if recording_warnings(list(analysis.exhibits)):
        named.append((recording_rule(), analysis.filing_date))
    return [p for text, on in named for p in law.named_in(text, on)]


def all_cited(analysis: Analysis, annex: dict | None) -> list:
    """Every provision cited in the case, the filings' and the summary's, once each, grouped by law."""
    return by_law(law.merge_cited((annex["cited"] if annex else []) + summary_cited(analysis)))


def cited_lines(analysis: Analysis, annex: dict | None) -> list[str]:
    """Each provision cited in the case by title, article and paragraph, with the day its text took effect: what
    the filings cite is quoted in the annex; what only the summary cites goes to no other party and is quoted here,
    word for word, with the note on where the texts were taken from."""
    sent = annex["cited"] if annex else []
    lines, quoted_here = [], False
    for p in all_cited(analysis, annex):
        line = say("summary.cited", provision=law.book_title(p.law) + p.label, effective=cn_date(p.effective))
        left = law.uncovered(p, sent)
        if left is None:
            lines.append(line + say("summary.cited_annexed", annex=title("legal_basis")))
            continue
        part = "" if left.label == p.label else left.label
        lines.append(line + say("summary.cited_here", annex=title("legal_basis"), part=part))
        lines += annex_lines(left)
        quoted_here = True
    if quoted_here:
        lines.append(say("annex.verify_note"))
    return lines


def _full_stop(text: str) -> str:
    return text if text.endswith(("。", "！", "？")) else text + "。"


def individual_seller_line(case: Case) -> str:
    """A person who sold, for the summary: by nickname (a group is no seller), the user's own note on it as theirs,
    and a real name only where the case gives one."""
    group = individual.group_name(case)
    if group:
        line = say("summary.seller_in_group", venue=individual.venue(case), group=group)
    else:
        line = say("summary.seller_handle", handle=individual.handle(case))
    note = individual.user_note(case)
    if note and not group:
        line += say("summary.seller_user_note", note=note)
    name = individual.real_name(case)
    if name and individual.partly_hidden(name):  # what the payment page shows: no name to file against
        return line + say("summary.seller_real_name_partly_hidden", name=name)
    return line + (say("summary.seller_real_name", name=name) if name else say("summary.seller_real_name_unknown"))


def identifiers(case: Case) -> list[str]:
    """Every number and name by which the parties, the order and the payments are found."""
    person, platform, order = case.complainant, case.platform, case.order
    lines = [
        say("identifiers.complainant", name=person.name, phone=person.phone, address=person.address)
        + (say("identifiers.email", email=person.email) if person.email else "")
        + (say("identifiers.id_number", id_number=person.id_number) if person.id_number else "")
    ]
    agent = case.representative
    if agent:  # who acts for the complainant, and how to reach them
        more = "".join(
            say(f"identifiers.representative_{key}", **{key: value})
            for key, value in (
                ("relation", stated_relation(case)),
                ("organisation", agent.organisation),
                ("address", agent.address),
            )
            if value
        )
        lines.append(say("identifiers.representative", name=agent.name, phone=agent.phone, more=more))
    if individual.is_individual(case):
        who = individual_seller_line(case)
    else:
        operator = platform.operator
        who = platform.name + (
            say("identifiers.operator", operator=operator) if operator else say("identifiers.no_operator")
        )
    seller = platform.seller if platform.kind == "marketplace" else None
    if seller:  # the shop sold and is the respondent; the platform is where it sells
        shown = say("identifiers.shown_address", address=seller.address) if seller.address else ""
        lines.append(say("identifiers.selling_shop", shop=seller.name, shown=shown))
    role = "individual" if platform.kind == "individual" else "shop_platform" if seller else "platform"
    lines.append(say(f"identifiers.respondent.{role}", who=who))
    contact = "seller_contact" if individual.is_individual(case) else "customer_service"
    for label, value in (
        ("credit_code", platform.credit_code),
        ("address", platform.address),
        ("url", platform.url),
        ("icp", platform.icp),
        ("app", platform.app),
        (contact, platform.customer_service),
    ):
        if value:
            lines.append(say(f"identifiers.platform.{label}", value=value))
    lines.append(
        say(
            "identifiers.order",
            order=order_ref(order, "："),
            product=order.product,
            paid=cn_date(order.paid_at),
            price=rmb(order.price),
            term=order.term_months,
        )
    )
    if order.official_price is not None:  # a comparison for the reader; the filings leave it out
        lines.append(say("identifiers.official_price", official=yuan(order.official_price), price=yuan(order.price)))
    lines.append(payment_line(case))
    for p in case.problems:
        for c in p.charges:
            debit = {"date": cn_date(c.date), "amount": yuan(c.amount)}
            if c.transaction_id:
                lines.append(say("identifiers.debit_numbered", **debit, number=c.transaction_id))
            else:
                lines.append(say("identifiers.debit", **debit))
    return lines


def payment_line(case) -> str:
    """How it was paid (the channel as the case's words name it) and every number of the payment."""
    pay = case.payment
    channel = channel_name(case)
    network = say("identifiers.card", network=NETWORK_NAMES[pay.card_network]) if pay.card_network else ""
    if pay.bank:
        channel += say("identifiers.bank", bank=pay.bank, card="，" + network if network else "")
    elif network:
        channel += say("identifiers.network", card=network)
    line = say("identifiers.payment", channel=channel, transaction=pay.transaction_id)
    if pay.merchant_order_id:
        line += say("identifiers.merchant_order", number=pay.merchant_order_id)
    if pay.payee:
        line += say("identifiers.payee", payee=pay.payee)
    if pay.payee_kind == "personal":
        line += say("identifiers.personal_code")
    return line


def _timeline(analysis: Analysis) -> list[str]:
    case = analysis.case
    events = [(case.order.paid_at, say("timeline.paid", product=case.order.product, order=order_ref(case.order)))]
    for p in case.problems:
        if p.type == "auto_renewal":
            # a debit before a request to cancel on the same untimed day: the request answers the debit (and a debit
            # on the day of the request is not one after it, as the analysis counts them)
            events += [(c.date, say("timeline.debit", amount=yuan(c.amount))) for c in p.charges]
            if p.cancel_requested_at is not None:
                done = "switched_off" if "renewal_switched_off" in analysis.facts else "requested"
                events.append((p.cancel_requested_at, say(f"timeline.cancel_{done}")))
    for c in case.contacts:
        events.append((c.date, _timeline_contact(c, case)))
    events.append((analysis.filing_date, say("timeline.generated")))
    # the purchase (first event) leads its day; a day given without a time is not its midnight
    purchase = events[0]
    events.sort(key=lambda e: (day_of(e[0]), e is not purchase, _time(e[0])))
    return [f"{cn_date(when)}　{what}" for when, what in events]


def _timeline_contact(c, case: Case) -> str:
    """One contact in the timeline: whom it reached and how it ended (reported_outcome); a complaint through the
    payment channel is one against the merchant, who answered it."""
    outcome = reported_outcome(c, case.payment, teller_of(case, c.summary, ROLES["complaint_12315"][0]), case.contacts)
    if merchant_complaint(c):
        via = complaint_via(c, case.payment)
        return say(
            "contacts.timeline_complaint",
            via=via,
            method=c.method,
            merchant=merchant_word(case.payment),
            outcome=outcome,
        )
    party = contact_party(c, case.platform)
    if not party:  # someone else the case does not name: the method says whom
        return told_way("timeline.contact_unnamed", c.method, outcome=outcome)
    return told_way("timeline.contact", c.method, party=party, outcome=outcome)


def _time(value) -> tuple:
    """A time of day sorts among the day's timed events; an untimed one after them (what is not known comes last)."""
    return (0, value.time()) if isinstance(value, datetime) else (1,)


def money_lines(a: Amounts) -> list[str]:
    """Each amount claimed, in capitals, with how it was computed (summary and `check` alike)."""
    lines = [
        say("amounts.refund", amount=rmb(a.refund), how=a.refund_explanation)
        if a.refund
        else say("amounts.no_refund", how=a.refund_explanation)
    ]
    if a.renewals:
        lines.append(say("amounts.renewals", amount=rmb(a.renewals), count=a.renewal_count))
    if a.punitive:
        lines.append(say("amounts.punitive", amount=rmb(a.punitive), how=a.punitive_explanation))
    if a.promised:
        lines.append(say("amounts.promised", amount=rmb(a.promised), how=a.promised_explanation))
    if a.choice_explanation:
        lines.append(say("amounts.choice", why=a.choice_explanation))
    for loss in a.loss_items:
        lines.append(say("amounts.loss", amount=rmb(loss.amount), reason=loss.description))
    if a.refunded:
        lines.append(say("amounts.refunded", amount=rmb(a.refunded)))
    lines.append(say("amounts.total", amount=rmb(a.total)))
    return lines


def claim_strategy(analysis: Analysis) -> list[str]:
    """Stronger or alternative claims a lawyer would weigh, each with its amount and the change to the case file."""
    options = (
        _full_refund_option(analysis),
        _promise_option(analysis),
        _punitive_option(analysis),
        _punitive_offer_missing(analysis),
        _punitive_needs_business(analysis),
    )
    out = [line for line in options if line]
    out += _promise_reading(analysis)
    if analysis.amounts.refund and prepayment_fits(analysis):
        out.append(say("summary.prepayment_interest"))
    return out


def prepayment_fits(analysis: Analysis) -> bool:
    """Whether the case is a prepaid service not provided: the rule that argues 第五十三条 applies to its facts
    (rules.yaml's prepayment_refund, so the summary and the letters decide it in one place)."""
    from generator.law.provisions import rules

    return any(r.id == "prepayment_refund" and r.applies(analysis.facts) for r in rules())


def _full_refund_option(analysis: Analysis) -> str:
    """A product that was never the one sold supports a full refund, not a share of the price."""
    a, order = analysis.amounts, analysis.case.order
    mismatch = analysis.problem("rights_mismatch")
    came = came_instead(mismatch) if mismatch else None
    if a.refund_mode != "prorated" or not came:
        return ""
    more = a.price - a.refund
    less = (
        say(
            "summary.full_refund_less",
            refunded=rmb(a.refunded),
            full_left=rmb(a.price - a.refunded),
            left=rmb(a.refund - a.refunded),
        )
        if a.refunded
        else ""
    )
    return say(
        "summary.full_refund_option",
        delivered=came,
        product=order.product,
        price=rmb(a.price),
        refund=rmb(a.refund),
        more=rmb(more),
        less=less,
    )


def _promise_option(analysis: Analysis) -> str:
    """A promise with a multiple that covers a problem, not yet claimed."""
    from generator.law.money import counted_promise

    case = analysis.case
    if case.claims.promised_compensation:
        return ""
    promise = counted_promise(case.order, case.kinds)
    if promise is None:
        return ""
    return say(
        "summary.promise_option",
        promise=promise.text,
        price=rmb(analysis.amounts.price),
        times=chinese_number(promise.times),
        amount=rmb(promise.amount),
    )


def _punitive_option(analysis: Analysis) -> str:
    """The threefold compensation (消保法第五十五条第一款) not yet claimed, where the case supports weighing it: a
    fraud problem, or a product delivered that was never the one sold (a rights mismatch naming what arrived) — then
    the case file needs a fraud problem first. Offered only when it raises what is claimed; its amount, the promise
    it is compared with and the total are those the case would compute once changed (one computation)."""
    case, a = analysis.case, analysis.amounts
    if a.punitive:
        return ""
    fraud = "fraud" in analysis.facts
    mismatch = analysis.problem("rights_mismatch")
    if mismatch is None or not came_instead(mismatch):
        mismatch = None
    if not fraud and mismatch is None:
        return ""
    problems = case.problems
    if not fraud and mismatch is not None:
        problems = (*problems, Problem(type="fraud", description=mismatch.description))
    changed = replace(case, problems=problems, claims=replace(case.claims, punitive_damages=True))
    adopted = compute_amounts(changed)
    if not adopted.punitive or adopted.total <= a.total:
        return ""  # a promise as high or higher is what the case would claim: nothing to weigh
    values = {"amount": rmb(adopted.punitive), "how": adopted.punitive_explanation, "total": rmb(adopted.total)}
    values["compare"] = _compared_promise(changed, adopted.punitive)
    values["refund"] = (
        say("summary.punitive_full_refund", refund=rmb(adopted.refund)) if adopted.refund > a.refund else ""
    )
    values["refunded"] = say("summary.punitive_less_refunded", refunded=yuan(a.refunded)) if a.refunded else ""
    values["knew"] = _admission_as_knowledge(analysis)
    if fraud or mismatch is None:
        return say("summary.punitive_option", **values)
    return say(
        "summary.punitive_mismatch_option", advertised=case.order.advertised, delivered=mismatch.delivered, **values
    )


def _admission_as_knowledge(analysis: Analysis) -> str:
    """The seller's own admission of what it sent, as evidence it knew (the 明知 of fraud); nothing without one."""
    found = admissions(analysis.case)
    if not found:
        return ""
    contact, said = found[0]
    words = admitted_words(said) or "".join(said)
    shown = contact_exhibits(analysis.case, analysis.exhibits, contact)
    whole = "".join(said)
    mistake = re.search(say("markers.mistake_only"), whole) and not re.search(say("markers.practice_admitted"), whole)
    key = "summary.punitive_mistake" if mistake else "summary.punitive_admitted"
    told = words if re.search("[“‘]", words) else quote(words)  # 说“发错了…” carries its own quotes
    return say(key, date=cn_date(contact.date), words=told, see=see(shown))


def _punitive_offer_missing(analysis: Analysis) -> str:
    """The threefold claimed on the user's word alone: no exhibit shows what the seller offered (the advertising
    exhibits the letters cite), and a fraud claim stands on the seller's own false offer."""
    a, case = analysis.amounts, analysis.case
    if not a.punitive or advertising_exhibits(analysis):
        return ""
    seller = "individual" if case.platform.kind == "individual" else "other"
    return say(
        "summary.punitive_needs_offer",
        amount=rmb(a.punitive),
        advertised=quote(case.order.advertised),
        offer=say(f"summary.punitive_offer.{seller}"),
    )


def _punitive_needs_business(analysis: Analysis) -> str:
    """The threefold claimed from a natural person whom nothing in the case shows selling as a business
    (rules.yaml sells_as_business): 第五十五条 binds a 经营者, so the letters argue the contract alone."""
    facts = analysis.facts
    if not analysis.amounts.punitive or "individual_seller" not in facts or "sells_as_business" in facts:
        return ""
    return say("summary.punitive_needs_business", amount=rmb(analysis.amounts.punitive))


def _compared_promise(case: Case, punitive) -> str:
    """The promised multiple the threefold is weighed against (only one of the two is claimed, the higher)."""
    from generator.law.money import counted_promise

    promise = counted_promise(case.order, case.kinds)
    if promise is None:
        return ""
    key = "summary.punitive_over_promise" if punitive > promise.amount else "summary.punitive_under_promise"
    return say(key, promise=promise.text, promised=rmb(promise.amount))


def _promise_reading(analysis: Analysis) -> list[str]:
    promise = analysis.amounts.promise
    if promise is None:
        return []
    price = analysis.amounts.price
    times = chinese_number(promise.times)
    return [
        say(
            "summary.promise_reading",
            promise=promise.text,
            times=times,
            amount=rmb(promise.amount),
            less=rmb(promise.amount - price),
        )
    ]


def renewal_steps(analysis: Analysis) -> list[str]:
    """Stopping the debits is the user's own step: the path to look for, and when the next debit is due."""
    renewal = analysis.problem("auto_renewal")
    if renewal is None:
        return []
    steps = []
    channel = analysis.case.payment.channel
    upcoming = next_renewal_debit(analysis.case)
    if upcoming is not None and upcoming < analysis.filing_date:
        upcoming = None
    if channel in ("wechat", "alipay"):
        path = channels.fact(f"{channel}.revoke_authorisation")
        caveat = "" if path.confirmed or "未经证实" in path.text else say("summary.path_unconfirmed")
        steps.append(say("summary.revoke_authorisation", path=path.text, caveat=caveat))
    elif channel == "bank_card":
        steps.append(_stop_card_debit(analysis, upcoming))
    if upcoming is not None:
        steps.append(say("summary.next_debit", date=cn_date(upcoming)))
    return steps


def _stop_card_debit(analysis: Analysis, upcoming: date | None) -> str:
    """A renewal debited from a bank card: no app setting the channel facts confirm stops it, so the step is to ask
    the issuing bank to stop the merchant's recurring debit before the next one, as guidance to be confirmed."""
    case = analysis.case
    guidance = channels.fact("card.stop_recurring", analysis.filing_date)
    return say(
        "summary.stop_card_debit",
        bank=case.payment.bank or say("summary.issuing_bank"),
        # the bill names who debits the card; the case may not (a marketplace's operator is not its shop)
        payee=case.payment.payee or say("summary.debiting_merchant"),
        before=_before_next_debit(upcoming, analysis.filing_date),
        guidance=guidance.text,
    )


def _before_next_debit(upcoming: date | None, today: date) -> str:
    """`在2026年12月3日之前`, or `立即（下一次扣款预计就在2026年12月3日）` when that day is the filing date itself."""
    if upcoming is None:
        return ""
    key = "stop_card_debit_now" if upcoming <= today else "stop_card_debit_before"
    return say(f"summary.{key}", date=cn_date(upcoming))


def _facts_checked(analysis: Analysis) -> str:
    text = say("summary.facts_checked", date=cn_date(channels.facts_checked_on()))
    service = analysis.case.order.service
    stale = [
        f
        for f in channels.stale_facts(analysis.filing_date)  # only what bears on this case
        if not f.key.startswith("reference_price.") or f.key.startswith(f"reference_price.{service}.")
    ]
    if stale:
        shown = "；".join(f.text for f in stale[:3])
        text += say(
            "summary.stale_facts" if len(stale) > 3 else "summary.stale_facts_all", count=len(stale), facts=shown
        )
    return text


def _offices(case: Case, route_closed: bool = False) -> list[str]:
    """The 12315 office and the small-claims court the case's addresses point to (advice to confirm); no office
    where the 12315 route is closed (`route_closed`)."""
    from generator.law.office import court_advice, regulator_office

    office = [] if route_closed else [say("summary.office", office=regulator_office(case).advice())]
    return office + [say("summary.court", court=court_advice(case), venue=_venue(case))]


def _venue(case: Case) -> str:
    """The court's venue as advice, and a platform user agreement's clause to mind (a person selling in a chat has
    no such agreement)."""
    from generator.law.channels import fact

    venue = fact("after.court_venue").text
    if case.platform.kind == "individual":
        return venue
    return say("summary.venue_with_agreement", venue=venue, agreement=fact("after.court_venue_agreement").text)
