"""Small numbers are suppressed in anything a commissioner sees, so no person can be picked out.

A count from 1 to 4 is shown as "<5" (0 is shown: it identifies nobody). A percentage is shown
only when neither the part nor the rest is a suppressed small number, since a rate over a known
total would give the small number away; likewise a median or 90th percentile needs 5 or more
cases behind it.
"""

from __future__ import annotations

SMALLEST_SHOWN = 5
SUPPRESSED = "<5"
NOT_SHOWN = "too few to show"


def is_small(count: int) -> bool:
    return 0 < count < SMALLEST_SHOWN


def count(value: int) -> str:
    return SUPPRESSED if is_small(value) else str(value)


def percentage(part: int, whole: int) -> str:
    if whole == 0:
        return "–"
    if whole < SMALLEST_SHOWN or is_small(part) or is_small(whole - part):
        return NOT_SHOWN
    return f"{100 * part / whole:.1f}%"


def days(value: int | None, cases: int) -> str:
    if value is None or cases < SMALLEST_SHOWN:
        return NOT_SHOWN if cases else "–"
    return f"{value} days"


def plain_percentage(part: int, whole: int) -> str:
    """For staff: every figure shown as it is."""
    return f"{100 * part / whole:.1f}%" if whole else "–"


def plain_days(value: int | None) -> str:
    return "–" if value is None else f"{value} days"
