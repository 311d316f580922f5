"""Complaints about the service (accord.cases.concerns.Complaint) in a period: received,
answered (in time or late, against the response time the provider set), by outcome, and those
open past their due date. A report for one body counts the complaints about its cases only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q, QuerySet

from accord.cases.models import Complaint
from accord.reports.routing import on_report_database
from accord.reports.scope import Period, Scope
from accord.reports.selectors.shared import in_period


@dataclass(frozen=True)
class ComplaintCounts:
    received: int
    answered: int
    answered_in_time: int
    answered_late: int
    # Not answered, and past the day the answer was due.
    overdue: int
    by_outcome: dict[str, int]


def _complaints(scope: Scope) -> QuerySet[Complaint]:
    complaints = Complaint.objects.filter(provider_id=scope.provider_id)
    if scope.local_authority is not None or scope.health_body is not None:
        complaints = complaints.filter(case__in=scope.cases())
    return complaints


@on_report_database
def complaint_counts(scope: Scope, period: Period, today: date) -> ComplaintCounts:
    complaints = _complaints(scope)
    answered = complaints.filter(in_period(period, "answered_on"))
    totals = answered.aggregate(
        answered=Count("id"),
        in_time=Count("id", filter=Q(answered_on__lte=F("respond_by"))),
    )
    outcomes = {
        r["outcome"]: r["count"]
        for r in answered.values("outcome").annotate(count=Count("id")).order_by("outcome")
    }
    return ComplaintCounts(
        received=complaints.filter(in_period(period, "received_on")).count(),
        answered=totals["answered"],
        answered_in_time=totals["in_time"],
        answered_late=totals["answered"] - totals["in_time"],
        overdue=complaints.filter(answered_on__isnull=True, respond_by__lt=today).count(),
        by_outcome=outcomes,
    )
