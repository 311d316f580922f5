"""The 'Feedback' section of the staff case page (registered in FamilyConfig.ready()).

Service staff see each party's scores and comments and can ask every party for feedback once
the case is closed. Officers of the LA or ICB never see it: parties' comments may be about them.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef
from django.http import HttpRequest

from accord.cases.models import Case, TimelineEvent
from accord.cases.selectors import case_page_flag
from accord.cases.states import CaseState
from accord.cases.timeline import EventKind
from accord.family.models import Feedback
from accord.organisations.models import Membership
from accord.organisations.roles import STAFF

TEMPLATE = "family/case_section.html"


def feedback_section(request: HttpRequest, case: Case, membership: Membership) -> dict[str, Any]:
    if membership.role_enum not in STAFF:
        return {"show_feedback": False}
    # Feedback is asked for only after closure: a case never closed has none to read.
    ever_closed = case.state == CaseState.CLOSED or bool(case.state_before_close)
    received = (
        list(Feedback.objects.filter(case=case).select_related("party"))
        if ever_closed and case_page_flag(case, "has_feedback")
        else []
    )
    # Worked out from the rows already read: one query for the whole section.
    averages = {
        name: (sum(getattr(f, name) for f in received) / len(received)) if received else None
        for name in ("satisfied", "listened_to", "would_recommend")
    }
    closed = case.state == CaseState.CLOSED
    return {
        "show_feedback": True,
        "feedback_received": received,
        "feedback_averages": averages,
        "can_request_feedback": closed,
        "feedback_requested": closed and case_page_flag(case, "feedback_requested"),
    }


# Asked with the case (registered in FamilyConfig.ready with add_case_page_flag): whether any
# feedback has come, and whether it has been asked for.
CASE_PAGE_FLAGS = {
    "has_feedback": Exists(Feedback.objects.filter(case_id=OuterRef("pk"))),
    "feedback_requested": Exists(
        TimelineEvent.objects.filter(case_id=OuterRef("pk"), kind=EventKind.FEEDBACK_REQUESTED)
    ),
}
