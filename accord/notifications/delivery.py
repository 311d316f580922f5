"""Sending what the outbox holds: what the background worker does every few seconds.

Each due row is claimed in its own short transaction (SELECT … FOR UPDATE SKIP LOCKED on
PostgreSQL, so several workers never take the same row; on SQLite the write lock taken at the start
of the transaction does the same), then sent through Django's mail framework, whatever
EMAIL_BACKEND is configured (SMTP, GOV.UK Notify, the console). A failure is retried later with a
doubling delay; after ACCORD_OUTBOX_MAX_ATTEMPTS the row is marked failed for staff to see.

Never twice: every recipient is sent a separate email and recorded the moment the backend accepts
it, so a retry skips whoever already has it. A row left "sending" by a worker that died mid-send
is not sent again automatically (the email may have gone): it is marked failed with that
explanation, and staff decide.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django.utils import timezone

from accord.cases.timeline import EventKind, record_event
from accord.notifications import notify
from accord.notifications.models import Channel, MessageStatus, NotifyReceipt, OutboxMessage
from accord.notifications.reply_to import reply_to_for
from accord.organisations.branding import sender_for

logger = logging.getLogger(__name__)

# How long a worker may hold a row while sending it (each recipient is one call to the backend,
# bounded by EMAIL_TIMEOUT).
CLAIM_SECONDS = 15 * 60
LONGEST_WAIT = timedelta(hours=6)

ABANDONED = (
    "The worker stopped while sending this message, so it may already have reached {who}. "
    "Check with them before sending it again."
)


class BackendRefused(RuntimeError):
    """The email backend returned without sending (Django backends return 0 sent)."""


@dataclass
class DeliveryReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0

    def __str__(self) -> str:
        return f"{self.sent} sent, {self.retrying} to retry, {self.failed} failed"


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8 … times ACCORD_OUTBOX_RETRY_SECONDS after the n-th failed attempt."""
    seconds = settings.ACCORD_OUTBOX_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return min(timedelta(seconds=seconds), LONGEST_WAIT)


def deliver_due_messages(now: datetime | None = None, limit: int = 200) -> DeliveryReport:
    """Sends every queued message that is due (at most `limit`), oldest first."""
    report = DeliveryReport()
    report.failed += _fail_abandoned(now or timezone.now())
    for _ in range(limit):
        message = _claim_next(now or timezone.now())
        if message is None:
            break
        status = _attempt(message, now or timezone.now())
        if status == MessageStatus.SENT:
            report.sent += 1
        elif status == MessageStatus.FAILED:
            report.failed += 1
        else:
            report.retrying += 1
    return report


def _claim_next(now: datetime) -> OutboxMessage | None:
    due = OutboxMessage.objects.filter(
        status=MessageStatus.QUEUED, next_attempt_at__lte=now
    ).order_by("next_attempt_at", "id")
    # Most passes find nothing: look before taking a lock (SQLite locks the whole database).
    if not due.exists():
        return None
    with transaction.atomic():
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        message = due.first()
        if message is None:
            return None
        message.status = MessageStatus.SENDING
        message.attempts += 1
        message.claimed_until = now + timedelta(seconds=CLAIM_SECONDS)
        message.save(update_fields=["status", "attempts", "claimed_until"])
    return message


def _attempt(message: OutboxMessage, now: datetime) -> str:
    backend = get_connection(fail_silently=False) if _by_django_mail(message) else None
    try:
        for recipient in message.pending_recipients:
            if backend is not None:
                _send_email(message, recipient, backend)
            else:
                _send_by_notify(message, recipient)
            message.delivered_to = [*message.delivered_to, recipient]
            message.save(update_fields=["delivered_to"])
    except Exception as error:
        logger.warning(
            "Outbox message %s: attempt %s failed: %s",
            message.pk,
            message.attempts,
            type(error).__name__,
        )
        return _record_failure(message, f"{type(error).__name__}: {error}"[:2000], now)
    _record_sent(message)
    return MessageStatus.SENT


