from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accord.notifications.worker import (
    ClusterStoppedUnexpectedly,
    describe_cluster,
    run_cluster,
    run_every_job_once,
)


class Command(BaseCommand):
    help = (
        "The background worker: a django-q2 cluster that runs queued tasks and the periodic jobs "
        "each app schedules (the outbox every minute, for one). Runs until stopped (SIGTERM or "
        "Ctrl-C). Start as many as you need: each periodic run goes to one of them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--once",
            action="store_true",
            help="Run each periodic job once, here, then exit (the outbox last).",
        )
        parser.add_argument(
            "--no-scan",
            action="store_true",
            help="With --once: only send what the outbox holds.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["once"]:
            results = run_every_job_once(only_outbox=options["no_scan"])
            if not results:
                raise CommandError("No periodic jobs are scheduled: run `manage.py migrate`.")
            for result in results:
                self.stdout.write(str(result))
            return
        if options["no_scan"]:
            raise CommandError(
                "--no-scan only goes with --once: however many workers run, the scheduler gives "
                "each reminder scan to one of them."
            )
        self._say(describe_cluster())
        try:
            run_cluster(report=self._say)
        except ClusterStoppedUnexpectedly as stopped:
            raise CommandError(str(stopped)) from None  # exit status 1: restart it

    def _say(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()
