"""Reply addresses: the Reply-To the outbox gives each email about a case, and what an address
mail arrives at belongs to (a case's reply address, or a provider's own address, whose mail goes
to its intake inbox).

A case reference in the subject or body never files mail to a case: anyone can type one. Only
the 128-bit token of a reply address Accord handed out does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction

from accord.cases.models import Party
from accord.inbound.models import ReplyAddress
from accord.notifications.models import OutboxMessage
from accord.organisations.models import Provider

REPLY_ADDRESS = re.compile(r"^reply\+(?P<token>[0-9a-f]{32})@(?P<domain>[^@\s]+)$")


def reply_address_for(message: OutboxMessage, recipient: str) -> str | None:
    """The outbox's Reply-To resolver (accord.notifications.reply_to): an address of its own
    for each recipient of each case, made the first time they are emailed about it."""
    if message.case_id is None:
        return None
    address = recipient.strip().lower()
    existing = ReplyAddress.objects.filter(case_id=message.case_id, recipient=address).first()
    if existing is None:
        party = Party.objects.filter(case_id=message.case_id, email__iexact=address).first()
        try:
            with transaction.atomic():
                existing = ReplyAddress.objects.create(
                    case_id=message.case_id, recipient=address, party=party
                )
        except IntegrityError:  # made by another worker at the same moment
            existing = ReplyAddress.objects.get(case_id=message.case_id, recipient=address)
    return existing.address


@dataclass(frozen=True)
class Destination:
    provider: Provider
    reply_address: ReplyAddress | None = None


def destination_of(recipient: str) -> Destination | None:
    """Where mail to `recipient` goes, or None if it is no address of Accord's."""
    address = recipient.strip().strip("<>").lower()
    match = REPLY_ADDRESS.match(address)
    if match and match["domain"] == settings.ACCORD_INBOUND_DOMAIN.lower():
        reply = (
            ReplyAddress.objects.select_related("case__provider")
            .filter(token=match["token"])
            .first()
        )
        return Destination(reply.case.provider, reply) if reply else None
    provider = Provider.objects.filter(email__iexact=address).exclude(email="").first()
    return Destination(provider) if provider else None
