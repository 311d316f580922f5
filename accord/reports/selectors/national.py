"""Appeals to the tribunal in the commissioner report: appeals registered in the period, and of
the mediations held in the period how many were followed by one (rules.md, Reporting). The SEN2
return itself, person-level since 2023, is accord.reports.selectors.sen2."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q

from accord.cases.choices import MEETING_OUTCOMES, Route
from accord.cases.models import Appeal
from accord.reports.routing import on_report_database
from accord.reports.scope import Period, Scope
from accord.reports.selectors.shared import in_period


def mediation_held(period: Period) -> Q:
    # SEN2: mediation cases held (the LA's mediation route; a meeting reached an outcome).
    return Q(route=Route.MEDIATION, outcome__in=list(MEETING_OUTCOMES)) & in_period(
        period, "mediation_concluded_on"
    )


def _appeal_followed() -> Exists:
    return Exists(
        Appeal.objects.filter(
            case_id=OuterRef("pk"), registered_on__gte=OuterRef("mediation_concluded_on")
        )
    )


@on_report_database
def appeals(scope: Scope, period: Period) -> dict[str, int]:
    """Appeals the tribunal registered in the period (as the service was told of them), and of
    the mediations held in the period how many were followed by one."""
    lodged = Appeal.objects.filter(in_period(period, "registered_on"), case__in=scope.cases())
    held = scope.cases().filter(mediation_held(period))
    counts = held.aggregate(
        mediations_held=Count("id"),
        followed_by_appeal=Count("id", filter=Q(_appeal_followed())),
    )
    return {"lodged": lodged.count(), **counts}
