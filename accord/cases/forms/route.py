"""Forms for the steps of the route: the route confirmed, the family's choice, the LA told,
mediation that cannot be held, and the family no longer pursuing it."""

from __future__ import annotations

from typing import Any

from django import forms

from accord.cases.choices import FamilyChoice, NotPursuedHow, Route
from accord.cases.forms import VersionedForm, check_not_in_future


class RouteForm(VersionedForm):
    route = forms.ChoiceField(label="Route", choices=Route.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label="Reason, if different from the suggested route",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FamilyChoiceForm(VersionedForm):
    choice = forms.ChoiceField(
        label="What does the family want to do?",
        error_messages={"required": "Select what the family wants to do"},
        choices=FamilyChoice.choices,
        widget=forms.RadioSelect,
    )
    on = forms.DateField(label="Date the adviser was told")
    la_notified_on = forms.DateField(
        label="Date the LA received the family's notice that they want mediation",
        required=False,
        help_text="The 30-day clock to hold mediation starts on this date.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_not_in_future(self, "on", "The date")
        check_not_in_future(self, "la_notified_on", "The date the LA was told")
        return data


class LaNotifiedForm(VersionedForm):
    la_notified_on = forms.DateField(label="Date the LA received the family's notice")
    health_body_notified_on = forms.DateField(
        label="Date the health body was told the issues", required=False
    )


class CannotHoldForm(VersionedForm):
    told_on = forms.DateField(label="Date the adviser was told it cannot be held in time")


class NotPursuedForm(VersionedForm):
    on = forms.DateField(
        label="Date the adviser learned the family is no longer pursuing mediation",
        help_text="The 3 working days to issue the certificate start from this date.",
    )
    how = forms.ChoiceField(
        label="How do you know?",
        error_messages={"required": "Select how you know"},
        choices=NotPursuedHow.choices,
        widget=forms.RadioSelect,
    )
    attempts = forms.IntegerField(
        label="If they stopped replying: how many times were they contacted?",
        required=False,
        min_value=1,
        max_value=99,
    )
    note = forms.CharField(
        label="Notes (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example what the family said, or when and how you tried to reach them.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_not_in_future(self, "on", "The date")
        if data.get("how") == NotPursuedHow.NO_REPLY and not data.get("attempts"):
            self.add_error("attempts", "Enter how many times the family was contacted.")
        return data


class NotPursuedCorrectionForm(VersionedForm):
    CHANGE_DATE, UNDO = "date", "undo"
    change = forms.ChoiceField(
        label="What needs putting right?",
        error_messages={"required": "Select what needs putting right"},
        choices=[
            (CHANGE_DATE, "The date is wrong"),
            (UNDO, "The family is pursuing mediation after all: undo the record"),
        ],
        widget=forms.RadioSelect,
    )
    on = forms.DateField(label="The correct date", required=False)
    reason = forms.CharField(
        label="Why is it being corrected?",
        error_messages={"required": "Enter why it is being corrected"},
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_not_in_future(self, "on", "The date")
        if (
            data.get("change") == self.CHANGE_DATE
            and not data.get("on")
            and "on" not in self.errors
        ):
            self.add_error("on", "Enter the correct date.")
        return data
