"""The parts every formal filing shares: who files, whom it is against, where the purchase was made,
the pictures of its evidence, the problems named, the clause saying the seller was asked in vain.

The first four filings (documents.py) and the later ones (later_filings.py) both build on these.
"""

from __future__ import annotations

from generator.case.model import Case, Platform, Seller
from generator.filings import individual
from generator.filings.analyse import Analysis, reaches_platform_itself, reaches_seller, stated_relation
from generator.filings.narrative import PROBLEM_LABELS, quote
from generator.filings.records import channel_name, payment_app
from generator.phrases import say, title


def person_lines(case: Case, role: str, with_id: bool, agent: bool = False, home: bool = True) -> list[str]:
    """The filer: name and phone on one line (a letter keeps to two pages), then address and e-mail; with `agent`,
    the representative who files it for them under the authorisation drafted (the refund request, the payment
    dispute, a complaint, a mediation request: each is among the authorisation's acts). Without `home`, no postal
    address (a letter to a person known only by a chat account, who has no need of where the buyer lives)."""
    p = case.complainant
    lines = [say("parties.person", role=role, name=p.name, phone=p.phone)]
    if home:
        lines.append(say("parties.address", address=p.address))
    if p.email:
        lines.append(say("parties.email", email=p.email))
    if with_id and p.id_number:
        lines.append(say("parties.id_number", id_number=p.id_number))
    return lines + (agent_lines(case, role) if agent else [])


def agent_lines(case: Case, role: str) -> list[str]:
    """`委托代理人：李婷（系投诉人的女儿）　联系电话：…`: the representative named in the authorisation — none for one
    named only by a title (“陈律师”), for whom no authorisation is drafted."""
    agent = case.representative
    if agent is None or individual.named_by_title(agent.name):
        return []
    stated = stated_relation(case)
    relation = say("parties.agent_relation", role=role, relation=stated) if stated else ""
    return [say("parties.agent", name=agent.name, relation=relation, phone=agent.phone)]


def platform_lines(case: Case, role: str, online: bool = True) -> list[str]:
    """The respondent: its name, credit code and address; with `online`, where it is found on the net
    (a letter to the platform itself leaves that out, the summary keeps it)."""
    pf = case.platform
    named = respondent_named(case)
    if named:
        lines = [say("parties.respondent", role=role, named=named)]
    else:
        # what is known of it follows (site, app, ICP, service); a letter to it needs no more than its name
        addressed = say("parties.respondent", role=role, named=individual.addressed(case))
        lines = [_unnamed_line(case, role) if online else addressed]
    if pf.credit_code:
        lines.append(say("parties.credit_code", credit_code=pf.credit_code))
    if pf.address:
        lines.append(say("parties.platform_address", address=pf.address))
    if online:
        lines += _online_lines(pf, "parties.online", ("url", "app", "icp", "customer_service"))
    return lines


def _unnamed_line(case: Case, role: str) -> str:
    """A respondent whose operator the case does not name: the merchant its bill shows as payee is the lead the
    office can check (the site's ICP filing names its operator), never asserted to be the operator."""
    platform = individual.platform_named(case)
    payee = individual.merchant_payee(case)
    if payee:
        channel = channel_name(case)
        return say("parties.respondent_unnamed_payee", role=role, platform=platform, channel=channel, payee=payee)
    return say("parties.respondent_unnamed", role=role, platform=platform)


def _online_lines(platform: Platform, group: str, keys: tuple[str, ...]) -> list[str]:
    """Where the platform is found on the net, one labelled line for each of `keys` the case gives."""
    return [say(f"{group}.{key}", value=value) for key in keys if (value := getattr(platform, key))]


def ascertain_request(analysis: Analysis) -> list[str]:
    """When the respondent's operator or address is not known: ask the regulator to ascertain it — where a shop
    sold, from the platform, whose duty is to give its shop's real name and address."""
    pf = analysis.case.platform
    if shop_of(analysis.case):
        return [say("requests.ascertain_shop", platform=pf.name, operator=f"（{pf.operator}）" if pf.operator else "")]
    missing = "_".join(
        what for what, value in (("name", respondent_named(analysis.case)), ("address", pf.address)) if not value
    )
    return [say(f"requests.ascertain_{missing}")] if missing else []


def shop_of(case: Case) -> Seller | None:
    """The marketplace shop that sold, when the case names one: then it, not the platform, is the seller."""
    platform = case.platform
    return platform.seller if platform.kind == "marketplace" else None


def shop_lines(case: Case, shop: Seller, role: str, online: bool = True) -> list[str]:
    """A marketplace shop as the respondent: its name and the address it shows on the platform, then the platform
    it sells on (its operator is who must disclose the shop's real identity)."""
    pf = case.platform
    lines = [say("parties.shop", role=role, shop=shop.name, platform=pf.name)]
    if shop.address:
        lines.append(say("parties.shop_address", address=shop.address))
    if pf.operator and pf.address:
        lines.append(say("parties.platform_operator_at", operator=pf.operator, address=pf.address))
    elif pf.operator:
        lines.append(say("parties.platform_operator", operator=pf.operator))
    if online:
        lines += _online_lines(pf, "parties.shop_online", ("url", "app", "customer_service"))
    return lines


