"""The states of a case and the transitions allowed between them: one table, one place.

Each transition is carried out by a service in `accord.cases.services` (or the meetings and
documents services) that first calls `check_transition`; an illegal transition raises
`IllegalTransition`, which views turn into a clear message.
"""

from __future__ import annotations

from django.db import models


class CaseState(models.TextChoices):
    ENQUIRY = "enquiry", "Enquiry"
    TRIAGED = "triaged", "Route confirmed"
    MIAS_BOOKED = "mias_booked", "Information and advice booked"
    AWAITING_DECISION = "awaiting_decision", "Family deciding"
    CERTIFICATE_DUE = "certificate_due", "Certificate due"
    ARRANGING = "arranging", "Arranging meeting"
    MEETING_BOOKED = "meeting_booked", "Meeting booked"
    FOLLOW_UP = "follow_up", "Follow-up"
    CLOSED = "closed", "Closed"


class Transition(models.TextChoices):
    TRIAGE = "triage", "Confirm the route"
    BOOK_MIAS = "book_mias", "Book information and advice"
    HOLD_MIAS = "hold_mias", "Record information and advice given"
    FAMILY_DECLINES_MEDIATION = "family_declines", "Family does not want mediation"
    FAMILY_WANTS_MEDIATION = "family_wants", "Family wants mediation"
    START_DR = "start_dr", "Start arranging disagreement resolution"
    BOOK_MEETING = "book_meeting", "Book the meeting"
    CANCEL_MEETING = "cancel_meeting", "Cancel the meeting"
    CANNOT_HOLD_IN_TIME = "cannot_hold", "Mediation cannot be held within 30 days"
    FAMILY_STOPS_PURSUING = (
        "not_pursued",
        "Record that the family is no longer pursuing mediation",
    )
    RESUME_MEDIATION = "resume_mediation", "Undo the record that the family is not pursuing it"
    RECORD_OUTCOME = "record_outcome", "Record the meeting outcome"
    ISSUE_CERTIFICATE = "issue_certificate", "Issue the certificate"
    CLOSE = "close", "Close the case"
    REOPEN = "reopen", "Reopen the case"


S = CaseState
OPEN_STATES = frozenset(s for s in CaseState if s != S.CLOSED)

# transition -> the states it may start from, and the state it leads to (None: stays put or is
# decided by the service, e.g. reopening returns to the state before closure).
TRANSITIONS: dict[Transition, tuple[frozenset[CaseState], CaseState | None]] = {
    Transition.TRIAGE: (frozenset({S.ENQUIRY, S.TRIAGED}), S.TRIAGED),
    Transition.BOOK_MIAS: (frozenset({S.TRIAGED, S.MIAS_BOOKED}), S.MIAS_BOOKED),
    Transition.HOLD_MIAS: (frozenset({S.TRIAGED, S.MIAS_BOOKED}), S.AWAITING_DECISION),
    Transition.FAMILY_DECLINES_MEDIATION: (frozenset({S.AWAITING_DECISION}), S.CERTIFICATE_DUE),
    Transition.FAMILY_WANTS_MEDIATION: (frozenset({S.AWAITING_DECISION}), S.ARRANGING),
    Transition.START_DR: (frozenset({S.TRIAGED}), S.ARRANGING),
    Transition.BOOK_MEETING: (frozenset({S.ARRANGING, S.MEETING_BOOKED}), S.MEETING_BOOKED),
    Transition.CANCEL_MEETING: (frozenset({S.MEETING_BOOKED}), S.ARRANGING),
    Transition.CANNOT_HOLD_IN_TIME: (
        frozenset({S.ARRANGING, S.MEETING_BOOKED}),
        S.CERTIFICATE_DUE,
    ),
    # SEND Regs reg 34 ("fails to pursue"): a family that chose mediation withdraws or stops
    # replying. From arranging only: a booked meeting is cancelled first, so its parties are told.
    Transition.FAMILY_STOPS_PURSUING: (frozenset({S.ARRANGING}), S.CERTIFICATE_DUE),
    # Put right before the certificate is issued: the family is pursuing mediation after all.
    Transition.RESUME_MEDIATION: (frozenset({S.CERTIFICATE_DUE}), S.ARRANGING),
    Transition.RECORD_OUTCOME: (frozenset({S.MEETING_BOOKED}), S.FOLLOW_UP),
    Transition.ISSUE_CERTIFICATE: (frozenset({S.CERTIFICATE_DUE, S.FOLLOW_UP}), S.FOLLOW_UP),
    Transition.CLOSE: (OPEN_STATES, S.CLOSED),
    Transition.REOPEN: (frozenset({S.CLOSED}), None),
}


class IllegalTransition(Exception):
    """A step was asked for that the case's state does not allow."""

    def __init__(self, transition: Transition, state: CaseState) -> None:
        self.transition = transition
        self.state = state
        super().__init__(
            f"You cannot {transition.label.lower()} while the case is at '{state.label}'."
        )


def allowed_transitions(state: CaseState) -> list[Transition]:
    return [t for t, (sources, _) in TRANSITIONS.items() if state in sources]


def check_transition(state: CaseState | str, transition: Transition) -> CaseState | None:
    """Returns the target state, or raises IllegalTransition."""
    current = CaseState(state)
    sources, target = TRANSITIONS[transition]
    if current not in sources:
        raise IllegalTransition(transition, current)
    return target
