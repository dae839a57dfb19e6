"""The filings for the steps after the first four: the 消协 mediation request and the small-claims complaint.

Each is drafted for every case whose facts allow it, so it is ready when the plan
reaches that step. A complaint the court would need something for that the case
file does not give (民事诉讼法第一百二十四条: the defendant's name and domicile,
the plaintiff's sex and age) is not written at all; `missing_for_court` says what.
"""

from __future__ import annotations

import re

from generator.case.complainant import plaintiff_details
from generator.case.model import Case
from generator.cnformat import cn_date
from generator.filings import individual
from generator.filings.analyse import Analysis, extra_as_request, stated_relation, told_extra
from generator.filings.narrative import ROLES, order_ref, pay_mode
from generator.filings.parties import (
    bought_at,
    images,
    person_lines,
    refund_verb,
    respondent_lines,
    shop_of,
    title_of,
    tried_clause,
)
from generator.filings.plan import extra_left_out, filing_called_for, plan_facts, skipped_filings
from generator.filings.records import payment_recipient
from generator.law import provisions as law
from generator.law.channels import fact
from generator.law.money import rmb
from generator.law.office import consumer_association, report_office, small_claims_courts
from generator.phrases import say, title


def missing_for_court(case: Case) -> list[str]:
    """What the complaint must state (民事诉讼法第一百二十四条) and the case file does not give."""
    platform = case.platform
    gender, born = plaintiff_details(case)
    absent = [
        item
        for item, given in (
            ("operator", platform.operator),
            ("address", platform.address),
            ("gender", gender),
            ("birth_date", born),
        )
        if not given
    ]
    if not absent and not any(c.name for c in small_claims_courts(case)):
        absent.append("venue")
    return [say(f"court.missing.{item}") for item in absent]


def applies(kind: str, analysis: Analysis) -> bool:
    """Whether a filing is drafted for this case: the court complaint when it can be written, the
    authorization with a representative, the others as data/plan.yaml's `filings` decide."""
    case = analysis.case
    if kind == "court_complaint":
        return not missing_for_court(case) and not platform_not_yet_asked(analysis)
    if kind == "authorization":  # made out to the agent by name, never to a title (“陈律师”)
        agent = case.representative
        return agent is not None and not individual.named_by_title(agent.name)
    return filing_called_for(kind, plan_facts(case, analysis.facts))


def platform_not_yet_asked(analysis: Analysis) -> bool:
    """A shop sold on a marketplace and its operator is not known: the platform answers for it in court
    (消保法第四十四条第一款) only once asked to name the shop's operator and it did not; until then no suit."""
    return "marketplace_shop" in analysis.facts and "platform_withheld_seller" not in analysis.facts


def missing_warnings(case: Case) -> list[str]:
    """For the summary: the court complaint or the authorisation not written, and what each needs."""
    out = []
    missing = missing_for_court(case)
    if missing:
        out.append(say("court.not_drafted", missing="、".join(missing)))
    agent = case.representative
    if agent and individual.named_by_title(agent.name):
        out.append(say("authorization.not_drafted", name=agent.name))
    return out


def relation_warnings(analysis: Analysis) -> list[str]:
    """The 委托诉讼代理人 named without the relation to the plaintiff the court will ask about (a relative with no
    organisation: the case gives no representative.relation)."""
    agent = litigation_agent(analysis)
    if agent is None or stated_relation(analysis.case) or agent.organisation:
        return []
    return [say("authorization.relation_missing", name=agent.name)]


def mediation_request(analysis: Analysis, writer, common) -> dict:
    """消协调解申请书: the dispute put to a consumer association instead of 12315."""

    ctx = common(analysis, writer, "mediation_request")
    case = analysis.case
    me, them = ROLES["mediation_request"]
    subject = say("subjects.mediation_request")
    requests = [say("requests.mediation_accept")]
    requests += writer.money_requests(refund_verb(analysis, subject), subject=subject)
    requests += writer.other_requests("mediation_request", subject=subject)
    association = consumer_association(case) or say("salutations.association_unnamed")
    ctx.update(
        {
            "parties": person_lines(case, me, with_id=False, agent=True) + respondent_lines(case, them),
            "salutation": say("salutations.mediation_request", association=association),
            "intro": say(
                "intros.mediation_request",
                bought_at=bought_at(case, them),
                product=case.order.product,
                tried=tried_clause(analysis, "mediation_request"),
            ),
            "requests": requests,
            "addressee": association,
            "images": images(analysis),
        }
    )
    return ctx


