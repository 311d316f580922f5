from __future__ import annotations

from django import forms

from accord.govuk.forms import GovukForm


class SetUpForm(GovukForm):
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6 numbers the app shows for Accord, for example 123456.",
        max_length=20,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "class": "govuk-input--width-10",
                "spellcheck": "false",
            }
        ),
    )


class CodeForm(GovukForm):
    code = forms.CharField(
        label="Code",
        help_text=(
            "The 6-digit code from your authenticator app, or one of your recovery codes if you "
            "do not have your app."
        ),
        max_length=40,
        error_messages={"required": "Enter the code from your authenticator app"},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "class": "govuk-input--width-20",
                "spellcheck": "false",
            }
        ),
    )
