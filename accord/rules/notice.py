"""Notice to the family of the date and place of the mediation meeting.

The body arranging the mediation must tell the parent or young person the date and place at
least 5 working days before the mediation, unless they agree to a shorter period (SEND Regs;
the specification cites reg 37 - see docs/rules-sources.md for what could and could not be
checked).

Counting: "at least 5 working days before" is counted back from the meeting, the meeting day
itself not counted. For a meeting on Monday 15 June 2026 the fifth working day back is Monday
8 June 2026, so notice sent on or before 8 June is enough. Sending it on the Saturday or Sunday
before a Friday meeting is not: only four working days (Monday to Thursday) remain.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from accord.rules.calendar import WorkingCalendar
from accord.rules.clocks import Clock, Deadline
from accord.rules.wording import long_date, ordinal, plural

NOTICE_WORKING_DAYS = 5


def latest_notice_date_on(meeting_date: date, calendar: WorkingCalendar) -> date:
    """The last day notice can be sent: the 5th working day before the meeting."""
    return calendar.subtract_working_days(meeting_date, NOTICE_WORKING_DAYS)


def notice_is_sufficient_on(
    notice_sent: date,
    meeting_date: date,
    calendar: WorkingCalendar,
    family_agreed_shorter: bool = False,
) -> bool:
    """True when notice sent on ``notice_sent`` satisfies the rule for ``meeting_date``.

    With the family's (recorded) agreement to a shorter period any notice given before or on
    the meeting day is enough.
    """
    if notice_sent > meeting_date:
        return False
    if family_agreed_shorter:
        return True
    return notice_sent <= latest_notice_date_on(meeting_date, calendar)


@lru_cache(maxsize=8_192)
def explain_latest_notice_date_on(meeting_date: date, calendar: WorkingCalendar) -> Deadline:
    steps = [
        f"The mediation meeting is on {long_date(meeting_date)}.",
        f"Count back {plural(NOTICE_WORKING_DAYS, 'working day')}; the meeting day itself is "
        "not counted.",
    ]
    day = meeting_date
    counted = 0
    skipped: list[str] = []
    while counted < NOTICE_WORKING_DAYS:
        day = date.fromordinal(day.toordinal() - 1)
        reason = calendar.why_not_working(day)
        if reason is not None:
            skipped.append(f"{long_date(day)} ({reason})")
            continue
        counted += 1
        if skipped:
            steps.append("Skip " + "; ".join(skipped) + ".")
            skipped = []
        steps.append(f"{ordinal(counted).capitalize()} working day before: {long_date(day)}.")
    steps.append(
        f"Notice of the date and place must be sent on or before {long_date(day)}, unless the "
        "family agrees to a shorter period (record that agreement)."
    )
    return Deadline(
        clock=Clock.MEETING_NOTICE,
        start=meeting_date,
        due=day,
        basis=Clock.MEETING_NOTICE.bases,
        steps=tuple(steps),
    )
