"""The background worker: the outbox's schedule and task on django-q2, the worker command, and
the delivery a committed change asks for. Tasks run inline in tests (tests/conftest.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection, transaction
from django.utils import timezone
from django_q.conf import Conf
from django_q.models import OrmQ, Schedule, Task
from django_q.scheduler import scheduler
from django_q.tasks import async_task

from accord import rules
from accord.cases.choices import FamilyChoice
from accord.notifications.models import MessageKind, MessageStatus, OutboxMessage
from accord.notifications.services import queue_email
from accord.notifications.tasks import (
    DELIVER_OUTBOX,
    OUTBOX_SCHEDULE,
    _request_delivery,
    deliver_outbox,
)
from accord.notifications.worker import ClusterStoppedUnexpectedly, run_cluster
from tests.factories import CaseFactory, ProviderFactory
from tests.notifications.conftest import at

ROOT = Path(__file__).resolve().parent.parent.parent


def outbox_schedule() -> Schedule:
    return Schedule.objects.get(name=OUTBOX_SCHEDULE)


def queue(case, n: int = 1, prefix: str = "worker-test") -> list[OutboxMessage]:
    return [
        queue_email(
            case=case,
            to=[f"person{i}@example.org"],
            subject=f"{case.reference}: meeting booked",
            body="What to do next: nothing.",
            idempotency_key=f"{prefix}:{i}",
        )
        for i in range(n)
    ]


def deliveries() -> int:
    return Task.objects.filter(func=DELIVER_OUTBOX).count()


# --- the schedule -------------------------------------------------------------------------------


def test_migrate_schedules_the_outbox_every_minute(db):
    schedule = outbox_schedule()
    assert schedule.func == DELIVER_OUTBOX
    assert schedule.schedule_type == Schedule.MINUTES
    assert schedule.minutes == 1
    assert schedule.repeats == -1  # for ever
    assert schedule.cluster is None  # any worker may run it


def test_each_migrate_puts_the_declared_schedule_back_and_adds_no_second(db):
    schedule = outbox_schedule()
    schedule.minutes = 30  # changed by hand in the admin
    schedule.save()
    next_run = schedule.next_run

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert Schedule.objects.filter(name=OUTBOX_SCHEDULE).count() == 1
    restored = outbox_schedule()
    assert restored.minutes == 1
    assert restored.next_run == next_run  # its rhythm is kept


def test_a_due_schedule_runs_once_however_many_schedulers_look(make_case):
    queue(make_case(), 2)
    Schedule.objects.exclude(name=OUTBOX_SCHEDULE).update(next_run=timezone.now() + timedelta(1))
    Schedule.objects.filter(name=OUTBOX_SCHEDULE).update(
        next_run=timezone.now() - timedelta(seconds=5)
    )

    scheduler()  # one worker's scheduler (django-q2 runs it about every 30 seconds)
    scheduler()  # a second worker's, straight after

    assert deliveries() == 1
    assert len(mail.outbox) == 2
    next_run = outbox_schedule().next_run
    assert timezone.now() < next_run <= timezone.now() + timedelta(minutes=1)


def test_a_schedule_missed_while_no_worker_ran_runs_once_then_keeps_its_rhythm(make_case):
    # Q_CLUSTER catch_up=False: a day without workers is one delivery, not 1,440.
    queue(make_case())
    Schedule.objects.exclude(name=OUTBOX_SCHEDULE).update(next_run=timezone.now() + timedelta(1))
    Schedule.objects.filter(name=OUTBOX_SCHEDULE).update(next_run=timezone.now() - timedelta(1))

    scheduler()
    scheduler()

    assert deliveries() == 1
    assert outbox_schedule().next_run > timezone.now()


# --- the task -----------------------------------------------------------------------------------


def test_the_outbox_task_sends_what_is_due_and_a_second_run_sends_nothing(make_case):
    queue(make_case(), 3)
    assert deliver_outbox() == "3 sent, 0 to retry, 0 failed"
    assert sorted(email.to[0] for email in mail.outbox) == [
        "person0@example.org",
        "person1@example.org",
        "person2@example.org",
    ]
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {MessageStatus.SENT}

    assert deliver_outbox() == "0 sent, 0 to retry, 0 failed"
    assert len(mail.outbox) == 3


def test_a_failed_send_waits_for_its_retry_time_not_the_next_run(make_case, fail_first):
    [message] = queue(make_case())
    assert deliver_outbox() == "0 sent, 1 to retry, 0 failed"
    assert deliver_outbox() == "0 sent, 0 to retry, 0 failed"  # a minute later: not due yet
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED
    assert message.next_attempt_at > timezone.now()
    assert mail.outbox == []


# --- the worker command -------------------------------------------------------------------------


def test_run_worker_once_runs_each_periodic_job_the_outbox_last(make_case, settings):
    settings.ACCORD_REMINDERS_FROM_HOUR = 0  # whatever the hour the tests run
    today = timezone.localdate()
    due = rules.add_working_days(today, 1)  # a certificate due on the next working day
    make_case(
        family_choice=FamilyChoice.CERTIFICATE,
        family_choice_on=rules.subtract_working_days(due, 3),  # SEND Regs reg 34
    )
    out = StringIO()
    call_command("run_worker", "--once", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0] == "Notify delivery statuses: 0 checked, 0 changed, 0 failed"
    assert lines[1].startswith("Case refresh: checked 1 open case")  # before the scan
    assert lines[2].startswith("Reminder scan: 1 deadline reminders")
    assert lines[-1] == "Outbox: 1 sent, 0 to retry, 0 failed"  # sent in the same pass
    [reminder] = OutboxMessage.objects.filter(kind=MessageKind.DEADLINE_REMINDER)
    assert reminder.status == MessageStatus.SENT
    assert mail.outbox[0].subject == reminder.subject

    out = StringIO()
    call_command("run_worker", "--once", stdout=out)
    assert "Reminder scan: 0 deadline reminders" in out.getvalue()
    assert "Outbox: 0 sent" in out.getvalue()
    assert len(mail.outbox) == 1


def test_run_worker_once_with_no_scan_only_sends(make_case, world):
    from accord.reminders.scan import run_reminder_scan

    make_case(family_choice=FamilyChoice.CERTIFICATE, family_choice_on=date(2026, 3, 2))
    run_reminder_scan(at(date(2026, 3, 9)))  # a Monday: the certificate is overdue
    out = StringIO()
    call_command("run_worker", "--once", "--no-scan", stdout=out)
    assert out.getvalue().splitlines() == ["Outbox: 1 sent, 0 to retry, 0 failed"]
    digest = OutboxMessage.objects.get(kind=MessageKind.OVERDUE_DIGEST)
    assert digest.status == MessageStatus.SENT
    assert digest.case is None


def test_run_worker_once_says_when_nothing_is_scheduled(db):
    Schedule.objects.all().delete()
    with pytest.raises(CommandError, match=r"run `manage\.py migrate`"):
        call_command("run_worker", "--once", stdout=StringIO())


def test_no_scan_is_only_for_a_single_pass(db):
    with pytest.raises(CommandError, match="--no-scan only goes with --once"):
        call_command("run_worker", "--no-scan", stdout=StringIO())


def test_run_worker_starts_a_django_q_cluster(db, monkeypatch):
    started: list[object] = []
    monkeypatch.setattr(
        "accord.notifications.management.commands.run_worker.run_cluster",
        lambda report: started.append(report),
    )
    out = StringIO()
    call_command("run_worker", stdout=out)
    assert len(started) == 1
    assert out.getvalue().strip() == (
        f"Worker starting: {Conf.WORKERS} process{'es' if Conf.WORKERS != 1 else ''}; "
        "tasks queued in the database (default); "
        "jobs: Notify delivery statuses (every 5 min), Case refresh (daily), "
        "Reminder scan (hourly), "
        "Webhooks (every 1 min), Retention (daily), Outbox (every 1 min)."
    )


class FakeSentinel:
    def __init__(self, alive: bool) -> None:
        self.alive = alive
        self.joined = False

    def is_alive(self) -> bool:
        return self.alive

    def join(self) -> None:
        self.joined = True


class FakeCluster:
    """Stands in for django_q.cluster.Cluster: its sentinel lives or not, and a signal may come
    while it starts."""

    sentinel_alive = True
    signal_on_start: int | None = None
    last: FakeCluster | None = None

    def __init__(self) -> None:
        self.sentinel: FakeSentinel | None = None
        self.stop_event = threading.Event()
        FakeCluster.last = self

    def start(self) -> None:
        self.sentinel = FakeSentinel(self.sentinel_alive)
        if self.signal_on_start is not None:
            os.kill(os.getpid(), self.signal_on_start)


@pytest.fixture
def fake_cluster(monkeypatch):
    handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGTERM, signal.SIGINT)}
    monkeypatch.setattr("accord.notifications.worker.Cluster", FakeCluster)
    yield FakeCluster
    for signum, handler in handlers.items():
        signal.signal(signum, handler)
    FakeCluster.sentinel_alive, FakeCluster.signal_on_start = True, None


def test_on_sigterm_the_worker_lets_the_cluster_finish_and_stops(fake_cluster):
    fake_cluster.signal_on_start = signal.SIGTERM
    said: list[str] = []
    run_cluster(report=said.append, check_every=0.01)
    cluster = fake_cluster.last
    assert cluster.stop_event.wait(1)  # the cluster was told to stop
    assert cluster.sentinel.joined  # and waited for: its workers finish what they hold
    assert said == [
        "Stopping the worker (SIGTERM): finishing the tasks begun.",
        "Worker stopped.",
    ]


def test_a_signal_that_already_stopped_the_cluster_ends_the_worker_quietly(fake_cluster):
    fake_cluster.sentinel_alive = False  # the whole process group got the signal
    fake_cluster.signal_on_start = signal.SIGINT
    said: list[str] = []
    run_cluster(report=said.append, check_every=0.01)
    assert not fake_cluster.last.stop_event.is_set()  # nothing left to wait for
    assert said == ["Worker stopped (its processes had already been told to stop)."]


def test_a_cluster_that_dies_unasked_fails_the_worker_so_it_is_restarted(fake_cluster):
    fake_cluster.sentinel_alive = False
    with pytest.raises(ClusterStoppedUnexpectedly):
        run_cluster(report=lambda text: None, check_every=0.01)


# --- a committed change asks for a delivery at once --------------------------------------------


@pytest.fixture
def prompt(settings):
    settings.ACCORD_OUTBOX_SEND_PROMPTLY = True


def test_a_change_asks_for_one_delivery_however_many_messages_it_queues(
    make_case, prompt, django_capture_on_commit_callbacks
):
    case = make_case()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        queue(case, 3)
        assert mail.outbox == []  # nothing leaves before the change is saved
    assert len([c for c in callbacks if c is _request_delivery]) == 1
    assert deliveries() == 1
    assert len(mail.outbox) == 3


def test_staff_sending_a_failed_message_again_asks_for_a_delivery(
    make_case, world, settings, django_capture_on_commit_callbacks
):
    from accord.notifications.services import retry_message
    from accord.organisations.roles import Role

    [message] = queue(make_case())
    OutboxMessage.objects.filter(pk=message.pk).update(status=MessageStatus.FAILED)
    message.refresh_from_db()
    settings.ACCORD_OUTBOX_SEND_PROMPTLY = True
    with django_capture_on_commit_callbacks(execute=True):
        retry_message(message, by=world.user(Role.COORDINATOR))
    assert deliveries() == 1
    assert [email.to for email in mail.outbox] == [["person0@example.org"]]


@pytest.mark.django_db(transaction=True)
def test_committed_messages_are_sent_at_once_and_rolled_back_ones_never(prompt):
    case = CaseFactory(provider=ProviderFactory())
    with pytest.raises(RuntimeError), transaction.atomic():
        queue(case, 2, prefix="rolled-back")
        raise RuntimeError("the change fails")
    assert not OutboxMessage.objects.exists()
    assert deliveries() == 0

    with transaction.atomic():
        queue(case, 2)
    assert deliveries() == 1
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_batch_work_outside_a_transaction_leaves_its_messages_to_the_schedule(prompt):
    queue(CaseFactory(provider=ProviderFactory()), 2)  # as the reminder scan does
    assert deliveries() == 0
    assert mail.outbox == []
    assert OutboxMessage.objects.filter(status=MessageStatus.QUEUED).count() == 2


# --- a real worker process ----------------------------------------------------------------------

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: a second process cannot open the in-memory SQLite test database",
)


def start_worker() -> subprocess.Popen[str]:
    """`manage.py run_worker` on the test database, in a process group of its own."""
    database = connection.settings_dict
    env = os.environ | {
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:"
            f"{database['PORT']}/{database['NAME']}"
        ),
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "ACCORD_WORKERS": "1",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def wait_until(done: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        time.sleep(0.2)


def stopped(worker: subprocess.Popen[str], signal_group: bool) -> str:
    try:
        if signal_group:
            os.killpg(worker.pid, signal.SIGTERM)
        else:
            worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=30)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.communicate()
    return output


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_worker_process_runs_queued_tasks_and_stops_cleanly_on_sigterm():
    [message] = queue(CaseFactory(provider=ProviderFactory()))
    async_task(DELIVER_OUTBOX, sync=False)  # through the real queue, as a request asks for it
    assert OrmQ.objects.count() == 1
    worker = start_worker()
    try:
        wait_until(lambda: OutboxMessage.objects.get(pk=message.pk).status == MessageStatus.SENT)
    finally:
        output = stopped(worker, signal_group=False)
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT, output
    assert worker.returncode == 0, output
    assert "Worker starting: 1 process;" in output
    assert "running." in output  # django-q2: "Q Cluster … running."
    assert f"Subject: {message.subject}" in output  # the console backend prints the email
    assert "Stopping the worker (SIGTERM): finishing the tasks begun." in output
    assert "stopped doing work" in output  # django-q2: the worker process finished
    assert output.rstrip().endswith("Worker stopped.")
    assert not OrmQ.objects.exists()  # the task was acknowledged


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_worker_whose_whole_process_group_is_signalled_still_exits():
    # `timeout`, or systemd's default KillMode, signals every process at once: django-q2's own
    # processes die with SIGTERM and the worker must not wait for them for ever.
    async_task(DELIVER_OUTBOX, sync=False)
    worker = start_worker()
    wait_until(lambda: not OrmQ.objects.exists())  # the cluster is up: it took the task
    output = stopped(worker, signal_group=True)
    assert worker.returncode == 0, output
    assert "running." in output
    # Which line ends the log depends on whether the cluster's processes had gone before the
    # worker looked: either way it stopped, and said so (a hang fails `stopped` above).
    last_line = output.rstrip().splitlines()[-1]
    assert last_line in {
        "Worker stopped (its processes had already been told to stop).",
        "Worker stopped.",
    }, output
