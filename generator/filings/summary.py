"""案件概要: the working file for the lawyer or consumer advocate, and the user's own guide.

It holds what the filings leave out: every identifier of the case, the hashes, how
and where to submit each filing, the reminders, and the provisions cited.
"""

from __future__ import annotations

from datetime import datetime

from generator.case.evidence import recording_rule, recording_warnings
from generator.case.model import Case
from generator.cnformat import chinese_number
from generator.filings import individual, later_filings
from generator.filings.analyse import Analysis
from generator.filings.documents import exhibit_proves, legal_basis_context, statement_of_facts
from generator.filings.narrative import (
    CHANNEL_NAMES,
    CONTACT_RESULTS,
    PROBLEM_LABELS,
    cn_date,
    contact_party,
    order_ref,
    quote,
)
from generator.filings.phrases import say, title
from generator.law import channels
from generator.law import provisions as law
from generator.law.deadlines import next_renewal_debit
from generator.law.money import Amounts, rmb, yuan

NETWORK_NAMES = {"unionpay": "银联", "visa": "Visa", "mastercard": "Mastercard", "other": "其他"}


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
        "parties": identifiers(case) + _offices(case),
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
        "law": _cited_list(annex),
        "plan": renewal_steps(analysis) + plan.lines() + [say("summary.paste_note")],
        "guidance": [
            {"title": f"《{ctx['title']}》", "lines": [_full_stop(g) for g in ctx["guidance"]]}
            for ctx in contexts.values()
            if ctx.get("guidance")
        ],
        "warnings": list(analysis.warnings) + paste_warnings(contexts) + later_filings.summary_notes(analysis),
        "filings": [f"{e['file']}（{e['title']}）SHA-256：{e['sha256']}" for e in entries],
    }


def printed_deadlines(analysis: Analysis) -> list:
    """The case's limits, less those running from a filing the case does not call for (no refund request to a
    seller who blocked the buyer: no reply deadline)."""
    from generator.law.deadlines import FILING_OF

    return [
        d for d in analysis.deadlines if d.kind not in FILING_OF or later_filings.applies(FILING_OF[d.kind], analysis)
    ]


def paste_warnings(contexts: dict) -> list[str]:
    """What the paste texts had to shorten, filing by filing."""
    return [w for ctx in contexts.values() for w in ctx.get("warnings", [])]


def annex_context(analysis: Analysis, contexts: dict, summary_cites=None) -> dict | None:
    """The 法律依据 annex of these filings and of the summary; None when nothing cites law."""
    return legal_basis_context(analysis, contexts, summary_cited(analysis) if summary_cites is None else summary_cites)


def summary_cited(analysis: Analysis) -> list:
    """The provisions the summary names (the deadlines' bases, the rule on recordings, the claim strategy)."""
    named = [d.basis for d in analysis.deadlines] + claim_strategy(analysis)
    if recording_warnings(list(analysis.exhibits)):
        named.append(recording_rule())
    return [p for text in named for p in law.named_in(text, analysis.filing_date)]


def _cited_list(annex: dict | None) -> list[str]:
    """Each provision of the annex by title, article and paragraph, with the day its text took effect."""
    return (
        [f"{law.book_title(p.law)}{p.label}（{cn_date(p.effective)}起施行）" for p in annex["cited"]] if annex else []
    )


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
    return line + (say("summary.seller_real_name", name=name) if name else say("summary.seller_real_name_unknown"))


