"""Law as data: the statute texts, which text is in force on a date, and which rules apply.

`data/provisions.yaml` holds the verbatim texts (copied from the project's law
collection, never edited); `data/rules.yaml` says which provisions support which
facts in which filing, and how to argue from them. Nothing of the law's wording
lives in Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import groupby

from generator import vocabulary as V
from generator.cnformat import arabic_number, chinese_number
from generator.data_files import data_loader, located, package_text, read_checked, read_data
from generator.errors import DataError
from generator.vocabulary import FILING_KINDS  # one list of the filing kinds

# The facts a rule may name: every problem type of the vocabulary, and what the analysis derives.
FACTS = (
    "always",
    *V.codes(V.PROBLEM_TYPES),
    "partial_use",
    "never_used",
    "default_checked",
    "renewal_terms_hidden",
    "charged_after_cancellation",
    "cancel_notice_refused",
    "charged_beyond_notice",
    "charged_within_notice",
    "platform_refused",
    "platform_refused_virtual_goods",
    "punitive_claimed",
    "no_platform_contact",
    "has_recording",
    "respondent_known",
    "platform_contacted",
    "platform_unresolved",
    "fully_used",
    "refund_full",
    "refund_prorated",
    "refund_explicit",
    "refund_part_claimed",
    "sells_online",
    "platform_refusal_quoted",
    "promise_made",
    "promise_claimed",
    "losses_claimed",
    "self_operated",
    "marketplace",
    "individual_seller",
    "personal_payee",
    "marketplace_shop",
    "shop_address_shown",
    "platform_payee",
    "refusal_quoted",
    "renewal_refused",
    "purchase_refused",
    "promise_unkept",
    "redelivery_unkept",
    "seller_refunded_part",
    # decided from the user's words by rules.yaml's `words` (see fact_words)
    "refusal_claims_performance",
    "refusal_relies_on_notice",
    "refusal_blames_buyer",
    "refusal_blames_third_party",
    "one_off_code",
    "prepaid_term_unserved",
    "platform_told",
    "platform_withheld_seller",
    "paid_by_code_scan",
    "paid_by_transfer",
    "paid_via_qq_wallet",
    "payment_complaint_refused",
    "complaint_pending",
    "seller_confirmed_cancellation",
    "charged_after_confirmation",
    "confirmation_unrecorded",
    "confirmation_shown",
    "refusal_no_cancellation_record",
    "silence_only",
    "seller_admitted_fault",
    "partial_refund_offered",
    "make_good_offered",
    "seller_threatened",
    "offer_claims_performance",
    "seller_declared_settled",
    "seller_cites_usage",
    "seller_limits_to_difference",
    "seller_demands_more",
    "seller_reviewing_refund",
    "code_forged",
    "advertised_exclusive",
    "shared_delivered",
    "code_failed_at_once",
    "extra_is_request",
    "extra_deletes_personal_info",
    "extra_restated",
    "promise_alternative",
    "seller_abandoned_buyer",
    "seller_blocked_buyer",
    "refusal_cites_digital_goods",
    "sells_as_business",
    "nothing_delivered",
    "told_by_representative",
    "switched_off_told",
    # the renewal switched off in the app, as the cancellation's evidence (or the user's account) shows it
    "renewal_switched_off",
    "promise_against_renewal",
    # the seller confirmed the cancellation only after a debit that followed it
    "confirmed_after_debit",
    "promise_on_arrival",
    # renewal debits inside the term the first order paid for
    "debited_within_term",
)
# Where rules.yaml's `words` look: the refusals' quoted words (whole summaries when none is quoted), what was
# bought (product, advertisement, problems and what arrived), the summaries of unresolved contacts with the platform
# itself (not its shop), how the payment was made (the payee, the order id, the evidence's and the problems'
# descriptions), what each contact with the seller's side recorded, the accounts of a silence (no_response problems),
# the problems' accounts (all, or the auto-renewal's alone),
# what the seller did as the user tells it (the problems and the contacts with the seller's side);
# how the seller sold (its name and contact line, the advertising, what the exhibits and problems describe);
# the seller's promises (order.promises).
WORD_SOURCES = (
    "refusal",
    "platform_refusal",
    "purchase",
    "platform_unresolved",
    "payment",
    "seller_said",
    "silence_accounts",
    "accounts",
    "renewal_accounts",
    "partial_offer",
    "extra",
    "seller_conduct",
    "seller_trade",
    "promises",
)
# What rules.yaml's `exhibit_words` read from an exhibit's own description (and `call` from a contact's method).
EXHIBIT_WORDS = (
    "cancellation_request",
    "cancelled",
    "renewal",
    "renewal_status",
    "default_checked",
    "advertising",
    "picture",
    "call",
    "refund",
    "bill",
    "call_log",
    "reviews",
    "site_gone",
    "registry",
)
# A line of an article that continues the paragraph before it: an item “（一）…” or “(一)…”.
_ITEM_LINE = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
# How provisions.yaml's notes say a stored copy's paragraph breaks are not the official ones
# (“换行丢失”, “已…恢复分款”, “不要据换行推断款号”): such an article is cited and annexed whole.
_BREAKS_IN_DOUBT = re.compile(r"换行丢失|恢复分款|推断款号|分款位置无法确定|并为一段")
PLACEHOLDERS = {
    "cites",
    "me",
    "them",
    "price",
    "refund",
    "renewals",
    "punitive",
    "total",
    "term_months",
    "used_months",
    "left_months",
    "promise",
    "promised",
    "refusal",
    "losses",
    "seller",
    "cancelled",
    "after_cancellation",
    "failure",
    "platform_told",
    "platform_after",
    "unkept",
    "reminders",
    "paid",
    "within_term",
    "advertised",
    "arrived",
    "confirmed",
    "after_confirmed",
    "each_confirmed",
    "confirmed_later",
    "cancel_shown",
    "cancel_act",
    "notice",
    "beyond_notice",
    "within_notice",
    "reported",
    "record",
    "produce",
    "timing",
    "admitted",
    "offer",
    "renewal_offer",
    "declined",
    "alternative",
    "alternative_amount",
    "shop_unknown",
}


@dataclass(frozen=True)
class Provision:
    """One article of one text of a law, word for word."""

    law: str
    short: str
    article: int
    version: str
    effective: date
    repealed: date | None
    text: str
    source: str
    note: str = ""
    cited: tuple = ()  # the paragraphs (款, from 1) a rule relies on; empty: the whole article
    items: tuple = ()  # the items (项, from 1) of the one cited paragraph a rule relies on; empty: all of it

    @property
    def key(self) -> str:
        return f"{self.short} {self.article}"

    @property
    def breaks_in_doubt(self) -> bool:
        """Whether the stored copy's paragraph breaks may differ from the official text's."""
        return bool(_BREAKS_IN_DOUBT.search(self.note))

    def paragraphs(self) -> list[str]:
        """The article's paragraphs (款): each stored line, with the item lines that follow it.

        The first keeps its leading article number, as stored.
        """
        out: list[str] = []
        for line in self.text.split("\n"):
            if out and _ITEM_LINE.match(line):
                out[-1] += "\n" + line
            else:
                out.append(line)
        return out

    def item_lines(self, paragraph: int) -> list[str]:
        """The items (项) of one paragraph, each as stored (`（四）…`); none when it has no items."""
        return [line for line in self.paragraphs()[paragraph - 1].split("\n")[1:] if _ITEM_LINE.match(line)]

    def citing(self, paragraphs, items=()) -> "Provision":
        """This text cited for some of its paragraphs — and, of a single paragraph, for some of its items; for
        the whole article when its breaks are in doubt or when every paragraph is meant."""
        wanted = tuple(sorted(set(paragraphs)))
        if self.breaks_in_doubt or len(wanted) >= len(self.paragraphs()):
            wanted = ()
        chosen = tuple(sorted(set(items))) if len(wanted) == 1 else ()
        if chosen and len(chosen) >= len(self.item_lines(wanted[0])):
            chosen = ()  # every item: the paragraph
        return replace(self, cited=wanted, items=chosen)

    @property
    def label(self) -> str:
        """`第二十条第一款`, `第五百六十六条第一款、第二款`, `第五百六十三条第一款第四项`, or `第二十条` for the whole
        article."""
        label = self.article_label + "、".join(f"第{chinese_number(n)}款" for n in self.cited)
        return label + "、".join(f"第{chinese_number(n)}项" for n in self.items)

    @property
    def quoted(self) -> list[str]:
        """The text of exactly the cited paragraphs, word for word (all of them for the whole article); of a
        paragraph cited for some items, its opening words and those items."""
        paragraphs = self.paragraphs()
        if self.items:
            (n,) = self.cited
            lead = paragraphs[n - 1].split("\n")[0]
            items = self.item_lines(n)
            return ["\n".join([lead, *(items[i - 1] for i in self.items)])]
        return [paragraphs[n - 1] for n in self.cited] if self.cited else paragraphs

    @property
    def quoted_text(self) -> str:
        return "\n".join(self.quoted)

    @property
    def article_label(self) -> str:
        """`第二十四条`, taken from the text itself so it can never disagree with it."""
        return self.text.split(" ", 1)[0]

    @property
    def body(self) -> str:
        """The text without its leading article number."""
        return self.text.split(" ", 1)[1] if " " in self.text else self.text

    def in_force(self, on: date) -> bool:
        return self.effective <= on and (self.repealed is None or on < self.repealed)


@dataclass(frozen=True)
class Rule:
    """Which provisions support which facts, in which filings, and the argument."""

    id: str
    all: tuple
    any: tuple
    none: tuple
    filings: tuple
    cite: tuple  # provision keys, "简称 条号"
    argument: str
    paragraphs: dict  # provision key → the paragraphs (款) the argument relies on; absent: the whole article
    items: dict = field(default_factory=dict)  # provision key → the items (项) of its one cited paragraph relied on
    joins: tuple = ()  # the rules whose paragraph this argument continues, when one of them is argued
    # filing kind → the rules that make this argument superfluous in that filing when one of them is argued there
    yields_to: dict = field(default_factory=dict)

    def applies(self, facts: frozenset) -> bool:
        return (
            all(f in facts for f in self.all)
            and (not self.any or any(f in facts for f in self.any))
            and not any(f in facts for f in self.none)
        )


def _as_date(value) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _required_date(value) -> date:
    day = _as_date(value)
    if day is None:
        raise DataError("provisions.yaml: a provision has no effective date")
    return day


@data_loader
def provisions() -> tuple[Provision, ...]:
    """Every provision in the package's data, in the data's order."""
    out = []
    for p in read_data("provisions.yaml")["provisions"]:
        out.append(
            Provision(
                law=p["law"],
                short=p["short"],
                article=int(p["article"]),
                version=p["version"],
                effective=_required_date(p["effective"]),
                repealed=_as_date(p.get("repealed")),
                text=p["text"],
                source=p["source"],
                note=p.get("note", ""),
            )
        )
    return tuple(out)


def find_provisions(law: str, article: int) -> list[Provision]:
    """All texts of one article, matching the law by full or short name."""
    return list(_by_article().get((law, article), ()))


@data_loader
def _by_article() -> dict[tuple[str, int], list[Provision]]:
    """Provisions by (full or short name of the law, article), in the data's order."""
    index: dict[tuple[str, int], list[Provision]] = {}
    for p in provisions():
        for name in dict.fromkeys((p.law, p.short)):
            index.setdefault((name, p.article), []).append(p)
    return index


