"""A caseload imported from a spreadsheet: each file checked or imported (who, when, what it
held, what became of each row), and the link from the provider's own reference to the case made,
which makes importing the same file again change nothing."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from accord.cases.models import Case
from accord.organisations.models import Provider


class BatchStatus(models.TextChoices):
    CHECKED = "checked", "Checked (dry run)"
    IMPORTED = "imported", "Imported"


class ImportBatch(models.Model):
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="imports")
    filename = models.CharField(max_length=255)
    # The file itself, kept so that what is imported is exactly what was checked.
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=BatchStatus.choices)
    # The row-by-row report of the latest run (dry run or import), as shown on the page.
    report = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display().lower()})"


class ImportedCase(models.Model):
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="+")
    # The provider's own reference for the case in its old records.
    source_reference = models.CharField(max_length=100)
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="import_link")
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="cases")
    row_number = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "source_reference"], name="one_case_per_source_reference"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_reference} → {self.case}"
