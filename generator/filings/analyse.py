"""Stage 3 — analyse: derive from a valid case everything the filings say.

The result is one immutable `Analysis`: the facts that select legal rules, the
amounts, deadlines, numbered exhibits and warnings. Sentences are written by
`narrative.py` from this object; templates only lay them out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

from generator import vocabulary as V
from generator.case import evidence as evidence_mod
from generator.case.evidence import Exhibit
from generator.case.model import Case, Charge, Contact, Order, Payment, Platform, Problem, day_of
from generator.case.schema import EVIDENCE_CATEGORIES
from generator.case.validate import ValidCase
from generator.cnformat import CLAUSE_ENDS, arabic_number, bare_clauses, chinese_fraction, clauses, cn_date
from generator.filings import exhibit_match
from generator.law import deadlines as deadlines_mod
from generator.law.channels import Fact, fact_in_force, reference_price
from generator.law.deadlines import Deadline
from generator.law.money import Amounts, advertised_first_term, compute_amounts, fen, low_price_share, yuan
from generator.law.provisions import cancel_notice, contact_said, exhibit_words, fact_words, quick_failure, words_for
from generator.phrases import say


@dataclass(frozen=True)
class Analysis:
    """Everything derived from one case."""

    valid: ValidCase
    facts: frozenset[str]
    amounts: Amounts
    deadlines: tuple[Deadline, ...]
    exhibits: tuple[Exhibit, ...]
    warnings: tuple[str, ...]

    @property
    def case(self) -> Case:
        return self.valid.case

    @property
    def filing_date(self) -> date:
        return self.case.filing_date

    def problem(self, kind: str) -> Problem | None:
        return self.case.problem(kind)

    def deadline(self, kind: str):
        """The case's deadline of one kind, or None when it has none."""
        return next((d for d in self.deadlines if d.kind == kind), None)

    def exhibits_of(self, *categories: str) -> list:
        return [e for e in self.exhibits if e.category in categories]

    def exhibits_about(self, *keys) -> list:
        """The exhibits that prove a subject (problem type, order, payment, promises, a contact's date).

        An exhibit whose `about` names the subject proves it; one without `about` proves by its
        category, so the keys that are categories are the fallback.
        """
        categories = {k for k in keys if k in EVIDENCE_CATEGORIES}
        subjects = [k for k in keys if k not in categories]
        return self.cited_for(subjects, lambda d: d.category in categories)

    def cited_for(self, subjects, shows, fits=None) -> list:
        """The exhibits to cite for a fact: those whose `about` names one of `subjects` (and, with `fits`, are of
        a kind that can show it: a page shows a ticked box, a debit's bill does not), and — where the case does not
        say what an exhibit is about — those whose own description and date show the fact (`shows` and `fits` are
        given what the exhibit's description says; see exhibit_match)."""
        return exhibits_for(self.case, self.exhibits, subjects, shows, fits)

    def exhibits_of_file(self, file: str) -> list:
        """The exhibit of one evidence file, as a list (empty when it is not among them)."""
        wanted = file.replace("\\", "/").removeprefix("./")
        return [
            e for e in self.exhibits if self.case.evidence[e.index].file.replace("\\", "/").removeprefix("./") == wanted
        ]


def exhibits_for(case: Case, exhibits, subjects, shows, fits=None) -> list:
    """Analysis.cited_for, for a case and its numbered exhibits."""
    out = []
    for e in exhibits:
        entry = case.evidence[e.index]
        about = entry.about
        if about:
            if any(s in about for s in subjects) and (fits is None or fits(exhibit_match.describe(entry, e, case))):
                out.append(e)
        elif shows(exhibit_match.describe(entry, e, case)):
            out.append(e)
    return out


def contact_exhibits(case: Case, exhibits, contact: Contact) -> list:
    """The chats or recordings in evidence that show one contact (tied to its day, or described as it): a bill
    tied to the same day shows a debit, not what was said."""
    shown = exhibits_for(
        case, exhibits, (contact.date,), lambda d: exhibit_match.shows_contact(d, contact, case.contacts)
    )
    return [e for e in shown if e.category == "communication" and tells_what_was_said(e, contact)]


def tells_what_was_said(exhibit, contact: Contact) -> bool:
    """What an exhibit of a contact can show of what was said: a call's log (rules.yaml exhibit_words' call_log)
    shows that the call was made, not what either side said in it; a recording or a chat does."""
    if exhibit.kind == "audio" or not exhibit_match.is_call(contact):
        return True
    return not exhibit_words()["call_log"].search(exhibit.description)


def analyse(valid: ValidCase) -> Analysis:
    """Derive facts, amounts, deadlines, exhibits and warnings from a valid case."""
    case = valid.case
    exhibits = tuple(evidence_mod.number_exhibits(case.evidence, list(valid.evidence_files)))
    amounts = compute_amounts(case)
    facts = case_facts(case, exhibits) | claim_facts(amounts, case)
    deadlines, deadline_warnings = deadlines_mod.compute_deadlines(case, amounts)
    warnings = list(valid.notes) + list(deadline_warnings)
    warnings += _amount_warnings(case, amounts)
    warnings += card_number_warnings(valid)
    warnings += uncounted_promise_warnings(case)
    warnings += undeclared_promise_warnings(case)
    warnings += kin_sex_warnings(case)
    warnings += consultation_warnings(case)
    if _order_refund_unexplained(case, amounts):
        warnings.append(say("warnings.order_refund_unexplained", price=yuan(case.order.price)))
    plans, told = own_plans(case), told_extra(case)
    if plans:
        warnings.append(say("warnings.own_plans", plans="、".join(f"“{c}”" for c in plans)))
    if "extra_restated" in facts and told:
        warnings.append(say("warnings.extra_restated", extra=told))
    if (
        not delivery_described(case.problems)
        and "nothing_delivered" not in facts  # nothing came to check
        and not advertised_first_term(case.order, case.kinds)  # the low price was the advertised first month
    ):
        warnings += low_price_warnings(case.order, case.platform)
    warnings += respondent_warnings(case.platform, case.filing_date)
    warnings += evidence_mod.evidence_gaps(case, list(exhibits))
    warnings += evidence_mod.recording_warnings(list(exhibits))
    warnings += evidence_mod.file_warnings(list(exhibits))
    warnings += _evidence_kind_warnings(case, exhibits)
    return Analysis(
        valid=valid,
        facts=frozenset(facts),
        amounts=amounts,
        deadlines=tuple(deadlines),
        exhibits=exhibits,
        warnings=tuple(dict.fromkeys(warnings)),
    )


