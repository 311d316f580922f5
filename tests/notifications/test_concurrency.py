"""Two workers at once never send the same message twice (SELECT … FOR UPDATE SKIP LOCKED)."""

from __future__ import annotations

import threading

import pytest
from django.core import mail
from django.db import connection, connections

from accord.notifications.delivery import deliver_due_messages
from accord.notifications.models import MessageStatus, OutboxMessage
from accord.notifications.services import queue_email
from tests.factories import CaseFactory, ProviderFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: the in-memory SQLite test database is not shared between threads",
)


@pytest.mark.django_db(transaction=True)
def test_two_workers_send_each_message_exactly_once():
    case = CaseFactory(provider=ProviderFactory())
    for n in range(30):
        queue_email(
            case=case,
            to=[f"person{n}@example.org"],
            subject=f"{case.reference}: message {n}",
            body="What to do next: nothing.",
            idempotency_key=f"concurrent:{n}",
        )
    start = threading.Barrier(2)

    def worker() -> None:
        try:
            start.wait()
            deliver_due_messages()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    recipients = [email.to[0] for email in mail.outbox]
    assert len(recipients) == 30
    assert len(set(recipients)) == 30
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {MessageStatus.SENT}
