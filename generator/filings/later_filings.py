"""The filings for the steps after the first four: the 消协 mediation request and the small-claims complaint.

Each is drafted for every case whose facts allow it, so it is ready when the plan
reaches that step. A complaint the court would need something for that the case
file does not give (民事诉讼法第一百二十四条: the defendant's name and domicile,
the plaintiff's sex and age) is not written at all; `missing_for_court` says what.
"""
from __future__ import annotations

from datetime import date

from generator.case.model import Case
from generator.cnformat import cn_date
from generator.filings.analyse import Analysis
from generator.filings.narrative import order_ref


def plaintiff_details(case: Case) -> tuple[str | None, date | None]:
    """Sex and birth date: from the ID number when there is one, else as the case file gives them."""
    person = case.complainant
    number = person.id_number
    if number:
        from stdnum.cn import ric

        compact = ric.compact(number)
        return ("男" if int(compact[16]) % 2 else "女"), ric.get_birth_date(compact)
    return person.gender, person.birth_date


def missing_for_court(case: Case) -> list[str]:
    """What the complaint must state (民事诉讼法第一百二十四条) and the case file does not give."""
    from generator.law.office import small_claims_courts

    platform = case.platform
    missing = []
    if not platform.operator:
        missing.append("被告的名称或姓名（platform.operator）")
    if not platform.address:
        missing.append("被告的住所（platform.address）")
    gender, born = plaintiff_details(case)
    if not gender:
        missing.append("原告的性别（complainant.gender，或填写身份证号 id_number）")
    if not born:
        missing.append("原告的出生日期（complainant.birth_date，或填写身份证号 id_number）")
    if not missing and not any(c.name for c in small_claims_courts(case)):
        missing.append("能确定管辖法院的原告或被告地址（写明省、市、区县）")
    return missing


def applies(kind: str, analysis: Analysis) -> bool:
    """Whether a filing is drafted for this case: the court complaint when it can be written, the
    authorization with a representative, the others as data/plan.yaml's `filings` decide."""
    case = analysis.case
    if kind == "court_complaint":
        return not missing_for_court(case) and not platform_not_yet_asked(analysis)
    if kind == "authorization":
        return bool(case.representative)
    from generator.filings.plan import filing_called_for, plan_facts

    return filing_called_for(kind, plan_facts(case, analysis.facts))


def platform_not_yet_asked(analysis: Analysis) -> bool:
    """A shop sold on a marketplace and its operator is not known: the platform answers for it in court
    (消保法第四十四条第一款) only once asked to name the shop's operator and it did not; until then no suit."""
    return "marketplace_shop" in analysis.facts and "platform_withheld_seller" not in analysis.facts


def missing_warnings(case: Case) -> list[str]:
    """For the summary: the complaint not written, and what it needs."""
    missing = missing_for_court(case)
    if not missing:
        return []
    return [f"未生成《民事起诉状》：起诉状须写明当事人的基本情况（民事诉讼法第一百二十四条），案件文件中缺少"
            f"{'、'.join(missing)}；补齐后重新生成即可。"]


def mediation_request(analysis: Analysis, writer, common) -> dict:
    """消协调解申请书: the dispute put to a consumer association instead of 12315."""
    from generator.filings.documents import (
        _images,
        _person_lines,
        _problem_summary,
        _tried_clause,
        bought_at,
        respondent_lines,
    )

    ctx = common(analysis, writer, "mediation_request")
    case = analysis.case
    requests = ["依法受理本调解申请，组织申请人与被申请人调解。"]
    requests += writer.money_requests("被申请人" + ("全额退还" if analysis.amounts.refund_mode == "full" else "退还"),
                                      subject="被申请人")
    requests += writer.other_requests(subject="被申请人")
    ctx.update({
        "parties": _person_lines(case, "申请人", with_id=False) + respondent_lines(case, "被申请人"),
        "salutation": "消费者协会：",
        "intro": (f"申请人在{bought_at(case, '被申请人')}购买视频会员，存在"
                  f"{_problem_summary(analysis)}的问题，" + _tried_clause(analysis, "经与被申请人协商未能解决，")
                  + "现请求贵会调解。"),
        "requests": requests,
        "addressee": "消费者协会",
        "images": _images(analysis),
    })
    return ctx