def provision_in_force(law: str, article: int, on: date) -> Provision | None:
    """The text of an article in force on a date, or None when none is."""
    for p in find_provisions(law, article):
        if p.in_force(on):
            return p
    return None


# `paragraph` and `item`: provision key → a number or a list of numbers (款 or 项, from 1).
_NUMBERS_BY_KEY = {
    "type": "dict",
    "keysrules": {"type": "string", "regex": r"^\S+ \d+$"},
    "valuesrules": {
        "anyof": [
            {"type": "integer", "min": 1},
            {"type": "list", "minlength": 1, "schema": {"type": "integer", "min": 1}},
        ]
    },
}

_RESULTS = V.codes(V.CONTACT_RESULTS)
_RULES_SCHEMA = {
    "version": {"type": "integer", "allowed": [1]},
    "checked": {"type": "string"},
    "words": {
        "type": "dict",
        "keysrules": {"type": "string", "allowed": list(FACTS)},
        "valuesrules": {
            "type": "dict",
            "schema": {
                "in": {"type": "string", "required": True, "allowed": list(WORD_SOURCES)},
                "patterns": {
                    "type": "list",
                    "required": True,
                    "minlength": 1,
                    "schema": {"type": "string", "empty": False},
                },
            },
        },
    },
    "rules": {
        "type": "list",
        "required": True,
        "schema": {
            "type": "dict",
            "schema": {
                "id": {"type": "string", "required": True, "regex": r"^[a-z0-9_]+$"},
                "when": {
                    "type": "dict",
                    "required": True,
                    "schema": {
                        k: {"type": "list", "schema": {"type": "string", "allowed": list(FACTS)}}
                        for k in ("all", "any", "none")
                    },
                },
                "filings": {
                    "type": "list",
                    "required": True,
                    "minlength": 1,
                    "schema": {"type": "string", "allowed": list(FILING_KINDS)},
                },
                "cite": {
                    "type": "list",
                    "required": True,
                    "minlength": 1,
                    "schema": {"type": "string", "regex": r"^\S+ \d+$"},
                },
                "argument": {"type": "string", "required": True, "empty": False},
                "paragraph": _NUMBERS_BY_KEY,
                "item": _NUMBERS_BY_KEY,
                "joins": {"type": "list", "minlength": 1, "schema": {"type": "string", "regex": r"^[a-z0-9_]+$"}},
                "yields_to": {
                    "type": "dict",
                    "keysrules": {"type": "string", "allowed": list(FILING_KINDS)},
                    "valuesrules": {
                        "type": "list",
                        "minlength": 1,
                        "schema": {"type": "string", "regex": r"^[a-z0-9_]+$"},
                    },
                },
            },
        },
    },
    "quick_failure": {
        "type": "dict",
        "required": True,
        "schema": {
            "max_minutes": {"type": "integer", "required": True, "min": 1},
            "clock": {"type": "list", "required": True, "minlength": 1, "schema": {"type": "string", "empty": False}},
        },
    },
    "cancel_notice": {"type": "list", "required": True, "minlength": 1, "schema": {"type": "string", "empty": False}},
    "recording_provision": {"type": "string", "required": True, "regex": r"^\S+ \d+$"},
    "own_notes": {"type": "list", "required": True, "minlength": 1, "schema": {"type": "string", "empty": False}},
    "page_retold": {"type": "list", "required": True, "schema": {"type": "string", "allowed": list(V.FILE_STEMS)}},
    "termination_cites": {
        "type": "list",
        "required": True,
        "minlength": 1,
        "schema": {"type": "string", "regex": r"\S+ \d+"},
    },
    "payment_statement": {
        "type": "dict",
        "required": True,
        "schema": {
            "told_by_contacts": {
                "type": "list",
                "required": True,
                "schema": {"type": "string", "allowed": list(V.codes(V.PROBLEM_TYPES))},
            },
            "min_quote_chars": {"type": "integer", "required": True, "min": 3},
        },
    },
    "contact_said": {
        "type": "dict",
        "required": True,
        "schema": {
            "answered": {
                "type": "list",
                "required": True,
                "minlength": 1,
                "schema": {"type": "string", "empty": False},
            },
            "complaint": {
                "type": "list",
                "required": True,
                "minlength": 1,
                "schema": {"type": "string", "empty": False},
            },
            "unanswered": {"type": "list", "required": True, "schema": {"type": "string", "allowed": _RESULTS}},
            "states": {"type": "list", "required": True, "schema": {"type": "string", "allowed": _RESULTS}},
            "results": {
                "type": "dict",
                "required": True,
                "keysrules": {"type": "string", "allowed": _RESULTS},
                "valuesrules": {"type": "list", "minlength": 1, "schema": {"type": "string", "empty": False}},
            },
            "seller": {
                "type": "list",
                "required": True,
                "minlength": 1,
                "schema": {"type": "string", "empty": False},
            },
            "left_out": {
                "type": "dict",
                "required": True,
                "keysrules": {"type": "string", "allowed": V.codes(V.CONTACT_PARTIES)},
                "valuesrules": {
                    "type": "dict",
                    "schema": {
                        "filings": {
                            "type": "list",
                            "required": True,
                            "schema": {"type": "string", "allowed": list(FILING_KINDS)},
                        },
                        "unless": {"type": "list", "schema": {"type": "string", "allowed": _RESULTS}},
                        "unless_said": {"type": "list", "schema": {"type": "string", "empty": False}},
                    },
                },
            },
        },
    },
    "exhibit_words": {
        "type": "dict",
        "required": True,
        "keysrules": {"type": "string", "allowed": list(EXHIBIT_WORDS)},
        "valuesrules": {"type": "list", "minlength": 1, "schema": {"type": "string", "empty": False}},
    },
    "evidence_needed": {
        "type": "list",
        "required": True,
        "schema": {
            "type": "dict",
            "schema": {
                "problem": {"type": "string", "required": True, "allowed": ["any", *V.codes(V.PROBLEM_TYPES)]},
                "category": {"type": "string", "required": True, "allowed": V.codes(V.EVIDENCE_CATEGORIES)},
                "if_given": {
                    "type": "string",
                    "allowed": ["cancel_requested_at"],
                },  # the dated fields evidence.py reads
                "warning": {"type": "string", "required": True, "empty": False},
            },
        },
    },
}


