"""The words of the filings, written once from the analysed case.

Each filing gets its parts as plain strings and lists (parties, requests, facts,
arguments, citations); the templates lay them out. A sentence whose fact is
absent is left out, never printed with a blank. User text is quoted as written.
"""
from __future__ import annotations

import re

from . import law
from .analyse import Analysis
from .cnformat import cn_date
from .money import rmb, yuan

SERVICE_NAMES = {
    "tencent_video": "腾讯视频", "iqiyi": "爱奇艺", "youku": "优酷", "mango_tv": "芒果TV",
    "bilibili": "哔哩哔哩", "other": "视频",
}
CHANNEL_NAMES = {"wechat": "微信支付", "alipay": "支付宝", "bank_card": "银行卡", "other": "其他支付方式"}
PROBLEM_LABELS = {
    "rights_mismatch": "会员权益与宣传不符", "auto_renewal": "自动续费扣款",
    "no_response": "售后响应滞后或失联", "fraud": "虚假宣传或欺诈",
}
CONTACT_PARTIES = {"platform": "平台", "payment": "支付渠道", "regulator": "市场监督管理部门", "other": "有关机构",
                   "consumer_association": "消费者协会", "court": "人民法院", "police": "公安机关", "public": "公开投诉平台"}
CONTACT_RESULTS = {
    "refused": "对方拒绝处理", "no_reply": "对方未予答复", "promised": "对方承诺处理，但至今未兑现",
    "partial": "对方仅作了部分处理", "resolved": "对方称已处理",
    "submitted": "已提交，尚未答复", "accepted": "已受理",
}
# Words by which a contact's own summary already tells its outcome.
_RESULT_SAID = {
    "refused": re.compile("拒"), "no_reply": re.compile("未回复|不回复|没回复|未答复|不理|已读不回|没有回复"),
    "promised": re.compile("承诺|答应|登记|会处理"), "partial": re.compile("部分"), "resolved": re.compile("解决|已退"),
    "submitted": re.compile("提交|已投诉|已申请"), "accepted": re.compile("受理"),
}
# Who is who in each filing: the arguments of rules.yaml say {me} and {them}.
ROLES = {
    "platform_refund_request": ("申请人", "贵平台"),
    "payment_dispute": ("申请人", "商户"),
    "complaint_12315": ("投诉人", "被投诉人"),
    "blackcat_post": ("本人", "商家"),
    "mediation_request": ("申请人", "被申请人"),
    "court_complaint": ("原告", "被告"),
    "report_12315": ("举报人", "被举报人"),
    "police_report": ("报案人", "对方"),
    "authorization": ("委托人", "受托人"),
}


_ENDS = ("。", "！", "？", ".", "!", "?", "…")


def sentence(text: str) -> str:
    """User text as a sentence: as written, with a full stop added only if it has none."""
    text = text.rstrip()
    complete = text.endswith(_ENDS) or (text[-1:] in "”’）)」』" and text[:-1].endswith(_ENDS))
    return text if complete else text + "。"


def see(exhibits) -> str:
    """`（见证据1、证据3）`, or nothing when no exhibit supports the sentence."""
    labels = [e.label for e in exhibits]
    return f"（见{'、'.join(labels)}）" if labels else ""


def cite_evidence(text: str, exhibits) -> str:
    """Put `（见证据N）` before the paragraph's final full stop."""
    ref = see(exhibits)
    if ref and text.endswith("。"):
        return text[:-1] + ref + "。"
    return text + ref


