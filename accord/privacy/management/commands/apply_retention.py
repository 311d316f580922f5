"""`manage.py apply_retention`: a dry run by default; `--apply` anonymises and deletes."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from accord.privacy.retention import CATEGORY_LABELS, run_retention


class Command(BaseCommand):
    help = "Applies each provider's retention schedule (a dry run unless --apply)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--apply", action="store_true", help="Anonymise and delete.")

    def handle(self, *args: Any, **options: Any) -> None:
        apply = bool(options["apply"])
        run = run_retention(apply=apply, started_by="manage.py apply_retention")
        verb = "Done" if apply else "Dry run (nothing changed; --apply to do it)"
        self.stdout.write(f"{verb}: retention run {run.pk}")
        for provider, counts in run.counts.items():
            self.stdout.write(f"{provider}:")
            for category, count in counts.items():
                label = CATEGORY_LABELS.get(category, category)
                self.stdout.write(f"  {label}: {count}")
