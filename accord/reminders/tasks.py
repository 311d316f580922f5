"""The reminder scan as a periodic job of the django-q2 cluster (`manage.py run_worker`).

Its schedule runs `reminder_scan` every hour (made by `ensure_schedules` after each `migrate`);
the task itself keeps the night quiet: before ACCORD_REMINDERS_FROM_HOUR (UK time) it queues
nothing, so reminders arrive in the working day. The scheduler hands each run to one worker
however many run (docs/deploy.md); even if two scans ran at once, each reminder's idempotency
key lets the outbox queue it once (scan.py). The outbox's own schedule sends what it queues.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.conf import settings
from django.utils import timezone
from django_q.models import Schedule

from accord.cases.services import refresh_open_cases
from accord.notifications.schedules import declare_schedule
from accord.reminders.scan import run_reminder_scan

REMINDER_SCAN = "accord.reminders.tasks.reminder_scan"
REMINDER_SCHEDULE = "Reminder scan"
CASE_REFRESH = "accord.reminders.tasks.case_refresh"
CASE_REFRESH_SCHEDULE = "Case refresh"
CASE_REFRESH_HOUR = 1  # UK time: in the night, before the first reminder scan, away from forms


def reminders_may_go_at(moment: datetime) -> bool:
    """Not in the night: from ACCORD_REMINDERS_FROM_HOUR, UK time, until midnight."""
    return timezone.localtime(moment).hour >= settings.ACCORD_REMINDERS_FROM_HOUR


def reminder_scan(now: datetime | None = None) -> str:
    """Queues today's reminders and digests, unless it is too early in the day; the report is
    kept as the task's result. `manage.py send_reminders` scans whatever the hour."""
    moment = now or timezone.now()
    if not reminders_may_go_at(moment):
        return f"nothing queued before {settings.ACCORD_REMINDERS_FROM_HOUR:02d}:00"
    return str(run_reminder_scan(moment))


def case_refresh() -> str:
    """Every open case re-checked before the day's reminders (accord.cases.services
    .refresh_open_cases): a child who has just reached the end of compulsory school age is the
    young person from that day, and each stored next deadline is worked out again. Run at night,
    as it changes each case's version (a form open on a case would be refused as stale)."""
    done = refresh_open_cases()
    return (
        f"checked {done.checked} open case{'' if done.checked == 1 else 's'}, "
        f"{done.changed} changed"
    )


def next_night_run(moment: datetime) -> datetime:
    """The next CASE_REFRESH_HOUR:00, UK time, after `moment` (then daily from there)."""
    local = timezone.localtime(moment)
    day = local.date() + timedelta(days=0 if local.hour < CASE_REFRESH_HOUR else 1)
    return timezone.make_aware(datetime.combine(day, time(CASE_REFRESH_HOUR)))


def ensure_schedules(using: str = "default", apps: Apps = global_apps, **kwargs: Any) -> None:
    """The case refresh's and the reminder scan's schedules: a post_migrate handler
    (RemindersConfig.ready), so every `migrate` creates them, or puts them back as declared
    here. Declared in code, not in the admin."""

    # The case refresh first, so that `run_worker --once` refreshes before it scans.
    declare_schedule(
        apps,
        using,
        CASE_REFRESH_SCHEDULE,
        CASE_REFRESH,
        schedule_type=Schedule.DAILY,
        first_run=next_night_run(timezone.now()),
    )
    declare_schedule(apps, using, REMINDER_SCHEDULE, REMINDER_SCAN, schedule_type=Schedule.HOURLY)
