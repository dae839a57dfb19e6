"""The route from where a case stands: the steps still to take and those the contacts show done.

Every step, its condition, its dates and its wording are in `data/plan.yaml`;
this module only evaluates them against a case's facts. The plan is computed
from the case file alone (no evidence is read), so `next` and `status` can use
it on any day without a run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property, lru_cache

from generator.case.complainant import plaintiff_details
from generator.case.model import Case, Contact, day_of
from generator.case.schema import CHANNELS, CONTACT_PARTIES, CONTACT_RESULTS, PLATFORM_KINDS
from generator.cnformat import cn_date
from generator.data_files import data_loader, package_text, read_checked
from generator.errors import DataError
from generator.filings import individual
from generator.law import channels
from generator.law.channels import route
from generator.law.deadlines import accepted_day, add_length
from generator.law.provisions import FACTS as LAW_FACTS
from generator.memo import by_identity
from generator.phrases import EXTRA_LEFT_OUT_KINDS, say
from generator.vocabulary import FILE_STEMS, FILING_KINDS, FILINGS, debit_text_stem

DEADLINE_KINDS = (
    "platform_reply",
    "regulator_acceptance",
    "regulator_mediation",
    "regulator_limitation",
    "wechat_refund_window",
    "card_dispute_window",
)
_PLACEHOLDER = re.compile(r"\{([a-z_]+)(?::([a-z0-9_.]+))?\}")
_TEXT_PLACES = {
    *("due", "not_before", "file", "office", "court", "payee", "merchant", "missing", "submit"),
    *("assisted", "others", "debits", "texts"),
}

_CONDITION = {
    "type": "dict",
    "schema": {k: {"type": "list", "schema": {"type": "string"}} for k in ("all", "any", "none")},
}
_WHEN_DATE = {
    "type": "dict",
    "schema": {
        "deadline": {"type": "string", "allowed": list(DEADLINE_KINDS), "excludes": ["after", "wait"]},
        "after": {
            "type": "dict",
            "dependencies": "wait",
            "schema": {
                "with": {"type": "string", "required": True, "allowed": list(CONTACT_PARTIES)},
                "result": {
                    "type": "list",
                    "required": True,
                    "schema": {"type": "string", "allowed": list(CONTACT_RESULTS)},
                },
            },
        },
        "wait": {"type": "string", "dependencies": "after"},
    },
}
_SCHEMA = {
    "version": {"type": "integer", "required": True, "allowed": [1]},
    "checked": {"type": "string", "required": True},
    "urgent_days": {"type": "integer", "required": True, "min": 0},
    "patterns": {
        "type": "dict",
        "required": True,
        "valuesrules": {
            "type": "dict",
            "schema": {
                "in": {"type": "list", "required": True, "minlength": 1, "schema": {"type": "string"}},
                "regex": {"type": "string", "required": True, "empty": False},
            },
        },
    },
    "derived": {"type": "dict", "required": True, "valuesrules": _CONDITION},
    "steps": {
        "type": "list",
        "required": True,
        "minlength": 1,
        "schema": {
            "type": "dict",
            "schema": {
                "id": {"type": "string", "required": True, "regex": r"[a-z0-9_]+"},
                "label": {"type": "string", "required": True, "empty": False},
                "when": {**_CONDITION, "required": True},
                "first": {"type": "boolean"},
                "ends_at_due": {"type": "boolean", "dependencies": "due"},
                "kind": {"type": "string", "allowed": list(FILING_KINDS)},
                "done": {
                    "type": "dict",
                    "schema": {
                        "with": {
                            "type": "list",
                            "required": True,
                            "minlength": 1,
                            "schema": {"type": "string", "allowed": list(CONTACT_PARTIES)},
                        },
                        # only the complaints about the merchant through the channel (not a call to its hotline)
                        "complaint": {"type": "boolean"},
                    },
                },
                "due": _WHEN_DATE,
                "not_before": _WHEN_DATE,
                "action": {"type": "string", "required": True, "empty": False},
                "reason": {"type": "string", "required": True, "empty": False},
            },
        },
    },
    "extra_left_out": {"type": "list", "schema": {"type": "string", "allowed": list(FILING_KINDS)}},
    "filings": {
        "type": "dict",
        "required": True,
        "keysrules": {"type": "string", "allowed": list(FILING_KINDS)},
        "valuesrules": {
            "type": "dict",
            "schema": {
                "when": {**_CONDITION, "required": True},
                "skipped": {"type": "string", "empty": False},
                # further conditions, each held back for its own reason
                "further": {
                    "type": "list",
                    "schema": {
                        "type": "dict",
                        "schema": {
                            "when": {**_CONDITION, "required": True},
                            "skipped": {"type": "string", "required": True, "empty": False},
                        },
                    },
                },
            },
        },
    },
}


@dataclass(frozen=True)
class Step:
    """One open step of the plan; its words are filled in when first read (naming the office parses addresses)."""

    id: str
    label: str
    kind: str | None
    due: date | None
    not_before: date | None
    words: Callable[[str], str] = field(repr=False, compare=False)
    rule: dict = field(repr=False, compare=False)
    ends: date | None = None  # a wait's step is no longer listed after this day (the other side's time surely over)

    @cached_property
    def action(self) -> str:
        return self.words(self.rule["action"])

    @cached_property
    def reason(self) -> str:
        return self.words(self.rule["reason"])

    def overdue(self, on: date) -> bool:
        return self.due is not None and self.due < on

    def available(self, on: date) -> bool:
        return self.not_before is None or self.not_before <= on


@dataclass(frozen=True)
class Done:
    """A step the contacts show was taken: when and how it ended."""

    id: str
    label: str
    kind: str | None
    date: date
    result: str
    outcome: str


@dataclass(frozen=True)
class Plan:
    """The open steps, most urgent first, and the steps done, oldest first."""

    steps: tuple
    done: tuple
    on: date

    def now(self) -> Step | None:
        """The one thing to do now: the first open step that can already be taken."""
        return next((s for s in self.steps if s.available(self.on)), None)

    def stage(self) -> str:
        """Where the case stands, in a few words: the last step done and how it ended."""
        if not self.done:
            return "尚未开始"
        last = self.done[-1]
        return f"{last.label}：{last.outcome}"

    def as_manifest(self) -> dict:
        """The manifest's `plan` (numbered open steps) and `done`."""
        return {
            "plan": [
                {
                    "step": n,
                    "id": s.id,
                    "action": s.action,
                    "kind": s.kind,
                    "due": _iso(s.due),
                    "not_before": _iso(s.not_before),
                    "reason": s.reason,
                }
                for n, s in enumerate(self.steps, 1)
            ],
            "done": [
                {
                    "step": d.label,
                    "id": d.id,
                    "kind": d.kind,
                    "date": d.date.isoformat(),
                    "result": d.result,
                    "outcome": d.outcome,
                }
                for d in self.done
            ],
        }

    def _later(self, step: Step) -> bool:
        """The step can only be taken from a day still to come (a day already past is no date worth printing)."""
        return step.not_before is not None and step.not_before > self.on

    def lines(self) -> list[str]:
        """The plan as the summary prints it: action, dates, reason."""
        out = []
        for s in self.steps:
            # a date the action already names in its place is not repeated after it
            dates = "；".join(
                x
                for x in (
                    f"最迟{cn_date(s.due)}" if s.due and "{due}" not in s.rule["action"] else "",
                    f"{cn_date(s.not_before)}起" if self._later(s) and "{not_before}" not in s.rule["action"] else "",
                )
                if x
            )
            action = s.action.removesuffix("。") + (f"（{dates}）" if dates else "")
            out.append(f"{action}。理由：{s.reason}")
        return out


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# --- the data file ------------------------------------------------------------


