"""The national (SEN2) return and appeals: mediation cases held, and how many were followed by
an appeal to the tribunal (rules.md, Reporting)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q

from accord.cases.choices import MEETING_OUTCOMES, Route
from accord.reports.routing import on_report_database
from accord.reports.scope import Period, Scope
from accord.reports.selectors.shared import in_period


def _mediation_held(period: Period) -> Q:
    # SEN2: mediation cases held (the LA's mediation route; a meeting reached an outcome).
    return Q(route=Route.MEDIATION, outcome__in=list(MEETING_OUTCOMES)) & in_period(
        period, "mediation_concluded_on"
    )


def _appeal_followed() -> Q:
    return Q(appeal_lodged_on__isnull=False, appeal_lodged_on__gte=F("mediation_concluded_on"))


@dataclass(frozen=True)
class NationalReturn:
    """SEN2 items for one LA and calendar year."""

    local_authority: str
    year: int
    mediations_held: int
    followed_by_appeal: int


@on_report_database
def national_return(scope: Scope, year: int) -> list[NationalReturn]:
    """Per LA (one row for a commissioner's LA): mediation cases held in the calendar year and
    how many of them were followed by an appeal to the tribunal (rules.md, Reporting)."""
    period = Period(date(year, 1, 1), date(year, 12, 31))
    rows = (
        scope.cases()
        .filter(_mediation_held(period))
        .values("local_authority__name")
        .annotate(held=Count("id"), appealed=Count("id", filter=_appeal_followed()))
        .order_by("local_authority__name")
    )
    return [
        NationalReturn(r["local_authority__name"], year, r["held"], r["appealed"]) for r in rows
    ]


@on_report_database
def appeals(scope: Scope, period: Period) -> dict[str, int]:
    """Appeals known to have been lodged in the period, and of the mediations held in the
    period how many were followed by one."""
    return scope.cases().aggregate(
        lodged=Count("id", filter=in_period(period, "appeal_lodged_on")),
        mediations_held=Count("id", filter=_mediation_held(period)),
        followed_by_appeal=Count("id", filter=_mediation_held(period) & _appeal_followed()),
    )
