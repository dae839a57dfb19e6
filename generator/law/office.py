"""The county-level market regulator expected to handle a 12315 complaint, and the basic court for a suit.

Both are advice to confirm (the 12315 form's 处理单位 picker, the court's own
filing rules), derived from the case's addresses by `places.parse_address` and
the naming rules in `data/offices.yaml`. An address without a county, or a
county named without its province and city (two counties may share a name),
is said to be unusable: the office is never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.case.model import Case
from generator.data_files import data_loader, package_text, read_checked
from generator.errors import DataError
from generator.law.provisions import book_title, provision_in_force

_NAMES = {
    "type": "dict",
    "required": True,
    "schema": {
        "district": {"type": "string", "required": True},
        "county": {"type": "string", "required": True},
        "cities": {
            "type": "dict",
            "required": True,
            "valuesrules": {
                "type": "dict",
                "schema": {
                    "district": {"type": "string", "required": True},
                    "source": {"type": "string", "required": True},
                },
            },
        },
    },
}
_SCHEMA = {
    "version": {"type": "integer", "required": True, "allowed": [1]},
    "checked": {"type": "string", "required": True},
    "jurisdiction": {
        "type": "list",
        "required": True,
        "minlength": 1,
        "schema": {
            "type": "dict",
            "schema": {
                "cite": {"type": "string", "required": True, "regex": r"^\S+ \d+$"},
                "marketplace": {"type": "string", "required": True, "allowed": ["seller_then_platform", "platform"]},
            },
        },
    },
    "report_jurisdiction": {
        "type": "list",
        "required": True,
        "minlength": 1,
        "schema": {
            "type": "dict",
            "schema": {
                "cite": {"type": "string", "required": True, "regex": r"^\S+ \d+$"},
                "marketplace": {"type": "string", "required": True, "allowed": ["seller_then_platform", "platform"]},
            },
        },
    },
    "regulator": _NAMES,
    "association": _NAMES,
    "court": _NAMES,
    "internet_courts": {
        "type": "dict",
        "required": True,
        "schema": {
            "source": {"type": "string", "required": True},
            "courts": {"type": "dict", "required": True, "valuesrules": {"type": "string"}},
        },
    },
}


@dataclass(frozen=True)
class Office:
    """Who is expected to handle something, or why that cannot be said."""

    name: str | None  # None: no usable address
    address: str | None  # the address it was derived from
    basis: str  # the article or rule it follows
    problem: str = ""  # why no name could be given

    def advice(self) -> str:
        """One sentence for the complaint and the summary."""
        if self.name:
            return (
                f"建议在12315表单的“处理单位”中选择{self.name}（按{self.basis}，依据地址“{self.address}”推定，"
                f"请以表单列出的单位为准）"
            )
        return f"{self.problem}，请在12315表单的“处理单位”中按{self.basis}自行选择"


@dataclass(frozen=True)
class Court:
    """The court advised for a small-claims suit, with the alternative."""

    name: str | None
    ground: str  # whose domicile
    address: str | None
    problem: str = ""


@data_loader
def office_rules() -> dict:
    """offices.yaml, checked; every jurisdiction article must be in provisions.yaml."""
    data = read_checked(package_text("offices.yaml"), _SCHEMA, "offices.yaml")
    from generator.law.provisions import find_provisions

    for entry in data["jurisdiction"] + data["report_jurisdiction"]:
        law, article = entry["cite"].rsplit(" ", 1)
        if not find_provisions(law, int(article)):
            raise DataError(f"offices.yaml: jurisdiction cites {entry['cite']!r}, which provisions.yaml lacks")
    return data


def regulator_office(case: Case) -> Office:
    """The county-level market regulator for the case's 12315 complaint, by the text in force on the filing date."""
    return _office(case, "jurisdiction", "投诉处理规则")


def consumer_association(case: Case) -> str | None:
    """The county-level consumer association of the place the 12315 office is derived from (the same address, so
    the mediation request and the summary name the same place), or None where that place is not known."""
    office = regulator_office(case)
    if not office.name or not office.address:
        return None
    return _name_for(office.address, office_rules()["association"])[0]


