"""The demo data shows an information and advice call booked and a mediation meeting booked."""

from __future__ import annotations

from accord.cases.models import Case
from accord.cases.states import CaseState
from accord.demo.cases import load_demo_data
from accord.meetings.models import Meeting, MiasCall
from accord.meetings.notice import notice_status
from accord.rules import today_in_england


def test_demo_books_a_call_and_a_meeting(db):
    today = today_in_england()
    load_demo_data(today)
    call = MiasCall.objects.get(held_on__isnull=True)
    assert call.case.state == CaseState.MIAS_BOOKED
    # Other demos (documents) take further cases through past meetings; ours is the future one.
    meeting = Meeting.objects.get(case__state=CaseState.MEETING_BOOKED)
    assert meeting.starts_at.date() > today
    assert meeting.format == "online" and meeting.online_link
    assert meeting.attendees.count() >= 2
    assert meeting.attendees.filter(party__has_authority_to_settle=True).exists()
    assert notice_status(meeting, today).state == "sufficient"
    assert Case.objects.filter(state=CaseState.ARRANGING).exists()  # others still arranging
