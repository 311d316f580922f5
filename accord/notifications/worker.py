"""The background worker's loop: send what is due in the outbox every few seconds, and run the
reminder scan once an hour (from ACCORD_REMINDERS_FROM_HOUR, local time). Stops cleanly on
SIGTERM or SIGINT, after the message it is sending."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import FrameType

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

from accord.notifications.delivery import DeliveryReport, deliver_due_messages
from accord.reminders.scan import ScanReport, run_reminder_scan

logger = logging.getLogger(__name__)


@dataclass
class WorkerSettings:
    poll_seconds: float = 10.0
    scan_every: timedelta = timedelta(hours=1)
    scan: bool = True


def scan_is_due(now: datetime, last_scan: datetime | None, every: timedelta) -> bool:
    """Once per `every`, and not in the night: reminders arrive in working hours."""
    if timezone.localtime(now).hour < settings.ACCORD_REMINDERS_FROM_HOUR:
        return False
    return last_scan is None or now - last_scan >= every


def run_once(scan: bool = True) -> tuple[ScanReport | None, DeliveryReport]:
    """One pass: the reminder scan (if asked), then everything due in the outbox."""
    scanned = run_reminder_scan() if scan else None
    return scanned, deliver_due_messages()


class Worker:
    def __init__(self, options: WorkerSettings, report: Callable[[str], None]) -> None:
        self.options = options
        self.report = report
        self.stopping = threading.Event()
        self.last_scan: datetime | None = None

    def stop(self, signum: int, frame: FrameType | None) -> None:
        self.report(f"Stopping the worker ({signal.Signals(signum).name}).")
        self.stopping.set()

    def run_forever(self) -> None:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        self.report("Worker started: sending queued messages; reminder scan every hour.")
        while not self.stopping.is_set():
            try:
                self.tick()
            except Exception:  # a database restart must not end the worker: try again later
                logger.exception("Worker pass failed; trying again shortly")
            self.stopping.wait(self.options.poll_seconds)
        _refresh_connections()
        self.report("Worker stopped.")

    def tick(self) -> None:
        _refresh_connections()
        now = timezone.now()
        if self.options.scan and scan_is_due(now, self.last_scan, self.options.scan_every):
            self.report(f"Reminder scan: {run_reminder_scan(now)}")
            self.last_scan = now
        delivered = deliver_due_messages()
        if delivered.sent or delivered.retrying or delivered.failed:
            self.report(f"Outbox: {delivered}")


def _refresh_connections() -> None:
    """Drops a database connection that is broken or past CONN_MAX_AGE, as Django does between
    requests, so the worker survives a database restart. Never inside a transaction (tests)."""
    if not connection.in_atomic_block:
        close_old_connections()
