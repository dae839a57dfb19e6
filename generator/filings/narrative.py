"""The words of the filings, written once from the analysed case.

Each filing gets its parts as plain strings and lists (parties, requests, facts,
arguments, citations); the templates lay them out. A sentence whose fact is
absent is left out, never printed with a blank. User text is quoted as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from generator import vocabulary as V
from generator.case.model import Case, Charge, Contact, Order, Payment, Platform, Problem, day_of
from generator.cnformat import chinese_number, cn_date, cn_date_series, cn_dates, cn_time
from generator.filings import exhibit_match as match
from generator.filings import individual
from generator.filings.analyse import (
    FAILED_RESULTS,
    Analysis,
    admissions,
    argued_promises,
    came_instead,
    cancel_act,
    cancellation_contact,
    cancellation_exhibits,
    cancellation_page_words,
    clauses_saying,
    confirmed_cancellation,
    debits_after,
    debits_after_cancellation,
    debits_by_notice,
    debits_within_term,
    extra_as_request,
    extra_only_requests,
    extra_says_more,
    extra_told,
    failed_soon,
    first_told_platform,
    further_requests,
    merchant_complaint,
    months_between,
    notice_claimed,
    notice_span,
    order_number,
    partial_offers,
    personal_items,
    quoted_words,
    reaches_platform_itself,
    reaches_seller,
    redelivery_reminders,
    refusal_words,
    representative_relation,
    tells_what_was_said,
    told_by_representative,
    told_extra,
    unkept_contacts,
    written_time,
)
from generator.filings.plan import takes_extra_requests
from generator.filings.records import (
    added_outcome,
    body_act,
    channel_name,
    complaint_via,
    complaint_way,
    merchant_word,
    nest,
    party_of,
    payment_recipient,
    quote,
    reports_speech,
    told_by_act,
    told_way,
    unbracketed,
    way_of,
    without_writer_aside,
)
from generator.law import provisions as law
from generator.law.deadlines import accepted_day
from generator.law.money import rmb, yuan
from generator.phrases import PRODUCE_KINDS, say

SERVICE_NAMES = V.names(V.SERVICES)
PROBLEM_LABELS = V.names(V.PROBLEM_TYPES)
CONTACT_PARTIES = V.names(V.CONTACT_PARTIES)
CONTACT_RESULTS = V.names(V.CONTACT_RESULTS)


def teller_of(case: Case, text: str, me: str) -> str:
    """Who gave an account or kept a record: the filer (`me`), or the representative who wrote it, by relation and
    name (`申请人的丈夫吴志刚`)."""
    agent = case.representative
    if agent is None or not told_by_representative(case, text):
        return me
    return say("who.representative_related", me=me, relation=representative_relation(case), name=agent.name)


def contact_party(contact: Contact, platform: Platform) -> str:
    """Whom a contact reached: the seller's side (`with: platform`, or `other` naming the seller: party_of) — a
    person selling in a chat group is the 卖家, a marketplace's shop is the shop (unless the method names the
    platform's own service), else the 平台; nothing for someone else the case does not name."""
    party = party_of(contact)
    if party == "other":
        return ""
    if party != "platform":
        return CONTACT_PARTIES[party]
    if platform.kind == "individual":
        return say("who.seller")
    if platform.seller and not reaches_platform_itself(contact, platform):
        return say("who.shop", shop=quote(platform.seller.name))
    return CONTACT_PARTIES["platform"]


# Who is who in each filing: the arguments of rules.yaml say {me} and {them}.
ROLES = {f.code: f.roles for f in V.FILINGS}


def roles(kind: str, platform: Platform, payment: Payment | None = None) -> tuple[str, str]:
    """Who is who in one filing of this case."""
    me, them = ROLES[kind]
    if kind == "payment_dispute" and payment is not None and payment.payee_kind == "personal":
        return me, say("who.payee")  # a transfer to a person's collection code: there is no merchant
    if platform.kind == "individual" and kind == "platform_refund_request":
        them = say("who.individual_addressee")  # a person selling in a chat group is no platform: 贵方
    return me, them


_ENDS = ("。", "！", "？", ".", "!", "?", "…")


def sentence(text: str) -> str:
    """User text as a sentence: as written, with a full stop added only if it has none."""
    text = text.rstrip()
    complete = text.endswith(_ENDS) or (text[-1:] in "”’）)」』" and text[:-1].endswith(_ENDS))
    return text if complete else text + "。"


def statement(text: str) -> str:
    """The user's account quoted as a complete sentence: “…。”"""
    return quote(sentence(text))


def advertised_statement(
    me: str,
    advertised: str,
    case: Case,
    shown: list,
    own: bool = False,
    addressee: str = "",
    verbatim: bool = False,
) -> str:
    """What the seller advertised, never as the buyer's own statement: `商品页面宣称：“…”` where an exhibit shows the
    sales page in those very words (`verbatim`; `shown` is cited after it), `据申请人所述，商品页面宣称：“…”` where it
    shows the page but words it otherwise, `据申请人所述，卖家宣称：“…”` where none does or a person sold in a chat
    group (no product page there, a group post or a message) — `贵平台宣称` in a letter to the seller itself
    (`addressee`). The user's report of what someone said (“群主说是…”: markers.reported_speech) is the user's:
    `申请人称：“…”`. In the user's own first-person texts (`own`) it needs no `据本人所述`."""
    if reports_speech(advertised) and not verbatim:
        return advertised.strip() if own else say("statements.reported", me=me, quote=quote(advertised))
    page = "page" if verbatim or own else "page_told"
    where = page if shown and case.platform.kind != "individual" else "seller"
    return say(
        f"statements.advertised.{where}{'_own' if own else ''}",
        me=me,
        seller=addressee or advertiser(case),
        quote=quote(advertised),
    )


def own_advertising(me: str, analysis: Analysis) -> str:
    """The advertising in the user's own first-person texts (the 12315 form, the public post), where no exhibit number
    follows: the page's own words where an exhibit's description quotes them; the user's quotation as the page's only
    where a page shows it word for word; else the user's report of it as its gist, unquoted — a quotation the
    screenshot does not bear out is never given as the page's."""
    case = analysis.case
    advertised = case.order.advertised
    shown = advertising_exhibits(analysis)
    verbatim = advertising_verbatim(analysis, shown)
    words = [] if verbatim else advertising_words(analysis, shown)
    if words:
        return say("statements.page_shows_own", words="".join(quote(w) for w in words))
    if verbatim or reports_speech(advertised):
        return advertised_statement(me, advertised, case, shown, own=True, verbatim=verbatim)
    return say("statements.advertised.gist_own", seller=advertiser(case), gist=advertised.strip().rstrip("。"))


def shown_advertising(me: str, case: Case, shown: list, words: list[str], retold: bool = False) -> str:
    """The advertising as the pages show it, cited (`商品页面载明“独享账号 不共享 掉线包换”（见证据3）`); where the
    document retells it (`retold`: rules.yaml page_retold, the summary), then the user's own report where it says
    more than the pages show (`；据申请人所述，该页面宣称：“…”`)."""
    text = say("statements.page_shows", words="".join(quote(w) for w in words), see=see(shown))
    advertised = case.order.advertised
    if not retold or not match.goes_beyond(advertised, words):
        return text
    if reports_speech(advertised):
        return text + "；" + say("statements.reported", me=me, quote=quote(advertised))
    return text + say("statements.page_told_more", me=me, quote=quote(advertised))


def advertiser(case: Case) -> str:
    """Who advertised, as a filing not addressed to it names it after the order sentence: the platform that sold
    itself (该平台, named just before), else the seller (a shop's page is the page; a person in a chat sells)."""
    return say("who.platform_again") if sells_itself(case) else say("who.seller")


def sells_itself(case: Case) -> bool:
    """The platform sold itself (self-operated, no shop on it, not a person in a chat): it is the seller."""
    return case.platform.kind != "individual" and not case.platform.seller