def case_facts(case: Case, exhibits) -> frozenset:
    """The named facts the legal rules are conditioned on (see law.FACTS)."""
    facts = {"always"}
    kinds = case.kinds
    facts |= kinds
    used, term = case.order.used_months, case.order.term_months
    if used == 0:
        facts.add("never_used")
    elif used is not None and used < term:
        facts.add("partial_use")
    elif used is not None:
        facts.add("fully_used")
    renewal = next((p for p in case.problems if p.type == "auto_renewal"), None)
    if renewal:
        if renewal.default_checked:
            facts.add("default_checked")
        if renewal.terms_hidden:
            facts.add("renewal_terms_hidden")
        if debits_within_term(case.order, renewal):
            facts.add("debited_within_term")  # “续费” taken inside the term already paid for: no renewal at all
        if _charged_after_cancellation(renewal):
            facts.add("charged_after_cancellation")
            facts |= notice_facts(case, renewal)
        confirmed = confirmed_cancellation(case)
        if confirmed is not None and _confirmed_after_a_debit(renewal, confirmed):
            facts.add("confirmed_after_debit")  # the debits are argued from the request, the confirmation beside it
        elif confirmed is not None and debits_after(renewal, confirmed.date):
            facts.add("charged_after_confirmation")  # debited after the seller said the renewal was cancelled
            if not contact_exhibits(case, exhibits, confirmed):
                facts.add("confirmation_unrecorded")  # said on the phone, say: only the user's record tells it
            else:
                facts.add("confirmation_shown")  # the seller's own confirmation is in evidence
    platform_contacts = [c for c in case.contacts if c.party == "platform"]
    if platform_contacts:
        facts.add("platform_contacted")
    if any(c.result != "resolved" for c in platform_contacts):
        facts.add("platform_unresolved")  # asked, and not satisfied: the filings may say so
    else:
        facts.add("no_platform_contact")
    refusals = [c for c in platform_contacts if c.result == "refused"]
    if refusals:
        facts.add("platform_refused")
    if first_told_platform(case) is not None:
        facts.add("platform_told")  # the platform itself (not its shop) heard of the dispute on that day
    if any(merchant_complaint(c) and c.result in FAILED_RESULTS for c in case.contacts):
        facts.add("payment_complaint_refused")  # a complaint through the channel already made, and not resolved
    if deadlines_mod.pending_complaint(case) is not None:
        facts.add("complaint_pending")  # a complaint already before the regulator: the filing to it supplements it
    facts |= worded_facts(case)
    if extra_restates_asks(case):
        facts.add("extra_restated")  # the further words only ask again what every filing asks: told nowhere twice
    if renewal and switched_off(case, exhibits, renewal, facts):
        facts.add("renewal_switched_off")
    if nothing_came(case.problems):
        # “delivered: 什么都没到账”: nothing came at all, whatever problem type the user picked
        facts.discard("rights_mismatch")
        facts.add("nothing_delivered")
    elif "rights_mismatch" in kinds or delivery_described(case.problems):
        facts.discard("nothing_delivered")  # something came (a trial, a shared account): not a non-delivery
    argued_otherwise = {"seller_abandoned_buyer", "refusal_claims_performance", "auto_renewal", "fully_used"}
    if redelivery_reminders(case) and not facts & argued_otherwise:
        # promised to deliver again, reminded, and still nothing: 563(1)(3) — unless the seller cut the buyer off
        # (563(1)(2)), claims to have performed, or the case is a renewal's or of a term used up
        facts.add("redelivery_unkept")
    if case.platform.url or case.platform.app:
        facts.add("sells_online")  # its own website or app: 12315 jurisdiction follows its domicile
    if case.platform.operator and case.platform.address:
        facts.add("respondent_known")  # what 12315 needs to name the respondent
    if refusal_words(case, parties=("platform",)):
        facts.add("platform_refusal_quoted")  # the platform's own words, to be answered
    quoted = bool(refusal_words(case))
    if quoted:
        facts.add("refusal_quoted")  # words refused with in any contact (a merchant's reply relayed by the channel too)
    if quoted or _refusals_by_seller(case, ("platform",)):
        # a renewal refused is answered on the renewal; any other refusal on what was bought — the seller's own
        # refusal also when the user wrote what was said without quotation marks
        facts.add("renewal_refused" if renewal else "purchase_refused")
    facts.add(
        {"marketplace": "marketplace", "individual": "individual_seller"}.get(case.platform.kind, "self_operated")
    )
    if case.payment.payee_kind == "personal":
        facts.add("personal_payee")
    facts |= marketplace_facts(case.platform, case.payment)
    shown_failing = [e.description for e in case.evidence if e.category == "rights_anomaly"]
    if "one_off_code" in facts and failed_soon(case.order, shown_failing) is not None:
        facts.add("code_failed_at_once")  # a code dead minutes after payment: dead before it was delivered
    if prepaid_term_unserved(case):
        facts.add("prepaid_term_unserved")
    if any(e.kind == "audio" for e in exhibits):
        facts.add("has_recording")
    return frozenset(facts)


FAILED_RESULTS = ("refused", "no_reply", "partial")
# The parties whose answer is the seller's own: the platform (its shop), or someone the user names apart from the
# channels and authorities (in a chat group, the person who sold).
SELLER_SIDE = ("platform", "other")


def redelivery_reminders(case: Case) -> list[Contact]:
    """The reminders left unanswered after the seller's side promised, in its own quoted words, to deliver again
    (“亲，这边给您补发”, markers.redelivery): the 催告 of 民法典第五百六十三条第一款第三项; none without such a
    promise, when the seller's side resolved the matter since, or when its last answer refused or offered a part.
    """
    promised = [
        c
        for c in unkept_contacts(case)
        if c.result == "promised" and any(re.search(say("markers.redelivery"), w) for w in quoted_words(c.summary))
    ]
    if not promised:
        return []
    first = promised[0].date
    later = sorted((c for c in case.contacts if c.party in SELLER_SIDE and c.date > first), key=lambda c: c.date)
    if any(c.result == "resolved" for c in later):
        return []
    if later and later[-1].result in ("refused", "partial"):
        return []  # its last answer refused or offered a part: no longer a delay, the seller will not deliver
    return [c for c in later if c.result in FAILED_RESULTS]


