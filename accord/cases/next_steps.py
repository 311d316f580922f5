"""The case's next steps, the one a running statutory clock asks for first.

Each step says which clocks it keeps (`keeps`). A step that keeps a clock still running on the
case goes to the top, nearest due date first, with that date beside it: "Issue the certificate"
is the first thing a coordinator sees on the day it is due, wherever its form lives. The rest
follow in the order they are declared.

The case's own steps are here; higher apps add theirs (meetings: the advice call and the
meeting; documents: the certificates) with `register_next_steps` in their AppConfig.ready
(docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse

from accord import rules
from accord.cases.choices import Route
from accord.cases.clocks import CaseDeadline
from accord.cases.models import Case
from accord.cases.states import CaseState, Transition, allowed_transitions
from accord.organisations.models import Membership
from accord.organisations.roles import STAFF


@dataclass(frozen=True)
class NextStep:
    label: str
    url: str
    keeps: frozenset[rules.Clock] = frozenset()  # the statutory clocks this step meets
    detail: str = ""  # a few words after the link, e.g. "(cancel the booked meeting first)"


@dataclass(frozen=True)
class ShownStep:
    """A step as the case page shows it: with the due date of the running clock it keeps."""

    step: NextStep
    due: date | None = None
    clock: rules.Clock | None = None
    running: bool = field(default=False)

    @property
    def label(self) -> str:
        return self.step.label

    @property
    def url(self) -> str:
        return self.step.url

    @property
    def detail(self) -> str:
        return self.step.detail


StepSource = Callable[[Case, Membership], Iterable[NextStep]]
_SOURCES: dict[str, StepSource] = {}


def register_next_steps(name: str, source: StepSource) -> None:
    """Adds the next steps an app offers (called from its AppConfig.ready; once per name)."""
    _SOURCES[name] = source


def _url(name: str, case: Case) -> str:
    return reverse(name, args=[case.reference])


ARRANGING = (CaseState.ARRANGING, CaseState.MEETING_BOOKED)
NOTICE_CLOCKS = frozenset({rules.Clock.HEALTH_BODIES_NOTICE, rules.Clock.ICB_TELLS_LA})
MEDIATION_CLOCKS = frozenset(
    {rules.Clock.MEDIATION_HELD_LA, rules.Clock.MEDIATION_HELD_HEALTH_ONLY}
)


def _route_steps(case: Case, transitions: set[str]) -> list[NextStep]:
    steps: list[NextStep] = []
    if Transition.TRIAGE in transitions:
        steps.append(
            NextStep(
                "Confirm the route",
                _url("cases:route", case),
                detail=f"(suggested: {case.get_suggested_route_display()})",
            )
        )
    if Transition.FAMILY_DECLINES_MEDIATION in transitions or Transition.HOLD_MIAS in transitions:
        steps.append(
            NextStep(
                "Record the family's decision after information and advice",
                _url("cases:family_choice", case),
            )
        )
    if Transition.START_DR in transitions and case.route == Route.DISAGREEMENT_RESOLUTION:
        steps.append(
            NextStep("Start arranging disagreement resolution", _url("cases:start_dr", case))
        )
    return steps


def _arranging_steps(case: Case) -> list[NextStep]:
    if case.state not in ARRANGING:
        return []
    risk = ""
    if case.risk_assessed_on:
        risk = f"(done {case.risk_assessed_on:%-d %b %Y}: {case.get_risk_level_display()})"
    steps = [
        NextStep(
            "Record when the LA (and health body) were told",
            _url("cases:la_notified", case),
            keeps=NOTICE_CLOCKS,
        ),
        NextStep("Risk assessment", _url("cases:risk", case), detail=risk),
    ]
    if case.route != Route.DISAGREEMENT_RESOLUTION:
        steps.append(
            NextStep(
                # The way out when the meeting cannot be booked in time, not the step that
                # meets the 30-day clock: it follows the booking.
                "Mediation cannot be held within 30 days",
                _url("cases:cannot_hold", case),
            )
        )
    if case.family_choice == "mediation" and case.certificate_needed:
        booked = case.state == CaseState.MEETING_BOOKED
        steps.append(
            NextStep(
                "The family is no longer pursuing mediation",
                _url("cases:not_pursued", case),
                detail="(cancel the booked meeting first)" if booked else "",
            )
        )
    return steps


def _case_steps(case: Case) -> list[NextStep]:
    transitions = {t.value for t in allowed_transitions(CaseState(case.state))}
    steps = _route_steps(case, transitions) + _arranging_steps(case)
    if case.state == CaseState.CERTIFICATE_DUE and case.mediation_not_pursued_on:
        steps.append(
            NextStep(
                "Correct or undo the record that the family is no longer pursuing mediation",
                _url("cases:correct_not_pursued", case),
                detail=f"({case.get_not_pursued_how_display().lower()}, "
                f"{case.mediation_not_pursued_on:%-d %b %Y})",
            )
        )
    if Transition.RECORD_OUTCOME in transitions:
        steps.append(NextStep("Record the meeting outcome", _url("cases:outcome", case)))
    return steps


def _last_steps(case: Case) -> list[NextStep]:
    """Closing or reopening, then what can be done at any time: after every other step."""
    transitions = allowed_transitions(CaseState(case.state))
    steps = []
    if Transition.CLOSE in transitions:
        steps.append(NextStep("Close the case", _url("cases:close", case)))
    if Transition.REOPEN in transitions:
        steps.append(NextStep("Reopen the case", _url("cases:reopen", case)))
    return [
        *steps,
        NextStep("Assign people", _url("cases:assign", case)),
        NextStep("Change the date of the decision letter", _url("cases:decision_date", case)),
    ]


def _shown(step: NextStep, running: dict[rules.Clock, CaseDeadline]) -> ShownStep:
    kept = [running[clock] for clock in step.keeps if clock in running]
    if not kept:
        return ShownStep(step)
    first = min(kept, key=lambda d: d.due or date.min)
    return ShownStep(step, due=first.due, clock=first.clock, running=True)


def next_steps_for(
    case: Case, membership: Membership, deadlines: Iterable[CaseDeadline]
) -> list[ShownStep]:
    """Every step the person may take now: those keeping a running clock first, nearest due
    first (a clock due "immediately" before any date), then the rest as declared."""
    running = {d.clock: d for d in deadlines if d.is_open and d.agreed is None and not d.for_family}
    if membership.role_enum not in STAFF:
        return []
    offered = _case_steps(case)
    for source in _SOURCES.values():
        offered.extend(source(case, membership))
    offered.extend(_last_steps(case))
    shown = [_shown(step, running) for step in offered]
    urgent = sorted((s for s in shown if s.running), key=lambda s: s.due or date.min)
    return urgent + [s for s in shown if not s.running]
