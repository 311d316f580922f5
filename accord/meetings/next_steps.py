"""The meetings' next steps on the case page: the information and advice call, and booking the
meeting while the 30-day mediation clock runs (accord.cases.next_steps)."""

from __future__ import annotations

from django.urls import reverse

from accord.cases.choices import Route
from accord.cases.models import Case
from accord.cases.next_steps import MEDIATION_CLOCKS, NextStep
from accord.cases.states import CaseState, Transition, allowed_transitions
from accord.meetings.models import MeetingKind
from accord.organisations.models import Membership
from accord.organisations.roles import STAFF


def _mias_steps(case: Case) -> list[NextStep]:
    transitions = allowed_transitions(CaseState(case.state))
    steps = []
    if Transition.BOOK_MIAS in transitions:
        moving = case.state == CaseState.MIAS_BOOKED
        steps.append(
            NextStep(
                "Move the call to another time"
                if moving
                else "Book the information and advice call",
                reverse("meetings:book_mias", args=[case.reference]),
            )
        )
    if Transition.HOLD_MIAS in transitions:
        steps.append(
            NextStep(
                "Record that information and advice was given",
                reverse("meetings:mias_held", args=[case.reference]),
            )
        )
    return steps


def meeting_steps(case: Case, membership: Membership) -> list[NextStep]:
    if membership.role_enum not in STAFF:
        return []
    is_dr = case.route == Route.DISAGREEMENT_RESOLUTION
    steps = [] if is_dr else _mias_steps(case)
    if case.state == CaseState.ARRANGING:
        kind = MeetingKind.DISAGREEMENT_RESOLUTION if is_dr else MeetingKind.MEDIATION
        words = "disagreement resolution" if is_dr else "mediation"
        steps.append(
            NextStep(
                f"Book the {words} meeting",
                f"{reverse('meetings:book', args=[case.reference])}?kind={kind}",
                keeps=frozenset() if is_dr else MEDIATION_CLOCKS,
            )
        )
    return steps
