"""The mailbox poll's schedule (django-q2), made by every `migrate` when ACCORD_IMAP_HOST is set
and removed when it is not."""

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.conf import settings
from django.utils import timezone
from django_q.models import Schedule

from accord.inbound.imap import poll_mailbox

POLL_MAILBOX = "accord.inbound.tasks.poll_mailbox_task"
POLL_SCHEDULE = "Mailbox poll"


def poll_mailbox_task() -> str:
    return f"{poll_mailbox()} messages read"


def ensure_schedules(using: str = "default", apps: Apps = global_apps, **kwargs: Any) -> None:
    try:
        schedules = apps.get_model("django_q", "Schedule")
    except LookupError:
        return
    if not settings.ACCORD_IMAP_HOST:
        schedules.objects.using(using).filter(name=POLL_SCHEDULE).delete()
        return
    declared = {
        "func": POLL_MAILBOX,
        "schedule_type": Schedule.MINUTES,
        "minutes": settings.ACCORD_IMAP_POLL_MINUTES,
        "repeats": -1,
    }
    schedules.objects.using(using).update_or_create(
        name=POLL_SCHEDULE,
        defaults=declared,
        create_defaults=declared | {"next_run": timezone.now()},
    )