def court_complaint(analysis: Analysis, writer, common) -> dict:
    """民事起诉状 for a small-claims suit, in the order 民事诉讼法第一百二十四条 lists its contents."""
    ctx = common(analysis, writer, "court_complaint")
    case = analysis.case
    court = complaint_court(case)
    subject = say("subjects.court_complaint")
    argued = law.applicable(analysis.facts, "court_complaint", analysis.filing_date)
    terminates = any(p.key in law.termination_cites() for arg in argued for p in arg.provisions)
    requests = [say("requests.court_termination")] if terminates else []  # the ground argued, asked for first
    requests += writer.money_requests(refund_verb(analysis, subject), subject=subject, court=True)
    requests += writer.other_requests("court_complaint", subject=subject)
    requests.append(say("requests.court_costs"))
    ctx.update(
        {
            "parties": _plaintiff_lines(case) + agent_lines(analysis) + _defendant_lines(case),
            "cause": say("court.cause"),
            "requests": requests,
            "evidence_source": say("court.evidence_source"),
            "court": court.name,
            "copies": say("court.copies"),
            "signer_role": say("court.signer_role"),
            "images": images(analysis),
        }
    )
    if litigation_agent(analysis) is not None:  # the agent the parties name acts by the authorisation filed with it
        ctx["attachments"] = [*ctx["attachments"], say("court.authorization_attached")]
    return ctx


def complaint_court(case: Case):
    """The court the complaint is addressed to: the buyer's (the place of performance), else the defendant's."""
    buyer, defendant = small_claims_courts(case)
    return buyer if buyer.name else defendant


def litigation_agent(analysis: Analysis):
    """The representative acting as 委托诉讼代理人 (plan.yaml's litigation_authorization: the route is the court and the
    authorisation drafted is for the suit), or None."""
    if not applies("authorization", analysis) or not applies("court_complaint", analysis):
        return None  # no suit drafted (no court for the addresses, no defendant): the authorisation is the general one
    return (
        analysis.case.representative
        if "litigation_authorization" in plan_facts(analysis.case, analysis.facts)
        else None
    )


def agent_lines(analysis: Analysis) -> list[str]:
    """The 委托诉讼代理人 in the complaint's parties: name, relation as the case gives it, phone and address."""
    agent = litigation_agent(analysis)
    if agent is None:
        return []
    stated = stated_relation(analysis.case)
    relation = say("court.agent_relation", relation=stated) if stated else ""
    if agent.organisation and not stated:  # 张明远，某某律师事务所律师: who the agent is, as the court asks
        lawyer = re.search(say("markers.law_firm"), agent.organisation)
        key = "court.agent_lawyer" if lawyer else "court.agent_staff"
        relation = say(key, organisation=agent.organisation)
    lines = [say("court.agent", name=agent.name, relation=relation), say("court.phone", phone=agent.phone)]
    if agent.address:
        lines.append(say("parties.address", address=agent.address))
    return lines


def _plaintiff_lines(case: Case) -> list[str]:
    person = case.complainant
    gender, born = plaintiff_details(case)
    assert born is not None, "the court complaint is drafted only when the plaintiff's details are known"
    ethnicity = f"，{person.ethnicity}" if person.ethnicity else ""
    lines = [
        say("court.plaintiff", name=person.name, gender=gender, born=cn_date(born), ethnicity=ethnicity),
        say("court.domicile", address=person.address),
        say("court.phone", phone=person.phone),
    ]
    if person.id_number:
        lines.append(say("parties.id_number", id_number=person.id_number))
    return lines


def _defendant_lines(case: Case) -> list[str]:
    """The platform operator; on a marketplace it is sued as the platform its shop sold on (消保法第四十四条),
    the case giving the shop's name but not who runs it."""

    pf, shop = case.platform, shop_of(case)
    named = individual.platform_named(case)
    role = (
        say("court.defendant_marketplace", platform=pf.name, shop=shop.name)
        if shop
        else say("court.defendant_runs", platform=named)
    )
    lines = [say("court.defendant", operator=pf.operator, role=role), say("court.domicile", address=pf.address)]
    if pf.credit_code:
        lines.append(say("parties.credit_code", credit_code=pf.credit_code))
    return lines