@data_loader
def plan_rules() -> dict:
    """plan.yaml, checked against its schema and against the facts, kinds and channel facts it names."""
    data = read_checked(package_text("plan.yaml"), _SCHEMA, "plan.yaml")
    check_rules(data)
    return data


def check_rules(data: dict) -> None:
    """Refuse a plan file that names an unknown fact, pattern source or channel fact, saying where."""
    known = set(base_fact_names()) | set(data["patterns"])
    for name, pattern in data["patterns"].items():
        for source in pattern["in"]:
            if source != "problems" and _source_party(source) not in CONTACT_PARTIES:
                raise DataError(f"plan.yaml: patterns.{name}.in: unknown text source {source!r}")
        try:
            re.compile(pattern["regex"])
        except re.error as exc:
            raise DataError(f"plan.yaml: patterns.{name}.regex: {exc}") from None
    for name, condition in data["derived"].items():
        _check_condition(condition, known, f"derived.{name}")
        known.add(name)
    for kind, filing in data["filings"].items():
        _check_condition(filing["when"], known, f"filings.{kind}.when")
        for n, more in enumerate(filing.get("further", ())):
            _check_condition(more["when"], known, f"filings.{kind}.further[{n}].when")
        for n, condition in enumerate([filing, *filing.get("further", ())]):
            for name, key in _PLACEHOLDER.findall(condition.get("skipped", "")):
                if name != "s" or not channels.has_fact(key):  # only a fact's source: which rule, as on that day
                    raise DataError(f"plan.yaml: filings.{kind}[{n}].skipped: unknown placeholder {{{name}:{key}}}")
    seen = set()
    drafted = known | {drafts(kind) for kind in data["filings"]}  # a step may depend on what is drafted
    for n, step in enumerate(data["steps"]):
        where = f"steps[{n}] ({step['id']})"
        if step["id"] in seen:
            raise DataError(f"plan.yaml: {where}: id used twice")
        seen.add(step["id"])
        _check_condition(step["when"], drafted, f"{where}.when")
        for key in ("due", "not_before"):
            if step.get(key, {}).get("wait") and not channels.has_fact(step[key]["wait"]):
                raise DataError(f"plan.yaml: {where}.{key}.wait: unknown channel fact {step[key]['wait']!r}")
        for key in ("action", "reason"):
            _check_placeholders(step[key], step, f"{where}.{key}")
    for kind in data.get("extra_left_out", ()):
        if kind not in EXTRA_LEFT_OUT_KINDS:  # the summary must say why it is left out: phrases.yaml has the reason
            raise DataError(
                f"plan.yaml: extra_left_out: {kind} 没有不写入其他诉求的说明（phrases.yaml summary.extra_left_out）；"
                f"可列入的文书：{'、'.join(EXTRA_LEFT_OUT_KINDS)}"
            )


