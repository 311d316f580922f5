"""`manage.py rebuild_summaries [--provider PREFIX]`: works every case's report facts out afresh
and replaces the summary tables (accord.reports.summary) in one transaction. They are kept up
to date as cases change; this is for rows written around the application (a bulk load, a
restore) or a check that nothing has drifted (`--check` changes nothing and says whether the
tables equal a fresh count). `--compact` only merges the rows that share a key (left by a load
counted block by block), changing no figure."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from accord.organisations.models import Provider
from accord.reports import summary


class Command(BaseCommand):
    help = "Rebuilds the reports' summary tables from the cases."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--provider", help="the provider's case prefix (default: all)")
        parser.add_argument(
            "--check",
            action="store_true",
            help="change nothing; fail if the tables differ from a fresh count",
        )
        parser.add_argument(
            "--compact",
            action="store_true",
            help="only merge the rows that share a key (no figure changes)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        provider_id = None
        if options["provider"]:
            provider = Provider.objects.filter(case_prefix=options["provider"]).first()
            if provider is None:
                raise CommandError(f"No provider with the case prefix {options['provider']}.")
            provider_id = provider.pk
        if options["check"]:
            kept = summary.tallies_as_counter(provider_id)
            with transaction.atomic():
                summary.rebuild(provider_id)
                fresh = summary.tallies_as_counter(provider_id)
                transaction.set_rollback(True)
            if kept != fresh:
                differ = len(set(kept.items()) ^ set(fresh.items()))
                raise CommandError(f"The summary tables differ from a fresh count ({differ} keys).")
            self.stdout.write(f"The summary tables equal a fresh count ({len(fresh)} keys).")
            return
        if options["compact"]:
            merged = summary.compact(provider_id)
            self.stdout.write(
                f"Summary tables compacted: {merged['rows_before']} rows to {merged['rows_after']}."
            )
            return
        result = summary.rebuild(provider_id)
        self.stdout.write(
            f"Summary tables rebuilt: {result['cases']} cases, {result['tally_rows']} rows."
        )
