"""Forms for complaints about the service: received, acknowledged, investigated, answered."""

from __future__ import annotations

from typing import Any

from django import forms

from accord.cases.concerns import ComplaintOutcome
from accord.cases.forms import check_not_in_future
from accord.govuk.forms import GovukForm


class _Dated(GovukForm):
    date_field = ""
    date_what = ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_not_in_future(self, self.date_field, self.date_what)
        return data


class ComplaintForm(_Dated):
    date_field, date_what = "received_on", "The date received"

    complainant = forms.CharField(label="Who complained", max_length=200)
    complainant_is = forms.CharField(
        label="Who they are",
        help_text="For example, a parent, a young person, a council officer.",
        max_length=100,
        required=False,
    )
    received_on = forms.DateField(label="Date received")
    case_reference = forms.CharField(
        label="Case reference",
        help_text="If the complaint is about a case, for example KM-2026-0042.",
        max_length=20,
        required=False,
    )
    what = forms.CharField(
        label="What the complaint is about",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class AcknowledgeForm(_Dated):
    date_field, date_what = "acknowledged_on", "The date acknowledged"
    acknowledged_on = forms.DateField(label="Date acknowledged")


class InvestigateForm(_Dated):
    date_field, date_what = "investigation_started_on", "The date the investigation began"
    investigation_started_on = forms.DateField(label="Date the investigation began")
    investigated_by = forms.CharField(label="Who is investigating", max_length=200)


class AnswerForm(_Dated):
    date_field, date_what = "answered_on", "The date answered"
    answered_on = forms.DateField(label="Date answered")
    outcome = forms.ChoiceField(
        label="Outcome", choices=ComplaintOutcome.choices, widget=forms.RadioSelect
    )
    response = forms.CharField(
        label="What the answer said",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
