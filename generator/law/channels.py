"""The complaint channels' facts: paths, limits and reference prices, each with its source.

`data/channels.yaml` is loaded once and checked against a schema; a bad file is
a `DataError` (a bug of the package, never the user's). A fact marked
`confirmed: false` had no reliable source: it may be shown as advice to check,
and `rule()` refuses to hand it out as a limit to compute with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from generator import vocabulary as V
from generator.data_files import data_loader, located, package_text, read_checked
from generator.errors import DataError, DataFileError, Problem
from generator.law.calendar_cn import add_years

UNITS = (*V.TIME_UNITS, "characters", "yuan")  # a length of time, a form field's size, an amount
# Like with like: a one-off card is compared with the one-off card price, never
# with the cheaper auto-renewal (连续包年/包月) price of the same length.
_PRICE_KIND_BY_TERM = {12: "annual_card", 1: "monthly_card"}
_FOLDED_CHINESE = re.compile(r"[\u3000-\u9fff\uff00-\uffef]\s+[\u3000-\u9fff\uff00-\uffef]")

WINDOW_KINDS = ("wechat_refund_window", "card_dispute_window")  # the windows deadlines.py can compute
_KEY = {"type": "string", "regex": r"[a-z0-9_]+(\.[a-z0-9_]+)*"}
_WINDOWS = {
    "window": {
        "type": "dict",
        "excludes": "unconfirmed_window",
        "schema": {
            "kind": {"type": "string", "required": True, "allowed": list(WINDOW_KINDS)},
            "fact": {**_KEY, "required": True},
        },
    },
    "unconfirmed_window": _KEY,
}
_ROUTE = {
    "type": "dict",
    "schema": {
        **_WINDOWS,
        "submit": {"type": "list", "required": True, "schema": _KEY},
        "personal": {
            "type": "dict",
            "required": True,
            "schema": {
                "facts": {"type": "list", "required": True, "schema": _KEY},
                "label": {"type": "string", "required": True, "empty": False},
            },
        },
        "networks": {
            "type": "dict",
            "keysrules": {"type": "string", "allowed": V.codes(V.CARD_NETWORKS)},
            "valuesrules": {"type": "dict", "schema": _WINDOWS},
        },
    },
}
_ROUTES = {
    "routes": {"type": "dict", "schema": {channel: {**_ROUTE, "required": True} for channel in V.codes(V.CHANNELS)}},
    "personal_code_window": _KEY,
}
_SCHEMA = {
    **_ROUTES,
    "facts": {
        "type": "list",
        "required": True,
        "minlength": 1,
        "schema": {
            "type": "dict",
            "schema": {
                "key": {"type": "string", "required": True, "regex": r"[a-z0-9_]+(\.[a-z0-9_]+)*"},
                "text": {"type": "string", "required": True, "empty": False},
                "value": {"type": ["integer", "string"], "regex": r"\d+(\.\d{1,2})?", "min": 0, "dependencies": "unit"},
                "unit": {"type": "string", "allowed": list(UNITS), "dependencies": "value"},
                "source": {"type": "string", "required": True, "empty": False},
                "checked": {"type": "date", "required": True},
                "confirmed": {"type": "boolean", "required": True},
                "effective": {"type": "date"},
                "repealed": {"type": "date"},
            },
        },
    },
}


@dataclass(frozen=True)
class Fact:
    """One sourced fact about a channel, as the data file states it."""

    key: str
    text: str
    source: str
    checked: date
    confirmed: bool
    value: int | Decimal | None = None
    unit: str | None = None
    effective: date | None = None
    repealed: date | None = None

    @property
    def number(self) -> int:
        """The value as a whole number (hours, days, characters); a fact without one is a data error."""
        if self.value is None or self.value != int(self.value):
            raise DataError(f"{self.key} 的 value 应为整数（时长或字数），实际是 {self.value!r}")
        return int(self.value)

    def in_force(self, on: date) -> bool:
        """Whether this version applies on the given day."""
        return (self.effective is None or self.effective <= on) and (self.repealed is None or on < self.repealed)


@dataclass(frozen=True)
class Route:
    """What a payment channel offers a case: its window (a sourced one to compute, or an unconfirmed one to warn
    of), the facts that say how to submit, and what a transfer to a person's collection code is told."""

    window_kind: str | None = None
    window_fact: str | None = None
    unconfirmed_window: str | None = None
    submit: tuple[str, ...] = ()
    personal_facts: tuple[str, ...] = ()
    personal_label: str = ""


