"""The deadline for an appeal to the First-tier Tribunal (SEND).

HESC Rules r.20(1)(c): the application notice must be received within 2 months after written
notice of the decision was sent, or within 1 month from the date of issue of the mediation
certificate if that is later.

HESC Rules r.12(3)(a) (as amended from 21 July 2020): in a special educational needs case, if
that time ends on a day from 25 December to 1 January inclusive, or on any day in August, the
notice is in time on the first working day after 1 January or 31 August. r.12(2): a time that
ends on a non-working day runs to the next working day.

As the specification says, the two are applied together: the deadline is the first day on or
after the nominal end that is a working day and is not in August or 25 December-1 January. (See
docs/rules-sources.md for the one edge case where a strict reading of r.12(2) alone could give
an earlier day.) Not for disability discrimination claims, which r.12(3) no longer covers.
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
    """August, or 25 December to 1 January inclusive (HESC Rules r.12(3))."""
    if day.month == 8:
        return True
    return (day.month == 12 and day.day >= 25) or (day.month == 1 and day.day == 1)


def nominal_appeal_end(decision_sent: date, certificate_issued: date | None = None) -> date:
    """HESC Rules r.20(1)(c): the later of the two limbs, before any moving."""
    end = add_months(decision_sent, DECISION_MONTHS)
    if certificate_issued is not None:
        end = max(end, add_months(certificate_issued, CERTIFICATE_MONTHS))
    return end


def roll_tribunal_deadline(
    nominal: date, calendar: WorkingCalendar, steps: list[str] | None = None
) -> date:
    """Move a nominal SEN appeal end date past August, 25 December-1 January and non-working
    days (HESC Rules r.12(2)-(3)). Appends an explanation to ``steps`` when given."""
    day = nominal
    while True:
        if steps is not None and day != nominal and in_closed_period(day):
            # Only reached after an r.12(2) move from a non-working day: say that the rules can
            # be read as ending the time on this earlier day (docs/rules-sources.md).
            steps.append(
                f"Read strictly, r.12(2) alone could end the time on {long_date(day)}; to be "
                "safe, send the appeal by then if possible."
            )
        if day.month == 8:
            after = date(day.year, 8, 31)
            target = calendar.next_working_day(after)
            if steps is not None:
                steps.append(
                    f"{short_date(day)} is in August. In special educational needs appeals a "
                    "deadline that ends in August runs to the first working day after 31 August "
                    f"(HESC Rules r.12(3)): {long_date(target)}"
                    + _skipped_note(calendar, after, target)
                    + "."
                )
            return target
        if in_closed_period(day):
            after = date(day.year + 1 if day.month == 12 else day.year, 1, 1)
            target = calendar.next_working_day(after)
            if steps is not None:
                steps.append(
                    f"{short_date(day)} falls between 25 December and 1 January. In special "
                    "educational needs appeals such a deadline runs to the first working day "
                    f"after 1 January (HESC Rules r.12(3)): {long_date(target)}"
                    + _skipped_note(calendar, after, target)
                    + "."
                )
            return target
        reason = calendar.why_not_working(day)
        if reason is None:
            return day
        target = calendar.next_working_day(day)
        if steps is not None:
            steps.append(
                f"{short_date(day)} is {as_predicate(reason)}, so the deadline moves to the next "
                f"working day, {long_date(target)}"
                + _skipped_note(calendar, day, target)
                + " (HESC Rules r.12(2))."
            )
        day = target


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
