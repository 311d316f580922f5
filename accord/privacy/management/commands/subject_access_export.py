"""`manage.py subject_access_export --email ADDRESS --out FILE.zip`: everything held about the
person with that address, on every case of every provider (UK GDPR art. 15)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.privacy.subject_access import build_export, parties_with_email


class Command(BaseCommand):
    help = "Writes a subject access ZIP for the person with this email address."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True)
        parser.add_argument("--out", required=True, type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        parties = parties_with_email(options["email"])
        if not parties:
            raise CommandError("No one on any case has that email address.")
        out: Path = options["out"]
        out.write_bytes(build_export(parties, by=None))
        cases = len({p.case_id for p in parties})
        self.stdout.write(f"Wrote {out}: {len(parties)} record(s) on {cases} case(s).")
