"""The fixed wording of the filings, from data/phrases.yaml: titles, salutations, openings, requests, line labels.

A lawyer edits the wording there; this module says which phrases there are and which
placeholders the code fills in each (`FIELDS`), and refuses a file that differs —
a phrase missing or unknown, a placeholder the code does not supply, a brace left
open — located by key path and line. Filling a phrase is `str.format_map` on the
values the code supplies: a value is inserted as it is, so a `{` in the user's
text stays a brace and is never read as a placeholder.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

from generator import vocabulary as V
from generator.cnformat import nest
from generator.data_files import data_loader, line_of, package_text, read_checked
from generator.errors import DataFileError, Problem

FILE = "phrases.yaml"
_CHANNELS = tuple(V.codes(V.CHANNELS))
_PROBLEMS = tuple(V.codes(V.PROBLEM_TYPES))
# every document's title but the payment dispute's, which depends on the channel; and the supplementary police report
# and complaint
_TITLED = (
    *(d.code for d in V.DOCUMENTS if d.code != "payment_dispute"),
    "police_report_supplementary",
    "complaint_12315_supplementary",
)
# How a person was paid, as the case's own words say (narrative.pay_mode).
PAY_MODES = ("scan", "transfer", "unsaid")
# The payment apps a case's own words may name when it was paid by `other` means (rules.yaml words paid_via_<app>).
PAYMENT_APPS = ("qq_wallet",)
# The filings that ask the seller's side to produce its record of the cancellation (cancellation.produce.<kind>).
PRODUCE_KINDS = (
    "platform_refund_request",
    "payment_dispute",
    "complaint_12315",
    "mediation_request",
    "court_complaint",
)
# How the renewal was cancelled: asked for, or switched off in the app (analyse.switched_off).
CANCEL_ACTS = ("asked", "switched_off")
_INTROS_TRIED = (
    "payment_dispute",
    "payment_dispute_personal",
    "payment_dispute_shop",
    "payment_dispute_shop_and_platform",
    "complaint_12315",
    "mediation_request",
    "complaint_12315_unanswered",
    "mediation_request_unanswered",
)

# The filings that may leave the user's other request (`claims.extra`) out of their own requests, each with its reason.
EXTRA_LEFT_OUT_KINDS = ("court_complaint", "payment_dispute")

# The order sentence's placeholders in the payment dispute, whose transaction list gives the transaction's number;
# the other filings' order sentence has it too.
_ORDER_LISTED = (
    "me",
    "date",
    "where",
    "product",
    "order",
    "term",
    "how",
    "price",
    "payee",
    "see",
    "advertised",
    "see_ad",
)

# Every phrase, by its key path in phrases.yaml, with the placeholders the code supplies to it.
FIELDS: dict[str, frozenset[str]] = {
    key: frozenset(names)
    for key, names in {
        **{f"titles.{kind}": () for kind in _TITLED},
        **{f"problem_topics.{problem}": () for problem in _PROBLEMS},
        **{f"public_headlines.{problem}": () for problem in _PROBLEMS},
        **{
            f"titles.{kind}.{channel}": ()
            for kind in ("payment_dispute", "payment_dispute_personal")
            for channel in _CHANNELS
        },
        "salutations.platform_refund_request": ("platform",),
        "salutations.payment_dispute": ("recipient",),
        "salutations.complaint_12315": ("office",),
        "salutations.report_12315": ("office",),
        "salutations.mediation_request": ("association",),
        "salutations.association_unnamed": (),
        "salutations.regulator_unnamed": (),
        **{f"recipients.{channel}": () for channel in ("wechat", "alipay", "other")},
        **{f"payment_apps.{app}": () for app in PAYMENT_APPS},
        "app_titles.payment_dispute": ("app",),
        "app_titles.payment_dispute_personal": ("app",),
        "intros.platform_refund_request": ("addressee", "product"),
        "intros.individual_refund_request": ("addressee", "product"),
        "intros.marketplace_refund_request": ("shop", "product"),
        "intros.payment_dispute": ("channel", "platform", "tried"),
        "intros.payment_dispute_personal": ("seller", "product", "channel", "paid", "tried"),
        "intros.complaint_12315": ("bought_at", "product", "tried"),
        "intros.complaint_12315_supplement": ("bought_at", "product", "made", "method"),
        "intros.mediation_request": ("bought_at", "product", "tried"),
        "intros.report_12315": ("bought_at", "product"),
        **{f"tried.{kind}": () for kind in _INTROS_TRIED},
        "contacts.talk": ("date", "me", "method", "party", "record", "recorder"),
        "contacts.talk_verb": ("date", "me", "method", "party", "record", "recorder"),
        "contacts.talk_call": ("date", "me", "desk", "party", "record", "recorder"),
        "contacts.talk_incoming": ("date", "me", "desk", "party", "record", "recorder"),
        "contacts.body_accepted": ("date", "party", "me", "method", "record", "recorder"),
        "contacts.body_mediated": ("date", "party", "method", "me", "record", "recorder"),
        "contacts.body_ended": ("date", "party", "method", "me", "record", "recorder", "see"),
        "contacts.body_complained": ("date", "party", "method", "me", "record", "recorder"),
        "contacts.body_accepted_later": ("date", "party", "method", "me", "accepted", "record", "recorder"),
        "contacts.talk_unnamed": ("date", "me", "method", "record", "recorder"),
        "contacts.talk_unnamed_verb": ("date", "me", "method", "record", "recorder"),
        "contacts.merchant_complaint": ("date", "me", "via", "method", "merchant", "record", "recorder"),
        "contacts.timeline_complaint": ("via", "method", "merchant", "outcome"),
        "contacts.timeline_record": ("me", "record"),
        "contacts.user_talk": ("method", "party"),
        "contacts.user_talk_verb": ("method", "party"),
        "contacts.user_talk_call": ("desk", "party"),
        "contacts.user_talk_incoming": ("desk", "party"),
        "contacts.user_talk_unnamed": ("method",),
        "contacts.user_talk_unnamed_verb": ("method",),
        "contacts.user_complaint": ("via", "method"),
        "contacts.via": ("channel",),
        "places.seller": ("them", "platform"),
        "places.shop": ("platform", "shop"),
        "places.platform": ("platform",),
        "refund.full": (),
        "refund.part": (),
        **{
            f"subjects.{kind}": ()
            for kind in ("marketplace", "complaint_12315", "payment_dispute", "mediation_request", "court_complaint")
        },
        "requests.platform_reply": ("hours", "same_day"),
        "requests.platform_reply_date": ("filed", "due"),
        "requests.marketplace_disclose": (),
        "requests.delete_personal_info": ("subject", "holder", "me", "items"),
        "requests.further": ("me", "text"),
        "requests.holder_named": (),
        "requests.personal_items": ("items", "more"),
        "requests.marketplace_platform_pays": ("amount",),
        "requests.payment_complaint_only": ("recipient",),
        "requests.supplement_submitted": ("made", "method"),
        "requests.supplement_accepted": ("made", "method"),
        "supplement.earlier": ("me", "told"),
        "requests.payment_refund": ("recipient", "ask", "debits"),
        "requests.ascertain_shop": ("platform", "operator"),
        **{f"requests.ascertain_{unknown}": () for unknown in ("name", "address", "name_address")},
        "requests.payment_total": ("amount",),
        "requests.personal_transfer": ("recipient", "payee"),
        "requests.personal_transfer_debits": ("recipient", "payee", "debits"),
        **{
            f"requests.{name}": ()
            for name in (
                "complaint_accept",
                "mediation_accept",
                "court_costs",
                "court_termination",
                "report_investigate",
                "report_inform",
            )
        },
        "payment_ask.bank_card": (),
        "payment_ask.other": (),
        "payment_ask.assist": ("me", "date", "merchant", "how"),
        "payment_ask.review": ("me", "date", "merchant", "how"),
        "payment_ask.how": ("method", "outcome"),
        "parties.person": ("role", "name", "phone"),
        "parties.agent": ("name", "relation", "phone"),
        "parties.agent_relation": ("role", "relation"),
        "parties.address": ("address",),
        "parties.email": ("email",),
        "parties.id_number": ("id_number",),
        "parties.respondent": ("role", "named"),
        "parties.respondent_unnamed": ("role", "platform"),
        "parties.respondent_unnamed_payee": ("role", "platform", "channel", "payee"),
        "parties.credit_code": ("credit_code",),
        "parties.platform_address": ("address",),
        "parties.shop": ("role", "shop", "platform"),
        "parties.shop_address": ("address",),
        "parties.platform_operator": ("operator",),
        "parties.platform_operator_at": ("operator", "address"),
        "parties.shop_in_letter": ("shop",),
        "parties.shop_in_letter_at": ("shop", "address"),
        "parties.refund_respondent_role": (),
        **{f"parties.online.{key}": ("value",) for key in ("url", "app", "icp", "customer_service")},
        **{f"parties.shop_online.{key}": ("value",) for key in ("url", "app", "customer_service")},
        "named.operator": ("operator", "platform"),
        "named.payee": ("payee", "seller"),
        "named.user_note": ("me", "note"),
        "attachments.exhibits": ("labels",),
        "attachments.exhibit_run": ("first", "last"),
        "attachments.annex": ("annex", "what"),
        **{f"attachments.this_filing.{kind}": () for kind in V.ANNEXED},
        "attachments.this_supplement": (),
        "annex.subtitle_order": ("order",),
        "annex.subtitle_product": ("product",),
        "annex.subtitle_transaction": ("number",),
        "annex.meta": ("version", "effective"),
        "annex.verify_note": (),
        "police.loss": ("amount",),
        "police.request": (),
        "police.request_supplement": (),
        "court.signer_role": (),
        "court.plaintiff": ("name", "gender", "born", "ethnicity"),
        "court.promised_how": ("promise", "price", "times", "plain"),
        "court.alternative_promised": ("promise", "amount", "price", "times", "plain"),
        "court.ethnicity_missing": (),
        "court.legal_representative_missing": (),
        "court.domicile": ("address",),
        "court.phone": ("phone",),
        "court.defendant": ("operator", "role"),
        "court.defendant_marketplace": ("platform", "shop"),
        "court.defendant_runs": ("platform",),
        "court.not_drafted": ("missing",),
        **{f"court.missing.{item}": () for item in ("operator", "address", "gender", "birth_date", "venue")},
        "police.other_side": ("name",),
        **{f"police.platform.{label}": ("value",) for label in ("operator", "url", "app", "customer_service")},
        "police.payee": ("payee",),
        "police.transaction": ("transaction",),
        "authorization.principal": ("name",),
        "authorization.agent": ("name",),
        "authorization.phone": ("phone",),
        "authorization.organisation": ("organisation",),
        "authorization.principal_signs": (),
        "authorization.agent_signs": (),
        "summary.police": ("threshold", "source"),
        "closings.complaint_12315": ("office",),
        "court.cause": (),
        "court.evidence_source": (),
        "court.copies": (),
        "authorization.matter": ("platform", "product", "order", "other_side", "acts"),
        "authorization.matter_individual": ("where", "product", "order", "acts"),
        "authorization.acts.complaint": (),
        "authorization.acts.payment_dispute": ("recipient",),
        "authorization.acts.police_report": (),
        "authorization.acts.platform_refund_request": (),
        "authorization.dispute_powers": (),
        "authorization.dispute_term": (),
        "authorization.powers": (),
        "authorization.term": (),
        "authorization.relation": ("relation",),
        "who.representative_related": ("me", "relation", "name"),
        "who.representative": ("me", "name"),
        "who.same_teller": (),
        "who.public_teller": ("relation",),
        "who.relative": (),
        "who.organisation_agent": (),
        "who.relatives.kin_parent": (),
        "who.relatives.kin_grandparent": (),
        "who.relatives.kin_maternal_grandparent": (),
        "who.relatives.kin_wife": (),
        "who.relatives.kin_husband": (),
        "authorization.litigation_matter": ("defendant", "platform", "product", "order", "court"),
        "authorization.litigation_powers": (),
        "authorization.litigation_term": (),
        "authorization.relation_missing": ("name",),
        "court.agent": ("name", "relation"),
        "court.agent_relation": ("relation",),
        "court.agent_lawyer": ("organisation",),
        "court.agent_staff": ("organisation",),
        "court.authorization_attached": (),
        "paste.refund_reason_ask": ("ask",),
        "paste.chat_opening": ("order",),
        "paste.chat_problems": ("problems",),
        "paste.chat_request": ("ask", "hours", "same_day"),
        "paste.own_request": ("request",),
        "paste.bank_card_payee": ("payee",),
        "paste.seller_opening": ("paid", "channel", "price", "transaction", "product"),
        "paste.seller_transaction": ("transaction",),
        "paste.merchant": (),
        "paste.earlier_complaint": ("date", "method", "outcome", "record"),
        "paste.earlier_record": ("who", "record"),
        "paste.me": (),
        "paste.platform_itself": (),
        "paste.police_reported": ("date", "who", "record"),
        "paste.seller_contact": ("date", "who", "method", "merchant", "record", "outcome"),
        "paste.seller_contact_verb": ("date", "who", "method", "merchant", "record", "outcome"),
        "paste.seller_contact_call": ("date", "who", "desk", "merchant", "record", "outcome"),
        "paste.seller_contact_incoming": ("date", "who", "desk", "merchant", "record", "outcome"),
        "paste.seller_contact_unnamed": ("date", "who", "method", "record", "outcome"),
        "paste.seller_contact_unnamed_verb": ("date", "who", "method", "record", "outcome"),
        "paste.assist_ask": (),
        "paste.assist_other": (),
        "paste.supplement_opening": ("made", "method", "respondent", "order"),
        "paste.supplement_ask": (),
        "paste.labels.supplement": (),
        "paste.bank_card": (
            "bank",
            "paid",
            "platform",
            "product",
            "payee",
            "price",
            "transaction",
            "told",
            "promptly",
        ),
        "paste.bank_card_debits": (
            "bank",
            "count",
            "platform",
            "product",
            "payee",
            "debits",
            "told",
            "promptly",
        ),
        "paste.bank_card_debit": ("date", "paid", "transaction"),
        "paste.bank_card_transaction": ("number",),
        "paste.first_person": (),
        "paste.shop_respondent": ("shop", "platform"),
        "paste.order_line": ("order", "paid", "price", "product"),
        "paste.complaint_opening": ("me", "paid", "where", "product", "order", "price", "advertised"),
        "paste.expect": ("ask",),
        "paste.expect_one": ("amount",),
        "paste.cut_to_limit": ("title", "label", "limit"),
        "paste.cut_to_fit": ("title", "label"),
        **{
            f"paste.labels.{box}": ()
            for box in (
                "refund_reason",
                "chat_first",
                "chat_second",
                "seller_first",
                "seller_second",
                "complaint_text",
                "wechat",
                "bank_card",
                "alipay",
                "alipay_expect",
                "respondent",
                "address",
                "order",
                "office",
                "description",
                "requests",
            )
        },
        "paste.labels.wechat_debit": ("n",),
        "paste.labels.personal_app": ("app",),
        "paste.labels.alipay_review": ("number",),
        "paste.advertised": ("me", "advertised", "seller"),
        **{f"paste.advertisers.{who}": () for who in ("platform", "seller")},
        "paste.advertised_told": ("seller", "advertised"),
        "paste.advertised_reported": ("advertised",),
        "paste.arrived": ("accounts",),
        "paste.happened": ("accounts",),
        "paste.delivered": ("delivered",),
        "short_statement.review": ("recipient", "amount"),
        "paste.labels.wechat_debit_numbered": ("n", "number"),
        "paste.labels.alipay_debit": ("n",),
        "paste.labels.alipay_debit_numbered": ("n", "number"),
        "paste.labels.alipay_expect_debit": ("n",),
        **{f"paste.labels.blackcat.{box}": () for box in ("title", "target", "issues", "demands", "amount", "body")},
        "guidance.unconfirmed": ("text",),
        "guidance.wechat_assist": ("debit", "file"),
        "guidance.wechat_assist_others": ("each",),
        "guidance.alipay_review": ("debit",),
        "guidance.wechat_assist_other": ("debit", "file"),
        "guidance.complaint_acceptance": ("due",),
        **{f"deadlines.labels.{kind}": () for kind in V.DEADLINE_KINDS},
        **{f"deadlines.units.{unit}": ("number",) for unit in V.TIME_UNITS},
        "deadlines.by_midnight": ("date",),
        "deadlines.latest": ("date",),
        "deadlines.before": ("date",),
        "deadlines.from_acceptance": ("length",),
        "deadlines.year": ("year",),
        "deadlines.notes.platform_reply": (),
        "deadlines.notes.weekend_extension": ("date", "later"),
        "deadlines.notes.platform_reply_route_closed": (),
        "deadlines.notes.regulator_acceptance": ("rule",),
        "deadlines.notes.since_failed": ("date",),
        "deadlines.notes.since_paid": (),
        "deadlines.notes.since_debit": ("date",),
        "deadlines.notes.card_dispute_window": (),
        "deadlines.notes.estimated": ("years",),
        "deadlines.passed.regulator_limitation": ("basis",),
        "deadlines.passed.wechat_refund_window": ("basis",),
        "deadlines.passed.card_dispute_window": ("basis",),
        "deadlines.passed.regulator_acceptance": ("basis",),
        "deadlines.closed": ("label", "when", "filed", "advice"),
        "deadlines.window_closed_for": ("label", "dates"),
        "deadlines.closes_today": ("label", "when"),
        "deadlines.closes_soon": ("label", "when", "days"),
        "deadlines.no_regulator_rules": ("date",),
        "deadlines.calendar": ("case_id",),
        "deadlines.event_basis": ("basis",),
        "money.yuan": ("amount",),
        "money.rmb": ("amount", "capitals"),
        "money.refund.explicit": ("price", "refund"),
        "money.refund.prorated": ("price", "term", "left", "refund"),
        "money.refund.full": ("price",),
        "money.punitive": ("price", "multiple", "times"),
        "money.punitive_floor": ("price", "multiple", "times", "floor"),
        "money.promised": ("promise", "price", "times", "amount"),
        "money.punitive_basis": ("multiple", "floor"),
        **{
            f"money.{part}.{claimed}": ("promised", "punitive", "basis", "promise")
            for part in ("choice",)
            for claimed in ("promise", "punitive")
        },
        "summary.paste_note": (),
        "exhibit_proves.cancelled": ("date",),
        "exhibit_proves.cancellation_request": ("date",),
        "exhibit_proves.default_checked": (),
        "exhibit_proves.delivered": ("shown",),
        "exhibit_proves.own": ("description",),
        "exhibit_proves.reviews": ("shown",),
        "exhibit_proves.site_gone": ("shown",),
        "exhibit_proves.renewal": ("shown",),
        "summary.cited": ("provision", "effective"),
        "summary.cited_annexed": ("annex",),
        "summary.exhibit_unlisted": ("label", "description"),
        "summary.cited_here": ("annex", "part"),
        "timeline.paid": ("product", "order"),
        "timeline.cancel_requested": (),
        "timeline.cancel_switched_off": (),
        "timeline.debit": ("amount",),
        "timeline.contact": ("method", "party", "outcome"),
        "timeline.contact_verb": ("method", "party", "outcome"),
        "timeline.contact_call": ("desk", "party", "outcome"),
        "timeline.contact_incoming": ("desk", "party", "outcome"),
        "timeline.contact_unnamed": ("method", "outcome"),
        "timeline.contact_unnamed_verb": ("method", "outcome"),
        "timeline.generated": (),
        "amounts.refund": ("amount", "how"),
        "amounts.no_refund": ("how",),
        "amounts.renewals": ("amount", "count"),
        "amounts.punitive": ("amount", "how"),
        "amounts.promised": ("amount", "how"),
        "amounts.choice": ("why",),
        "amounts.loss": ("amount", "reason"),
        "amounts.refunded": ("amount",),
        "amounts.total": ("amount",),
        "summary.full_refund_option": ("delivered", "product", "price", "refund", "more", "less"),
        "summary.full_refund_less": ("refunded", "full_left", "left"),
        "summary.promise_option": ("promise", "price", "times", "amount"),
        "summary.punitive_option": ("amount", "how", "compare", "total", "refund", "refunded", "knew"),
        "summary.punitive_mismatch_option": (
            "advertised",
            "delivered",
            "amount",
            "how",
            "compare",
            "total",
            "refund",
            "refunded",
            "knew",
        ),
        "summary.punitive_full_refund": ("refund",),
        "summary.punitive_less_refunded": ("refunded",),
        "summary.punitive_admitted": ("date", "words", "see"),
        "summary.punitive_mistake": ("date", "words", "see"),
        "summary.punitive_over_promise": ("promise", "promised"),
        "summary.punitive_under_promise": ("promise", "promised"),
        "summary.promise_reading": ("promise", "times", "amount", "less"),
        "summary.path_unconfirmed": (),
        "summary.revoke_authorisation": ("path", "caveat"),
        "summary.stop_card_debit": ("bank", "payee", "before", "guidance"),
        "summary.stop_card_debit_before": ("date",),
        "summary.stop_card_debit_now": ("date",),
        "summary.debiting_merchant": (),
        "summary.issuing_bank": (),
        "summary.next_debit": ("date",),
        "summary.facts_checked": ("date",),
        "summary.stale_facts": ("count", "facts"),
        "summary.stale_facts_all": ("count", "facts"),
        "summary.office": ("office",),
        "summary.court": ("court", "venue"),
        "summary.court_both": ("buyer", "defendant"),
        "summary.court_one": ("court", "ground"),
        "summary.court_unknown": (),
        "summary.venue_with_agreement": ("venue", "agreement"),
        "identifiers.complainant": ("name", "phone", "address"),
        "identifiers.representative": ("name", "phone", "more"),
        "identifiers.representative_relation": ("relation",),
        "identifiers.representative_organisation": ("organisation",),
        "identifiers.representative_address": ("address",),
        "identifiers.email": ("email",),
        "identifiers.id_number": ("id_number",),
        "identifiers.operator": ("operator",),
        "identifiers.no_operator": (),
        "identifiers.shown_address": ("address",),
        "identifiers.selling_shop": ("shop", "shown"),
        **{f"identifiers.respondent.{role}": ("who",) for role in ("individual", "shop_platform", "platform")},
        **{
            f"identifiers.platform.{label}": ("value",)
            for label in ("credit_code", "address", "url", "icp", "app", "seller_contact", "customer_service")
        },
        "identifiers.order": ("order", "product", "paid", "price", "term"),
        "identifiers.official_price": ("official", "price"),
        "identifiers.card": ("network",),
        "identifiers.bank": ("bank", "card"),
        "identifiers.network": ("card",),
        "identifiers.payment": ("channel", "transaction"),
        "identifiers.merchant_order": ("number",),
        "identifiers.payee": ("payee",),
        "identifiers.personal_code": (),
        "identifiers.debit": ("date", "amount"),
        "identifiers.debit_numbered": ("date", "amount", "number"),
        "guidance.supplement_acceptance": ("made", "method", "due"),
        "guidance.supplement_mediation": ("accepted", "due"),
        "guidance.missing_respondent.both": (),
        "guidance.missing_respondent.address": ("operator",),
        "guidance.missing_respondent.operator": (),
        "deadlines.notes.regulator_acceptance_submitted": ("rule", "date"),
        "deadlines.notes.regulator_mediation_accepted": ("rule", "date"),
        "summary.prepayment_interest": (),
        "summary.marketplace_defendant": ("shop", "operator"),
        "summary.marketplace_not_yet": ("shop",),
        "summary.seller_in_group": ("venue", "group"),
        "summary.seller_handle": ("handle",),
        "summary.seller_user_note": ("note",),
        "summary.seller_real_name": ("name",),
        "summary.seller_real_name_unknown": (),
        "summary.seller_real_name_partly_hidden": ("name",),
        "summary.transaction_looks_like_card": ("at", "path", "number"),
        "summary.at_line": ("line",),
        **{f"pay_mode.sentence.{mode}": () for mode in PAY_MODES},
        **{f"pay_mode.intro.{mode}": ("payee",) for mode in PAY_MODES},
        **{f"pay_mode.statement.{mode}": ("payee", "price") for mode in PAY_MODES},
        **{f"pay_mode.payee.{mode}": ("payee",) for mode in PAY_MODES},
        "pay_mode.unnamed": (),
        "public_evidence.held": ("kinds",),
        **{f"public_evidence.categories.{code}": () for code in V.codes(V.EVIDENCE_CATEGORIES)},
        **{f"public_evidence.forms.{form}": () for form in ("image", "video", "pdf")},
        "public_evidence.audio": (),
        **{f"public_evidence.shows.{shown}": () for shown in ("cancelled", "renewal")},
        "proves.topics": ("topics",),
        "proves.contact": ("date",),
        "proves.contact_accepted": ("date",),
        "proves.contact_accepted_later": ("date",),
        "proves.contact_ended": ("date",),
        "proves.contact_admitted": ("date",),
        "proves.contact_admitted_as_said": ("date", "party", "admitted"),
        "proves.loss": (),
        "proves.loss_bill": (),
        "proves.registry": (),
        "proves.chat": ("topics",),
        **{f"proves.chat_topics.{kind}": () for kind in V.codes(V.PROBLEM_TYPES)},
        **{f"proves.about.{topic}": () for topic in ("payment", "promises")},
        **{f"proves.order.{category}": () for category in ("transaction", "advertisement", "other")},
        "transaction.channel": ("channel", "bank", "payee"),
        "transaction.payee": ("payee",),
        "transaction.order": ("order", "merchant"),
        "transaction.merchant": ("number",),
        "transaction.debit": ("n", "name", "number", "date", "paid", "asked"),
        "transaction.number": ("number",),
        "transaction.disputed": ("amount",),
        "transaction.undisputed": (),
        "transaction.ask": ("n", "asked"),
        "transaction.label": ("n",),
        "transaction.ask_each": ("transactions", "asked"),
        "transaction.transfer_ask": ("n", "asked"),
        **{f"debit_names.{kind}": () for kind in ("order", "renewal")},
        "short_statement.order": ("order", "number", "date", "paid"),
        "short_statement.renewal": ("order", "number", "date", "paid", "ground"),
        "short_statement.after_cancel": ("date", "act"),
        **{f"short_statement.acts.{act}": () for act in CANCEL_ACTS},
        "short_statement.default_checked": (),
        "short_statement.terms_hidden": (),
        "short_statement.later_debits": ("date", "dates", "act"),
        "short_statement.product": ("product",),
        "short_statement.ask_amount": ("amount", "renewal"),
        "short_statement.ask": ("what",),
        "short_statement.stop_renewal": (),
        "short_statement.refund": (),
        "asks.refund": ("amount",),
        "asks.refund_rest": ("refunded", "amount"),
        "asks.renewals": ("count", "amount"),
        "asks.renewals_only": ("debits",),
        "asks.refund_with": ("amount", "debits"),
        "asks.punitive": ("amount",),
        "asks.promised": ("promise", "amount"),
        "asks.promised_shop": ("promise", "amount"),
        "asks.losses": ("amount",),
        "asks.more": ("ask",),
        "asks.and": ("ask",),
        "asks.stop_renewal": (),
        "asks.none": (),
        "public.no_demand": (),
        "public.issues": ("issues",),
        "public.law": ("citations",),
        "public.cut": ("limit",),
        "public.undelivered_headline": (),
        **{f"public.after_cancel_headline.{act}": () for act in CANCEL_ACTS},
        "public.accusation_left_out": ("words",),
        "public.blur": ("pictures",),
        "public.shop_target": ("shop", "platform", "operator"),
        "public.shop_operator": ("operator",),
        "public.individual": (),
        "public.shop_on_platform": ("platform", "shop"),
        "public.shop": ("shop",),
        "public.title_ask": ("name", "headline"),
        "public.me": (),
        "public.opening": ("me", "paid", "where", "product", "price", "advertised"),
        "public.contact": ("date", "method", "party", "summary"),
        "public.contact_verb": ("date", "method", "party", "summary"),
        "public.contact_call": ("date", "desk", "party", "summary"),
        "public.contact_incoming": ("date", "desk", "party", "summary"),
        "public.tried": ("contacts", "teller"),
        "public.body_complained": ("date", "method", "party", "summary"),
        "public.body_accepted": ("date", "method", "party", "summary"),
        "public.body_accepted_later": ("date", "method", "party", "accepted", "summary"),
        "public.body_mediated": ("date", "method", "party", "summary"),
        "public.body_ended": ("date", "method", "party", "summary"),
        "public.delete_personal_info": ("items",),
        **{f"public.name_removed.{kind}": () for kind in ("self", "real_name", "name")},
        "orders.number": ("sep", "number"),
        "orders.none": (),
        "orders.transaction": ("sep", "number"),
        # words by which the code recognises something in the case (not wording of a filing)
        **{
            f"markers.{marker}": ()
            for marker in (
                "no_order_id",
                "other_side",
                "miniprogram",
                "default_checked",
                "platform_itself",
                "shop_side",
                "seller_side",
                "shop_request",
                "delivery_words",
                "accusation",
                "verb_method",
                "call_desk",
                "incoming_call",
                "acceptance_day",
                "redelivery",
                "complaint_way_suffix",
                "mediation",
                "mediation_ended",
                "complaint",
                "promise_words",
                "clause_joiner",
                "deletion_continued",
                "refund_restated",
                "money_restated",
                "own_plan",
                "organisation_writer",
                "sent_kind",
                "disclosure_restated",
                "renewal_restated",
                "writer_aside",
                "mistake_only",
                "practice_admitted",
                "consultation",
                "accepted_words",
                "law_firm",
                "kin_male",
                "kin_female",
                "kin_parent",
                "kin_grandparent",
                "kin_maternal_grandparent",
                "kin_wife",
                "kin_husband",
                "kin_wife_bought",
                "kin_husband_bought",
                "relation_husband",
                "relation_wife",
                "nothing_came",
                "promise_days",
                "forms_of_address",
                "not_a_name",
                "self_introduction",
                "self_named",
                "real_name",
                "personal_items",
                "list_more",
                "reported_speech",
                "card_iin",
                "title_only",
            )
        },
        # the warnings to the user (analyse.py), not wording of a filing
        "warnings.refunded_exceeds": ("amount",),
        "warnings.promise_undeclared": ("promise",),
        "warnings.kin_sex": ("called", "sex"),
        "warnings.consultation_accepted": ("date", "method"),
        "warnings.extra_restated": ("extra",),
        "warnings.own_plans": ("plans",),
        "warnings.order_refund_unexplained": ("price",),
        "warnings.promise_not_counted": ("n", "promise", "covers"),
        "warnings.used_months": ("used", "elapsed"),
        **{f"warnings.{name}": () for name in ("nothing_claimed", "resolved", "prorated_without_used")},
        "warnings.not_recording": ("label", "name"),
        "warnings.low_price": ("price", "compared", "share", "risk", "caveat"),
        "warnings.official_price": ("official",),
        "warnings.reference_caveat": (),
        **{f"warnings.low_price_risk.{seller}": () for seller in ("individual", "other")},
        "warnings.respondent_missing": ("missing", "rule", "source"),
        **{f"warnings.respondent.{item}": () for item in ("operator", "address")},
        "warnings.and": (),
        "who.seller": (),
        "who.shop": ("shop",),
        "who.marketplace_shop": ("shop",),
        "who.platform": ("platform",),
        **{
            f"who.{name}": ()
            for name in (
                "shop_again",
                "platform_again",
                "individual_addressee",
                "payee",
                "merchant",
                "refusal_unquoted",
            )
        },
        "cancellation.confirmed": ("date", "me", "record", "see"),
        "cancellation.confirmed_same_day": ("date", "me", "record", "see"),
        "cancellation.confirmed_later": ("seller", "confirmed"),
        "cancellation.refund_reviewed": ("words",),
        "cancellation.reported": ("me", "who", "date"),
        "cancellation.reported_same_day": ("me", "who"),
        "cancellation.reported_to_seller": ("me", "date"),
        "cancellation.reported_same_day_to_seller": ("me",),
        "cancellation.beyond_notice": ("dates", "each", "gap", "seller", "notice"),
        "cancellation.each": (),
        "cancellation.gap_months": ("months",),
        "cancellation.gap_days": ("days",),
        "cancellation.gap_days_each": ("days",),
        "cancellation.notice_hours": ("n",),
        "cancellation.notice_days": ("n",),
        "cancellation.answerer.site": (),
        **{f"cancellation.record_{what}": ("date",) for what in ("call", "chat", "request")},
        **{f"cancellation.acts.{act}": () for act in CANCEL_ACTS},
        **{f"cancellation.produce.{kind}": ("seller",) for kind in PRODUCE_KINDS},
        "warnings.own_notes_left_out": ("notes",),
        "statements.shop_unknown.name_address": (),
        "statements.shop_unknown.name": (),
        "statements.omitted": (),
        "reasons.platform_payee": ("see",),
        "authorization.not_drafted": ("name",),
        "summary.punitive_needs_business": ("amount",),
        "summary.punitive_needs_offer": ("amount", "advertised", "offer"),
        **{f"summary.punitive_offer.{seller}": () for seller in ("individual", "other")},
        **{
            f"statements.advertised.{where}": ("me", "seller", "quote")
            for where in ("page", "page_told", "seller", "page_own", "seller_own")
        },
        "statements.see": ("exhibits",),
        "statements.page_shows_own": ("words",),
        "statements.advertised.gist_own": ("seller", "gist"),
        "statements.page_shows": ("words", "see"),
        "statements.page_told_more": ("me", "quote"),
        "statements.reported": ("me", "quote"),
        "statements.said": ("topic", "me", "statement"),
        "statements.delivered": ("delivered",),
        "statements.failed": ("me", "date"),
        "statements.quick_failure": ("me", "paid", "time", "minutes", "see"),
        "statements.admitted": ("me", "date", "seller", "words", "see", "recorded"),
        "statements.admitted_sent": ("me", "date", "seller", "words", "see", "sent", "recorded"),
        "statements.recorded_self": (),
        "statements.recorded_by": ("teller",),
        "statements.offer": ("seller", "me", "words", "see", "answer"),
        "statements.offer_make_good": ("seller", "me", "words", "see", "answer"),
        "statements.renewal_offer": ("seller", "me", "words", "see"),
        "statements.offer_performed": (),
        "statements.settled": ("seller", "words", "see"),
        "statements.usage": ("delivered", "words"),
        "statements.difference": ("delivered", "seller", "words"),
        "statements.pay_more": ("delivered", "seller", "words"),
        "declined.refused": (),
        "declined.part_refunded": ("refunded",),
        "statements.extra": ("me", "text"),
        "statements.undelivered": ("me", "date"),
        "statements.default_checked": (),
        "statements.cancel_asked": ("me", "date", "act", "shown", "see"),
        "statements.cancel_page": ("words",),
        "statements.debits_listed": ("debits",),
        "statements.debit": ("date", "amount", "number"),
        "statements.debit_number": ("number",),
        "statements.renewals": ("listed", "see"),
        "statements.renewals_listed": ("count", "see"),
        "statements.order": (*_ORDER_LISTED, "transaction"),
        "statements.order_listed": _ORDER_LISTED,
        "statements.operator_shown": ("platform", "operator", "see"),
        "statements.at_addressee": ("them",),
        "statements.at_platform": ("platform",),
        "statements.at_shop": ("shop",),
        "statements.via": ("channel",),
        "statements.bank_card": ("bank",),
        "statements.payee_person": ("payee",),
        "statements.payee": ("payee",),
        "platform_after.unresolved": (),
        "unkept.answered": ("date", "words"),
        "unkept.promised": ("date",),
        **{
            f"unkept.{name}": () for name in ("silent_after", "refused_after", "partial_after", "refused", "unanswered")
        },
        "advertising.shown": ("quote", "see"),
        "advertising.told": ("me", "quote", "see"),
        "arrived.delivered": ("delivered", "see"),
        "arrived.none": ("see",),
        "contacts.series": ("me", "method", "party", "entries"),
        "contacts.series_entry": ("date", "by", "record"),
        "contacts.opening": ("contacts",),
        "contacts.submitted_answered_later": (),
        "contacts.report": ("date", "method", "me", "record"),
        "contacts.reported": ("me", "reports"),
        "money_requests.refund": ("verb", "amount", "how"),
        "money_requests.refund_full": ("verb", "amount"),
        "money_requests.renewals": ("subject", "amount", "count", "debits"),
        "money_requests.renewals_each": ("dates", "amount"),
        "money_requests.renewal_one": ("subject", "date", "amount"),
        "money_requests.punitive": ("subject", "amount", "how"),
        "money_requests.promised": ("subject", "amount", "how"),
        "money_requests.alternative_promised": ("subject", "promise", "amount", "price", "times"),
        "money_requests.loss": ("subject", "amount", "reason", "see"),
        "money_requests.refund_rest": ("subject", "amount", "how", "refunded", "rest", "see"),
        "money_requests.renewals_rest": ("subject", "amount", "count", "refunded", "see"),
        "money_requests.total": ("amount",),
        "money_requests.stop_renewal": ("subject", "me"),
        "money_requests.stop_card_debits": ("me",),
        "paste.transfer": ("paid", "how", "number", "product", "order", "detail", "recover"),
        "paste.recover": (),
        "paste.recover_debits": ("debits",),
        "paste.recover_debit": ("date", "name", "asked", "number"),
        "paste.recover_number": ("number",),
        "paste.recover_total": ("amount",),
        "paste.transfer_payee": ("payee",),
        # why a filing plan.yaml's `extra_left_out` names does not list the user's other request
        **{f"summary.extra_left_out.{kind}": ("extra", "filing") for kind in EXTRA_LEFT_OUT_KINDS},
    }.items()
}


def _schema(keys) -> dict:
    """The Cerberus schema of the file: exactly the phrases of FIELDS, each a non-empty text, nested by key path."""
    tree: dict = {}
    for key in keys:
        *groups, leaf = key.split(".")
        node = tree
        for group in groups:
            node = node.setdefault(group, {})
        node[leaf] = None
    return _rules(tree)


def _rules(tree: dict) -> dict:
    return {
        name: {"type": "string", "required": True, "empty": False}
        if sub is None
        else {"type": "dict", "required": True, "schema": _rules(sub)}
        for name, sub in tree.items()
    }


SCHEMA = _schema(FIELDS)


@data_loader
def phrases() -> dict[str, str]:
    """Every phrase by its key path, checked: the keys of FIELDS, each using only the placeholders it is given."""
    text = package_text(FILE)
    flat = dict(_flatten(read_checked(text, SCHEMA, FILE)))
    problems = [
        Problem(tuple(key.split(".")), message, line_of(text, tuple(key.split("."))))
        for key, phrase in flat.items()
        for message in _placeholder_problems(phrase, FIELDS[key])
    ]
    if problems:
        raise DataFileError(FILE, problems)
    return flat


def _flatten(data: dict, prefix: str = ""):
    for key, value in data.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def _placeholder_problems(phrase: str, supplied: frozenset[str]) -> list[str]:
    """What is wrong with a phrase's placeholders: one the code does not fill, one written as more than a name,
    a brace without its pair (a literal brace is written doubled, `{{`)."""
    try:
        parts = list(string.Formatter().parse(phrase))
    except ValueError:
        return ["花括号不成对：占位符写作 {名称}；要在文字中写花括号本身，请写成 {{ 或 }}"]
    out = []
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            out.append(
                f"占位符 {{{name}{'!' + conversion if conversion else ''}{':' + spec if spec else ''}}} "
                "的写法不对：只能写作 {名称}"
            )
        elif name not in supplied:
            allowed = "、".join(f"{{{n}}}" for n in sorted(supplied)) or "无"
            out.append(f"程序不为这条措辞提供占位符 {{{name}}}（可用的占位符：{allowed}）")
    return out


def say(key: str, **values: object) -> str:
    """The phrase at `key` with its placeholders filled by `values` (which must be the ones FIELDS lists)."""
    if frozenset(values) != FIELDS[key]:
        raise TypeError(f"{key} takes {sorted(FIELDS[key])}, given {sorted(values)}")  # a slip in the code
    phrase = phrases()[key]
    quoted, bracketed = _quoted_names(phrase), _bracketed_names(phrase)
    # format_map inserts each value as it is: a brace in the user's text is never read as a placeholder; a value the
    # phrase quotes (“{product}”) has its own quotes nested, as a quotation within a quotation; a value the phrase
    # puts in brackets (（{method}）) has its own brackets opened out, never （电话（…））
    return phrase.format_map(
        {
            name: nest(str(v)) if name in quoted else unbracket(str(v)) if name in bracketed else str(v)
            for name, v in values.items()
        }
    )


def unbracket(text: str) -> str:
    """`电话（工作人员打来）` → `电话，工作人员打来`: a bracketed aside, for a place already in brackets; a bracketed
    number (第十六条第（五）项, 解释（2011）) is part of a citation and stays."""
    if "（" not in text:
        return text
    opened = re.sub(r"（(?![0-9一二三四五六七八九十百〇]+）)([^（）]*)）", r"，\1", text)
    return opened[1:] if opened.startswith("，") and not text.startswith("，") else opened


@lru_cache(maxsize=4096)
def _bracketed_names(phrase: str) -> frozenset[str]:
    """The placeholders a phrase writes alone between brackets (（{method}）)."""
    return frozenset(re.findall(r"（\{(\w+)\}）", phrase))


@lru_cache(maxsize=4096)
def _quoted_names(phrase: str) -> frozenset[str]:
    """The placeholders a phrase writes between Chinese quotes (“{product}”)."""
    return frozenset(re.findall(r"“\{(\w+)\}”", phrase))


def title(kind: str, channel: str | None = None) -> str:
    """A filing's title; the payment dispute's by its payment channel."""
    return say(f"titles.{kind}.{channel}" if channel else f"titles.{kind}")
