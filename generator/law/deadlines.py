"""The dates a consumer must know: when each side must answer and when each window closes.

Every length of time comes from `data/channels.yaml` (the rule in force on the
filing date), and holidays from `calendar_cn`. A payment channel whose window
has no reliable source gets a warning to file soon, never an invented date.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from generator import clock
from generator.case.model import Case, Payment
from generator.cnformat import cn_date
from generator.law.calendar_cn import add_working_days, calendar_end, calendar_gaps, gap_warning, next_working_day
from generator.law.channels import fact, fact_in_force, personal_code_window, route, rule

KINDS = (
    "platform_reply",
    "regulator_acceptance",
    "regulator_mediation",
    "regulator_limitation",
    "wechat_refund_window",
    "card_dispute_window",
)
# The filing a limit runs from: when the case calls for no such filing, the limit is not printed.
FILING_OF = {
    "platform_reply": "platform_refund_request",
    "regulator_acceptance": "complaint_12315",
    "regulator_mediation": "complaint_12315",
}
LABELS = {
    "platform_reply": "平台书面答复期限",
    "regulator_acceptance": "市场监管部门受理决定期限",
    "regulator_mediation": "12315调解期限",
    "regulator_limitation": "12315投诉时效",
    "wechat_refund_window": "微信支付原路退款期限",
    "card_dispute_window": "银行卡争议（拒付）申请期限",
}
# Windows the user can still miss, and what to do once one has closed.
PASSED_ADVICE = {
    "regulator_limitation": (
        "12315投诉可能不予受理（{basis}）；如果您知道权益受损的时间晚于付款日，请填写 order.failed_at 并在投诉中写明"
    ),
    "wechat_refund_window": "商户已无法通过微信支付原路退款，请要求平台以其他方式退款，并向12315投诉",
    "card_dispute_window": "发卡银行可能不再受理争议（拒付）申请，请仍向发卡银行咨询",
}
# The tool's own advice thresholds, not law: a window closing within a week of
# filing is urgent; a price under two thirds of the official one is suspicious
# (channels.md, reference prices).
CLOSING_SOON_DAYS = 7
UNIT_WORDS = {"days": "日", "working_days": "个工作日", "hours": "小时", "years": "年"}
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

    def __post_init__(self):
        """Refuse a kind the rest of the program does not know."""
        if self.kind not in KINDS:
            raise ValueError(f"unknown deadline kind {self.kind!r}")

    @property
    def last_day(self) -> date | None:
        """The last calendar day on which the step can still be taken."""
        return self.due.date() if isinstance(self.due, datetime) else self.due

    @property
    def dated(self) -> date:
        """The last day of a deadline that has one (every kind but the mediation's length)."""
        if self.last_day is None:
            raise ValueError(f"deadline {self.kind!r} has no date")
        return self.last_day


LIMITATION_NEAR_DAYS = 90  # closer than this, an estimated last day is worth a warning


def compute_deadlines(case: Case) -> tuple[list[Deadline], list[str]]:
    """The deadlines of a validated case, and the warnings (in Chinese) that go with them."""
    filing, paid = case.filing_date, case.order.paid_at
    regulator, gaps = _regulator_deadlines(filing, paid, case.order.failed_at)
    window = _payment_window(case.payment, paid)
    deadlines = [_platform_reply(filing), *regulator, *([window] if window else [])]
    warnings = [] if regulator else [f"{cn_date(filing)}适用的投诉处理规则未收录，未计算12315相关期限"]
    warnings += [w for d in deadlines if (w := _closing_warning(d, filing))]
    warnings += _unconfirmed_window_warning(case.payment)
    warnings += [gap_warning(year) for year in sorted(set(gaps))]
    return deadlines, warnings


def _platform_reply(filing: date) -> Deadline:
    """The written answer the refund request asks of the platform."""
    hours = rule("platform.reply_hours")
    # The request goes out at some hour of the filing day; counted even from
    # its last minute, 48 hours are over by midnight of the second day after.
    due = filing + timedelta(days=math.ceil(hours.number / 24))
    return Deadline(
        "platform_reply",
        LABELS["platform_reply"],
        due,
        f"{cn_date(due)}24时前",
        hours.source,
        "逾期不答复或拒绝退款的，可向支付渠道申请争议处理，并向12315投诉",
    )


def _regulator_deadlines(filing: date, paid: date, failed: date | None = None) -> tuple[list[Deadline], list[int]]:
    """Acceptance, mediation and limitation under the rules in force on the filing date,
    with the years whose holidays are unknown; none before the first rules on file."""
    if fact_in_force("regulator.acceptance", filing) is None:
        return [], []
    acceptance = _regulator_acceptance(filing)
    limitation, limitation_start = _regulator_limitation(filing, paid, failed)
    gaps = calendar_gaps([filing, acceptance.dated])
    # A limitation years away cannot be missed for want of a holiday list: the summary says so
    # beside the date; only one that is near is worth a warning.
    far_gaps = calendar_gaps([limitation_start, limitation.dated])
    if far_gaps and (limitation.dated - filing).days > LIMITATION_NEAR_DAYS:
        limitation = replace(limitation, note=limitation.note + _estimated_note(far_gaps))
    else:
        gaps += far_gaps
    return [acceptance, _regulator_mediation(filing), limitation], gaps


def _estimated_note(years: list[int]) -> str:
    """Said once, beside the limitation date, when years on the way have no holiday list yet."""
    named = "、".join(f"{y}年" for y in sorted(set(years)))
    return f"。{named}的法定节假日安排尚未公布，此日期按周末推算，届时以国务院办公厅的通知为准"


def _regulator_acceptance(filing: date) -> Deadline:
    """The office's decision on accepting the complaint, counted in working days."""
    days = rule("regulator.acceptance", filing)
    due = add_working_days(filing, days.number)
    return Deadline(
        "regulator_acceptance",
        LABELS["regulator_acceptance"],
        due,
        f"最迟{cn_date(due)}",
        days.source,
        f"{days.text}；此处按提交当日收到投诉推算，以市场监管部门实际收到之日起算",
    )


def _regulator_mediation(filing: date) -> Deadline:
    """How long mediation may last: a rule, since acceptance has no date yet."""
    length = rule("regulator.mediation", filing)
    return Deadline(
        "regulator_mediation",
        LABELS["regulator_mediation"],
        None,
        f"受理之日起{length.number}{UNIT_WORDS[length.unit or '']}内",
        length.source,
        length.text,
    )


def _regulator_limitation(filing: date, paid: date, failed: date | None = None) -> tuple[Deadline, date]:
    """The limitation deadline and the unshifted last day (where the calendar was consulted).

    The period runs from when the harm became known: `order.failed_at` when the case gives it,
    else the payment, the earliest day the consumer could have known.
    """
    years = rule("regulator.limitation", filing)
    start = failed if failed is not None else paid
    end = calendar_end(start, years=years.number)
    due = next_working_day(end)
    since = (
        f"此处自您填写的发现会员不能按宣传使用之日（{cn_date(failed)}）起算"
        if failed is not None
        else "此处自付款之日起算：这是您最早可能知道权益受损的时间，按它推算最稳妥"
    )
    note = f"{years.text}。{since}。{fact('regulator.period_rule').text}"
    return Deadline(
        "regulator_limitation", LABELS["regulator_limitation"], due, f"最迟{cn_date(due)}", years.source, note
    ), end


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
        due_text = f"{cn_date(due)}前"
    else:
        # Without the hour of payment the window may shut at any time of its
        # last day, so the last safe day is the one before.
        due = paid + timedelta(days=days.number - 1)
        due_text = f"最迟{cn_date(due)}"
    note = f"{days.text}；{fact('wechat.complaint_window').text}"
    return Deadline("wechat_refund_window", LABELS["wechat_refund_window"], due, due_text, days.source, note)


def _card_window(paid: date, key: str) -> Deadline:
    """The card network's outer limit for a dispute (`key`: the fact giving its days)."""
    days = rule(key)
    due = calendar_end(paid, days=days.number)
    return Deadline(
        "card_dispute_window",
        LABELS["card_dispute_window"],
        due,
        f"最迟{cn_date(due)}",
        days.source,
        "这是卡组织规则允许的最长期限，银行可能要求更早提交，请尽快",
    )


def _closing_warning(deadline: Deadline, filing: date) -> str | None:
    """A warning when a window the user can miss has closed or closes within a week."""
    if deadline.kind not in PASSED_ADVICE or deadline.due is None:
        return None
    left = (deadline.dated - filing).days
    when = cn_date(deadline.due)
    if left < 0:
        advice = PASSED_ADVICE[deadline.kind].format(basis=deadline.basis)
        return f"{deadline.label}（{when}）在提交日{cn_date(filing)}已经届满：{advice}"
    if left <= CLOSING_SOON_DAYS:
        soon = "提交当日届满" if left == 0 else f"距提交日只剩{left}日"
        return f"{deadline.label}将于{when}届满，{soon}：请立即提交"
    return None


def _unconfirmed_window_warning(payment: Payment) -> list[str]:
    """For a channel with no sourced window: file soon, and no date is given."""
    if payment.payee_kind == "personal":  # no merchant complaint or chargeback window applies
        return [fact(personal_code_window()).text]
    key = route(payment.channel, payment.card_network).unconfirmed_window
    return [fact(key).text] if key else []


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
    cal.add("x-wr-calname", f"{case_id} 维权期限")
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
    event.add("description", f"依据：{deadline.basis}\n{deadline.note}")
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
