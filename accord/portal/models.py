"""A request for mediation or disagreement resolution that a family sent through the website.

It waits in the intake inbox of the provider that serves the family's council until staff accept
it (it becomes a case) or reject it with a reason. Either way it is kept.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from accord.cases.choices import ContactMethod, DecisionKind, PartyRole, SupporterKind
from accord.organisations.models import LocalAuthority, Provider


class RequesterRole(models.TextChoices):
    PARENT_CARER = "parent_carer", "A parent or carer"
    YOUNG_PERSON = "young_person", "A young person aged 16 to 25"
    ON_BEHALF = "on_behalf", "Someone asking for a parent, carer or young person"


# Who the family is, when someone else asks for them.
FAMILY_RELATIONSHIPS = [
    (PartyRole.PARENT_CARER.value, "A parent or carer of the child or young person"),
    (PartyRole.YOUNG_PERSON.value, "The young person themselves (aged 16 to 25)"),
]


class RequestStatus(models.TextChoices):
    NEW = "new", "New"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


# The ways a family can ask us to contact them from the online form.
ONLINE_CONTACT_METHODS = [
    (ContactMethod.EMAIL.value, "Email"),
    (ContactMethod.PHONE.value, "Phone call"),
    (ContactMethod.TEXT.value, "Text message"),
]


class OnlineRequest(models.Model):
    # REQ-7F3K9Q: short, easy to read aloud on the phone, unique across all providers.
    reference = models.CharField(max_length=12, unique=True)
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="online_requests")
    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.PROTECT, related_name="online_requests"
    )
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.NEW
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    # Who is asking
    requester_role = models.CharField(max_length=20, choices=RequesterRole.choices)
    requester_name = models.CharField(max_length=200)
    on_behalf_of = models.CharField(max_length=300, blank=True)
    # Asked on the family's behalf: who the person asking is, and the family they ask for (the
    # family becomes a party of the case and is invited to sign in with their own address).
    supporter_kind = models.CharField(max_length=20, choices=SupporterKind.choices, blank=True)
    family_name = models.CharField(max_length=200, blank=True)
    family_relationship = models.CharField(max_length=20, choices=FAMILY_RELATIONSHIPS, blank=True)
    family_email = models.EmailField(blank=True)
    family_phone = models.CharField(max_length=40, blank=True)
    family_consents_to_supporter = models.BooleanField(
        "the family agreed the person asking may support them and see the case", default=False
    )

    # The child or young person
    child_first_name = models.CharField(max_length=100)
    child_last_name = models.CharField(max_length=100)
    child_date_of_birth = models.DateField()
    child_setting = models.CharField("school, college or setting", max_length=200, blank=True)

    # The disagreement
    decision_kind = models.CharField(max_length=40, choices=DecisionKind.choices)
    decision_letter_date = models.DateField("date on the decision letter", null=True, blank=True)
    summary = models.TextField("what the disagreement is about")

    # Contact and access needs
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    preferred_contact = models.CharField(max_length=10, choices=ONLINE_CONTACT_METHODS)
    interpreter_language = models.CharField(max_length=100, blank=True)
    access_needs = models.TextField(blank=True)
    consent_to_share_with_la = models.BooleanField(
        "agrees we may share the request with the council"
    )

    # What staff decided
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reject_reason = models.TextField(blank=True)
    case = models.OneToOneField(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="online_request",
    )

    class Meta:
        ordering = ["submitted_at"]
        indexes = [models.Index(fields=["provider", "status", "submitted_at"])]
        constraints = [
            models.CheckConstraint(
                name="online_request_rejection_has_reason",
                condition=~models.Q(status="rejected") | ~models.Q(reject_reason=""),
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_new(self) -> bool:
        return self.status == RequestStatus.NEW

    @property
    def child_full_name(self) -> str:
        return f"{self.child_first_name} {self.child_last_name}".strip()
