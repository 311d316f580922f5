"""Reads of the outbox, scoped to the provider of the membership asking (style.md #6)."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.http import Http404

from accord.cases.models import Case
from accord.notifications.models import MessageStatus, OutboxMessage
from accord.organisations.models import Membership
from accord.organisations.roles import STAFF

# The outbox page's filters: "sending" is shown with "queued" (it is on its way).
STATUS_FILTERS = {
    "queued": [MessageStatus.QUEUED, MessageStatus.SENDING],
    "failed": [MessageStatus.FAILED],
    "sent": [MessageStatus.SENT],
}


def outbox_for(
    membership: Membership, status: str = "", case: Case | None = None
) -> QuerySet[OutboxMessage]:
    """The provider's messages (or one `case`'s), newest first; staff only. A case's are read
    through its own relation, so each message's `case` is the case in hand, not read again in a
    join of the case's hundred-odd columns."""
    if membership.role_enum not in STAFF:
        return OutboxMessage.objects.none()
    source = (
        case.messages.all() if case is not None else OutboxMessage.objects.select_related("case")
    )
    messages = source.filter(provider_id=membership.provider_id)
    if status in STATUS_FILTERS:
        messages = messages.filter(status__in=STATUS_FILTERS[status])
    return messages.order_by("-created_at", "-id")


def outbox_counts(membership: Membership) -> dict[str, int]:
    rows = outbox_for(membership).order_by().values("status").annotate(n=Count("id"))
    by_status = {row["status"]: row["n"] for row in rows}
    return {
        name: sum(by_status.get(status, 0) for status in statuses)
        for name, statuses in STATUS_FILTERS.items()
    }


def message_for(membership: Membership, message_id: int) -> OutboxMessage:
    message = outbox_for(membership).filter(pk=message_id).first()
    if message is None:
        raise Http404("No such message")
    return message


def messages_for_case(membership: Membership, case: Case) -> QuerySet[OutboxMessage]:
    """A case's messages, for the case page (the caller fetched the case through cases_for)."""
    return outbox_for(membership, case=case)
