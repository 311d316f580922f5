"""Forms for statements and signatures: input checks only; the services decide the rest."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from accord.documents.statements import LONGEST_STATEMENT
from accord.govuk.forms import GovukForm


class StatementForm(GovukForm):
    text = forms.CharField(
        label="The party's statement of their view",
        help_text="As agreed at the pre-meeting. Leave a blank line between paragraphs.",
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=LONGEST_STATEMENT,
        error_messages={"required": "Write the party's statement"},
    )


class NewStatementForm(StatementForm):
    party = forms.TypedChoiceField(
        label="Whose statement is it?",
        coerce=int,
        choices=(),
        error_messages={"required": "Choose whose statement it is"},
    )
    meeting = forms.TypedChoiceField(
        label="The pre-meeting it follows",
        coerce=int,
        required=False,
        empty_value=None,
        choices=(),
    )
    field_order = ["party", "meeting", "text"]

    def __init__(self, *args, parties=(), meetings=(), **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [  # type: ignore[attr-defined]
            (p.pk, f"{p.name} ({p.get_role_display()})") for p in parties
        ]
        meeting_choices = [("", "Not booked in Accord")] + [
            (m.pk, f"{timezone.localtime(m.starts_at):%-d %B %Y}") for m in meetings
        ]
        self.fields["meeting"].choices = meeting_choices  # type: ignore[attr-defined]


class SignForm(GovukForm):
    typed_name = forms.CharField(
        label="Type your full name to sign",
        max_length=200,
        error_messages={"required": "Type your full name to sign"},
    )
    confirmed = forms.BooleanField(
        label="I confirm the declaration above",
        error_messages={"required": "Confirm the declaration to sign"},
    )
    seen_sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)


class ChangesForm(GovukForm):
    comments = forms.CharField(
        label="What should change?",
        help_text="Say what is wrong or missing. We will write a new version for you to check.",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=LONGEST_STATEMENT,
        error_messages={"required": "Say what should change"},
    )
    seen_sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)


class PaperSignatureForm(GovukForm):
    party = forms.TypedChoiceField(
        label="Who signed on paper?",
        coerce=int,
        choices=(),
        error_messages={"required": "Choose who signed on paper"},
    )
    typed_name = forms.CharField(
        label="The name they signed with",
        max_length=200,
        error_messages={"required": "Enter the name they signed with"},
    )
    signed_on = forms.DateField(
        label="Date they signed it", error_messages={"required": "Enter the date they signed it"}
    )
    scan = forms.FileField(
        label="The signed agreement, scanned (PDF)",
        help_text="A PDF smaller than 20 MB.",
        error_messages={"required": "Choose the scanned, signed agreement"},
    )

    def __init__(self, *args, parties=(), **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["party"].choices = [  # type: ignore[attr-defined]
            (p.pk, f"{p.name} ({p.get_role_display()})") for p in parties
        ]
