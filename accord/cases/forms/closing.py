"""Forms for the meeting's outcome, closing the case and reopening it."""

from __future__ import annotations

from typing import Any

from django import forms

from accord.cases.choices import Outcome
from accord.cases.forms import VersionedForm, check_not_in_future


class OutcomeForm(VersionedForm):
    outcome = forms.ChoiceField(
        label="Outcome",
        widget=forms.RadioSelect,
        choices=[
            (Outcome.FULL_AGREEMENT, Outcome.FULL_AGREEMENT.label),
            (Outcome.PARTIAL_AGREEMENT, Outcome.PARTIAL_AGREEMENT.label),
            (Outcome.NO_AGREEMENT, Outcome.NO_AGREEMENT.label),
        ],
    )
    concluded_on = forms.DateField(label="Date the meeting concluded")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_not_in_future(self, "concluded_on", "The date the meeting concluded")
        return data


class CloseForm(VersionedForm):
    outcome = forms.ChoiceField(label="Outcome", choices=Outcome.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirm_open_actions = forms.BooleanField(
        label="Close the case with these agreed actions still open. They are still followed up "
        "until they are recorded as done.",
        required=False,
    )

    def __init__(self, *args: Any, open_actions: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not open_actions:
            del self.fields["confirm_open_actions"]


class ReopenForm(VersionedForm):
    reason = forms.CharField(
        label="Why is the case being reopened?",
        error_messages={"required": "Enter why the case is being reopened"},
        widget=forms.Textarea(attrs={"rows": 2}),
    )
