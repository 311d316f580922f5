"""The report figures read from the summary tables (accord.reports.summary) instead of
aggregating every case: same names, arguments and results as the fresh selectors in the
modules beside this one, which stay as the definition each figure is tested against
(tests/reports/test_summary.py). A few hundred rows per report, whatever the caseload.

Not here (still aggregated fresh, as they must be): the late clocks case by case (a list of
references, read through the clocks' due-date index) and the SEN2 return
(accord.reports.selectors.national).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, cast

from django.db import connections
from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from accord.cases.choices import MEETING_OUTCOMES, Outcome, Route
from accord.reports import summary
from accord.reports.feedback import FeedbackRow
from accord.reports.models import CaseTally
from accord.reports.routing import on_report_database
from accord.reports.scope import Period, Scope
from accord.reports.selectors import volumes
from accord.reports.selectors.clocks import Timeliness
from accord.reports.selectors.monthly import Month, _month_key, _months
from accord.reports.selectors.outcome_counts import AGREED, Outcomes
from accord.reports.selectors.time_taken import TimeTaken

# received_by(field): the measure each grouping is kept in.
RECEIVED_MEASURES = {
    "route": "received",
    "decision_kind": "received_decision",
    "channel": "received_channel",
}


def _month_after(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def whole_months(period: Period, exact: date | None = None) -> list[date]:
    """The months wholly inside the period (their 1st days), but not the month of `exact`
    (whose figures depend on the very day)."""
    months = []
    month = period.start if period.start.day == 1 else _month_after(period.start)
    while _month_after(month) - timedelta(days=1) <= period.end:
        if exact is None or (exact.year, exact.month) != (month.year, month.month):
            months.append(month)
        month = _month_after(month)
    return months


def _ranges(period: Period, exact: date | None) -> list[tuple[str, date, date]]:
    """(grain, first, last): runs of whole months read from their monthly rows (first and last
    being 1st days), and the other days of the period read day by day."""
    months = whole_months(period, exact)
    ranges: list[tuple[str, date, date]] = []
    start = period.start
    for month in months:
        if start < month:
            ranges.append(("d", start, month - timedelta(days=1)))
        if ranges and ranges[-1][0] == "m" and _month_after(ranges[-1][2]) == month:
            ranges[-1] = ("m", ranges[-1][1], month)
        else:
            ranges.append(("m", month, month))
        start = _month_after(month)
    if start <= period.end:
        ranges.append(("d", start, period.end))
    return ranges


Tallies = Sequence[QuerySet[Any]]


def tallies(
    scope: Scope, measure: str, period: Period | None = None, exact: date | None = None
) -> Tallies:
    """The scope's rows of a measure for the period, as one query per run of days or months
    (each an index range; `_grouped` adds them up in one UNION ALL)."""
    rows = CaseTally.objects.filter(provider_id=scope.provider_id)
    if measure:
        rows = rows.filter(measure=measure)
    if scope.local_authority is not None:
        rows = rows.filter(local_authority_id=scope.local_authority.pk)
    if scope.health_body is not None:
        rows = rows.filter(health_body_id=scope.health_body.pk)
    if period is None:
        return [rows.filter(grain="d")]
    return [
        rows.filter(grain=grain, day__gte=first, day__lte=last)
        for grain, first, last in _ranges(period, exact)
    ]


def _grouped(parts: Tallies, *fields: str, **sums: Any) -> list[dict[str, Any]]:
    """SUM(count) grouped by `fields` over every part, groups whose counts cancel out left
    out."""
    sums = sums or {"count": Sum("count")}
    if not parts:
        return []
    queries = [part.values(*fields).annotate(**sums).order_by() for part in parts]
    combined = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
    totals: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in combined:
        key = tuple(row[f] for f in fields)
        total = totals.setdefault(key, {**{f: row[f] for f in fields}, **dict.fromkeys(sums, 0)})
        for name in sums:
            total[name] += row[name] or 0
    return [r for r in totals.values() if any(r[name] for name in sums)]


@on_report_database
def open_by_state_and_route(scope: Scope) -> list[dict[str, Any]]:
    rows = _grouped(tallies(scope, "open"), "value", "value2")
    out = [{"state": r["value"], "route": r["value2"], "count": r["count"]} for r in rows]
    return sorted(out, key=lambda r: (r["state"], r["route"]))


@on_report_database
def cases_per_body(scope: Scope, period: Period) -> list[dict[str, Any]]:
    received = {
        r["local_authority__name"]: r["count"]
        for r in _grouped(tallies(scope, "received", period), "local_authority__name")
    }
    still_open = {
        r["local_authority__name"]: r["count"]
        for r in _grouped(tallies(scope, "open"), "local_authority__name")
    }
    names = sorted(set(received) | set(still_open))
    return [
        {"name": n, "received": received.get(n, 0), "open": still_open.get(n, 0)} for n in names
    ]


@on_report_database
def received_by(scope: Scope, period: Period, field: str) -> list[dict[str, Any]]:
    if field not in RECEIVED_MEASURES:
        return volumes.received_by(scope, period, field)
    rows = _grouped(tallies(scope, RECEIVED_MEASURES[field], period), "value")
    out = [{"value": r["value"], "count": r["count"]} for r in rows]
    return sorted(out, key=lambda r: (-r["count"], r["value"]))


@on_report_database
def outcomes(scope: Scope, period: Period) -> Outcomes:
    rows = _grouped(tallies(scope, "outcome", period), "value")
    return Outcomes({r["value"]: r["count"] for r in sorted(rows, key=lambda r: r["value"])})


def _clock_sums(today: date) -> dict[str, Sum]:
    return {
        "in_time": Sum("count", filter=Q(value2="in_time")),
        "late": Sum("count", filter=Q(value2="late")),
        "overdue": Sum("count", filter=Q(value2="open", day__lt=today)),
        "running": Sum("count", filter=Q(value2="open", day__gte=today)),
    }


@on_report_database
def timeliness(scope: Scope, period: Period, today: date) -> list[Timeliness]:
    rows = _grouped(tallies(scope, "clock", period, today), "value", **_clock_sums(today))
    return [
        Timeliness(
            r["value"], r["in_time"] or 0, r["late"] or 0, r["overdue"] or 0, r["running"] or 0
        )
        for r in sorted(rows, key=lambda r: r["value"])
    ]


@on_report_database
def by_month(scope: Scope, period: Period, today: date) -> list[Month]:
    def monthly(measure: str, **sums: Any) -> dict[date, dict[str, Any]]:
        parts = [
            p.annotate(month=TruncMonth("day")) for p in tallies(scope, measure, period, today)
        ]
        return {_month_key(r["month"]): r for r in _grouped(parts, "month", **sums)}

    enquiries = monthly("received")
    outcome_rows = monthly(
        "outcome",
        agreed=Sum("count", filter=Q(value__in=list(AGREED))),
        not_agreed=Sum("count", filter=Q(value=Outcome.NO_AGREEMENT)),
        other=Sum("count", filter=~Q(value__in=list(MEETING_OUTCOMES))),
    )
    sums = _clock_sums(today)
    clock_rows = monthly(
        "clock", in_time=sums["in_time"], late=sums["late"], overdue=sums["overdue"]
    )
    months = []
    for month in _months(period):
        o = outcome_rows.get(month, {})
        c = clock_rows.get(month, {})
        months.append(
            Month(
                month=month,
                enquiries=enquiries.get(month, {}).get("count") or 0,
                agreed=o.get("agreed") or 0,
                not_agreed=o.get("not_agreed") or 0,
                other_outcomes=o.get("other") or 0,
                clocks_due=(c.get("in_time") or 0) + (c.get("late") or 0) + (c.get("overdue") or 0),
                clocks_in_time=c.get("in_time") or 0,
            )
        )
    return months


def _from_histogram(rows: Tallies) -> TimeTaken:
    """Count, median and 90th percentile (nearest rank, as time_taken takes them) from the
    number of cases at each number of days."""
    histogram = sorted((r["number"], r["count"]) for r in _grouped(rows, "number"))
    histogram = [(days, n) for days, n in histogram if days is not None]
    count = sum(n for _days, n in histogram)

    def rank(fraction: float) -> int | None:
        if count == 0:
            return None
        wanted = max(math.ceil(fraction * count), 1)
        seen = 0
        for days, n in histogram:
            seen += n
            if seen >= wanted:
                return int(days)
        return None

    return TimeTaken(count, rank(0.5), rank(0.9))


@on_report_database
def enquiry_to_information(scope: Scope, period: Period) -> TimeTaken:
    return _from_histogram(tallies(scope, "first_call", period))


@on_report_database
def enquiry_to_meeting(scope: Scope, period: Period) -> TimeTaken:
    return _from_histogram(tallies(scope, "concluded_days", period))


@on_report_database
def appeals(scope: Scope, period: Period) -> dict[str, int]:
    held = Q(measure="concluded", value=Route.MEDIATION, value2__in=list(MEETING_OUTCOMES))
    parts = [p.filter(measure__in=["appeal", "concluded"]) for p in tallies(scope, "", period)]
    rows = _grouped(
        parts,
        "provider_id",
        lodged=Sum("count", filter=Q(measure="appeal")),
        held=Sum("count", filter=held),
        followed=Sum("count", filter=held & Q(value3="appealed")),
    )
    sums = rows[0] if rows else {}
    return {
        "lodged": sums.get("lodged", 0),
        "mediations_held": sums.get("held", 0),
        "followed_by_appeal": sums.get("followed", 0),
    }


@on_report_database
def certificates_issued(scope: Scope, period: Period) -> list[dict[str, Any]]:
    rows = _grouped(tallies(scope, "certificate", period), "value")
    return sorted(
        ({"value": r["value"], "count": r["count"]} for r in rows), key=lambda r: r["value"]
    )


@on_report_database
def meetings_by_format(scope: Scope, period: Period) -> list[dict[str, Any]]:
    rows = _grouped(tallies(scope, "meeting", period), "value", "value2")
    out = [{"kind": r["value"], "format": r["value2"], "count": r["count"]} for r in rows]
    return sorted(out, key=lambda r: (r["kind"], r["format"]))


def _mean(total: int, count: int, alias: str) -> float | None:
    """The mean as the database's own AVG gives it: exact decimal on PostgreSQL (typed as the
    float it stands for, as the fresh figure's is), a float on SQLite, so a mean ending in 5 is
    rounded for the page as the fresh figure is."""
    if not count:
        return None
    if connections[alias].vendor == "postgresql":
        return cast(float, Decimal(total) / Decimal(count))
    return total / count


@on_report_database
def feedback_scores(scope: Scope, period: Period) -> list[FeedbackRow] | None:
    """As accord.reports.feedback.feedback_scores: per respondent role, the responses given in
    the period and the mean of each score, from the number of answers at each score."""
    if summary.feedback_model() is None:
        return None
    parts = tallies(scope, "feedback", period)
    sums: dict[str, dict[str, list[int]]] = {}
    for r in _grouped(parts, "value", "value2", "number"):
        total = sums.setdefault(r["value"], {}).setdefault(r["value2"], [0, 0])
        total[0] += r["number"] * r["count"]
        total[1] += r["count"]
    alias = parts[0].db if parts else "default"
    rows = []
    for role in sorted(sums):
        scores = {name: sums[role].get(name, [0, 0]) for name in summary.FEEDBACK_SCORES}
        responses = scores["satisfied"][1]
        if not responses:
            continue
        means = [_mean(total, n, alias) for total, n in scores.values()]
        rows.append(FeedbackRow(role, responses, *means))
    return rows


__all__ = [
    "appeals",
    "by_month",
    "cases_per_body",
    "certificates_issued",
    "enquiry_to_information",
    "enquiry_to_meeting",
    "feedback_scores",
    "meetings_by_format",
    "open_by_state_and_route",
    "outcomes",
    "received_by",
    "timeliness",
]
