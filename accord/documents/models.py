"""Documents Accord issues: mediation certificates and mediation / DR agreements.

Issued documents are immutable: the PDF is stored once with its SHA-256 and can be downloaded
again; a correction is a new certificate that supersedes the old (style.md #7).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from accord.cases.choices import Outcome
from accord.cases.models import Case
from accord.organisations.models import Provider


class CertificateKind(models.TextChoices):
    # CFA 2014 s.55(4), SEND Regs reg 34: information and advice given, mediation not pursued.
    INFORMATION_GIVEN = "information_given", "Information and advice given; mediation not pursued"
    # CFA 2014 s.55(4), SEND Regs reg 34 ("fails to pursue"): mediation chosen, then not pursued.
    NOT_PURSUED = "not_pursued", "Information and advice given; mediation chosen, then not pursued"
    # CFA 2014 s.55(5), SEND Regs reg 39: mediation took place.
    AFTER_MEDIATION = "after_mediation", "Mediation took place"
    # CFA 2014 s.55(5), SEND Regs reg 37: mediation could not be held within 30 days.
    NOT_HELD_IN_TIME = "not_held_in_time", "Mediation could not be held within 30 days"


class ImmutableDocument(Exception):
    """An issued document was asked to change: issue a correction instead (style.md #7)."""


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

    def __str__(self) -> str:
        return f"{self.provider} {self.series} {self.year}: {self.last_number}"


class Certificate(models.Model):
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="certificates")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="certificates")
    number = models.CharField(max_length=30)
    kind = models.CharField(max_length=30, choices=CertificateKind.choices)
    issued_on = models.DateField()
    # Set by the service before the document is drawn: the PDF states this moment as its creation.
    issued_at = models.DateTimeField(default=timezone.now)
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
    # The plain-English working of the appeal deadline, one step a line (rules.explain_...).
    appeal_deadline_explanation = models.TextField(blank=True)
    # The stored PDF and its checksum, and the same content as a web page (its HTML body, made
    # from the same template: accord.documents.pdf). Blank on certificates issued before then.
    pdf = models.FileField(upload_to="certificates/%Y/")
    sha256 = models.CharField(max_length=64)
    html = models.TextField(blank=True)
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

    # Everything the certificate states: once issued none of these may change.
    CONTENT_FIELDS: ClassVar[tuple[str, ...]] = (
        "provider_id",
        "case_id",
        "number",
        "kind",
        "issued_on",
        "issued_by_id",
        "family_names",
        "child_name",
        "local_authority_name",
        "decision_description",
        "decision_notice_sent_on",
        "appeal_deadline",
        "appeal_deadline_basis",
        "appeal_deadline_explanation",
        "pdf",
        "sha256",
        "html",
        "supersedes_id",
        "correction_reason",
        "idempotency_key",
    )

    def __str__(self) -> str:
        return self.number

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            _refuse_changes(self, self.CONTENT_FIELDS, f"Certificate {self.number}")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableDocument(f"Certificate {self.number} has been issued and is kept.")

    @property
    def is_superseded(self) -> bool:
        return Certificate.objects.filter(supersedes_id=self.pk).exists()


def _comparable(value: Any) -> Any:
    """A FileField value compares by its stored name."""
    return value.name if isinstance(value, FieldFile) else value


def _refuse_changes(instance: models.Model, fields: tuple[str, ...], label: str) -> None:
    """Raise if any of `fields` differs from the stored row (an issued document's content)."""
    stored = type(instance)._default_manager.filter(pk=instance.pk).values(*fields).first()
    if stored is None:
        return
    changed = [f for f in fields if _comparable(getattr(instance, f)) != _comparable(stored[f])]
    if changed:
        raise ImmutableDocument(
            f"{label} has been issued and cannot be changed ({', '.join(changed)}). "
            "Issue a correction instead."
        )


class Agreement(models.Model):
    """The written outcome of a mediation or DR meeting (full, partial or no agreement)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="agreements")
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
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
    html = models.TextField(blank=True)  # the same content as a web page (accord.documents.pdf)
    created_at = models.DateTimeField(auto_now_add=True)
    # Once every party has signed (accord.documents.signatures): the issued PDF with the
    # evidence page appended, sealed by the provider, and its checksum. The issued PDF stays.
    signed_by_all_at = models.DateTimeField(null=True, blank=True)
    signed_pdf = models.FileField(upload_to="agreements/%Y/", blank=True)
    signed_sha256 = models.CharField(max_length=64, blank=True)

    # Fixed once the agreement is issued.
    CONTENT_FIELDS: ClassVar[tuple[str, ...]] = (
        "case_id",
        "meeting_id",
        "number",
        "outcome",
        "concluded_on",
        "summary",
        "other_timescales_agreed",
        "other_timescales_note",
        "la_party",
        "issued_at",
        "issued_by_id",
        "pdf",
        "sha256",
        "html",
    )

    class Meta:
        ordering = ["-concluded_on", "-id"]

    def __str__(self) -> str:
        return self.number or f"Draft agreement for {self.case}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and _stored_issued(self.pk):
            _refuse_changes(self, self.CONTENT_FIELDS, f"Agreement {self.number}")
        super().save(*args, **kwargs)

    @property
    def is_issued(self) -> bool:
        return self.issued_at is not None

    @property
    def outcome_label(self) -> str:

        return Outcome(self.outcome).label if self.outcome in Outcome.values else self.outcome


class DueDateOverride(models.TextChoices):
    """Why an agreed action's date differs from the one the regulations give."""

    # SEND Regs reg 42(5): the parties agreed a different timescale in writing.
    AGREED_IN_WRITING = "agreed_in_writing", "The parties agreed a different date in writing"
    # SEND Regs reg 44: one of the listed exceptions allows more time.
    REG44_EXCEPTION = "reg44_exception", "An exception in regulation 44 allows more time"