def advertising_exhibits(analysis: Analysis) -> list:
    """What shows the advertising: a page the user ties to the order, or whose description shows the ad
    (a product page shows it whatever else the user ties it to; an order form or a ticked box does not)."""
    case = analysis.case
    out = []
    for e in analysis.exhibits:
        entry = case.evidence[e.index]
        described = match.describe(entry, e, case)
        # a bill or order record shows what was bought and paid, never what the seller advertised
        tied = "order" in entry.about and entry.category != "transaction"
        if tied or match.shows_advertised(described, case.order.advertised):
            out.append(e)
    return out


def advertising_words(analysis: Analysis, shown: list) -> list[str]:
    """The words of the advertising the pages showing it quote in their descriptions, once each, in order — what an
    exhibit shows, stated without the hedge the user's own report needs (words of something else on the page are no
    proof of the advertising; never for a person selling in a chat, whose post is no product page)."""
    case = analysis.case
    if case.platform.kind == "individual":
        return []
    pages = [case.evidence[e.index].description for e in shown if e.category == "advertisement"]
    found = [words for page in pages for words in match.quoted(page)]
    return list(dict.fromkeys(w for w in found if match.part_of(w, case.order.advertised)))


def advertising_verbatim(analysis: Analysis, shown: list) -> bool:
    """One of the exhibits showing the advertising quotes it as the case does."""
    case = analysis.case
    return any(
        match.quotes_advertised(match.describe(case.evidence[e.index], e, case), case.order.advertised) for e in shown
    )


def listed_items(case: Case) -> str:
    """`（QQ号、手机号等）`: the kinds of personal information the user's further words list, or nothing."""
    items, more = personal_items(case.claims.extra or "")
    if not items:
        return ""
    return say("requests.personal_items", items="、".join(items), more=say("markers.list_more") if more else "")


def label_span(numbered) -> str:
    """`证据1至证据4`, `交易2、交易3`: (number, label) pairs joined, a run of three or more numbers as its ends."""
    runs: list[list[tuple[int, str]]] = []
    for number, label in numbered:
        if runs and number == runs[-1][-1][0] + 1:
            runs[-1].append((number, label))
        else:
            runs.append([(number, label)])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(say("attachments.exhibit_run", first=run[0][1], last=run[-1][1]))
        else:
            parts += [label for _, label in run]
    return "、".join(parts)


def exhibit_span(exhibits) -> str:
    """`证据1至证据4`, `证据1、证据2、证据5`: the exhibits by number, a run of three or more as its ends."""
    return label_span((e.number, e.label) for e in exhibits)


def see(exhibits) -> str:
    """`（见证据1、证据3）`, `（见证据2至证据4）`, or nothing when no exhibit supports the sentence."""
    exhibits = list(exhibits)
    return say("statements.see", exhibits=exhibit_span(exhibits)) if exhibits else ""


def cite_evidence(text: str, exhibits) -> str:
    """Put `（见证据N）` before the paragraph's final full stop."""
    ref = see(exhibits)
    if ref and text.endswith("。"):
        return text[:-1] + ref + "。"
    return text + ref


def order_ref(order: Order, sep: str = "") -> str:
    """`订单号：JS123` (with `sep` between label and number), `交易单号：…` for a transfer whose own number the case
    gives as the order's, or `无订单号`."""
    number = order_number(order)
    if number:
        return say("orders.number", sep=sep, number=number)
    return say("orders.transaction", sep=sep, number=order.id) if order.id_is_transaction else say("orders.none")


def pay_mode(facts) -> str:
    """How a person was paid, only as the case's own words say (rules.yaml `words`): a collection code scanned,
    a transfer, or neither said — never guessed from the payee being a person."""
    if "paid_by_code_scan" in facts:
        return "scan"
    return "transfer" if "paid_by_transfer" in facts else "unsaid"


def debit_text(charge: Charge) -> str:
    """`2026年10月1日扣款25.00元（交易单号：…）`: each debit by its own transaction, where the case gives it."""
    number = say("statements.debit_number", number=charge.transaction_id) if charge.transaction_id else ""
    return say("statements.debit", date=cn_date(charge.date), amount=yuan(charge.amount), number=number)


# The problems that are not about what arrived (the renewal, the silence): what shows them does not show that the
# membership bought never came, nor do their paragraphs state the day it failed; every other problem type (a wrong
# membership, a forged code) is about what arrived.
NO_FAILURE = ("auto_renewal", "no_response")


@dataclass(frozen=True)
class _Told:
    """One contact as a filing tells it, and — for a plain talk (通过X与Y沟通) — what lets the next ones made the same
    way with the same party be told with it in one sentence."""

    sentence: str
    day: date
    series: tuple[str, str, str] | None
    record: str  # the user's record quoted, with the outcome and the exhibit after it


def _in_series(told: list[_Told], me: str) -> list[str]:
    """The contacts' sentences, consecutive talks made the same way with the same party told together: `申请人通过
    小程序在线客服与平台沟通，2026年9月16日的记录：“…”；10月16日的记录：“…”。` — the way and whom said once,
    the year only where it changes."""
    out: list[str] = []
    i = 0
    while i < len(told):
        run = [told[i]]
        while told[i].series and i + len(run) < len(told) and told[i + len(run)].series == told[i].series:
            run.append(told[i + len(run)])
        if len(run) == 1:
            out.append(told[i].sentence)
        else:
            way, party, recorder = run[0].series  # type: ignore[misc]
            days = cn_date_series(t.day for t in run)
            entries = "；".join(
                say("contacts.series_entry", date=day, by="" if recorder == me else recorder, record=t.record)
                for day, t in zip(days, run, strict=True)
            )
            out.append(say("contacts.series", me=me, method=way, party=party, entries=entries) + "。")
        i += len(run)
    return out


