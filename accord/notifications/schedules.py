"""The worker's periodic jobs, declared in code (not in the admin).

Each app that has periodic work declares its schedules in a `post_migrate` handler (its
`ensure_schedules`), so every `migrate` makes them, or puts them back as declared. The django-q2
cluster (`manage.py run_worker`) runs them. `declare_schedule` is the one way a schedule is
written: a schedule already there keeps its next run; a new one runs first at `first_run`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.apps.registry import Apps
from django.utils import timezone


def _schedules(apps: Apps) -> Any:
    try:
        return apps.get_model("django_q", "Schedule")
    except LookupError:
        return None  # django_q is not migrated yet: the migrate that does it makes them


def declare_schedule(
    apps: Apps,
    using: str,
    name: str,
    func: str,
    *,
    first_run: datetime | None = None,
    **timing: Any,
) -> None:
    """The schedule `name` runs `func` for ever at `timing` (django-q's `schedule_type`, and
    `minutes` for a schedule of minutes); first at `first_run`, or now."""
    schedules = _schedules(apps)
    if schedules is None:
        return
    declared = {"func": func, "repeats": -1, **timing}
    schedules.objects.using(using).update_or_create(
        name=name,
        defaults=declared,
        create_defaults=declared | {"next_run": first_run or timezone.now()},
    )


def withdraw_schedule(apps: Apps, using: str, name: str) -> None:
    """No schedule `name` (a job the service's settings leave nothing to do for)."""
    schedules = _schedules(apps)
    if schedules is not None:
        schedules.objects.using(using).filter(name=name).delete()