def court_complaint(analysis: Analysis, writer, common) -> dict:
    """民事起诉状 for a small-claims suit, in the order 民事诉讼法第一百二十四条 lists its contents."""
    from generator.filings.documents import _images
    from generator.law.office import small_claims_courts

    ctx = common(analysis, writer, "court_complaint")
    case = analysis.case
    buyer, defendant = small_claims_courts(case)
    court = buyer if buyer.name else defendant
    verb = "判令被告" + ("全额退还" if analysis.amounts.refund_mode == "full" else "退还")
    requests = writer.money_requests(verb, subject="判令被告")
    requests += writer.other_requests(subject="判令被告")
    requests.append("本案诉讼费用由被告承担。")
    ctx.update({
        "parties": _plaintiff_lines(case) + _defendant_lines(case),
        "cause": CAUSE,
        "requests": requests,
        "evidence_source": "以上证据均由原告提供（电子数据的原始载体由原告保存）。",
        "court": court.name,
        "copies": "本起诉状副本1份",
        "signer_role": "具状人",
        "images": _images(analysis),
    })
    return ctx


def _plaintiff_lines(case: Case) -> list[str]:
    person = case.complainant
    gender, born = plaintiff_details(case)
    assert born is not None, "the court complaint is drafted only when the plaintiff's details are known"
    line = f"原告：{person.name}，{gender}，{cn_date(born)}出生"
    if person.ethnicity:
        line += f"，{person.ethnicity}"
    lines = [line + "。", f"住所：{person.address}", f"联系电话：{person.phone}"]
    if person.id_number:
        lines.append(f"居民身份证号码：{person.id_number}")
    return lines


def _defendant_lines(case: Case) -> list[str]:
    """The platform operator; on a marketplace it is sued as the platform its shop sold on (消保法第四十四条),
    the case giving the shop's name but not who runs it."""
    from generator.filings.documents import shop_of

    pf, shop = case.platform, shop_of(case)
    role = f"“{pf.name}”平台经营者，涉案店铺“{shop.name}”为该平台内店铺" if shop else f"经营“{pf.name}”"
    lines = [f"被告：{pf.operator}（{role}）", f"住所：{pf.address}"]
    if pf.credit_code:
        lines.append(f"统一社会信用代码：{pf.credit_code}")
    return lines


# 案由 as the venue rule has it: 民诉法解释第二十条 fixes the place of performance of a 买卖合同 concluded online;
# 网络购物合同纠纷 is the 买卖合同纠纷 of a purchase made online (民事案件案由规定), as a code or recharge bought is.
CAUSE = "网络购物合同纠纷"

# Why no suit yet where a shop sold: the platform must first be asked who runs it.
MARKETPLACE_NOT_YET_NOTE = (
    "关于起诉：卖家是平台内店铺“{shop}”，案件文件没有其经营者的名称和住所，起诉状须有明确的被告（民事诉讼法第一百二十二条）。"
    "消费者权益保护法第四十四条第一款规定，平台不能提供销售者的真实名称、地址和有效联系方式的，消费者才可以向平台要求赔偿；"
    "案件记录中还没有平台被要求提供而未提供的情况，因此暂不生成起诉状。退款申请书已请平台提供店铺经营者的身份："
    "平台提供后，可将店铺经营者列为被告；平台未提供的，在沟通记录（contacts）中如实写明后重新生成，起诉状将以平台经营者为被告。")

# Why the suit names the platform operator although the shop sold (the choice is the drafter's, explained once).
MARKETPLACE_DEFENDANT_NOTE = (
    "关于起诉状的被告：卖家是平台内店铺“{shop}”，但案件文件只有店铺名称，没有其经营者的名称和住所，"
    "起诉状无法将店铺列为被告（须有明确的被告，民事诉讼法第一百二十二条）。平台经要求未提供店铺经营者的身份，"
    "起诉状因此以平台经营者{operator}为被告，"
    "依据是消费者权益保护法第四十四条第一款：平台不能提供销售者的真实名称、地址和有效联系方式的，消费者可以向平台要求赔偿。"
    "平台在退款申请或诉讼中提供了店铺经营者的身份后，可将店铺经营者列为被告（或共同被告）。")


def summary_notes(analysis: Analysis) -> list[str]:
    """What the summary says beside the later filings: the filings held back and why, what is missing, whom
    the suit is against, and the honest word on the police."""
    from generator.filings.plan import plan_facts, skipped_filings

    notes = skipped_filings(plan_facts(analysis.case, analysis.facts)) + missing_warnings(analysis.case)
    shop = analysis.case.platform.seller
    if shop and "marketplace_shop" in analysis.facts and applies("court_complaint", analysis):
        notes.append(MARKETPLACE_DEFENDANT_NOTE.format(shop=shop.name,
                                                       operator=analysis.case.platform.operator))
    elif shop and platform_not_yet_asked(analysis) and not missing_for_court(analysis.case):
        notes.append(MARKETPLACE_NOT_YET_NOTE.format(shop=shop.name))
    if applies("police_report", analysis):
        from generator.law.channels import fact

        threshold = fact("after.police_threshold")
        notes.append(f"关于报警：{threshold.text}（{threshold.source}）。")
    return notes


