"""The 'Feedback' section of the staff case page (registered in FamilyConfig.ready()).

Service staff see each party's scores and comments and can ask every party for feedback once
the case is closed. Officers of the LA or ICB never see it: parties' comments may be about them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Avg
from django.http import HttpRequest

from accord.cases.models import Case
from accord.cases.states import CaseState
from accord.family.models import Feedback
from accord.organisations.models import Membership
from accord.organisations.roles import STAFF

TEMPLATE = "family/case_section.html"


def feedback_section(request: HttpRequest, case: Case, membership: Membership) -> dict[str, Any]:
    if membership.role_enum not in STAFF:
        return {"show_feedback": False}
    received = list(Feedback.objects.filter(case=case).select_related("party"))
    averages = Feedback.objects.filter(case=case).aggregate(
        satisfied=Avg("satisfied"),
        listened_to=Avg("listened_to"),
        would_recommend=Avg("would_recommend"),
    )
    return {
        "show_feedback": True,
        "feedback_received": received,
        "feedback_averages": averages,
        "can_request_feedback": case.state == CaseState.CLOSED,
        "feedback_requested": case.timeline.filter(kind="feedback_requested").exists(),
    }
