"""The forms of the fees and expenses pages. They only validate input; accord.meetings.fees
decides."""

from __future__ import annotations

from typing import Any

from django import forms

from accord.govuk.forms import GovukForm


class ClaimForm(GovukForm):
    fee = forms.DecimalField(label="Fee, £", min_value=0, decimal_places=2, max_digits=9)
    expenses = forms.DecimalField(
        label="Expenses, £", min_value=0, decimal_places=2, max_digits=9, initial=0
    )
    expenses_note = forms.CharField(
        label="What the expenses were for",
        required=False,
        max_length=300,
        help_text="For example, travel by train to the venue. No names of the family or child.",
    )


class DecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Approve the claim?",
        choices=[("approve", "Yes, approve it"), ("reject", "No")],
        widget=forms.RadioSelect,
    )
    decision_note = forms.CharField(
        label="Why not (when not approved)", required=False, max_length=300
    )

    def approved(self) -> bool:
        data: dict[str, Any] = self.cleaned_data
        return bool(data["decision"] == "approve")
