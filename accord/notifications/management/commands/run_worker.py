from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from accord.notifications.worker import Worker, WorkerSettings, run_once


class Command(BaseCommand):
    help = (
        "The background worker: sends queued messages from the outbox (retrying failures) and "
        "runs the reminder scan every hour. Runs until stopped (SIGTERM or Ctrl-C)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once",
            action="store_true",
            help="Run the reminder scan and send everything due once, then exit.",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=10.0,
            help="Seconds between looks at the outbox (default 10).",
        )
        parser.add_argument(
            "--scan-every",
            type=int,
            default=60,
            help="Minutes between reminder scans (default 60).",
        )
        parser.add_argument(
            "--no-scan",
            action="store_true",
            help="Only send messages; the reminder scan is scheduled elsewhere (send_reminders).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            scanned, delivered = run_once(scan=not options["no_scan"])
            if scanned is not None:
                self.stdout.write(f"Reminder scan: {scanned}")
            self.stdout.write(f"Outbox: {delivered}")
            return
        settings = WorkerSettings(
            poll_seconds=max(options["interval"], 0.5),
            scan_every=timedelta(minutes=max(options["scan_every"], 1)),
            scan=not options["no_scan"],
        )
        Worker(settings, report=self._say).run_forever()

    def _say(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()
