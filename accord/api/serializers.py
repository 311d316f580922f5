"""What the API reads and writes, field by field: the OpenAPI schema is generated from these."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from rest_framework import serializers

from accord.api.addresses import refused_address
from accord.cases.choices import (
    ContactMethod,
    DecisionKind,
    DisagreementWith,
    PartyRole,
    PlanSection,
    Route,
)
from accord.cases.clocks import CaseDeadline
from accord.cases.states import CaseState
from accord.rules import today_in_england

S = serializers
# The SEND Regulations 2014 came into force on 1 September 2014: no earlier letter is disputed
# under them.
SEND_REGS_IN_FORCE = date(2014, 9, 1)
# SEND support runs to 25 (Children and Families Act 2014 s.83(2)): room for an old case.
OLDEST_BIRTH = date(1990, 1, 1)
# Who may be the family's contact on a referral (officers and staff are not).
CONTACT_ROLES = [
    PartyRole.PARENT_CARER,
    PartyRole.YOUNG_PERSON,
    PartyRole.REPRESENTATIVE,
    PartyRole.SUPPORTER,
]


class ChildIn(serializers.Serializer):
    first_name = S.CharField(max_length=100)
    last_name = S.CharField(max_length=100)
    date_of_birth = S.DateField()
    setting = S.CharField(max_length=200, required=False, default="")

    def validate_date_of_birth(self, value: date) -> date:
        if value > today_in_england():
            raise S.ValidationError("The date of birth must be today or in the past.")
        if value.year < 1990:
            raise S.ValidationError("The date of birth is too long ago for SEND support.")
        return value


class ContactIn(serializers.Serializer):
    name = S.CharField(max_length=200)
    role = S.ChoiceField(choices=[(r.value, r.label) for r in CONTACT_ROLES])
    email = S.EmailField(required=False, default="")
    phone = S.CharField(max_length=40, required=False, default="")
    preferred_contact = S.ChoiceField(choices=ContactMethod.choices, default=ContactMethod.EMAIL)
    on_behalf_of = S.CharField(max_length=200, required=False, default="")


class ReferralIn(serializers.Serializer):
    local_authority = S.CharField(
        max_length=20,
        required=False,
        help_text="GSS code of the council. An LA client may leave it out (its own).",
    )
    child = ChildIn()
    contact = ContactIn()
    decision_kind = S.ChoiceField(choices=DecisionKind.choices)
    decision_sections = S.ListField(
        child=S.ChoiceField(choices=PlanSection.choices), required=False, default=list
    )
    disagreement_with = S.ChoiceField(choices=DisagreementWith.choices, required=False, default="")
    decision_notice_sent_on = S.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The date of the decision letter: the family's appeal clock runs from it.",
    )
    involves_health = S.BooleanField(required=False, default=False)
    summary = S.CharField(max_length=5000, required=False, default="")
    referred_by = S.CharField(
        max_length=200, required=False, default="", help_text="The officer or team referring."
    )
    family_agreed_to_share = S.BooleanField(
        required=False,
        default=False,
        help_text="The family agreed that the council (and the ICB, if involved) may follow the "
        "case from the start. Without it the case is read back only once the body is a party "
        "to it (mediation chosen and the body told, or invited to disagreement resolution).",
    )

    def validate_decision_notice_sent_on(self, value: date | None) -> date | None:
        if value is not None and not SEND_REGS_IN_FORCE <= value <= today_in_england():
            raise S.ValidationError(
                "The decision letter must be dated between 1 September 2014 and today."
            )
        return value


class ClockOut(serializers.Serializer):
    key = S.CharField()
    label = S.CharField()
    responsible = S.CharField(help_text="Who must meet it.")
    started_on = S.DateField()
    due_on = S.DateField(allow_null=True, help_text="Null: due at once.")
    done_on = S.DateField(allow_null=True)
    status = S.ChoiceField(
        choices=["overdue", "due-soon", "on-track", "met", "late", "family"],
        help_text="'family': the family's own date (to appeal), never chased.",
    )
    legal_basis = S.CharField()


def clock_out(deadline: CaseDeadline, today: date) -> dict[str, object]:
    return {
        "key": deadline.key,
        "label": deadline.label,
        "responsible": deadline.who,
        "started_on": deadline.started,
        "due_on": deadline.due,
        "done_on": deadline.done_on,
        "status": deadline.status(today),
        "legal_basis": deadline.basis,
    }


class CaseOut(serializers.Serializer):
    reference = S.CharField()
    stage = S.ChoiceField(source="state", choices=CaseState.choices)
    route = S.ChoiceField(choices=Route.choices, allow_blank=True)
    suggested_route = S.ChoiceField(choices=Route.choices, allow_blank=True)
    local_authority = S.CharField(source="local_authority.code")
    health_body = S.CharField(source="health_body.code", allow_null=True, default=None)
    received_on = S.DateField()
    decision_kind = S.ChoiceField(choices=DecisionKind.choices)
    decision_notice_sent_on = S.DateField(allow_null=True)
    next_deadline_on = S.DateField(allow_null=True)
    next_deadline_clock = S.CharField(allow_blank=True)


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def case_out(row: dict[str, Any]) -> dict[str, Any]:
    """What CaseOut gives for a case, from the list's plain row (resources.cases.LIST_COLUMNS);
    tests/api compare the two field by field."""
    return {
        "reference": row["reference"],
        "stage": row["state"],
        "route": row["route"],
        "suggested_route": row["suggested_route"],
        "local_authority": row["local_authority__code"],
        "health_body": row["health_body__code"],
        "received_on": _iso(row["received_on"]),
        "decision_kind": row["decision_kind"],
        "decision_notice_sent_on": _iso(row["decision_notice_sent_on"]),
        "next_deadline_on": _iso(row["next_deadline_on"]),
        "next_deadline_clock": row["next_deadline_clock"],
    }


class CaseDetailOut(CaseOut):
    clocks = ClockOut(many=True, help_text="Every statutory clock of the case.")


class CertificateOut(serializers.Serializer):
    number = S.CharField()
    kind = S.CharField()
    issued_on = S.DateField()
    decision_notice_sent_on = S.DateField(allow_null=True)
    appeal_deadline = S.DateField(allow_null=True)
    appeal_deadline_basis = S.CharField(allow_blank=True)
    sha256 = S.CharField()
    supersedes = S.CharField(source="supersedes.number", allow_null=True, default=None)
    replaced_by = S.CharField(allow_null=True)


class ActionOut(serializers.Serializer):
    id = S.IntegerField()
    agreement = S.CharField(source="agreement.number")
    position = S.IntegerField()
    action = S.CharField()
    responsible = S.CharField()
    action_kind = S.CharField(allow_blank=True)
    due_on = S.DateField(allow_null=True)
    done_on = S.DateField(allow_null=True)


class ActionDoneIn(serializers.Serializer):
    done_on = S.DateField()
    evidence = S.CharField(
        max_length=2000, help_text="What shows it was done (a letter's date, a plan's number)."
    )


class MeetingOut(serializers.Serializer):
    id = S.IntegerField()
    kind = S.CharField()
    format = S.CharField()
    starts_at = S.DateTimeField()
    ends_at = S.DateTimeField()
    notice_sent_on = S.DateField(allow_null=True)
    cancelled = S.BooleanField()
    held = S.BooleanField()


class EventOut(serializers.Serializer):
    id = S.IntegerField()
    at = S.DateTimeField()
    kind = S.CharField()
    summary = S.CharField()


class WebhookIn(serializers.Serializer):
    url = S.URLField(max_length=500, help_text="An https address that receives the events.")

    def validate_url(self, value: str) -> str:
        if not value.lower().startswith("https://") and not settings.ACCORD_WEBHOOKS_ALLOW_HTTP:
            raise S.ValidationError("The address must start with https://.")
        refused = refused_address(value)
        if refused:
            raise S.ValidationError(refused)
        return value


class WebhookOut(serializers.Serializer):
    id = S.IntegerField()
    url = S.URLField()
    created_at = S.DateTimeField()


class NewWebhookOut(WebhookOut):
    secret = S.CharField(help_text="The signing secret: shown only in this answer.")
