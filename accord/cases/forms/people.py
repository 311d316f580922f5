"""Forms for the people on a case: staff assigned, parties and their consent to disagreement
resolution, the child's or young person's views."""

from __future__ import annotations

from typing import Any

from django import forms

from accord.cases.choices import ContactMethod, PartyRole
from accord.cases.forms import VersionedForm
from accord.cases.models import ChildView
from accord.govuk.forms import GovukForm
from accord.organisations.models import Provider, User


class AssignForm(VersionedForm):
    coordinator: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Coordinator", required=False, queryset=User.objects.none()
    )
    adviser: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Mediation adviser", required=False, queryset=User.objects.none()
    )
    mediator: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Mediator", required=False, queryset=User.objects.none()
    )

    def __init__(self, *args: Any, provider: Provider, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("coordinator", "adviser", "mediator"):
            self.fields[name].queryset = User.objects.filter(  # type: ignore[attr-defined]
                memberships__provider=provider,
                memberships__role=name,
                memberships__is_active=True,
                is_active=True,
            ).distinct()


class PartyForm(GovukForm):
    role = forms.ChoiceField(label="Role", choices=PartyRole.choices)
    name = forms.CharField(label="Name", max_length=200)
    organisation = forms.CharField(label="Organisation", required=False, max_length=200)
    email = forms.EmailField(label="Email address", required=False)
    phone = forms.CharField(label="Phone number", required=False, max_length=40)
    address = forms.CharField(
        label="Postal address", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    preferred_contact = forms.ChoiceField(label="Preferred contact", choices=ContactMethod.choices)
    interpreter_language = forms.CharField(
        label="Interpreter: language", required=False, max_length=100
    )
    access_needs = forms.CharField(
        label="Access needs", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    has_authority_to_settle = forms.BooleanField(
        label="Has authority to settle the issues (SEND Regs reg 38)", required=False
    )
    pre_meeting_on = forms.DateField(label="Pre-meeting contact held on", required=False)
    statement_agreed_on = forms.DateField(
        label="Case statement checked and signed on", required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("preferred_contact") == ContactMethod.EMAIL and not data.get("email"):
            self.add_error("email", "Enter an email address, or choose another way to contact.")
        if data.get("preferred_contact") in (ContactMethod.PHONE, ContactMethod.TEXT) and not (
            data.get("phone")
        ):
            self.add_error("phone", "Enter a phone number, or choose another way to contact.")
        if data.get("preferred_contact") == ContactMethod.POST and not data.get("address"):
            self.add_error("address", "Enter a postal address, or choose another way to contact.")
        return data


class PartyEditForm(PartyForm):
    """Changing a person's details: carries the version of the person it was shown with."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class DrConsentForm(GovukForm):
    consents = forms.TypedChoiceField(
        label="Has this party agreed to take part?",
        error_messages={"required": "Select whether this party has agreed to take part"},
        choices=[("yes", "Yes"), ("no", "No, they declined")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    on = forms.DateField(label="Date of their answer")
    reason = forms.CharField(
        label="If they declined, why?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Disagreement resolution is voluntary: a decline closes the case as declined.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("consents") is False and not data.get("reason", "").strip():
            self.add_error("reason", "Give the reason they declined.")
        return data


class ChildViewForm(GovukForm):
    kind = forms.ChoiceField(
        label="How were the views given?",
        error_messages={"required": "Select how the views were given"},
        choices=ChildView.Kind.choices,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label="Their views in their words", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    upload = forms.FileField(label="Upload a drawing or recording", required=False)
    shared_with = forms.ChoiceField(
        label="Who may see them?",
        help_text="Only as the child or young person agrees: ask them about the drawing, the "
        "recording or the form itself.",
        choices=ChildView.SharedWith.choices,
        initial=ChildView.SharedWith.MEDIATION_TEAM,
        # Left unanswered: the mediator and the service only, the least sharing.
        required=False,
        widget=forms.RadioSelect,
    )
    sharing_agreed_by = forms.CharField(
        label="Who agreed",
        help_text="The child or young person, or for a young child a parent with them.",
        max_length=200,
        required=False,
    )
    sharing_agreed_on = forms.DateField(label="Date they agreed", required=False)

    def clean_shared_with(self) -> str:
        return self.cleaned_data.get("shared_with") or ChildView.SharedWith.MEDIATION_TEAM
