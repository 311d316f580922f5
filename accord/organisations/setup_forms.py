"""The forms of the set-up pages. They only validate input; the services decide."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.forms import SetPasswordForm

from accord.govuk.forms import GovukForm, GovukFormMixin
from accord.organisations.changes import SetupError
from accord.organisations.models import AccreditationKind, HealthBody, LocalAuthority, Provider
from accord.organisations.roles import Role
from accord.rules import today_in_england

NO_BODY = "None"


def show_refusal(form: forms.Form, error: SetupError) -> None:
    """The service's refusal on the field it names, or on the form as a whole."""
    form.add_error(error.field if error.field in form.fields else None, str(error))


class BodyChoiceForm(GovukForm):
    """A role, and the body an officer or commissioner works for, among the provider's."""

    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect)
    local_authority = forms.ModelChoiceField(
        label="Local authority (officers and commissioners of an LA)",
        queryset=LocalAuthority.objects.none(),
        required=False,
        empty_label=NO_BODY,
    )
    health_body = forms.ModelChoiceField(
        label="ICB (officers and commissioners of an ICB)",
        queryset=HealthBody.objects.none(),
        required=False,
        empty_label=NO_BODY,
    )

    def __init__(self, *args: Any, provider: Provider, **kwargs: Any) -> None:
        self.provider = provider
        super().__init__(*args, **kwargs)

    def prepare(self) -> None:
        la = self.fields["local_authority"]
        icb = self.fields["health_body"]
        assert isinstance(la, forms.ModelChoiceField) and isinstance(icb, forms.ModelChoiceField)
        la.queryset = self.provider.local_authorities.order_by("name")
        icb.queryset = self.provider.health_bodies.order_by("name")


