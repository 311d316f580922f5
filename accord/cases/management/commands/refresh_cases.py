"""Daily: re-check every open case (young-person transitions, stored next deadline).

Run by the background worker each day (docs/deploy.md); safe to run any number of times.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from accord.cases.models import Case
from accord.cases.services import refresh_deadlines
from accord.cases.states import CaseState


class Command(BaseCommand):
    help = "Refreshes the stored next deadline and young-person status of every open case."

    def handle(self, *args: Any, **options: Any) -> None:
        count = 0
        for case in Case.objects.exclude(state=CaseState.CLOSED).iterator(chunk_size=500):
            refresh_deadlines(case)
            count += 1
        self.stdout.write(f"Refreshed {count} open cases.")