def respondent_lines(case: Case, role: str, online: bool = True) -> list[str]:
    """Whom a complaint or mediation request is against: the seller — a marketplace's shop, else the platform."""
    shop = shop_of(case)
    return shop_lines(case, shop, role, online) if shop else platform_lines(case, role, online)


def bought_at(case: Case, them: str) -> str:
    """Where the purchase was made, as an intro says it: `被投诉人经营的“X”` or `“X”平台内店铺“Y”`."""
    shop = shop_of(case)
    if shop:
        return say("places.shop", platform=case.platform.name, shop=quote(shop.name))
    if individual.is_individual(case):  # a chat group is where it happened, no business someone runs
        return individual.place(case, them)
    return say("places.seller", them=them, platform=case.platform.name)


def where_bought(case: Case) -> str:
    """Where the user bought, as the user tells it: `“X”`, or `“X”平台内店铺“Y”` when a shop sold."""
    shop = shop_of(case)
    if shop:
        return say("places.shop", platform=case.platform.name, shop=quote(shop.name))
    if individual.is_individual(case):
        return individual.place(case, individual.SELLER)
    return say("places.platform", platform=case.platform.name)


def respondent_named(case: Case) -> str | None:
    """Who a complaint is against, by name: the operator, or an individual paid through a collection code by the
    real name the case gives for them (the seller's own nickname beside it); None while neither is known — a
    collection code's display name is no real name."""
    pf, pay = case.platform, case.payment
    if pf.operator:
        return say("named.operator", operator=pf.operator, platform=individual.platform_named(case))
    name = individual.full_stated_name(case) if pf.kind == "individual" and pay.payee_kind == "personal" else None
    if name:
        return say("named.payee", payee=name, seller=individual.seller_named(case))
    return None


def images(analysis: Analysis) -> list[dict]:
    """Screenshots to embed in an appendix; the renderer turns paths into pictures."""
    out = []
    for e in analysis.exhibits:
        if e.embeddable:
            path = analysis.valid.evidence_paths[e.index]
            out.append(
                {
                    "label": e.label,
                    "caption": f"{e.label}：{e.description}",
                    "path": str(path),
                    "width": e.width,
                    "height": e.height,
                }
            )
    return out


UNANSWERED_TRIED = ("complaint_12315", "mediation_request")  # whose opening says 协商: not where no one answered


def tried_clause(analysis: Analysis, which: str) -> str:
    """Say the platform was asked in vain (phrase `tried.<which>`) only when a contact with it is recorded and
    unresolved; where the seller's side never answered, that there was no answer, not that talks failed."""
    if "platform_unresolved" not in analysis.facts:
        return ""
    theirs = [c for c in analysis.case.contacts if reaches_seller(c)]
    if which in UNANSWERED_TRIED and theirs and all(c.result == "no_reply" for c in theirs):
        return say(f"tried.{which}_unanswered")
    platform = analysis.case.platform
    if which == "payment_dispute" and platform.seller:  # the channel's merchant is the marketplace, not the shop
        itself = any(reaches_platform_itself(c, platform) for c in analysis.case.contacts)
        return say("tried.payment_dispute_shop_and_platform" if itself else "tried.payment_dispute_shop")
    return say(f"tried.{which}")


def problem_summary(analysis: Analysis) -> str:
    """The public post's 投诉问题: the problems' labels as what is alleged (涉嫌…), never as facts."""
    return say("public.issues", issues="、".join(PROBLEM_LABELS[p.type] for p in analysis.case.problems))


def refund_verb(analysis: Analysis, subject: str = "") -> str:
    """`全额退还` or `退还`, after whom a request urges (督促该店铺全额退还 …), as the refund mode decides."""
    return subject + say("refund.full" if analysis.amounts.refund_mode == "full" else "refund.part")


def title_of(kind: str, analysis: Analysis) -> str:
    """A filing's title as this case calls it: by payment channel, payee, and an earlier report or complaint."""
    if kind == "payment_dispute" and "personal_payee" in analysis.facts:
        kind = "payment_dispute_personal"
    app = payment_app(analysis.case) if kind.startswith("payment_dispute") else ""
    if app:  # paid through the app the user's words name: the title names it too
        return say(f"app_titles.{kind}", app=app)
    if kind == "police_report" and any(c.party == "police" for c in analysis.case.contacts):
        kind = "police_report_supplementary"  # a report already made: this one supplements it
    if kind == "complaint_12315" and "complaint_pending" in analysis.facts:
        kind = "complaint_12315_supplementary"  # a complaint already before the regulator: this one supplements it
    return title(kind, analysis.case.payment.channel if kind.startswith("payment_dispute") else None)
