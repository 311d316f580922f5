"""Month by month, for the charts: enquiries, outcomes and timeliness, each counted as the
period's own figure counts it (`outcome_counts`, `clocks`), so a month and its year agree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth

from accord.cases.choices import MEETING_OUTCOMES, Outcome
from accord.reports.routing import on_report_database
from accord.reports.scope import Period, Scope
from accord.reports.selectors.clocks import service_clocks, timeliness_counts
from accord.reports.selectors.outcome_counts import AGREED, outcome_day
from accord.reports.selectors.shared import in_period, rate


@dataclass(frozen=True)
class Month:
    month: date
    enquiries: int = 0
    agreed: int = 0
    not_agreed: int = 0
    other_outcomes: int = 0
    clocks_due: int = 0
    clocks_in_time: int = 0

    @property
    def in_time_rate(self) -> float | None:
        return rate(self.clocks_in_time, self.clocks_due)


def _months(period: Period) -> list[date]:
    months = []
    current = date(period.start.year, period.start.month, 1)
    while current <= period.end:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


def _month_key(value: Any) -> date:
    day = value.date() if hasattr(value, "date") and callable(value.date) else value
    return date(day.year, day.month, 1)


@on_report_database
def by_month(scope: Scope, period: Period, today: date) -> list[Month]:
    """Enquiries, outcomes and timeliness month by month (3 grouped queries)."""
    enquiries = {
        _month_key(r["month"]): r["count"]
        for r in scope.cases()
        .filter(in_period(period, "received_on"))
        .annotate(month=TruncMonth("received_on"))
        .values("month")
        .annotate(count=Count("id"))
        .order_by()
    }
    outcome_rows = (
        scope.cases()
        .exclude(outcome="")
        .annotate(outcome_on=outcome_day())
        .filter(in_period(period, "outcome_on"))
        .annotate(month=TruncMonth("outcome_on"))
        .values("month")
        .annotate(
            agreed=Count("id", filter=Q(outcome__in=list(AGREED))),
            not_agreed=Count("id", filter=Q(outcome=Outcome.NO_AGREEMENT)),
            other=Count("id", filter=~Q(outcome__in=list(MEETING_OUTCOMES))),
        )
        .order_by()
    )
    outcomes_by = {_month_key(r["month"]): r for r in outcome_rows}
    counts = timeliness_counts(today)
    clock_rows = (
        service_clocks(scope, period)
        .annotate(month=TruncMonth("due_on"))
        .values("month")
        .annotate(in_time=counts["in_time"], late=counts["late"], overdue=counts["overdue"])
        .order_by()
    )
    clocks_by = {_month_key(r["month"]): r for r in clock_rows}
    months = []
    for month in _months(period):
        o = outcomes_by.get(month, {})
        c = clocks_by.get(month, {})
        months.append(
            Month(
                month=month,
                enquiries=enquiries.get(month, 0),
                agreed=o.get("agreed", 0),
                not_agreed=o.get("not_agreed", 0),
                other_outcomes=o.get("other", 0),
                clocks_due=c.get("in_time", 0) + c.get("late", 0) + c.get("overdue", 0),
                clocks_in_time=c.get("in_time", 0),
            )
        )
    return months
