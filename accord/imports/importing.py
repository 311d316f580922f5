"""Importing a caseload: a dry run first, then the import, both row by row.

`check_file` keeps the file and runs every row through the real case services inside a
transaction that is then rolled back, so the dry run reports exactly what the import would do,
including what only the services can refuse. `import_checked` runs the same file for real, in
one transaction: each good row becomes a case through `create_enquiry` (with the route and the
family's choice through their own steps, so every clock is computed from the imported dates by
the same code as for a case typed in), each bad row is reported with its row and column and
left out. A row whose provider reference was imported before is left as it is, so importing the
same file again changes nothing. The batch row records who checked and imported what, when; each
case made records its import on its timeline.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import asdict, dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from accord.cases import services
from accord.cases.models import Case
from accord.cases.timeline import EventKind, record_event
from accord.imports.models import BatchStatus, ImportBatch, ImportedCase
from accord.imports.reading import read_sheet
from accord.imports.rows import CheckedRow, Problem, check_row, enquiry_from
from accord.organisations.models import Provider, User

logger = logging.getLogger(__name__)

ROUTE_REASON = "As recorded in the service's previous records (imported)"


class BatchError(ValueError):
    """The batch cannot be imported (already imported, say); the text says why."""


@dataclass
class RowOutcome:
    row: int
    source_reference: str
    outcome: str  # "create", "created", "unchanged" or "error"
    case_reference: str = ""
    problems: list[dict[str, str]] = field(default_factory=list)


@dataclass
class ImportReport:
    applied: bool
    rows: list[RowOutcome] = field(default_factory=list)
    ignored_headings: list[str] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)

    def as_json(self) -> dict[str, object]:
        return {
            "applied": self.applied,
            "rows": [asdict(row) for row in self.rows],
            "ignored_headings": self.ignored_headings,
        }


class _RollBack(Exception):
    """Ends a dry run: everything it wrote is undone."""


def check_file(provider: Provider, filename: str, content: bytes, *, by: User) -> ImportBatch:
    """The dry run. Raises reading.UnreadableFile if the file is not a readable spreadsheet."""
    report = _run(provider, filename, content, batch=None, by=by)
    return ImportBatch.objects.create(
        provider=provider,
        filename=filename[:255],
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        status=BatchStatus.CHECKED,
        report=report.as_json(),
        created_by=by,
    )


def import_checked(batch: ImportBatch, *, by: User) -> ImportReport:
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != BatchStatus.CHECKED:
            raise BatchError("This file has already been imported.")
        report = _run(locked.provider, locked.filename, bytes(locked.content), batch=locked, by=by)
        locked.status = BatchStatus.IMPORTED
        locked.report = report.as_json()
        locked.imported_at = timezone.now()
        locked.imported_by = by
        locked.save(update_fields=["status", "report", "imported_at", "imported_by"])
    logger.info(
        "Import %s by user %s: %s created, %s unchanged, %s with errors",
        locked.pk,
        by.pk,
        report.count("created"),
        report.count("unchanged"),
        report.count("error"),
    )
    batch.refresh_from_db()
    return report


def _run(
    provider: Provider, filename: str, content: bytes, *, batch: ImportBatch | None, by: User
) -> ImportReport:
    sheet = read_sheet(content, filename)
    report = ImportReport(applied=batch is not None, ignored_headings=sheet.ignored_headings)
    try:
        with transaction.atomic():
            seen: dict[str, int] = {}
            for number, row in sheet.rows:
                checked = check_row(sheet, number, row, provider)
                report.rows.append(_one_row(provider, checked, seen, batch=batch, by=by))
            if batch is None:
                raise _RollBack
    except _RollBack:
        pass
    return report


def _one_row(
    provider: Provider,
    checked: CheckedRow,
    seen: dict[str, int],
    *,
    batch: ImportBatch | None,
    by: User,
) -> RowOutcome:
    reference = checked.source_reference
    outcome = RowOutcome(checked.number, reference, "error")
    if reference and reference.lower() in seen:
        first = seen[reference.lower()]
        checked.problem("provider_reference", f"The same reference is on row {first} too")
    elif reference:
        seen[reference.lower()] = checked.number
        linked = ImportedCase.objects.filter(provider=provider, source_reference=reference)
        existing = linked.select_related("case").first()
        if existing is not None:
            outcome.outcome, outcome.case_reference = "unchanged", existing.case.reference
            return outcome
    if not checked.problems:
        try:
            with transaction.atomic():
                case = _create(provider, checked, batch=batch, by=by)
        except services.CaseError as refused:
            checked.problem(refused.field or "", str(refused))
        except IntegrityError:
            # Another file with this reference was imported at the same moment.
            checked.problem("provider_reference", "A case with this reference was just imported")
        else:
            outcome.outcome = "created" if batch is not None else "create"
            outcome.case_reference = case.reference if batch is not None else ""
    outcome.problems = [asdict(p) for p in checked.problems]
    return outcome


def _create(
    provider: Provider, checked: CheckedRow, *, batch: ImportBatch | None, by: User
) -> Case:
    values = checked.values
    case = services.create_enquiry(provider, enquiry_from(checked), by=by)
    record_event(
        case,
        EventKind.IMPORTED,
        f"Imported from a spreadsheet (row {checked.number}, reference {checked.source_reference})",
        {"row": checked.number, "source_reference": checked.source_reference},
        by=by,
    )
    route = values.get("route") or (case.suggested_route if values.get("family_choice") else "")
    if not route:
        # The clocks are stored now the case has its row (each step below stores them too).
        services.refresh_deadlines(case)
    else:
        reason = ROUTE_REASON if route != case.suggested_route else ""
        services.confirm_route(case, route, reason, by=by)
    if values.get("family_choice"):
        services.record_family_choice(
            case,
            values["family_choice"],
            values["family_choice_on"],
            la_notified_on=values.get("la_notified_on"),
            by=by,
        )
    if batch is not None:
        ImportedCase.objects.create(
            provider=provider,
            source_reference=checked.source_reference,
            case=case,
            batch=batch,
            row_number=checked.number,
        )
    return case


__all__ = ["BatchError", "ImportReport", "Problem", "check_file", "import_checked"]
