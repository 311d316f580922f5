"""API clients (one per public body), the referrals they sent, and their webhooks.

A client's secret is shown once and stored only as its SHA-256 digest: the secret is 32 random
bytes, so a fast digest cannot be reversed by guessing (docs/decisions.md, "API clients").
Each client acts through its own account and membership (role LA officer or ICB officer), so
every selector, service and audit row treats it exactly as it treats that body's officers.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from accord.cases.models import Case, TimelineEvent
from accord.organisations.models import HealthBody, LocalAuthority, Membership, Provider


class Scope(models.TextChoices):
    REFERRALS = "referrals:write", "Send referrals"
    CASES = "cases:read", "Read cases and their clocks"
    CERTIFICATES = "certificates:read", "Read certificates"
    ACTIONS = "actions:write", "Read agreed actions and mark the body's own done"
    MEETINGS = "meetings:read", "Read meetings"
    EVENTS = "events:read", "Read case events"
    WEBHOOKS = "webhooks:manage", "Subscribe to case events"


class ApiClient(models.Model):
    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="api_clients")
    name = models.CharField(max_length=200)
    local_authority = models.ForeignKey(
        LocalAuthority, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    health_body = models.ForeignKey(
        HealthBody, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The account the client acts as: never signs in (no usable password).
    membership = models.OneToOneField(
        Membership, on_delete=models.PROTECT, related_name="api_client"
    )
    # The public half of the token ("acc_<key_id>.<secret>"), to find the row.
    key_id = models.CharField(max_length=24, unique=True)
    secret_sha256 = models.CharField(max_length=64)
    scopes = models.JSONField(default=list)
    expires_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints: ClassVar = [
            models.CheckConstraint(
                name="api_client_names_one_body",
                condition=models.Q(local_authority__isnull=False, health_body__isnull=True)
                | models.Q(local_authority__isnull=True, health_body__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def body(self) -> LocalAuthority | HealthBody:
        body = self.local_authority or self.health_body
        assert body is not None  # the check constraint holds one
        return body

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class Referral(models.Model):
    """A referral received through the API, by its Idempotency-Key: a retried POST finds the
    case the first one made."""

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="referrals")
    idempotency_key = models.CharField(max_length=200)
    # The request body's digest: the same key with another body is refused.
    request_sha256 = models.CharField(max_length=64)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["client", "idempotency_key"], name="one_referral_per_idempotency_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.client} {self.idempotency_key}"


class WebhookSubscription(models.Model):
    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(max_length=500)
    # The signing key, shared with the receiver: kept as given (it must be used to sign).
    secret = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.url


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Waiting to send"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed"


class WebhookDelivery(models.Model):
    """One case event for one subscriber: sent, retried with backoff, and kept."""

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.ForeignKey(TimelineEvent, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["subscription", "event"], name="one_delivery_per_event_and_subscriber"
            )
        ]
        indexes: ClassVar = [
            models.Index(fields=["status", "next_attempt_at"], name="webhook_due"),
        ]

    def __str__(self) -> str:
        return f"{self.subscription} {self.event_id}"


class ApiCall(models.Model):
    """Every call a client makes, kept like the case access log (a read of one case is also
    written there, by accord.cases.audit)."""

    client = models.ForeignKey(ApiClient, on_delete=models.CASCADE, related_name="calls")
    at = models.DateTimeField(auto_now_add=True)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=300)
    status = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.method} {self.path} {self.status}"
