"""The audit search, and the forms of data protection requests."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MinValueValidator

from accord.cases.choices import AccessKind
from accord.govuk.forms import GovukForm, GovukFormMixin
from accord.organisations.models import User
from accord.privacy.models import RetentionSchedule


class AuditSearchForm(GovukForm):
    person = forms.ModelChoiceField(
        label="Who", required=False, queryset=User.objects.none(), empty_label="Anyone"
    )
    case = forms.CharField(label="Case or request reference", required=False, max_length=20)
    date_from = forms.DateField(label="From", required=False)
    date_to = forms.DateField(label="To", required=False)
    kind = forms.ChoiceField(
        label="Kind of access", required=False, choices=[("", "Any"), *AccessKind.choices]
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The end date must be the same as or after the start date")
        return data


class ErasureForm(GovukForm):
    reason = forms.CharField(
        label="Why are their details being erased?",
        error_messages={"required": "Enter why their details are being erased"},
        help_text="For example: they asked on 3 March; they were added to the case by mistake.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data["reason"]).strip()
        if not reason:
            raise forms.ValidationError("Enter why their details are being erased")
        return reason


class LegalHoldForm(GovukForm):
    hold = forms.TypedChoiceField(
        label="Keep this case from the retention schedule?",
        error_messages={"required": "Select whether to keep this case from the retention schedule"},
        choices=[("yes", "Yes, place a legal hold"), ("no", "No, lift the hold")],
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
    )
    reason = forms.CharField(
        label="Why",
        error_messages={"required": "Enter why the case is kept or released"},
        help_text="For example: appeal to the SEND Tribunal lodged; complaint to the Ombudsman.",
        max_length=500,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class RetentionScheduleForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = RetentionSchedule
        fields = [
            "closed_case_months",
            "enquiry_months",
            "rejected_request_months",
            "message_body_days",
            "sign_in_code_days",
            "access_log_months",
        ]

    def prepare(self) -> None:
        for field in self.fields.values():
            field.min_value = 1  # type: ignore[attr-defined]
            field.validators.append(MinValueValidator(1))
            field.widget.attrs["class"] = "govuk-input--width-4"