@data_loader
def rules() -> tuple[Rule, ...]:
    """The rules file, checked against its schema and against the provisions."""
    data = read_checked(package_text("rules.yaml"), _RULES_SCHEMA, "rules.yaml")
    out = []
    for i, r in enumerate(data["rules"]):
        when = r["when"]
        rule = Rule(
            id=r["id"],
            all=tuple(when.get("all", ())),
            any=tuple(when.get("any", ())),
            none=tuple(when.get("none", ())),
            filings=tuple(r["filings"]),
            cite=tuple(r["cite"]),
            argument=re.sub(r"\s+", "", r["argument"]),  # Chinese prose: folded lines join without spaces
            paragraphs=_numbers(r.get("paragraph", {})),
            items=_numbers(r.get("item", {})),
            joins=tuple(r.get("joins", ())),
            yields_to={kind: tuple(ids) for kind, ids in r.get("yields_to", {}).items()},
        )
        located("rules.yaml", ("rules", i), lambda rule=rule: _check_rule(rule))
        out.append(rule)
    ids = {rule.id for rule in out}
    for i, rule in enumerate(out):
        unknown = [j for j in rule.joins if j not in ids]
        if unknown:
            located(
                "rules.yaml",
                ("rules", i, "joins"),
                lambda u=unknown: _refuse(f"joins 指向不存在的规则：{'、'.join(u)}"),
            )
        for kind, yielded in rule.yields_to.items():
            unknown = [j for j in yielded if j not in ids]
            if unknown:
                located(
                    "rules.yaml",
                    ("rules", i, "yields_to", kind),
                    lambda u=unknown: _refuse(f"yields_to 指向不存在的规则：{'、'.join(u)}"),
                )
    _refuse_unargued_problems(out)
    fact_words()  # the same file's `words`, checked with its rules
    exhibit_words()  # and its `exhibit_words`
    return tuple(out)