def unkept_contacts(case: Case) -> list[Contact]:
    """The contacts with the seller's side that promised and the ones left unresolved, by date."""
    wanted = ("promised", *FAILED_RESULTS)
    return sorted((c for c in case.contacts if c.party in SELLER_SIDE and c.result in wanted), key=lambda c: c.date)


def order_number(order: Order) -> str | None:
    """The order's number, or None when the case says there is none (“无订单号-20261102”, “没有”: an id matching
    markers.no_order_id) or gives the payment's own transaction number for it (a transfer: told once, as that)."""
    if order.id_is_transaction or re.match(say("markers.no_order_id"), str(order.id)):
        return None
    return str(order.id)


def merchant_complaint(contact: Contact) -> bool:
    """A complaint through the payment channel about the merchant (微信支付投诉商家, rules.yaml
    contact_said.complaint): the answer recorded is the merchant's, not the channel's."""
    return contact.party == "payment" and bool(contact_said().complaint.search(contact.method))


def worded_facts(case: Case) -> set[str]:
    """The facts rules.yaml's `words` read from the user's own words (a refusal's, the purchase's)."""
    sources = word_sources(case)
    found = {w.fact for w in fact_words() if w.found_in(sources[w.source])}
    if "seller_blocked_buyer" in found:  # blocking the buyer is one way of abandoning them (rules.yaml words)
        found.add("seller_abandoned_buyer")
    return found


def word_sources(case: Case) -> dict[str, list[str]]:
    """The user's words each `words` entry looks in, by its `in`."""
    refused = [c for c in case.contacts if c.party in REFUSING_PARTIES and c.result == "refused"]
    purchase = [case.order.product, case.order.advertised]
    purchase += [t for p in case.problems for t in (p.description, p.delivered or "")]
    seller_said = [c.summary for c in case.contacts if reaches_seller(c)]
    return {
        "refusal": refusal_words(case) or [c.summary for c in refused],
        "platform_refusal": [c.summary for c in refused if c.party == "platform"],
        "purchase": purchase,
        "platform_unresolved": [
            c.summary for c in case.contacts if reaches_platform_itself(c, case.platform) and c.result != "resolved"
        ],
        "payment": [case.payment.payee or "", case.order.id or "", *(e.description for e in case.evidence)]
        + [p.description for p in case.problems],
        "seller_said": seller_said,
        "silence_accounts": [p.description for p in case.problems if p.type == "no_response"],
        "accounts": [p.description for p in case.problems],
        "renewal_accounts": [p.description for p in case.problems if p.type == "auto_renewal"],
        "partial_offer": [c.summary for c in partial_offers(case)],
        "extra": [told_extra(case)] if case.claims.extra and not extra_restates_asks(case) else [],
        "seller_conduct": [p.description for p in case.problems] + seller_said,
        "seller_trade": [
            case.platform.name,
            case.platform.customer_service or "",
            case.order.advertised,
            *(e.description for e in case.evidence),
            *(p.description for p in case.problems),
        ],
        "promises": [p.text for p in case.order.promises],
    }


def told_by_representative(case: Case, text: str) -> bool:
    """An account the representative wrote, not the complainant: with a representative, words that speak of the
    complainant as the writer's parent (rules.yaml words' told_by_representative: “我妈付了…”) — in this text, or in
    any account or record of the case: one person wrote the case file, so every account in it is theirs."""
    if case.representative is None:
        return False
    words = words_for("told_by_representative")
    return words.found_in([text]) or _written_by_representative(case)


def consultation_warnings(case: Case) -> list[str]:
    """A contact with a consumer association or the regulator coded as accepted whose way or record says only that
    the user asked for advice (markers.consultation, no 受理): every filing would say the body accepted a complaint,
    and the plan would wait for a mediation no one asked for."""
    words, accepted = say("markers.consultation"), say("markers.accepted_words")
    return [
        say("warnings.consultation_accepted", date=cn_date(c.date), method=c.method)
        for c in case.contacts
        if c.party in ("consumer_association", "regulator")
        and c.result == "accepted"
        and re.search(words, c.method + c.summary)
        and not re.search(accepted, c.method + c.summary)
    ]


def kin_sex_warnings(case: Case) -> list[str]:
    """The representative's words call the complainant a father (我爸) where the ID number or `gender` says 女, or a
    mother where it says 男: the first page of a court complaint would contradict itself (markers.kin_male,
    markers.kin_female)."""
    if case.representative is None:
        return []
    from generator.case.complainant import plaintiff_details

    sex = plaintiff_details(case)[0]
    texts = "".join(_accounts_and_records(case))
    male, female = (g.code for g in V.GENDERS)
    called = [
        (s, m[0])
        for s, key in ((male, "kin_male"), (female, "kin_female"))
        if (m := re.search(say(f"markers.{key}"), texts))
    ]
    if sex is None or len(called) != 1 or called[0][0] == sex:
        return []
    return [say("warnings.kin_sex", called=called[0][1], sex=sex)]


KIN_OF_WRITER = ("kin_parent", "kin_grandparent", "kin_maternal_grandparent")


def stated_relation(case: Case) -> str | None:
    """The representative's relation to the complainant: as the case gives it, else as the accounts' own words show
    it (one who writes “我妈付了…” is the complainant's child: 子女), else None."""
    agent = case.representative
    if agent is None:
        return None
    if agent.relation:
        return agent.relation
    texts = "".join(_accounts_and_records(case))
    found = [key for key in KIN_OF_WRITER if re.search(say(f"markers.{key}"), texts)]
    if not found and (spouse := _spouse_called(case)):
        return say(f"who.relatives.{spouse}")
    return say(f"who.relatives.{found[0]}") if len(found) == 1 else None


def representative_relation(case: Case) -> str:
    """The relation as stated, or only 家属 where the words name no generation (“我家老人”); an organisation's
    advocate is the complainant's 委托代理人."""
    agent = case.representative
    if agent is not None and agent.organisation and not stated_relation(case):
        return say("who.organisation_agent")
    return stated_relation(case) or say("who.relative")


def _written_by_representative(case: Case) -> bool:
    """Some account or record of the case speaks of the complainant as the writer's parent or spouse."""
    texts = _accounts_and_records(case)
    return words_for("told_by_representative").found_in(texts) or bool(_spouse_called(case)) or _org_wrote(case)


