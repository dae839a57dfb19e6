"""What each filing contains: one context per filing, built from the analysis.

A context is plain data (strings, lists, dicts) that the filing's Word template
and its paste-ready text template lay out. The order of the keys follows the
order of the document.
"""
from __future__ import annotations

from . import channels, privacy
from .law import brief_citation
from .analyse import Analysis
from .money import rmb, yuan
from .narrative import CHANNEL_NAMES, PROBLEM_LABELS, ROLES, Writer, cn_date, sentence

KINDS = ("platform_refund_request", "payment_dispute", "complaint_12315", "blackcat_post")
TITLES = {
    "platform_refund_request": "退款申请书",
    "payment_dispute": {
        "wechat": "微信支付交易投诉说明",
        "alipay": "支付宝交易投诉说明",
        "bank_card": "争议交易（拒付）申请书",
        "other": "支付交易争议申请书",
    },
    "complaint_12315": "投诉书",
    "blackcat_post": "黑猫投诉",
    "case_summary": "案件概要",
}
VERIFY_NOTE = ("以上条文摘自公开的法律文本汇编，仅供参考；引用前请以国家法律法规数据库（flk.npc.gov.cn）"
               "和市场监管法律法规规章数据库公布的正式文本为准。")


def title_of(kind: str, analysis: Analysis) -> str:
    title = TITLES[kind]
    return title[analysis.case["payment"]["channel"]] if isinstance(title, dict) else title


def build_contexts(analysis: Analysis, kinds=KINDS) -> dict:
    """The context of every requested filing, by kind."""
    writer = Writer(analysis)
    builders = {
        "platform_refund_request": _platform_refund_request,
        "payment_dispute": _payment_dispute,
        "complaint_12315": _complaint_12315,
        "blackcat_post": _blackcat_post,
    }
    return {kind: builders[kind](analysis, writer) for kind in kinds}


# --- parts shared by the formal filings ----------------------------------------------

def _person_lines(case: dict, role: str, with_id: bool) -> list[str]:
    p = case["complainant"]
    lines = [f"{role}：{p['name']}", f"联系电话：{p['phone']}", f"通讯地址：{p['address']}"]
    if p.get("email"):
        lines.append(f"电子邮箱：{p['email']}")
    if with_id and p.get("id_number"):
        lines.append(f"居民身份证号码：{p['id_number']}")
    return lines


def _platform_lines(case: dict, role: str) -> list[str]:
    pf = case["platform"]
    if pf.get("operator"):
        lines = [f"{role}：{pf['operator']}（平台名称：{pf['name']}）"]
    else:
        lines = [f"{role}：{pf['name']}（经营主体名称待查）"]
    if pf.get("credit_code"):
        lines.append(f"统一社会信用代码：{pf['credit_code']}")
    if pf.get("address"):
        lines.append(f"地址：{pf['address']}")
    for key, label in (("url", "网址"), ("app", "应用程序"), ("icp", "ICP备案号"), ("customer_service", "客服联系方式")):
        if pf.get(key):
            lines.append(f"{label}：{pf[key]}")
    return lines


def _exhibit_rows(analysis: Analysis) -> list[dict]:
    return [{"label": e.label, "description": e.description, "proves": e.proves, "name": e.name,
             "date": cn_date(e.date) if e.date else "—", "sha256": e.sha256} for e in analysis.exhibits]


def _images(analysis: Analysis) -> list[dict]:
    """Screenshots to embed in an appendix; the renderer turns paths into pictures."""
    out = []
    for e in analysis.exhibits:
        if e.embeddable:
            path = analysis.valid.evidence_paths[e.index]
            out.append({"label": e.label, "caption": f"{e.label}：{e.description}", "path": str(path),
                        "width": e.width, "height": e.height})
    return out


def _common(analysis: Analysis, writer: Writer, kind: str) -> dict:
    me, them = ROLES[kind]
    reasons, cited = writer.arguments(kind, me, them)
    facts = [writer.order_sentence(me, them) + writer.official_price_sentence()]
    facts += writer.problem_sentences(me)
    contacts = writer.contacts_paragraph(me)
    if contacts:
        facts.append(contacts)
    return {
        "kind": kind,
        "title": title_of(kind, analysis),
        "facts": facts,
        "reasons": reasons,
        "citations": [vars(c) for c in writer.citations(cited)],
        "verify_note": VERIFY_NOTE,
        "exhibits": _exhibit_rows(analysis),
        "signer_role": me,
        "signer": analysis.case["complainant"]["name"],
        "date": cn_date(analysis.filing_date),
        "case_id": analysis.case["case_id"],
        "cited": cited,
    }