def _check_condition(condition: dict, known: set, where: str) -> None:
    for part, names in condition.items():
        for name in names:
            if name not in known:
                raise DataError(f"plan.yaml: {where}.{part}: unknown fact {name!r}")


def paid_in_miniprogram(case: Case) -> bool:
    """Paid by WeChat inside a mini-program (the app's name says so: markers.miniprogram)."""
    return case.payment.channel == "wechat" and say("markers.miniprogram") in (case.platform.app or "")


def submit_path_key(case: Case) -> str:
    """How the refund request reaches the platform: for a marketplace's shop, to the platform itself (the order
    page's 申请退款 goes to the shop); where the seller's site no longer opens (plan.yaml's site_gone) and the case
    gives the operator's address, by post to it; else the platform's own refund path."""
    shop = case.platform.kind == "marketplace" and case.platform.seller is not None
    if shop:
        return "platform.marketplace_submit_path"
    if case.platform.address and _pattern_found(case, plan_rules()["patterns"]["site_gone"]):
        return "platform.post_submit_path"
    return "platform.submit_path"


def _check_placeholders(text: str, step: dict, where: str) -> None:
    for name, key in _PLACEHOLDER.findall(text):
        if name in ("f", "s"):
            if not channels.has_fact(key):
                raise DataError(f"plan.yaml: {where}: unknown channel fact {key!r}")
        elif name not in _TEXT_PLACES or key:
            raise DataError(f"plan.yaml: {where}: unknown placeholder {{{name}}}")
        elif name == "file" and not step.get("kind"):
            raise DataError(f"plan.yaml: {where}: {{file}} in a step without a kind")
        elif name in ("due", "not_before") and name not in step:
            raise DataError(f"plan.yaml: {where}: {{{name}}} in a step without {name}")


