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


SOMEONE_ELSE = "someone_else"


class BodyAttendeeForm(GovukForm):
    """Who will attend for the LA or the ICB: chosen from the body's officers and contacts
    (`people`: `selectors.body_people`), or someone else, typed once."""

    chosen = forms.ChoiceField(label="Who will attend?", widget=forms.RadioSelect)
    name = forms.CharField(label="Full name of the person who will attend", max_length=200)
    job_title = forms.CharField(label="Job title", required=False, max_length=120)
    email = forms.EmailField(label="Email address", required=False)
    has_authority_to_settle = forms.BooleanField(
        label="They have authority to settle the issues in the meeting (SEND Regs reg 38)",
        required=False,
    )

    def __init__(self, *args: Any, people: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not people:
            del self.fields["chosen"]
            return
        chosen = self.fields["chosen"]
        assert isinstance(chosen, forms.ChoiceField)
        chosen.choices = [
            (p.choice, f"{p.name} ({p.email})" if p.email else p.name) for p in people
        ] + [(SOMEONE_ELSE, "Someone else")]
        for name, label in (
            ("name", "If someone else: their full name"),
            ("job_title", "If someone else: their job title"),
            ("email", "If someone else: their email address"),
        ):
            self.fields[name].label = label
            self.fields[name].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "chosen" not in self.fields:
            return data
        if data.get("chosen") == SOMEONE_ELSE:
            data["chosen"] = ""
            if not data.get("name", "").strip():
                self.add_error("name", "Enter the full name of the person who will attend")
        return data


class AuthorityForm(GovukForm):
    has_authority_to_settle = forms.BooleanField(
        label="This person has authority to settle the issues in the meeting (SEND Regs reg 38)",
        required=False,
    )
