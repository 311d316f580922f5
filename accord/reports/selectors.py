"""The report figures, each computed by the database (aggregations), never by loading cases.

Every public function takes a `Scope` (whose cases) and usually a `Period`, returns plain data
(already evaluated, so its queries run on the report database: see accord.reports.routing), and
groups by the stored values, so a new category (a new meeting format, a new outcome) appears in
the figures without a change here ("report categories can grow", product.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Min,
    Q,
    QuerySet,
)
from django.db.models.functions import Coalesce, TruncMonth

from accord.cases.choices import MEETING_OUTCOMES, Outcome, Route
from accord.cases.states import CaseState
from accord.documents.models import Certificate
from accord.meetings.models import MAIN_KINDS, Meeting
from accord.reports.routing import on_report_database
from accord.reports.scope import Period, Scope

AGREED = (Outcome.FULL_AGREEMENT, Outcome.PARTIAL_AGREEMENT)


def _in(period: Period, field: str) -> Q:
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


def rate(part: int, whole: int) -> float | None:
    """A percentage to one decimal place, or None when there is nothing to divide by."""
    return round(100 * part / whole, 1) if whole else None


# --- volumes ------------------------------------------------------------------------------------


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
            received=Count("id", filter=_in(period, "received_on")),
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
        .filter(_in(period, "received_on"))
        .values(field)
        .annotate(count=Count("id"))
        .order_by("-count", field)
    )
    return [{"value": r[field], "count": r["count"]} for r in rows]


# --- outcomes -----------------------------------------------------------------------------------


def _outcome_day() -> Coalesce:
    """The day an outcome was reached: the meeting's conclusion, or else the case's closure."""
    return Coalesce("mediation_concluded_on", "closed_on")


@dataclass(frozen=True)
class Outcomes:
    counts: dict[str, int]  # stored outcome value -> cases

    @property
    def meetings(self) -> int:
        return sum(self.counts.get(o, 0) for o in MEETING_OUTCOMES)

    @property
    def agreed(self) -> int:
        return sum(self.counts.get(o, 0) for o in AGREED)

    @property
    def agreement_rate(self) -> float | None:
        """Full or partial agreement, out of the meetings that reached an outcome."""
        return rate(self.agreed, self.meetings)


@on_report_database
def outcomes(scope: Scope, period: Period) -> Outcomes:
    rows = (
        scope.cases()
        .exclude(outcome="")
        .annotate(outcome_on=_outcome_day())
        .filter(_in(period, "outcome_on"))
        .values("outcome")
        .annotate(count=Count("id"))
        .order_by("outcome")
    )
    return Outcomes({r["outcome"]: r["count"] for r in rows})


# --- timeliness ---------------------------------------------------------------------------------


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


def _timeliness_counts(today: date) -> dict[str, Count]:
    done_in_time = Q(done_on__isnull=False) & (Q(done_on__lte=F("due_on")) | Q(excused=True))
    return {
        "in_time": Count("id", filter=done_in_time),
        "late": Count(
            "id", filter=Q(done_on__isnull=False, done_on__gt=F("due_on"), excused=False)
        ),
        "overdue": Count("id", filter=Q(done_on__isnull=True, due_on__lt=today)),
        "running": Count("id", filter=Q(done_on__isnull=True, due_on__gte=today)),
    }


def _service_clocks(scope: Scope, period: Period) -> QuerySet[Any]:
    return (
        scope.clocks().filter(for_family=False, due_on__isnull=False).filter(_in(period, "due_on"))
    )


@on_report_database
def timeliness(scope: Scope, period: Period, today: date) -> list[Timeliness]:
    """Each statutory clock the service and public bodies must meet, due in the period."""
    rows = (
        _service_clocks(scope, period)
        .values("clock")
        .annotate(**_timeliness_counts(today))
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
        _service_clocks(scope, period)
        .filter(late)
        .order_by("-due_on", "case__reference")
        .values_list("case__reference", "clock", "due_on", "done_on")[:limit]
    )
    return [
        LateClock(ref, clock, due, done, ((done or today) - due).days)
        for ref, clock, due, done in rows
    ]


# --- time taken ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimeTaken:
    cases: int
    median_days: int | None
    p90_days: int | None


def _nearest_rank(queryset: QuerySet[Any], fraction: float, count: int) -> int | None:
    """The value at the nearest rank (the smallest value with at least `fraction` of the
    values at or below it), fetched by the database with ORDER BY … OFFSET."""
    if count == 0:
        return None
    offset = max(math.ceil(fraction * count), 1) - 1
    value: timedelta = queryset.values_list("days", flat=True)[offset]
    return value.days


def _time_taken(queryset: QuerySet[Any]) -> TimeTaken:
    ordered = queryset.filter(days__isnull=False).order_by("days")
    count = ordered.count()
    return TimeTaken(count, _nearest_rank(ordered, 0.5, count), _nearest_rank(ordered, 0.9, count))


@on_report_database
def enquiry_to_information(scope: Scope, period: Period) -> TimeTaken:
    """Days from the enquiry to the first information and advice (MIAS) call held, for cases
    whose first call was in the period."""
    cases = (
        scope.cases()
        .annotate(first_call=Min("mias_calls__held_on"))
        .filter(first_call__isnull=False)
        .filter(_in(period, "first_call"))
        .annotate(
            days=ExpressionWrapper(F("first_call") - F("received_on"), output_field=DurationField())
        )
    )
    return _time_taken(cases)


@on_report_database
def enquiry_to_meeting(scope: Scope, period: Period) -> TimeTaken:
    """Days from the enquiry to the day the mediation or DR meeting concluded, for meetings
    concluded in the period."""
    cases = (
        scope.cases()
        .filter(_in(period, "mediation_concluded_on"))
        .annotate(
            days=ExpressionWrapper(
                F("mediation_concluded_on") - F("received_on"), output_field=DurationField()
            )
        )
    )
    return _time_taken(cases)


# --- appeals and the national return ------------------------------------------------------------


def _mediation_held(year_or_period: Period) -> Q:
    # SEN2: mediation cases held (the LA's mediation route; a meeting reached an outcome).
    return Q(route=Route.MEDIATION, outcome__in=list(MEETING_OUTCOMES)) & _in(
        year_or_period, "mediation_concluded_on"
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
        lodged=Count("id", filter=_in(period, "appeal_lodged_on")),
        mediations_held=Count("id", filter=_mediation_held(period)),
        followed_by_appeal=Count("id", filter=_mediation_held(period) & _appeal_followed()),
    )


# --- certificates and meetings ------------------------------------------------------------------


@on_report_database
def certificates_issued(scope: Scope, period: Period) -> list[dict[str, Any]]:
    """Certificates issued in the period by kind (corrections are not new certificates)."""

    certificates = Certificate.objects.filter(
        provider_id=scope.provider_id, supersedes__isnull=True
    ).filter(_in(period, "issued_on"))
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


# --- by month (charts) --------------------------------------------------------------------------


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
        .filter(_in(period, "received_on"))
        .annotate(month=TruncMonth("received_on"))
        .values("month")
        .annotate(count=Count("id"))
        .order_by()
    }
    outcome_rows = (
        scope.cases()
        .exclude(outcome="")
        .annotate(outcome_on=_outcome_day())
        .filter(_in(period, "outcome_on"))
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
    counts = _timeliness_counts(today)
    clock_rows = (
        _service_clocks(scope, period)
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