def fact_on(key: str, analysis: Analysis):
    """A channel fact in the version in force on the filing date (the current one if none was yet)."""
    return channels.fact_in_force(key, analysis.filing_date) or channels.fact(key)


def _tried_clause(analysis: Analysis, clause: str) -> str:
    """Say the platform was asked in vain only when a contact with it is recorded and unresolved."""
    return clause if "platform_unresolved" in analysis.facts else ""


def _bare_date(deadline) -> str:
    """The date of a deadline (2026年12月3日), for sentences that supply their own wording."""
    return cn_date(deadline.due) if deadline and deadline.due else ""


def _problem_summary(analysis: Analysis) -> str:
    return "、".join(PROBLEM_LABELS[p["type"]] for p in analysis.case["problems"])


# --- the four filings -----------------------------------------------------------------

def _platform_refund_request(analysis: Analysis, writer: Writer) -> dict:
    ctx = _common(analysis, writer, "platform_refund_request")
    case = analysis.case
    reply = analysis.deadline("platform_reply")
    reply_by = reply.due_text if reply else ""
    hours = fact_on("platform.reply_hours", analysis).value
    requests = writer.money_requests("全额退还" if analysis.amounts.refund_mode == "full" else "退还")
    requests += writer.other_requests()
    requests.append(f"请于收到本申请后{hours}小时内{('（即' + reply_by + '）') if reply_by else ''}作出书面答复。")
    ctx.update({
        "parties": _person_lines(case, "申请人", with_id=False) + _platform_lines(case, "被申请人"),
        "salutation": f"{case['platform']['name']}：",
        "intro": (f"申请人因在贵平台购买的“{case['order']['product']}”存在{_problem_summary(analysis)}的问题，"
                  "现依法向贵平台提出退款申请，请求事项及事实理由如下。"),
        "requests": requests,
        "submit": fact_on("platform.submit_path", analysis).text,
        "images": _images(analysis),
    })
    return ctx


def _payment_dispute(analysis: Analysis, writer: Writer) -> dict:
    ctx = _common(analysis, writer, "payment_dispute")
    case, pay = analysis.case, analysis.case["payment"]
    channel = pay["channel"]
    transaction = [f"支付方式：{CHANNEL_NAMES[channel]}" + (f"（{pay['bank']}）" if pay.get("bank") else ""),
                   f"支付交易单号：{pay['transaction_id']}"]
    if pay.get("merchant_order_id"):
        transaction.append(f"商户单号：{pay['merchant_order_id']}")
    if pay.get("payee"):
        transaction.append(f"收款方：{pay['payee']}")
    transaction += [f"交易时间：{cn_date(case['order']['paid_at'])}", f"交易金额：{rmb(case['order']['price'])}",
                    f"平台订单号：{case['order']['id']}"]
    charges = [c for p in case["problems"] if p["type"] == "auto_renewal" for c in p.get("charges", [])]
    if charges:
        listed = "；".join(f"{cn_date(c['date'])} {yuan(c['amount'])}" for c in charges)
        transaction.append(f"同一商户的自动续费扣款：{listed}")
    recipient = {"wechat": "微信支付", "alipay": "支付宝", "bank_card": pay.get("bank", ""), "other": "支付机构"}[channel]
    disputed = "上述自动续费扣款" if not analysis.amounts.refund and charges else "上述交易"
    amounts = analysis.amounts
    owed = amounts.refund + amounts.renewals - amounts.refunded
    if owed <= 0:  # nothing left to pay back: the channel is asked to pass the complaint on, not to refund
        ask = f"受理申请人对该商户就{disputed}的投诉，督促商户处理"
    elif channel == "bank_card":
        ask = f"对{disputed}受理争议（拒付）处理，向商户追回款项并退还申请人"
    else:
        ask = f"受理申请人对该商户就{disputed}的投诉，督促商户退款；商户逾期不处理的，请依规则协助处理"
    requests = [f"请{recipient}{ask}。"] + writer.money_requests("商户应退还", compensation=False, subject="商户应")
    requests += writer.other_requests(subject="督促商户")  # `extra` goes into every filing, as the format says
    ctx.update({
        "parties": _person_lines(case, "申请人", with_id=False),
        "transaction": transaction,
        "salutation": f"{recipient}：",
        "intro": (f"申请人使用{CHANNEL_NAMES[channel]}向“{case['platform']['name']}”支付的一笔交易存在"
                  f"{_problem_summary(analysis)}的问题，" + _tried_clause(analysis, "申请人已向商户主张权利未果，")
                  + "现申请争议处理。"),
        "requests": requests,
        "submit": _payment_submit(analysis),
        "short_text": short_payment_statement(analysis) if channel == "wechat" else "",
    })
    return ctx


