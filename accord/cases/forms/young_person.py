"""Forms for the young person as the party: a parent's consent from the young person, and a
capacity assessment with who acts for them."""

from __future__ import annotations

from typing import Any

from django import forms

from accord.cases.capacity import ActsAs, CapacityOutcome
from accord.cases.forms import check_not_in_future
from accord.cases.models import Party
from accord.govuk.forms import GovukForm


class YoungPersonConsentForm(GovukForm):
    consents = forms.ChoiceField(
        label="Does the young person agree that this parent or carer takes part?",
        help_text="They go on seeing the case and receiving its messages and documents.",
        choices=[("yes", "Yes"), ("no", "No, or no longer")],
        widget=forms.RadioSelect,
    )
    consented_on = forms.DateField(label="Date they agreed", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_not_in_future(self, "consented_on", "The date they agreed")
        return data


class CapacityForm(GovukForm):
    decision = forms.CharField(
        label="The decision it concerns",
        help_text="Capacity is for one decision: for example, 'whether to agree the outcome of "
        "mediation'.",
        max_length=300,
    )
    assessed_on = forms.DateField(label="Date assessed")
    assessed_by = forms.CharField(
        label="Assessed by", help_text="Their name and role.", max_length=200
    )
    outcome = forms.ChoiceField(
        label="Outcome", choices=CapacityOutcome.choices, widget=forms.RadioSelect
    )
    acts_for_them = forms.ModelChoiceField(
        label="Who acts for them",
        help_text="Only if they lack capacity for this decision.",
        queryset=Party.objects.none(),
        required=False,
    )
    acts_as = forms.ChoiceField(
        label="Acting as",
        choices=[("", "Not acting for them"), *ActsAs.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    evidence = forms.CharField(
        label="The evidence", max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    review_on = forms.DateField(label="Date to review it")

    def __init__(self, *args: Any, parties: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: forms.ModelChoiceField[Any] = self.fields["acts_for_them"]  # type: ignore[assignment]
        field.queryset = parties if parties is not None else Party.objects.none()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_not_in_future(self, "assessed_on", "The date assessed")
        return data
