"""/metrics (issue 11, section 7): Prometheus text, counts only, for a scraper with the token or
on the same machine."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from prometheus_client.parser import text_string_to_metric_families

from accord.cases.models import CaseClock
from accord.notifications.models import MessageStatus, OutboxMessage
from accord.rules import today_in_england
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def samples(response) -> dict[tuple[str, str], float]:
    found = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            found[(sample.name, sample.labels.get("provider", ""))] = sample.value
    return found


def outbox(world, status, n):
    for i in range(n):
        OutboxMessage.objects.create(
            provider=world.provider,
            to=["x@example.org"],
            subject="s",
            body="b",
            idempotency_key=f"{status}-{i}",
            status=status,
        )


def clock(case, *, due, done=None, for_family=False, key="k"):
    CaseClock.objects.create(
        provider=case.provider,
        case=case,
        clock="certificate_after_mediation",
        key=key,
        started_on=due - timedelta(days=3),
        due_on=due,
        done_on=done,
        for_family=for_family,
    )


def test_metrics_count_the_outbox_and_overdue_clocks_per_provider(world):
    outbox(world, MessageStatus.QUEUED, 3)
    outbox(world, MessageStatus.FAILED, 2)
    outbox(world, MessageStatus.SENT, 4)
    today = today_in_england()
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    clock(case, due=today - timedelta(days=2), key="late")
    clock(case, due=today - timedelta(days=2), done=today, key="done")
    clock(case, due=today + timedelta(days=2), key="running")
    clock(case, due=today - timedelta(days=2), for_family=True, key="family")
    other = CaseFactory(provider=world.stranger_provider, local_authority=world.la)
    clock(other, due=today - timedelta(days=1), key="late")

    response = Client(REMOTE_ADDR="127.0.0.1").get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    found = samples(response)
    assert found[("accord_outbox_backlog", "KM")] == 3
    assert found[("accord_outbox_failed", "KM")] == 2
    assert found[("accord_outbox_backlog", "XX")] == 0
    assert found[("accord_clocks_overdue", "KM")] == 1
    assert found[("accord_clocks_overdue", "XX")] == 1
    assert found[("accord_outbox_oldest_unsent_seconds", "")] >= 0
    assert case.child.last_name not in response.content.decode()


def test_without_a_token_only_the_same_machine_may_scrape(world):
    assert Client(REMOTE_ADDR="203.0.113.9").get("/metrics").status_code == 404
    assert Client(REMOTE_ADDR="::1").get("/metrics").status_code == 200


def test_with_a_token_the_scraper_must_send_it(world, settings):
    settings.ACCORD_METRICS_TOKEN = "scrape-token-123"
    assert Client(REMOTE_ADDR="127.0.0.1").get("/metrics").status_code == 404
    wrong = Client(REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer nope")
    assert wrong.get("/metrics").status_code == 404
    right = Client(REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer scrape-token-123")
    assert right.get("/metrics").status_code == 200
