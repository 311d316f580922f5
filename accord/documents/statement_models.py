"""Case statements and electronic signatures (accord.documents.statements, .signatures).

A statement is one party's view of the disagreement, written by the mediator (or coordinator)
after that party's pre-meeting. Each staff edit is a new version, never an overwrite; the
party's requests for changes are kept with the version they were about; a signed statement is
frozen as a sealed PDF with its checksum. A signature is never changed or removed once made.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from accord.cases.encrypted import EncryptedTextField
from accord.cases.models import Case, Party


class StatementState(models.TextChoices):
    DRAFT = "draft", "Being written"
    WITH_PARTY = "with_party", "With the party to check"
    CHANGES_ASKED = "changes_asked", "Changes asked for"
    SIGNED = "signed", "Signed"


class CaseStatement(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="statements")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="statements")
    # The pre-meeting it follows (accord.meetings), when it was booked in Accord.
    meeting = models.ForeignKey(
        "meetings.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statements",
    )
    state = models.CharField(max_length=20, choices=StatementState.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The version last sent to the party to check: what they read on their pages (None: not
    # sent yet, so only the mediation team knows of it).
    sent_version = models.ForeignKey(
        "documents.StatementVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The party's recorded choice to let the other parties read it (once made, kept).
    shared_at = models.DateTimeField(null=True, blank=True)
    # The signed version, frozen: its PDF with the evidence page, sealed, and its checksum.
    signed_pdf = models.FileField(upload_to="statements/%Y/", blank=True)
    signed_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["case", "party", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["case", "party"], name="one_statement_per_party")
        ]

    def __str__(self) -> str:
        return f"Case statement {self.pk} ({self.get_state_display()})"

    @property
    def is_shared(self) -> bool:
        return self.shared_at is not None

    @property
    def is_signed(self) -> bool:
        return self.state == StatementState.SIGNED

    def current_version(self) -> StatementVersion:
        version = self.versions.order_by("-number").first()
        assert version is not None, "a statement is created with its first version"
        return version


class KeptForever(models.Model):
    """A row that is never changed or removed once written (versions, requests, signatures)."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError(f"{type(self).__name__} is kept as written and cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError(f"{type(self).__name__} is kept as written and cannot be removed.")


class StatementVersion(KeptForever):
    statement = models.ForeignKey(CaseStatement, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    text = EncryptedTextField()
    # The version as the party reads it, and the SHA-256 the signer must have seen.
    pdf = models.FileField(upload_to="statements/%Y/")
    sha256 = models.CharField(max_length=64)
    written_at = models.DateTimeField(auto_now_add=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["statement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"Version {self.number}"


class StatementChangeRequest(KeptForever):
    statement = models.ForeignKey(
        CaseStatement, on_delete=models.PROTECT, related_name="change_requests"
    )
    version = models.ForeignKey(StatementVersion, on_delete=models.PROTECT, related_name="+")
    comments = EncryptedTextField()
    asked_at = models.DateTimeField(auto_now_add=True)
    # An officer asks signed in; a family member has no account (None) and proved an address.
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    asked_as = models.CharField(max_length=254, blank=True)

    class Meta:
        ordering = ["statement", "asked_at", "id"]

    def __str__(self) -> str:
        return f"Changes asked for version {self.version.number}"


class Signature(KeptForever):
    """One party's signature of a statement or an agreement: online (a simple electronic
    signature, Electronic Communications Act 2000 s.7) or a scanned paper one staff upload."""

    statement = models.ForeignKey(
        CaseStatement, null=True, blank=True, on_delete=models.PROTECT, related_name="signatures"
    )
    agreement = models.ForeignKey(
        "documents.Agreement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signatures",
    )
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="signatures")
    typed_name = models.CharField(max_length=200)
    declaration = models.TextField()
    signed_at = models.DateTimeField()
    # The signer's account: an officer's user, or the address a family member proved.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_in_as = models.CharField(max_length=254)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=500, blank=True)
    # The SHA-256 of the document the signer saw (and that was signed).
    document_sha256 = models.CharField(max_length=64)
    # A paper signature, scanned and uploaded by staff for a party who cannot sign online.
    on_paper = models.BooleanField(default=False)
    paper_scan = models.FileField(upload_to="signatures/%Y/", blank=True)
    paper_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["signed_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="signs_one_document",
                condition=models.Q(statement__isnull=False, agreement__isnull=True)
                | models.Q(statement__isnull=True, agreement__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["statement", "party"], name="one_signature_per_statement_party"
            ),
            models.UniqueConstraint(
                fields=["agreement", "party"], name="one_signature_per_agreement_party"
            ),
        ]

    def __str__(self) -> str:
        return f"Signed by {self.typed_name}"
