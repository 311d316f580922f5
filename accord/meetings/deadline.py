"""The 30-day clock for holding a mediation (SEND Regs regs 35-37): its last day, and the
confirmation a booking after it needs. The date comes from `accord.rules`."""

from __future__ import annotations

from datetime import date

from accord import rules
from accord.cases.choices import MEDIATION_ROUTES, Route
from accord.cases.models import Case
from accord.meetings.details import MeetingDetails
from accord.meetings.errors import NeedsConfirmation
from accord.meetings.models import MeetingKind


def mediation_held_by(case: Case) -> date | None:
    """The last day for the mediation to take place, or None if the clock has not started.

    SEND Regs regs 35-37: 30 days from the day the LA received the family's notice; for
    health-only mediation, from the day the ICB was told the issues (reg 36)."""
    if case.route not in MEDIATION_ROUTES:
        return None
    if case.route == Route.HEALTH_ONLY_MEDIATION and case.health_body_notified_on:
        return rules.mediation_due(case.health_body_notified_on)
    if case.la_notified_on:
        return rules.mediation_due(case.la_notified_on)
    return None


def check_thirty_day_clock(case: Case, details: MeetingDetails, confirmed: bool) -> str:
    """A mediation meeting after the last day needs an explicit confirmation. Returns the
    warning (empty when the date is in time) so the booking can record it."""
    if details.kind != MeetingKind.MEDIATION:
        return ""
    due = mediation_held_by(case)
    if due is None or details.meeting_date <= due:
        return ""
    warning = (
        f"The meeting on {details.meeting_date:%-d %B %Y} is after {due:%-d %B %Y}, the last "
        "day for the mediation (30 days, SEND Regs regs 35-37). The LA must tell the mediation "
        "adviser that it cannot be held in time, and a certificate is then due within 3 "
        "working days (reg 37)."
    )
    if not confirmed:
        raise NeedsConfirmation(warning + " Tick the box to confirm you want this date.")
    return warning