def _refuse_unargued_problems(rules: list[Rule]) -> None:
    """A problem type no rule argues (none names it in `when.all` or `when.any`) would reach the filings with no legal
    ground: a newcomer's problem type is refused until its rule is written."""
    argued = {fact for rule in rules for fact in (*rule.all, *rule.any)}
    missing = [f"{t.code}（{t.name}）" for t in V.PROBLEM_TYPES if t.code not in argued]
    if missing:
        located(
            "rules.yaml",
            ("rules",),
            lambda: _refuse(
                f"没有规则论证问题类型 {'、'.join(missing)}：请为它写一条规则（when 的 all 或 any 中写它），"
                "否则文书不会说明它的法律依据"
            ),
        )


def _numbers(by_key: dict) -> dict:
    """`{key: 1}` or `{key: [1, 2]}` as `{key: (1,)}` / `{key: (1, 2)}`."""
    return {key: tuple(n if isinstance(n, list) else [n]) for key, n in by_key.items()}


@dataclass(frozen=True)
class FactWords:
    """A fact that holds when one of its patterns is found in the user's words of one kind (`source`)."""

    fact: str
    source: str
    pattern: re.Pattern

    def found_in(self, texts) -> bool:
        return any(self.pattern.search(t) for t in texts)

    def first_match(self, text: str) -> str:
        """The words of `text` the pattern matches first, or nothing."""
        found = self.pattern.search(text)
        return found.group(0) if found else ""


