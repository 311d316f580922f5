"""The meetings section of the case page: information and advice calls and meetings."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef
from django.http import HttpRequest

from accord.cases.models import Case
from accord.cases.selectors import case_page_flag
from accord.cases.states import CaseState, Transition, allowed_transitions
from accord.meetings import selectors
from accord.meetings.dr_consent import parties_yet_to_agree_to_dr
from accord.meetings.models import Meeting, MeetingKind, MiasCall, ProposalRound, RoundState
from accord.organisations.models import Membership
from accord.organisations.roles import CASEWORKERS, STAFF, Role
from accord.rules import today_in_england

ARRANGING_STATES = (CaseState.ARRANGING, CaseState.MEETING_BOOKED)


def case_section(request: HttpRequest, case: Case, membership: Membership) -> dict[str, Any]:
    today = today_in_england()
    role = membership.role_enum
    transitions = allowed_transitions(CaseState(case.state))
    is_dr = case.route == "disagreement_resolution"
    arranging = case.state in ARRANGING_STATES
    # Each read only when the case has any (CASE_PAGE_FLAGS, asked with the case).
    meetings = (
        selectors.meeting_views(membership, case, today)
        if case_page_flag(case, "has_meetings")
        else []
    )
    mias_calls = (
        list(selectors.mias_calls_for(membership, case))
        if case_page_flag(case, "has_mias_calls")
        else []
    )
    may_book_mias = role in STAFF and not is_dr and Transition.BOOK_MIAS in transitions
    may_hold_mias = role in STAFF and not is_dr and Transition.HOLD_MIAS in transitions
    awaiting_choice = case.state == CaseState.AWAITING_DECISION and role in STAFF
    return {
        "meetings": meetings,
        "mias_calls": mias_calls,
        "show_mias": bool(mias_calls) or may_book_mias or may_hold_mias or awaiting_choice,
        "can_book": role in STAFF,
        "can_record_replies": role in STAFF or role == Role.MEDIATOR,
        "sees_mias": role in CASEWORKERS,
        "may_book_mias": may_book_mias,
        "may_hold_mias": may_hold_mias,
        "awaiting_choice": awaiting_choice,
        "may_book_meeting": role in STAFF and case.state in ARRANGING_STATES,
        "main_meeting_booked": any(v.meeting.is_main and v.meeting.is_active for v in meetings),
        "main_kind": MeetingKind.DISAGREEMENT_RESOLUTION if is_dr else MeetingKind.MEDIATION,
        "last_day": selectors.last_day_for_mediation(case),
        "dr_waiting_for": parties_yet_to_agree_to_dr(case) if is_dr else [],
        # The scheduling assistant: whether the signed-in officer or mediator has times of
        # their own to answer (who has answered is on the assistant's page: the case page
        # keeps its query budget).
        "my_times": selectors.responder_for(membership, case)
        if arranging and case_page_flag(case, "has_open_round")
        else None,
    }


# Whether the case has rows the section reads, asked with the case (registered in
# MeetingsConfig.ready with accord.cases.selectors.add_case_page_flag).
CASE_PAGE_FLAGS = {
    "has_meetings": Exists(Meeting.objects.filter(case_id=OuterRef("pk"))),
    "has_mias_calls": Exists(MiasCall.objects.filter(case_id=OuterRef("pk"))),
    "has_open_round": Exists(
        ProposalRound.objects.filter(case_id=OuterRef("pk"), state=RoundState.OPEN)
    ),
}


SECTION = ("meetings/case_section.html", case_section)
