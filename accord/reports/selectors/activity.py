"""What the service did in a period: certificates issued, and meetings held by format."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from accord.documents.models import Certificate
from accord.meetings.models import MAIN_KINDS, Meeting
from accord.reports.routing import on_report_database
from accord.reports.scope import Period, Scope
from accord.reports.selectors.shared import in_period


@on_report_database
def certificates_issued(scope: Scope, period: Period) -> list[dict[str, Any]]:
    """Certificates issued in the period by kind (corrections are not new certificates)."""

    certificates = Certificate.objects.filter(
        provider_id=scope.provider_id, supersedes__isnull=True
    ).filter(in_period(period, "issued_on"))
    if scope.local_authority is not None:
        certificates = certificates.filter(case__local_authority_id=scope.local_authority.pk)
    if scope.health_body is not None:
        certificates = certificates.filter(case__health_body_id=scope.health_body.pk)
    rows = certificates.values("kind").annotate(count=Count("id")).order_by("kind")
    return [{"value": r["kind"], "count": r["count"]} for r in rows]


@on_report_database
def meetings_by_format(scope: Scope, period: Period) -> list[dict[str, Any]]:
    """Mediation and DR meetings held in the period, by kind and format (stored values)."""

    meetings = Meeting.objects.filter(
        case__in=scope.cases(),
        kind__in=list(MAIN_KINDS),
        cancelled_at__isnull=True,
        starts_at__date__gte=period.start,
        starts_at__date__lte=period.end,
    )
    rows = meetings.values("kind", "format").annotate(count=Count("id")).order_by("kind", "format")
    return list(rows)