def _payment_submit(analysis: Analysis) -> list[str]:
    """Where and how to submit, from the channel facts; windows only where confirmed."""
    pay = analysis.case["payment"]
    keys = {"wechat": ["wechat.complaint_path", "wechat.complaint_text_limit", "wechat.platform_assist", "wechat.merchant_reply_hours", "wechat.merchant_resolve_hours"],
            "alipay": ["alipay.complaint_path"], "bank_card": ["card.chargeback"], "other": []}[pay["channel"]]
    out = [fact_on(k, analysis).text for k in keys]
    if pay["channel"] == "wechat" and "小程序" in analysis.case["platform"].get("app", ""):
        out.append(fact_on("wechat.miniprogram_complaint", analysis).text)
    windows = [d for d in analysis.deadlines if d.kind in ("wechat_refund_window", "card_dispute_window")]
    for d in windows:
        out.append(f"{d.label}：{d.due_text}。{d.note}".rstrip("。") + "。")
    if not windows:
        out.append("该渠道受理争议的期限未经证实，请尽快提交。")
    return out


def short_payment_statement(analysis: Analysis, limit: int | None = None) -> str:
    """A self-contained complaint that fits the WeChat Pay box: order, amount, problem, request."""
    # one character is kept back for the text file's final newline, so the whole file fits the box
    limit = limit or channels.fact("wechat.complaint_text_limit").value - 1
    case, amounts = analysis.case, analysis.amounts
    order = case["order"]
    opening = f"订单号{order['id']}，{cn_date(order['paid_at'])}实付{yuan(order['price'])}购买"
    problems = f"。问题：{_problem_summary(analysis)}。"
    renewal = "并关闭自动续费" if case.get("claims", {}).get("stop_auto_renewal") else ""
    # the payment channel can return money paid, not compensation
    refund = max(amounts.refund + amounts.renewals - amounts.refunded, 0)
    ask = f"诉求：退款{yuan(refund)}{renewal}。" if refund else f"诉求：{renewal or '退款'}。"
    product = _fit(f"“{order['product']}”", limit - len(opening) - len(problems) - len(ask))
    core = opening + product + problems
    tried = _tried_clause(analysis, "已联系商家未解决。")
    detail = "；".join(sentence(p["description"]).rstrip("。") for p in case["problems"]) + "。"
    room = limit - len(core) - len(ask)
    if len(detail) + len(tried) > room:
        tried = tried if len(tried) < room else ""
        detail = _fit(detail, room - len(tried))
    return core + detail + tried + ask


def _fit(text: str, room: int) -> str:
    """Text cut to `room` characters with an ellipsis, or nothing when there is no room."""
    if len(text) <= room:
        return text
    return text[: room - 1] + "…" if room > 1 else ""


