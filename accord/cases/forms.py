"""Input validation for casework forms; the services decide everything else."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from accord.cases.choices import (
    Channel,
    ContactMethod,
    DecisionKind,
    DisagreementWith,
    FamilyChoice,
    Outcome,
    PartyRole,
    PlanSection,
    RiskLevel,
    Route,
)
from accord.cases.models import ChildView
from accord.cases.states import CaseState
from accord.govuk.forms import GovukForm
from accord.organisations.models import HealthBody, LocalAuthority, Provider, User
from accord.rules import today_in_england


def _not_in_future(value: date | None, what: str) -> None:
    if value is not None and value > today_in_england():
        raise forms.ValidationError(f"{what} must be today or in the past.")


class VersionedForm(GovukForm):
    """Carries the case version the form was shown with, so a stale save is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class EnquiryForm(GovukForm):
    received_on = forms.DateField(label="Date the enquiry was received")
    channel = forms.ChoiceField(
        label="How did they contact us?", choices=Channel.choices, widget=forms.RadioSelect
    )
    referred_by = forms.CharField(
        label="Referred by (organisation)", required=False, max_length=200
    )
    contact_name = forms.CharField(label="Name of the person who contacted us", max_length=200)
    contact_role = forms.ChoiceField(label="Who are they?", choices=PartyRole.choices[:4])
    on_behalf_of = forms.CharField(
        label="On whose behalf (if not their own)", required=False, max_length=200
    )
    contact_email = forms.EmailField(label="Email address", required=False)
    contact_phone = forms.CharField(label="Phone number", required=False, max_length=40)
    preferred_contact = forms.ChoiceField(
        label="How do they prefer to be contacted?", choices=ContactMethod.choices
    )
    interpreter_language = forms.CharField(
        label="Interpreter needed: language", required=False, max_length=100
    )
    access_needs = forms.CharField(
        label="Access needs or adjustments",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    child_first_name = forms.CharField(label="Child or young person's first name", max_length=100)
    child_last_name = forms.CharField(label="Child or young person's last name", max_length=100)
    child_date_of_birth = forms.DateField(label="Child or young person's date of birth")
    child_setting = forms.CharField(
        label="School, college or setting", required=False, max_length=200
    )
    local_authority = forms.ModelChoiceField(
        label="Local authority", queryset=LocalAuthority.objects.none()
    )
    health_body = forms.ModelChoiceField(
        label="Health body (ICB), if involved", required=False, queryset=HealthBody.objects.none()
    )
    decision_kind = forms.ChoiceField(
        label="What is the disagreement about?",
        choices=DecisionKind.choices,
        widget=forms.RadioSelect,
    )
    decision_sections = forms.MultipleChoiceField(
        label="Which parts of the plan are disputed?",
        choices=PlanSection.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only for a disagreement about the content of a plan.",
    )
    disagreement_with = forms.ChoiceField(
        label="Who is the disagreement with?",
        choices=[("", "—"), *DisagreementWith.choices],
        required=False,
        help_text="For other SEND disagreements (disagreement resolution).",
    )
    decision_notice_sent_on = forms.DateField(
        label="Date the decision letter was sent",
        required=False,
        help_text="The 2-month limit to contact a mediation adviser runs from this date.",
    )
    involves_health = forms.BooleanField(label="The issues include health care", required=False)
    summary = forms.CharField(
        label="What is the disagreement about, in their words?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    safeguarding_concern = forms.BooleanField(
        label="There is a safeguarding concern", required=False
    )
    safeguarding_notes = forms.CharField(
        label="Safeguarding notes (staff only)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    confirm_not_duplicate = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, provider: Provider, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["local_authority"].queryset = provider.local_authorities.all()  # type: ignore[attr-defined]
        self.fields["health_body"].queryset = provider.health_bodies.all()  # type: ignore[attr-defined]
        self.fields["received_on"].initial = today_in_england()
        self.fields["channel"].initial = Channel.PHONE

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check(self, "received_on", "The date the enquiry was received")
        _check(self, "decision_notice_sent_on", "The date of the decision letter")
        _check(self, "child_date_of_birth", "The date of birth")
        if not data.get("contact_email") and not data.get("contact_phone"):
            self.add_error("contact_email", "Enter an email address or a phone number.")
        kind = data.get("decision_kind")
        if kind == DecisionKind.PLAN_CONTENT and not data.get("decision_sections"):
            self.add_error("decision_sections", "Select the parts of the plan that are disputed.")
        if kind == DecisionKind.NON_EHC_DISAGREEMENT and not data.get("disagreement_with"):
            self.add_error("disagreement_with", "Select who the disagreement is with.")
        sent, received = data.get("decision_notice_sent_on"), data.get("received_on")
        if sent and received and sent > received:
            self.add_error(
                "decision_notice_sent_on",
                "The decision letter must be dated on or before the enquiry.",
            )
        if data.get("safeguarding_concern") and not data.get("safeguarding_notes"):
            self.add_error("safeguarding_notes", "Describe the safeguarding concern.")
        return data


def _check(form: forms.Form, name: str, what: str) -> None:
    try:
        _not_in_future(form.cleaned_data.get(name), what)
    except forms.ValidationError as error:
        form.add_error(name, error)


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
        _check(self, "on", "The date")
        _check(self, "la_notified_on", "The date the LA was told")
        return data


class LaNotifiedForm(VersionedForm):
    la_notified_on = forms.DateField(label="Date the LA received the family's notice")
    health_body_notified_on = forms.DateField(
        label="Date the health body was told the issues", required=False
    )


class CannotHoldForm(VersionedForm):
    told_on = forms.DateField(label="Date the adviser was told it cannot be held in time")


class OutcomeForm(VersionedForm):
    outcome = forms.ChoiceField(
        label="Outcome",
        widget=forms.RadioSelect,
        choices=[
            (Outcome.FULL_AGREEMENT, Outcome.FULL_AGREEMENT.label),
            (Outcome.PARTIAL_AGREEMENT, Outcome.PARTIAL_AGREEMENT.label),
            (Outcome.NO_AGREEMENT, Outcome.NO_AGREEMENT.label),
        ],
    )
    concluded_on = forms.DateField(label="Date the meeting concluded")


class CloseForm(VersionedForm):
    outcome = forms.ChoiceField(label="Outcome", choices=Outcome.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReopenForm(VersionedForm):
    reason = forms.CharField(
        label="Why is the case being reopened?", widget=forms.Textarea(attrs={"rows": 2})
    )


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
                memberships__provider=provider, memberships__role=name, is_active=True
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


class DrConsentForm(GovukForm):
    consents = forms.TypedChoiceField(
        label="Has this party agreed to take part?",
        choices=[("yes", "Yes"), ("no", "No, they declined")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    on = forms.DateField(label="Date of their answer")


class RiskForm(VersionedForm):
    risk_level = forms.ChoiceField(
        label="Risk level", choices=RiskLevel.choices, widget=forms.RadioSelect
    )
    risk_notes = forms.CharField(
        label="Risks and how they will be managed",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    risk_assessed_on = forms.DateField(label="Date assessed")


class NoteForm(GovukForm):
    text = forms.CharField(
        label="Confidential note (staff and mediator only)",
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ChildViewForm(GovukForm):
    kind = forms.ChoiceField(
        label="How were the views given?", choices=ChildView.Kind.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label="Their views in their words", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    upload = forms.FileField(label="Upload a drawing or recording", required=False)


class DecisionDateForm(VersionedForm):
    decision_notice_sent_on = forms.DateField(label="Date the decision letter was sent")


class CaseloadFilterForm(GovukForm):
    q = forms.CharField(label="Search by reference, child or parent name", required=False)
    state = forms.ChoiceField(
        label="State", required=False, choices=[("", "All open"), *CaseState.choices]
    )
    route = forms.ChoiceField(label="Route", required=False, choices=[("", "All"), *Route.choices])
    local_authority = forms.ModelChoiceField(
        label="Local authority",
        required=False,
        queryset=LocalAuthority.objects.none(),
        empty_label="All",
    )
    assignee = forms.ChoiceField(label="Assigned to", required=False)

    def __init__(
        self, *args: Any, provider: Provider, people: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["local_authority"].queryset = provider.local_authorities.all()  # type: ignore[attr-defined]
        self.fields["assignee"].choices = [("", "Anyone"), *people]  # type: ignore[attr-defined]
