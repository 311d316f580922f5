"""Input validation for document pages; the services decide everything else."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms

from accord import rules
from accord.documents.agreed_actions import action_label
from accord.documents.models import DueDateOverride, Reg44Exception
from accord.govuk.forms import GovukForm


def new_idempotency_key() -> str:
    """Made when the form is shown; a double submit sends it twice and gets one document."""
    return uuid.uuid4().hex


class IssueCertificateForm(GovukForm):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CorrectCertificateForm(GovukForm):
    reason = forms.CharField(
        label="What was wrong with the certificate?",
        error_messages={"required": "Enter what was wrong with the certificate"},
        help_text="This is printed on the corrected certificate.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)


class AgreementForm(GovukForm):
    summary = forms.CharField(
        label="Summary of the meeting's outcome",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    la_party = forms.BooleanField(
        label="The local authority was a party to the mediation",
        help_text=(
            "Untick only for a health-only mediation without the local authority: the ICB "
            "must then tell the local authority about the agreement within 1 week "
            "(SEND Regs reg 42(4))."
        ),
        required=False,
        initial=True,
    )


ACTION_CHOICES = [("", "Not a statutory action")] + [
    (action.value, action_label(action.value)) for action in rules.PostAgreementAction
]


class AgreementItemForm(GovukForm):
    decided = forms.CharField(
        label="What was decided", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    action = forms.CharField(
        label="What will happen", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    responsible = forms.CharField(label="Who is responsible", max_length=200)
    review = forms.CharField(
        label="How it will be reviewed",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )
    action_kind = forms.ChoiceField(
        label="Which action does the law set a timescale for?",
        choices=ACTION_CHOICES,
        required=False,
        help_text="SEND Regs reg 42 (and reg 44 for matters the family could have appealed).",
    )
    due_on = forms.DateField(
        label="By when",
        required=False,
        help_text=(
            "Leave blank to use the date the regulations give. A different date needs a "
            "reason below."
        ),
    )
    override_basis = forms.ChoiceField(
        label="Why is the date different from the regulations' date?",
        choices=[("", "It is not different"), *DueDateOverride.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    reg44_exception = forms.ChoiceField(
        label="Which exception in regulation 44?",
        choices=[("", "Not an exception"), *Reg44Exception.choices],
        required=False,
    )
    reason = forms.CharField(
        label="Reason for the different date",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )

    @staticmethod
    def initial_from(item: Any) -> dict[str, Any]:
        return {
            "decided": item.decided,
            "action": item.action,
            "responsible": item.responsible,
            "review": item.review,
            "action_kind": item.action_kind,
            "due_on": item.due_on,
            "override_basis": item.override_basis,
            "reg44_exception": item.reg44_exception,
            "reason": item.exception_reason,
        }


class DoneForm(GovukForm):
    done_on = forms.DateField(label="Date it was done")


class ActionDoneForm(GovukForm):
    done_on = forms.DateField(label="Date it was done")
    note = forms.CharField(
        label="What was done",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Say what was done, or attach a document that shows it (or both).",
    )
    evidence = forms.FileField(
        label="A document that shows it was done (PDF, PNG or JPEG)", required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("note", "").strip() and not data.get("evidence") and "evidence" in data:
            self.add_error("note", "Say what was done, or attach a document that shows it.")
        return data


class MoreTimeForm(GovukForm):
    new_due_on = forms.DateField(label="The date you are asking for")
    reason = forms.CharField(
        label="Why more time is needed", widget=forms.Textarea(attrs={"rows": 3})
    )


class FamilyAgreedForm(GovukForm):
    agreed_on = forms.DateField(label="Date of the family's written agreement")
    how = forms.CharField(
        label="How they agreed in writing",
        help_text="For example: email from the parent of 3 March, kept on file.",
        max_length=500,
    )
