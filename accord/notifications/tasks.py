"""The outbox's background work, run by the django-q2 cluster (`manage.py run_worker`).

`deliver_outbox` sends what is due; `poll_statuses` (every 5 minutes) reads back GOV.UK Notify's
delivery statuses (status.py). Its schedule (every minute, made by `ensure_schedules` after
each `migrate`) sends retries when their time comes and anything no request asked for; a request
that queues a message asks for a delivery as soon as its transaction commits (`send_soon`), so a
message normally leaves within a second or two. Either way the outbox row is the record: a task
lost with a worker loses nothing, and two deliveries at once never send a row twice (delivery.py).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.conf import settings
from django.db import transaction
from django_q.models import Schedule
from django_q.tasks import async_task

from accord.notifications.delivery import deliver_due_messages
from accord.notifications.schedules import declare_schedule
from accord.notifications.status import poll_delivery_statuses

DELIVER_OUTBOX = "accord.notifications.tasks.deliver_outbox"
OUTBOX_SCHEDULE = "Outbox"
POLL_STATUSES = "accord.notifications.tasks.poll_statuses"
STATUS_SCHEDULE = "Notify delivery statuses"


def deliver_outbox() -> str:
    """Sends every message that is due; the report is kept as the task's result."""
    return str(deliver_due_messages())


def poll_statuses() -> str:
    """Reads back GOV.UK Notify's delivery status of every text, letter or email on its way."""
    return str(poll_delivery_statuses())


def send_soon() -> None:
    """Asks a worker to send the outbox once the current transaction commits: once per
    transaction, however many messages it queues, and not at all if it rolls back.

    Outside a transaction (the reminder scan, a management command) it does nothing: batch work
    leaves its messages to the schedule, rather than asking for a delivery per message."""
    if not settings.ACCORD_OUTBOX_SEND_PROMPTLY:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    if any(pending[1] is _request_delivery for pending in connection.run_on_commit):
        return
    # robust: the change is saved whatever happens here; the schedule sends the message anyway.
    transaction.on_commit(_request_delivery, robust=True)


def _request_delivery() -> None:

    async_task(DELIVER_OUTBOX, task_name="outbox-now", group=OUTBOX_SCHEDULE)


def ensure_schedules(using: str = "default", apps: Apps = global_apps, **kwargs: Any) -> None:
    """The outbox's schedule: a post_migrate handler (NotificationsConfig.ready), so every
    `migrate` creates it, or puts it back as declared here. Declared in code, not in the admin."""

    for name, func, minutes in (
        (OUTBOX_SCHEDULE, DELIVER_OUTBOX, 1),
        (STATUS_SCHEDULE, POLL_STATUSES, 5),
    ):
        declare_schedule(apps, using, name, func, schedule_type=Schedule.MINUTES, minutes=minutes)
