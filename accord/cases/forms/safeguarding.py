"""Forms for safeguarding concerns: raising one, who was told, closing it."""

from __future__ import annotations

from typing import Any

from django import forms

from accord.cases.forms import check_not_in_future
from accord.govuk.forms import GovukForm


class ToldForm(GovukForm):
    lead_told_on = forms.DateField(
        label="Date the service's safeguarding lead was told", required=False
    )
    lead_name = forms.CharField(
        label="Name of the safeguarding lead", max_length=200, required=False
    )
    childrens_services_told_on = forms.DateField(
        label="Date the council's children's services were told", required=False
    )
    childrens_services_reference = forms.CharField(
        label="Their reference", max_length=100, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_not_in_future(self, "lead_told_on", "The date the safeguarding lead was told")
        check_not_in_future(
            self, "childrens_services_told_on", "The date children's services were told"
        )
        return data


class ConcernForm(ToldForm):
    field_order = ["raised_on", "raised_by", "what"]

    raised_on = forms.DateField(label="Date raised")
    raised_by = forms.CharField(
        label="Who raised it",
        help_text="For example, 'the mediator, at the pre-meeting' or 'the parent, by phone'.",
        max_length=200,
    )
    what = forms.CharField(
        label="What the concern is",
        help_text="Staff and the mediator only: never shared with the other parties.",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_not_in_future(self, "raised_on", "The date raised")
        return data


class CloseConcernForm(GovukForm):
    outcome = forms.CharField(
        label="Outcome", max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    closed_on = forms.DateField(label="Date closed")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_not_in_future(self, "closed_on", "The date closed")
        return data