def base_fact_names() -> list[str]:
    """Every fact the plan may be conditioned on before its own patterns and derived facts."""
    names = list(LAW_FACTS) + [f"platform_{k}" for k in PLATFORM_KINDS] + [f"channel_{c}" for c in CHANNELS]
    names += [
        "payee_personal",
        "payee_named",
        "payee_name_partly_hidden",
        "payee_merchant_named",
        "current_complaint_rules",
        "operator_given",
        "address_given",
        "card_window",
        "representative",
        "representative_title_only",
        "representative_organisation",
        "plaintiff_details_known",
        "other_debits_disputed",
        "order_numbered",
        "payment_complained",
        "paid_in_miniprogram",
    ]
    for party in CONTACT_PARTIES:
        names.append(f"{party}_contacted")
        names += [f"{party}{mode}{result}" for mode in ("_", "_last_", "_all_") for result in CONTACT_RESULTS]
    return names


# --- facts of a case ----------------------------------------------------------


@by_identity(32)  # asked by each filing; `_done_steps` asks of an earlier state per done-rule, the case kept among them
def plan_facts(case: Case, analysis_facts: frozenset) -> frozenset[str]:
    """The facts the plan is conditioned on: the analysis's, the case's kind and contacts, patterns, derived."""
    rules = plan_rules()
    facts = set(analysis_facts)
    facts.add(f"platform_{case.platform.kind or 'self_operated'}")
    payment = case.payment
    facts.add(f"channel_{payment.channel}")
    if payment.payee_kind == "personal":
        facts.add("payee_personal")
        name = individual.stated_name(case)
        if name and individual.partly_hidden(name):
            facts.add("payee_name_partly_hidden")  # *小琴: who was paid, but no name to file against
        elif name:
            facts.add("payee_named")  # a real name the case gives (实名…), not the collection code's display name
    if individual.merchant_payee(case):
        facts.add("payee_merchant_named")  # the bill's payee: a lead to the operator the case does not name
    for key, given in (("operator", case.platform.operator), ("address", case.platform.address)):
        if given:
            facts.add(f"{key}_given")
    if len(disputed_debits(case)) > 1:
        facts.add("other_debits_disputed")
    rules_then = channels.fact_in_force("regulator.rules", case.filing_date)
    if rules_then is not None and rules_then.repealed is None:
        facts.add("current_complaint_rules")  # the complaint rules in force today applied on the filing date
    from generator.filings.analyse import order_number

    if order_number(case.order):
        facts.add("order_numbered")  # an order page to refer to, not “无订单号”
    from generator.filings.analyse import merchant_complaint

    if any(merchant_complaint(c) for c in case.contacts):
        facts.add("payment_complained")  # a complaint about the merchant made through the channel
    if paid_in_miniprogram(case):
        facts.add("paid_in_miniprogram")  # its own complaint channel
    if payment.channel == "bank_card" and route("bank_card", payment.card_network).window_kind:
        facts.add("card_window")  # a card network with a sourced dispute window (channels.yaml routes)
    if case.representative:
        facts.add("representative")
        if individual.named_by_title(case.representative.name):
            facts.add("representative_title_only")  # “陈律师”: no authorisation until the full name is given
        if case.representative.organisation:
            facts.add("representative_organisation")  # a lawyer's firm, an association: proof from it, not of kinship
    if all(plaintiff_details(case)):
        facts.add("plaintiff_details_known")  # sex and birth date, as a court complaint states them
    facts |= _contact_facts(case.contacts)
    for name, pattern in rules["patterns"].items():
        if _pattern_found(case, pattern):
            facts.add(name)
    for name, condition in rules["derived"].items():
        if holds(condition, facts):
            facts.add(name)
    # which of the filings the plan decides on are drafted: a step's reason may depend on it (steps only)
    facts |= {drafts(kind) for kind in rules["filings"] if filing_called_for(kind, facts)}
    return frozenset(facts)


def drafts(kind: str) -> str:
    """The plan fact that a filing the plan's `filings` decide on is drafted for the case (drafts_complaint_12315)."""
    return f"drafts_{kind}"


def disputed_debits(case: Case) -> list:
    """The debits the case disputes, in the order the payment filing lists them."""
    from generator.law.money import compute_amounts

    return list(compute_amounts(case).disputed)


