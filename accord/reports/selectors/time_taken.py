"""How long families wait: days from the enquiry to the first information and advice call, and
to the meeting, as a median and a 90th percentile."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import DurationField, ExpressionWrapper, F, Min, QuerySet

from accord.reports.routing import on_report_database
from accord.reports.scope import Period, Scope
from accord.reports.selectors.shared import in_period


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
        .filter(in_period(period, "first_call"))
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
        .filter(in_period(period, "mediation_concluded_on"))
        .annotate(
            days=ExpressionWrapper(
                F("mediation_concluded_on") - F("received_on"), output_field=DurationField()
            )
        )
    )
    return _time_taken(cases)