def summary_notes(analysis: Analysis) -> list[str]:
    """What the summary says beside the later filings: the filings held back and why, what is missing, whom
    the suit is against, and the honest word on the police."""
    notes = skipped_filings(plan_facts(analysis.case, analysis.facts), analysis.case) + missing_warnings(analysis.case)
    notes += relation_warnings(analysis)
    shop = analysis.case.platform.seller
    if shop and "marketplace_shop" in analysis.facts and applies("court_complaint", analysis):
        # why the suit names the platform operator although the shop sold (the drafter's choice, explained once)
        notes.append(say("summary.marketplace_defendant", shop=shop.name, operator=analysis.case.platform.operator))
    elif shop and platform_not_yet_asked(analysis) and not missing_for_court(analysis.case):
        notes.append(say("summary.marketplace_not_yet", shop=shop.name))
    notes += extra_left_out_notes(analysis)
    if applies("court_complaint", analysis) and not analysis.case.complainant.ethnicity:
        notes.append(say("court.ethnicity_missing"))  # the format gives it only when the user writes it
    if applies("court_complaint", analysis) and not individual.is_individual(analysis.case):
        notes.append(say("court.legal_representative_missing"))  # a company's: no field of the format holds it
    if applies("police_report", analysis):
        threshold = fact("after.police_threshold")
        notes.append(say("summary.police", threshold=threshold.text, source=threshold.source))
    return notes


def extra_left_out_notes(analysis: Analysis) -> list[str]:
    """For the summary: the user's other requests (`claims.extra`) a drafted later filing does not list, and why."""
    extra = told_extra(analysis.case)
    if not extra or not extra_as_request(analysis):  # a statement is quoted in the facts, never a request
        return []
    return [
        say(f"summary.extra_left_out.{kind}", extra=extra.strip(), filing=title_of(kind, analysis))
        for kind in extra_left_out()
        if applies(kind, analysis)
    ]


def report_12315(analysis: Analysis, writer, common) -> dict:
    """12315举报: the suspected violation put to the regulator, apart from the complaint (办法第九条)."""

    ctx = common(analysis, writer, "report_12315")
    case = analysis.case
    me, them = ROLES["report_12315"]
    office = report_office(case)
    ctx.update(
        {
            "parties": person_lines(case, me, with_id=False) + respondent_lines(case, them),
            "salutation": say("salutations.report_12315", office=office.name or say("salutations.regulator_unnamed")),
            "intro": say("intros.report_12315", bought_at=bought_at(case, them), product=case.order.product),
            "requests": [say("requests.report_investigate"), say("requests.report_inform")],
            "images": images(analysis),
        }
    )
    ctx["guidance"] = [office.advice(), fact("regulator.report_vs_complaint", analysis.filing_date).text]
    return ctx


def police_report(analysis: Analysis, writer, common) -> dict:
    """报警材料: who, what happened, the money lost and the evidence; no legal argument."""

    ctx = common(analysis, writer, "police_report")
    case, pay = analysis.case, analysis.case.payment
    if individual.is_individual(case):  # the person by their accounts; a chat group is where it happened
        payee = pay.payee if pay.payee_kind == "personal" else None
        mode = pay_mode(analysis.facts)
        said = (
            say(f"pay_mode.payee.{mode}", payee=individual.payee_quoted(payee, ROLES["police_report"][0]))
            if payee
            else ""
        )
        seller = individual.report_lines(case, said)
        if pay.payee and pay.payee_kind != "personal":
            seller.append(say("police.payee", payee=pay.payee))
    else:
        seller = [say("police.other_side", name=case.platform.name)]
        for label, value in (
            ("operator", case.platform.operator),
            ("url", case.platform.url),
            ("app", case.platform.app),
            ("customer_service", case.platform.customer_service),
        ):
            if value:
                seller.append(say(f"police.platform.{label}", value=value))
        if pay.payee:
            seller.append(say("police.payee", payee=pay.payee))
    seller.append(say("police.transaction", transaction=pay.transaction_id))
    paid = analysis.amounts.price + analysis.amounts.renewals
    me = ROLES["police_report"][0]
    earlier = writer.earlier_reports(me)
    if earlier:  # a report already made: this one (titled so) supplements it, names it and asks how it stands
        contacts = writer.contacts_paragraph(me, "police_report", leave_out=("police",))
        ctx["facts"] = [
            earlier,
            writer.order_sentence(me, ROLES["police_report"][1], "police_report"),
            *writer.problem_sentences(me, kind="police_report", leave_out=("police",)),
            *([contacts] if contacts else []),
        ]
    ctx.update(
        {
            "parties": person_lines(case, ROLES["police_report"][0], with_id=True) + seller,
            "loss": say("police.loss", amount=rmb(paid)),
            "request": say("police.request_supplement" if earlier else "police.request"),
            "reasons": [],
            "cited": [],
            "attachments": ctx["attachments"],
            "images": images(analysis),
        }
    )
    # how the report is made, for the summary (the report itself gives no instructions); a supplementary
    # report goes to the police already dealing with it, as the plan's step says
    ctx["guidance"] = [] if earlier else [fact("after.police_routes").text]
    return ctx