def report_office(case: Case) -> Office:
    """The office for a report (举报), by its own article: the respondent's domicile, a marketplace shop's place."""
    return _office(case, "report_jurisdiction", "举报处理规则")


def _office(case: Case, key: str, rules_name: str) -> Office:
    """The office the article in force under `key` points to, from the respondent's address."""
    filing = case.filing_date
    entry, provision = _jurisdiction_in_force(filing, key)
    if provision is None:
        return Office(None, None, rules_name, f"{filing.isoformat()}适用的{rules_name}未收录")
    basis = f"{book_title(provision.law)}{provision.article_label}"
    address, whose = _respondent_address(case, entry["marketplace"])
    if not address:
        return Office(None, None, basis, f"案件中没有{whose}的地址，无法推定处理单位")
    name, problem = _name_for(address, office_rules()["regulator"])
    return Office(name, address, basis, problem and f"{whose}的地址“{address}”{problem}，无法推定处理单位")


def _jurisdiction_in_force(on: date, key: str = "jurisdiction"):
    for entry in office_rules()[key]:
        law, article = entry["cite"].rsplit(" ", 1)
        provision = provision_in_force(law, int(article), on)
        if provision is not None:
            return entry, provision
    return None, None


def _respondent_address(case: Case, marketplace: str) -> tuple[str | None, str]:
    """The address the article points to, and whose it is."""
    platform = case.platform
    if platform.kind == "marketplace" and marketplace == "seller_then_platform":
        shown = platform.seller.address if platform.seller else None
        if shown:
            return shown, "店铺在平台公示"
        return platform.address, "平台经营者住所地"
    if platform.kind == "individual":
        return platform.address, "卖家"
    return platform.address, "平台经营者住所地"


def _name_for(address: str, names: dict) -> tuple[str | None, str]:
    """An office's name from an address, or None and why not."""
    from generator.law.places import parse_address

    place = parse_address(address)
    if not place.county:
        return None, "没有写明区县"
    if not place.province or not place.city:
        return None, f"只写了“{place.county}”，没有写明省市，同名区县可能不止一个"
    if place.county == place.city:  # a city without counties, e.g. 东莞市: no county-level office to name
        return None, "所在城市不设区县"
    special = names["cities"].get(place.city)
    pattern = (
        special["district"]
        if special and place.county.endswith("区")
        else names["district"]
        if place.county.endswith("区")
        else names["county"]
    )
    short = place.county[:-1] if place.county[-1] in "区县市" and len(place.county) > 2 else place.county
    return pattern.format(city=place.city, county=place.county, county_short=short), ""


def small_claims_courts(case: Case) -> tuple[Court, Court]:
    """The buyer's court (民诉法解释第二十条: an online delivery's place of performance) and the defendant's."""
    buyer = _court_for(case.complainant.address, "原告住所地")
    defendant = _court_for(case.platform.address, "被告住所地")
    return buyer, defendant


def _court_for(address: str | None, ground: str) -> Court:
    if not address:
        return Court(None, ground, None, "没有地址")
    name, problem = _name_for(address, office_rules()["court"])
    if name is None:
        return Court(None, ground, address, problem)
    from generator.law.places import parse_address

    internet = office_rules()["internet_courts"]["courts"].get(parse_address(address).city)
    return Court(internet or name, ground, address)


def court_advice(case: Case) -> str:
    """The court for the plan: the buyer's first, the defendant's as the alternative."""
    from generator.phrases import say

    buyer, defendant = small_claims_courts(case)
    if buyer.name and defendant.name and defendant.name != buyer.name:
        return say("summary.court_both", buyer=buyer.name, defendant=defendant.name)
    if buyer.name or defendant.name:
        court = buyer if buyer.name else defendant
        return say("summary.court_one", court=court.name, ground=court.ground)
    # the addresses may be right: the court data has no county for them (东莞市南城街道, a city without counties)
    return say("summary.court_unknown")
