"""The new enquiry form: the contact, the child, the decision disputed."""

from __future__ import annotations

from typing import Any

from django import forms

from accord.cases.choices import (
    Channel,
    ContactMethod,
    DecisionKind,
    DisagreementWith,
    PartyRole,
    PlanSection,
)
from accord.cases.forms import check_not_in_future
from accord.govuk.forms import GovukForm
from accord.organisations.models import HealthBody, LocalAuthority, Provider
from accord.rules import today_in_england


class EnquiryForm(GovukForm):
    received_on = forms.DateField(label="Date the enquiry was received")
    channel = forms.ChoiceField(
        label="How did they contact us?",
        error_messages={"required": "Select how they contacted us"},
        choices=Channel.choices,
        widget=forms.RadioSelect,
    )
    referred_by = forms.CharField(
        label="Referred by (organisation)", required=False, max_length=200
    )
    contact_name = forms.CharField(label="Name of the person who contacted us", max_length=200)
    contact_role = forms.ChoiceField(
        label="Who are they?",
        error_messages={"required": "Select who they are"},
        choices=PartyRole.choices[:4],
    )
    on_behalf_of = forms.CharField(
        label="On whose behalf (if not their own)", required=False, max_length=200
    )
    contact_email = forms.EmailField(label="Email address", required=False)
    contact_phone = forms.CharField(label="Phone number", required=False, max_length=40)
    preferred_contact = forms.ChoiceField(
        label="How do they prefer to be contacted?",
        error_messages={"required": "Select how they prefer to be contacted"},
        choices=ContactMethod.choices,
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
        error_messages={"required": "Select what the disagreement is about"},
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
    shared_with_bodies = forms.BooleanField(
        label="The family agrees that the local authority (and the ICB, if involved) may see "
        "this enquiry now",
        required=False,
        help_text="Without it, their officers see the case only once their body is a party: "
        "told the family wants mediation, or invited to disagreement resolution.",
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
        check_not_in_future(self, "received_on", "The date the enquiry was received")
        check_not_in_future(self, "decision_notice_sent_on", "The date of the decision letter")
        check_not_in_future(self, "child_date_of_birth", "The date of birth")
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