# The filings through which the representative complains for the complainant (办法第十一条): with one drafted, the
# authorisation is to complain; without, it is for what the filings drafted do.
COMPLAINT_KINDS = ("complaint_12315", "mediation_request")
AGENT_ACTS = ("platform_refund_request", "payment_dispute", "police_report")


def _acts_drafted(analysis: Analysis, complaint: bool) -> str:
    """`代为向对方提出退款要求、代为向微信支付反映所涉交易的争议、代为投诉`: what the representative does with the
    filings drafted for the case, the complaint (12315 or the consumer association) last where one is drafted."""
    recipient = payment_recipient(analysis.case)
    acts = [
        say(f"authorization.acts.{kind}", **({"recipient": recipient} if kind == "payment_dispute" else {}))
        for kind in AGENT_ACTS
        if applies(kind, analysis)
    ]
    if complaint or not acts:
        acts.append(say("authorization.acts.complaint"))
    return "、".join(acts)


def authorization(analysis: Analysis, writer, common) -> dict:
    """授权委托书 (办法第十一条): matter, powers and term, signed by the complainant."""
    case = analysis.case
    person, agent = case.complainant, case.representative
    assert agent is not None, "the authorisation is drafted only for a case with a representative"
    agent_lines = [say("authorization.agent", name=agent.name)]
    relation = stated_relation(case)
    if relation:
        agent_lines.append(say("authorization.relation", relation=relation))
    agent_lines.append(say("authorization.phone", phone=agent.phone))
    if agent.organisation:
        agent_lines.append(say("authorization.organisation", organisation=agent.organisation))
    if agent.address:
        agent_lines.append(say("parties.address", address=agent.address))
    principal = [
        say("authorization.principal", name=person.name),
        say("authorization.phone", phone=person.phone),
        say("parties.address", address=person.address),
    ]
    if person.id_number:
        principal.append(say("parties.id_number", id_number=person.id_number))
    platform = case.platform.operator or case.platform.name
    litigation = litigation_agent(analysis) is not None
    complaint = any(applies(k, analysis) for k in COMPLAINT_KINDS)
    acts = _acts_drafted(analysis, complaint)
    # a complaint's powers (its mediation) where one is drafted; its term only where it is all the agent does
    powers = "powers" if complaint else "dispute_powers"
    term = "term" if acts == say("authorization.acts.complaint") else "dispute_term"
    return {
        "kind": "authorization",
        "title": title("authorization"),
        "parties": principal + agent_lines,
        "matter": (
            say(
                "authorization.litigation_matter",
                defendant=platform,
                platform=case.platform.name,
                product=case.order.product,
                order=order_ref(case.order, "："),
                court=complaint_court(case).name,
            )
            if litigation
            else say(
                "authorization.matter_individual",
                where=individual.seller_phrase(case),
                product=case.order.product,
                order=order_ref(case.order, "："),
                acts=acts,
            )
            if individual.is_individual(case)
            else say(
                "authorization.matter",
                platform=case.platform.name,
                product=case.order.product,
                order=order_ref(case.order, "："),
                other_side=platform,
                acts=acts,
            )
        ),
        "powers": say("authorization.litigation_powers" if litigation else f"authorization.{powers}"),
        "term": say("authorization.litigation_term" if litigation else f"authorization.{term}"),
        "attachments": [],
        "guidance": [],
        "warnings": [],
        "signer_role": say("authorization.principal_signs"),
        "signer": "",
        "agent_role": say("authorization.agent_signs"),
        "date": cn_date(analysis.filing_date),
        "case_id": case.case_id,
        "cited": [],
    }