class Reg44Exception(models.TextChoices):
    """The exceptions regulation 44 lists (as rules.md summarises them)."""

    EXCEPTIONAL_CIRCUMSTANCES = (
        "exceptional_circumstances",
        "Exceptional personal circumstances of the child, young person or parent",
    )
    ABSENT_FROM_AREA = (
        "absent_from_area",
        "The child, young person or parent is away from the area for 2 weeks or more",
    )
    REPRESENTATIONS = (
        "representations",
        "The family asked to make representations about the content of the plan",
    )


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
    override_basis = models.CharField(max_length=30, choices=DueDateOverride.choices, blank=True)
    reg44_exception = models.CharField(max_length=40, choices=Reg44Exception.choices, blank=True)
    # The reason recorded for an overridden date (either basis).
    exception_reason = models.TextField(blank=True)
    review = models.TextField("how it will be reviewed", blank=True)
    done_on = models.DateField(null=True, blank=True)
    done_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The evidence that it was done: a note, a document, or both (accord.documents.follow_up).
    done_note = models.TextField("what was done", blank=True)
    done_evidence = models.FileField(upload_to="agreed-actions/%Y/", blank=True)

    # Fixed once the agreement is issued: only done_on (and who recorded it) change after.
    CONTENT_FIELDS: ClassVar[tuple[str, ...]] = (
        "agreement_id",
        "position",
        "decided",
        "action",
        "responsible",
        "action_kind",
        "due_on",
        "due_overridden",
        "override_basis",
        "reg44_exception",
        "exception_reason",
        "review",
    )

    class Meta:
        # By the agreement's id, not "agreement" (its own ordering), which would join it into
        # every read of an agreement's points.
        ordering = ["agreement_id", "position"]

    def __str__(self) -> str:
        return f"{self.position}. {self.action[:60]}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if _stored_issued(self.agreement_id):
            if self.pk is None:
                raise ImmutableDocument("An issued agreement cannot have points added.")
            _refuse_changes(self, self.CONTENT_FIELDS, "This point of the agreement")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if _stored_issued(self.agreement_id):
            raise ImmutableDocument("A point of an issued agreement cannot be removed.")
        return super().delete(*args, **kwargs)


def _stored_issued(agreement_id: int | None) -> bool:
    return (
        agreement_id is not None
        and Agreement.objects.filter(pk=agreement_id, issued_at__isnull=False).exists()
    )


class MoreTimeRequest(models.Model):
    """The body responsible for an agreed action asks for a later date. The agreement stays as
    issued: the new date counts only once the family's written agreement to it is recorded
    (SEND Regs 2014 reg 42(5): other timescales agreed by the parties in writing)."""

    item = models.ForeignKey(AgreementItem, on_delete=models.CASCADE, related_name="more_time")
    new_due_on = models.DateField("new date asked for")
    reason = models.TextField()
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    asked_at = models.DateTimeField(auto_now_add=True)
    # The date of the family's written agreement, and how it was given (a letter, an email).
    family_agreed_on = models.DateField(null=True, blank=True)
    family_agreement = models.TextField("how the family agreed in writing", blank=True)
    agreement_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["item", "asked_at", "id"]

    def __str__(self) -> str:
        return f"More time for {self.item}: {self.new_due_on}"

    @property
    def counts(self) -> bool:
        return self.family_agreed_on is not None


# Case statements and signatures live in their own module; imported here so Django finds them.
from accord.documents.statement_models import (  # noqa: E402
    CaseStatement,
    Signature,
    StatementChangeRequest,
    StatementState,
    StatementVersion,
)

__all__ = [
    "Agreement",
    "AgreementItem",
    "CaseStatement",
    "Certificate",
    "CertificateKind",
    "DocumentCounter",
    "DueDateOverride",
    "ImmutableDocument",
    "MoreTimeRequest",
    "Reg44Exception",
    "Signature",
    "StatementChangeRequest",
    "StatementState",
    "StatementVersion",
]