def facts_from_yaml(text: str) -> dict[str, tuple[Fact, ...]]:
    """Parse and check a channels file: every key with its versions, oldest first."""
    data = read_checked(text, _SCHEMA, "channels.yaml")
    by_key: dict[str, list[Fact]] = {}
    first: dict[str, int] = {}
    for i, entry in enumerate(data["facts"]):
        first.setdefault(entry["key"], i)
        by_key.setdefault(entry["key"], []).append(
            located("channels.yaml", ("facts", i), lambda entry=entry: _fact(entry))
        )
    facts = {
        key: located(
            "channels.yaml", ("facts", first[key]), lambda key=key, versions=versions: _ordered_versions(key, versions)
        )
        for key, versions in by_key.items()
    }
    return facts


def _check_route_keys(data: dict, facts: dict) -> None:
    """Every fact a route names is in the file; a route's sourced window is a confirmed fact with a value."""

    def named(route: dict, path: tuple):
        window = route.get("window")
        if window:
            yield (*path, "window", "fact"), window["fact"], True
        if route.get("unconfirmed_window"):
            yield (*path, "unconfirmed_window"), route["unconfirmed_window"], False
        for i, key in enumerate(route.get("submit", [])):
            yield (*path, "submit", i), key, False
        for i, key in enumerate(route.get("personal", {}).get("facts", [])):
            yield (*path, "personal", "facts", i), key, False
        for network, inner in route.get("networks", {}).items():
            yield from named(inner, (*path, "networks", network))

    found = [item for channel, route in data["routes"].items() for item in named(route, ("routes", channel))]
    found.append((("personal_code_window",), data["personal_code_window"], False))
    for path, key, computed in found:
        if key not in facts:
            located("channels.yaml", path, lambda key=key: _refuse(f"没有名为 {key} 的事实（facts 中的 key）"))
        if computed and not all(f.confirmed and f.value is not None for f in facts[key]):
            located(
                "channels.yaml",
                path,
                lambda key=key: _refuse(
                    f"{key} 未经证实或没有数值（value），不能用来计算期限；请改写为 unconfirmed_window"
                ),
            )


def _refuse(message: str):
    """A DataError, for `located` to place at the route's key path."""
    raise DataError(message)


def _fact(entry: dict) -> Fact:
    """One schema-checked entry as a Fact."""
    # A folded YAML scalar (>-) joins its lines with a space, which Chinese text
    # must not contain; a blank between two Chinese characters betrays it.
    if _FOLDED_CHINESE.search(entry["text"]):
        raise DataError(
            f"{entry['key']} 的 text 在两个汉字之间有空格（多半是折叠写法 >- 把换行变成了空格，请改用 |- 或写在一行）"
        )
    value = entry.get("value")
    # Money may be written as text ("19.90"); it becomes Decimal, never float.
    if isinstance(value, str):
        value = Decimal(value)
    return Fact(
        key=entry["key"],
        text=entry["text"].strip(),
        source=entry["source"],
        checked=entry["checked"],
        confirmed=entry["confirmed"],
        value=value,
        unit=entry.get("unit"),
        effective=entry.get("effective"),
        repealed=entry.get("repealed"),
    )


def _ordered_versions(key: str, versions: list[Fact]) -> tuple[Fact, ...]:
    """Versions of one key sorted by date; they must follow each other without overlap."""
    if len(versions) == 1:
        return tuple(versions)
    dated = sorted(((v.effective, v) for v in versions if v.effective is not None), key=lambda pair: pair[0])
    if len(dated) != len(versions):
        raise DataError(f"{key} 有多个版本，每个版本都需要写 effective（生效日期）")
    ordered = [v for _, v in dated]
    for (_, old), (start, new) in zip(dated, dated[1:]):
        if old.repealed is None or old.repealed > start:
            raise DataError(
                f"{key} 的版本在时间上重叠（{old.effective} 与 {new.effective}）："
                "前一版本的 repealed 不能晚于后一版本的 effective"
            )
    return tuple(ordered)


