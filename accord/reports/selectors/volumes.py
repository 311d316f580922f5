"""How many cases: open now by state and route, per local authority, and enquiries received."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from accord.cases.states import CaseState
from accord.reports.routing import on_report_database
from accord.reports.scope import Period, Scope
from accord.reports.selectors.shared import in_period


@on_report_database
def open_by_state_and_route(scope: Scope) -> list[dict[str, Any]]:
    """Open cases now, by state and route: [{state, route, count}]."""
    rows = (
        scope.cases()
        .exclude(state=CaseState.CLOSED)
        .values("state", "route")
        .annotate(count=Count("id"))
        .order_by("state", "route")
    )
    return list(rows)


@on_report_database
def cases_per_body(scope: Scope, period: Period) -> list[dict[str, Any]]:
    """Per LA: enquiries received in the period, and cases open now."""
    rows = (
        scope.cases()
        .values("local_authority__name")
        .annotate(
            received=Count("id", filter=in_period(period, "received_on")),
            open=Count("id", filter=~Q(state=CaseState.CLOSED)),
        )
        .filter(Q(received__gt=0) | Q(open__gt=0))
        .order_by("local_authority__name")
    )
    return [
        {"name": r["local_authority__name"], "received": r["received"], "open": r["open"]}
        for r in rows
    ]


@on_report_database
def received_by(scope: Scope, period: Period, field: str) -> list[dict[str, Any]]:
    """Enquiries received in the period grouped by a stored field (route, decision_kind,
    channel): [{value, count}]."""
    rows = (
        scope.cases()
        .filter(in_period(period, "received_on"))
        .values(field)
        .annotate(count=Count("id"))
        .order_by("-count", field)
    )
    return [{"value": r[field], "count": r["count"]} for r in rows]