def _org_wrote(case: Case) -> bool:
    """A representative from an organisation (a consumer association's advocate) wrote the accounts: they speak of
    the organisation as theirs (“来我会求助”) or of the complainant in the third person (“学生找群主…”):
    phrases.yaml markers.organisation_writer."""
    agent = case.representative
    if agent is None or not agent.organisation:
        return False
    return any(re.search(say("markers.organisation_writer"), t) for t in _accounts_and_records(case))


def _spouse_called(case: Case) -> str | None:
    """`kin_wife` where the accounts call the complainant “我老婆” and she is the wife (the representative is stated
    to be her husband, or her ID number or gender says 女, or, neither known, the accounts say 我老婆 bought it),
    `kin_husband` the other way round; else None. Otherwise “我老公” may be the complainant speaking of the
    representative."""
    agent = case.representative
    if agent is None:
        return None
    from generator.case.complainant import plaintiff_details

    sex = plaintiff_details(case)[0]
    male, female = (g.code for g in V.GENDERS)
    relation = agent.relation or ""
    texts = "".join(_accounts_and_records(case))
    for key, sex_of_complainant, agent_relation in (
        ("kin_wife", female, "relation_husband"),
        ("kin_husband", male, "relation_wife"),
    ):
        complainant_is = sex == sex_of_complainant or re.search(say(f"markers.{agent_relation}"), relation)
        if sex is None and not relation:  # neither known: the spouse who bought is the complainant
            complainant_is = re.search(say(f"markers.{key}_bought"), texts)
        if complainant_is and re.search(say(f"markers.{key}"), texts):
            return key
    return None


def _accounts_and_records(case: Case) -> list[str]:
    """What the writer of the case file told in their own words: the problems' accounts and the contacts' records."""
    return [p.description for p in case.problems] + [c.summary for c in case.contacts]


def partial_offers(case: Case) -> list[Contact]:
    """The contacts in which the seller's side offered to settle only in part (result partial, or a refusal whose
    quoted answer is such an offer: “只能退30”), by date."""
    return sorted(
        (c for c in case.contacts if reaches_seller(c) and (c.result == "partial" or _offer_coded_refused(c))),
        key=lambda c: c.date,
    )


def _offer_coded_refused(contact: Contact) -> bool:
    """A contact coded refused whose quoted answer offers a part (rules.yaml words' partial_refund_offered): the
    seller did not refuse, it settled short — argued as an offer, never as a ground given for refusing."""
    words = words_for("partial_refund_offered")
    return contact.result == "refused" and words.found_in(quoted_words(contact.summary))


def clauses_saying(summary: str, *facts: str) -> list[str]:
    """The clauses of a contact's record in which rules.yaml's `words` for any of `facts` are found, as written,
    in the record's order."""
    words = [w for w in fact_words() if w.fact in facts]
    return [c for c in bare_clauses(summary) if any(w.found_in([c]) for w in words)]


def admissions(case: Case) -> list[tuple[Contact, list[str]]]:
    """The contacts in which the seller's side admitted delivering wrongly (words' seller_admitted_fault), each with
    the clauses of the user's record that say so."""
    found = [(c, clauses_saying(c.summary, "seller_admitted_fault")) for c in case.contacts if reaches_seller(c)]
    return sorted(((c, said) for c, said in found if said), key=lambda pair: pair[0].date)


def admitted_words(said: list[str]) -> str:
    """What the seller's side admitted, in the user's words (“承认发错了”: the `admitted…` groups of rules.yaml words'
    seller_admitted_fault), from the clauses that say it; nothing when the pattern does not mark it."""
    words = words_for("seller_admitted_fault")
    marked = [name for name in words.pattern.groupindex if name.startswith("admitted")]  # one group per pattern
    for clause in said:
        found = words.pattern.search(clause)
        admitted = next((found[name] for name in marked if found and found[name]), "")
        if admitted:
            return admitted
    return ""


def extra_as_request(analysis: Analysis) -> bool:
    """The user's further words (`claims.extra`) ask for something: a request of their own, or the deletion of the
    personal information the seller holds (rules.yaml words' extra_is_request, extra_deletes_personal_info)."""
    return bool({"extra_is_request", "extra_deletes_personal_info"} & analysis.facts)


def extra_told(analysis: Analysis) -> bool:
    """The user's further words are told somewhere, as a request or a statement: not when they only ask again what
    every filing asks (extra_restates_asks)."""
    return bool(told_extra(analysis.case)) and "extra_restated" not in analysis.facts


def _renewal_only(case: Case) -> bool:
    """The case disputes the renewal alone (and perhaps the silence after it), not what the first order bought."""
    return "auto_renewal" in case.kinds and case.kinds <= {"auto_renewal", "no_response"}


def _order_refund_unexplained(case: Case, amounts: Amounts) -> bool:
    """Only the renewal is disputed, yet `refund: auto` with no months used claims the first order back in full
    (case-format.md): every filing asks it back without a word on what was wrong with it."""
    renewal_only = _renewal_only(case)
    asked_auto = case.claims.refund in (None, "auto")
    return renewal_only and asked_auto and amounts.refund_mode == "full" and not case.order.used_months


def own_plans(case: Case) -> list[str]:
    """The clauses of the user's further words that tell their own next steps (“想去法院起诉”, “我不想在网上发帖曝光”:
    phrases.yaml markers.own_plan): advice for the summary, never told to the other side or the body deciding."""
    plan = re.compile(say("markers.own_plan"))
    return [c for c in bare_clauses(case.claims.extra or "") if plan.search(c)]


def told_extra(case: Case) -> str:
    """The user's further words as the filings may tell them: as written, less the clauses of their own plans."""
    plans = own_plans(case)
    if not plans:
        return case.claims.extra or ""
    kept = [c for c in clauses(case.claims.extra or "") if c.rstrip(CLAUSE_ENDS).strip() not in plans]
    return "".join(kept).strip().rstrip("，,；;")  # the clause now last ended on a comma that led to a plan


