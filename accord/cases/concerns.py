"""The records the service keeps about keeping people safe and about how it served them:
safeguarding concerns, risk assessments and complaints about the service.

- A **safeguarding concern** can be raised at any stage of a case: what it is, who raised it,
  who was told (the provider's safeguarding lead; the local authority's children's services),
  when, their reference, the outcome, and when it was closed. It is the exception to the
  mediation's confidentiality, and it is for the service's staff (and the mediator) only, never
  for the other parties (`accord.cases.selectors.may_see_confidential`).
- A **risk assessment** is a dated record (the risks, how they are managed, the level, by
  whom). A new assessment is a new row: none is ever changed, so the case keeps every one.
  The latest sets the level the caseload shows (`Case.risk_level`).
- A **complaint** about the service runs received, acknowledged, investigated, answered, with
  dates and an outcome, against a response time the provider sets in working days.

They are models of `accord.cases` (imported by `accord.cases.models`) because the caseload, the
meeting booking (accord.meetings) and the reports (accord.reports) all read them.
Their free text is special-category data, encrypted at rest (accord.cases.encrypted).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone

from accord.cases.choices import RiskLevel
from accord.cases.encrypted import EncryptedTextField
from accord.organisations.models import Provider


class SafeguardingConcern(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="concerns")
    raised_on = models.DateField("date raised")
    raised_by = models.CharField("who raised it", max_length=200)
    what = EncryptedTextField("what the concern is")
    # Who was told, when, and the reference they gave.
    lead_told_on = models.DateField(
        "date the service's safeguarding lead was told", null=True, blank=True
    )
    lead_name = models.CharField("safeguarding lead", max_length=200, blank=True)
    childrens_services_told_on = models.DateField(
        "date the council's children's services were told", null=True, blank=True
    )
    childrens_services_reference = models.CharField(
        "children's services reference", max_length=100, blank=True
    )
    outcome = EncryptedTextField("outcome", blank=True)
    closed_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-raised_on", "-pk"]
        indexes = [models.Index(fields=["case", "closed_on"])]
        constraints = [
            models.CheckConstraint(
                name="concern_closed_after_raised",
                condition=models.Q(closed_on__isnull=True)
                | models.Q(closed_on__gte=models.F("raised_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"Safeguarding concern {self.pk} on {self.case_id}, raised {self.raised_on}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class RiskAssessment(models.Model):
    """One risk assessment as it was made. Never changed: a new assessment is a new record."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="risk_assessments"
    )
    assessed_on = models.DateField("date assessed")
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The name as it was when assessed (kept when the account is later removed).
    assessed_by_name = models.CharField(max_length=200)
    level = models.CharField(max_length=10, choices=RiskLevel.choices)
    risks = EncryptedTextField("the risks")
    mitigations = EncryptedTextField("how they will be managed", blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-assessed_on", "-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Risk assessment {self.pk} on {self.case_id}: {self.level}, {self.assessed_on}"


class ComplaintOutcome(models.TextChoices):
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ComplaintStage(models.TextChoices):
    RECEIVED = "received", "Received"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    INVESTIGATING = "investigating", "Being investigated"
    ANSWERED = "answered", "Answered"


class Complaint(models.Model):
    """A complaint about the service, from a family, a supporter, an officer or anyone else."""

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="complaints")
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    complainant = models.CharField("who complained", max_length=200)
    complainant_is = models.CharField("who they are", max_length=100, blank=True)
    received_on = models.DateField("date received")
    # The date the answer is due: working days from receipt, as the provider set them then.
    respond_by = models.DateField("answer due by")
    what = EncryptedTextField("what the complaint is about")
    acknowledged_on = models.DateField(null=True, blank=True)
    investigation_started_on = models.DateField(null=True, blank=True)
    investigated_by = models.CharField("investigated by", max_length=200, blank=True)
    answered_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=ComplaintOutcome.choices, blank=True)
    response = EncryptedTextField("what the answer said", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["provider", "received_on"])]
        constraints = [
            models.CheckConstraint(
                name="complaint_answered_has_outcome",
                condition=models.Q(answered_on__isnull=True) | ~models.Q(outcome=""),
            ),
        ]

    def __str__(self) -> str:
        return f"Complaint {self.pk} received {self.received_on}"

    @property
    def stage(self) -> ComplaintStage:
        if self.answered_on:
            return ComplaintStage.ANSWERED
        if self.investigation_started_on:
            return ComplaintStage.INVESTIGATING
        if self.acknowledged_on:
            return ComplaintStage.ACKNOWLEDGED
        return ComplaintStage.RECEIVED

    def is_late(self, today: date) -> bool:
        """Not answered by the day it was due (or answered after it)."""
        return (self.answered_on or today) > self.respond_by
