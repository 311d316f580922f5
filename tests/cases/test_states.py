"""The transition table: every step allowed from the states it lists and from no other."""

from __future__ import annotations

import pytest

from accord.cases.states import (
    TRANSITIONS,
    CaseState,
    IllegalTransition,
    Transition,
    allowed_transitions,
    check_transition,
)

ALLOWED = [(t, s) for t, (sources, _) in TRANSITIONS.items() for s in sources]
ILLEGAL = [(t, s) for t, (sources, _) in TRANSITIONS.items() for s in CaseState if s not in sources]


def test_every_transition_is_in_the_table():
    assert set(TRANSITIONS) == set(Transition)


@pytest.mark.parametrize(
    ("transition", "state"), ALLOWED, ids=[f"{t}-from-{s}" for t, s in ALLOWED]
)
def test_allowed_transition_returns_its_target(transition, state):
    assert check_transition(state, transition) == TRANSITIONS[transition][1]
    assert transition in allowed_transitions(state)


@pytest.mark.parametrize(
    ("transition", "state"), ILLEGAL, ids=[f"{t}-from-{s}" for t, s in ILLEGAL]
)
def test_illegal_transition_raises_a_clear_error(transition, state):
    with pytest.raises(IllegalTransition) as error:
        check_transition(state, transition)
    assert state.label in str(error.value)
    assert transition.label.lower() in str(error.value)


@pytest.mark.parametrize(
    ("state", "transition", "target"),
    [
        (CaseState.ENQUIRY, Transition.TRIAGE, CaseState.TRIAGED),
        (CaseState.TRIAGED, Transition.BOOK_MIAS, CaseState.MIAS_BOOKED),
        (CaseState.MIAS_BOOKED, Transition.HOLD_MIAS, CaseState.AWAITING_DECISION),
        (
            CaseState.AWAITING_DECISION,
            Transition.FAMILY_DECLINES_MEDIATION,
            CaseState.CERTIFICATE_DUE,
        ),
        (CaseState.AWAITING_DECISION, Transition.FAMILY_WANTS_MEDIATION, CaseState.ARRANGING),
        (CaseState.TRIAGED, Transition.START_DR, CaseState.ARRANGING),
        (CaseState.ARRANGING, Transition.BOOK_MEETING, CaseState.MEETING_BOOKED),
        (CaseState.MEETING_BOOKED, Transition.CANCEL_MEETING, CaseState.ARRANGING),
        (CaseState.ARRANGING, Transition.CANNOT_HOLD_IN_TIME, CaseState.CERTIFICATE_DUE),
        (CaseState.MEETING_BOOKED, Transition.RECORD_OUTCOME, CaseState.FOLLOW_UP),
        (CaseState.CERTIFICATE_DUE, Transition.ISSUE_CERTIFICATE, CaseState.FOLLOW_UP),
        (CaseState.FOLLOW_UP, Transition.CLOSE, CaseState.CLOSED),
        (CaseState.ENQUIRY, Transition.CLOSE, CaseState.CLOSED),
    ],
)
def test_the_journey_of_a_case(state, transition, target):
    assert check_transition(state, transition) == target


def test_a_closed_case_can_only_be_reopened():
    assert allowed_transitions(CaseState.CLOSED) == [Transition.REOPEN]