class Writer:
    """Writes the sentences of every filing of one analysed case."""

    them_short = "平台"

    def __init__(self, analysis: Analysis):
        self.a = analysis
        self.case = analysis.case
        self.order = self.case["order"]
        self.platform = self.case["platform"]
        self.payment = self.case["payment"]
        self.person = self.case["complainant"]

    # --- shared facts -----------------------------------------------------------

    def order_sentence(self, me: str, them: str) -> str:
        """When, where, what, how much and how it was paid."""
        o, p = self.order, self.payment
        where = "贵平台" if them == "贵平台" else f"“{self.platform['name']}”平台"
        paid = f"通过{CHANNEL_NAMES[p['channel']]}"
        if p["channel"] == "bank_card":
            paid = f"使用{p['bank']}银行卡"
        payee = f"，收款方为“{p['payee']}”" if p.get("payee") else ""
        return (f"{me}于{cn_date(o['paid_at'])}在{where}购买“{o['product']}”（订单号：{o['id']}），"
                f"会员期限{o['term_months']}个月，{paid}实付{rmb(o['price'])}"
                f"（支付交易单号：{p['transaction_id']}{payee}）{see(self.a.exhibits_of('transaction'))}。"
                f"商品页面宣传为：“{o['advertised']}”{see(self.a.exhibits_of('advertisement'))}。")

    def official_price_sentence(self) -> str:
        official = self.order.get("official_price")
        if not official:
            return ""
        return f"据了解，同类会员的官方售价为{yuan(official)}。"

    def problem_sentences(self, me: str) -> list[str]:
        """One paragraph per problem, in the order the user listed them."""
        out = []
        for problem in self.case["problems"]:
            write = getattr(self, f"_{problem['type']}")
            out.append(write(problem, me))
        return out

    def _rights_mismatch(self, problem: dict, me: str) -> str:
        text = f"{me}付款后发现，会员权益与宣传不符：{sentence(problem['description'])}"
        if problem.get("delivered") and problem["delivered"] not in problem["description"]:
            text += f"实际到账的仅为“{problem['delivered']}”。"
        used = self.order.get("used_months")
        if used and used < self.order["term_months"]:
            text += f"该会员仅正常使用了{used}个月。"
        elif used:
            text += f"该会员已使用{used}个月。"
        elif used == 0:
            text += "该会员自始未能正常使用。"
        return cite_evidence(text, self.a.exhibits_of("rights_anomaly"))

    def _auto_renewal(self, problem: dict, me: str) -> str:
        parts = []
        if problem.get("default_checked") and "默认" not in problem["description"]:
            parts.append("充值页面将自动续费设为默认勾选。")
        parts.append(f"具体情况为：{sentence(problem['description'])}")
        cancel = problem.get("cancel_requested_at")
        if cancel is not None:
            parts.append(f"{me}已于{cn_date(cancel)}明确要求取消自动续费{see(self.a.exhibits_of('communication'))}。")
        charges = problem.get("charges", [])
        listed = "；".join(f"{cn_date(c['date'])}扣款{yuan(c['amount'])}" for c in charges)
        parts.append(f"续费扣款记录为：{listed}，共{len(charges)}笔，合计{rmb(self.a.amounts.renewals)}"
                     f"{see(self.a.exhibits_of('transaction'))}。")
        return "".join(parts)

    def _no_response(self, problem: dict, me: str) -> str:
        first = self.case["problems"][0] is problem
        ask = f"{me}寻求售后处理未果" if first else f"{me}就上述问题寻求售后处理未果"
        return cite_evidence(f"{ask}，具体情况为：{sentence(problem['description'])}",
                             self.a.exhibits_of("communication"))

    def _fraud(self, problem: dict, me: str) -> str:
        return cite_evidence(f"{me}发现该交易存在欺诈，具体情况为：{sentence(problem['description'])}",
                             self.a.exhibits_of("advertisement", "rights_anomaly"))

    def contact_sentences(self, me: str) -> list[str]:
        """What has been tried so far, in date order."""
        contacts = sorted(self.case.get("contacts", []), key=lambda c: c["date"])
        out = []
        for c in contacts:
            party = CONTACT_PARTIES[c["with"]]
            said = c["summary"] if "“" in c["summary"] else f"“{c['summary']}”"  # the user's words, quoted once
            text = f"{cn_date(c['date'])}，{me}通过{c['method']}与{party}沟通，情况为：{said}"
            if not _RESULT_SAID[c["result"]].search(c["summary"]):  # say the outcome unless the summary did
                text += f"，{CONTACT_RESULTS[c['result']]}"
            out.append(text + "。")
        return out

    def contacts_paragraph(self, me: str) -> str:
        sentences = self.contact_sentences(me)
        if not sentences:
            return ""
        return cite_evidence("此前的沟通情况如下：" + "".join(sentences), self.a.exhibits_of("communication"))

    # --- requests -----------------------------------------------------------------

    def money_requests(self, verb_refund: str, compensation: bool = True, subject: str = "") -> list[str]:
        """The money asked for, each with its amount in capitals and how it was computed.

        A payment channel can only reverse what was paid, so its filing asks for no compensation.
        """
        amounts = self.a.amounts
        out = []
        if amounts.refund:  # a fully used monthly card leaves nothing of the order to refund
            out.append(f"{verb_refund}订单价款{rmb(amounts.refund)}。计算方式：{amounts.refund_explanation}。")
        if amounts.renewals:
            out.append(f"{subject}退还自动续费扣款{rmb(amounts.renewals)}（共{amounts.renewal_count}笔，全额退还）。")
        if amounts.punitive and compensation:
            out.append(f"{subject}依法增加赔偿{rmb(amounts.punitive)}。计算方式：{amounts.punitive_explanation}。")
        if amounts.refunded:
            out.append(f"扣除{self.them_short}已退还的{rmb(amounts.refunded)}。")
        if len(out) > 1:
            total = amounts.total if compensation else max(amounts.total - amounts.punitive, 0)
            out.append(f"以上合计{rmb(total)}。")
        return out

    def other_requests(self, subject: str = "", extra: bool = True) -> list[str]:
        """Requests beyond money; `subject` names who is to act when the letter goes to a third party."""
        claims = self.case.get("claims", {})
        out = []
        if claims.get("stop_auto_renewal"):
            out.append(f"{subject}立即关闭本账户的自动续费，今后不得再以任何方式扣款。")
        if extra and claims.get("extra"):
            out.append(sentence(claims["extra"]))
        return out

    # --- law ----------------------------------------------------------------------

    def arguments(self, kind: str, me: str, them: str) -> tuple[list[str], list]:
        """The legal reasoning of one filing and the provisions it relies on, in order."""
        style = law.CitationStyle()
        values = self._argument_values(me, them)
        paragraphs, cited = [], []
        for arg in law.applicable(self.a.facts, kind, self.a.filing_date):
            values["cites"] = style.cite(arg.provisions)
            paragraphs.append(arg.template.format_map(values))
            cited += [p for p in arg.provisions if p not in cited]
        return paragraphs, cited

    def _argument_values(self, me: str, them: str) -> dict:
        a, o = self.a.amounts, self.order
        used = o.get("used_months") or 0
        return {"me": me, "them": them, "price": rmb(a.price), "refund": rmb(a.refund),
                "renewals": rmb(a.renewals), "punitive": rmb(a.punitive), "total": rmb(a.total),
                "term_months": o["term_months"], "used_months": used, "left_months": o["term_months"] - used}


def version_label(version: str) -> str:
    """The issuing act of a text, without the data's parenthesised notes on its copy."""
    return version.split("（", 1)[0].strip("；，。 ")
