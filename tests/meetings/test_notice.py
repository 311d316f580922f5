"""Notice of the mediation meeting to the family.

The rule (rules.md; SEND Regs, mediation cross-heading, cited by the rules engine as
`rules.Clock.MEETING_NOTICE` - see docs/rules-sources.md): the family must be told the date and
place at least 5 working days before the mediation, unless they agree to a shorter period.
Counted back from the meeting day, which is not counted; weekends and England's bank holidays
(SEND Regs reg 2(1), "working day") are skipped.
"""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from accord.meetings import services
from accord.meetings.errors import MeetingError
from accord.meetings.forms import london
from accord.meetings.models import Meeting, MeetingKind
from accord.meetings.notice import notice_citation, notice_status
from accord.organisations.roles import Role
from tests.meetings.conftest import details

# (meeting day, last day notice can be sent, why)
LATEST_NOTICE = [
    # Friday meeting: back over one weekend to the Friday before.
    (date(2026, 6, 12), date(2026, 6, 5), "Mon 8-Thu 11 June, then Fri 5 June"),
    # Tuesday after Easter: Easter Monday 6 April and Good Friday 3 April are bank holidays.
    (date(2026, 4, 7), date(2026, 3, 27), "skips Easter Monday, the weekend and Good Friday"),
    # Monday 5 January 2026: 1 January, 26 December (Friday) and 25 December are not working days.
    (date(2026, 1, 5), date(2025, 12, 24), "skips New Year's Day, Boxing Day and Christmas"),
    # Tuesday 26 May 2026: the Spring bank holiday, Monday 25 May, is skipped.
    (date(2026, 5, 26), date(2026, 5, 18), "skips the Spring bank holiday"),
]


def meeting_on(day: date, **fields) -> Meeting:
    """An unsaved meeting: notice_status needs only its kind, date and notice fields."""
    return Meeting(
        kind=fields.pop("kind", MeetingKind.MEDIATION),
        starts_at=london(day, time(10)),
        ends_at=london(day, time(15)),
        **fields,
    )


@pytest.mark.parametrize(("meeting_day", "latest", "why"), LATEST_NOTICE)
def test_last_day_for_notice_skips_weekends_and_bank_holidays(meeting_day, latest, why):
    on_time = notice_status(meeting_on(meeting_day, notice_sent_on=latest), latest)
    assert on_time.state == "sufficient", why
    assert on_time.latest == latest
    day_late = latest + timedelta(days=1)
    late = notice_status(meeting_on(meeting_day, notice_sent_on=day_late), day_late)
    assert late.state == "too_short", why


def test_notice_sent_on_the_weekend_before_a_friday_meeting_is_too_short():
    # Saturday 6 June 2026 leaves only Monday to Thursday: four working days.
    status = notice_status(
        meeting_on(date(2026, 6, 12), notice_sent_on=date(2026, 6, 6)), date(2026, 6, 6)
    )
    assert status.state == "too_short"
    assert "had to be sent by 5 June 2026" in status.message


def test_the_familys_agreement_makes_shorter_notice_enough():
    meeting = meeting_on(
        date(2026, 4, 7),
        notice_sent_on=date(2026, 4, 1),
        family_agreed_shorter_notice=True,
        family_agreed_shorter_notice_note="Agreed by phone on 1 April.",
    )
    assert notice_status(meeting, date(2026, 4, 1)).state == "agreed_shorter"


@pytest.mark.parametrize(
    ("today", "state"),
    [(date(2026, 3, 27), "due"), (date(2026, 3, 30), "overdue")],
)
def test_notice_not_yet_sent_is_due_then_overdue(today, state):
    status = notice_status(meeting_on(date(2026, 4, 7)), today)
    assert status.state == state
    assert "27 March 2026" in status.message


def test_the_status_cites_the_rules_engine_and_explains_the_count():
    status = notice_status(meeting_on(date(2026, 4, 7)), date(2026, 3, 1))
    assert status.citation == notice_citation()
    assert status.citation.startswith("SEND Regs")
    assert any("Easter Monday" in step or "bank holiday" in step.lower() for step in status.steps)


def test_pre_meetings_and_dr_meetings_have_no_statutory_notice():
    for kind in (MeetingKind.PRE_MEETING, MeetingKind.DISAGREEMENT_RESOLUTION):
        assert notice_status(meeting_on(date(2026, 4, 7), kind=kind), date(2026, 4, 1)).state == (
            "not_required"
        )


# --- recording notice -----------------------------------------------------------------------


def test_recording_notice_with_the_familys_agreement_needs_a_note(world, case):
    coordinator = world.user(Role.COORDINATOR)
    meeting = services.book_meeting(case, details(world), notify=False, by=coordinator)
    with pytest.raises(MeetingError, match="how and when the family agreed"):
        services.record_notice(
            meeting, notice_sent_on=date(2026, 4, 2), family_agreed_shorter=True, by=coordinator
        )
    services.record_notice(
        meeting,
        notice_sent_on=date(2026, 4, 2),
        family_agreed_shorter=True,
        note="Mum agreed by phone on 2 April.",
        by=coordinator,
    )
    meeting.refresh_from_db()
    assert meeting.family_agreed_shorter_notice_note == "Mum agreed by phone on 2 April."
    assert notice_status(meeting, date(2026, 4, 2)).state == "agreed_shorter"
    assert "shorter notice" in case.timeline.get(kind="meeting_notice").summary


@pytest.mark.parametrize("sent", [date(2026, 4, 8), date(2026, 5, 1)])
def test_notice_dated_after_the_meeting_is_refused(world, case, sent):
    coordinator = world.user(Role.COORDINATOR)
    meeting = services.book_meeting(case, details(world), notify=False, by=coordinator)
    with pytest.raises(MeetingError, match="after the meeting"):
        services.record_notice(meeting, notice_sent_on=sent, by=coordinator)
    meeting.refresh_from_db()
    assert meeting.notice_sent_on is None


def test_notice_dated_before_the_case_began_is_refused_when_booking_and_after(world, case):
    coordinator = world.user(Role.COORDINATOR)
    before = case.received_on - timedelta(days=1)
    with pytest.raises(MeetingError, match="before the case began"):
        services.book_meeting(
            case, details(world), notice_sent_on=before, notify=False, by=coordinator
        )
    assert not case.meetings.exists()
    meeting = services.book_meeting(case, details(world), notify=False, by=coordinator)
    with pytest.raises(MeetingError, match="before the case began"):
        services.record_notice(meeting, notice_sent_on=before, by=coordinator)
    meeting.refresh_from_db()
    assert meeting.notice_sent_on is None
    services.record_notice(meeting, notice_sent_on=case.received_on, by=coordinator)
    meeting.refresh_from_db()
    assert meeting.notice_sent_on == case.received_on
