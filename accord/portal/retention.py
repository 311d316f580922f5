"""Rejected online requests are deleted once their retention period is over (registered with
accord.cases.retention_points; the period is the provider's, docs/data-protection.md)."""

from __future__ import annotations

from datetime import datetime

from accord.cases.retention_points import RetentionSource
from accord.organisations.models import Provider
from accord.portal.models import OnlineRequest, RequestStatus


def remove_rejected_requests(provider: Provider | None, before: datetime, apply: bool) -> int:
    old = OnlineRequest.objects.filter(
        provider=provider, status=RequestStatus.REJECTED, decided_at__lt=before
    )
    count = old.count()
    if apply:
        old.delete()
    return count


SOURCE = RetentionSource("rejected_request", remove_rejected_requests)
