"""Webhooks: a body subscribes; its cases' events become deliveries after the change commits,
signed with HMAC-SHA256 over the timestamp and body, and retried with a doubling wait."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.db import transaction
from django.utils import timezone

from accord.api.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from accord.api.webhooks import SIGNATURE_HEADER, TIMESTAMP_HEADER, WEBHOOK_CASE, deliver_due
from accord.cases.services import add_note
from accord.cases.timeline import EventKind, record_event
from accord.organisations.roles import Role
from tests.factories import CaseFactory


class Receiver:
    """A webhook receiver on 127.0.0.1 and a free port, answering with `status`."""

    def __init__(self, status: int = 204) -> None:
        self.status = status
        self.received: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args) -> None:
                return

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings):
    settings.ACCORD_WEBHOOKS_ALLOW_HTTP = True
    made = Receiver()
    yield made
    made.close()


def _subscribe(caller, url: str) -> WebhookSubscription:
    answer = caller.post("/api/v1/webhooks/", {"url": url})
    assert answer.status_code == 201, answer.content
    assert answer.json()["secret"]
    return WebhookSubscription.objects.get(pk=answer.json()["id"])


def test_events_the_body_may_see_are_delivered_signed(
    world, la_caller, receiver, django_capture_on_commit_callbacks
):
    subscription = _subscribe(la_caller, receiver.url)
    ours = CaseFactory(provider=world.provider, local_authority=world.la)
    theirs = CaseFactory(provider=world.provider, local_authority=world.other_la)
    coordinator = world.user(Role.COORDINATOR)
    with django_capture_on_commit_callbacks(execute=True):
        record_event(ours, EventKind.LA_NOTIFIED, "The LA was told", by=coordinator)
        record_event(ours, EventKind.CONFIDENTIAL_NOTE, "Staff only", by=coordinator)
        record_event(theirs, EventKind.LA_NOTIFIED, "Another council's case", by=coordinator)
    deliveries = list(WebhookDelivery.objects.all())
    assert [d.event.kind for d in deliveries] == [EventKind.LA_NOTIFIED]
    assert deliveries[0].event.case == ours

    report = deliver_due()
    assert report.delivered == 1
    headers, body = receiver.received[0]
    stamp = headers[TIMESTAMP_HEADER]
    expected = hmac.new(
        subscription.secret.encode(), f"{stamp}.".encode() + body, hashlib.sha256
    ).hexdigest()
    assert headers[SIGNATURE_HEADER] == f"sha256={expected}"
    payload = json.loads(body)
    assert payload["case"] == ours.reference
    assert payload["event"]["kind"] == EventKind.LA_NOTIFIED
    assert "Sam" not in body.decode()  # never the child's details
    assert WebhookDelivery.objects.get().status == DeliveryStatus.DELIVERED
    assert deliver_due().delivered == 0  # sent once


def test_a_rolled_back_change_delivers_nothing(world, la_caller, receiver):
    _subscribe(la_caller, receiver.url)
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    # In the test's own transaction, never committed: on_commit handlers never run.
    record_event(case, EventKind.LA_NOTIFIED, "The LA was told", by=None)
    assert not WebhookDelivery.objects.exists()


def test_a_failing_receiver_is_retried_with_a_doubling_wait_then_marked_failed(
    world, la_caller, receiver, settings, django_capture_on_commit_callbacks
):
    settings.ACCORD_WEBHOOK_MAX_ATTEMPTS = 3
    settings.ACCORD_WEBHOOK_RETRY_SECONDS = 60
    receiver.status = 500
    _subscribe(la_caller, receiver.url)
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    with django_capture_on_commit_callbacks(execute=True):
        record_event(case, EventKind.LA_NOTIFIED, "The LA was told", by=None)
    now = timezone.now()
    assert deliver_due(now).retrying == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.last_status_code == 500
    assert delivery.next_attempt_at == now + timedelta(seconds=60)
    assert deliver_due(now).retrying == 0  # not due yet
    later = now + timedelta(seconds=61)
    assert deliver_due(later).retrying == 1
    delivery.refresh_from_db()
    assert delivery.next_attempt_at == later + timedelta(seconds=120)
    assert deliver_due(later + timedelta(seconds=121)).failed == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 3)


def test_webhook_addresses_must_be_https(settings, la_caller):
    settings.ACCORD_WEBHOOKS_ALLOW_HTTP = False
    answer = la_caller.post("/api/v1/webhooks/", {"url": "http://example.com/hook"})
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["field"] == "url"


def test_a_client_lists_and_removes_its_webhooks(la_caller, make_caller):
    made = la_caller.post("/api/v1/webhooks/", {"url": "https://example.com/hook"}).json()
    assert [w["id"] for w in la_caller.get("/api/v1/webhooks/").json()] == [made["id"]]
    assert "secret" not in la_caller.get("/api/v1/webhooks/").json()[0]
    other = make_caller("icb")
    assert other.http.delete(f"/api/v1/webhooks/{made['id']}/").status_code == 404
    assert la_caller.http.delete(f"/api/v1/webhooks/{made['id']}/").status_code == 204
    assert la_caller.get("/api/v1/webhooks/").json() == []


def test_staff_see_the_deliveries(world, client_for, la_caller, django_capture_on_commit_callbacks):
    la_caller.post("/api/v1/webhooks/", {"url": "https://example.com/hook"})
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    with django_capture_on_commit_callbacks(execute=True):
        add_note(case, "x", by=world.user(Role.COORDINATOR))
        record_event(case, EventKind.LA_NOTIFIED, "The LA was told", by=None)
    page = client_for(Role.COORDINATOR).get("/api-clients/webhooks/")
    assert page.status_code == 200
    assert case.reference in page.content.decode()
    assert client_for(Role.LA_OFFICER).get("/api-clients/webhooks/").status_code == 403


def test_a_change_asks_once_per_case_for_its_deliveries(world, django_capture_on_commit_callbacks):
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        for n in range(3):
            record_event(case, EventKind.LA_NOTIFIED, f"Event {n}", by=None)
    assert [getattr(c, WEBHOOK_CASE, None) for c in callbacks].count(case.pk) == 1


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hook",
        "https://localhost:8443/hook",
        "https://10.1.2.3/hook",
        "https://192.168.0.10/hook",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/hook",
    ],
)
def test_webhooks_go_only_to_public_addresses(settings, la_caller, url):
    """A client cannot make Accord's worker call the provider's own network."""
    settings.ACCORD_WEBHOOKS_ALLOW_PRIVATE = False
    answer = la_caller.post("/api/v1/webhooks/", {"url": url})
    assert answer.status_code == 400
    error = answer.json()["errors"][0]
    assert error["field"] == "url" and "public" in error["detail"]
    assert not WebhookSubscription.objects.exists()


def test_a_delivery_to_an_address_now_private_is_not_made(
    world, la_caller, receiver, settings, django_capture_on_commit_callbacks
):
    """Checked again before each delivery: a name may resolve elsewhere later."""
    _subscribe(la_caller, receiver.url)
    settings.ACCORD_WEBHOOKS_ALLOW_PRIVATE = False
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    with django_capture_on_commit_callbacks(execute=True):
        record_event(case, EventKind.LA_NOTIFIED, "The LA was told", by=None)
    deliver_due(timezone.now())
    delivery = WebhookDelivery.objects.get()
    assert delivery.status != DeliveryStatus.DELIVERED
    assert "not on the public internet" in delivery.last_error
    assert receiver.received == []