@data_loader
def fact_words() -> tuple[FactWords, ...]:
    """rules.yaml's `words`: the facts read from what the user wrote, each a list of regular expressions."""
    data = read_checked(package_text("rules.yaml"), _RULES_SCHEMA, "rules.yaml")
    out = []
    for fact, entry in data.get("words", {}).items():

        def compiled(entry=entry, fact=fact) -> re.Pattern:
            try:
                return re.compile("|".join(f"(?:{p})" for p in entry["patterns"]))
            except re.error as exc:
                raise DataError(f"words.{fact} 的正则表达式有误：{exc}") from None

        out.append(FactWords(fact, entry["in"], located("rules.yaml", ("words", fact), compiled)))
    return tuple(out)


def words_for(fact: str) -> FactWords:
    """The `words` of one fact of rules.yaml (its name is one of FACTS)."""
    return next(w for w in fact_words() if w.fact == fact)


@data_loader
def exhibit_words() -> dict[str, re.Pattern]:
    """rules.yaml's `exhibit_words`: what an exhibit's description says it shows, each a list of regular
    expressions (every name of EXHIBIT_WORDS is required: the matching in filings/exhibit_match.py reads each)."""
    data = read_checked(package_text("rules.yaml"), _RULES_SCHEMA, "rules.yaml")["exhibit_words"]
    missing = [name for name in EXHIBIT_WORDS if name not in data]
    if missing:
        located("rules.yaml", ("exhibit_words",), lambda: _refuse(f"缺少 {'、'.join(missing)}"))

    def compiled(name: str) -> re.Pattern:
        def compile_() -> re.Pattern:
            try:
                return re.compile("|".join(f"(?:{p})" for p in data[name]))
            except re.error as exc:
                raise DataError(f"exhibit_words.{name} 的正则表达式有误：{exc}") from None

        return located("rules.yaml", ("exhibit_words", name), compile_)

    return {name: compiled(name) for name in EXHIBIT_WORDS}


@dataclass(frozen=True)
class QuickFailure:
    """rules.yaml's `quick_failure`: how soon after payment a failure answers a claim that the buyer leaked the code."""

    max_minutes: int
    clocks: tuple  # compiled patterns of a time of day written in the user's words, with groups hour and minute


def _rule_pattern(key: tuple, pattern: str, groups_ok, groups_wanted: str) -> re.Pattern:
    """A regular expression of rules.yaml at `key`, compiled; a broken one, or one without the named groups its
    reader needs (`groups_ok` of its group names), refused where it stands."""
    name = ".".join(str(k) for k in key if not isinstance(k, int))

    def compile_() -> re.Pattern:
        try:
            found = re.compile(pattern)
        except re.error as exc:
            raise DataError(f"{name} 的正则表达式有误：{exc}") from None
        if not groups_ok(set(found.groupindex)):
            raise DataError(f"{name} 的每个正则表达式须有 {groups_wanted}")
        return found

    return located("rules.yaml", key, compile_)


@data_loader
def quick_failure() -> QuickFailure:
    data = read_checked(package_text("rules.yaml"), _RULES_SCHEMA, "rules.yaml")["quick_failure"]
    clocks = tuple(
        _rule_pattern(("quick_failure", "clock", n), p, lambda g: {"hour", "minute"} <= g, "hour、minute 两个命名组")
        for n, p in enumerate(data["clock"])
    )
    return QuickFailure(data["max_minutes"], clocks)


@data_loader
def cancel_notice() -> tuple[re.Pattern, ...]:
    """rules.yaml's `cancel_notice`: how a refusal states the notice a cancellation needs (“取消要提前24小时”), each
    pattern with a group `hours` or `days` (a broken one refused where it stands)."""
    patterns = read_checked(package_text("rules.yaml"), _RULES_SCHEMA, "rules.yaml")["cancel_notice"]
    return tuple(
        _rule_pattern(("cancel_notice", n), p, lambda g: bool({"hours", "days"} & g), "hours 或 days 命名组")
        for n, p in enumerate(patterns)
    )


@data_loader
def recording_provision():
    """The provision on the admissibility of recordings (rules.yaml `recording_provision`), as the data holds it."""
    text = package_text("rules.yaml")
    key = read_checked(text, _RULES_SCHEMA, "rules.yaml")["recording_provision"]
    short, article = key.rsplit(" ", 1)
    found = find_provisions(short, int(article))
    if not found:
        located("rules.yaml", ("recording_provision",), lambda: _refuse(f"引用了数据中没有的条文：{key}"))
    return found[0]


@data_loader
def own_notes() -> re.Pattern:
    """rules.yaml's `own_notes`: the words by which an aside in the user's record is a note to self about the
    evidence (“没录音”, “忘了截图”), compiled as one pattern (a broken one refused where it stands)."""
    patterns = read_checked(package_text("rules.yaml"), _RULES_SCHEMA, "rules.yaml")["own_notes"]

    def compile_() -> re.Pattern:
        try:
            return re.compile("|".join(f"(?:{p})" for p in patterns))
        except re.error as exc:
            raise DataError(f"own_notes 的正则表达式有误：{exc}") from None

    return located("rules.yaml", ("own_notes",), compile_)


