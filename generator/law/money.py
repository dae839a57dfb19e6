"""Claim arithmetic: refund, renewal charges and fraud compensation, in Decimal.

The rules are the case format's ("What the numbers mean"); the threefold
compensation and its 500-yuan floor are those of 消费者权益保护法 第五十五条,
kept as data in `data/amounts.yaml` beside the article they come from.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from generator.case.model import Case, Moment, Order
from generator.cnformat import chinese_number, rmb_capitals
from generator.data_files import data_loader, read_data
from generator.memo import by_identity
from generator.phrases import say

FEN = Decimal("0.01")


@dataclass(frozen=True)
class Loss:
    """A loss beyond the price, claimed as 赔偿损失 with its reason and exhibit file."""

    amount: Decimal
    description: str
    evidence: str | None = None


@dataclass(frozen=True)
class Promise:
    """The seller's promised compensation that counts for this case (the highest single one)."""

    text: str
    times: int
    amount: Decimal


@dataclass(frozen=True)
class Debit:
    """One payment the consumer made: the order or a renewal debit, each its own transaction."""

    kind: str  # order | renewal
    transaction_id: str | None  # None: a renewal whose own number the case file does not give
    date: Moment  # date or datetime, as written
    paid: Decimal
    asked: Decimal  # what the payment channel is asked to reverse: never more than `paid`


@dataclass(frozen=True)
class Amounts:
    """What the consumer claims, each part with the sentence that explains it."""

    refund: Decimal
    refund_mode: str  # full | prorated | explicit
    refund_explanation: str
    renewals: Decimal
    renewal_count: int
    punitive: Decimal  # claimed threefold compensation; 0 when not claimed or the promise is higher
    punitive_explanation: str
    total: Decimal
    price: Decimal
    refunded: Decimal = Decimal("0.00")  # what the platform already paid back (claims.refunded)
    promised: Decimal = Decimal("0.00")  # claimed promised compensation; 0 when not claimed or lower
    promised_explanation: str = ""
    promise: Promise | None = None  # the promise asked for (claims.promised_compensation), claimed or not
    losses: Decimal = Decimal("0.00")
    loss_items: tuple = ()
    # Why one compensation was claimed and not the other, when both were asked for.
    choice_explanation: str = ""
    debits: tuple = ()  # every payment made, with what is asked back from each

    def left_after_refunded(self) -> tuple[Decimal, Decimal]:
        """What is still owed of the order's refund and of the renewal debits once what was paid back is set
        against them (the order first, see _debits)."""
        if not self.debits:
            return self.refund, self.renewals
        order = sum((d.asked for d in self.debits if d.kind == "order"), Decimal("0.00"))
        renewals = sum((d.asked for d in self.debits if d.kind == "renewal"), Decimal("0.00"))
        return fen(order), fen(renewals)

    @property
    def disputed(self) -> list:
        """The debits a payment dispute is about: those with money asked back, in date order."""
        return [d for d in self.debits if d.asked > 0]

    def as_strings(self) -> dict:
        """The manifest's view: two-decimal strings; `promised` and `losses` only when asked for."""
        keys = ["refund", "renewals", "punitive"]
        if self.promise is not None:
            keys.append("promised")
        if self.loss_items:
            keys.append("losses")
        keys.append("total")
        if self.refunded:
            keys.append("refunded")
        return {k: f"{getattr(self, k):.2f}" for k in keys}


def fen(value: Decimal) -> Decimal:
    """Round half-up to the fen."""
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def yuan(value: Decimal) -> str:
    """`118.50元`"""
    return say("money.yuan", amount=f"{fen(value):.2f}")


def capitals(value: Decimal) -> str:
    """Chinese financial capitals: 壹佰壹拾捌元伍角, 贰佰贰拾伍元整."""
    return rmb_capitals(f"{fen(value):.2f}")


def rmb(value: Decimal) -> str:
    """`人民币118.50元（大写：壹佰壹拾捌元伍角）`, the form every filing uses."""
    return say("money.rmb", amount=yuan(value), capitals=capitals(value))


