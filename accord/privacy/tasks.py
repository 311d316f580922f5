"""The retention job as a daily django-q2 schedule (made by `ensure_schedules` after each
`migrate`, like the reminder scan in accord.reminders.tasks)."""

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.utils import timezone
from django_q.models import Schedule

from accord.privacy.retention import run_retention

RETENTION_TASK = "accord.privacy.tasks.daily_retention"
RETENTION_SCHEDULE = "Retention"


def daily_retention() -> str:
    """Applies every provider's retention schedule; the counts are kept as the task's result
    and in the run's log (RetentionRun)."""
    run = run_retention(apply=True, started_by="worker")
    return f"retention run {run.pk}: {run.counts}"


def ensure_schedules(using: str = "default", apps: Apps = global_apps, **kwargs: Any) -> None:
    try:
        schedules = apps.get_model("django_q", "Schedule")
    except LookupError:
        return
    declared = {"func": RETENTION_TASK, "schedule_type": Schedule.DAILY, "repeats": -1}
    schedules.objects.using(using).update_or_create(
        name=RETENTION_SCHEDULE,
        defaults=declared,
        create_defaults=declared | {"next_run": timezone.now()},
    )
