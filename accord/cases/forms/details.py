"""Forms for the case's details: the risk assessment, the date of the decision letter,
confidential notes."""

from __future__ import annotations

from typing import Any

from django import forms

from accord.cases.choices import RiskLevel
from accord.cases.forms import VersionedForm, check_not_in_future
from accord.govuk.forms import GovukForm


class RiskForm(VersionedForm):
    """A new risk assessment: a dated record of its own (earlier ones are kept as they were)."""

    risk_level = forms.ChoiceField(
        label="Risk level", choices=RiskLevel.choices, widget=forms.RadioSelect
    )
    risks = forms.CharField(
        label="The risks",
        help_text="To anyone taking part, at the meeting or around it. Write 'None found' if so.",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    mitigations = forms.CharField(
        label="How they will be managed",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    risk_assessed_on = forms.DateField(label="Date assessed")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_not_in_future(self, "risk_assessed_on", "The date assessed")
        return data


class DecisionDateForm(VersionedForm):
    decision_notice_sent_on = forms.DateField(label="Date the decision letter was sent")
    confirm_certificate_dates = forms.BooleanField(
        label="I understand the certificate states the old dates and will issue a corrected one",
        required=False,
    )

    def __init__(self, *args: Any, certificates: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not certificates:
            del self.fields["confirm_certificate_dates"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_not_in_future(self, "decision_notice_sent_on", "The date of the decision letter")
        return data


class NoteForm(GovukForm):
    text = forms.CharField(
        label="Confidential note (staff and mediator only)",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