@data_loader
def punitive_rule() -> dict:
    """Multiplier and floor of the fraud compensation, with their source."""
    rule = read_data("amounts.yaml")["punitive"]
    return {
        "multiplier": Decimal(str(rule["multiplier"])),
        "floor": Decimal(str(rule["floor"])),
        "law": rule["law"],
        "article": rule["article"],
    }


@data_loader
def refund_rule() -> dict:
    """When `auto` refunds the whole price (amounts.yaml `refund.full_when`)."""
    return read_data("amounts.yaml")["refund"]["full_when"]


@data_loader
def low_price_share() -> Fraction:
    """The share of the official price below which the user is told what a low price may buy (amounts.yaml)."""
    return Fraction(read_data("amounts.yaml")["low_price"]["share"])


@data_loader
def first_term_offer() -> tuple[frozenset, re.Pattern]:
    """amounts.yaml's `low_price.first_term`: the problems for which, and the words by which, a low price paid is
    the advertised first term of an auto-renewal (“首月9.9元”), not a price to be wary of."""
    rule = read_data("amounts.yaml")["low_price"]["first_term"]  # its words checked to compile (data_files)
    return frozenset(rule["problems"]), re.compile(rule["words"])


def advertised_first_term(order: Order, problem_types: AbstractSet[str]) -> bool:
    """The price paid is the first-term price the product or its advertising states (“首月9.9元”), in a case of a
    problem amounts.yaml names (an auto-renewal): the low price was the offer, not a trial or a forged code."""
    problems, words = first_term_offer()
    if not problems & problem_types:
        return False
    written = format(order.price.normalize(), "f")
    amount = re.escape(written) + (r"0*" if "." in written else r"(?:\.0+)?")
    stated = re.compile(rf"(?:{words.pattern})[^，。；,;\d]{{0,6}}(?<![\d.]){amount}(?![\d])")
    return any(stated.search(text) for text in (order.product, order.advertised) if text)


def amount_rules() -> tuple:
    """Every rule of amounts.yaml, as check-data reads them."""
    return punitive_rule(), refund_rule(), low_price_share(), first_term_offer()


def refund_mode(order: Order, problem_types: AbstractSet[str], requested) -> str:
    """`auto` is full when amounts.yaml's rule says so (nothing used, or a problem it names), else prorated."""
    if isinstance(requested, Decimal):
        return "explicit"
    mode = requested or "auto"
    if mode != "auto":
        return mode
    full_when = refund_rule()
    if (full_when["nothing_used"] and not order.used_months) or problem_types & set(full_when["problems"]):
        return "full"
    return "prorated"


@by_identity(32)  # asked once per filing; the plan's earlier states of the case (see plan_facts) ask too
def compute_amounts(case: Case) -> Amounts:
    """All the money of a validated case."""
    order = case.order
    claims = case.claims
    types = case.kinds
    price = order.price
    mode = refund_mode(order, types, claims.refund)
    refund, refund_text = _refund(order, mode, claims.refund)
    charges = [c.amount for p in case.problems if p.type == "auto_renewal" for c in p.charges]
    renewals = fen(sum(charges, Decimal("0")))
    punitive, punitive_text = Decimal("0.00"), ""
    if claims.punitive_damages and "fraud" in types:
        punitive, punitive_text = _punitive(price)
    promise = counted_promise(order, types) if claims.promised_compensation else None
    promised, promised_text = (promise.amount, _promised_text(promise, price)) if promise else (Decimal("0.00"), "")
    punitive, promised, choice = _one_compensation(punitive, promised, promise)
    losses = tuple(Loss(fen(item.amount), item.description, item.evidence) for item in claims.losses)
    loss_total = fen(sum((item.amount for item in losses), Decimal("0")))
    refunded = fen(claims.refunded or Decimal("0"))
    total = max(fen(refund + renewals + punitive + promised + loss_total - refunded), Decimal("0.00"))
    debits = _debits(case, refund, refunded)
    return Amounts(
        refund=refund,
        refund_mode=mode,
        refund_explanation=refund_text,
        renewals=renewals,
        renewal_count=len(charges),
        punitive=punitive,
        punitive_explanation=punitive_text,
        total=total,
        price=fen(price),
        refunded=refunded,
        promised=promised,
        promised_explanation=promised_text,
        promise=promise,
        losses=loss_total,
        loss_items=losses,
        choice_explanation=choice,
        debits=debits,
    )


