"""Delivery statuses read back from GOV.UK Notify, and what a failure does.

Notify accepts a text or letter at once and tells its fate later. Accord learns it two ways,
both ending in `apply_status`: the outbox's schedule polls every receipt still on its way
(`poll_delivery_statuses`, `get_notification_by_id`), and Notify's delivery-receipt callback, when
it is set up, pushes each status as it happens (views.notify_callback). A failure (the number is
not in use, the letter failed Notify's checks…) marks the message failed for staff, on the outbox
page and the case, with the reason; its recipient is taken off `delivered_to`, so "Send again"
sends it once more.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from accord.cases.timeline import EventKind, record_event
from accord.notifications import notify
from accord.notifications.models import (
    NOTIFY_FINAL,
    MessageStatus,
    NotifyReceipt,
    NotifyStatus,
    OutboxMessage,
)

logger = logging.getLogger(__name__)

# Notify keeps a notification's status for 7 days; after that there is nothing to ask.
POLL_FOR = timedelta(days=7)


@dataclass
class StatusReport:
    checked: int = 0
    changed: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return f"{self.checked} checked, {self.changed} changed, {self.failed} failed"


def apply_status(receipt: NotifyReceipt, status: str, now: datetime | None = None) -> bool:
    """Records Notify's `status` for `receipt`; True if it changed. An unknown status is logged
    and ignored (Notify may add statuses)."""
    if status not in NotifyStatus.values:
        logger.warning("Notify receipt %s: unknown status %r", receipt.notify_id, status)
        return False
    if receipt.status == status:
        return False
    with transaction.atomic():
        receipt.status = status
        receipt.save(update_fields=["status", "updated_at"])
        OutboxMessage.objects.filter(pk=receipt.message_id).update(delivery_status=status)
        if receipt.failed:
            _fail_message(receipt, now or timezone.now())
    return True


def _fail_message(receipt: NotifyReceipt, now: datetime) -> None:
    message = OutboxMessage.objects.select_for_update().get(pk=receipt.message_id)
    message.delivered_to = [r for r in message.delivered_to if r != receipt.recipient]
    message.status = MessageStatus.FAILED
    message.failed_at = now
    message.last_error = (
        f"GOV.UK Notify could not deliver it to {receipt.recipient}: "
        f"{receipt.get_status_display()} ({receipt.status})."
    )
    message.save(update_fields=["delivered_to", "status", "failed_at", "last_error"])
    if message.case is not None:
        record_event(
            message.case,
            EventKind.MESSAGE_FAILED,
            f"{message.get_channel_display()} not delivered: {message.subject}",
            {"to": [receipt.recipient], "message": message.pk, "error": message.last_error},
            by=None,
        )


def receipts_on_their_way(now: datetime) -> list[NotifyReceipt]:
    return list(
        NotifyReceipt.objects.exclude(status__in=[str(s) for s in NOTIFY_FINAL])
        .filter(created_at__gte=now - POLL_FOR)
        .order_by("created_at")[:500]
    )


def poll_delivery_statuses(now: datetime | None = None) -> StatusReport:
    """Asks Notify for every receipt still on its way. A receipt Notify cannot answer for now
    is asked again next time."""
    moment = now or timezone.now()
    report = StatusReport()
    if not notify.configured():
        return report
    for receipt in receipts_on_their_way(moment):
        try:
            status = notify.status_of(receipt.notify_id)
        except Exception as error:  # Notify unreachable: next time
            logger.warning("Notify status of %s: %s", receipt.notify_id, type(error).__name__)
            continue
        report.checked += 1
        if apply_status(receipt, status, moment):
            report.changed += 1
            report.failed += receipt.failed
    return report
