"""Re-check every open case now (young-person transitions, stored next deadline).

The worker does the same every night ("Case refresh", docs/deploy.md); safe to run any number
of times. A case whose record is already current is read, not written.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from accord.cases.services import refresh_open_cases


class Command(BaseCommand):
    help = "Refreshes the stored next deadline and young-person status of every open case."

    def handle(self, *args: Any, **options: Any) -> None:
        done = refresh_open_cases()
        self.stdout.write(f"Checked {done.checked} open cases: {done.changed} changed.")
