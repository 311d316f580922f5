"""Reads for the portal. Staff reads are scoped to the provider of the membership making the
request (style.md #6): another provider's requests are never found, so their pages are 404."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accord.organisations.models import LocalAuthority, Membership, Provider
from accord.portal.models import OnlineRequest, RequestStatus


def served_local_authorities() -> QuerySet[LocalAuthority]:
    """Councils at least one provider works for: the ones a family can choose."""
    return LocalAuthority.objects.filter(providers__isnull=False).distinct().order_by("name")


def providers_serving(local_authority_id: Any) -> QuerySet[Provider]:
    if not local_authority_id:
        return Provider.objects.none()
    return Provider.objects.filter(local_authorities__pk=local_authority_id).order_by("name")


def requests_for(membership: Membership) -> QuerySet[OnlineRequest]:
    """Every online request of the membership's provider, whatever its status."""
    return OnlineRequest.objects.filter(provider=membership.provider).select_related(
        "local_authority", "provider", "case", "decided_by"
    )


def inbox_for(membership: Membership) -> QuerySet[OnlineRequest]:
    """New requests, oldest first: the order staff should work through them."""
    return requests_for(membership).filter(status=RequestStatus.NEW).order_by("submitted_at")


def request_for(membership: Membership, reference: str) -> OnlineRequest:
    return get_object_or_404(requests_for(membership), reference=reference.upper())
