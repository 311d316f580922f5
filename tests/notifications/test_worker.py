"""The worker command and the reminder command."""

from __future__ import annotations

import signal
from datetime import date, timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accord.cases.choices import FamilyChoice
from accord.notifications.models import MessageKind, MessageStatus, OutboxMessage
from accord.notifications.services import queue_email
from accord.notifications.worker import Worker, WorkerSettings, scan_is_due
from tests.notifications.conftest import at


def test_run_worker_once_sends_what_is_queued_and_exits(make_case):
    case = make_case()
    for n in range(3):
        queue_email(
            case=case,
            to=[f"person{n}@example.org"],
            subject=f"{case.reference}: meeting booked",
            body="What to do next: nothing.",
            idempotency_key=f"worker-test:{n}",
        )
    out = StringIO()
    call_command("run_worker", "--once", stdout=out)
    assert "Outbox: 3 sent, 0 to retry, 0 failed" in out.getvalue()
    assert len(mail.outbox) == 3
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {MessageStatus.SENT}

    call_command("run_worker", "--once", stdout=StringIO())
    assert len(mail.outbox) == 3


def test_run_worker_once_also_runs_the_reminder_scan(make_case):
    # A certificate wanted today is due in 3 working days; one wanted 1 working day ago is due
    # in 2, so today is its reminder day.
    from accord import rules

    today = timezone.localdate()
    make_case(
        family_choice=FamilyChoice.CERTIFICATE,
        family_choice_on=rules.subtract_working_days(rules.add_working_days(today, 2), 3),
    )
    out = StringIO()
    call_command("run_worker", "--once", stdout=out)
    if rules.is_working_day(today):
        assert "1 deadline reminders" in out.getvalue()
        assert mail.outbox[0].subject.endswith("is due in 2 working days")
    assert "Outbox:" in out.getvalue()


def test_send_reminders_queues_but_does_not_send(certificate_case, settings):
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert "Reminder scan:" in out.getvalue()
    assert mail.outbox == []


def test_the_scan_runs_hourly_from_the_configured_hour(settings):
    settings.ACCORD_REMINDERS_FROM_HOUR = 7
    hour = timedelta(hours=1)
    assert not scan_is_due(at(date(2026, 3, 3), 6), None, hour)
    assert scan_is_due(at(date(2026, 3, 3), 7), None, hour)
    assert not scan_is_due(at(date(2026, 3, 3), 8), at(date(2026, 3, 3), 7) + hour / 2, hour)
    assert scan_is_due(at(date(2026, 3, 3), 8), at(date(2026, 3, 3), 7), hour)


def test_the_worker_loop_sends_scans_and_stops_on_sigterm(certificate_case, settings):
    settings.ACCORD_REMINDERS_FROM_HOUR = 0
    said: list[str] = []
    worker = Worker(WorkerSettings(poll_seconds=0), report=said.append)
    worker.tick()
    assert worker.last_scan is not None
    worker.stop(signal.SIGTERM, None)
    assert worker.stopping.is_set()
    worker.run_forever()  # returns at once: already told to stop
    assert said[-1] == "Worker stopped."


def test_a_digest_row_is_sent_by_the_worker(make_case, world):
    make_case(family_choice=FamilyChoice.CERTIFICATE, family_choice_on=date(2026, 3, 2))
    from accord.reminders.scan import run_reminder_scan

    run_reminder_scan(at(date(2026, 3, 9)))
    call_command("run_worker", "--once", "--no-scan", stdout=StringIO())
    digest = OutboxMessage.objects.get(kind=MessageKind.OVERDUE_DIGEST)
    assert digest.status == MessageStatus.SENT
    assert digest.case is None
