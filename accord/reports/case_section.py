"""The "Appeals to the tribunal" section of the case page (registered in ReportsConfig): each
appeal recorded, with the decision appealed, for the SEN2 return."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from accord.cases.choices import MEDIATION_ROUTES
from accord.cases.models import Case
from accord.organisations.models import Membership
from accord.organisations.roles import STAFF


def appeal_section(request: HttpRequest, case: Case, membership: Membership) -> dict[str, Any]:
    # Read only when the case has any (Case.appeals_recorded): most cases have none.
    appeals = list(case.appeals.all()) if case.appeals_recorded else []
    return {
        "shown": bool(appeals) or case.route in MEDIATION_ROUTES,
        "appeals": appeals,
        "may_record": membership.role_enum in STAFF,
    }


SECTION = ("reports/case_appeal.html", appeal_section)
