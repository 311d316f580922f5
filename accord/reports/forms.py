"""What a report is asked for: the period, the body (LA or ICB) and the year."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from accord.cases.choices import DecisionKind
from accord.cases.forms import VersionedForm
from accord.govuk.forms import GovukForm
from accord.organisations.models import Contract, HealthBody, LocalAuthority, Provider
from accord.reports import billing
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


class Sen2Form(YearForm):
    """The calendar year, and for a service manager the LA (or all of them)."""

    local_authority = forms.ChoiceField(label="Local authority", required=False)

    def __init__(self, *args: Any, provider: Provider | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if provider is None:
            del self.fields["local_authority"]
            return
        choices = [(str(la.pk), la.name) for la in provider.local_authorities.all()]
        self.fields["local_authority"].choices = [  # type: ignore[attr-defined]
            ("", "All local authorities"),
            *choices,
        ]

    def chosen_local_authority(self) -> LocalAuthority | None:
        value = self.cleaned_data.get("local_authority") or ""
        return LocalAuthority.objects.get(pk=int(value)) if value else None


class AppealForm(VersionedForm):
    """An appeal the tribunal registered (accord.cases.services.record_appeal)."""

    registered_on = forms.DateField(
        label="Date the tribunal registered the appeal",
        help_text="As on the tribunal's letter to the family, for example 3 11 2025.",
    )
    decision_kind = forms.ChoiceField(label="The decision appealed", choices=DecisionKind.choices)
    decision_notice_sent_on = forms.DateField(
        label="Date of the letter giving that decision",
        required=False,
        help_text="Leave empty when it is the decision this case is about: its letter's date "
        "is used.",
    )


class RemoveAppealForm(VersionedForm):
    confirm = forms.BooleanField(
        label="The appeal was recorded in error: remove it",
        error_messages={"required": "Tick the box to confirm the appeal was recorded in error."},
    )


MONTHS = [(str(n), date(2000, n, 1).strftime("%B")) for n in range(1, 13)]


class StatementForm(GovukForm):
    """A contract among those the person may see, and a month it covers."""

    contract = forms.ChoiceField(label="Contract")
    month = forms.ChoiceField(label="Month", choices=MONTHS)
    year = forms.IntegerField(label="Year", min_value=EARLIEST_YEAR, max_value=2100)

    def __init__(self, *args: Any, contracts: list[Contract], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.contracts = {str(c.pk): c for c in contracts}
        self.fields["contract"].choices = [  # type: ignore[attr-defined]
            (pk, f"{c.body.name}: {c.reference}") for pk, c in self.contracts.items()
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        contract = self.contracts.get(str(data.get("contract")))
        if contract is not None and data.get("month") and data.get("year"):
            month = date(data["year"], int(data["month"]), 1)
            if not billing.covers(contract, month):
                self.add_error(
                    "month",
                    f"The contract covers {contract.starts_on:%B %Y} to {contract.ends_on:%B %Y}: "
                    "choose a month in it.",
                )
            data["chosen"] = (contract, month)
        return data
