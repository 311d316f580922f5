"""The deadline for an appeal to the First-tier Tribunal (SEND).

HESC Rules r.20(1)(c): the application notice must be received within 2 months after written
notice of the decision was sent, or within 1 month from the date of issue of the mediation
certificate if that is later. That is the nominal end of the time.

HESC Rules r.12(3)(a) (as amended from 21 July 2020): in a special educational needs case, if
the time for the application notice *ends* on a day from 25 December to 1 January inclusive, or
on any day in August, the notice is in time on the first working day after 1 January or
31 August. r.12(2): if the time ends on a day that is not a working day, the act is in time if
it is done on the next working day.

So the nominal end decides which rule applies. If it is in August or 25 December-1 January,
r.12(3)(a) gives the first working day after the period. Otherwise only r.12(2) can move it: to
the next working day, even when that day is inside the period (Saturday 31 July 2027 -> Monday
2 August 2027, not 1 September). Reading r.12(2) as ending the time on that day, so that
r.12(3)(a) extends it again, would give the later date; the engine gives the earlier one and the
explanation says why (docs/rules-sources.md). Not for disability discrimination claims, which
r.12(3) no longer covers.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from accord.rules.calendar import WorkingCalendar
from accord.rules.clocks import Clock, Deadline
from accord.rules.periods import add_months, explain_add_months
from accord.rules.wording import as_predicate, day_name, long_date, short_date

DECISION_MONTHS = 2
CERTIFICATE_MONTHS = 1


def in_closed_period(day: date) -> bool:
    """August, or 25 December to 1 January inclusive (HESC Rules r.12(3)(a))."""
    if day.month == 8:
        return True
    return (day.month == 12 and day.day >= 25) or (day.month == 1 and day.day == 1)


def closed_period_end(day: date) -> date:
    """The last day of the period ``day`` is in: 31 August, or 1 January (HESC Rules
    r.12(3)(a)). Only for a day for which ``in_closed_period`` is true."""
    if day.month == 8:
        return date(day.year, 8, 31)
    return date(day.year + 1 if day.month == 12 else day.year, 1, 1)


def _period_words(day: date) -> str:
    return "in August" if day.month == 8 else "between 25 December and 1 January"


def nominal_appeal_end(decision_sent: date, certificate_issued: date | None = None) -> date:
    """HESC Rules r.20(1)(c): the later of the two limbs, before any moving."""
    end = add_months(decision_sent, DECISION_MONTHS)
    if certificate_issued is not None:
        end = max(end, add_months(certificate_issued, CERTIFICATE_MONTHS))
    return end


def roll_tribunal_deadline(
    nominal: date, calendar: WorkingCalendar, steps: list[str] | None = None
) -> date:
    """The last day to appeal for a time whose nominal end is ``nominal``: r.12(3)(a) when that
    day is in August or 25 December-1 January, otherwise r.12(2) alone. Appends an explanation
    to ``steps`` when given."""
    if in_closed_period(nominal):
        after = closed_period_end(nominal)
        target = calendar.next_working_day(after)
        if steps is not None:
            if nominal.month == 8:
                opening = (
                    f"{short_date(nominal)} is in August. In special educational needs appeals a "
                    "time that ends in August runs to the first working day after 31 August"
                )
            else:
                opening = (
                    f"{short_date(nominal)} falls between 25 December and 1 January. In special "
                    "educational needs appeals such a time runs to the first working day after "
                    "1 January"
                )
            steps.append(
                f"{opening} (HESC Rules r.12(3)(a)): {long_date(target)}"
                + _skipped_note(calendar, after, target)
                + "."
            )
        return target
    reason = calendar.why_not_working(nominal)
    if reason is None:
        return nominal
    target = calendar.next_working_day(nominal)
    if steps is not None:
        steps.append(
            f"{short_date(nominal)} is {as_predicate(reason)}, so the deadline moves to the next "
            f"working day, {long_date(target)}"
            + _skipped_note(calendar, nominal, target)
            + " (HESC Rules r.12(2))."
        )
        if in_closed_period(target):
            later = calendar.next_working_day(closed_period_end(target))
            steps.append(
                f"{short_date(target)} is {_period_words(target)}. One reading of the rules "
                "would treat the time as ending on that day and extend it again under HESC Rules "
                f"r.12(3)(a), to {long_date(later)}. But r.12(3)(a) applies only where the time "
                f"itself ends {_period_words(target)}, and this time ended on "
                f"{short_date(nominal)}; r.12(2) does not move the end of the time, it makes an "
                "appeal that arrives on the next working day in time. The earlier date, "
                f"{long_date(target)}, is shown to be safe: an appeal that reaches the tribunal "
                "by then is in time on either reading."
            )
    return target


def _skipped_note(calendar: WorkingCalendar, after: date, target: date) -> str:
    """Name every day skipped between ``after`` and ``target``: bank holidays by name, and
    weekends, so a family can follow the count on a calendar."""
    names: list[str] = []
    day = date.fromordinal(after.toordinal() + 1)
    while day < target:
        holiday = calendar.holiday_name(day)
        following = date.fromordinal(day.toordinal() + 1)
        if holiday is not None:
            names.append(f"{short_date(day)} is {as_predicate(holiday)}")
        elif day.weekday() == 5 and following < target and calendar.holiday_name(following) is None:
            names.append(f"{short_date(day)} and {short_date(following)} are a weekend")
            day = following
        elif day.weekday() >= 5:
            names.append(f"{short_date(day)} is a {day_name(day)}")
        day = date.fromordinal(day.toordinal() + 1)
    return (" (" + "; ".join(names) + ")") if names else ""


@lru_cache(maxsize=65_536)
def appeal_deadline_on(
    decision_sent: date, certificate_issued: date | None, calendar: WorkingCalendar
) -> date:
    """The fast path: no explanation is built."""
    return roll_tribunal_deadline(nominal_appeal_end(decision_sent, certificate_issued), calendar)


@lru_cache(maxsize=8_192)
def explain_appeal_deadline_on(
    decision_sent: date, certificate_issued: date | None, calendar: WorkingCalendar
) -> Deadline:
    steps: list[str] = [f"The decision notice was sent on {long_date(decision_sent)}."]
    decision_end, sentence = explain_add_months(decision_sent, DECISION_MONTHS)
    steps.append(sentence)
    nominal = decision_end
    if certificate_issued is None:
        steps.append(
            "No mediation certificate date is recorded, so only the 2-month limb applies. If a "
            "certificate is issued later, the deadline becomes 1 month after it when that is "
            "later (HESC Rules r.20(1)(c))."
        )
    else:
        steps.append(f"The mediation certificate was issued on {long_date(certificate_issued)}.")
        certificate_end, sentence = explain_add_months(certificate_issued, CERTIFICATE_MONTHS)
        steps.append(sentence)
        if certificate_end > decision_end:
            nominal = certificate_end
            steps.append(
                f"The later of the two is {short_date(certificate_end)}, 1 month after the "
                "certificate (HESC Rules r.20(1)(c)(ii))."
            )
        elif certificate_end < decision_end:
            steps.append(
                f"The later of the two is {short_date(decision_end)}, 2 months after the "
                "decision notice (HESC Rules r.20(1)(c)(i))."
            )
        else:
            steps.append(f"Both limbs end on {short_date(decision_end)}.")
    due = roll_tribunal_deadline(nominal, calendar, steps)
    if due == nominal:
        steps.append(
            f"{short_date(due)} is a working day outside August and 25 December to 1 January, "
            "so it stands."
        )
    steps.append(
        f"The appeal must reach the tribunal by 5pm on {long_date(due)} (HESC Rules r.12(1))."
    )
    return Deadline(
        clock=Clock.TRIBUNAL_APPEAL,
        start=decision_sent,
        due=due,
        basis=Clock.TRIBUNAL_APPEAL.bases,
        steps=tuple(steps),
    )
