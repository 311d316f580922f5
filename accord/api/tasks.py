"""The webhooks' background work, run by the django-q2 cluster beside the outbox."""

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django_q.models import Schedule

from accord.api.webhooks import deliver_due
from accord.notifications.schedules import declare_schedule

DELIVER_WEBHOOKS = "accord.api.tasks.deliver_webhooks"
WEBHOOK_SCHEDULE = "Webhooks"


def deliver_webhooks() -> str:
    return str(deliver_due())


def ensure_schedules(using: str = "default", apps: Apps = global_apps, **kwargs: Any) -> None:
    """Every minute: a post_migrate handler, like the outbox's (accord.notifications.tasks)."""
    declare_schedule(
        apps, using, WEBHOOK_SCHEDULE, DELIVER_WEBHOOKS, schedule_type=Schedule.MINUTES, minutes=1
    )
