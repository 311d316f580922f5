"""The background worker is a django-q2 cluster (`manage.py run_worker`, docs/deploy.md).

Each app declares its own periodic jobs as django-q2 schedules (accord.notifications.tasks: the
outbox every minute; accord.reminders.tasks: the reminder scan every hour), so this module knows
them only as rows of the schedule table: `run_every_job_once` runs each now, in this process, for
an operator's `run_worker --once`, the outbox last so it sends what the others queued.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.module_loading import import_string
from django_q.conf import Conf
from django_q.models import Schedule

from accord.notifications.tasks import DELIVER_OUTBOX


@dataclass(frozen=True)
class JobResult:
    name: str
    result: object

    def __str__(self) -> str:
        return f"{self.name}: {self.result}"


def accord_schedules() -> list[Schedule]:
    """Accord's periodic jobs, the outbox last."""
    schedules = Schedule.objects.filter(func__startswith="accord.").exclude(repeats=0)
    return sorted(schedules, key=lambda schedule: (schedule.func == DELIVER_OUTBOX, schedule.pk))


def run_every_job_once(only_outbox: bool = False) -> list[JobResult]:
    """Runs each periodic job once, now, here (not through the queue); the outbox last."""
    results = []
    for schedule in accord_schedules():
        if only_outbox and schedule.func != DELIVER_OUTBOX:
            continue
        job = import_string(schedule.func)
        results.append(JobResult(schedule.name or schedule.func, job()))
    return results


def describe_cluster() -> str:
    """One line for the worker's log: how many processes, which broker, which jobs."""
    broker = "Redis" if "redis" in Conf.conf else f"the database ({Conf.ORM})"
    jobs = ", ".join(_describe(schedule) for schedule in accord_schedules()) or "none yet"
    processes = f"{Conf.WORKERS} process{'es' if Conf.WORKERS != 1 else ''}"
    return f"Worker starting: {processes}; tasks queued in {broker}; jobs: {jobs}."


def _describe(schedule: Schedule) -> str:
    if schedule.schedule_type == Schedule.MINUTES:
        every = f"every {schedule.minutes or 1} min"
    else:
        every = str(schedule.get_schedule_type_display()).lower()
    return f"{schedule.name or schedule.func} ({every})"
