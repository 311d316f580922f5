"""Whether the statutory clocks were met: each clock due in a period, in time, late, overdue or
still running, and the late ones case by case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from accord.reports.routing import on_report_database
from accord.reports.scope import Period, Scope
from accord.reports.selectors.shared import in_period, rate


@dataclass(frozen=True)
class Timeliness:
    clock: str
    in_time: int
    late: int
    overdue: int
    running: int

    @property
    def due(self) -> int:
        """Clocks whose due date has come: done (in time or late) or overdue."""
        return self.in_time + self.late + self.overdue

    @property
    def in_time_rate(self) -> float | None:
        return rate(self.in_time, self.due)


def timeliness_counts(today: date) -> dict[str, Count]:
    """The counts of clocks in time, late, overdue and running, as of `today`."""
    done_in_time = Q(done_on__isnull=False) & (Q(done_on__lte=F("due_on")) | Q(excused=True))
    return {
        "in_time": Count("id", filter=done_in_time),
        "late": Count(
            "id", filter=Q(done_on__isnull=False, done_on__gt=F("due_on"), excused=False)
        ),
        "overdue": Count("id", filter=Q(done_on__isnull=True, due_on__lt=today)),
        "running": Count("id", filter=Q(done_on__isnull=True, due_on__gte=today)),
    }


def service_clocks(scope: Scope, period: Period) -> QuerySet[Any]:
    """The clocks the service and public bodies must meet (not the family's), due in the
    period."""
    return (
        scope.clocks()
        .filter(for_family=False, due_on__isnull=False)
        .filter(in_period(period, "due_on"))
    )


@on_report_database
def timeliness(scope: Scope, period: Period, today: date) -> list[Timeliness]:
    """Each statutory clock the service and public bodies must meet, due in the period."""
    rows = (
        service_clocks(scope, period)
        .values("clock")
        .annotate(**timeliness_counts(today))
        .order_by("clock")
    )
    return [
        Timeliness(r["clock"], r["in_time"], r["late"], r["overdue"], r["running"]) for r in rows
    ]


@dataclass(frozen=True)
class LateClock:
    reference: str
    clock: str
    due_on: date
    done_on: date | None
    days_late: int


@on_report_database
def late_clocks(scope: Scope, period: Period, today: date, limit: int = 200) -> list[LateClock]:
    """The clocks done late or overdue, most recent due date first (staff only: it names
    cases by reference)."""
    late = Q(done_on__isnull=False, done_on__gt=F("due_on"), excused=False) | Q(
        done_on__isnull=True, due_on__lt=today
    )
    rows = (
        service_clocks(scope, period)
        .filter(late)
        .order_by("-due_on", "case__reference")
        .values_list("case__reference", "clock", "due_on", "done_on")[:limit]
    )
    return [
        LateClock(ref, clock, due, done, ((done or today) - due).days)
        for ref, clock, due, done in rows
    ]
