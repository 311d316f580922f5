"""Forms for inviting a supporter: who they are, what they may see, until when."""

from __future__ import annotations

from typing import Any

from django import forms

from accord.cases.choices import ContactMethod
from accord.family.models import SupporterConsent
from accord.govuk.forms import GovukForm

SCOPE_CHOICES = [
    ("may_see_dates", "The dates that matter"),
    ("may_see_documents", "Certificates and agreements"),
    ("may_see_meetings", "Meetings"),
    ("may_see_messages", "What has happened on the case"),
]


class InviteSupporterForm(GovukForm):
    name = forms.CharField(label="Their full name", max_length=200)
    email = forms.EmailField(
        label="Their email address", help_text="We will send them an invitation to sign in."
    )
    kind = forms.ChoiceField(
        label="Who are they?",
        error_messages={"required": "Select who they are"},
        choices=SupporterConsent.Kind.choices,
        widget=forms.RadioSelect,
    )
    scope = forms.MultipleChoiceField(
        label="What may they see?",
        choices=SCOPE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one thing they may see."},
    )
    until = forms.DateField(
        label="Until when?",
        error_messages={"required": "Enter the date their access ends"},
        help_text="Up to a year from today. You can stop it at any time.",
    )

    def invitation_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        chosen = set(data["scope"])
        return {
            "name": data["name"],
            "email": data["email"],
            "kind": data["kind"],
            "until": data["until"],
            **{name: name in chosen for name, _ in SCOPE_CHOICES},
        }


class RecordConsentForm(InviteSupporterForm):
    """Staff record a consent the family gave them, and how."""

    given_how = forms.ChoiceField(
        label="How did the family give their consent?",
        error_messages={"required": "Select how the family gave their consent"},
        choices=[
            c for c in SupporterConsent.GivenHow.choices if c[0] != SupporterConsent.GivenHow.ONLINE
        ],
        widget=forms.RadioSelect,
    )
    given_note = forms.CharField(
        label="When, and who in the family consented",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )

    def invitation_fields(self) -> dict[str, Any]:
        return {
            **super().invitation_fields(),
            "given_how": self.cleaned_data["given_how"],
            "given_note": self.cleaned_data["given_note"],
        }


class OwnDetailsForm(GovukForm):
    phone = forms.CharField(label="Phone number", required=False, max_length=40)
    address = forms.CharField(
        label="Postal address", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    preferred_contact = forms.ChoiceField(
        label="How do you prefer us to contact you?",
        error_messages={"required": "Select how you prefer us to contact you"},
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
    )
    interpreter_language = forms.CharField(
        label="If you need an interpreter, which language?", required=False, max_length=100
    )
    access_needs = forms.CharField(
        label="Anything we should do to make it easier for you to take part",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, large print, a quiet room, breaks, or someone with you.",
    )
