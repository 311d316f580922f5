"""/healthz and /readyz (issue 11, section 7): no sign-in, no personal data, 503 when the
service cannot do its work."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_q.models import Task

from accord.cases.models import CaseAccess
from accord.notifications.models import MessageStatus, OutboxMessage
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def worker_finished(ago: timedelta) -> None:
    moment = timezone.now() - ago
    Task.objects.create(
        id="t" * 32,
        name="outbox",
        func="accord.notifications.tasks.deliver_outbox",
        started=moment,
        stopped=moment,
        success=True,
    )


def message(world, *, status=MessageStatus.QUEUED, age=timedelta(0), n=0):
    row = OutboxMessage.objects.create(
        provider=world.provider,
        to=["someone@example.org"],
        subject="s",
        body="b",
        idempotency_key=f"k{n}-{status}",
        status=status,
    )
    OutboxMessage.objects.filter(pk=row.pk).update(created_at=timezone.now() - age)


def test_healthz_answers_without_touching_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_readyz_is_ready_when_everything_answers(world):
    worker_finished(timedelta(minutes=1))
    message(world)
    response = Client().get("/readyz")
    assert response.status_code == 200, response.content
    assert response.json() == {
        "status": "ready",
        "checks": {"database": "ok", "migrations": "ok", "worker": "ok", "outbox": "ok"},
    }


def test_readyz_is_not_ready_without_a_worker(world):
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == "no job finished yet"
    worker_finished(timedelta(minutes=10))
    assert "last job finished" in Client().get("/readyz").json()["checks"]["worker"]


def test_readyz_is_not_ready_when_the_outbox_backs_up(world, settings):
    worker_finished(timedelta(0))
    settings.ACCORD_READY_OUTBOX_BACKLOG = 2
    for n in range(3):
        message(world, n=n)
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["outbox"] == "3 messages waiting"


def test_readyz_is_not_ready_when_a_message_waits_too_long(world, settings):
    worker_finished(timedelta(0))
    settings.ACCORD_READY_OUTBOX_OLDEST_SECONDS = 600
    message(world, status=MessageStatus.SENT, age=timedelta(hours=2), n=1)
    assert Client().get("/readyz").status_code == 200
    message(world, age=timedelta(hours=1), n=2)
    checks = Client().get("/readyz").json()["checks"]
    assert checks["outbox"].startswith("oldest unsent message waiting 36")


def test_readyz_names_unapplied_migrations(world, monkeypatch):
    worker_finished(timedelta(0))
    monkeypatch.setattr(
        "django.db.migrations.executor.MigrationExecutor.migration_plan",
        lambda self, targets: [("x", False), ("y", False)],
    )
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "2 migrations not applied"


def test_health_pages_reveal_no_personal_data_and_are_not_audited(world):
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    worker_finished(timedelta(0))
    body = json.dumps(Client().get("/readyz").json())
    assert case.child.last_name not in body
    assert case.reference not in body
    assert not CaseAccess.objects.exists()
