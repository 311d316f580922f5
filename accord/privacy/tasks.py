"""The retention job as a daily django-q2 schedule (made by `ensure_schedules` after each
`migrate`, like the reminder scan in accord.reminders.tasks)."""

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django_q.models import Schedule

from accord.notifications.schedules import declare_schedule
from accord.privacy.retention import run_retention

RETENTION_TASK = "accord.privacy.tasks.daily_retention"
RETENTION_SCHEDULE = "Retention"


def daily_retention() -> str:
    """Applies every provider's retention schedule; the counts are kept as the task's result
    and in the run's log (RetentionRun)."""
    run = run_retention(apply=True, started_by="worker")
    return f"retention run {run.pk}: {run.counts}"


def ensure_schedules(using: str = "default", apps: Apps = global_apps, **kwargs: Any) -> None:
    declare_schedule(apps, using, RETENTION_SCHEDULE, RETENTION_TASK, schedule_type=Schedule.DAILY)
