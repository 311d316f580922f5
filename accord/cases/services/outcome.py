"""How a case ends: the meeting's outcome, closing the case (and reopening it), and an appeal to
the tribunal lodged afterwards."""

from __future__ import annotations

from datetime import date

from accord.cases.choices import MEETING_OUTCOMES, Outcome
from accord.cases.models import Case
from accord.cases.services.writing import CaseError, changes_to, editing, move
from accord.cases.states import CaseState, Transition, check_transition
from accord.cases.timeline import EventKind, record_event
from accord.organisations.models import User
from accord.rules import today_in_england


def record_outcome(
    case: Case, outcome: str, concluded_on: date, expected_version: int | None = None, *, by: User
) -> Case:
    if outcome not in MEETING_OUTCOMES:
        raise CaseError("Choose full, partial or no agreement.")
    with editing(case, expected_version) as c:
        move(c, Transition.RECORD_OUTCOME)
        c.outcome = outcome
        c.mediation_concluded_on = concluded_on
        record_event(
            c,
            EventKind.OUTCOME,
            f"Meeting outcome: {Outcome(outcome).label}",
            {"concluded_on": concluded_on},
            by=by,
        )
    return case


def close_case(
    case: Case,
    outcome: str,
    reason: str = "",
    on: date | None = None,
    expected_version: int | None = None,
    *,
    by: User,
) -> Case:
    """Every closed case has an outcome (product.md)."""
    if outcome not in Outcome.values:
        raise CaseError("Choose the outcome before closing the case.")
    with editing(case, expected_version) as c:
        previous = c.state
        move(c, Transition.CLOSE)
        c.state_before_close = previous
        c.outcome = outcome
        c.closed_on = on or today_in_england()
        c.close_reason = reason.strip()
        record_event(
            c,
            EventKind.CLOSED,
            f"Case closed: {Outcome(outcome).label}",
            {"state": [previous, CaseState.CLOSED], "reason": reason},
            by=by,
        )
    return case


def reopen_case(case: Case, reason: str, expected_version: int | None = None, *, by: User) -> Case:
    if not reason.strip():
        raise CaseError("Give the reason for reopening the case.")
    with editing(case, expected_version) as c:
        check_transition(c.state, Transition.REOPEN)
        c.state = c.state_before_close or CaseState.ENQUIRY
        c.closed_on = None
        if c.outcome in (Outcome.WITHDRAWN, Outcome.DECLINED, Outcome.NO_FURTHER_ACTION):
            c.outcome = ""
        record_event(
            c,
            EventKind.REOPENED,
            f"Case reopened: {reason.strip()}",
            {"state": [CaseState.CLOSED, c.state]},
            by=by,
        )
    return case


def record_appeal_lodged(
    case: Case, lodged_on: date | None, expected_version: int | None = None, *, by: User
) -> Case:
    """The family appealed to the SEND Tribunal (or, with None, a wrong record is removed).
    LAs report mediation cases followed by an appeal in their SEN2 return (accord.reports)."""
    if lodged_on is not None and lodged_on > today_in_england():
        raise CaseError("The date the appeal was lodged must be today or in the past.")
    with editing(case, expected_version) as c:
        changes = changes_to(c, {"appeal_lodged_on": lodged_on})
        c.appeal_lodged_on = lodged_on
        summary = (
            f"Appeal to the tribunal lodged on {lodged_on:%-d %B %Y}"
            if lodged_on
            else "Record of an appeal to the tribunal removed"
        )
        record_event(c, EventKind.APPEAL_LODGED, summary, changes, by=by)
    return case