def extra_restates_asks(case: Case) -> bool:
    """Every clause of the user's further words (less their own plans) only asks again for the money
    (“把三次扣的66块都退回来”, any amount in it one the case pays or asks), where stopping the renewal is claimed for
    that (“以后不许再扣”), or on a marketplace for the shop's operator's identity: phrases.yaml markers.money_restated,
    renewal_restated, disclosure_restated, each matching a whole clause. With nothing but plans left, there is
    nothing to tell either."""
    joiner = re.compile(say("markers.clause_joiner"))
    clauses_told = [joiner.sub("", c, count=1).strip() for c in bare_clauses(told_extra(case))]
    money = re.compile(say("markers.money_restated"))
    renewal = re.compile(say("markers.renewal_restated")) if case.claims.stop_auto_renewal else None
    # on a marketplace every letter to the platform already asks who runs the shop (消保法第四十四条)
    disclosure = re.compile(say("markers.disclosure_restated")) if case.platform.seller is not None else None
    amounts = _amounts_of_case(case)

    def restated(clause: str) -> bool:
        if renewal is not None and renewal.fullmatch(clause):
            return True
        if disclosure is not None and disclosure.fullmatch(clause):
            return True
        figures = {Decimal(n) for n in re.findall(r"\d+(?:\.\d+)?", clause)}
        return bool(money.fullmatch(clause)) and figures <= amounts

    if not clauses_told:  # nothing but the user's plans (told in the summary), or nothing but punctuation
        return bool(own_plans(case))
    return all(restated(c) for c in clauses_told)


def _amounts_of_case(case: Case) -> set[Decimal]:
    """The sums a restated request may name: the price, each renewal debit and their total with and without the
    price, the refund and the total asked, and what is left of them after a part paid back."""
    charges = [c.amount for p in case.problems for c in p.charges]
    out = {case.order.price, *charges, sum(charges, Decimal(0)), case.order.price + sum(charges, Decimal(0))}
    asked = compute_amounts(case)
    order, renewals = asked.left_after_refunded()
    out |= {asked.refund, asked.renewals, asked.refund + asked.renewals, asked.total, order, renewals, order + renewals}
    return {fen(a) for a in out if a > 0}  # nothing renewed is no sum asked: “0退” restates nothing


def extra_beside_deletion(case: Case) -> list[str]:
    """The clauses of the user's request to delete their personal information that ask or state something else
    (“…，并向我们书面道歉”), as written but for a leading joining word (markers.clause_joiner)."""
    words = words_for("extra_deletes_personal_info")
    joiner = re.compile(say("markers.clause_joiner"))
    said_already = re.compile(say("markers.deletion_continued") + "|" + say("markers.refund_restated"))
    clauses = (joiner.sub("", c, count=1) for c in bare_clauses(told_extra(case)) if not words.found_in([c]))
    return [c for c in clauses if not said_already.fullmatch(c.strip())]  # “不要再用”, “退全款128元”: asked above


def extra_says_more(case: Case) -> bool:
    """The user's request to delete their personal information says more than that request."""
    return bool(extra_beside_deletion(case))


def further_requests(case: Case) -> list[str]:
    """The clauses beside a deletion request that are requests of their own (rules.yaml words' extra_is_request):
    listed among the requests as the user's words, not lost in the facts."""
    words = words_for("extra_is_request")
    return [c for c in extra_beside_deletion(case) if words.found_in([c])]


def extra_only_requests(case: Case) -> bool:
    """Everything beside a deletion request is a request too: the facts then quote none of it."""
    beside = extra_beside_deletion(case)
    return bool(beside) and further_requests(case) == beside


def personal_items(extra: str) -> tuple[list[str], bool]:
    """The kinds of personal information the user's words list (QQ号, 手机号: phrases.yaml markers.personal_items),
    once each in their order, and whether the list ends with 等 (more than those)."""
    pattern = re.compile(say("markers.personal_items"))
    found = list(pattern.finditer(extra))
    items = list(dict.fromkeys(m[0] for m in found))
    more = bool(found) and extra[found[-1].end() :].lstrip().startswith(say("markers.list_more"))
    return items, more


def reaches_seller(contact: Contact) -> bool:
    """A contact with the seller's side: the platform (its shop), or someone `other` whose method names the seller
    or whose record opens with them (“QQ私聊群主”, “群主说…”: rules.yaml contact_said.seller)."""
    if contact.party == "platform":
        return True
    seller = contact_said().seller
    return contact.party == "other" and bool(seller.search(contact.method) or seller.match(contact.summary))


def confirmed_cancellation(case: Case) -> Contact | None:
    """The first contact in which the seller's side confirmed the renewal cancelled (“客服说已经帮我取消了”: rules.yaml
    words' seller_confirmed_cancellation), or None."""
    words = words_for("seller_confirmed_cancellation")
    told = [c for c in case.contacts if reaches_seller(c) and words.found_in([c.summary])]
    return min(told, key=lambda c: c.date) if told else None


def cancellation_exhibits(case: Case, exhibits, asked_on: date) -> list:
    """What shows the renewal cancelled on that day: an exhibit tied to the day, or one the user ties to the
    renewal whose description shows the cancellation (a settings page “已关闭自动续费”) — never the bill of the
    debits, which the same `about` names."""
    shows = lambda d: exhibit_match.shows_cancellation(d, asked_on)  # noqa: E731
    tied = exhibits_for(case, exhibits, (asked_on,), shows)
    renewal = exhibits_for(case, exhibits, ("auto_renewal",), lambda d: False)
    shown = [e for e in renewal if shows(exhibit_match.describe(case.evidence[e.index], e, case))]
    return [e for e in exhibits if e in tied or e in shown]


def switched_off(case: Case, exhibits, renewal: Problem, facts) -> bool:
    """The user switched the renewal off in the app, not only asked for it to be cancelled: settled with no one on
    the seller's side (no contact that day, no confirmation), and shown so — by the cancellation's evidence, a page
    described as showing it cancelled (“显示‘已关闭’”), or, where no exhibit shows the cancellation at all, by the
    user's own account (rules.yaml words' switched_off_told). A chat asking for it shows a request, whatever the
    account says."""
    asked = renewal.cancel_requested_at
    if asked is None or cancellation_contact(case) is not None:
        return False
    shown = cancellation_exhibits(case, exhibits, day_of(asked))
    if not shown:
        return "switched_off_told" in facts
    return any(exhibit_match.shows_cancelled(exhibit_match.describe(case.evidence[e.index], e, case)) for e in shown)


