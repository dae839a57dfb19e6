"""案件概要: the one- or two-page summary for the lawyer or consumer advocate."""
from __future__ import annotations

from datetime import datetime

from . import channels
from .analyse import Analysis
from .documents import fact_on, title_of
from .money import Amounts, rmb
from .narrative import CONTACT_PARTIES, CONTACT_RESULTS, PROBLEM_LABELS, cn_date


def summary_context(analysis: Analysis, entries: list) -> dict:
    """Parties, timeline, money, deadlines, plan, warnings and the files made."""
    case = analysis.case
    return {
        "kind": "case_summary",
        "title": "案件概要",
        "case_id": case["case_id"],
        "date": cn_date(analysis.filing_date),
        "parties": _parties(case),
        "problems": "、".join(PROBLEM_LABELS[p["type"]] for p in case["problems"]),
        "timeline": _timeline(analysis),
        "money": money_lines(analysis.amounts),
        "deadlines": [{"label": d.label, "due_text": d.due_text, "basis": d.basis,
                       "note": ("。" + d.note) if d.note else ""} for d in analysis.deadlines],
        "facts_checked": _facts_checked(analysis),
        "plan": _plan(analysis),
        "warnings": list(analysis.warnings),
        "filings": [f"{e['file']}（{e['title']}）SHA-256：{e['sha256']}" for e in entries],
        "exhibits": [f"{e.label}　{e.name}　SHA-256：{e.sha256}" for e in analysis.exhibits],
    }


def _parties(case: dict) -> list[str]:
    person, platform = case["complainant"], case["platform"]
    lines = [f"投诉人：{person['name']}，电话{person['phone']}，地址{person['address']}"]
    who = platform["name"] + (f"（经营主体：{platform['operator']}）" if platform.get("operator") else "（经营主体未查明）")
    lines.append(f"被投诉平台：{who}")
    order = case["order"]
    lines.append(f"订单：{order['id']}，{order['product']}，实付{rmb(order['price'])}")
    return lines


def _timeline(analysis: Analysis) -> list[str]:
    case = analysis.case
    events = [(case["order"]["paid_at"], f"付款购买“{case['order']['product']}”，订单号{case['order']['id']}")]
    for p in case["problems"]:
        if p["type"] == "auto_renewal":
            if p.get("cancel_requested_at") is not None:
                events.append((p["cancel_requested_at"], "申请取消自动续费"))
            events += [(c["date"], f"自动续费扣款{c['amount']:.2f}元") for c in p.get("charges", [])]
    for c in case.get("contacts", []):
        events.append((c["date"], f"通过{c['method']}联系{CONTACT_PARTIES[c['with']]}：{CONTACT_RESULTS[c['result']]}"))
    events.append((analysis.filing_date, "生成本套维权文书"))
    events.sort(key=lambda e: _sortable(e[0]))
    return [f"{cn_date(when)}　{what}" for when, what in events]


def _sortable(value):
    return value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)


def money_lines(a: Amounts) -> list[str]:
    """Each amount claimed, in capitals, with how it was computed (summary and `check` alike)."""
    lines = [f"订单退款：{rmb(a.refund)}。{a.refund_explanation}。" if a.refund
             else f"订单退款：无（{a.refund_explanation}）。"]
    if a.renewals:
        lines.append(f"续费退款：{rmb(a.renewals)}（{a.renewal_count}笔，全额）。")
    if a.punitive:
        lines.append(f"欺诈增加赔偿：{rmb(a.punitive)}。{a.punitive_explanation}。")
    if a.refunded:
        lines.append(f"扣除平台已退还：{rmb(a.refunded)}。")
    lines.append(f"合计主张：{rmb(a.total)}。")
    return lines


def _facts_checked(analysis: Analysis) -> str:
    text = f"渠道规则与期限信息最近核对于{cn_date(channels.facts_checked_on())}。"
    service = analysis.case["order"]["service"]
    stale = [f for f in channels.stale_facts(analysis.filing_date)  # only what bears on this case
             if not f.key.startswith("reference_price.") or f.key.startswith(f"reference_price.{service}.")]
    if stale:
        text += f"其中{len(stale)}项核对已超过一年，可能已变化，使用前请重新核实：" + "；".join(f.text for f in stale[:3])
        text += "等。" if len(stale) > 3 else "。"
    return text


def _plan(analysis: Analysis) -> list[str]:
    """The escalation path: platform → payment channel → 12315 → 黑猫投诉."""
    reply = analysis.deadline("platform_reply")
    steps = [f"向平台提交《退款申请书》（{fact_on('platform.submit_path', analysis).text}），"
             f"要求{reply.due_text if reply else '48小时内'}书面答复；保留提交截图和对话记录。"]
    title = title_of("payment_dispute", analysis)
    steps.append(f"平台逾期不答复或拒绝的，向支付渠道提交《{title}》；支付渠道的争议期限见“四、期限”，未经证实的请尽快提交。")
    accept = analysis.deadline("regulator_acceptance")
    steps.append(f"同时或随后通过全国12315平台提交《投诉书》（{fact_on('regulator.category', analysis).text}）；"
                 + (f"按落款日提交，市场监督管理部门最迟应于{cn_date(accept.due)}作出是否受理的决定；"
                    if accept and accept.due else "")
                 + "受理后的调解期限见“四、期限”。")
    steps.append("在黑猫投诉发布公开投诉（使用《黑猫投诉》文本，已隐去个人信息；上传图片前请先打码）。")
    return steps
