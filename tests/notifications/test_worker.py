"""The background worker: the outbox's schedule and task on django-q2, the worker command, and
the delivery a committed change asks for. Tasks run inline in tests (tests/conftest.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
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
from accord.notifications.tasks import DELIVER_OUTBOX, OUTBOX_SCHEDULE, deliver_outbox
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
    assert lines[0].startswith("Reminder scan: 1 deadline reminders")
    assert lines[-1] == "Outbox: 1 sent, 0 to retry, 0 failed"  # sent in the same pass
    assert "Certificate: family does not want mediation is due" in mail.outbox[0].subject

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
    started: list[str] = []
    monkeypatch.setattr(
        "accord.notifications.management.commands.run_worker.call_command", started.append
    )
    out = StringIO()
    call_command("run_worker", stdout=out)
    assert started == ["qcluster"]
    assert out.getvalue().strip() == (
        f"Worker starting: {Conf.WORKERS} process{'es' if Conf.WORKERS != 1 else ''}; "
        "tasks queued in the database (default); "
        "jobs: Reminder scan (hourly), Outbox (every 1 min)."
    )


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
    assert len(callbacks) == 1
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


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: a second process cannot open the in-memory SQLite test database",
)
@pytest.mark.django_db(transaction=True)
def test_a_worker_process_runs_queued_tasks_and_stops_cleanly_on_sigterm():
    [message] = queue(CaseFactory(provider=ProviderFactory()))
    async_task(DELIVER_OUTBOX, sync=False)  # through the real queue, as a request asks for it
    assert OrmQ.objects.count() == 1
    database = connection.settings_dict
    env = os.environ | {
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD'] or ''}@{database['HOST']}:"
            f"{database['PORT']}/{database['NAME']}"
        ),
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "ACCORD_WORKERS": "1",
    }
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "run_worker"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            message.refresh_from_db()
            if message.status == MessageStatus.SENT:
                break
            time.sleep(0.2)
    finally:
        worker.send_signal(signal.SIGTERM)
        output, _ = worker.communicate(timeout=60)
    assert message.status == MessageStatus.SENT, output
    assert worker.returncode == 0, output
    assert "Worker starting: 1 process;" in output
    assert "running." in output  # django-q2: "Q Cluster … running."
    assert f"Subject: {message.subject}" in output  # the console backend prints the email
    assert "has stopped." in output  # django-q2: "Q Cluster … has stopped."
    assert not OrmQ.objects.exists()  # the task was acknowledged
