"""What a report is asked for: the period, the body (LA or ICB) and the year."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from accord.cases.forms import VersionedForm
from accord.govuk.forms import GovukForm
from accord.organisations.models import HealthBody, LocalAuthority, Provider
from accord.reports.scope import Period
from accord.rules import today_in_england

# Long enough for any annual return; short enough that one request stays cheap.
LONGEST_PERIOD_DAYS = 5 * 366
EARLIEST_YEAR = 2014  # Children and Families Act 2014 Part 3 came into force on 1 September 2014


def default_period(today: date) -> Period:
    """The last 12 months: from the first day of the month 11 months ago to today."""
    month = today.month - 11
    year = today.year
    if month < 1:
        month, year = month + 12, year - 1
    return Period(date(year, month, 1), today)


class PeriodForm(GovukForm):
    start = forms.DateField(
        label="From", error_messages={"required": "Enter the first day of the period"}
    )
    end = forms.DateField(
        label="To", error_messages={"required": "Enter the last day of the period"}
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", "The end of the period must be on or after its start.")
            elif (end - start).days > LONGEST_PERIOD_DAYS:
                self.add_error("end", "Choose a period of 5 years or less.")
        return data

    def period(self) -> Period:
        return Period(self.cleaned_data["start"], self.cleaned_data["end"])


class BodyPeriodForm(PeriodForm):
    """A service manager chooses the LA or ICB; a commissioner's body is fixed."""

    body = forms.ChoiceField(label="Local authority or ICB", required=False)

    def __init__(self, *args: Any, provider: Provider | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if provider is None:
            del self.fields["body"]
            return
        choices = [(f"la-{la.pk}", la.name) for la in provider.local_authorities.all()]
        choices += [(f"icb-{icb.pk}", icb.name) for icb in provider.health_bodies.all()]
        self.fields["body"].choices = [("", "Choose one"), *choices]  # type: ignore[attr-defined]
        self.fields["body"].required = True

    def chosen_body(self) -> tuple[LocalAuthority | None, HealthBody | None]:
        value = self.cleaned_data.get("body") or ""
        kind, _, pk = value.partition("-")
        if kind == "la":
            return LocalAuthority.objects.get(pk=int(pk)), None
        if kind == "icb":
            return None, HealthBody.objects.get(pk=int(pk))
        return None, None


class YearForm(GovukForm):
    year = forms.IntegerField(label="Calendar year", min_value=EARLIEST_YEAR)

    def clean_year(self) -> int:
        year: int = self.cleaned_data["year"]
        if year > today_in_england().year:
            raise forms.ValidationError("Choose this year or an earlier one.")
        return year


class AppealForm(VersionedForm):
    lodged_on = forms.DateField(
        label="Date the appeal was lodged with the tribunal",
        required=False,
        help_text="Leave empty to remove a record made in error.",
    )