def _complaint_12315(analysis: Analysis, writer: Writer) -> dict:
    ctx = _common(analysis, writer, "complaint_12315")
    case = analysis.case
    # a regulator mediates a complaint; it does not order a refund, so each request asks it to urge one
    subject = "督促被投诉人"
    requests = ["依法受理本投诉，并组织投诉人与被投诉人调解。"]
    requests += writer.money_requests(subject + ("全额退还" if analysis.amounts.refund_mode == "full" else "退还"),
                                      subject=subject)
    requests += writer.other_requests(subject=subject)
    requests.append("对被投诉人涉嫌违法的行为依法调查处理。")
    ctx.update({
        "parties": _person_lines(case, "投诉人", with_id=True) + _platform_lines(case, "被投诉人"),
        "salutation": "市场监督管理部门：",
        "intro": (f"投诉人在被投诉人经营的“{case['platform']['name']}”购买视频会员，存在"
                  f"{_problem_summary(analysis)}的问题，" + _tried_clause(analysis, "经与被投诉人协商未能解决，")
                  + "现依法投诉。"),
        "requests": requests,
        "category": fact_on("regulator.category", analysis).text,
        "submit": fact_on("regulator.channels", analysis).text,
        "acceptance_by": _bare_date(analysis.deadline("regulator_acceptance")),
        "images": _images(analysis),
    })
    return ctx


def _blackcat_post(analysis: Analysis, writer: Writer) -> dict:
    """The public post: nothing private, law cited by name only, evidence described not shown."""
    case, amounts = analysis.case, analysis.amounts
    secrets = privacy.private_values(case)
    mask = lambda text: privacy.mask_public_text(text, secrets)  # noqa: E731
    _, cited = writer.arguments("blackcat_post", *ROLES["blackcat_post"])
    platform = case["platform"]
    target = mask(platform["name"] + (f"（{platform['operator']}）" if platform.get("operator") else ""))
    owed = max(amounts.refund + amounts.renewals - amounts.refunded, 0)
    demands = [f"退款{yuan(owed)}"] if owed else []
    if amounts.punitive:
        demands.append(f"依法赔偿{yuan(amounts.punitive)}")
    if case.get("claims", {}).get("stop_auto_renewal"):
        demands.append("关闭自动续费")
    if case.get("claims", {}).get("extra"):
        demands.append(mask(case["claims"]["extra"]))
    body = [mask(p) for p in _public_story(analysis)]
    kinds = sorted({e.category_label for e in analysis.exhibits})
    return {
        "kind": "blackcat_post",
        "title": "黑猫投诉",
        "post_title": mask(public_title(analysis)),
        "target": target,
        "issues": _problem_summary(analysis),  # fixed labels, nothing of the user's
        "demands": "；".join(demands) or "要求商家核实处理并答复",
        "amount": yuan(amounts.total),
        "body": body,
        "law": f"相关规定：{brief_citation(cited)}。" if cited else "",
        "evidence_kinds": "、".join(kinds),
        "blur_note": fact_on("heimao.privacy_notice", analysis).text,
        "date": cn_date(analysis.filing_date),
        "case_id": case["case_id"],
        "cited": cited,
    }


def public_title(analysis: Analysis) -> str:
    """A short title (≤ the site's advised length) naming the platform and the problem."""
    limit = channels.fact("heimao.title_max_chars").value
    case = analysis.case
    first = case["problems"][0]["type"]
    phrase = {"rights_mismatch": "会员权益与宣传不符", "auto_renewal": "擅自自动续费扣款",
              "no_response": "售后失联拒不处理", "fraud": "虚假宣传欺诈消费者"}[first]
    title = f"{case['platform']['name']}{phrase}，要求退款"
    if len(title) > limit:
        title = f"{case['platform']['name'][: max(limit - len(phrase) - 1, 4)]}…{phrase}"[:limit]
    return title


def _public_story(analysis: Analysis) -> list[str]:
    """The facts of the post, in the first person, without numbers that identify anyone."""
    case = analysis.case
    order = case["order"]
    lines = [f"本人于{cn_date(order['paid_at'])}在“{case['platform']['name']}”购买“{order['product']}”，"
             f"实付{yuan(order['price'])}，商品宣传为“{order['advertised']}”。"]
    for p in case["problems"]:
        lines.append(f"{PROBLEM_LABELS[p['type']]}：{sentence(p['description'])}")
    contacts = [c for c in sorted(case.get("contacts", []), key=lambda c: c["date"]) if c["with"] == "platform"]
    if contacts:
        tried = "；".join(f"{cn_date(c['date'])}通过{c['method']}联系，{c['summary'].rstrip('。')}" for c in contacts)
        lines.append(f"维权经过：{tried}。")
    return lines
