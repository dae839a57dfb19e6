"""The case as typed, immutable objects: what validation hands to every later stage.

One class per part of the case file (see the case format); optional fields are
`None` or an empty tuple when the case leaves them out. `case_from_data` builds
them in one place from the validated, normalised mapping, after the defaults of
the 2026-12 fields are applied. Key paths and lines for located messages stay
with `ValidCase.lines`.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

# A date, or a date-time in China time (naive), as the format allows for `paid_at` and a few others.
Moment = date | datetime


def day_of(moment: Moment) -> date:
    """The calendar day of a moment (a date-time's date; a date as it is)."""
    return moment.date() if isinstance(moment, datetime) else moment


@dataclass(frozen=True, slots=True)
class Complainant:
    """投诉人: the consumer; gender and birth date are filled from the ID number when it is given."""

    name: str
    phone: str
    address: str
    email: str | None = None
    id_number: str | None = None
    gender: str | None = None
    birth_date: date | None = None
    ethnicity: str | None = None


@dataclass(frozen=True, slots=True)
class Seller:
    """A shop on a marketplace platform that sold the code (`platform.seller`)."""

    name: str
    address: str | None = None


@dataclass(frozen=True, slots=True)
class Platform:
    """The card platform complained about; `kind` is self_operated, marketplace or individual."""

    name: str
    url: str | None = None
    app: str | None = None
    operator: str | None = None
    credit_code: str | None = None
    icp: str | None = None
    address: str | None = None
    customer_service: str | None = None
    kind: str = "self_operated"
    seller: Seller | None = None


@dataclass(frozen=True, slots=True)
class Promise:
    """A promise on the seller's page, quoted word for word; `covers` defaults to every problem type."""

    text: str
    times: int | None = None
    covers: tuple[str, ...] = ()

    def counts_for(self, problem_types: AbstractSet[str]) -> bool:
        """A promise counts only when one of the problems it covers is in the case (none named: every one)."""
        return not self.covers or bool(problem_types & set(self.covers))


@dataclass(frozen=True, slots=True)
class Order:
    """The order on the platform: what was sold, for how much, when."""

    id: str
    product: str
    service: str
    advertised: str
    price: Decimal
    paid_at: Moment
    term_months: int
    official_price: Decimal | None = None
    used_months: int | None = None
    failed_at: Moment | None = None
    promises: tuple[Promise, ...] = ()
    # the id the user gave is the payment's own transaction number (a transfer, with no order of its own);
    # derived from the case file, not one of its keys
    id_is_transaction: bool = field(default=False, metadata={"derived": True})


@dataclass(frozen=True, slots=True)
class Payment:
    """How the price was paid; `payee_kind` is merchant or personal (a person's collection code)."""

    channel: str
    transaction_id: str
    merchant_order_id: str | None = None
    payee: str | None = None
    bank: str | None = None
    card_network: str | None = None
    payee_kind: str = "merchant"


@dataclass(frozen=True, slots=True)
class Charge:
    """One renewal debit of an auto_renewal problem."""

    date: date
    amount: Decimal
    transaction_id: str | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem of the case; the renewal fields are given only for type auto_renewal."""

    type: str
    description: str
    delivered: str | None = None
    default_checked: bool | None = None
    cancel_requested_at: Moment | None = None
    terms_hidden: bool | None = None
    charges: tuple[Charge, ...] = ()


@dataclass(frozen=True, slots=True)
class Contact:
    """One attempt to resolve the dispute; `party` is the case file's `with` (a Python keyword)."""

    date: date
    party: str
    method: str
    summary: str
    result: str


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One evidence file as the case lists it; `about` holds problem types, subjects and contact dates."""

    file: str
    category: str
    description: str
    recording_disclosed: bool | None = None
    about: tuple[str | date, ...] = ()


@dataclass(frozen=True, slots=True)
class Loss:
    """A loss beyond the price, claimed as compensation with its reason and, optionally, its exhibit."""

    amount: Decimal
    description: str
    evidence: str | None = None


@dataclass(frozen=True, slots=True)
class Claims:
    """诉求; `refund` is auto, full, prorated or an amount (None when the case does not say)."""

    refund: str | Decimal | None = None
    punitive_damages: bool | None = None
    stop_auto_renewal: bool | None = None
    extra: str | None = None
    refunded: Decimal | None = None
    promised_compensation: bool | None = None
    losses: tuple[Loss, ...] = ()


@dataclass(frozen=True, slots=True)
class Representative:
    """A lawyer or consumer-association advocate acting for the complainant."""

    name: str
    phone: str
    organisation: str | None = None
    address: str | None = None
    relation: str | None = None  # to the complainant, as the case gives it (儿子): a relative acting for them


@dataclass(frozen=True, slots=True)
class Case:
    """A whole valid case: every part of the case file, normalised and with its defaults."""

    case_id: str
    filing_date: date
    complainant: Complainant
    platform: Platform
    order: Order
    payment: Payment
    problems: tuple[Problem, ...]
    version: int = 1
    contacts: tuple[Contact, ...] = ()
    evidence: tuple[EvidenceItem, ...] = ()
    claims: Claims = Claims()
    mask: tuple[str, ...] = ()
    representative: Representative | None = None

    def problem(self, kind: str) -> Problem | None:
        """The case's problem of one type, or None (each type appears at most once)."""
        return next((p for p in self.problems if p.type == kind), None)

    @property
    def kinds(self) -> frozenset[str]:
        """The problem types the case has."""
        return frozenset(p.type for p in self.problems)


# --- construction ---------------------------------------------------------------


def case_from_data(data: Mapping[str, Any]) -> Case:
    """The typed case from the validated, normalised mapping (validate.py's document)."""
    return Case(
        case_id=data["case_id"],
        filing_date=data["filing_date"],
        version=data.get("version", 1),
        complainant=Complainant(**data["complainant"]),
        platform=_platform(data["platform"]),
        order=_order(data["order"], data["payment"]["transaction_id"]),
        payment=Payment(**data["payment"]),
        problems=tuple(_problem(p) for p in data["problems"]),
        contacts=tuple(_contact(c) for c in data.get("contacts", ())),
        evidence=tuple(_evidence_item(e) for e in data.get("evidence", ())),
        claims=_claims(data.get("claims") or {}),
        mask=tuple(data.get("mask", ())),
        representative=Representative(**data["representative"]) if data.get("representative") else None,
    )


def _platform(data: Mapping[str, Any]) -> Platform:
    fields = dict(data)
    seller = fields.pop("seller", None)
    return Platform(**fields, seller=Seller(**seller) if seller else None)


def _order(data: Mapping[str, Any], transaction_id: str) -> Order:
    fields = dict(data)
    promises = fields.pop("promises", ())
    same = str(fields["id"]).strip() == str(transaction_id).strip()
    return Order(**fields, promises=tuple(_promise(p) for p in promises), id_is_transaction=same)


def _promise(data: Mapping[str, Any]) -> Promise:
    return Promise(text=data["text"], times=data.get("times"), covers=tuple(data.get("covers", ())))


def _problem(data: Mapping[str, Any]) -> Problem:
    fields = dict(data)
    charges = fields.pop("charges", ())
    return Problem(**fields, charges=tuple(Charge(**c) for c in charges))


def _contact(data: Mapping[str, Any]) -> Contact:
    fields = dict(data)
    return Contact(party=fields.pop("with"), **fields)


def _evidence_item(data: Mapping[str, Any]) -> EvidenceItem:
    fields = dict(data)
    about = fields.pop("about", ())
    return EvidenceItem(**fields, about=tuple(about))


def _claims(data: Mapping[str, Any]) -> Claims:
    fields = dict(data)
    losses = fields.pop("losses", ())
    return Claims(**fields, losses=tuple(Loss(**loss) for loss in losses))
