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
    """The outcomes the record shows come first (`closing_outcome.closing_outcomes`); any other
    is offered only with the reason for it."""

    outcome = forms.ChoiceField(label="Outcome", choices=Outcome.choices, widget=forms.RadioSelect)
    override_reason = forms.CharField(
        label="If you chose an outcome the record does not show, why?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reason = forms.CharField(
        label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirm_open_actions = forms.BooleanField(
        label="Close the case with these agreed actions still open. They are still followed up "
        "until they are recorded as done.",
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        open_actions: bool = False,
        offered: tuple[Outcome, ...] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        others = [o for o in Outcome if o not in offered]
        outcome = self.fields["outcome"]
        assert isinstance(outcome, forms.ChoiceField)
        outcome.choices = [(o.value, o.label) for o in offered] + [
            (o.value, f"{o.label} (not what the record shows: give the reason)") for o in others
        ]
        if offered:
            outcome.help_text = (
                f"From what is recorded on the case: {' or '.join(o.label for o in offered)}."
            )
        if not open_actions:
            del self.fields["confirm_open_actions"]


class ReopenForm(VersionedForm):
    reason = forms.CharField(
        label="Why is the case being reopened?",
        error_messages={"required": "Enter why the case is being reopened"},
        widget=forms.Textarea(attrs={"rows": 2}),
    )
