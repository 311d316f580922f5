"""Arranging the meeting, before it is booked (booking is accord.meetings): starting disagreement
resolution and each party's consent to it, and the LA saying mediation cannot be held in time."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from accord.cases.choices import Outcome, PartyRole, Route
from accord.cases.models import Case, Party
from accord.cases.services.writing import (
    CaseError,
    check_after_choice,
    check_dr_answer_on,
    editing,
    move,
)
from accord.cases.states import Transition
from accord.cases.timeline import EventKind, record_event
from accord.organisations.models import User
from accord.rules import today_in_england

# The parties asked to agree to disagreement resolution (CoP 11.6).
DR_INVITED_ROLES = frozenset({PartyRole.LA_OFFICER, PartyRole.ICB_OFFICER, PartyRole.SCHOOL_STAFF})


def start_disagreement_resolution(
    case: Case, expected_version: int | None = None, *, by: User
) -> Case:
    if case.route != Route.DISAGREEMENT_RESOLUTION:
        raise CaseError("Only a disagreement resolution case is arranged this way.")
    with editing(case, expected_version) as c:
        move(c, Transition.START_DR)
        # The other parties on the case are invited from today: their officers now see it.
        c.dr_started_on = today_in_england()
        record_event(c, EventKind.ARRANGING, "Started arranging disagreement resolution", by=by)
    return case


def record_dr_consent(party: Party, consents: bool, on: date, *, by: User) -> Party:
    """Disagreement resolution is voluntary for everyone (CoP 11.6): each party's answer."""
    with editing(party.case) as c:
        check_dr_answer_on(c, on, "on")
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


def decline_dr(party: Party, reason: str, on: date, *, by: User) -> Party:
    """A party declines disagreement resolution. It is voluntary (CoP 11.6), so the meeting
    cannot go ahead: the decline and its reason close the case with the outcome "declined by
    the other party", which the provider's reports count."""
    if not reason.strip():
        raise CaseError("Give the reason for declining.", field="reason")
    if party.role not in DR_INVITED_ROLES:
        raise CaseError("Only the LA, the ICB or the school is asked to agree to take part.")
    with editing(party.case) as c:
        if c.route != Route.DISAGREEMENT_RESOLUTION:
            raise CaseError("Only disagreement resolution is declined this way.")
        check_dr_answer_on(c, on, "on")
        previous = c.state
        move(c, Transition.CLOSE)
        party.dr_consent = False
        party.dr_consent_on = on
        party.save(update_fields=["dr_consent", "dr_consent_on"])
        c.state_before_close = previous
        c.outcome = Outcome.DECLINED
        c.closed_on = on
        c.close_reason = f"{party.name} declined disagreement resolution: {reason.strip()}"
        record_event(
            c,
            EventKind.DR_CONSENT,
            f"{party.name} declined to take part",
            {"on": on, "reason": reason.strip()},
            by=by,
        )
        record_event(
            c,
            EventKind.CLOSED,
            f"Case closed: {Outcome.DECLINED.label}",
            {"state": [previous, c.state], "reason": c.close_reason},
            by=by,
        )
    return party


def answer_dr_invitation(
    case: Case, body: PartyRole, accepts: bool, on: date, reason: str = "", *, by: User
) -> list[Party]:
    """An officer answers for their body (the LA or the ICB) the invitation to disagreement
    resolution: their answer is recorded for each of the body's people on the case; a decline,
    with its reason, closes the case (`decline_dr`)."""
    if body not in (PartyRole.LA_OFFICER, PartyRole.ICB_OFFICER):
        raise CaseError("Only the LA or the ICB answers for itself here.")
    if case.route != Route.DISAGREEMENT_RESOLUTION or case.dr_started_on is None:
        raise CaseError("Your body has not been invited to disagreement resolution on this case.")
    ours = list(case.parties.filter(role=body))
    if not ours:
        raise CaseError("Nobody from your body is on this case yet: ask the coordinator.")
    if not accepts:
        return [decline_dr(ours[0], reason, on, by=by)]
    with transaction.atomic():  # every one of the body's people, or none
        for party in ours:
            record_dr_consent(party, True, on, by=by)
    return ours


def mediation_cannot_be_held(
    case: Case, told_on: date, expected_version: int | None = None, *, by: User
) -> Case:
    """The LA said mediation cannot take place within 30 days: certificate due (reg 37)."""
    with editing(case, expected_version) as c:
        check_after_choice(c, told_on, "The date the LA said mediation cannot be held", "told_on")
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
