"""Claim arithmetic: refund, renewal charges and fraud compensation, in Decimal.

The rules are the case format's ("What the numbers mean"); the threefold
compensation and its 500-yuan floor are those of 消费者权益保护法 第五十五条,
kept as data in `data/amounts.yaml` beside the article they come from.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from .cnformat import chinese_number, rmb_capitals
from .data_files import read_data

FEN = Decimal("0.01")


@dataclass(frozen=True)
class Amounts:
    """What the consumer claims, each part with the sentence that explains it."""

    refund: Decimal
    refund_mode: str  # full | prorated | explicit
    refund_explanation: str
    renewals: Decimal
    renewal_count: int
    punitive: Decimal
    punitive_explanation: str
    total: Decimal
    price: Decimal
    refunded: Decimal = Decimal("0.00")  # what the platform already paid back (claims.refunded)

    def as_strings(self) -> dict:
        """The manifest's view: two-decimal strings."""
        keys = ("refund", "renewals", "punitive", "total") + (("refunded",) if self.refunded else ())
        return {k: f"{getattr(self, k):.2f}" for k in keys}


def fen(value: Decimal) -> Decimal:
    """Round half-up to the fen."""
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def yuan(value: Decimal) -> str:
    """`118.50元`"""
    return f"{fen(value):.2f}元"


def capitals(value: Decimal) -> str:
    """Chinese financial capitals: 壹佰壹拾捌元伍角, 贰佰贰拾伍元整."""
    return rmb_capitals(f"{fen(value):.2f}")


def rmb(value: Decimal) -> str:
    """`人民币118.50元（大写：壹佰壹拾捌元伍角）`, the form every filing uses."""
    return f"人民币{yuan(value)}（大写：{capitals(value)}）"


@lru_cache(maxsize=1)
def punitive_rule() -> dict:
    """Multiplier and floor of the fraud compensation, with their source."""
    rule = read_data("amounts.yaml")["punitive"]
    return {"multiplier": Decimal(str(rule["multiplier"])), "floor": Decimal(str(rule["floor"])),
            "law": rule["law"], "article": rule["article"]}


def refund_mode(order: dict, problem_types: set[str], requested) -> str:
    """`auto` is full when nothing was used or there was fraud, else prorated."""
    if isinstance(requested, Decimal):
        return "explicit"
    mode = requested or "auto"
    if mode != "auto":
        return mode
    if not order.get("used_months") or "fraud" in problem_types:
        return "full"
    return "prorated"


def compute_amounts(case: dict) -> Amounts:
    """All the money of a validated case."""
    order = case["order"]
    claims = case.get("claims", {})
    types = {p["type"] for p in case["problems"]}
    price = order["price"]
    mode = refund_mode(order, types, claims.get("refund"))
    refund, refund_text = _refund(order, mode, claims.get("refund"), "fraud" in types)
    charges = [c["amount"] for p in case["problems"] if p["type"] == "auto_renewal" for c in p.get("charges", [])]
    renewals = fen(sum(charges, Decimal("0")))
    punitive, punitive_text = Decimal("0.00"), ""
    if claims.get("punitive_damages") and "fraud" in types:
        punitive, punitive_text = _punitive(price)
    refunded = fen(claims.get("refunded") or Decimal("0"))
    total = max(fen(refund + renewals + punitive - refunded), Decimal("0.00"))
    return Amounts(refund=refund, refund_mode=mode, refund_explanation=refund_text, renewals=renewals,
                   renewal_count=len(charges), punitive=punitive, punitive_explanation=punitive_text,
                   total=total, price=fen(price), refunded=refunded)


def _refund(order: dict, mode: str, requested, fraud: bool) -> tuple[Decimal, str]:
    price, term = order["price"], order["term_months"]
    used = order.get("used_months") or 0
    if mode == "explicit":
        return fen(requested), f"实付{yuan(price)}，现主张退还{yuan(requested)}"
    if mode == "prorated":
        left = term - used
        refund = fen(price * left / term)
        return refund, (f"会员期限{term}个月，实付{yuan(price)}，已使用{used}个月，"
                        f"按未使用的{left}个月折算退还{yuan(refund)}")
    if fraud:
        reason = "因经营者存在欺诈行为，"
    elif order.get("used_months") == 0:
        reason = "因会员权益自始未能正常使用，"
    else:
        reason = ""
    return fen(price), f"实付{yuan(price)}，{reason}应全额退还{yuan(price)}"


def _punitive(price: Decimal) -> tuple[Decimal, str]:
    rule = punitive_rule()
    times = fen(price * rule["multiplier"])
    multiple = chinese_number(int(rule["multiplier"]))
    floor = chinese_number(int(rule["floor"]))
    if times >= rule["floor"]:
        return times, f"按实付{yuan(price)}的{multiple}倍计算为{yuan(times)}"
    return fen(rule["floor"]), f"实付{yuan(price)}的{multiple}倍为{yuan(times)}，不足{floor}元，按{floor}元计算"
