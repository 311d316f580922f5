"""Triage: a caseworker confirms the route the rules suggested (accord.cases.triage), or chooses
another and says why."""

from __future__ import annotations

from accord.cases.choices import Route
from accord.cases.models import Case
from accord.cases.services.writing import CaseError, changes_to, editing, move
from accord.cases.states import Transition
from accord.cases.timeline import EventKind, record_event
from accord.organisations.models import User


def confirm_route(
    case: Case, route: str, reason: str = "", expected_version: int | None = None, *, by: User
) -> Case:
    if route not in Route.values:
        raise CaseError("Choose a route.")
    if case.suggested_route and route != case.suggested_route and not reason.strip():
        raise CaseError("Give a reason for choosing a different route from the one suggested.")
    with editing(case, expected_version) as c:
        move(c, Transition.TRIAGE)
        changes = changes_to(c, {"route": route})
        c.route = route
        c.route_override_reason = reason.strip() if route != c.suggested_route else ""
        record_event(c, EventKind.TRIAGE, f"Route confirmed: {Route(route).label}", changes, by=by)
    return case
