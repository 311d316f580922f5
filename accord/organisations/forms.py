from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from accord.govuk.forms import GovukForm, GovukFormMixin
from accord.organisations.models import Membership, normalised_email


class SignInForm(GovukFormMixin, AuthenticationForm):
    username = forms.EmailField(
        label="Email address",
        error_messages={"required": "Enter your email address"},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "class": "govuk-input"}),
    )
    password = forms.CharField(
        label="Password",
        error_messages={"required": "Enter your password"},
        strip=False,
        widget=forms.PasswordInput(
            attrs={"autocomplete": "current-password", "class": "govuk-input"}
        ),
    )

    def clean_username(self) -> str:
        # Signing in is not case-sensitive (accord.organisations.models.normalised_email).
        return normalised_email(self.cleaned_data.get("username") or "")

    error_messages = {
        "invalid_login": "Enter a correct email address and password.",
        "inactive": "This account is inactive.",
    }


class ChooseProviderForm(GovukForm):
    """Which of the person's services they are working for now: one of their own, by its id."""

    provider = forms.TypedChoiceField(
        label="Which service are you working for?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the service you are working for",
            "invalid_choice": "Select the service you are working for",
        },
    )

    def __init__(self, *args: Any, memberships: Iterable[Membership], **kwargs: Any) -> None:
        # One choice a service, naming each of the person's roles in it.
        roles: dict[int, list[str]] = {}
        names: dict[int, str] = {}
        for m in memberships:
            names[m.provider_id] = m.provider.name
            roles.setdefault(m.provider_id, []).append(str(m.get_role_display()))
        self._choices = [(pk, f"{names[pk]} — {', '.join(roles[pk])}") for pk in names]
        super().__init__(*args, **kwargs)

    def prepare(self) -> None:
        self.fields["provider"].choices = self._choices  # type: ignore[attr-defined]