@data_loader
def page_retold() -> frozenset[str]:
    """The documents (rules.yaml `page_retold`) in which the user's fuller report of the advertising follows the words
    the sales page is shown to say; every other one states the page's words alone."""
    return frozenset(read_checked(package_text("rules.yaml"), _RULES_SCHEMA, "rules.yaml")["page_retold"])


@dataclass(frozen=True)
class PaymentStatement:
    """rules.yaml's `payment_statement`: how a payment channel's paste text tells what happened."""

    told_by_contacts: tuple  # problem types whose account the dated contacts already tell
    min_quote_chars: int  # the shortest a cut quotation may be before a less needed one is left out


@data_loader
def payment_statement() -> PaymentStatement:
    data = read_checked(package_text("rules.yaml"), _RULES_SCHEMA, "rules.yaml")["payment_statement"]
    return PaymentStatement(tuple(data["told_by_contacts"]), data["min_quote_chars"])


@data_loader
def termination_cites() -> frozenset[str]:
    """The provisions (`民法典 563`) whose argument is the right to terminate the contract (rules.yaml
    `termination_cites`): a suit that argues one asks the court to declare the contract terminated."""
    return frozenset(read_checked(package_text("rules.yaml"), _RULES_SCHEMA, "rules.yaml")["termination_cites"])


@data_loader
def evidence_needed() -> tuple[dict, ...]:
    """What evidence each problem needs and why (rules.yaml `evidence_needed`), in the file's order."""
    data = read_checked(package_text("rules.yaml"), _RULES_SCHEMA, "rules.yaml")
    for i, need in enumerate(data["evidence_needed"]):
        unknown = set(re.findall(r"{(\w+)}", need["warning"])) - ({"when"} if need.get("if_given") else set())
        if unknown:
            located(
                "rules.yaml",
                ("evidence_needed", i),
                lambda unknown=unknown: _refuse(
                    f"提醒中的占位符 {'、'.join(sorted(unknown))} 无从填写（只有写了 if_given 的条目可用 {{when}}）"
                ),
            )
    return tuple(data["evidence_needed"])


@dataclass(frozen=True)
class ContactSaid:
    """What a contact's own record already tells of its outcome (rules.yaml `contact_said`)."""

    answered: re.Pattern  # the other side's answer or act is recorded
    unanswered: frozenset[str]  # the results that say no answer came
    states: frozenset[str]  # the results that say how the matter stands, not what the other side answered
    results: dict[str, re.Pattern]  # the words by which the record tells each result
    complaint: re.Pattern  # a contact with the payment channel made as a complaint about the merchant (its method)
    seller: re.Pattern  # a contact `with: other` that reached the seller (its method or record names them)
    left_out: dict[str, tuple[frozenset[str], frozenset[str]]]  # party → (filings not telling it, results told)
    told_when_said: dict[str, re.Pattern]  # party → the records told whatever their result (a mediation that ended)

    def tells_answer(self, summary: str) -> bool:
        return bool(self.answered.search(summary))

    def tells_result(self, result: str, summary: str) -> bool:
        pattern = self.results.get(result)
        return bool(pattern and pattern.search(summary))

    def told_in(self, party: str, result: str, kind: str) -> bool:
        """The filing of this kind tells a contact with this party that ended so."""
        filings, unless = self.left_out.get(party, (frozenset(), frozenset()))
        return kind not in filings or result in unless

    def tells(self, contact, contacts, kind: str) -> bool:
        """The filing of this kind tells this contact of the case's: its own result is one it tells, and so is the
        latest with the same party — a complaint “submitted” is not told as pending once its later answer (不予受理)
        is one the filing leaves out."""
        same = sorted((c for c in contacts if c.party == contact.party), key=lambda c: c.date)
        latest = same[-1] if same else contact
        return self._told(contact, kind) and self._told(latest, kind)

    def _told(self, contact, kind: str) -> bool:
        said = self.told_when_said.get(contact.party)
        return self.told_in(contact.party, contact.result, kind) or bool(said and said.search(contact.summary))

    def said_beside(self, result: str, summary: str) -> bool:
        """The coded result is said after the record: the record tells neither the result nor an answer that
        supersedes it (a state such as 已受理 is not an answer; the record may tell one and not the state)."""
        if self.tells_result(result, summary):
            return False
        return result in self.states or not self.tells_answer(summary)

    def contradicts(self, result: str, summary: str) -> bool:
        """The result says no answer came, but the record tells one: saying the result would deny the record."""
        return result in self.unanswered and self.tells_answer(summary)