def assisted_debit(case: Case):
    """The debit a refused payment complaint was about: the one whose transaction number its record
    names, else the first disputed (a complaint is made from one bill entry); None without debits."""
    disputed = disputed_debits(case)
    if not disputed:
        return None
    return _named_in_refusal(case, disputed) or disputed[0]


def _named_in_refusal(case: Case, disputed):
    """The disputed debit whose transaction number the last failed payment complaint's record names, or None."""
    from generator.filings.analyse import FAILED_RESULTS, merchant_complaint

    failed = [c for c in _ordered(case.contacts) if merchant_complaint(c) and c.result in FAILED_RESULTS]
    if failed:
        named = [d for d in disputed if d.transaction_id and d.transaction_id in failed[-1].summary]
        if named:
            return named[0]
    return None


def assisted_debit_text(case: Case) -> str:
    """The assisted debit as the plan and the guidance name it; a guess is said to be one, to be checked."""
    debit = assisted_debit(case)
    if debit is None:
        return "原投诉的交易"
    if _named_in_refusal(case, disputed_debits(case)) is not None or len(disputed_debits(case)) == 1:
        return debit_name(debit)
    return (
        f"原投诉所涉的那笔交易（记录未写明是哪一笔，请先在微信支付的投诉记录中核对；以下暂按{debit_name(debit)}"
        "安排，如不是这笔，请对调）"
    )


def debit_name(debit) -> str:
    """A debit as the user finds it in the bill: its number, else its date and amount."""
    from generator.law.money import yuan

    return f"交易单号{debit.transaction_id}" if debit.transaction_id else f"{cn_date(debit.date)}的{yuan(debit.paid)}"


def _contact_facts(contacts: Sequence[Contact]) -> set[str]:
    facts = set()
    for party in CONTACT_PARTIES:
        mine = _ordered([c for c in contacts if c.party == party])
        if not mine:
            continue
        facts.add(f"{party}_contacted")
        results = {c.result for c in mine}
        facts |= {f"{party}_{r}" for r in results}
        facts.add(f"{party}_last_{mine[-1].result}")
        if len(results) == 1:
            facts.add(f"{party}_all_{mine[0].result}")
    return facts


def _ordered(contacts: Iterable[Contact]) -> list[Contact]:
    """Contacts by date; on one day, in the order the file lists them."""
    return sorted(contacts, key=lambda c: c.date)


def _pattern_found(case: Case, pattern: dict) -> bool:
    regex = re.compile(pattern["regex"])
    for source in pattern["in"]:
        if source == "problems":
            texts = [t for p in case.problems for t in (p.description, p.delivered) if t]
        else:
            party = _source_party(source)
            texts = [
                c.method if source.startswith("methods.") else c.summary for c in case.contacts if c.party == party
            ]
        if any(regex.search(t or "") for t in texts):
            return True
    return False


def _source_party(source: str) -> str:
    """The contact party of a text source: `contacts.X` (what was said) or `methods.X` (how it was reached)."""
    kind, _, party = source.partition(".")
    return party if kind in ("contacts", "methods") else ""


def holds(condition: dict, facts: AbstractSet[str]) -> bool:
    """all / any / none over named facts."""
    return (
        all(f in facts for f in condition.get("all", ()))
        and (not condition.get("any") or any(f in facts for f in condition["any"]))
        and not any(f in facts for f in condition.get("none", ()))
    )


# --- the plan -----------------------------------------------------------------


def compute_plan(case: Case, analysis_facts: frozenset, deadlines, on: date | None = None, places=None) -> Plan:
    """The case's plan on a day (default: its filing date).

    `deadlines` are the case's Deadline objects; `places` a callable giving the
    `{office}` and `{court}` wording (asked only when a step uses them).
    """
    rules = plan_rules()
    on = on or case.filing_date
    facts = plan_facts(case, analysis_facts)
    by_kind = {d.kind: d for d in deadlines}
    words = _Words(case, places)
    open_steps = []
    for order, rule in enumerate(rules["steps"]):
        if holds(rule["when"], facts):
            step = _step(rule, case, by_kind, words)
            if not (step.ends and step.ends < on):  # a wait that is over is no step
                open_steps.append((order, rule, step))
    urgent_until = on + timedelta(days=rules["urgent_days"])
    open_steps.sort(key=lambda item: _rank(item, on, urgent_until))
    done = _done_steps(case, analysis_facts, rules)
    return Plan(steps=tuple(s for _, _, s in open_steps), done=tuple(done), on=on)


