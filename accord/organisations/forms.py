from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from accord.govuk.forms import GovukFormMixin
from accord.organisations.models import normalised_email


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