@data_loader
def contact_said() -> ContactSaid:
    """rules.yaml's `contact_said`, its regular expressions compiled (a broken one refused where it stands)."""
    data = read_checked(package_text("rules.yaml"), _RULES_SCHEMA, "rules.yaml")["contact_said"]

    def compiled(patterns: list[str], path: tuple) -> re.Pattern:
        def compile_() -> re.Pattern:
            try:
                return re.compile("|".join(f"(?:{p})" for p in patterns))
            except re.error as exc:
                raise DataError(f"{'.'.join(map(str, path))} 的正则表达式有误：{exc}") from None

        return located("rules.yaml", path, compile_)

    return ContactSaid(
        answered=compiled(data["answered"], ("contact_said", "answered")),
        unanswered=frozenset(data["unanswered"]),
        states=frozenset(data["states"]),
        results={r: compiled(p, ("contact_said", "results", r)) for r, p in data["results"].items()},
        complaint=compiled(data["complaint"], ("contact_said", "complaint")),
        seller=compiled(data["seller"], ("contact_said", "seller")),
        left_out={
            party: (frozenset(rule["filings"]), frozenset(rule.get("unless", ())))
            for party, rule in data["left_out"].items()
        },
        told_when_said={
            party: compiled(rule["unless_said"], ("contact_said", "left_out", party, "unless_said"))
            for party, rule in data["left_out"].items()
            if rule.get("unless_said")
        },
    )


def rule_data() -> tuple:
    """Everything of rules.yaml, as check-data reads it."""
    return rules(), recording_provision(), evidence_needed(), contact_said(), own_notes(), quick_failure()


def _refuse(message: str):
    """A DataError, for `located` to place at its key path."""
    raise DataError(message)


def _check_rule(rule: Rule) -> None:
    """Fail loudly on a rule that cites what the data lacks, or misquotes it."""
    texts = []
    for key in set(rule.paragraphs) - set(rule.cite):
        raise DataError(f"规则 {rule.id} 为未引用的条文 {key} 指定了款号")
    for key in rule.items:
        if len(rule.paragraphs.get(key, ())) != 1:
            raise DataError(f"规则 {rule.id} 为 {key} 指定了项号，须同时为它指定一个款号（paragraph）")
    for key in rule.cite:
        short, article = key.rsplit(" ", 1)
        found = find_provisions(short, int(article))
        if not found:
            raise DataError(f"规则 {rule.id} 引用了数据中没有的条文：{key}")
        if all(p.repealed is not None and p.repealed <= p.effective for p in found):
            raise DataError(f"规则 {rule.id} 引用的条文 {key} 在任何日期都不生效")
        for p in found:
            if any(n > len(p.paragraphs()) for n in rule.paragraphs.get(key, ())):
                raise DataError(f"规则 {rule.id} 引用的 {key}（{p.version}）没有第{max(rule.paragraphs[key])}款")
            if key in rule.items:  # the one paragraph named for it (checked above) has that many items
                paragraph, item = rule.paragraphs[key][0], max(rule.items[key])
                if item > len(p.item_lines(paragraph)):
                    raise DataError(f"规则 {rule.id} 引用的 {key}（{p.version}）第{paragraph}款没有第{item}项")
        # a quotation must come from the paragraphs (items) cited, the only words the annex will show
        texts += [p.citing(rule.paragraphs.get(key, ()), rule.items.get(key, ())).quoted_text for p in found]
    for fragment in re.findall(r"“([^”]+)”", rule.argument):
        if not any(fragment in t for t in texts):
            raise DataError(f"规则 {rule.id} 的引文“{fragment}”不在其所引条文中")
    unknown = set(re.findall(r"{(\w+)}", rule.argument)) - PLACEHOLDERS
    if unknown:
        raise DataError(f"规则 {rule.id} 使用了未知的占位符：{unknown}")


@dataclass(frozen=True)
class Argument:
    """A rule applied to one case: its argument and the provisions in force."""

    rule_id: str
    template: str
    provisions: tuple
    joins: tuple = ()  # the rules whose paragraph it continues, when one of them is argued in the same filing


def applicable(facts: frozenset, kind: str, on: date) -> list[Argument]:
    """The arguments a filing of this kind makes for these facts, with the texts in force."""
    out = []
    for rule in rules():
        if kind not in rule.filings or not rule.applies(facts):
            continue
        cited = []
        for key in rule.cite:
            short, article = key.rsplit(" ", 1)
            p = provision_in_force(short, int(article), on)
            if p is not None:
                cited.append(p.citing(rule.paragraphs.get(key, ()), rule.items.get(key, ())))
        if cited:
            out.append(Argument(rule.id, rule.argument, tuple(cited), rule.joins))
    return _without_superfluous(out, kind)


def _without_superfluous(arguments: list[Argument], kind: str) -> list[Argument]:
    """The arguments less those that add nothing in this filing: a rule whose `yields_to` names, for this kind, a
    rule argued here too (the chargeback rests on the contract ground; the advertising rule adds nothing to it).
    A rule yielded to counts only if it is itself kept."""
    argued = {arg.rule_id for arg in arguments}
    by_id = {rule.id: rule for rule in rules()}
    decided: dict[str, bool] = {}

    def kept(rule_id: str) -> bool:
        if rule_id not in decided:
            decided[rule_id] = True  # a cycle in the data keeps the rule rather than loop
            targets = [t for t in by_id[rule_id].yields_to.get(kind, ()) if t in argued]
            decided[rule_id] = not any(kept(t) for t in targets)
        return decided[rule_id]

    return [arg for arg in arguments if kept(arg.rule_id)]


def used_keys() -> set[tuple[str, int]]:
    """(law, article) pairs that some rule cites."""
    out = set()
    for rule in rules():
        for key in rule.cite:
            short, article = key.rsplit(" ", 1)
            for p in find_provisions(short, int(article)):
                out.add((p.law, p.article))
    return out