class InviteForm(BodyChoiceForm):
    full_name = forms.CharField(label="Full name", max_length=200)
    email = forms.EmailField(
        label="Email address",
        help_text="The invitation is sent here. The link works once, for 72 hours.",
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    field_order = ("full_name", "email", "role", "local_authority", "health_body")


class AddRoleForm(BodyChoiceForm):
    pass


class AcceptInvitationForm(GovukFormMixin, SetPasswordForm):
    """Choosing a password, with the same rules as every password (settings
    AUTH_PASSWORD_VALIDATORS). Only validates: the invitation service sets it."""


class BodyForm(GovukForm):
    name = forms.CharField(label="Name", max_length=200)
    code = forms.CharField(
        label="Code",
        max_length=20,
        help_text="The body's ONS (GSS) code for an LA, such as E10000016, or ODS code for an ICB.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    notices_email = forms.EmailField(label="Email address for notices", required=False)
    notices_address = forms.CharField(
        label="Postal address for notices",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class NoticesForm(GovukForm):
    notices_email = forms.EmailField(label="Email address for notices", required=False)
    notices_address = forms.CharField(
        label="Postal address for notices",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DetailsForm(GovukForm):
    name = forms.CharField(
        label="Name of the service",
        max_length=200,
        help_text="Shown on every page, email and document.",
    )
    email = forms.EmailField(label="Contact email address", required=False)
    phone = forms.CharField(label="Contact phone number", max_length=40, required=False)
    postal_address = forms.CharField(
        label="Postal address",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    reply_to = forms.EmailField(
        label="Replies to emails go to",
        required=False,
        help_text="Leave empty to use the contact email address.",
    )
    site_address = forms.URLField(
        label="Web address of the service",
        required=False,
        assume_scheme="https",
        help_text="Links in emails start with it, for example https://mediation.example.org",
    )
    risk_assessment_before_meeting = forms.BooleanField(
        label="A risk assessment must be recorded before a mediation or disagreement "
        "resolution meeting is booked",
        required=False,
    )
    complaint_response_working_days = forms.IntegerField(
        label="Working days to answer a complaint about the service",
        min_value=1,
        max_value=60,
        required=False,
        help_text="Counted from the day the complaint is received, without weekends and bank "
        "holidays. Left empty, it stays as it is.",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "required": "Enter how many working days the service takes to answer a complaint",
            "min_value": "Enter a number of working days from 1 to 60",
            "max_value": "Enter a number of working days from 1 to 60",
            "invalid": "Enter a number of working days from 1 to 60",
        },
    )

    def clean_complaint_response_working_days(self) -> int:
        value = self.cleaned_data.get("complaint_response_working_days")
        if value is None:
            return int(self.initial.get("complaint_response_working_days") or 20)
        return int(value)


def _sensible_expiry(day: date | None) -> date | None:
    """An accreditation runs out within a sensible span: not before 2000, not more than ten
    years ahead (a typing slip such as 9999 is caught here)."""
    if day is None:
        return None
    today = today_in_england()
    if day.year < 2000:
        raise forms.ValidationError("Enter a date in 2000 or later.")
    if day > today.replace(year=today.year + 10):
        raise forms.ValidationError("Enter a date no more than 10 years from today.")
    return day


class AccreditationForm(GovukForm):
    kind = forms.ChoiceField(
        label="Accreditation", choices=AccreditationKind.choices, widget=forms.RadioSelect
    )
    reference = forms.CharField(
        label="Registration number or reference", max_length=100, required=False
    )
    expires_on = forms.DateField(
        label="Runs out on",
        error_messages={"required": "Enter the date the accreditation runs out"},
    )

    def clean_expires_on(self) -> date | None:
        return _sensible_expiry(self.cleaned_data.get("expires_on"))


class RenewAccreditationForm(GovukForm):
    reference = forms.CharField(
        label="Registration number or reference", max_length=100, required=False
    )
    expires_on = forms.DateField(
        label="Runs out on",
        error_messages={"required": "Enter the date the accreditation runs out"},
    )

    def clean_expires_on(self) -> date | None:
        return _sensible_expiry(self.cleaned_data.get("expires_on"))


class ConflictForm(GovukForm):
    local_authority = forms.ModelChoiceField(
        label="Local authority",
        queryset=LocalAuthority.objects.none(),
        required=False,
        empty_label=NO_BODY,
    )
    health_body = forms.ModelChoiceField(
        label="ICB", queryset=HealthBody.objects.none(), required=False, empty_label=NO_BODY
    )
    school = forms.CharField(
        label="School, college or setting",
        max_length=200,
        required=False,
        help_text="As it is written on cases.",
    )
    reason = forms.CharField(
        label="What the conflict is",
        max_length=300,
        help_text="For example: worked for this council until March 2025.",
    )

    def __init__(self, *args: Any, provider: Provider, **kwargs: Any) -> None:
        self.provider = provider
        super().__init__(*args, **kwargs)

    def prepare(self) -> None:
        la = self.fields["local_authority"]
        icb = self.fields["health_body"]
        assert isinstance(la, forms.ModelChoiceField) and isinstance(icb, forms.ModelChoiceField)
        la.queryset = self.provider.local_authorities.order_by("name")
        icb.queryset = self.provider.health_bodies.order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        named = [k for k in ("local_authority", "health_body", "school") if data.get(k)]
        if len(named) != 1:
            self.add_error(
                "local_authority", "Choose one local authority, ICB or school the conflict is with."
            )
        return data


class ConfirmForm(GovukForm):
    """A page that asks only for a button press (deactivating someone)."""


class ContractForm(GovukForm):
    """A contract's terms; on adding one, also the LA or ICB it is with."""

    body = forms.ChoiceField(label="Local authority or ICB")
    reference = forms.CharField(label="Contract or purchase order reference", max_length=100)
    starts_on = forms.DateField(label="First day of the contract", help_text="For example 1 4 2025")
    ends_on = forms.DateField(label="Last day of the contract", help_text="For example 31 3 2026")
    price_per_advice_call = forms.DecimalField(
        label="Price per information and advice call, £", min_value=0, decimal_places=2
    )
    price_per_mediation = forms.DecimalField(
        label="Price per mediation meeting, £", min_value=0, decimal_places=2
    )
    price_per_dr = forms.DecimalField(
        label="Price per disagreement resolution meeting, £", min_value=0, decimal_places=2
    )
    monthly_cap = forms.DecimalField(
        label="Most billed in one month, £",
        required=False,
        min_value=0,
        decimal_places=2,
        help_text="Leave empty for no monthly cap.",
    )
    total_cap = forms.DecimalField(
        label="Most billed over the whole contract, £",
        required=False,
        min_value=0,
        decimal_places=2,
        help_text="Leave empty for no cap over the contract.",
    )

    def __init__(self, *args: Any, provider: Provider | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if provider is None:
            del self.fields["body"]
            return
        choices = [(f"la-{la.pk}", la.name) for la in provider.local_authorities.all()]
        choices += [(f"icb-{icb.pk}", icb.name) for icb in provider.health_bodies.all()]
        self.fields["body"].choices = [("", "Choose one"), *choices]  # type: ignore[attr-defined]

    def chosen_body(self) -> LocalAuthority | HealthBody:
        kind, _, pk = self.cleaned_data["body"].partition("-")
        if kind == "la":
            return LocalAuthority.objects.get(pk=int(pk))
        return HealthBody.objects.get(pk=int(pk))
