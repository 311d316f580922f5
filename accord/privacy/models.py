"""What data protection keeps: each provider's retention schedule, the log of retention runs, and
the record of each erasure decided (docs/data-protection.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from accord.cases.models import Case
from accord.organisations.models import Provider

# The defaults, and why each is as long as it is, are in docs/data-protection.md ("How long").
DEFAULT_CLOSED_CASE_MONTHS = 72
DEFAULT_ENQUIRY_MONTHS = 12
DEFAULT_REJECTED_REQUEST_MONTHS = 6
DEFAULT_MESSAGE_BODY_DAYS = 90
DEFAULT_SIGN_IN_CODE_DAYS = 7
DEFAULT_ACCESS_LOG_MONTHS = 84


class RetentionSchedule(models.Model):
    """How long one provider keeps each kind of record after it is finished with."""

    provider = models.OneToOneField(
        Provider, on_delete=models.CASCADE, related_name="retention_schedule"
    )
    closed_case_months = models.PositiveSmallIntegerField(
        "closed cases: months after closing before they are anonymised",
        default=DEFAULT_CLOSED_CASE_MONTHS,
    )
    enquiry_months = models.PositiveSmallIntegerField(
        "enquiries that never became cases: months after closing before they are anonymised",
        default=DEFAULT_ENQUIRY_MONTHS,
    )
    rejected_request_months = models.PositiveSmallIntegerField(
        "rejected online requests: months after the decision before they are deleted",
        default=DEFAULT_REJECTED_REQUEST_MONTHS,
    )
    message_body_days = models.PositiveSmallIntegerField(
        "outbox messages: days after sending before their words are removed",
        default=DEFAULT_MESSAGE_BODY_DAYS,
    )
    sign_in_code_days = models.PositiveSmallIntegerField(
        "family sign-in codes: days after they expire before they are deleted",
        default=DEFAULT_SIGN_IN_CODE_DAYS,
    )
    access_log_months = models.PositiveSmallIntegerField(
        "access log: months before an entry is deleted", default=DEFAULT_ACCESS_LOG_MONTHS
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Retention schedule of {self.provider}"


class RetentionRun(models.Model):
    """One run of the retention job, dry or applied: what it found or did, per category."""

    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    applied = models.BooleanField(default=False)
    started_by = models.CharField(max_length=100)  # "manage.py apply_retention", "worker"
    # {provider slug: {category: count}}
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        mode = "applied" if self.applied else "dry run"
        return f"Retention {mode} {self.started_at:%Y-%m-%d %H:%M}"


class Erasure(models.Model):
    """A request to erase a person's details from a case, and what was decided (UK GDPR art. 17).

    The person is named only by their role and position (the name is what was erased)."""

    class Outcome(models.TextChoices):
        ERASED = "erased", "Erased"
        REFUSED = "refused", "Refused"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="erasures")
    party_id_erased = models.PositiveIntegerField()
    party_role = models.CharField(max_length=20)
    reason = models.TextField("why the person asked, or why the service is erasing")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    explanation = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"Erasure on {self.case}: {self.get_outcome_display()}"