def cancellation_page_words(case: Case, exhibits) -> list[str]:
    """The renewal's state as the page showing it switched off is quoted in its exhibit's description (“已关闭”),
    once each, in the exhibits' order; nothing without such an exhibit or quotation."""
    renewal = case.problem("auto_renewal")
    asked = renewal.cancel_requested_at if renewal else None
    if asked is None:
        return []
    status = exhibit_words()["renewal_status"]
    words = []
    for e in cancellation_exhibits(case, exhibits, day_of(asked)):
        described = exhibit_match.describe(case.evidence[e.index], e, case)
        if exhibit_match.shows_cancelled(described):
            words += [q for q in exhibit_match.quoted(described.text) if status.search(q)]
    return list(dict.fromkeys(words))


def cancel_act(facts) -> str:
    """How the renewal was cancelled, as the phrases name it (phrases.py CANCEL_ACTS)."""
    return "switched_off" if "renewal_switched_off" in facts else "asked"


def cancellation_contact(case: Case) -> Contact | None:
    """The contact in which the renewal's cancellation was settled with the seller's side: the one confirming it
    (unless it came only after a debit), else one on the day the cancellation was asked for; None when it was asked
    for some other way (in the app)."""
    confirmed = confirmed_cancellation(case)
    renewal = case.problem("auto_renewal")
    # a confirmation after a debit that followed the request settled nothing then: it re-closed it (“重新关闭了”)
    if confirmed is not None and not (renewal and _confirmed_after_a_debit(renewal, confirmed)):
        return confirmed
    asked = renewal.cancel_requested_at if renewal else None
    if asked is None:
        return None
    day = day_of(asked)
    return next((c for c in case.contacts if reaches_seller(c) and c.date == day), None)


def prepaid_term_unserved(case: Case) -> bool:
    """A term of service paid ahead and cut short: some months of it had, then no more — not a wrong product
    that arrived from the start (a problem saying what was `delivered` instead), which was never the one paid for."""
    used = case.order.used_months
    if not used or used >= case.order.term_months:
        return False
    return not any(came_instead(p) for p in case.problems)


def reaches_platform_itself(contact: Contact, platform: Platform) -> bool:
    """A contact with the platform that reached the platform's own service, not its shop (on a marketplace the
    method names the platform, e.g. 平台在线客服: markers.platform_itself); on other sites the platform is the
    seller."""
    if contact.party != "platform" or platform.kind == "individual":
        return False
    if not platform.seller:
        return True
    way = contact.method
    if re.search(say("markers.shop_side"), way) or platform.seller.name in way:
        return False
    itself = bool(re.search(say("markers.platform_itself"), way))
    if not itself and re.search(say("markers.shop_request"), way):  # an after-sales request the shop decides
        return False
    return itself or platform.name in way


def first_told_platform(case: Case) -> Contact | None:
    """On a marketplace, the earliest contact with the platform itself about its shop's sale, or None."""
    if not case.platform.seller:
        return None
    told = [c for c in case.contacts if reaches_platform_itself(c, case.platform)]
    return min(told, key=lambda c: c.date) if told else None


def marketplace_facts(platform: Platform, payment: Payment) -> set[str]:
    """A shop on a marketplace sold: the shop is the seller; whether the platform itself collected the money."""
    if platform.kind != "marketplace" or not platform.seller:
        return set()
    facts = {"marketplace_shop"}
    if platform.seller.address:
        facts.add("shop_address_shown")  # the shop's address on the platform: where 12315 takes the complaint
    payee = payment.payee
    if payee and payee in {platform.operator, platform.name}:
        facts.add("platform_payee")  # the price went to the platform, not to the shop
    return facts


def argued_promises(case: Case, amounts: Amounts) -> list:
    """The seller's promises the letters argue: those covering a problem of the case, each undertaking to refund or
    perform, and a promised multiple only when it is the compensation claimed — a “假一赔十” not claimed (the threefold
    being higher, or not asked for) argued in a letter that then asks for something else reads as a concession."""
    claimed = amounts.promise.text if amounts.promise is not None and amounts.promised else None
    kinds = case.kinds
    return [
        p
        for p in case.order.promises
        if p.counts_for(kinds) and (not p.times or p.text == claimed) and not promise_lapsed(p.text, case)
    ]


def promise_lapsed(text: str, case: Case) -> bool:
    """A promise for a number of days (“七天无理由”, markers.promise_days) that had run out when the failure was
    found: arguing it would invite the answer that it expired."""
    found = re.search(say("markers.promise_days"), text)
    if found is None:
        return False
    try:
        days = arabic_number(found["days"])
    except ValueError:
        return False
    contacts = sorted(c.date for c in case.contacts)
    noticed = case.order.failed_at or (contacts[0] if contacts else case.filing_date)
    return day_of(noticed) > day_of(case.order.paid_at) + timedelta(days=days)


def claim_facts(amounts: Amounts, case: Case) -> set[str]:
    """Facts of what is claimed: the refund's basis, which compensation, if any, and the promises argued."""
    facts = {f"refund_{amounts.refund_mode}"}
    if amounts.refund_mode == "explicit" and amounts.refund < amounts.price:
        facts.add("refund_part_claimed")  # the user keeps what came and asks back a part: 减少价款, not termination
    if argued_promises(case, amounts):
        facts.add("promise_made")
        kinds = case.kinds
        if "auto_renewal" not in kinds and ("no_response" in kinds or unkept_contacts(case)):
            facts.add("promise_unkept")  # asked to make good, the seller did not (a renewal is argued on its debits)
    if amounts.refunded and partial_offers(case):
        facts.add("seller_refunded_part")  # the seller's side paid a part back: it settled short, it did not refuse
    if amounts.punitive:
        facts.add("punitive_claimed")
    if amounts.promised:
        facts.add("promise_claimed")
    promise = amounts.promise
    if amounts.punitive and promise is not None and promise.amount and not amounts.promised:
        facts.add("promise_alternative")  # the threefold claimed; the lower promise pleaded in the alternative
    if amounts.loss_items:
        facts.add("losses_claimed")
    return facts


# The other side's words as users quote them: “…”, or with the keyboard's "…" or 「…」
_QUOTED_RE = re.compile(r'“([^”]+)”|"([^"\n]+)"|「([^」]+)」')


# Contacts in which the seller's answer is heard: directly, or relayed by the payment channel's complaint.
REFUSING_PARTIES = ("platform", "payment")


