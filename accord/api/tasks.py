"""The webhooks' background work, run by the django-q2 cluster beside the outbox."""

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.utils import timezone
from django_q.models import Schedule

from accord.api.webhooks import deliver_due

DELIVER_WEBHOOKS = "accord.api.tasks.deliver_webhooks"
WEBHOOK_SCHEDULE = "Webhooks"


def deliver_webhooks() -> str:
    return str(deliver_due())


def ensure_schedules(using: str = "default", apps: Apps = global_apps, **kwargs: Any) -> None:
    """Every minute: a post_migrate handler, like the outbox's (accord.notifications.tasks)."""
    try:
        schedules = apps.get_model("django_q", "Schedule")
    except LookupError:
        return
    declared = {
        "func": DELIVER_WEBHOOKS,
        "schedule_type": Schedule.MINUTES,
        "minutes": 1,
        "repeats": -1,
    }
    schedules.objects.using(using).update_or_create(
        name=WEBHOOK_SCHEDULE,
        defaults=declared,
        create_defaults=declared | {"next_run": timezone.now()},
    )
