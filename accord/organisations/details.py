"""The provider's own details: the name shown on its emails, PDFs and pages, how to contact it,
where replies go, and the address its links start with."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from accord.organisations.changes import SetupError, record_change, snapshot
from accord.organisations.models import Provider, User

DETAIL_FIELDS = (
    "name",
    "email",
    "phone",
    "postal_address",
    "reply_to",
    "site_address",
    "risk_assessment_before_meeting",
    "complaint_response_working_days",
)


def update_details(provider: Provider, *, by: User, **values: Any) -> Provider:
    unknown = set(values) - set(DETAIL_FIELDS)
    if unknown:
        raise SetupError(f"These are not details of a provider: {', '.join(sorted(unknown))}.")
    before = snapshot(provider, DETAIL_FIELDS)
    for name, value in values.items():
        setattr(provider, name, value.strip() if isinstance(value, str) else value)
    if provider.site_address:
        provider.site_address = provider.site_address.rstrip("/")
    try:
        with transaction.atomic():
            provider.save()
            after = snapshot(provider, DETAIL_FIELDS)
            if before != after:
                record_change(
                    provider,
                    "Changed the service's details",
                    by=by,
                    subject=provider.name,
                    before=before,
                    after=after,
                )
    except IntegrityError as error:
        provider.refresh_from_db()
        raise SetupError("Another service already has this name: choose another.") from error
    return provider
