"""Documents Accord issues: mediation certificates and mediation / DR agreements.

Issued documents are immutable: the PDF is stored once with its SHA-256 and can be downloaded
again; a correction is a new certificate that supersedes the old (style.md #7).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from accord.cases.models import Case
from accord.organisations.models import Provider


class CertificateKind(models.TextChoices):
    # CFA 2014 s.55(4), SEND Regs reg 34: information and advice given, mediation not pursued.
    INFORMATION_GIVEN = "information_given", "Information and advice given; mediation not pursued"
    # CFA 2014 s.55(5), SEND Regs reg 39: mediation took place.
    AFTER_MEDIATION = "after_mediation", "Mediation took place"
    # CFA 2014 s.55(5), SEND Regs reg 37: mediation could not be held within 30 days.
    NOT_HELD_IN_TIME = "not_held_in_time", "Mediation could not be held within 30 days"


class DocumentCounter(models.Model):
    """The last number used per provider, series and year: locked while numbering."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE)
    series = models.CharField(max_length=20)
    year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "series", "year"], name="one_document_counter"
            )
        ]


class Certificate(models.Model):
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="certificates")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="certificates")
    number = models.CharField(max_length=30)
    kind = models.CharField(max_length=30, choices=CertificateKind.choices)
    issued_on = models.DateField()
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # What the certificate states, as it was on the day (never recomputed after issue).
    family_names = models.CharField(max_length=300)
    child_name = models.CharField(max_length=200)
    local_authority_name = models.CharField(max_length=200)
    decision_description = models.CharField(max_length=300)
    decision_notice_sent_on = models.DateField(null=True, blank=True)
    appeal_deadline = models.DateField(null=True, blank=True)
    appeal_deadline_basis = models.CharField(max_length=500, blank=True)
    # The stored PDF and its checksum.
    pdf = models.FileField(upload_to="certificates/%Y/")
    sha256 = models.CharField(max_length=64)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    correction_reason = models.TextField(blank=True)
    # A double-submitted form carries the same key and gets the same certificate back.
    idempotency_key = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "number"], name="certificate_number_unique_per_provider"
            )
        ]

    def __str__(self) -> str:
        return self.number


class Agreement(models.Model):
    """The written outcome of a mediation or DR meeting (full, partial or no agreement)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="agreements")
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.PROTECT,
        related_name="agreements",
    )
    number = models.CharField(max_length=30, blank=True)
    outcome = models.CharField(max_length=20)  # accord.cases.choices.Outcome (meeting outcomes)
    concluded_on = models.DateField()
    summary = models.TextField(blank=True)
    # SEND Regs reg 42(5): the parties agreed other timescales in writing.
    other_timescales_agreed = models.BooleanField(default=False)
    other_timescales_note = models.TextField(blank=True)
    # The LA was not a party (an ICB-only agreement): the ICB must tell the LA (reg 42(4)).
    la_party = models.BooleanField(default=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    pdf = models.FileField(upload_to="agreements/%Y/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-concluded_on", "-id"]

    @property
    def is_issued(self) -> bool:
        return self.issued_at is not None


class AgreementItem(models.Model):
    """One point of an agreement: what was decided, what happens, who, by when, how reviewed."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(default=1)
    decided = models.TextField("what was decided")
    action = models.TextField("what will happen")
    responsible = models.CharField("who is responsible", max_length=200)
    # accord.rules.PostAgreementAction member name (lower case), or blank for a non-statutory item.
    action_kind = models.CharField(max_length=40, blank=True)
    due_on = models.DateField("by when", null=True, blank=True)
    # True when the due date was set by the parties (reg 42(5)) or for a reg 44 exception.
    due_overridden = models.BooleanField(default=False)
    exception_reason = models.TextField(blank=True)
    review = models.TextField("how it will be reviewed", blank=True)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["agreement", "position"]