def case_plan(case: Case, analysis_facts: frozenset, deadlines, on: date | None = None) -> Plan:
    """The plan with the 12315 office and the court named from the case's addresses."""
    from generator.law import office

    def places(name: str) -> str:
        return office.regulator_office(case).advice() if name == "office" else office.court_advice(case)

    return compute_plan(case, analysis_facts, deadlines, on, places=lru_cache(maxsize=None)(places))


def _rank(item, on: date, urgent_until: date):
    """First the steps marked first, then those whose last day is near (by date), then the rest in
    the data's order; a step that cannot be taken yet goes after those that can."""
    order, rule, step = item
    if rule.get("first"):
        return (0, 0, date.min, order)
    later = 0 if step.available(on) else 1
    if step.due is not None and step.due <= urgent_until:
        return (1, later, step.due, order)
    return (2, later, date.min, order)


def filing_called_for(kind: str, facts: AbstractSet[str]) -> bool:
    """Whether the plan's `filings` let this kind be drafted on these facts (unlisted kinds always are)."""
    return all(holds(c["when"], facts) for c in _filing_conditions(kind))


def extra_left_out() -> tuple[str, ...]:
    """The filings that do not list the user's other requests (`claims.extra`) among their own (plan.yaml's
    `extra_left_out`: a court is asked only for what it can order)."""
    return tuple(plan_rules().get("extra_left_out", ()))


def takes_extra_requests(kind: str) -> bool:
    return kind not in extra_left_out()


def skipped_filings(facts: AbstractSet[str], case: Case) -> list[str]:
    """Why each filing the plan holds back is not drafted, for the summary and the manifest; a rule it names
    ({s:…}) is the one in force on the filing date."""
    words = _Words(case, None)
    return [
        words.fill(c["skipped"], {"kind": kind}, None, None)
        for kind in plan_rules()["filings"]
        for c in _filing_conditions(kind)
        if c.get("skipped") and not holds(c["when"], facts)
    ]


def _filing_conditions(kind: str) -> list[dict]:
    """A filing's condition and its further ones, each with the sentence saying why it is held back."""
    filing = plan_rules()["filings"].get(kind)
    return [filing, *filing.get("further", ())] if filing else []


def _step(rule: dict, case: Case, deadlines: dict, words) -> Step:
    # a period's last day is the unextended one (channels.md); a wait is listed, and what follows it held back,
    # until the other side's time is surely over, a weekend's extension included
    due = _date_of(rule.get("due"), case, deadlines)
    not_before = _date_of(rule.get("not_before"), case, deadlines, extended=True)
    ends = _date_of(rule.get("due"), case, deadlines, extended=True) if rule.get("ends_at_due") else None
    return Step(
        id=rule["id"],
        label=rule["label"],
        kind=rule.get("kind"),
        due=due,
        not_before=not_before,
        words=lambda text: words.fill(text, rule, due, not_before),
        rule=rule,
        ends=ends,
    )


def _date_of(spec: dict | None, case: Case, deadlines: dict, extended: bool = False) -> date | None:
    """A step's due or earliest day: a case deadline, or a contact's date plus a channel fact's length (`extended`
    when the day is the end of the other side's time, over only once a weekend's extension has run)."""
    if not spec:
        return None
    if "deadline" in spec:
        found = deadlines.get(spec["deadline"])
        return found.last_day if found else None
    after = spec["after"]
    matching = _ordered([c for c in case.contacts if c.party == after["with"] and c.result in after["result"]])
    if not matching:
        return None
    start = accepted_day(matching[-1])  # an acceptance counts from the day it was made, which its record may name
    return add_length(start, channels.fact(spec["wait"], start), extended)


