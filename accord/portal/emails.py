"""Emails to a family about their online request.

Never the child's or young person's name or details, nor anything the family typed about the
disagreement: only the reference, what happens next and how to reach the service (product.md).
Queued in the notifications outbox like every other message.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.template.loader import render_to_string

from accord.notifications.models import MessageKind
from accord.notifications.services import OutboxError, queue_email

if TYPE_CHECKING:
    from accord.portal.models import OnlineRequest

logger = logging.getLogger(__name__)


def send_request_received(request: OnlineRequest) -> bool:
    """Tell the family we have their request, its reference and what happens next."""
    return _send(
        request,
        subject=f"We have received your request {request.reference}",
        template="portal/email/request_received.txt",
    )


def send_request_rejected(request: OnlineRequest) -> bool:
    """Tell the family, politely, why we cannot take the request forward and where else to go."""
    return _send(
        request,
        subject=f"Your request {request.reference}",
        template="portal/email/request_rejected.txt",
    )


def _send(request: OnlineRequest, *, subject: str, template: str) -> bool:
    """Queued in the notifications outbox (sent and retried by the background worker), keyed by
    the request and the template so a repeat never sends twice."""
    if not request.email:
        return False
    body = render_to_string(
        template,
        {
            "reference": request.reference,
            "provider": request.provider,
            "contact_by": request.get_preferred_contact_display().lower(),
            "reason": request.reject_reason,
            "service_name": settings.ACCORD_SERVICE_NAME,
        },
    )
    try:
        queue_email(
            case=None,
            provider=request.provider,
            to=request.email,
            subject=subject,
            body=body,
            idempotency_key=f"online-request:{request.reference}:{template.rsplit('/', 1)[-1]}",
            reply_to=request.provider.reply_to_address or None,
            kind=MessageKind.CONFIRMATION,
        )
    except OutboxError:
        # The request is saved whatever happens to the email; staff see it in the inbox.
        logger.exception("Could not queue %s for %s", template, request.reference)
        return False
    return True
