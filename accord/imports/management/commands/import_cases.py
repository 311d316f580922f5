"""`manage.py import_cases FILE --by EMAIL [--apply]`: a caseload from a CSV or XLSX file.

Without --apply it is the dry run: row by row what would be created, and every error with its
row and column. With --apply the good rows are imported, in one transaction (the same as the
upload page: accord.imports.importing). The acting user must be a service manager of the
provider (--provider, by case prefix, when they manage more than one).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.imports.importing import ImportReport, check_file, import_checked
from accord.imports.reading import UnreadableFile
from accord.organisations.models import Membership, Provider
from accord.organisations.roles import Role


class Command(BaseCommand):
    help = "Import a caseload from a spreadsheet (docs/import-template.md); a dry run first."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--by", required=True, help="email of the service manager importing")
        parser.add_argument("--provider", default="", help="the provider's case prefix")
        parser.add_argument("--apply", action="store_true", help="import (not a dry run)")

    def _provider(self, email: str, prefix: str) -> tuple[Provider, Membership]:
        managing = Membership.objects.select_related("provider", "user").filter(
            user__email__iexact=email, role=Role.SERVICE_MANAGER
        )
        if prefix:
            managing = managing.filter(provider__case_prefix__iexact=prefix)
        found = list(managing)
        if len(found) != 1:
            raise CommandError(
                "Name one provider the user is service manager of (--by, and --provider if "
                "they manage more than one)."
            )
        return found[0].provider, found[0]

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        provider, membership = self._provider(options["by"], options["provider"])
        try:
            batch = check_file(provider, path.name, path.read_bytes(), by=membership.user)
        except UnreadableFile as problem:
            raise CommandError(str(problem)) from problem
        if options["apply"]:
            self._print(import_checked(batch, by=membership.user))
        else:
            rows = batch.report["rows"]
            self._print_rows(rows)
            self.stdout.write("Dry run: nothing was imported. Run again with --apply to import.")

    def _print(self, report: ImportReport) -> None:
        self._print_rows([vars(row) for row in report.rows])

    def _print_rows(self, rows: list[dict[str, Any]]) -> None:
        counts: dict[str, int] = {}
        for row in rows:
            counts[row["outcome"]] = counts.get(row["outcome"], 0) + 1
            where = f"row {row['row']} ({row['source_reference'] or 'no reference'})"
            if row["outcome"] == "error":
                for problem in row["problems"]:
                    column = problem["column"] or "-"
                    self.stdout.write(f"{where}, column {column}: {problem['message']}")
            else:
                self.stdout.write(f"{where}: {row['outcome']} {row['case_reference']}".rstrip())
        summary = ", ".join(f"{count} {outcome}" for outcome, count in sorted(counts.items()))
        self.stdout.write(summary or "The file has no rows.")
