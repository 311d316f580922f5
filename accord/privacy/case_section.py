"""The "Who has seen this case" section of the case page, for service managers only."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from accord.cases.models import Case
from accord.organisations.models import Membership
from accord.organisations.roles import Role
from accord.privacy.selectors import seen_by


def seen_section(request: HttpRequest, case: Case, membership: Membership) -> dict[str, Any]:
    if membership.role_enum != Role.SERVICE_MANAGER:
        return {"shown": False}
    return {"shown": True, "accesses": seen_by(case)}


SECTION = ("privacy/case_seen.html", seen_section)
