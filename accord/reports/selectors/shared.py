"""What every report's queries share: the filter for a period and the percentage."""

from __future__ import annotations

from django.db.models import Q

from accord.reports.scope import Period


def in_period(period: Period, field: str) -> Q:
    """The rows whose date `field` falls in the period, both ends included."""
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


def rate(part: int, whole: int) -> float | None:
    """A percentage to one decimal place, or None when there is nothing to divide by."""
    return round(100 * part / whole, 1) if whole else None
