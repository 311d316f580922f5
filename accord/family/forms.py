"""The family's forms, in plain words, with GOV.UK markup and errors (accord.govuk)."""

from __future__ import annotations

from typing import Any

from django import forms

from accord.cases.models import ChildView
from accord.cases.uploads import MAX_UPLOAD_LABEL
from accord.family.identity import Address, NotAnAddress
from accord.govuk.forms import GovukForm


class AddressForm(GovukForm):
    address = forms.CharField(label="Email address", max_length=254)

    def __init__(self, *args: Any, phones_allowed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.phones_allowed = phones_allowed
        field = self.fields["address"]
        field.error_messages["required"] = "Enter your email address"
        field.widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})
        if phones_allowed:
            field.label = "Email address or mobile phone number"
            field.help_text = "Use the one you gave us when you asked for help."
            field.error_messages["required"] = "Enter your email address or mobile phone number"
        else:
            field.help_text = "Use the email address you gave us when you asked for help."
            field.widget.input_type = "email"

    def clean_address(self) -> Address:
        text = self.cleaned_data["address"]
        try:
            return Address.parse(text, phones_allowed=self.phones_allowed)
        except NotAnAddress as error:
            if self.phones_allowed:
                message = (
                    "Enter an email address like name@example.com, or a UK mobile number "
                    "like 07700 900 982"
                )
            else:
                message = "Enter an email address in the right format, like name@example.com"
            raise forms.ValidationError(message) from error


class CodeForm(GovukForm):
    code = forms.CharField(
        label="Code",
        max_length=12,
        help_text="The code is 6 numbers.",
        error_messages={"required": "Enter the code we sent you"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": self.fields["code"].widget.attrs.get("class", "")
                + " govuk-input--width-5",
            }
        )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError("Enter the 6 numbers of the code we sent you")
        return code


class ChildViewForm(GovukForm):
    kind = forms.ChoiceField(
        label="How are you sending their views?",
        choices=[
            (ChildView.Kind.FORM, "Writing their words in a box"),
            (ChildView.Kind.DRAWING, "Uploading a drawing or picture"),
            (ChildView.Kind.RECORDING, "Uploading a sound or video recording"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how you are sending their views"},
    )
    text = forms.CharField(
        label="Their views, in their own words",
        required=False,
        max_length=10_000,
        help_text="For example: what is going well, what is hard, and what would help.",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    upload = forms.FileField(
        label="Choose a file",
        required=False,
        error_messages={"empty": "The file you chose is empty"},
        help_text=(
            f"A drawing or picture: PNG, JPEG or PDF. A recording: MP3, M4A, WAV or MP4. "
            f"Smaller than {MAX_UPLOAD_LABEL}."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == ChildView.Kind.FORM and not (data.get("text") or "").strip():
            self.add_error("text", "Write their views in the box")
        if kind in (ChildView.Kind.DRAWING, ChildView.Kind.RECORDING) and not data.get("upload"):
            self.add_error("upload", "Choose a file to upload")
        return data


SCORE_QUESTIONS = {
    "satisfied": (
        "How satisfied are you with our service?",
        [
            (5, "Very satisfied"),
            (4, "Satisfied"),
            (3, "Neither satisfied nor dissatisfied"),
            (2, "Dissatisfied"),
            (1, "Very dissatisfied"),
        ],
    ),
    "listened_to": (
        "Did you feel listened to?",
        [
            (5, "Yes, completely"),
            (4, "Mostly"),
            (3, "Partly"),
            (2, "Not much"),
            (1, "Not at all"),
        ],
    ),
    "would_recommend": (
        "Would you recommend our service to someone in your position?",
        [
            (5, "Yes, definitely"),
            (4, "Probably"),
            (3, "Not sure"),
            (2, "Probably not"),
            (1, "Definitely not"),
        ],
    ),
}


class FeedbackForm(GovukForm):
    satisfied = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect)
    listened_to = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect)
    would_recommend = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect)
    comments = forms.CharField(
        label="Is there anything else you want to tell us?",
        required=False,
        max_length=5_000,
        help_text="Do not include names or details of the child or young person.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, (question, choices) in SCORE_QUESTIONS.items():
            field = self.fields[name]
            field.label = question
            field.choices = [(str(value), words) for value, words in choices]  # type: ignore[attr-defined]
            field.error_messages["required"] = f"Answer the question: {question}"
            field.error_messages["invalid_choice"] = f"Answer the question: {question}"
