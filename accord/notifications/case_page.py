"""The "Messages" section of the case page: what was emailed about the case and whether it went."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from accord.cases.models import Case
from accord.notifications.selectors import messages_for_case
from accord.organisations.models import Membership
from accord.organisations.roles import STAFF


def messages_section(request: HttpRequest, case: Case, membership: Membership) -> dict[str, Any]:
    if membership.role_enum not in STAFF:
        return {"case_messages": None}
    return {"case_messages": list(messages_for_case(membership, case)[:20])}
