"""Steps that end the casework: the meeting's outcome, closing the case, reopening it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse

from accord.cases import selectors, services
from accord.cases.choices import Outcome
from accord.cases.clock_facts import clock_facts_for
from accord.cases.clocks import CaseDeadline, open_agreed_actions
from accord.cases.closing_outcome import closing_outcomes, what_happened
from accord.cases.forms.closing import CloseForm, OutcomeForm, ReopenForm
from accord.cases.models import Case
from accord.cases.steps import StepWarning, shown_version, step_form
from accord.cases.views import actor_of, membership_of
from accord.organisations.access import roles
from accord.organisations.roles import CASEWORKERS, STAFF
from accord.rules import today_in_england


@roles(CASEWORKERS)
def record_outcome(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.record_outcome(
            case, d["outcome"], d["concluded_on"], shown_version(d), by=actor_of(request)
        )

    return step_form(
        request,
        reference,
        OutcomeForm,
        "Record the meeting outcome",
        act,
        done="Meeting outcome recorded",
        section="deadlines",
        initial={"concluded_on": today_in_england()},
        then=_write_the_agreement,
    )


def _write_the_agreement(case: Case, d: dict[str, Any]) -> str:
    """What was agreed is written down next (SEND Regs reg 42): after a full or partial
    agreement, the agreement's form (accord.documents, by its URL name) follows at once."""
    if d["outcome"] not in (Outcome.FULL_AGREEMENT, Outcome.PARTIAL_AGREEMENT):
        return ""
    try:
        return reverse("documents:start_agreement", args=[case.reference])
    except NoReverseMatch:
        return ""


@roles(STAFF)
def close(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.close_case(
            case,
            d["outcome"],
            d["reason"],
            expected_version=shown_version(d),
            by=actor_of(request),
            confirm_open_actions=d.get("confirm_open_actions", False),
            override_reason=d.get("override_reason", ""),
        )

    case = selectors.case_for(membership_of(request), reference)
    offer = closing_outcomes(what_happened(case))
    still_open = open_agreed_actions(clock_facts_for(case))
    warnings = []
    if still_open:
        warnings.append(
            StepWarning(
                "These agreed actions are not recorded as done. The duty to carry them out "
                "continues after the case is closed (SEND Regs reg 42): they stay on the "
                "caseload and in reminders until they are recorded as done.",
                items=tuple((_action_words(d), "") for d in still_open),
            )
        )
    return step_form(
        request,
        reference,
        CloseForm,
        "Close the case",
        act,
        done="Case closed",
        section="next-steps",
        form_kwargs={"open_actions": bool(still_open), "offered": offer.offered},
        initial={"outcome": offer.follows},
        warnings=warnings,
    )


def _action_words(deadline: CaseDeadline) -> str:
    due = f"due {deadline.due:%-d %B %Y}" if deadline.due else "due immediately"
    action = deadline.agreed.action if deadline.agreed else deadline.label
    return f"{action} ({deadline.who}, {due})"


@roles(STAFF)
def reopen(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.reopen_case(case, d["reason"], shown_version(d), by=actor_of(request))

    return step_form(
        request,
        reference,
        ReopenForm,
        "Reopen the case",
        act,
        done="Case reopened",
        section="next-steps",
    )
