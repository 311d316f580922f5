"""The "Email received" section of the case page: mail filed to the case and its files. For the
service's staff only (a reply may carry what a party has not agreed to share)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from accord.cases.models import Case
from accord.inbound.selectors import filed_to
from accord.organisations.models import Membership
from accord.organisations.roles import STAFF


def mail_section(request: HttpRequest, case: Case, membership: Membership) -> dict[str, Any]:
    if membership.role_enum not in STAFF:
        return {"case_mail": None}
    return {"case_mail": filed_to(case)}
