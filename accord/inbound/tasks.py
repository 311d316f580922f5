"""The mailbox poll's schedule (django-q2), made by every `migrate` when ACCORD_IMAP_HOST is set
and removed when it is not."""

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.conf import settings
from django_q.models import Schedule

from accord.inbound.imap import poll_mailbox
from accord.notifications.schedules import declare_schedule, withdraw_schedule

POLL_MAILBOX = "accord.inbound.tasks.poll_mailbox_task"
POLL_SCHEDULE = "Mailbox poll"


def poll_mailbox_task() -> str:
    return f"{poll_mailbox()} messages read"


def ensure_schedules(using: str = "default", apps: Apps = global_apps, **kwargs: Any) -> None:
    if not settings.ACCORD_IMAP_HOST:
        withdraw_schedule(apps, using, POLL_SCHEDULE)
        return
    declare_schedule(
        apps,
        using,
        POLL_SCHEDULE,
        POLL_MAILBOX,
        schedule_type=Schedule.MINUTES,
        minutes=settings.ACCORD_IMAP_POLL_MINUTES,
    )
