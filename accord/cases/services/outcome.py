"""How a case ends: the meeting's outcome, closing the case (and reopening it), and the appeals
to the tribunal the service is told of."""

from __future__ import annotations

from datetime import date

from accord.cases.choices import MEETING_OUTCOMES, DecisionKind, Outcome
from accord.cases.clock_facts import clock_facts_for
from accord.cases.clocks import open_agreed_actions
from accord.cases.closing_outcome import (
    closing_outcomes,
    outcome_on_reopening,
    refusal,
    what_happened,
)
from accord.cases.models import Appeal, Case
from accord.cases.services.writing import (
    CaseError,
    NeedsConfirmation,
    check_concluded_on,
    editing,
    move,
)
from accord.cases.states import CaseState, Transition, check_transition
from accord.cases.timeline import EventKind, record_event
from accord.organisations.models import User
from accord.rules import today_in_england


def record_outcome(
    case: Case, outcome: str, concluded_on: date, expected_version: int | None = None, *, by: User
) -> Case:
    if outcome not in MEETING_OUTCOMES:
        raise CaseError("Choose full, partial or no agreement.", field="outcome")
    with editing(case, expected_version) as c:
        move(c, Transition.RECORD_OUTCOME)
        check_concluded_on(c, concluded_on)
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
    confirm_open_actions: bool = False,
    override_reason: str = "",
) -> Case:
    """Every closed case has an outcome (product.md), one the record shows
    (`closing_outcome.closing_outcomes`) or another with `override_reason`, said on the timeline.
    Agreed actions not yet done are still followed up after closing (SEND Regs reg 42), so
    closing with any open needs confirming."""
    if outcome not in Outcome.values:
        raise CaseError("Choose the outcome before closing the case.", field="outcome")
    override_reason = override_reason.strip()
    with editing(case, expected_version) as c:
        previous = c.state
        move(c, Transition.CLOSE)
        what = what_happened(c)
        offer = closing_outcomes(what)
        overridden = outcome not in offer.offered
        if overridden and not override_reason:
            raise CaseError(refusal(outcome, what, offer), field="outcome")
        still_open = [d.label for d in open_agreed_actions(clock_facts_for(c))]
        if still_open and not confirm_open_actions:
            raise NeedsConfirmation(
                open_actions_warning(len(still_open)), field="confirm_open_actions"
            )
        c.state_before_close = previous
        c.outcome = outcome
        c.closed_on = on or today_in_england()
        c.close_reason = reason.strip()
        changes: dict[str, object] = {"state": [previous, CaseState.CLOSED], "reason": reason}
        summary = f"Case closed: {Outcome(outcome).label}"
        if overridden:
            changes["outcome_override"] = override_reason
            summary += f" (not the outcome the record shows: {override_reason})"
        if still_open:
            changes["agreed_actions_still_open"] = still_open
            summary += f". Agreed actions still open, still followed up: {len(still_open)}"
        record_event(c, EventKind.CLOSED, summary, changes, by=by)
    return case


def open_actions_warning(count: int) -> str:
    """What closing a case with agreed actions still open means, for the person closing it."""
    if count == 1:
        what, it, stays = "1 agreed action is", "it", "it stays"
    else:
        what, it, stays = f"{count} agreed actions are", "them", "they stay"
    return (
        f"{what} not recorded as done. The duty to carry {it} out continues after the case is "
        f"closed (SEND Regs reg 42): {stays} on the caseload and in reminders until done. Tick "
        "the box to close the case anyway."
    )


def reopen_case(case: Case, reason: str, expected_version: int | None = None, *, by: User) -> Case:
    if not reason.strip():
        raise CaseError("Give the reason for reopening the case.")
    with editing(case, expected_version) as c:
        check_transition(c.state, Transition.REOPEN)
        c.state = c.state_before_close or CaseState.ENQUIRY
        c.closed_on = None
        before = c.outcome
        c.outcome = outcome_on_reopening(c)
        changes: dict[str, object] = {"state": [CaseState.CLOSED, c.state]}
        if before != c.outcome:
            changes["outcome"] = [before, c.outcome]
        record_event(
            c,
            EventKind.REOPENED,
            f"Case reopened: {reason.strip()}",
            changes,
            by=by,
        )
    return case


def record_appeal(
    case: Case,
    registered_on: date,
    decision_kind: str,
    decision_notice_sent_on: date | None = None,
    expected_version: int | None = None,
    *,
    by: User,
) -> Appeal:
    """The tribunal registered the family's appeal against `decision_kind`, whose letter was sent
    on `decision_notice_sent_on` (the case's own letter date when it is the case's decision and
    none is given). LAs report appeals per request, assessment and other reasons in their SEN2
    return (accord.reports.sen2)."""
    if decision_kind not in DecisionKind.values:
        raise CaseError("Choose the decision appealed.", field="decision_kind")
    if decision_kind == DecisionKind.NON_EHC_DISAGREEMENT:
        raise CaseError(
            "A disagreement that is not about an EHC needs assessment or plan cannot be "
            "appealed to the SEND Tribunal (Children and Families Act 2014 s.51(2)).",
            field="decision_kind",
        )
    today = today_in_england()
    if registered_on > today:
        raise CaseError(
            "The date the tribunal registered the appeal must be today or in the past.",
            field="registered_on",
        )
    if decision_notice_sent_on is None and decision_kind == case.decision_kind:
        decision_notice_sent_on = case.decision_notice_sent_on
    if decision_notice_sent_on is not None:
        if decision_notice_sent_on > today:
            raise CaseError(
                "The date of the decision letter must be today or in the past.",
                field="decision_notice_sent_on",
            )
        if registered_on < decision_notice_sent_on:
            raise CaseError(
                "The tribunal cannot have registered an appeal before the decision letter was "
                f"sent ({decision_notice_sent_on:%-d %B %Y}).",
                field="registered_on",
            )
    with editing(case, expected_version) as c:
        appeal = Appeal.objects.create(
            case=c,
            registered_on=registered_on,
            decision_kind=decision_kind,
            decision_notice_sent_on=decision_notice_sent_on,
            recorded_by=by,
        )
        c.appeals_recorded = c.appeals.count()
        record_event(
            c,
            EventKind.APPEAL_LODGED,
            f"Appeal to the tribunal registered on {registered_on:%-d %B %Y}: "
            f"{DecisionKind(decision_kind).label}",
            {
                "registered_on": registered_on,
                "decision_kind": decision_kind,
                "decision_notice_sent_on": decision_notice_sent_on,
            },
            by=by,
        )
    return appeal


def remove_appeal(
    case: Case, appeal_id: int, expected_version: int | None = None, *, by: User
) -> Case:
    """A record of an appeal made in error is removed; the timeline keeps that it was."""
    with editing(case, expected_version) as c:
        appeal = Appeal.objects.filter(case=c, pk=appeal_id).first()
        if appeal is None:
            raise CaseError("That appeal is not recorded on this case.")
        registered_on = appeal.registered_on
        appeal.delete()
        c.appeals_recorded = c.appeals.count()
        record_event(
            c,
            EventKind.APPEAL_LODGED,
            f"Record of the appeal registered on {registered_on:%-d %B %Y} removed",
            {"registered_on": [registered_on, None]},
            by=by,
        )
    return case