class Writer:
    """Writes the sentences of every filing of one analysed case."""

    def __init__(self, analysis: Analysis):
        self.a = analysis
        self.case = analysis.case
        self.order = self.case.order
        self.platform = self.case.platform
        self.payment = self.case.payment
        self.person = self.case.complainant

    # --- shared facts -----------------------------------------------------------

    def order_sentence(self, me: str, them: str, kind: str = "") -> str:
        """When, where, what, how much and how it was paid; `kind`, the document it is written for."""
        o, p = self.order, self.payment
        if self.platform.kind == "individual":
            where = individual.seller_phrase(self.case)  # a chat group is where it happened, not who sold
        else:
            addressed = them == ROLES["platform_refund_request"][1]  # the letter to the platform: 在贵平台
            where = (
                say("statements.at_addressee", them=them)
                if addressed
                else say("statements.at_platform", platform=self.platform.name)
            )
            shop = self.platform.seller
            where += say("statements.at_shop", shop=quote(shop.name)) if shop else ""
        shown_ad = self.advertising_exhibits()
        paid = say("statements.via", channel=channel_name(self.case))
        if p.channel == "bank_card":
            paid = say("statements.bank_card", bank=p.bank)
        payee_kind = "statements.payee"
        if p.payee_kind == "personal":  # paid to a person, not a merchant: as the case says it was paid
            paid += say(f"pay_mode.sentence.{pay_mode(self.a.facts)}")
            payee_kind = "statements.payee_person"
        shared = {
            "me": me,
            "date": cn_date(o.paid_at),
            "where": where,
            "product": o.product,
            "term": o.term_months,
            "how": paid,
            "price": rmb(o.price),
            "see": see(self.payment_exhibits()),
            **self._advertised_values(me, them, shown_ad, kind),
        }
        if kind == "payment_dispute":  # its 争议交易信息 lists the numbers and the payee above the facts
            return say(
                "statements.order_listed",
                order=f"（{say('orders.none')}）" if o.id_is_transaction else "",
                payee=say(payee_kind, payee=self._payee_quoted(me)) if p.payee_kind == "personal" and p.payee else "",
                **shared,
            )
        return say(
            "statements.order",
            order=say("orders.none") if o.id_is_transaction else order_ref(o, "："),  # its number follows, once
            transaction=p.transaction_id,
            payee=say(payee_kind, payee=self._payee_quoted(me)) if p.payee else "",
            **shared,
        )

    def operator_sentence(self) -> str:
        """Who runs the site, citing the record that shows it (a registry's page, the site's footer with its company
        name and credit code: exhibit_match.shows_registry), where the filing names the operator; else nothing."""
        operator = self.platform.operator
        if not operator or self.platform.kind == "individual":
            return ""
        shown = [
            e
            for e in self.a.exhibits
            if match.shows_registry(match.describe(self.case.evidence[e.index], e, self.case))
        ]
        if not shown:
            return ""
        return say("statements.operator_shown", platform=self.platform.name, operator=operator, see=see(shown))

    def _payee_quoted(self, me: str) -> str:
        """The payee as the bill shows it: a person's collection code with the user's note apart (payee_quoted)."""
        payee = self.payment.payee or ""
        return individual.payee_quoted(payee, me) if self.payment.payee_kind == "personal" else quote(payee)

    def _advertised_values(self, me: str, them: str, shown: list, kind: str) -> dict:
        """The order sentence's advertising and its exhibits: the user's quotation where a page shows it word for
        word, else the words the pages show (in the documents retelling it, the user's report after them where it
        says more), else the report."""
        verbatim = advertising_verbatim(self.a, shown)
        words = [] if verbatim else advertising_words(self.a, shown)
        if words:
            retold = kind in law.page_retold()
            return {"advertised": shown_advertising(me, self.case, shown, words, retold), "see_ad": ""}
        told = advertised_statement(
            me,
            self.order.advertised,
            self.case,
            shown,
            addressee=self._seller_addressed(them),
            verbatim=verbatim,
        )
        return {"advertised": told, "see_ad": see(shown)}

    def advertising_exhibits(self) -> list:
        return advertising_exhibits(self.a)

    def _seller_addressed(self, them: str) -> str:
        """`贵平台`/`贵方` when the filing is addressed to the seller itself (not to a marketplace for its shop), the
        respondent's role (被投诉人, 被申请人, 被告) when the seller is the respondent; else nothing (卖家)."""
        to_seller = (ROLES["platform_refund_request"][1], say("who.individual_addressee"))
        respondents = tuple(ROLES[kind][1] for kind in ("complaint_12315", "mediation_request", "court_complaint"))
        return them if them in (*to_seller, *respondents) and not self.platform.seller else ""

    def problem_sentences(
        self, me: str, debits_listed: bool = False, kind: str = "", leave_out: tuple[str, ...] = ()
    ) -> list[str]:
        """One paragraph per problem, in the order the user listed them.

        `debits_listed`: the filing lists every debit already (the payment dispute), so the
        renewal paragraph gives their count and sum only. `kind`, `leave_out`: the filing whose contacts follow
        (contacts_paragraph) — an account of a silence that says only that no one answered is left out where
        those contacts tell, each on its day, that the seller's side did not answer (one fact, said once).
        """
        out = []
        silence_told = bool(kind) and self.silence_told(kind, leave_out)
        for problem in self.case.problems:
            if problem.type == "no_response" and silence_told:
                continue
            if problem.type == "auto_renewal":
                out.append(self._auto_renewal(problem, me, debits_listed))
            else:  # a problem type with no method of its own is the user's account and what shows it
                out.append(getattr(self, f"_{problem.type}", self._account)(problem, me))
        return out

    def said(self, problem: Problem, me: str) -> str:
        """`关于…，申请人陈述：“…。”` — the user's own account of one problem, never rewritten; the representative's
        account (told_by_representative) as theirs: `原告的儿子周建军陈述：“我妈付了…”`."""
        return say(
            "statements.said",
            topic=say(f"problem_topics.{problem.type}"),
            me=self.teller(problem.description, me),
            statement=statement(problem.description),
        )

    def _made_by(self, contact: Contact, told: dict) -> tuple[str, dict]:
        """The way a contact was made and who made it: a bracketed aside saying the writer did it themselves
        (“电话（我打的客服电话）”, markers.writer_aside) is left out of the way, and where the representative wrote the
        case file, the one who made the contact is the representative, who then also recorded it (“其记录”)."""
        way = without_writer_aside(contact.method)
        if way == contact.method:
            return way, told
        me = told["me"]
        by = self.teller(contact.method, me)
        if by == me:
            return way, told
        recorder = say("who.same_teller") if told["recorder"] == by else told["recorder"]
        return way, {**told, "me": by, "recorder": recorder}

    def teller(self, text: str, me: str) -> str:
        """Who gave an account: the filer (`me`), or the representative who wrote it, by relation and name."""
        return teller_of(self.case, text, me)

    def _rights_mismatch(self, problem: Problem, me: str) -> str:
        # Only what the case file holds: the account, what arrived, the day it failed. The months
        # used drive the refund arithmetic and are stated there as arithmetic, never as use.
        text = self.said(problem, me)
        delivered = came_instead(problem)
        if delivered and nest(delivered.strip()) not in nest(problem.description):  # as both are shown
            text += say("statements.delivered", delivered=quote(delivered))
        text = cite_evidence(text, self.failure_exhibits("rights_mismatch"))  # what arrived, not what was sold
        return text + self.failed_sentence(me, "rights_mismatch")

    def payment_exhibits(self) -> list:
        """What shows the order's payment: a bill of that payment, never the bill of a loss or of a renewal."""
        return self.a.cited_for(("order", "payment"), lambda d: match.shows_order_payment(d, self.order))

    def failed_sentence(self, me: str, problem_type: str) -> str:
        """The day the membership was found not as sold, cited only to what shows the membership itself."""
        failed = self.order.failed_at
        if failed is None:
            return ""
        # nothing came at all: the day is the day it still had not come, not a membership found not as advertised
        found = say(
            "statements.undelivered" if "nothing_delivered" in self.a.facts else "statements.failed",
            me=me,
            date=cn_date(failed),
        )
        return cite_evidence(found, self.failure_exhibits(problem_type))

    def failure_exhibits(self, problem_type: str) -> list:
        """What shows the membership not working: an exhibit the user ties to the problem that is not the sales
        page or a bill (those show what was sold and paid, not what arrived; a transaction screenshot that is no bill,
        such as an order page showing 待发货, shows what it describes), or a rights-anomaly screenshot. A
        picture filed as advertising whose description is no page of the seller's (none of rules.yaml exhibit_words'
        advertising) shows what it describes; other buyers' reviews (exhibit_words' reviews) show no delivery."""
        shown = self.a.cited_for((problem_type,), match.shows_what_arrived)
        words = law.exhibit_words()
        page, reviews, bill = words["advertising"], words["reviews"], words["bill"]
        return [
            e
            for e in shown
            if (e.category != "transaction" or not bill.search(e.description))  # an order page showing 待发货
            and (e.category != "advertisement" or not page.search(e.description))
            and not reviews.search(e.description)
        ]

    def account_exhibits(self, problem_type: str) -> list:
        """What the user's account of a problem cites: what shows the membership not working, other buyers' reviews
        the user ties to that problem (they bear on the account, not on what arrived), and where the account tells
        the seller's site closing, the screenshot of it."""
        reviews = law.exhibit_words()["reviews"]
        tied = [e for e in self.a.cited_for((problem_type,), lambda d: False) if reviews.search(e.description)]
        problem = self.a.problem(problem_type)
        tied += self.site_gone_exhibits(problem) if problem is not None else []
        return sorted({*self.failure_exhibits(problem_type), *tied}, key=lambda e: e.number)

    def site_gone_exhibits(self, problem: Problem) -> list:
        """Where the user's account tells the seller's site closing (“11月2日网站也打不开了”), the screenshot of it;
        else nothing."""
        if not law.exhibit_words()["site_gone"].search(problem.description):
            return []
        return self.a.cited_for((problem.type,), match.shows_site_gone)

    def _auto_renewal(self, problem: Problem, me: str, debits_listed: bool = False) -> str:
        parts = []
        if problem.default_checked and say("markers.default_checked") not in problem.description:
            parts.append(say("statements.default_checked"))
        # a page shows the box ticked: a debit's bill about the renewal does not
        ticked = (
            self.a.cited_for(("auto_renewal",), match.shows_default_checked, fits=match.is_page)
            if problem.default_checked
            else []
        )
        charges = problem.charges
        bills = self._debit_exhibits(charges)
        cancel = problem.cancel_requested_at
        asked = cancellation_exhibits(self.case, self.a.exhibits, day_of(cancel)) if cancel is not None else []
        told = self._renewal_account_exhibits(ticked + bills + asked)
        if parts:  # the sentence on the ticked box cites what shows it, then the user's account
            parts[0] = cite_evidence(parts[0], ticked)
            parts.append(cite_evidence(self.said(problem, me), told))
        else:
            parts.append(cite_evidence(self.said(problem, me), ticked + told))
        if cancel is not None:
            parts.append(
                say(
                    "statements.cancel_asked",
                    me=me,
                    date=cn_date(cancel),
                    act=say(f"cancellation.acts.{cancel_act(self.a.facts)}"),
                    shown=self._cancellation_page(),
                    see=see(asked),
                )
            )
        shown = see(bills)
        if debits_listed:
            parts.append(say("statements.renewals_listed", count=len(charges), see=shown))
        else:
            listed = say("statements.debits_listed", debits="；".join(map(debit_text, charges)))
            parts.append(say("statements.renewals", listed=listed, see=shown))
        return "".join(parts)

    def _renewal_account_exhibits(self, elsewhere: list) -> list:
        """What the case ties to the renewal (`about: [auto_renewal]`, or with no `about` a page or screenshot
        described as of the renewal) beyond what is cited `elsewhere` (the debits' bills, the ticked box, the
        cancellation) — a page that never says 连续包年, a list of notices with no reminder in it, an app with no way
        to cancel: cited with the user's account of the renewal, which tells what they show."""
        tied = self.a.cited_for(("auto_renewal",), match.shows_renewal)  # unlabelled: described as of the renewal
        return [e for e in tied if e not in elsewhere]

    def _debit_exhibits(self, charges) -> list:
        """The bills that show the renewal debits: about the payment or the renewal, and naming none of the case's
        other amounts or days (the first order's bill shows its own payment, not the debits)."""
        shows = lambda d: match.shows_debits(d, charges)  # noqa: E731
        return self.a.cited_for(("payment", "auto_renewal"), shows, fits=shows)

    def _cancellation_page(self) -> str:
        """`，页面显示“已关闭”`: the renewal switched off, as its page's exhibit quotes it; nothing otherwise."""
        words = cancellation_page_words(self.case, self.a.exhibits) if "renewal_switched_off" in self.a.facts else []
        return say("statements.cancel_page", words="、".join(quote(w) for w in words)) if words else ""

    def _no_response(self, problem: Problem, me: str) -> str:
        # the seller's side left unanswered shows it too: its chats, and complaints it answered through the payment
        # channel; what the regulator or anyone else did (an SMS, a mediation call) shows nothing of after-sales
        every = self.case.contacts
        contacts = [c for c in every if party_of(c) == "platform" or merchant_complaint(c)]
        dates = [c.date for c in contacts]
        shown = self.a.cited_for(
            ("no_response", *dates), lambda d: any(match.shows_contact(d, c, every) for c in contacts)
        )
        shown += [e for e in self.site_gone_exhibits(problem) if e not in shown]
        return cite_evidence(self.said(problem, me), sorted(shown, key=lambda e: e.number))

    def _account(self, problem: Problem, me: str) -> str:
        """Any problem type but the renewal and the silence (fraud, a new type): the user's account, cited to what
        shows what arrived (a code refused, a trial credited) rather than the advertisement; and the day the
        membership was found not as sold, stated once, with the first such problem in the vocabulary's order."""
        text = cite_evidence(self.said(problem, me), self.account_exhibits(problem.type))
        if problem.type == self._first_failure():
            text += self.failed_sentence(me, problem.type)
        return text

    def _first_failure(self) -> str | None:
        """The problem type whose paragraph states the day of failure (rights_mismatch before fraud)."""
        kinds = self.case.kinds
        return next((t for t in PROBLEM_LABELS if t in kinds and t not in NO_FAILURE), None)

    @property
    def addressee(self) -> str:
        """How the refund request names whom it is sent to."""
        return roles("platform_refund_request", self.platform)[1]

    def seller(self, them: str) -> str:
        """Who sold: the shop on a marketplace, else the party the filing is addressed to."""
        shop = self.platform.seller
        if shop:
            return say("who.marketplace_shop", shop=shop.name)
        if them == say("who.payee"):  # the person paid is not thereby the seller: name the seller as the case does
            if self.platform.kind == "individual":
                return say("who.seller")
            return say("who.platform", platform=self.platform.name)
        return them

    def contact_sentences(self, me: str, kind: str, leave_out: tuple[str, ...] = ()) -> list[str]:
        """What has been tried so far, in date order, each contact citing what records it: those the filing of
        this kind tells (rules.yaml contact_said.left_out: no police advice in a letter to the seller); the
        contacts with the parties in `leave_out` are told elsewhere in the filing."""
        contacts = sorted(self.case.contacts, key=lambda c: c.date)
        said = law.contact_said()
        out: list[_Told] = []
        for c in contacts:
            if c.party in leave_out or not said.tells(c, contacts, kind):
                continue
            shown = self._contact_exhibits(c)
            record = quote(c.summary)
            series: tuple[str, str, str] | None = None  # a plain talk: the way, whom, who recorded it
            if merchant_complaint(c):  # the merchant, not the channel, answered the complaint
                merchant = self.merchant_word()
                text = say(
                    "contacts.merchant_complaint",
                    date=cn_date(c.date),
                    me=me,
                    via=complaint_via(c, self.payment),
                    method=c.method,
                    merchant=merchant,
                    record=record,
                    recorder=self.teller(c.summary, me),
                )
                # the record may not say who answered: the outcome is said with the merchant as its subject
                outcome = added_outcome(c, merchant, contacts)
            else:
                party = contact_party(c, self.platform)
                if kind == "payment_dispute" and c.party == "payment":  # the addressee itself, by its name
                    party = payment_recipient(self.case) or party
                told = {"date": cn_date(c.date), "me": me, "method": c.method, "record": record}
                told["recorder"] = self.teller(c.summary, me)
                act = body_act(c) if party else None
                if act == "ended":  # the message cited proves the ending, said before the user's record of it
                    text = say("contacts.body_ended", party=party, see=see(shown), **told)
                    shown = []
                elif act:
                    if act in ("complained", "accepted_later"):
                        told["method"] = complaint_way(c.method)
                    if act == "accepted_later":
                        told["accepted"] = cn_date(accepted_day(c))
                    text = say(f"contacts.body_{act}", party=party, **told)
                else:
                    way, made = self._made_by(c, told)
                    if party:
                        text = told_way("contacts.talk", way, party=party, **made)
                        plain = way_of("contacts.talk", way) == "contacts.talk" and party not in way  # 通过X与Y沟通
                        if plain and made["me"] == me:
                            series = (way, party, made["recorder"])
                    else:
                        text = told_way("contacts.talk_unnamed", way, **made)
                outcome = "" if told_by_act(act, c, contacts) else added_outcome(c, contacts=contacts)
            ending = (f"，{outcome}" if outcome else "") + see(shown)
            out.append(_Told(text + ending + "。", c.date, series, record + ending))
        return _in_series(out, me)

    def silence_told(self, kind: str, leave_out: tuple[str, ...] = ()) -> bool:
        """The user's account of the silence says only that no one answered (rules.yaml words' silence_only) and the
        contacts this filing tells include one with the seller's side left unanswered."""
        if "silence_only" not in self.a.facts:
            return False
        said = law.contact_said()
        return any(
            c.party not in leave_out
            and said.tells(c, self.case.contacts, kind)
            and party_of(c) == "platform"
            and c.result == "no_reply"
            for c in self.case.contacts
        )

    def merchant_word(self) -> str:
        """Who answers a payment complaint: the merchant, or the person paid through a personal code."""
        return merchant_word(self.payment)

    def contacts_paragraph(self, me: str, kind: str, leave_out: tuple[str, ...] = ()) -> str:
        """What has been tried so far, then the user's further words when they state rather than request
        (`claims.extra` read so by rules.yaml words' extra_is_request): quoted as the user's, never listed as a
        request in the filer's voice."""
        sentences = self.contact_sentences(me, kind, leave_out)
        told = say("contacts.opening", contacts="".join(sentences)) if sentences else ""
        return told + self.extra_statement(me)

    def extra_statement(self, me: str) -> str:
        """`申请人另陈述：“我没用那个优酷的码，不接受只退50块。”` when `claims.extra` is a statement, else nothing;
        a deletion request's words when they also state something (its further requests are listed as requests)."""
        extra = told_extra(self.case)
        if not extra or not extra_told(self.a):
            return ""
        if "extra_deletes_personal_info" in self.a.facts:  # the request is the filer's; the user's words if more
            stated = extra_says_more(self.case) and not extra_only_requests(self.case)
            return say("statements.extra", me=self.teller(extra, me), text=quote(sentence(extra))) if stated else ""
        if extra_as_request(self.a):
            return ""
        return say("statements.extra", me=self.teller(extra, me), text=quote(sentence(extra)))

    def earlier_reports(self, me: str) -> str:
        """The reports already made to the police (contacts `with: police`), each as the user recorded it and
        how it stands, and what this filing is: `报案人已就本事件向公安机关报案：…现补充报案材料…办理进展。`"""
        reports = sorted((c for c in self.case.contacts if c.party == "police"), key=lambda c: c.date)
        if not reports:
            return ""
        told = []
        for c in reports:
            text = say(
                "contacts.report", date=cn_date(c.date), method=unbracketed(c.method), me=me, record=quote(c.summary)
            )
            outcome = added_outcome(c, contacts=reports)
            if outcome:
                text += f"，{outcome}"
            told.append(text)
        return say("contacts.reported", me=me, reports="；".join(told))

    def earlier_complaints(self, me: str) -> str:
        """The complaint already made to the regulator (contacts `with: regulator`), each contact as the user
        recorded it and how it stands, and what this filing is: a supplement to it, asking how it stands."""
        made = sorted((c for c in self.case.contacts if c.party == "regulator"), key=lambda c: c.date)
        told = []
        for c in made:
            text = say(
                "contacts.report", date=cn_date(c.date), method=unbracketed(c.method), me=me, record=quote(c.summary)
            )
            outcome = added_outcome(c, contacts=made)  # the regulator named, not 对方
            if outcome:
                text += f"，{outcome}"
            told.append(text)
        return say("supplement.earlier", me=me, told="；".join(told)) if told else ""

    # --- requests -----------------------------------------------------------------

    def money_requests(self, verb_refund: str, subject: str = "", court: bool = False) -> list[str]:
        """The money asked for from the seller, each with its amount in capitals and how it was computed."""
        amounts = self.a.amounts
        order_left, renewals_left = amounts.left_after_refunded()
        paid_back = self.a.cited_for((), lambda d: match.shows_refund(d, amounts.refunded)) if amounts.refunded else []
        out = []
        if order_left != amounts.refund:  # part paid back: what is left of the order is asked for, its arithmetic shown
            if order_left:
                out.append(
                    say(
                        "money_requests.refund_rest",
                        subject=subject,
                        amount=rmb(order_left),
                        how=amounts.refund_explanation,
                        refunded=yuan(amounts.refund - order_left),
                        rest=yuan(order_left),
                        see=see(paid_back),
                    )
                )
        elif amounts.refund and amounts.refund_mode == "full":  # “全额退还” is the whole arithmetic
            out.append(say("money_requests.refund_full", verb=verb_refund, amount=rmb(amounts.refund)))
        elif amounts.refund:  # a fully used monthly card leaves nothing of the order to refund
            out.append(
                say(
                    "money_requests.refund",
                    verb=verb_refund,
                    amount=rmb(amounts.refund),
                    how=amounts.refund_explanation,
                )
            )
        if renewals_left != amounts.renewals and renewals_left:
            out.append(
                say(
                    "money_requests.renewals_rest",
                    subject=subject,
                    amount=rmb(renewals_left),
                    count=amounts.renewal_count,
                    refunded=yuan(amounts.renewals - renewals_left),
                    see=see(paid_back),
                )
            )
        elif amounts.renewals == renewals_left and amounts.renewals:
            out.append(self._renewals_request(subject))
        out += self.court_compensation_requests(subject) if court else self.compensation_requests(subject)
        if len(out) > 1:
            out.append(say("money_requests.total", amount=rmb(amounts.total)))
        return out + self.alternative_promise_request(subject, court)  # after the total, which it is not part of

    def _renewals_request(self, subject: str) -> str:
        """Every renewal debit given back in full: the one debit by its day, several with their days and amounts."""
        amounts = self.a.amounts
        debits = [d for d in amounts.debits if d.kind == "renewal"]
        if len(debits) == 1:
            day = cn_date(debits[0].date)
            return say("money_requests.renewal_one", subject=subject, date=day, amount=rmb(amounts.renewals))
        return say(
            "money_requests.renewals",
            subject=subject,
            amount=rmb(amounts.renewals),
            count=amounts.renewal_count,
            debits=self._renewal_debits(debits),
        )

    def _renewal_debits(self, debits) -> str:
        """Each renewal debit claimed, by date and amount: `2026年9月15日、10月15日各29.00元` when they are alike."""
        amounts = {d.paid for d in debits}
        if len(amounts) == 1:
            dates = cn_dates(d.date for d in debits)
            return say("money_requests.renewals_each", dates=dates, amount=yuan(debits[0].paid))
        return "、".join(f"{day}{yuan(d.paid)}" for day, d in zip(cn_date_series(d.date for d in debits), debits))

    def compensation_requests(self, subject: str = "") -> list[str]:
        """The one compensation claimed (threefold or promised: its amount and arithmetic; why this one is the
        summary's to say), then the losses, each with its reason."""
        amounts, out = self.a.amounts, []
        if amounts.punitive:
            how = amounts.punitive_explanation
            out.append(say("money_requests.punitive", subject=subject, amount=rmb(amounts.punitive), how=how))
        if amounts.promised:
            how = amounts.promised_explanation
            out.append(say("money_requests.promised", subject=subject, amount=rmb(amounts.promised), how=how))
        return out + self.loss_requests(subject)

    def loss_requests(self, subject: str) -> list[str]:
        """The losses claimed, each with its reason and exhibit."""
        out = []
        for loss in self.a.amounts.loss_items:
            exhibit = see(self.a.exhibits_of_file(loss.evidence)) if loss.evidence else ""
            reason = statement(loss.description)
            out.append(say("money_requests.loss", subject=subject, amount=rmb(loss.amount), reason=reason, see=exhibit))
        return out

    def court_compensation_requests(self, subject: str) -> list[str]:
        """A court complaint's compensation claims: the one claimed without the trade-off (the summary explains it),
        the seller named 被告 (the promise pleaded in the alternative follows the total:
        alternative_promise_request)."""
        amounts, out = self.a.amounts, []
        promise = amounts.promise
        if amounts.punitive:
            how = amounts.punitive_explanation
            out.append(say("money_requests.punitive", subject=subject, amount=rmb(amounts.punitive), how=how))
        if promise is not None and promise.amount:
            values = {
                "promise": promise.text,
                "price": yuan(amounts.price),
                "times": chinese_number(promise.times),
                "plain": yuan(promise.amount),
            }
            if amounts.promised:
                how = say("court.promised_how", **values)
                amount = rmb(amounts.promised)
                out.append(say("money_requests.promised", subject=subject, amount=amount, how=how))
        return out + self.loss_requests(subject)

    def alternative_promise_request(self, subject: str, court: bool) -> list[str]:
        """With the threefold claimed over a promised multiple also asked for: the promise as its own alternative
        request (如不认定欺诈…), outside the total — the two are never claimed together."""
        amounts = self.a.amounts
        promise = amounts.promise
        if promise is None or not promise.amount or amounts.promised or not amounts.punitive:
            return []
        named = {"plain": yuan(promise.amount)} if court else {"subject": subject}
        return [
            say(
                "court.alternative_promised" if court else "money_requests.alternative_promised",
                **named,
                promise=promise.text,
                amount=rmb(promise.amount),
                price=yuan(amounts.price),
                times=chinese_number(promise.times),
            )
        ]

    def other_requests(self, kind: str, subject: str = "") -> list[str]:
        """Requests beyond money in a filing of this kind; `subject` names who is to act when the letter goes to a
        third party. The user's own further request goes into the filings that take it (plan.yaml)."""
        claims = self.case.claims
        out = []
        me = roles(kind, self.platform, self.payment)[0]
        if claims.stop_auto_renewal and kind == "payment_dispute" and self.payment.channel == "bank_card":
            out.append(say("money_requests.stop_card_debits", me=me))  # the bank cannot switch the renewal off
        elif claims.stop_auto_renewal:
            out.append(say("money_requests.stop_renewal", subject=subject, me=me))
        if claims.extra and extra_as_request(self.a) and takes_extra_requests(kind):
            # the user's own request, quoted as theirs (it is not in the filer's voice) — or the representative's
            teller = self.teller(claims.extra, me)
            if "extra_deletes_personal_info" in self.a.facts:
                out.append(self.deletion_request(kind, subject))
                out += [say("requests.further", me=teller, text=quote(c)) for c in further_requests(self.case)]
            else:
                out.append(say("requests.further", me=teller, text=quote(told_extra(self.case).rstrip("。"))))
        return out

    def deletion_request(self, kind: str, subject: str) -> str:
        """The user's request that the seller delete their personal information, in the filer's voice, naming the
        items the user listed: `督促该店铺删除其留存的申请人个人信息（QQ号、手机号等）。`"""
        me, them = roles(kind, self.platform, self.payment)
        holder = say("requests.holder_named") if subject else them
        return say(
            "requests.delete_personal_info", subject=subject, holder=holder, me=me, items=listed_items(self.case)
        )

    # --- law ----------------------------------------------------------------------

    def arguments(self, kind: str, me: str, them: str) -> tuple[list[str], list]:
        """The legal reasoning of one filing and the provisions it relies on, in order."""
        applicable = list(law.applicable(self.a.facts, kind, self.a.filing_date))
        style = law.CitationStyle(mentions=mentions(arg.provisions for arg in applicable))
        values = self._argument_values(me, them)
        if kind == "platform_refund_request" and self.platform.seller:
            values["seller"] = say("who.shop_again")
        values["produce"] = (
            say(f"cancellation.produce.{kind}", seller=values["seller"]) if kind in PRODUCE_KINDS else ""
        )
        values["admitted"] = self._admitted(me, values["seller"])
        values["offer"] = self._offer(me, values["seller"])
        values["renewal_offer"] = self._renewal_offer(me, values["seller"])
        values["declined"] = self._declined()
        paragraphs, cited = [], []
        for group in joined_paragraphs(applicable):  # written in reading order: a law is named in full first
            text = ""
            for arg in group:
                values["cites"] = style.cite(arg.provisions)
                text += self._name_shop_once(arg.template.format_map(values), values)
                cited += [p for p in arg.provisions if p not in cited]
            paragraphs.append(text)
        return paragraphs, cited

    def _name_shop_once(self, paragraph: str, values: dict) -> str:
        """A marketplace shop is named in full at its first mention in the reasons, then “该店铺” (who.shop_again), as
        the requests call it (the letter to the platform names it so throughout: its opening named the shop)."""
        full = values["seller"]
        if not self.platform.seller or full not in paragraph:
            return paragraph
        again = values["seller"] = say("who.shop_again")
        head, _, rest = paragraph.partition(full)
        return head + full + rest.replace(full, again)

    def _argument_values(self, me: str, them: str) -> dict:
        a, o = self.a.amounts, self.order
        used = o.used_months or 0
        argued = argued_promises(self.case, a)
        promises = "、".join(quote(p.text) for p in argued)
        return {
            "me": me,
            "them": them,
            "seller": self.seller(them),
            "price": rmb(a.price),
            "refund": rmb(a.refund),
            "renewals": rmb(a.renewals),
            "punitive": rmb(a.punitive),
            "total": rmb(a.total),
            "term_months": o.term_months,
            "used_months": used,
            "left_months": o.term_months - used,
            "promise": promises + see(self.a.cited_for(("promises",), lambda d: match.shows_promise(d, argued))),
            # the requests give these with their capitals; the reasons name them once more, in figures
            "promised": yuan(a.promised),
            "losses": yuan(a.losses),
            "refusal": "、".join(quote(w) for w in refusal_words(self.case)) or say("who.refusal_unquoted"),
            "failure": see(self.not_delivered_exhibits()),
            "platform_told": self._platform_told(),
            "platform_after": self._platform_after(),
            # what the buyer cannot know of a marketplace shop's operator: its name, and its address unless shown
            "shop_unknown": self._shop_unknown(),
            "unkept": self._unkept(),
            "reminders": cn_dates([c.date for c in redelivery_reminders(self.case)]),
            "paid": cn_date(day_of(o.paid_at)),
            "within_term": self._within_term(),
            "timing": self._timing(me),
            **self._alternative_values(),
            "advertised": self._advertising(me),
            "arrived": self._arrived(),
            **self._cancellation_values(me, self.seller(them)),
        }

    def _alternative_values(self) -> dict:
        """The promise pleaded in the alternative to the threefold, quoted with its page, and its amount."""
        promise = self.a.amounts.promise
        if promise is None or "promise_alternative" not in self.a.facts:
            return {"alternative": "", "alternative_amount": ""}
        written = [p for p in self.order.promises if p.text == promise.text]  # as the case wrote it
        shown = self.a.cited_for(("promises",), lambda d: match.shows_promise(d, written))
        return {"alternative": quote(promise.text) + see(shown), "alternative_amount": rmb(promise.amount)}

    def _contact_exhibits(self, contact: Contact) -> list:
        """What records one contact: the exhibits tied to its day, or whose description shows it."""
        contacts = self.case.contacts
        return self.a.cited_for((contact.date,), lambda d: match.shows_contact(d, contact, contacts))

    def _admitted(self, me: str, seller: str) -> str:
        """The seller's side admitting it delivered wrongly, in the clauses of the user's record that say so, with
        the exhibit of that contact: `申请人于…与该店铺沟通时记录：“客服承认发错了”（见证据4），即该店铺自认…`,
        or nothing."""
        found = admissions(self.case)
        if not found:
            return ""
        contact, said = found[0]
        words = "".join(quote(w) for w in said)
        see_ = see(self._contact_exhibits(contact))
        teller = self.teller(contact.summary, me)  # the representative who wrote the record, or the filer
        recorded = say("statements.recorded_by", teller=teller) if teller != me else say("statements.recorded_self")
        told = {"me": me, "date": cn_date(contact.date), "seller": seller, "words": words, "see": see_}
        told["recorded"] = recorded
        if law.words_for("refusal_blames_buyer").found_in(said):
            # “你爸自己没看清楚，我发的就是体验卡”: it blames the buyer and owns what it sent, admitting no mistake
            sent = re.search(say("markers.sent_kind"), "".join(said))
            return say("statements.admitted_sent", **told, sent=sent[0]) if sent else ""
        return say("statements.admitted", **told)

    def _offer(self, me: str, seller: str) -> str:
        """The answer to an offer to refund only part of a price owed in full (words' partial_refund_offered), or to
        make good with a stretch of membership only (make_good_offered: “最多补你一个月”), given
        the clauses of the user's record that make it; when the offer rests on having delivered (“码已经发出去了”),
        that what was sent was not what was sold; then the seller's closing the order after a part refunded and its
        deducting for use or limiting to a difference (_settled, _usage, _difference), offered in those words or not.
        Where the refund claimed is not the whole price, only the closing is answered: the rest would deny the claim."""
        amounts = self.a.amounts
        if amounts.refund < amounts.price:  # a part claimed: only the closing declared after a part refunded
            return self._settled(seller)
        after = self._settled(seller) + self._usage() + self._difference(seller) + self._pay_more(seller)
        kinds = ("partial_refund_offered", "make_good_offered")
        offered = partial_offers(self.case) if any(k in self.a.facts for k in kinds) else []
        for contact in offered:
            said = clauses_saying(contact.summary, *kinds, "offer_claims_performance")
            if not said:
                continue
            performed = bool(clauses_saying(contact.summary, "offer_claims_performance"))
            refund = bool(clauses_saying(contact.summary, "partial_refund_offered"))  # else a stretch of membership
            offer = say(
                "statements.offer" if refund else "statements.offer_make_good",
                seller=seller,
                me=me,
                words="".join(quote(w) for w in said),
                see=see(self._contact_exhibits(contact)),
                answer=say("statements.offer_performed") if performed else "",
            )
            return offer + after
        return after

    def _renewal_offer(self, me: str, seller: str) -> str:
        """The answer to an offer to give back only some of the renewal debits (“只能退最近一笔”): the others rest on
        the same ground; nothing without such an offer."""
        if "partial_refund_offered" not in self.a.facts or self.a.problem("auto_renewal") is None:
            return ""
        for contact in partial_offers(self.case):
            said = clauses_saying(contact.summary, "partial_refund_offered")
            if said:
                words = "".join(quote(w) for w in said)
                see_ = see(self._contact_exhibits(contact))
                return say("statements.renewal_offer", seller=seller, me=me, words=words, see=see_)
        return ""

    def _declined(self) -> str:
        """What the seller's side did when asked to make good, for the promise answered: `拒绝处理`, or `仅退还15.00元`
        where it paid back a part (seller_refunded_part) — settling short is no refusal, and says so."""
        if "seller_refunded_part" in self.a.facts:
            return say("declined.part_refunded", refunded=yuan(self.a.amounts.refunded))
        return say("declined.refused")

    def _seller_words(self, fact: str) -> tuple[Contact, str] | None:
        """The first contact with the seller's side in which rules.yaml's `words` for `fact` are found, with the
        words: the clauses of the quoted words (“…”) that hold them (“给你退15块，这单就算处理完了，你都用了3天了”
        answers closing and usage apart), else just the words matched."""
        words = law.words_for(fact)
        for contact in sorted((c for c in self.case.contacts if reaches_seller(c)), key=lambda c: c.date):
            quoted = [c for q in quoted_words(contact.summary) for c in clauses_saying(q, fact)]
            if quoted:
                return contact, "、".join(quote(q) for q in quoted)
            found = words.first_match(contact.summary)
            if found:
                return contact, quote(found)
        return None

    def _settled(self, seller: str) -> str:
        """After a part refunded, the seller's “这单已经处理完毕” answered: its own declaration does not close the
        claim for the rest (statements.settled); nothing otherwise."""
        found = self._seller_words("seller_declared_settled")
        if found is None or not self.a.amounts.refunded or "seller_declared_settled" not in self.a.facts:
            return ""
        contact, words = found
        return say("statements.settled", seller=seller, words=words, see=see(self._contact_exhibits(contact)))

    def _usage(self) -> str:
        """The seller's “7天也用了” answered where what came was not what was sold (a problem's `delivered`): having
        used it is no performance and no ground to deduct (statements.usage); nothing otherwise."""
        return self._substitute_answered("seller_cites_usage", "statements.usage")

    def _difference(self, seller: str) -> str:
        """The seller's “差价不退” answered where what came was not what was sold: on termination the whole price is
        returned, not a difference (statements.difference); nothing otherwise."""
        return self._substitute_answered("seller_limits_to_difference", "statements.difference", seller=seller)

    def _pay_more(self, seller: str) -> str:
        """The seller's “再补30块换成真年卡” answered where what came was not what was sold: delivering what was sold is
        its own duty, not a thing to pay more for (statements.pay_more); nothing otherwise."""
        return self._substitute_answered("seller_demands_more", "statements.pay_more", seller=seller)

    def _substitute_answered(self, fact: str, key: str, **values) -> str:
        """The seller's words for `fact` answered by phrase `key`, where a problem names what came instead of what was
        sold (its `delivered`, quoted); nothing when no such words or no such problem."""
        delivered = [d for p in self.case.problems if p.type not in NO_FAILURE and (d := came_instead(p))]
        found = self._seller_words(fact)
        if not delivered or found is None or fact not in self.a.facts:
            return ""
        return say(key, delivered="、".join(quote(d) for d in delivered), words=found[1], **values)

    def _timing(self, me: str) -> str:
        """`申请人于2026年9月20日10时30分付款，10时32分即发现…相隔仅2分钟…`: when the case gives both moments and the
        failure came within minutes (rules.yaml quick_failure), cited to the exhibit giving the failure's time."""
        shown = self.not_delivered_exhibits()
        descriptions = [self.case.evidence[e.index].description for e in shown]
        moments = failed_soon(self.order, descriptions)
        if moments is None:
            return ""
        paid, failed = moments
        if not isinstance(self.order.failed_at, datetime):  # the time is the one an exhibit's description gives
            shown = [e for e, d in zip(shown, descriptions, strict=True) if written_time(paid.date(), [d])][:1]
        time = cn_time(failed) if failed.date() == paid.date() else cn_date(failed)
        minutes = int((failed - paid).total_seconds() // 60)
        return say("statements.quick_failure", me=me, paid=cn_date(paid), time=time, minutes=minutes, see=see(shown))

    def _advertising(self, me: str) -> str:
        """The seller's advertising in the reasons: proved by the page that shows it, else as the user told it."""
        shown = self.advertising_exhibits()
        words = quote(self.case.order.advertised)
        if advertising_verbatim(self.a, shown):
            return say("advertising.shown", quote=words, see=see(shown))
        promised = {nest(p.text.strip()) for p in self.order.promises}  # a promise says nothing of the goods
        on_pages = [w for w in advertising_words(self.a, shown) if nest(w.strip()) not in promised]
        if on_pages:  # what the pages show proves the advertising; the user's fuller report is in the facts
            return say("advertising.shown", quote="".join(quote(w) for w in on_pages), see=see(shown))
        return say("advertising.told", me=me, quote=words, see=see(shown))

    def _unkept(self) -> str:
        """What the seller did when asked to make good: `于2026年10月4日答复“过两天给你换个号”，此后未再答复`, or
        `未予答复` — from the contacts with the seller's side that promised or were left unresolved."""
        contacts = unkept_contacts(self.case)
        promised = [c for c in contacts if c.result == "promised"]
        said = []
        for c in promised:
            words = "、".join(quote(w) for w in quoted_words(c.summary))
            day = cn_date(c.date)
            said.append(say("unkept.answered", date=day, words=words) if words else say("unkept.promised", date=day))
        later = [c for c in contacts if c.result in FAILED_RESULTS and (not promised or c.date > promised[-1].date)]
        if said:
            return "，".join(said) + (self._after_promise(later[-1]) if later else "")
        return say("unkept.refused" if any(c.result == "refused" for c in later) else "unkept.unanswered")

    @staticmethod
    def _after_promise(last: Contact) -> str:
        """What the seller did after its promise, by its last answer: silence, a refusal or a part offered."""
        key = {"refused": "refused_after", "partial": "partial_after"}.get(last.result, "silent_after")
        return say(f"unkept.{key}")

    def _arrived(self) -> str:
        """What came instead of what was advertised: the user's words for it where given, else that the rights
        paid for never came; cited to what shows it."""
        delivered = [d for p in self.case.problems if p.type not in NO_FAILURE and (d := came_instead(p))]
        shown = see(self.not_delivered_exhibits())
        if delivered:
            return say("arrived.delivered", delivered="、".join(quote(d) for d in delivered), see=shown)
        return say("arrived.none", see=shown)

    def not_delivered_exhibits(self) -> list:
        """What shows that the membership bought did not arrive as sold, for any of the case's problems."""
        out: list = []
        for problem in self.case.problems:
            if problem.type not in NO_FAILURE:  # a chat left unanswered shows the silence, not what arrived
                out += [e for e in self.failure_exhibits(problem.type) if e not in out]
        return sorted(out, key=lambda e: e.number)

    def _shop_unknown(self) -> str:
        seller = self.case.platform.seller
        return say("statements.shop_unknown." + ("name" if seller and seller.address else "name_address"))

    def _within_term(self) -> str:
        """The renewal debits inside the term already paid for, by date (`2026年10月3日、11月3日`), or nothing."""
        renewal = self.a.problem("auto_renewal")
        return cn_dates(c.date for c in debits_within_term(self.order, renewal)) if renewal else ""

    def _platform_after(self) -> str:
        """`，此后仍未予解决` where the marketplace itself, once told of its shop's sale, last left it unresolved (its
        service refused, did not answer or met it in part: a complaint closed as “商家已处理” with nothing paid)."""
        told = first_told_platform(self.case)
        if told is None:
            return ""
        own = [c for c in self.case.contacts if reaches_platform_itself(c, self.platform) and c.date >= told.date]
        last = max(own, key=lambda c: c.date)
        return say("platform_after.unresolved") if last.result in FAILED_RESULTS else ""

    def _platform_told(self) -> str:
        """The day the platform itself first heard of its shop's sale (`2026年9月20日（见证据3）`), or nothing."""
        contact = first_told_platform(self.case)
        if contact is None:
            return ""
        contacts = self.case.contacts
        shown = self.a.cited_for((contact.date,), lambda d: match.shows_contact(d, contact, contacts))
        return cn_date(contact.date) + see(shown)

    def _cancellation_values(self, me: str, seller: str) -> dict:
        """When the user asked to cancel, and the debits dated after it, by date (2026年10月1日、2026年11月1日); the
        contact in which the seller confirmed it cancelled, as the user recorded it, and the debits after that."""
        renewal = self.a.problem("auto_renewal")
        cancel = renewal.cancel_requested_at if renewal else None
        asked_on = day_of(cancel) if cancel is not None else None
        after = debits_after_cancellation(renewal) if renewal else []
        values = {
            "cancelled": cn_date(cancel) if cancel is not None else "",
            "cancel_act": say(f"cancellation.acts.{cancel_act(self.a.facts)}"),
            "cancel_shown": see(cancellation_exhibits(self.case, self.a.exhibits, asked_on))
            if asked_on is not None
            else "",
            "after_cancellation": cn_dates(c.date for c in after),
            **self._notice_values(seller),
            "confirmed": "",
            "after_confirmed": "",
            "each_confirmed": "",
            "confirmed_later": "",
            "reported": "",
            "record": self._cancellation_record(),
        }
        confirmed = confirmed_cancellation(self.case)
        if renewal and confirmed is not None:
            values["reported"] = self._reported(me, confirmed, cancel)
            contacts = self.case.contacts
            shown = self.a.cited_for((confirmed.date,), lambda d: match.shows_contact(d, confirmed, contacts))
            shown = [e for e in shown if tells_what_was_said(e, confirmed)]  # a call's log shows no words
            same_day = confirmed.date == asked_on  # told right after the request's date: “当日即确认”
            values["confirmed"] = say(
                "cancellation.confirmed_same_day" if same_day else "cancellation.confirmed",
                date=cn_date(confirmed.date),
                me=me,
                record=quote(confirmed.summary),
                see=see(shown),
            ) + self._refund_reviewed(confirmed)
            later = debits_after(renewal, confirmed.date)
            values["after_confirmed"] = cn_dates(c.date for c in later)
            values["each_confirmed"] = say("cancellation.each") if len(later) > 1 else ""
            if "confirmed_after_debit" in self.a.facts:
                later_said = say("cancellation.confirmed_later", seller=seller, confirmed=values["confirmed"])
                values["confirmed_later"] = later_said
        return values

    def _refund_reviewed(self, contact: Contact) -> str:
        """`，并答复“退款需要审核”，此后至今未予退还`: the seller, confirming the cancellation, took up the refund
        asked for (words' seller_reviewing_refund) and has not paid it; nothing otherwise."""
        if "seller_reviewing_refund" not in self.a.facts:
            return ""
        said = [w for q in quoted_words(contact.summary) for w in clauses_saying(q, "seller_reviewing_refund")]
        return say("cancellation.refund_reviewed", words="".join(quote(w) for w in said)) if said else ""

    def _notice_values(self, seller: str) -> dict:
        """With a refusal saying the cancellation needed notice (“取消要提前24小时”): the notice as the seller put it,
        the debits certainly beyond it answered even by that rule (cancellation.beyond_notice), and those that may
        fall within it, by date; all empty otherwise."""
        values = {"notice": "", "beyond_notice": "", "within_notice": ""}
        renewal = self.a.problem("auto_renewal")
        notice = notice_claimed(self.case)
        if renewal is None or notice is None or renewal.cancel_requested_at is None:
            return values
        number, unit = notice
        values["notice"] = say(f"cancellation.notice_{unit}", n=number)
        beyond, within = debits_by_notice(renewal, notice_span(notice))
        values["within_notice"] = cn_dates(c.date for c in within)
        if beyond:
            cancel = renewal.cancel_requested_at
            asked_on = day_of(cancel)
            first = beyond[0].date
            months = months_between(asked_on, first)
            gap = (
                say("cancellation.gap_months", months=chinese_number(months))
                if months
                else say("cancellation.gap_days" + ("_each" if len(beyond) > 1 else ""), days=(first - asked_on).days)
            )
            values["beyond_notice"] = say(
                "cancellation.beyond_notice",
                dates=cn_dates(c.date for c in beyond),
                each=say("cancellation.each") if len(beyond) > 1 else "",
                gap=gap,
                seller=seller,
                notice=values["notice"],
            )
        return values

    def _reported(self, me: str, confirmed: Contact, cancel) -> str:
        """The seller's confirmation as what the user recorded (`据申请人记录，客服当即答复已经取消`), for where
        nothing in evidence shows that contact: the user's report, not an established fact. Of a person who sold,
        the answer is said without its giver: the seller is the subject of the words that follow (贵方却仍于…)."""
        asked_on = day_of(cancel)
        same_day = asked_on == confirmed.date
        key = "reported_same_day" if same_day else "reported"
        values = {"me": me} if same_day else {"me": me, "date": cn_date(confirmed.date)}
        if self.platform.kind == "individual":  # the seller is the subject of what follows
            return say(f"cancellation.{key}_to_seller", **values)
        return say(f"cancellation.{key}", who=say("cancellation.answerer.site"), **values)

    def _cancellation_record(self) -> str:
        """The record of the cancellation the seller's side keeps: of the call or chat it was settled in
        (`2026年9月3日通话的记录`), else of the request made on its day; nothing without a cancellation."""
        contact = cancellation_contact(self.case)
        if contact is not None:
            way = "call" if law.exhibit_words()["call"].search(contact.method) else "chat"
            return say(f"cancellation.record_{way}", date=cn_date(contact.date))
        renewal = self.a.problem("auto_renewal")
        if renewal is None or renewal.cancel_requested_at is None:
            return ""
        return say("cancellation.record_request", date=cn_date(renewal.cancel_requested_at))


def joined_paragraphs(applicable) -> list[list]:
    """The arguments grouped into paragraphs: one that `joins` a rule argued in the same filing continues that
    rule's paragraph (the answer to one point is one paragraph); otherwise it stands as its own."""
    groups: list[list] = []
    where: dict[str, int] = {}  # rule → its paragraph
    for arg in applicable:
        joined = next((where[j] for j in arg.joins if j in where), None)
        if joined is None:
            joined = len(groups)
            groups.append([])
        where[arg.rule_id] = joined
        groups[joined].append(arg)
    return groups


def mentions(groups) -> dict[str, int]:
    """How often a document's citations name each law (one citation group naming a law is one mention)."""
    counts: dict[str, int] = {}
    for group in groups:
        for name in {p.law for p in group}:
            counts[name] = counts.get(name, 0) + 1
    return counts


def version_label(version: str) -> str:
    """The issuing act of a text, without the data's parenthesised notes on its copy."""
    return version.split("（", 1)[0].strip("；，。 ")
