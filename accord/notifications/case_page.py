"""The "Messages" section of the case page: each email, text and letter about the case, whether it
went and reached its recipient, and "Send again" for one that failed."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from accord.cases.models import Case
from accord.notifications.models import MessageStatus
from accord.notifications.selectors import messages_for_case
from accord.organisations.models import Membership
from accord.organisations.roles import STAFF

# What the section shows of each message (case_messages.html, status_tag.html): not its body,
# its recipients or its errors, which the message's own page shows.
SHOWN = ("case", "created_at", "subject", "channel", "status", "attempts", "delivery_status")


def messages_section(request: HttpRequest, case: Case, membership: Membership) -> dict[str, Any]:
    if membership.role_enum not in STAFF:
        return {"case_messages": None}
    # The 20 newest (the outbox page has the rest); a failure among them is flagged.
    shown = list(messages_for_case(membership, case).only(*SHOWN)[:20])
    return {
        "case_messages": shown,
        "case_failed": sum(message.status == MessageStatus.FAILED for message in shown),
    }
