"""Mail received: the reply addresses Accord hands out, each message received and its files.

A reply address (reply+<token>@domain) is made for one recipient of one case the first time an
email about the case is sent to them. The token is 128 random bits: it cannot be guessed from the
case reference, which anyone can type, so only mail sent to a token is filed to a case by itself.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from accord.cases.models import Case, Party
from accord.organisations.models import Provider


def new_token() -> str:
    return secrets.token_hex(16)  # 128 bits


class ReplyAddress(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reply_addresses")
    # The address the email went to (lower case), and the party it belongs to, if one does.
    recipient = models.EmailField()
    party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    token = models.CharField(max_length=32, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "recipient"], name="one_reply_address_each")
        ]
        verbose_name_plural = "reply addresses"

    def __str__(self) -> str:
        return f"Reply address for {self.recipient} on {self.case}"

    @property
    def address(self) -> str:
        return f"reply+{self.token}@{settings.ACCORD_INBOUND_DOMAIN}"


class MailKind(models.TextChoices):
    REPLY = "reply", "Reply about a case"
    NEW = "new", "New mail"
    BOUNCE = "bounce", "Delivery failure report"
    AUTO_REPLY = "auto_reply", "Automatic reply"


class MailStatus(models.TextChoices):
    # Filed to its case by its reply address; staff have not yet read it.
    FILED_UNREAD = "filed_unread", "Filed to the case, unread"
    FILED = "filed", "Filed to the case"
    # Waiting in the intake inbox for staff to accept it into a new case or file it to one.
    WAITING = "waiting", "Waiting in the inbox"
    ACCEPTED = "accepted", "Accepted as a new case"
    DISMISSED = "dismissed", "Not about a case"
    # Bounces and automatic replies: kept, never a case event, never answered.
    IGNORED = "ignored", "Ignored"


OPEN_STATUSES = (MailStatus.FILED_UNREAD, MailStatus.WAITING)


class InboundMail(models.Model):
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="inbound_mail")
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="inbound_mail"
    )
    reply_address = models.ForeignKey(
        ReplyAddress, null=True, blank=True, on_delete=models.SET_NULL, related_name="mail"
    )
    kind = models.CharField(max_length=20, choices=MailKind.choices)
    status = models.CharField(max_length=20, choices=MailStatus.choices)
    from_address = models.EmailField(blank=True)
    from_name = models.CharField(max_length=200, blank=True)
    to_address = models.CharField(max_length=320)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    message_id = models.CharField(max_length=300, blank=True)
    # Attachments that were not kept, with the reason (the sender is told).
    refused = models.JSONField(default=list, blank=True)
    received_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["provider", "status", "-received_at"])]
        constraints = [
            # The same message delivered twice (an IMAP poll and an SMTP retry) is kept once.
            models.UniqueConstraint(
                fields=["provider", "to_address", "message_id"],
                condition=~models.Q(message_id=""),
                name="inbound_mail_once",
            )
        ]
        verbose_name_plural = "inbound mail"

    def __str__(self) -> str:
        return f"{self.subject or '(no subject)'} from {self.from_address}"


class InboundAttachment(models.Model):
    """A file that came with an email, checked before it was stored; it belongs to the case the
    email is filed to and is reached only through an access-checked view."""

    mail = models.ForeignKey(InboundMail, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=200)
    file = models.FileField(upload_to="inbound/%Y/%m/")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    def __str__(self) -> str:
        return self.filename