def report_12315(analysis: Analysis, writer, common) -> dict:
    """12315举报: the suspected violation put to the regulator, apart from the complaint (办法第九条)."""
    from generator.filings.documents import _images, _person_lines, bought_at, respondent_lines
    from generator.law.channels import fact
    from generator.law.office import report_office

    ctx = common(analysis, writer, "report_12315")
    case = analysis.case
    office = report_office(case)
    ctx.update({
        "parties": _person_lines(case, "举报人", with_id=False) + respondent_lines(case, "被举报人"),
        "salutation": (office.name or "市场监督管理部门") + "：",
        "intro": (f"举报人在{bought_at(case, '被举报人')}购买“{case.order.product}”，"
                  "发现被举报人涉嫌下列违法行为，现依法举报，请依法调查处理。"),
        "requests": ["对被举报人涉嫌违法的行为依法调查处理。", "将处理结果告知举报人。"],
        "images": _images(analysis),
    })
    ctx["guidance"] = [office.advice(), fact("regulator.report_vs_complaint", analysis.filing_date).text]
    return ctx


def police_report(analysis: Analysis, writer, common) -> dict:
    """报警材料: who, what happened, the money lost and the evidence; no legal argument."""
    from generator.filings.documents import _images, _person_lines
    from generator.law.channels import fact
    from generator.law.money import rmb

    ctx = common(analysis, writer, "police_report")
    case, pay = analysis.case, analysis.case.payment
    seller = [f"对方：{case.platform.name}"]
    for label, value in (("经营主体", case.platform.operator), ("网址", case.platform.url),
                         ("应用程序", case.platform.app), ("联系方式", case.platform.customer_service)):
        if value:
            seller.append(f"{label}：{value}")
    if pay.payee:
        seller.append(f"收款方：{pay.payee}")
    seller.append(f"付款交易单号：{pay.transaction_id}")
    paid = analysis.amounts.price + analysis.amounts.renewals
    ctx.update({
        "parties": _person_lines(case, "报案人", with_id=True) + seller,
        "loss": f"已付款项合计{rmb(paid)}。",
        "reasons": [],
        "cited": [],
        "attachments": [a for a in ctx["attachments"] if a.startswith("证据清单")],  # no law in a police report
        "images": _images(analysis),
    })
    # how the report is made, for the summary (the report itself gives no instructions)
    ctx["guidance"] = [fact("after.police_routes").text]
    return ctx


def authorization(analysis: Analysis, writer, common) -> dict:
    """授权委托书 (办法第十一条): matter, powers and term, signed by the complainant."""
    case = analysis.case
    person, agent = case.complainant, case.representative
    assert agent is not None, "the authorisation is drafted only for a case with a representative"
    agent_lines = [f"受托人：{agent.name}", f"联系电话：{agent.phone}"]
    if agent.organisation:
        agent_lines.append(f"工作单位：{agent.organisation}")
    if agent.address:
        agent_lines.append(f"通讯地址：{agent.address}")
    principal = [f"委托人：{person.name}", f"联系电话：{person.phone}", f"通讯地址：{person.address}"]
    if person.id_number:
        principal.append(f"居民身份证号码：{person.id_number}")
    platform = case.platform.operator or case.platform.name
    return {
        "kind": "authorization",
        "title": "授权委托书",
        "parties": principal + agent_lines,
        "matter": (f"委托事项：委托人因在“{case.platform.name}”购买“{case.order.product}”"
                   f"（{order_ref(case.order, '：')}）与{platform}发生的消费者权益争议，委托受托人代为投诉。"),
        "powers": ("委托权限：代为提交投诉材料、补充证据、参加调解、接收有关文书；"
                   "代为达成或者放弃调解协议，须经委托人另行书面同意。"),
        "term": "委托期限：自本委托书签署之日起至本次投诉处理终结之日止。",
        "attachments": [],
        "guidance": [],
        "warnings": [],
        "signer_role": "委托人（签名）",
        "signer": "",
        "agent_role": "受托人（签名）",
        "date": cn_date(analysis.filing_date),
        "case_id": case.case_id,
        "cited": [],
    }