def refusal_words(case: Case, parties=REFUSING_PARTIES) -> list[str]:
    """The words a refusal was given in, as quoted (“…”) in the user's summaries of refused contacts — not the words
    in which the seller's side admitted delivering wrongly (admissions) or threatened (“再闹就拉黑”), nor what a
    marketplace itself answered
    about its shop's sale (a closure shown as “商家已处理” is the platform's, not the shop's refusal)."""
    words: list[str] = []
    admitted = {w for _c, said in admissions(case) for w in quoted_words("".join(said))}
    threat = words_for("seller_threatened").pattern  # “再闹就拉黑” is no ground given for refusing either
    for c in _refusals_by_seller(case, parties):  # an admission quoted is no ground given for refusing
        words += [w for w in quoted_words(c.summary) if w not in words and w not in admitted and not threat.search(w)]
    return words


def _refusals_by_seller(case: Case, parties=REFUSING_PARTIES) -> list[Contact]:
    """The refused contacts in which the seller answered: with the platform (not a marketplace's own service when
    its shop sold) or through the payment channel."""
    shop_sold = case.platform.seller is not None
    return [
        c
        for c in case.contacts
        if c.party in parties
        and c.result == "refused"
        and not (shop_sold and reaches_platform_itself(c, case.platform))
        and not (reaches_seller(c) and _offer_coded_refused(c))
    ]


def quoted_words(summary: str) -> list[str]:
    """What the other side said, as the user quoted it (“…”) in a contact's summary."""
    return [next(part for part in found if part) for found in _QUOTED_RE.findall(summary)]


def failed_soon(order: Order, descriptions: Sequence[str]) -> tuple[datetime, datetime] | None:
    """The moments of payment and of the failure found, when the case gives both to the minute and the failure came
    within rules.yaml quick_failure.max_minutes of the payment; else None.

    The failure's moment is `failed_at` when it has a time; otherwise the first time of day written in
    `descriptions` (what the exhibits showing the failure say, e.g. “时间是10:32”), read as of the payment's day only
    when `failed_at` says the failure was found that same day."""
    paid, failed = order.paid_at, order.failed_at
    if not isinstance(paid, datetime) or failed is None:
        return None
    if isinstance(failed, datetime):
        moment: datetime | None = failed
    elif failed != paid.date():
        return None
    else:
        moment = written_time(paid.date(), descriptions)
    if moment is None:
        return None
    gap = (moment - paid).total_seconds() / 60
    return (paid, moment) if 0 <= gap <= quick_failure().max_minutes else None


def written_time(day: date, texts: Sequence[str]) -> datetime | None:
    """The first time of day written in the texts (rules.yaml quick_failure.clock), on that day."""
    for text in texts:
        for clock in quick_failure().clocks:
            found = clock.search(text)
            if found:
                return datetime(day.year, day.month, day.day, int(found["hour"]), int(found["minute"]))
    return None


def months_between(start: date, end: date) -> int:
    """Whole calendar months from one day to another."""
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def debits_within_term(order: Order, renewal: Problem) -> list[Charge]:
    """The renewal debits dated inside the term the first order paid for (a year card, then a monthly debit a
    month later): they renew nothing."""
    paid = day_of(order.paid_at)
    return [c for c in renewal.charges if months_between(paid, c.date) < order.term_months]


def debits_after_cancellation(renewal: Problem) -> list[Charge]:
    """The renewal debits dated after the day the user asked to cancel (none without a request)."""
    cancel = renewal.cancel_requested_at
    return [] if cancel is None else debits_after(renewal, cancel)


def _confirmed_after_a_debit(renewal: Problem, confirmed: Contact) -> bool:
    """The seller confirmed the cancellation only after a debit that already followed the user's request."""
    return any(c.date <= confirmed.date for c in debits_after_cancellation(renewal))


def debits_after(renewal: Problem, day) -> list[Charge]:
    """The renewal debits dated after a day."""
    return [c for c in renewal.charges if c.date > day_of(day)]


def notice_claimed(case: Case) -> tuple[int, str] | None:
    """The notice a refusal says a cancellation needed (“取消要提前24小时”: rules.yaml cancel_notice), as its number
    and unit (“hours” or “days”, as the seller put it), or None."""
    for text in word_sources(case)["refusal"]:
        for pattern in cancel_notice():
            found = pattern.search(text)
            if found:
                unit = "hours" if found.groupdict().get("hours") else "days"
                return int(found[unit]), unit
    return None


def notice_span(notice: tuple[int, str]) -> timedelta:
    number, unit = notice
    return timedelta(**{unit: number})


def debits_by_notice(renewal: Problem, notice: timedelta) -> tuple[list[Charge], list[Charge]]:
    """The debits after the cancellation split by a notice period: those certainly later than the notice after the
    cancellation (counted from the latest moment of its day, or its time when given, to the debit day's first
    moment), and those that may fall within it."""
    cancel = renewal.cancel_requested_at
    if cancel is None:
        return [], []
    latest = cancel if isinstance(cancel, datetime) else datetime.combine(cancel, datetime.min.time()) + timedelta(1)
    beyond: list[Charge] = []
    within: list[Charge] = []
    for debit in debits_after_cancellation(renewal):
        earliest = datetime.combine(debit.date, datetime.min.time())
        (beyond if earliest - latest >= notice else within).append(debit)
    return beyond, within


def notice_facts(case: Case, renewal: Problem) -> set[str]:
    """A refusal claiming the cancellation came too late (cancel_notice_refused), and which debits after it lie
    beyond that notice even by the seller's rule (charged_beyond_notice) or may lie within it
    (charged_within_notice)."""
    notice = notice_claimed(case)
    if notice is None:
        return set()
    beyond, within = debits_by_notice(renewal, notice_span(notice))
    facts = {"cancel_notice_refused"}
    if beyond:
        facts.add("charged_beyond_notice")
    if within:
        facts.add("charged_within_notice")
    return facts


def _charged_after_cancellation(renewal: Problem) -> bool:
    return bool(debits_after_cancellation(renewal))


def _amount_warnings(case: Case, amounts: Amounts) -> list[str]:
    out = []
    if amounts.refunded and amounts.refunded > amounts.refund + amounts.renewals:
        out.append(say("warnings.refunded_exceeds", amount=yuan(amounts.refunded)))
    order = case.order
    elapsed = months_between(day_of(order.paid_at), case.filing_date)
    # only the renewal disputed, the first order marked as not disputed (used_months = term_months): no use is told
    undisputed = _renewal_only(case) and order.used_months == order.term_months
    if (order.used_months or 0) > elapsed + 1 and not undisputed:
        out.append(say("warnings.used_months", used=order.used_months, elapsed=elapsed))
    claims = case.claims
    if not amounts.total and not claims.stop_auto_renewal and not claims.extra:
        out.append(say("warnings.nothing_claimed"))
    if any(c.party == "platform" and c.result == "resolved" for c in case.contacts):
        out.append(say("warnings.resolved"))
    if case.claims.refund == "prorated" and not case.order.used_months:
        out.append(say("warnings.prorated_without_used"))
    return out


