"""Webhooks: each new case event becomes a delivery row for every subscriber whose body may see
it, and the worker sends the rows (accord.api.tasks), signed, retrying with a doubling wait.

The signature is HMAC-SHA256, keyed by the subscription's secret, over
`<timestamp>.<body>`; the timestamp (Unix seconds) is sent beside it, so a receiver can refuse
an old or replayed delivery (docs/api.md says how to check one). The body names the case and
the event, never the child: the receiver reads the rest through the API.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from accord.api.addresses import refused_address
from accord.api.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from accord.cases.models import Case
from accord.cases.selectors import timeline_for
from accord.organisations.models import User

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "Accord-Signature"
TIMESTAMP_HEADER = "Accord-Timestamp"
TIMEOUT_SECONDS = 10
WEBHOOK_CASE = "accord_webhook_case"
LONGEST_WAIT = timedelta(hours=6)


def after_commit(case: Case, *, by: User | None) -> None:
    """Subscribed to every timeline event (accord.api.apps): once the change commits, queue the
    case's deliveries. Once per case and transaction, however many events the change records;
    never for a change that rolls back."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        queue_deliveries(case, by=by)
        return
    if any(
        getattr(pending[1], WEBHOOK_CASE, None) == case.pk for pending in connection.run_on_commit
    ):
        return
    callback = partial(queue_deliveries, case, by=by)
    setattr(callback, WEBHOOK_CASE, case.pk)
    # robust: the change is saved whatever happens here; its events stay readable in the API.
    transaction.on_commit(callback, robust=True)


def queue_deliveries(case: Case, *, by: User | None) -> int:
    """After a change commits: a delivery for each event of the case a subscriber may see and
    has not been given (however many events the change recorded, each is queued once)."""
    subscriptions = WebhookSubscription.objects.filter(
        active=True, client__provider_id=case.provider_id, client__revoked_at__isnull=True
    ).select_related("client__membership")
    queued = 0
    for subscription in subscriptions:
        events = (
            timeline_for(subscription.client.membership, case)
            .filter(at__gte=subscription.created_at)
            .exclude(pk__in=subscription.deliveries.values("event_id"))
            .values_list("pk", flat=True)
        )
        # The client's membership scopes the case too: another body's case gives nothing.
        from_case = list(events) if _sees(subscription, case) else []
        WebhookDelivery.objects.bulk_create(
            [WebhookDelivery(subscription=subscription, event_id=pk) for pk in from_case],
            ignore_conflicts=True,
        )
        queued += len(from_case)
    return queued


def _sees(subscription: WebhookSubscription, case: Case) -> bool:
    client = subscription.client
    if client.local_authority_id is not None:
        return case.local_authority_id == client.local_authority_id
    return case.health_body_id == client.health_body_id


def payload(delivery: WebhookDelivery) -> bytes:
    event = delivery.event
    return json.dumps(
        {
            "id": delivery.pk,
            "case": event.case.reference,
            "event": {"id": event.pk, "kind": event.kind, "at": event.at.isoformat()},
        },
        separators=(",", ":"),
    ).encode()


def signature(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


@dataclass
class Report:
    delivered: int = 0
    retrying: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return f"{self.delivered} delivered, {self.retrying} to retry, {self.failed} failed"


def _post(delivery: WebhookDelivery, now: datetime) -> int:
    # Checked again at each delivery: the name may resolve elsewhere than when it was given.
    refused = refused_address(delivery.subscription.url)
    if refused:
        raise ValueError(refused)
    body = payload(delivery)
    stamp = int(now.timestamp())
    request = urllib.request.Request(  # noqa: S310 - the address is checked above
        delivery.subscription.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Accord-Webhooks/1",
            TIMESTAMP_HEADER: str(stamp),
            SIGNATURE_HEADER: signature(delivery.subscription.secret, stamp, body),
        },
    )
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
        return int(response.status)


def _attempt(delivery: WebhookDelivery, now: datetime) -> str:
    delivery.attempts += 1
    try:
        delivery.last_status_code = _post(delivery, now)
        delivery.last_error = ""
    except urllib.error.HTTPError as error:
        delivery.last_status_code = error.code
        delivery.last_error = f"The receiver answered {error.code}."
    except (OSError, ValueError) as error:
        delivery.last_status_code = None
        delivery.last_error = str(error)[:300] or error.__class__.__name__
    if delivery.last_status_code is not None and 200 <= delivery.last_status_code < 300:
        delivery.status = DeliveryStatus.DELIVERED
        delivery.delivered_at = now
    elif delivery.attempts >= settings.ACCORD_WEBHOOK_MAX_ATTEMPTS:
        delivery.status = DeliveryStatus.FAILED
    else:
        wait = timedelta(
            seconds=settings.ACCORD_WEBHOOK_RETRY_SECONDS * 2 ** (delivery.attempts - 1)
        )
        delivery.next_attempt_at = now + min(wait, LONGEST_WAIT)
    delivery.save()
    return delivery.status


def _claim(now: datetime) -> WebhookDelivery | None:
    """One due row, pushed out of reach while it is sent, so two workers never send it both."""
    due = WebhookDelivery.objects.filter(
        status=DeliveryStatus.PENDING, next_attempt_at__lte=now
    ).order_by("next_attempt_at", "pk")
    if not due.exists():
        return None
    with transaction.atomic():
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        delivery = due.first()
        if delivery is None:
            return None
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            next_attempt_at=now + timedelta(seconds=TIMEOUT_SECONDS * 3)
        )
    return (
        WebhookDelivery.objects.select_related("subscription", "event__case")
        .filter(pk=delivery.pk)
        .first()
    )


def deliver_due(now: datetime | None = None, limit: int = 200) -> Report:
    report = Report()
    for _ in range(limit):
        delivery = _claim(now or timezone.now())
        if delivery is None:
            break
        status = _attempt(delivery, now or timezone.now())
        if status == DeliveryStatus.DELIVERED:
            report.delivered += 1
        elif status == DeliveryStatus.FAILED:
            report.failed += 1
        else:
            report.retrying += 1
    return report


def recent_deliveries(provider_id: int, status: str = "") -> list[WebhookDelivery]:
    """For the staff page: the newest deliveries of the provider's clients."""
    deliveries = WebhookDelivery.objects.filter(
        subscription__client__provider_id=provider_id
    ).select_related("subscription__client", "event__case")
    if status in DeliveryStatus.values:
        deliveries = deliveries.filter(status=status)
    return list(deliveries.order_by("-created_at", "-pk")[:200])
