"""The "Appeal to the tribunal" section of the case page (registered in ReportsConfig)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from accord.cases.choices import MEDIATION_ROUTES
from accord.cases.models import Case
from accord.organisations.models import Membership
from accord.organisations.roles import STAFF


def appeal_section(request: HttpRequest, case: Case, membership: Membership) -> dict[str, Any]:
    shown = bool(case.appeal_lodged_on) or case.route in MEDIATION_ROUTES
    return {
        "shown": shown,
        "appeal_lodged_on": case.appeal_lodged_on,
        "may_record": membership.role_enum in STAFF,
    }


SECTION = ("reports/case_appeal.html", appeal_section)
