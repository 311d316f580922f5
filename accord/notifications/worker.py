"""The background worker is a django-q2 cluster (`manage.py run_worker`, docs/deploy.md).

Each app declares its own periodic jobs as django-q2 schedules (accord.notifications.tasks: the
outbox every minute; accord.reminders.tasks: the reminder scan every hour), so this module knows
them only as rows of the schedule table: `run_every_job_once` runs each now, in this process, for
an operator's `run_worker --once`, the outbox last so it sends what the others queued.

`run_cluster` starts the cluster and stops it on SIGTERM or SIGINT. It does what django-q2's own
`qcluster` command does, except that its signal handler only notes the signal: django-q2's
handler stops the cluster from inside the handler, which can deadlock (django-q2 issue #346), and
waits for ever when SIGTERM also reached the cluster's own processes (a whole process group
signalled, as `timeout` or systemd's default KillMode do) and they died mid-wait.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import FrameType

from django.utils.module_loading import import_string
from django_q.cluster import Cluster
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


class ClusterStoppedUnexpectedly(RuntimeError):
    """The cluster's processes ended without being asked to (killed, out of memory)."""


def run_cluster(report: Callable[[str], None], check_every: float = 0.5) -> None:
    """Runs a django-q2 cluster until SIGTERM or SIGINT, then lets its workers finish the tasks
    they hold and stops it."""
    signals: list[int] = []

    def note(signum: int, frame: FrameType | None) -> None:
        signals.append(signum)  # only this: the loop below does the stopping

    cluster = Cluster()  # installs django-q2's own handlers, replaced here
    signal.signal(signal.SIGTERM, note)
    signal.signal(signal.SIGINT, note)
    try:
        cluster.start()
    except RuntimeError:
        if not signals:
            raise
    sentinel = cluster.sentinel
    assert sentinel is not None
    while not signals and sentinel.is_alive():
        time.sleep(check_every)
    if not sentinel.is_alive():
        if not signals:
            raise ClusterStoppedUnexpectedly("The worker's processes stopped unexpectedly.")
        report("Worker stopped (its processes had already been told to stop).")
        return
    report(f"Stopping the worker ({signal.Signals(signals[0]).name}): finishing the tasks begun.")
    # Setting the stop event waits for the sentinel to wake; should the sentinel die just then
    # it would wait for ever, so it is set from a helper thread while this one watches it.
    threading.Thread(target=cluster.stop_event.set, daemon=True).start()
    sentinel.join()
    report("Worker stopped.")
