"""Scans other apps add to the hourly reminder scan (accord.reminders.scan), so that an app on
the reminders' own floor (which it may not import) has its messages queued in the same run:
the family app's feedback requests at closure and their one reminder.

    register_scan("family.feedback", queue_feedback_requests)   # in AppConfig.ready()

A scan is called with today's date (England) and returns how many messages it queued. Like
every reminder, each message it queues carries an idempotency key, so running it twice queues
nothing more.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

Scan = Callable[[date], int]
_SCANS: dict[str, Scan] = {}


def register_scan(name: str, scan: Scan) -> None:
    """Once per name (registering the same name again replaces it)."""
    _SCANS[name] = scan


def registered_scans() -> list[Scan]:
    return list(_SCANS.values())