@data_loader
def _facts() -> dict[str, tuple[Fact, ...]]:
    """The package's channels.yaml, read and checked once."""
    text = package_text("channels.yaml")
    return facts_from_yaml(text)


@data_loader
def _routes() -> tuple[dict, str]:
    """The file's routes and the personal-code window, each fact they name checked against its facts."""
    data = read_checked(package_text("channels.yaml"), _SCHEMA, "channels.yaml")
    for key in _ROUTES:  # the schema lets a file of facts alone be read; the package's file needs its routes
        if key not in data:
            raise DataFileError("channels.yaml", [Problem((key,), "缺少必填项")])
    _check_route_keys(data, _facts())
    return data["routes"], data["personal_code_window"]


def _route_of(entry: dict, inherited: dict | None = None) -> Route:
    window = entry.get("window")
    windows = (
        {"window_kind": window["kind"], "window_fact": window["fact"]}
        if window
        else {"unconfirmed_window": entry.get("unconfirmed_window")}
    )
    base = inherited or entry
    return Route(
        **windows,
        submit=tuple(base["submit"]),
        personal_facts=tuple(base["personal"]["facts"]),
        personal_label=base["personal"]["label"],
    )


def route(channel: str, network: str | None = None) -> Route:
    """The route of a payment channel; a bank card's by its card network when channels.yaml gives it one."""
    routes, _ = _routes()
    entry = routes[channel]
    if network and network in entry.get("networks", {}):
        return _route_of(entry["networks"][network], entry)
    return _route_of(entry)


def all_routes() -> list:
    """Every fact and every route, as check-data reads them."""
    return [*all_facts(), _routes()]


def personal_code_window() -> str:
    """The fact telling that no window of a transfer to a person's collection code is confirmed."""
    return _routes()[1]


def all_facts() -> list[Fact]:
    """Every fact and every dated version, in the data file's key order."""
    return [f for versions in _facts().values() for f in versions]


def has_fact(key: str) -> bool:
    """Whether the data file has a fact of that name."""
    return key in _facts()


def fact_in_force(key: str, on: date) -> Fact | None:
    """The version of `key` that applies on a day, or None when none does."""
    return next((f for f in _versions(key) if f.in_force(on)), None)


def fact(key: str, on: date | None = None) -> Fact:
    """The fact named `key`: its version in force `on` that day, else the current one."""
    versions = _versions(key)
    if on is None:
        return next((f for f in versions if f.repealed is None), versions[-1])
    found = fact_in_force(key, on)
    if found is None:
        raise KeyError(f"no version of channel fact {key!r} applies on {on}")
    return found


def rule(key: str, on: date | None = None) -> Fact:
    """A confirmed fact with a value, fit to compute a deadline or a limit with."""
    found = fact(key, on)
    if not found.confirmed or found.value is None:
        raise DataError(f"channel fact {key!r} is unconfirmed or has no value: it cannot be used as a rule")
    return found


def _versions(key: str) -> tuple[Fact, ...]:
    """All versions of a key; an unknown key is a KeyError naming it."""
    try:
        return _facts()[key]
    except KeyError:
        raise KeyError(f"unknown channel fact {key!r}") from None


def facts_checked_on() -> date:
    """The most recent day on which a confirmed fact was checked."""
    return max(f.checked for f in all_facts() if f.confirmed)


def stale_facts(on: date) -> list[Fact]:
    """Facts last checked more than one year before `on`: to re-check before relying on them."""
    year_before = add_years(on, -1)
    return [f for f in all_facts() if f.checked < year_before]


def reference_price(service: str, term_months: int) -> tuple[Decimal, Fact] | None:
    """The official price of the same kind of membership, or None when there is no like for like."""
    kind = _PRICE_KIND_BY_TERM.get(term_months)
    if kind is None:
        return None
    versions = _facts().get(f"reference_price.{service}.{kind}")
    if not versions or not versions[-1].confirmed:
        return None
    return Decimal(versions[-1].value), versions[-1]