def _by_django_mail(message: OutboxMessage) -> bool:
    """Email goes through EMAIL_BACKEND unless ACCORD_EMAIL_VIA=notify; texts and letters
    always go through GOV.UK Notify (accord.notifications.notify)."""
    return message.channel == Channel.EMAIL and settings.ACCORD_EMAIL_VIA != "notify"


def _send_email(message: OutboxMessage, recipient: str, backend: BaseEmailBackend) -> None:
    email = _email_for(message, recipient, backend)
    if email.send(fail_silently=False) != 1:
        raise BackendRefused(f"The email backend did not send the message to {recipient}.")


def _send_by_notify(message: OutboxMessage, recipient: str) -> None:
    notify_id = notify.send(message, recipient)
    if notify_id:
        receipt = NotifyReceipt.objects.create(
            message=message, recipient=recipient, notify_id=notify_id
        )
        message.delivery_status = receipt.status
        message.save(update_fields=["delivery_status"])


def _email_for(message: OutboxMessage, recipient: str, backend: object) -> EmailMessage:
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=sender_for(message.provider),
        to=[recipient],
        # Per recipient: a reply can be filed to the case (accord.notifications.reply_to).
        reply_to=reply_to_for(message, recipient),
        # The same Message-ID on any resend lets mail programs recognise a duplicate.
        headers={"Message-ID": _message_id(message, recipient)},
        connection=backend,
    )
    if settings.ACCORD_EMAIL_ATTACHMENTS:
        for attachment in message.attachments.all():
            email.attach(attachment.filename, bytes(attachment.content), attachment.mimetype)
    return email


def _message_id(message: OutboxMessage, recipient: str) -> str:
    digest = hashlib.sha256(f"{message.idempotency_key}\n{recipient}".encode()).hexdigest()
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >") or "accord.localhost"
    return f"<{digest[:40]}@{domain}>"


def _record_sent(message: OutboxMessage) -> None:
    message.status = MessageStatus.SENT
    message.sent_at = timezone.now()
    message.claimed_until = None
    message.last_error = ""
    message.save(update_fields=["status", "sent_at", "claimed_until", "last_error"])
    if message.case is not None:
        record_event(
            message.case,
            EventKind.MESSAGE_SENT,
            f"{message.get_channel_display()} sent: {message.subject}",
            {"to": message.recipients, "message": message.pk, "attempts": message.attempts},
            by=None,
        )


def _record_failure(message: OutboxMessage, error: str, now: datetime) -> str:
    message.last_error = error
    message.claimed_until = None
    if message.attempts >= settings.ACCORD_OUTBOX_MAX_ATTEMPTS:
        _mark_failed(message, now)
    else:
        message.status = MessageStatus.QUEUED
        message.next_attempt_at = now + retry_delay(message.attempts)
        message.save(update_fields=["status", "next_attempt_at", "last_error", "claimed_until"])
    return message.status


def _mark_failed(message: OutboxMessage, now: datetime) -> None:
    message.status = MessageStatus.FAILED
    message.failed_at = now
    message.save(update_fields=["status", "failed_at", "last_error", "claimed_until"])
    if message.case is not None:
        record_event(
            message.case,
            EventKind.MESSAGE_FAILED,
            (
                f"{message.get_channel_display()} could not be sent after {message.attempts} "
                f"attempt{'s' if message.attempts != 1 else ''}: {message.subject}"
            ),
            {"to": message.recipients, "message": message.pk, "error": message.last_error},
            by=None,
        )


def _fail_abandoned(now: datetime) -> int:
    abandoned = OutboxMessage.objects.filter(
        status=MessageStatus.SENDING, claimed_until__lt=now
    ).select_related("case")
    count = 0
    for message in abandoned:
        pending = message.pending_recipients
        message.last_error = ABANDONED.format(who=", ".join(pending) or "its recipients")
        message.claimed_until = None
        _mark_failed(message, now)
        count += 1
    return count
