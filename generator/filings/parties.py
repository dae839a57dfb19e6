"""The parts every formal filing shares: who files, whom it is against, where the purchase was made,
the pictures of its evidence, the problems named, the clause saying the seller was asked in vain.

The first four filings (documents.py) and the later ones (later_filings.py) both build on these.
"""
from __future__ import annotations

from generator.filings.analyse import Analysis
from generator.filings.narrative import PROBLEM_LABELS, quote


def person_lines(case: dict, role: str, with_id: bool) -> list[str]:
    """The filer: name and phone on one line (a letter keeps to two pages), then address and e-mail."""
    p = case["complainant"]
    lines = [f"{role}：{p['name']}　联系电话：{p['phone']}", f"通讯地址：{p['address']}"]
    if p.get("email"):
        lines.append(f"电子邮箱：{p['email']}")
    if with_id and p.get("id_number"):
        lines.append(f"居民身份证号码：{p['id_number']}")
    return lines


def platform_lines(case: dict, role: str, online: bool = True) -> list[str]:
    """The respondent: its name, credit code and address; with `online`, where it is found on the net
    (a letter to the platform itself leaves that out, the summary keeps it)."""
    pf = case["platform"]
    named = respondent_named(case)
    if named:
        lines = [f"{role}：{named}"]
    else:
        lines = [f"{role}：{pf['name']}（经营主体名称待查）"]
    if pf.get("credit_code"):
        lines.append(f"统一社会信用代码：{pf['credit_code']}")
    if pf.get("address"):
        lines.append(f"地址：{pf['address']}")
    for key, label in (("url", "网址"), ("app", "应用程序"), ("icp", "ICP备案号"), ("customer_service", "客服联系方式")):
        if online and pf.get(key):
            lines.append(f"{label}：{pf[key]}")
    return lines


def shop_of(case: dict) -> dict | None:
    """The marketplace shop that sold, when the case names one: then it, not the platform, is the seller."""
    platform = case["platform"]
    return platform.get("seller") if platform.get("kind") == "marketplace" else None


def shop_lines(case: dict, shop: dict, role: str, online: bool = True) -> list[str]:
    """A marketplace shop as the respondent: its name and the address it shows on the platform, then the platform
    it sells on (its operator is who must disclose the shop's real identity)."""
    pf = case["platform"]
    lines = [f"{role}：{shop['name']}（“{pf['name']}”平台内店铺，经营者名称待查）"]
    if shop.get("address"):
        lines.append(f"店铺在平台公示的地址：{shop['address']}")
    if pf.get("operator"):
        lines.append(f"平台经营者：{pf['operator']}" + (f"（地址：{pf['address']}）" if pf.get("address") else ""))
    for key, label in (("url", "平台网址"), ("app", "平台应用程序"), ("customer_service", "客服联系方式")):
        if online and pf.get(key):
            lines.append(f"{label}：{pf[key]}")
    return lines


def respondent_lines(case: dict, role: str, online: bool = True) -> list[str]:
    """Whom a complaint or mediation request is against: the seller — a marketplace's shop, else the platform."""
    shop = shop_of(case)
    return shop_lines(case, shop, role, online) if shop else platform_lines(case, role, online)


def bought_at(case: dict, them: str) -> str:
    """Where the purchase was made, as an intro says it: `被投诉人经营的“X”` or `“X”平台内店铺“Y”`."""
    shop = shop_of(case)
    if shop:
        return f"“{case['platform']['name']}”平台内店铺{quote(shop['name'])}"
    return f"{them}经营的“{case['platform']['name']}”"


def where_bought(case: dict) -> str:
    """Where the user bought, as the user tells it: `“X”`, or `“X”平台内店铺“Y”` when a shop sold."""
    shop = shop_of(case)
    return f"“{case['platform']['name']}”" + (f"平台内店铺{quote(shop['name'])}" if shop else "")


def respondent_named(case: dict) -> str | None:
    """Who a complaint is against, by name: the operator, or an individual seller by the real name its
    collection code shows (the seller's own name beside it); None while neither is known."""
    pf, pay = case["platform"], case["payment"]
    if pf.get("operator"):
        return f"{pf['operator']}（平台名称：{pf['name']}）"
    if pf.get("kind") == "individual" and pay.get("payee_kind") == "personal" and pay.get("payee"):
        return f"{pay['payee']}（收款人实名；卖家：{pf['name']}）"
    return None


def images(analysis: Analysis) -> list[dict]:
    """Screenshots to embed in an appendix; the renderer turns paths into pictures."""
    out = []
    for e in analysis.exhibits:
        if e.embeddable:
            path = analysis.valid.evidence_paths[e.index]
            out.append({"label": e.label, "caption": f"{e.label}：{e.description}", "path": str(path),
                        "width": e.width, "height": e.height})
    return out


def tried_clause(analysis: Analysis, clause: str) -> str:
    """Say the platform was asked in vain only when a contact with it is recorded and unresolved."""
    return clause if "platform_unresolved" in analysis.facts else ""


def problem_summary(analysis: Analysis) -> str:
    return "、".join(PROBLEM_LABELS[p["type"]] for p in analysis.case["problems"])