def _debits(case: Case, refund: Decimal, refunded: Decimal) -> tuple:
    """The order and each renewal debit, with what is owed back from each after what was refunded.

    The order is disputed only for its own refund; each renewal for its own amount. What the
    platform already paid back is set against the order first, then the debits in date order.
    """
    order, payment = case.order, case.payment
    rows: list[tuple[str, str | None, Moment, Decimal, Decimal]] = [
        ("order", payment.transaction_id, order.paid_at, fen(order.price), refund)
    ]
    for p in case.problems:
        if p.type == "auto_renewal":
            rows += [("renewal", c.transaction_id, c.date, fen(c.amount), fen(c.amount)) for c in p.charges]
    out, left = [], refunded
    for kind, number, when, paid, owed in rows:
        taken = min(left, owed)
        left -= taken
        out.append(Debit(kind, number, when, paid, fen(owed - taken)))
    return tuple(out)


def counted_promise(order: Order, problem_types: AbstractSet[str]) -> Promise | None:
    """The highest promised multiple among the promises that cover a problem of the case."""
    counted = [(p.times, p) for p in order.promises if p.times and p.counts_for(problem_types)]
    if not counted:
        return None
    times, best = max(counted, key=lambda pair: pair[0])  # the first of equal multiples: the user's order
    return Promise(text=best.text, times=times, amount=fen(order.price * times))


def _promised_text(promise: Promise, price: Decimal) -> str:
    times = chinese_number(promise.times)
    return say("money.promised", promise=promise.text, price=yuan(price), times=times, amount=yuan(promise.amount))


def _one_compensation(punitive: Decimal, promised: Decimal, promise: Promise | None) -> tuple[Decimal, Decimal, str]:
    """Only one compensation for the same wrong: the higher of the threefold and the promise.

    Returns both amounts (the one not claimed 0) and why, as the summary states it (a request states only the amount
    and its arithmetic; the lower promise is pleaded in the alternative after the total)."""
    if not (punitive and promised and promise):
        return punitive, promised, ""
    rule = punitive_rule()
    multiple, floor = chinese_number(int(rule["multiplier"])), chinese_number(int(rule["floor"]))
    values = {
        "promised": yuan(promised),
        "punitive": yuan(punitive),
        "basis": say("money.punitive_basis", multiple=multiple, floor=floor),
        "promise": promise.text,
    }
    if promised > punitive:
        return Decimal("0.00"), promised, say("money.choice.promise", **values)
    return punitive, Decimal("0.00"), say("money.choice.punitive", **values)


def _refund(order: Order, mode: str, requested) -> tuple[Decimal, str]:
    """The refund of the price and its arithmetic; no fact about use is stated, only the numbers."""
    price, term = order.price, order.term_months
    used = order.used_months or 0
    left = term - used
    prorated = fen(price * left / term)
    if mode == "explicit" and not (used and fen(requested) == prorated):
        return fen(requested), say("money.refund.explicit", price=yuan(price), refund=yuan(requested))
    if mode in ("explicit", "prorated"):
        # an amount the user wrote that is the months' share is shown as that arithmetic, not as a bare figure
        return prorated, say("money.refund.prorated", price=yuan(price), term=term, left=left, refund=yuan(prorated))
    return fen(price), say("money.refund.full", price=yuan(price))


def _punitive(price: Decimal) -> tuple[Decimal, str]:
    rule = punitive_rule()
    times = fen(price * rule["multiplier"])
    multiple = chinese_number(int(rule["multiplier"]))
    floor = chinese_number(int(rule["floor"]))
    values = {"price": yuan(price), "multiple": multiple, "times": yuan(times)}
    if times >= rule["floor"]:
        return times, say("money.punitive", **values)
    return fen(rule["floor"]), say("money.punitive_floor", **values, floor=floor)