class CitationStyle:
    """Names laws in one document: full name at first mention, short name after.

    `mentions` (law → how often the document names it), when given, keeps a short name from being
    introduced where it saves nothing: a law named once, or so few times that “（以下简称《…》）”
    is longer than repeating the full name, is named in full each time.
    """

    def __init__(self, mentions=None):
        self.mentioned: set[str] = set()
        self.mentions = dict(mentions or {})

    def name(self, law: str, short: str) -> str:
        first = law not in self.mentioned
        self.mentioned.add(law)
        if law == short:
            return f"《{short}》"
        if not self._introduces(law, short):
            return book_title(law)
        return f"《{short}》" if not first else f"{book_title(law)}（以下简称《{short}》）"

    def _introduces(self, law: str, short: str) -> bool:
        """Whether a short name pays: the characters it saves on later mentions exceed its introduction."""
        if law not in self.mentions:
            return True
        introduction = len(f"（以下简称《{short}》）")
        return (self.mentions[law] - 1) * (len(book_title(law)) - len(f"《{short}》")) > introduction

    def cite(self, group: tuple) -> str:
        """`《中华人民共和国消费者权益保护法》第二十条、第二十四条，《民法典》第五百六十三条`"""
        parts = []
        for _, of_one_law in groupby(group, key=lambda p: p.law):
            same_law = list(of_one_law)
            first = same_law[0]
            parts.append(self.name(first.law, first.short) + "、".join(p.label for p in same_law))
        return "，".join(parts)


def merge_cited(provisions) -> list[Provision]:
    """Every provision cited anywhere, once, in order of first citation, with the union of the
    paragraphs cited (the whole article as soon as one citation relies on all of it) and, of one paragraph,
    of the items cited (the whole paragraph as soon as one citation relies on all of it)."""
    merged: dict[tuple, Provision] = {}
    for p in provisions:
        key = (p.law, p.article, p.effective)
        seen = merged.get(key)
        if seen is None:
            merged[key] = p
        elif seen.cited and p.cited:
            items = seen.items + p.items if seen.items and p.items else ()
            merged[key] = seen.citing(seen.cited + p.cited, items)
        else:
            merged[key] = seen.citing(())
    return list(merged.values())


def uncovered(p: Provision, covering) -> Provision | None:
    """What of citation `p` the citations `covering` leave out (its paragraphs none of them quotes), or None when
    they quote all of it: a paragraph is covered by a citation of the whole article or of that paragraph with every
    item `p` relies on."""
    same = [q for q in covering if (q.law, q.article, q.effective) == (p.law, p.article, p.effective)]
    if any(not q.cited for q in same):
        return None
    wanted = p.cited or tuple(range(1, len(p.paragraphs()) + 1))

    def covered(n: int) -> bool:
        return any(n in q.cited and (not q.items or (p.items and set(p.items) <= set(q.items))) for q in same)

    left = [n for n in wanted if not covered(n)]
    if not left:
        return None
    return p if tuple(left) == tuple(wanted) else p.citing(left)


def book_title(law: str) -> str:
    """《…》 around a name, with inner 《》 turned into 〈〉 as Chinese usage requires."""
    return "《" + law.replace("《", "〈").replace("》", "〉") + "》"


def brief_citation(group) -> str:
    """Public-post style, names only, one law once: `《消费者权益保护法》第十七条、第二十条`."""
    by_law: dict[str, list] = {}
    for p in merge_cited(group):
        by_law.setdefault(p.short, []).append(p)
    return "，".join(
        f"《{short}》" + "、".join(p.label for p in sorted(ps, key=lambda p: p.article)) for short, ps in by_law.items()
    )


# `《消费者权益保护法》第四十六条`, `《…办法》第十五条、第二十三条第（五）项`: provisions named in running text.
_NAMED_LAW = re.compile(r"《([^》]+)》((?:第[零一二三四五六七八九十百千]+条[^《；;。]*?)+)(?=[；;。)]|）(?!项)|$|《)")
_NAMED_ARTICLE = re.compile(
    r"第([零一二三四五六七八九十百千]+)条(?:第([零一二三四五六七八九十]+)款)?(?:第（([零一二三四五六七八九十]+)）项)?"
)


def named_in(text: str, on: date) -> list[Provision]:
    """The provisions a sentence names by title and article (as the deadlines' bases do), in force on a day.

    A named paragraph (款) is cited as such; a named item (项) as that item of its paragraph — the one paragraph of
    the article that has items when the name gives none —, else with its whole article.
    Names the data lacks are skipped: only a stored text can be annexed.
    """
    out = []
    for title, articles in _NAMED_LAW.findall(text):
        for number, paragraph, item in _NAMED_ARTICLE.findall(articles):
            p = provision_in_force(title.replace("〈", "《").replace("〉", "》"), arabic_number(number), on)
            if p is None:
                continue
            if item:
                with_items = [n for n in range(1, len(p.paragraphs()) + 1) if p.item_lines(n)]
                of = [arabic_number(paragraph)] if paragraph else with_items
                if len(of) == 1 and arabic_number(item) <= len(p.item_lines(of[0])):
                    out.append(p.citing(of, [arabic_number(item)]))
                    continue
            out.append(p.citing([arabic_number(paragraph)] if paragraph else ()))
    return out
