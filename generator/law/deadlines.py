"""The dates a consumer must know: when each side must answer and when each window closes.

Every length of time comes from `data/channels.yaml` (the rule in force on the
filing date), and holidays from `calendar_cn`. A payment channel whose window
has no reliable source gets a warning to file soon, never an invented date.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from generator import clock
from generator import vocabulary as V
from generator.case.model import Case, Contact, Payment, day_of
from generator.cnformat import cn_date, cn_dates
from generator.errors import DataError
from generator.law.calendar_cn import (
    add_working_days,
    after_public_holiday,
    calendar_end,
    calendar_gaps,
    gap_warning,
    next_working_day,
)
from generator.law.channels import fact, fact_in_force, personal_code_window, route, rule
from generator.law.money import Amounts, compute_amounts
from generator.phrases import say

KINDS = V.DEADLINE_KINDS
# The filing a limit runs from: when the case calls for no such filing, the limit is not printed.
FILING_OF = {
    "platform_reply": "platform_refund_request",
    "regulator_acceptance": "complaint_12315",
    "regulator_mediation": "complaint_12315",
}
# Windows the user can still miss, and a complaint's decision overdue: what to say once one has passed is
# phrases.yaml's deadlines.passed.<kind>.
PASSED = ("regulator_limitation", "wechat_refund_window", "card_dispute_window", "regulator_acceptance")
# Windows the user must act within: a warning when one closes soon (the office's decision is not the user's to make).
CLOSING = ("regulator_limitation", "wechat_refund_window", "card_dispute_window")
# The tool's own advice thresholds, not law: a window closing within a week of
# filing is urgent; a price under two thirds of the official one is suspicious
# (channels.md, reference prices).
CLOSING_SOON_DAYS = 7
SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class Deadline:
    """One time limit, ready to print: what it is, when it ends, on what basis."""

    kind: str
    label: str
    due: date | datetime | None
    due_text: str
    basis: str
    note: str
    since: date | None = None  # the day whose rules it follows, when not the filing date (a complaint made earlier)

    def __post_init__(self):
        """Refuse a kind the rest of the program does not know."""
        if self.kind not in KINDS:
            raise ValueError(f"unknown deadline kind {self.kind!r}")

    @property
    def last_day(self) -> date | None:
        """The last calendar day on which the step can still be taken."""
        return day_of(self.due) if self.due is not None else None

    @property
    def dated(self) -> date:
        """The last day of a deadline that has one (every kind but the mediation's length)."""
        if self.last_day is None:
            raise ValueError(f"deadline {self.kind!r} has no date")
        return self.last_day


LIMITATION_NEAR_DAYS = 90
# The results by which a complaint already made to the regulator is still running (plan.yaml: regulator_pending).
PENDING_RESULTS = ("submitted", "accepted")  # closer than this, an estimated last day is worth a warning


def compute_deadlines(case: Case, amounts: Amounts | None = None) -> tuple[list[Deadline], list[str]]:
    """The deadlines of a validated case, and the warnings (in Chinese) that go with them; `amounts` when the caller
    has them already (which transactions are disputed), else computed."""
    filing = case.filing_date
    disputed = amounts if amounts is not None else compute_amounts(case)
    known = harmed_on(disputed, case)
    later = known != day_of(case.order.paid_at)  # only later debits are disputed
    regulator, gaps = _regulator_deadlines(filing, known, case.order.failed_at, pending_complaint(case), later)
    window, closed = _open_payment_window(case, disputed)
    deadlines = [_platform_reply(filing), *regulator, *([window] if window else [])]
    warnings = [] if regulator else [say("deadlines.no_regulator_rules", date=cn_date(filing))]
    warnings += [w for d in deadlines if (w := _closing_warning(d, filing))]
    warnings += _unconfirmed_window_warning(case.payment)
    if closed and window is not None:
        warnings.append(say("deadlines.window_closed_for", label=window.label, dates=cn_dates(closed)))
    warnings += [gap_warning(year) for year in sorted(set(gaps))]
    return deadlines, warnings


def harmed_on(amounts: Amounts, case: Case) -> date:
    """The earliest day the consumer could have known of the harm: the payment, or, where only later debits are
    disputed (a renewal a year on), the first of them — nothing was wrong before it was taken."""
    dates = [day_of(d.date) for d in amounts.disputed]
    return min(dates) if dates else day_of(case.order.paid_at)


def _open_payment_window(case: Case, amounts: Amounts) -> tuple[Deadline | None, list]:
    """The payment channel's window of the earliest disputed transaction still within it on the filing date (each
    transaction has its own), and the dates of the earlier ones whose window has closed; with none open, the
    earliest's window (closed) and no dates."""
    dates = sorted((d.date for d in amounts.disputed), key=day_of) or [case.order.paid_at]
    windows = [(day, _payment_window(case.payment, day)) for day in dates]
    still_open = [n for n, (_, w) in enumerate(windows) if w is not None and w.dated >= case.filing_date]
    if not still_open:
        return windows[0][1], []
    first = still_open[0]
    return windows[first][1], [day for day, _ in windows[:first]]


def _platform_reply(filing: date) -> Deadline:
    """The written answer the refund request asks of the platform."""
    hours = rule("platform.reply_hours")
    # The request goes out at some hour of the filing day; counted even from
    # its last minute, 48 hours are over by midnight of the second day after.
    due = filing + timedelta(days=math.ceil(hours.number / 24))
    return Deadline(
        "platform_reply",
        label("platform_reply"),
        due,
        say("deadlines.by_midnight", date=cn_date(due)),
        hours.source,
        say("deadlines.notes.platform_reply"),
    )


def accepted_day(contact: Contact) -> date:
    """The day a complaint recorded as accepted was accepted: the later day its record names (“10月27日短信通知已受理”,
    markers.acceptance_day; a day without its year in the year after the contact's when it would fall before it),
    else the contact's own day."""
    found = re.search(say("markers.acceptance_day"), contact.summary) if contact.result == "accepted" else None
    if found is None:
        return contact.date
    year = int(found["year"]) if found["year"] else contact.date.year
    try:
        day = date(year, int(found["month"]), int(found["day"]))
        if day < contact.date and not found["year"]:
            day = date(year + 1, day.month, day.day)
    except ValueError:
        return contact.date
    return day if day >= contact.date else contact.date


def pending_complaint(case: Case) -> Contact | None:
    """The complaint already made to the regulator and not yet decided or mediated: its last contact, when that
    says it was submitted or accepted (the plan's `regulator_pending`); its periods run from that contact's day."""
    made = sorted((c for c in case.contacts if c.party == "regulator"), key=lambda c: c.date)
    return made[-1] if made and made[-1].result in PENDING_RESULTS else None


def _regulator_deadlines(
    filing: date, known: date, failed: date | None = None, pending: Contact | None = None, later: bool = False
) -> tuple[list[Deadline], list[int]]:
    """Acceptance, mediation and limitation under the rules in force on the filing date (a complaint already
    made: on the day it was made), with the years whose holidays are unknown; none before the first rules on file.

    A complaint submitted has its acceptance decision counted from that day; one accepted has no decision left
    to wait for, and its mediation period dated from the acceptance."""
    start = day_of(accepted_day(pending)) if pending else filing
    if fact_in_force("regulator.acceptance", start) is None:
        return [], []
    limitation = _regulator_limitation(filing, known, failed, later)
    if pending is not None and pending.result == "accepted":
        mediation = _regulator_mediation_from(start)
        running = [mediation]
        gaps = calendar_gaps([start, mediation.dated])
    else:
        acceptance = _regulator_acceptance(start, submitted=pending is not None)
        running = [acceptance, _regulator_mediation(start)]
        gaps = calendar_gaps([start, acceptance.dated])
    # A limitation years away cannot be missed for want of a holiday list: the summary says so
    # beside the date; only one that is near is worth a warning.
    far_gaps = calendar_gaps([limitation.dated])
    if far_gaps and (limitation.dated - filing).days > LIMITATION_NEAR_DAYS:
        limitation = replace(limitation, note=limitation.note + _estimated_note(far_gaps))
    else:
        gaps += far_gaps
    return [*running, limitation], gaps


def _estimated_note(years: list[int]) -> str:
    """Said once, beside the limitation date, when years on the way have no holiday list yet."""
    named = "、".join(say("deadlines.year", year=y) for y in sorted(set(years)))
    return "。" + say("deadlines.notes.estimated", years=named)


def _regulator_acceptance(start: date, submitted: bool = False) -> Deadline:
    """The office's decision on accepting the complaint, counted in working days from the day it was submitted
    (`submitted`: the case records that day), else from the filing date."""
    days = rule("regulator.acceptance", start)
    due = add_working_days(start, days.number)
    return Deadline(
        "regulator_acceptance",
        label("regulator_acceptance"),
        due,
        say("deadlines.latest", date=cn_date(due)),
        days.source,
        say(
            "deadlines.notes.regulator_acceptance_submitted" if submitted else "deadlines.notes.regulator_acceptance",
            **({"rule": days.text, "date": cn_date(start)} if submitted else {"rule": days.text}),
        ),
        start if submitted else None,
    )


def _regulator_mediation(filing: date) -> Deadline:
    """How long mediation may last: a rule, since acceptance has no date yet."""
    length = rule("regulator.mediation", filing)
    return Deadline(
        "regulator_mediation",
        label("regulator_mediation"),
        None,
        say("deadlines.from_acceptance", length=say(f"deadlines.units.{length.unit}", number=length.number)),
        length.source,
        length.text,
    )


def _regulator_mediation_from(accepted: date) -> Deadline:
    """The mediation period of a complaint the case records as accepted, dated from that day."""
    length = rule("regulator.mediation", accepted)
    due = add_length(accepted, length)
    return Deadline(
        "regulator_mediation",
        label("regulator_mediation"),
        due,
        say("deadlines.latest", date=cn_date(due)),
        length.source,
        say("deadlines.notes.regulator_mediation_accepted", rule=length.text, date=cn_date(accepted))
        + weekend_extension(due),
        accepted,
    )


def add_length(start: date, length, extended: bool = False) -> date:
    """The last day of a length of time (a channel fact with a value and a unit) counted from `start`.

    A period in days or years ends on its calendar day, or after the public holiday that day falls in (办法第四十五条);
    whether a plain weekend also extends it is not settled (channels.md), so only `extended`, for the day from which
    the other side's time is surely over, moves on to the next working day."""
    if length.value is None:
        raise DataError(f"channel fact {length.key!r} has no length")
    value = int(length.value)
    if length.unit == "working_days":
        return add_working_days(start, value)
    if length.unit == "hours":
        return start + timedelta(days=math.ceil(value / 24))
    if length.unit in ("days", "years"):
        end = after_public_holiday(calendar_end(start, **{length.unit: value}))
        return next_working_day(end) if extended else end
    raise DataError(f"channel fact {length.key!r} is not a length of time")


def weekend_extension(end: date) -> str:
    """Said after the rule on counting when the last day is a rest day that is no public holiday: where the
    deadline may move (whether a weekend extends it is not settled); nothing otherwise."""
    later = next_working_day(end)
    if later == end:
        return ""
    return "；" + say("deadlines.notes.weekend_extension", date=cn_date(end), later=cn_date(later))


def _regulator_limitation(filing: date, known: date, failed: date | None = None, later: bool = False) -> Deadline:
    """The limitation deadline: its calendar last day, and the day it may move to (where the calendar was consulted).

    The period runs from when the harm became known: `order.failed_at` when the case gives it, else `known`, the
    earliest day the consumer could have known: the payment, or the first disputed debit when it is `later`.
    """
    years = rule("regulator.limitation", filing)
    start = failed if failed is not None else known
    due = after_public_holiday(calendar_end(start, years=years.number))
    since = say("deadlines.notes.since_paid")
    if failed is not None:
        since = say("deadlines.notes.since_failed", date=cn_date(failed))
    elif later:
        since = say("deadlines.notes.since_debit", date=cn_date(known))
    note = f"{years.text}。{since}。{fact('regulator.period_rule').text}{weekend_extension(due)}"
    latest = say("deadlines.latest", date=cn_date(due))
    return Deadline("regulator_limitation", label("regulator_limitation"), due, latest, years.source, note)


def _payment_window(payment: Payment, paid: date) -> Deadline | None:
    """The payment channel's window, only where a source gives one.

    A transfer to a person's collection code has neither a merchant refund window nor a chargeback.
    """
    if payment.payee_kind == "personal":
        return None
    found = route(payment.channel, payment.card_network)  # which window, if any: channels.yaml routes
    if found.window_kind is None or found.window_fact is None:
        return None
    return {"wechat_refund_window": _wechat_window, "card_dispute_window": _card_window}[found.window_kind](
        paid, found.window_fact
    )


def _wechat_window(paid: date, key: str) -> Deadline:
    """The last moment a merchant can still refund through WeChat Pay (`key`: the fact giving its days)."""
    days = rule(key)
    due: date | datetime
    if isinstance(paid, datetime):
        due = paid + timedelta(days=days.number)
        due_text = say("deadlines.before", date=cn_date(due))
    else:
        # Without the hour of payment the window may shut at any time of its
        # last day, so the last safe day is the one before.
        due = paid + timedelta(days=days.number - 1)
        due_text = say("deadlines.latest", date=cn_date(due))
    note = f"{days.text}；{fact('wechat.complaint_window').text}"
    return Deadline("wechat_refund_window", label("wechat_refund_window"), due, due_text, days.source, note)


def _card_window(paid: date, key: str) -> Deadline:
    """The card network's outer limit for a dispute (`key`: the fact giving its days)."""
    days = rule(key)
    due = calendar_end(paid, days=days.number)
    return Deadline(
        "card_dispute_window",
        label("card_dispute_window"),
        due,
        say("deadlines.latest", date=cn_date(due)),
        days.source,
        say("deadlines.notes.card_dispute_window"),
    )


def _closing_warning(deadline: Deadline, filing: date) -> str | None:
    """A warning when a window the user can miss has closed or closes within a week."""
    if deadline.kind not in PASSED or deadline.due is None:
        return None
    left = (deadline.dated - filing).days
    when = cn_date(deadline.due)
    if left < 0:
        advice = say(f"deadlines.passed.{deadline.kind}", basis=deadline.basis)
        return say("deadlines.closed", label=deadline.label, when=when, filed=cn_date(filing), advice=advice)
    if deadline.kind not in CLOSING:
        return None
    if left == 0:
        return say("deadlines.closes_today", label=deadline.label, when=when)
    if left <= CLOSING_SOON_DAYS:
        return say("deadlines.closes_soon", label=deadline.label, when=when, days=left)
    return None


def _unconfirmed_window_warning(payment: Payment) -> list[str]:
    """For a channel with no sourced window: file soon, and no date is given."""
    if payment.payee_kind == "personal":  # no merchant complaint or chargeback window applies
        return [fact(personal_code_window()).text]
    key = route(payment.channel, payment.card_network).unconfirmed_window
    return [fact(key).text] if key else []


def label(kind: str) -> str:
    """How the summary, the warnings and the calendar name a deadline (phrases.yaml's deadlines.labels)."""
    return say(f"deadlines.labels.{kind}")


def next_renewal_debit(case: Case) -> date | None:
    """When the next renewal debit is due if nothing stops it: the last debit plus the usual interval.

    The interval is that between the last two debits, or the order's term for a single one;
    the same day of the month, or the month's last day when it has fewer days.
    """
    charges = sorted(c.date for p in case.problems if p.type == "auto_renewal" for c in p.charges)
    if not charges:
        return None
    last = charges[-1]
    months = _months_apart(charges[-2], last) if len(charges) > 1 else case.order.term_months
    return _add_months(last, max(months, 1))


def _months_apart(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def _add_months(day: date, months: int) -> date:
    import calendar

    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def to_ical(deadlines: list[Deadline], case_id: str, stamp: datetime | None = None) -> bytes:
    """An iCalendar file with one event per dated deadline (all-day for dates, timed for moments)."""
    from icalendar import Calendar  # only `--calendar` needs it

    cal = Calendar()
    cal.add("prodid", "-//make-filings//deadlines//ZH")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", say("deadlines.calendar", case_id=case_id))
    stamp = stamp or clock.now()
    for deadline in deadlines:
        if deadline.due is not None:
            cal.add_component(_event(deadline, case_id, stamp))
    cal.add_missing_timezones()
    return cal.to_ical()


def _event(deadline: Deadline, case_id: str, stamp: datetime):
    """One calendar event for a dated deadline."""
    from icalendar import Event

    event = Event()
    event.add("uid", f"{case_id}-{deadline.kind}@make-filings")
    event.add("dtstamp", stamp)
    event.add("summary", f"{deadline.label}：{deadline.due_text}")
    event.add("description", say("deadlines.event_basis", basis=deadline.basis) + f"\n{deadline.note}")
    if isinstance(deadline.due, datetime):
        # Case times are naive China time.
        event.add("dtstart", deadline.due if deadline.due.tzinfo else deadline.due.replace(tzinfo=SHANGHAI))
    else:
        event.add("dtstart", deadline.due)
        event.add("dtend", deadline.dated + timedelta(days=1))
    event.add_component(_reminder(deadline))
    return event


def _reminder(deadline: Deadline):
    """A reminder one day ahead."""
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", deadline.label)
    alarm.add("trigger", timedelta(days=-1))
    return alarm
