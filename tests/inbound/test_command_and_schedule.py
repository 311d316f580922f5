"""`manage.py run_mail_receiver` listens where it is told until it is stopped; the mailbox poll
is scheduled only when a mailbox is configured."""

from __future__ import annotations

import io
import smtplib

import pytest
from django.core.management import call_command
from django_q.models import Schedule

from accord.inbound.management.commands import run_mail_receiver
from accord.inbound.tasks import POLL_SCHEDULE, ensure_schedules, poll_mailbox_task


@pytest.mark.django_db(transaction=True)
def test_the_command_receives_on_the_port_given_then_stops(monkeypatch):
    started: list[run_mail_receiver.MailReceiver] = []
    replies: list[int] = []
    original_start = run_mail_receiver.MailReceiver.start

    def start(self):
        original_start(self)
        started.append(self)

    def talk_then_stop() -> None:
        """Instead of waiting for Ctrl-C: talk to the receiver the command started."""
        with smtplib.SMTP("127.0.0.1", started[0].port, timeout=10) as client:
            replies.append(client.noop()[0])

    monkeypatch.setattr(run_mail_receiver.MailReceiver, "start", start)
    monkeypatch.setattr(run_mail_receiver, "wait_for_a_stop_signal", talk_then_stop)
    out = io.StringIO()
    call_command("run_mail_receiver", "--host", "127.0.0.1", "--port", "0", stdout=out)
    assert replies == [250]
    assert f"Receiving mail on 127.0.0.1:{started[0].port}" in out.getvalue()
    assert "Mail receiver stopped" in out.getvalue()
    assert started[0]._thread is None  # stopped


def test_the_poll_is_scheduled_only_with_a_mailbox(db, settings):
    settings.ACCORD_IMAP_HOST = "imap.example"
    ensure_schedules()
    assert Schedule.objects.get(name=POLL_SCHEDULE).func == "accord.inbound.tasks.poll_mailbox_task"
    settings.ACCORD_IMAP_HOST = ""
    ensure_schedules()
    assert not Schedule.objects.filter(name=POLL_SCHEDULE).exists()
    assert poll_mailbox_task() == "0 messages read"
