from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from accord.reminders.scan import run_reminder_scan


class Command(BaseCommand):
    help = (
        "Queues today's deadline reminders, meeting reminders and overdue digests. Safe to run "
        "as often as you like: each reminder is queued once per clock, person and day. The "
        "worker (run_worker) sends them."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Reminder scan: {run_reminder_scan()}")
