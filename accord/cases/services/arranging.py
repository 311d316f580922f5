"""Arranging the meeting, before it is booked (booking is accord.meetings): starting disagreement
resolution and each party's consent to it, and the LA saying mediation cannot be held in time."""

from __future__ import annotations

from datetime import date

from accord.cases.choices import Outcome, Route
from accord.cases.models import Case, Party
from accord.cases.services.writing import CaseError, editing, move
from accord.cases.states import Transition
from accord.cases.timeline import EventKind, record_event
from accord.organisations.models import User


def start_disagreement_resolution(
    case: Case, expected_version: int | None = None, *, by: User
) -> Case:
    if case.route != Route.DISAGREEMENT_RESOLUTION:
        raise CaseError("Only a disagreement resolution case is arranged this way.")
    with editing(case, expected_version) as c:
        move(c, Transition.START_DR)
        record_event(c, EventKind.ARRANGING, "Started arranging disagreement resolution", by=by)
    return case


def record_dr_consent(party: Party, consents: bool, on: date, *, by: User) -> Party:
    """Disagreement resolution is voluntary for everyone (CoP 11.6): each party's answer."""
    with editing(party.case) as c:
        party.dr_consent = consents
        party.dr_consent_on = on
        party.save(update_fields=["dr_consent", "dr_consent_on"])
        record_event(
            c,
            EventKind.DR_CONSENT,
            f"{party.name} {'agreed' if consents else 'declined'} to take part",
            {"on": on},
            by=by,
        )
    return party


def mediation_cannot_be_held(
    case: Case, told_on: date, expected_version: int | None = None, *, by: User
) -> Case:
    """The LA said mediation cannot take place within 30 days: certificate due (reg 37)."""
    with editing(case, expected_version) as c:
        move(c, Transition.CANNOT_HOLD_IN_TIME)
        c.cannot_hold_notified_on = told_on
        c.outcome = Outcome.NOT_HELD_IN_TIME
        record_event(
            c,
            EventKind.CANNOT_HOLD,
            "Mediation cannot be held within 30 days",
            {"told_on": told_on},
            by=by,
        )
    return case
