"""After information and advice: what the family chose (a certificate or mediation), and the
dates the LA and health body were told of it, which start the mediation clock (regs 35–37)."""

from __future__ import annotations

from datetime import date

from accord.cases.choices import FamilyChoice
from accord.cases.models import Case
from accord.cases.services.writing import (
    CaseError,
    changes_to,
    check_after_choice,
    check_after_received,
    check_not_before,
    check_not_in_future,
    editing,
    move,
)
from accord.cases.states import CaseState, Transition
from accord.cases.timeline import EventKind, record_event
from accord.organisations.models import User


def record_family_choice(
    case: Case,
    choice: str,
    on: date,
    *,
    by: User,
    la_notified_on: date | None = None,
    expected_version: int | None = None,
) -> Case:
    """After information and advice: certificate (reg 34 clock starts on `on`) or mediation
    (the 30-day clock starts when the LA receives the family's notice, regs 35–37)."""
    if choice not in FamilyChoice.values:
        raise CaseError("Choose what the family wants to do.")
    with editing(case, expected_version) as c:
        check_after_received(c, on, "The date the family decided", "on")
        if choice == FamilyChoice.MEDIATION and la_notified_on is not None:
            what = "The date the LA received the family's notice"
            check_not_in_future(la_notified_on, what, "la_notified_on")
            check_not_before(la_notified_on, on, what, "when the family decided", "la_notified_on")
        if c.state in (CaseState.TRIAGED, CaseState.MIAS_BOOKED):
            move(c, Transition.HOLD_MIAS)
        if choice == FamilyChoice.CERTIFICATE:
            move(c, Transition.FAMILY_DECLINES_MEDIATION)
        else:
            move(c, Transition.FAMILY_WANTS_MEDIATION)
            c.la_notified_on = la_notified_on
        c.family_choice = choice
        c.family_choice_on = on
        record_event(
            c,
            EventKind.FAMILY_CHOICE,
            FamilyChoice(choice).label,
            {"on": on, "la_notified_on": la_notified_on},
            by=by,
        )
    return case


def record_la_notified(
    case: Case,
    la_notified_on: date,
    health_body_notified_on: date | None = None,
    expected_version: int | None = None,
    *,
    by: User,
) -> Case:
    with editing(case, expected_version) as c:
        if c.state not in (CaseState.ARRANGING, CaseState.MEETING_BOOKED):
            raise CaseError("The LA is told once the family has chosen mediation.")
        check_after_choice(
            c, la_notified_on, "The date the LA received the family's notice", "la_notified_on"
        )
        if health_body_notified_on is not None:
            check_after_choice(
                c, health_body_notified_on, "The date the ICB was told", "health_body_notified_on"
            )
        changes = changes_to(
            c,
            {"la_notified_on": la_notified_on, "health_body_notified_on": health_body_notified_on},
        )
        c.la_notified_on = la_notified_on
        c.health_body_notified_on = health_body_notified_on
        record_event(
            c,
            EventKind.LA_NOTIFIED,
            "Dates the LA and health body were told recorded",
            changes,
            by=by,
        )
    return case
