"""Forms for what an officer of the LA or ICB does on a case: answer the invitation to
disagreement resolution, name who will attend for their body, confirm authority to settle."""

from __future__ import annotations

from typing import Any

from django import forms

from accord.govuk.forms import GovukForm


class DrInvitationForm(GovukForm):
    accepts = forms.TypedChoiceField(
        label="Will your organisation take part in disagreement resolution?",
        error_messages={"required": "Select whether your organisation will take part"},
        choices=[("yes", "Yes, we will take part"), ("no", "No, we decline")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="If you decline, why?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Disagreement resolution is voluntary. The reason is recorded on the case and "
        "the case is closed as declined.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("accepts") is False and not data.get("reason", "").strip():
            self.add_error("reason", "Give the reason for declining.")
        return data


class BodyAttendeeForm(GovukForm):
    name = forms.CharField(label="Full name of the person who will attend", max_length=200)
    job_title = forms.CharField(label="Job title", required=False, max_length=120)
    email = forms.EmailField(label="Email address", required=False)
    has_authority_to_settle = forms.BooleanField(
        label="They have authority to settle the issues in the meeting (SEND Regs reg 38)",
        required=False,
    )


class AuthorityForm(GovukForm):
    has_authority_to_settle = forms.BooleanField(
        label="This person has authority to settle the issues in the meeting (SEND Regs reg 38)",
        required=False,
    )