def _done_steps(case: Case, analysis_facts: frozenset, rules: dict) -> list[Done]:
    """Steps with `done` whose condition held before their contacts, and the last of those contacts.

    A step is taken out of the open ones by its contacts (e.g. `none: [payment_contacted]`);
    whether it was the step the case called for is judged on the facts without them.
    """
    from generator.filings.analyse import case_facts, merchant_complaint

    contacts = case.contacts
    done = []
    for rule in rules["steps"]:
        parties = rule.get("done", {}).get("with")
        if not parties:
            continue
        theirs = _ordered([c for c in contacts if c.party in parties])
        if rule["done"].get("complaint"):  # the step is a complaint about the merchant: the channel's own answer
            theirs = [c for c in theirs if merchant_complaint(c)]  # (a hotline call) does not take it
        if not theirs:
            continue
        before = replace(case, contacts=tuple(c for c in contacts if c not in theirs))
        facts_before = plan_facts(before, case_facts(before, ()) | _not_from_contacts(analysis_facts))
        if not holds(rule["when"], facts_before):
            continue
        last = theirs[-1]
        done.append(
            Done(
                id=rule["id"],
                label=rule["label"],
                kind=rule.get("kind"),
                date=day_of(last.date),
                result=last.result,
                outcome=_outcome(last, case),
            )
        )
    done.sort(key=lambda d: d.date)
    return done


def _not_from_contacts(facts: frozenset) -> frozenset:
    """The analysis facts that do not come from the contacts (amounts, recordings)."""
    return frozenset(f for f in facts if f.startswith("refund_") or f == "has_recording")


def _outcome(contact: Contact, case: Case) -> str:
    """How the step's last contact ended, as the summary's timeline says it (the user's record when it says more)."""
    from generator.filings.records import reported_outcome

    me = next(f.roles[0] for f in FILINGS if f.code == "complaint_12315")  # as the summary's timeline says it
    return reported_outcome(contact, case.payment, me, case.contacts)


class _Words:
    """Fills a step's placeholders: channel facts, dates, file names, and the office and court."""

    def __init__(self, case: Case, places):
        self.case, self.places = case, places
        self.on = case.filing_date

    def fill(self, text: str, rule: dict, due, not_before) -> str:
        def one(match):
            name, key = match.groups()
            if name == "f":
                return channels.fact(key, self._fact_day(key)).text
            if name == "s":
                return channels.fact(key, self._fact_day(key)).source
            if name == "due":
                return cn_date(due) if due else "尽快"
            if name == "not_before":
                return cn_date(not_before) if not_before else "现在"
            if name == "file":
                return FILE_STEMS[rule["kind"]]
            if name == "payee":
                return individual.stated_name(self.case) or ""
            if name == "merchant":
                return individual.merchant_payee(self.case)
            if name == "missing":
                return self._missing_respondent()
            if name == "submit":
                key = submit_path_key(self.case)
                return channels.fact(key, self._fact_day(key)).text
            if name == "debits":
                return "、".join(debit_name(d) for d in disputed_debits(self.case))
            if name == "texts":  # each disputed debit's own paste text, as the pipeline names them
                stem = FILE_STEMS[rule["kind"]]
                return "、".join(
                    f"《{debit_text_stem(stem, n)}》（{debit_name(d)}）"
                    for n, d in enumerate(disputed_debits(self.case), 1)
                )
            if name in ("assisted", "others"):
                assisted = assisted_debit(self.case)
                if name == "assisted":
                    return assisted_debit_text(self.case)
                return "、".join(debit_name(d) for d in disputed_debits(self.case) if d != assisted)
            return self.places(name) if self.places else ""

        return _PLACEHOLDER.sub(one, text)

    def _missing_respondent(self) -> str:
        """What is left to find of the platform's operator: its name, its address, or both."""
        operator, address = self.case.platform.operator, self.case.platform.address
        which = "address" if operator and not address else "operator" if address and not operator else "both"
        return say(f"guidance.missing_respondent.{which}", **({"operator": operator} if which == "address" else {}))

    def _fact_day(self, key: str) -> date | None:
        """A dated fact in the version in force on the filing date; an undated one as it stands."""
        return self.on if channels.fact_in_force(key, self.on) is not None else None
