"""The range every date a person types must fall in, and the message when it does not.

A date far from today is a slip (9999 for 2025, 1025 for 2025), and a date centuries away breaks
date arithmetic further on (a deadline after 31 December 9999 cannot be worked out). So every date
field of every form (the staff date picker and the public day-month-year boxes alike) accepts a date
from 30 years before today (a young person is at most 25; SEND disagreements go back to 2014) to
10 years after it (meetings, deadlines and report periods ahead). A field can ask for a different
range with `earliest_years_ago` / `latest_years_ahead` attributes.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.dateformat import format as format_date

from accord.rules import today_in_england

EARLIEST_YEARS_AGO = 30
LATEST_YEARS_AHEAD = 10


def _years_from(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def sensible_range(
    earliest_years_ago: int = EARLIEST_YEARS_AGO, latest_years_ahead: int = LATEST_YEARS_AHEAD
) -> tuple[date, date]:
    today = today_in_england()
    return _years_from(today, -earliest_years_ago), _years_from(today, latest_years_ahead)


def check_in_range(value: date | None, what: str, field: forms.Field | None = None) -> None:
    """Raises a ValidationError naming the field and the limit it passed."""
    if value is None:
        return
    earliest, latest = sensible_range(
        getattr(field, "earliest_years_ago", EARLIEST_YEARS_AGO),
        getattr(field, "latest_years_ahead", LATEST_YEARS_AHEAD),
    )
    if value < earliest:
        raise forms.ValidationError(
            f"{what} must be on or after {format_date(earliest, 'j F Y')}", code="too_early"
        )
    if value > latest:
        raise forms.ValidationError(
            f"{what} must be on or before {format_date(latest, 'j F Y')}", code="too_late"
        )


class InSensibleRange:
    """A validator for a plain DateField, added to every one by GovukFormMixin."""

    def __init__(self, field: forms.Field) -> None:
        self.field = field

    def __call__(self, value: date | None) -> None:
        what = str(self.field.label or "The date").rstrip("?")
        check_in_range(value, what, self.field)