def uncounted_promise_warnings(case: Case) -> list[str]:
    """A promise covering none of the case's problems is left out of the filings: the user is told, not refused."""
    kinds = case.kinds
    return [
        say(
            "warnings.promise_not_counted",
            n=i,
            promise=p.text,
            covers="、".join(V.names(V.PROBLEM_TYPES)[c] for c in p.covers),
        )
        for i, p in enumerate(case.order.promises)
        if not p.counts_for(kinds)
    ]


def undeclared_promise_warnings(case: Case) -> list[str]:
    """The advertising carries what reads as an undertaking (“兑换失败包退”, markers.promise_words) that no
    `order.promises` entry holds: the filings argue it only as advertising; the user is told how to plead it."""
    declared = "".join(p.text for p in case.order.promises)
    clauses = re.split(r"[，,。；;！!\s]+", case.order.advertised or "")
    found = [c for c in clauses if c and re.search(say("markers.promise_words"), c) and c not in declared]
    return [say("warnings.promise_undeclared", promise=c) for c in dict.fromkeys(found)]


def card_number_warnings(valid: ValidCase) -> list[str]:
    """Each transaction number (the order's, each renewal debit's) that looks like a bank-card number: most likely
    the card was copied instead of the statement's reference; located by line and key path."""
    case = valid.case
    numbers: list[tuple[tuple, str | None]] = [(("payment", "transaction_id"), case.payment.transaction_id)]
    for i, problem in enumerate(case.problems):
        numbers += [
            (("problems", i, "charges", j, "transaction_id"), c.transaction_id) for j, c in enumerate(problem.charges)
        ]
    out = []
    for path, number in numbers:
        if number and looks_like_card(number.strip()):
            line = _line(valid.lines, path)
            at = say("summary.at_line", line=line) if line else ""
            out.append(say("summary.transaction_looks_like_card", at=at, path=key_path(path), number=number.strip()))
    return out


def looks_like_card(number: str) -> bool:
    """A bank card's 16–19 digits that pass the Luhn check (python-stdnum), or begin with the issuer number of a
    card network whose cards need not pass it (markers.card_iin: China UnionPay's 62)."""
    if not (number.isdigit() and 16 <= len(number) <= 19):
        return False
    from stdnum import luhn  # imported only for a case whose number has a card's length

    return luhn.is_valid(number) or bool(re.match(say("markers.card_iin"), number))


def key_path(path: tuple) -> str:
    """`problems[0].charges[1].transaction_id`, as the errors name a key."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def _line(lines: dict, path: tuple) -> int | None:
    """The line of a key path in the case file, or of its closest parent that has one."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return None


def _evidence_kind_warnings(case: Case, exhibits) -> list[str]:
    out = []
    for e in exhibits:
        item = case.evidence[e.index]
        if item.recording_disclosed is not None and e.kind != "audio":
            out.append(say("warnings.not_recording", label=e.label, name=e.name))
    return out


def came_instead(problem: Problem) -> str | None:
    """What the problem says came instead of what was sold (its `delivered`) — None where it says nothing came at
    all (“什么都没到账”: markers.nothing_came), which is a non-delivery, not a wrong delivery."""
    delivered = (problem.delivered or "").strip()
    if not delivered or re.fullmatch(say("markers.nothing_came"), delivered.rstrip("。.！!")):
        return None
    return problem.delivered


def nothing_came(problems: Sequence[Problem]) -> bool:
    """Every wrong-delivery problem says nothing came at all (“delivered: 什么都没到账”)."""
    mismatched = [p for p in problems if p.type == "rights_mismatch"]
    return bool(mismatched) and all(p.delivered and came_instead(p) is None for p in mismatched)


def delivery_described(problems: Sequence[Problem]) -> bool:
    """The user already says a trial or wrong product came: the low-price advice to check it adds nothing.

    The words that say what was delivered (a trial, a fake or a wrong membership, or an account handed over —
    shared, stolen, its password changed — instead of a membership of one's own) are markers.delivery_words."""
    words = say("markers.delivery_words")
    return any(
        came_instead(p) or (p.type in ("rights_mismatch", "fraud") and re.search(words, p.description))
        for p in problems
    )


def low_price_warnings(order: Order, platform: Platform | None = None) -> list[str]:
    """Advice when the price paid is well below the official price of the same membership."""
    price, official = order.price, order.official_price
    if official is not None:
        compared, caveat = say("warnings.official_price", official=yuan(official)), ""
    else:
        reference = reference_price(order.service, order.term_months)
        if reference is None:
            return []
        official, price_fact = reference
        compared, caveat = price_fact.text, say("warnings.reference_caveat")
    share = low_price_share()
    if Fraction(price) >= Fraction(official) * share:
        return []
    # from a card platform a trial or a forged code; from a person in a chat group, more often someone else's
    # account, shared or stolen
    risk = say(f"warnings.low_price_risk.{'individual' if platform and platform.kind == 'individual' else 'other'}")
    return [
        say(
            "warnings.low_price",
            price=yuan(price),
            compared=compared,
            share=chinese_fraction(share),
            risk=risk,
            caveat=caveat,
        )
    ]


def respondent_warnings(platform: Platform, filing: date) -> list[str]:
    """The 12315 complaint must name the respondent and its address: say how to find them.

    The advice (the ICP filing of a website, the enterprise registry) finds a business behind a site
    or app; a person selling in a chat group has neither, and the plan's step to identify them says
    what does (the real name on the transfer, the police)."""
    if platform.kind == "individual":
        return []
    missing = [
        say(f"warnings.respondent.{item}")
        for item, given in (("operator", platform.operator), ("address", platform.address))
        if not given
    ]
    rule_fact: Fact | None = fact_in_force("regulator.missing_respondent", filing)
    if not missing or rule_fact is None:
        return []
    joined = say("warnings.and").join(missing)
    return [say("warnings.respondent_missing", missing=joined, rule=rule_fact.text, source=rule_fact.source)]