def identifiers(case: Case) -> list[str]:
    """Every number and name by which the parties, the order and the payments are found."""
    person, platform, order, pay = case.complainant, case.platform, case.order, case.payment
    lines = [
        f"投诉人：{person.name}，电话{person.phone}，地址{person.address}"
        + (f"，电子邮箱{person.email}" if person.email else "")
        + (f"，居民身份证号码{person.id_number}" if person.id_number else "")
    ]
    if individual.is_individual(case):
        who = individual_seller_line(case)
    else:
        who = platform.name + (f"（经营主体：{platform.operator}）" if platform.operator else "（经营主体未查明）")
    seller = platform.seller if platform.kind == "marketplace" else None
    if seller:  # the shop sold and is the respondent; the platform is where it sells
        shown = f"，公示地址{seller.address}" if seller.address else ""
        lines.append(f"被投诉店铺（卖家）：{seller.name}{shown}")
    role = "被投诉卖家" if platform.kind == "individual" else "平台" if seller else "被投诉平台"
    lines.append(f"{role}：{who}")
    for label, value in (
        ("统一社会信用代码", platform.credit_code),
        ("经营者地址", platform.address),
        ("网址", platform.url),
        ("ICP备案号", platform.icp),
        ("应用程序", platform.app),
        ("卖家联系方式" if individual.is_individual(case) else "客服", platform.customer_service),
    ):
        if value:
            lines.append(f"{label}：{value}")
    seller = platform.seller  # a marketplace's shop, when the case names it
    if seller:
        lines.append(f"平台内店铺：{seller.name}" + (f"，公示地址{seller.address}" if seller.address else ""))
    lines.append(
        f"{order_ref(order, '：')}；商品：{order.product}；付款时间：{cn_date(order.paid_at)}；"
        f"实付{rmb(order.price)}；会员期限{order.term_months}个月"
    )
    if order.official_price is not None:  # a comparison for the reader; the filings leave it out
        lines.append(
            f"比价：同类会员官方售价{yuan(order.official_price)}，实付{yuan(order.price)}（仅供参考，未写入各文书）"
        )
    channel = CHANNEL_NAMES[pay.channel]
    if pay.bank:
        channel += f"（{pay.bank}" + (f"，{NETWORK_NAMES[pay.card_network]}卡" if pay.card_network else "") + "）"
    elif pay.card_network:
        channel += f"（{NETWORK_NAMES[pay.card_network]}卡）"
    lines.append(
        f"支付方式：{channel}；支付交易单号：{pay.transaction_id}"
        + (f"；商户单号：{pay.merchant_order_id}" if pay.merchant_order_id else "")
        + (f"；收款方：{pay.payee}" if pay.payee else "")
        + ("（个人收款码）" if pay.payee_kind == "personal" else "")
    )
    for p in case.problems:
        for c in p.charges:
            number = f"，交易单号{c.transaction_id}" if c.transaction_id else ""
            lines.append(f"续费扣款：{cn_date(c.date)}，{yuan(c.amount)}{number}")
    return lines


def _timeline(analysis: Analysis) -> list[str]:
    case = analysis.case
    events = [(case.order.paid_at, say("timeline.paid", product=case.order.product, order=order_ref(case.order)))]
    for p in case.problems:
        if p.type == "auto_renewal":
            if p.cancel_requested_at is not None:
                events.append((p.cancel_requested_at, say("timeline.cancel_requested")))
            events += [(c.date, say("timeline.debit", amount=yuan(c.amount))) for c in p.charges]
    for c in case.contacts:
        # a partial outcome (an offer, a part refund) is told by the user's own record, not by a label
        outcome = quote(c.summary) if c.result == "partial" else CONTACT_RESULTS[c.result]
        party = contact_party(c, case.platform)
        events.append((c.date, say("timeline.contact", method=c.method, party=party, outcome=outcome)))
    events.append((analysis.filing_date, say("timeline.generated")))
    events.sort(key=lambda e: _sortable(e[0]))
    return [f"{cn_date(when)}　{what}" for when, what in events]


def _sortable(value):
    return value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)


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
    out = [
        line for line in (_full_refund_option(analysis), _promise_option(analysis), _punitive_option(analysis)) if line
    ]
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
    if a.refund_mode != "prorated" or not (mismatch and mismatch.delivered):
        return ""
    more = a.price - a.refund
    return say(
        "summary.full_refund_option",
        delivered=mismatch.delivered,
        product=order.product,
        price=rmb(a.price),
        refund=rmb(a.refund),
        more=rmb(more),
    )


def _promise_option(analysis: Analysis) -> str:
    """A promise with a multiple that covers a problem, not yet claimed."""
    from generator.law.money import counted_promise

    case = analysis.case
    if case.claims.promised_compensation:
        return ""
    promise = counted_promise(case.order, {p.type for p in case.problems})
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
    from generator.law.money import _punitive  # one computation of the threefold and its floor

    case = analysis.case
    if "fraud" not in analysis.facts or case.claims.punitive_damages:
        return ""
    amount, how = _punitive(analysis.amounts.price)
    return say("summary.punitive_option", amount=rmb(amount), how=how)


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
    if channel in ("wechat", "alipay"):
        path = channels.fact(f"{channel}.revoke_authorisation")
        caveat = "" if path.confirmed or "未经证实" in path.text else say("summary.path_unconfirmed")
        steps.append(say("summary.revoke_authorisation", path=path.text, caveat=caveat))
    upcoming = next_renewal_debit(analysis.case)
    if upcoming is not None and upcoming >= analysis.filing_date:
        steps.append(say("summary.next_debit", date=cn_date(upcoming)))
    return steps


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


def _offices(case: Case) -> list[str]:
    """The 12315 office and the small-claims court the case's addresses point to (advice to confirm)."""
    from generator.law.channels import fact
    from generator.law.office import court_advice, regulator_office

    return [
        say("summary.office", office=regulator_office(case).advice()),
        say("summary.court", court=court_advice(case), venue=fact("after.court_venue").text),
    ]
