"""The outbox: every message Accord sends is written here first and sent by the worker.

A row is queued inside the same transaction as the change that caused it, so a message is never
lost when a request fails, nor sent for a change that was rolled back. The unique idempotency key
means a double-submitted form or a second reminder scan finds the existing row and queues nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from accord.cases.models import Case, Party
from accord.organisations.models import Provider


class MessageStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"


class Channel(models.TextChoices):
    """How a message reaches its recipient: each party's preferred contact method decides
    (accord.notifications.channels)."""

    EMAIL = "email", "Email"
    TEXT = "text", "Text message"
    LETTER = "letter", "Letter"


class MessageKind(models.TextChoices):
    CONFIRMATION = "confirmation", "Confirmation"
    MEETING_NOTICE = "meeting_notice", "Meeting notice"
    MEETING_INVITATION = "meeting_invitation", "Meeting invitation"
    MEETING_REMINDER = "meeting_reminder", "Meeting reminder"
    DEADLINE_REMINDER = "deadline_reminder", "Deadline reminder"
    OVERDUE_DIGEST = "overdue_digest", "Overdue items digest"
    CERTIFICATE_ISSUED = "certificate_issued", "Certificate issued"
    ADVICE_CALL = "advice_call", "Information and advice call booked"
    ADVICE_CALL_REMINDER = "advice_call_reminder", "Information and advice call tomorrow"
    APPEAL_DEADLINE = "appeal_deadline", "Appeal deadline reminder"
    MEDIATION_DEADLINE_PASSED = "mediation_deadline_passed", "Mediation not held in time"
    AGREED_ACTION_OVERDUE = "agreed_action_overdue", "Agreed action overdue: what the family can do"
    OFFICER_MEDIATION_DEADLINE = "officer_mediation_deadline", "Mediation deadline (to officers)"
    OFFICER_AGREED_ACTION = "officer_agreed_action", "Agreed action due (to officers)"
    OFFICER_OVERDUE_DIGEST = "officer_overdue_digest", "Weekly overdue actions (to officers)"
    DR_INVITATION_REMINDER = "dr_invitation_reminder", "Disagreement resolution: no answer yet"
    FEEDBACK_REQUEST = "feedback_request", "Feedback request"
    FEEDBACK_REMINDER = "feedback_reminder", "Feedback reminder"
    STANDBY_OFFER = "standby_offer", "A cancelled time suits a standby case"
    OTHER = "other", "Message"


class NotifyStatus(models.TextChoices):
    """GOV.UK Notify's delivery statuses (its API documentation), grouped by what staff need."""

    CREATED = "created", "Accepted by Notify"
    SENDING = "sending", "Sending"
    PENDING = "pending", "Waiting for the phone network"
    SENT = "sent", "Sent abroad"
    DELIVERED = "delivered", "Delivered"
    PERMANENT_FAILURE = "permanent-failure", "Not delivered: address or number not in use"
    TEMPORARY_FAILURE = "temporary-failure", "Not delivered: inbox full or phone off"
    TECHNICAL_FAILURE = "technical-failure", "Not delivered: a problem at Notify"
    PENDING_VIRUS_CHECK = "pending-virus-check", "Letter being checked"
    VIRUS_SCAN_FAILED = "virus-scan-failed", "Letter failed Notify's checks"
    VALIDATION_FAILED = "validation-failed", "Letter failed Notify's checks"
    ACCEPTED = "accepted", "Letter being printed"
    RECEIVED = "received", "Letter posted"
    CANCELLED = "cancelled", "Letter cancelled"


NOTIFY_FAILED = frozenset(
    {
        NotifyStatus.PERMANENT_FAILURE,
        NotifyStatus.TEMPORARY_FAILURE,
        NotifyStatus.TECHNICAL_FAILURE,
        NotifyStatus.VIRUS_SCAN_FAILED,
        NotifyStatus.VALIDATION_FAILED,
        NotifyStatus.CANCELLED,
    }
)
NOTIFY_FINAL = NOTIFY_FAILED | {NotifyStatus.DELIVERED, NotifyStatus.RECEIVED, NotifyStatus.SENT}


class OutboxMessage(models.Model):
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="outbox")
    # Empty for messages about no single case (the managers' daily digest).
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.CASCADE, related_name="messages"
    )
    kind = models.CharField(max_length=30, choices=MessageKind.choices, default=MessageKind.OTHER)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    # The party it is for, when it was chosen by their preferred contact method.
    party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    # Email addresses; for a text, the phone number; for a letter, the address (one entry).
    to = models.JSONField("recipients", default=list)
    reply_to = models.EmailField(blank=True)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    # The page the message points to (Notify templates get it as ((link))).
    link = models.URLField(max_length=500, blank=True)
    idempotency_key = models.CharField(max_length=255, unique=True)

    status = models.CharField(
        max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    # While a worker sends the row; a row still "sending" after this was abandoned mid-send.
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    # Each recipient is sent a separate email and recorded here at once, so a retry after a
    # partial failure never sends to the same person twice.
    delivered_to = models.JSONField(default=list, blank=True)
    # GOV.UK Notify's latest delivery status for the message (each copy's is on its receipt).
    delivery_status = models.CharField(max_length=30, choices=NotifyStatus.choices, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["provider", "status", "-created_at"]),
            models.Index(fields=["case", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.get_status_display().lower()})"

    @property
    def recipients(self) -> list[str]:
        return [str(address) for address in self.to]

    @property
    def pending_recipients(self) -> list[str]:
        done = set(self.delivered_to)
        return [address for address in self.recipients if address not in done]


class OutboxAttachment(models.Model):
    """A file sent with a message (a calendar invitation, say), stored with it so a retry sends
    exactly what was queued."""

    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=200)
    content = models.BinaryField()
    mimetype = models.CharField(max_length=100)

    def __str__(self) -> str:
        return self.filename


class NotifyReceipt(models.Model):
    """One recipient's copy of a message as GOV.UK Notify took it: its notification id, and the
    delivery status read back (polled, or pushed to the callback)."""

    message = models.ForeignKey(OutboxMessage, on_delete=models.CASCADE, related_name="receipts")
    recipient = models.CharField(max_length=500)
    notify_id = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        max_length=30, choices=NotifyStatus.choices, default=NotifyStatus.CREATED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.notify_id}: {self.status}"

    @property
    def failed(self) -> bool:
        return self.status in NOTIFY_FAILED

    @property
    def final(self) -> bool:
        return self.status in NOTIFY_FINAL
