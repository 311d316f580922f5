"""Calendar files read back with icalendar: identity, updates, times, and no child's name."""

from __future__ import annotations

from datetime import date

import pytest
from icalendar import Calendar

from accord.meetings import ics, services
from accord.meetings.models import MeetingFormat
from accord.organisations.roles import Role
from tests.meetings.conftest import CHILD_FIRST, CHILD_LAST, at, details, la_officer


def parse(data: bytes):
    calendar = Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


@pytest.fixture
def meeting(world, case):
    officer = la_officer(world, case)
    family = case.parties.get(is_enquirer=True)
    world.provider.email = "bookings@service.example"
    world.provider.phone = "01632 960000"
    world.provider.save()
    return services.book_meeting(
        case,
        details(world, test_run_offered=True),
        attendees=[family, officer],
        notify=False,
        by=world.user(Role.COORDINATOR),
    )


def test_the_calendar_file_describes_the_meeting(meeting):
    calendar, event = parse(ics.meeting_ics(meeting))
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == str(meeting.uid)
    assert event.decoded("SEQUENCE") == 0
    assert event["DTSTART"].dt == at(date(2026, 4, 7), 10)
    assert event["DTEND"].dt == at(date(2026, 4, 7), 15)
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/London"
    assert str(event["SUMMARY"]) == f"Mediation meeting — {meeting.case.reference}"
    assert str(event["LOCATION"]) == "https://meet.example.com/abc-defg-hij"
    assert str(event["STATUS"]) == "CONFIRMED"
    description = str(event["DESCRIPTION"])
    for expected in (
        "Join online: https://meet.example.com/abc-defg-hij",
        "Meeting ID: 123 456 789",
        "Passcode: sunflower",
        "test run",
        "01632 960000",
        meeting.case.reference,
    ):
        assert expected in description


def test_organizer_is_the_provider_and_each_attendee_with_email_is_invited(world, meeting):
    _, event = parse(ics.meeting_ics(meeting))
    assert str(event["ORGANIZER"]) == "mailto:bookings@service.example"
    assert event["ORGANIZER"].params["CN"] == world.provider.name
    attendees = {str(a): a.params for a in event["ATTENDEE"]}
    assert set(attendees) == {
        "mailto:jo.parent@example.com",
        "mailto:pat.officer@council.example",
        f"mailto:{world.user(Role.MEDIATOR).email}",
    }
    assert attendees["mailto:jo.parent@example.com"]["PARTSTAT"] == "NEEDS-ACTION"
    assert attendees[f"mailto:{world.user(Role.MEDIATOR).email}"]["ROLE"] == "CHAIR"


def test_a_party_without_email_is_not_an_attendee_in_the_file(world, meeting, case):
    from tests.meetings.conftest import add_party

    supporter = add_party(world, case, "supporter", "Friend Without Email")
    services.set_attendees(
        meeting,
        [*case.parties.exclude(pk=supporter.pk), supporter],
        notify=False,
        by=world.user(Role.COORDINATOR),
    )
    _, event = parse(ics.meeting_ics(meeting))
    assert len(event["ATTENDEE"]) == 3


def test_the_childs_name_is_nowhere_in_the_file(meeting):
    text = ics.meeting_ics(meeting).decode()
    unfolded = text.replace("\r\n ", "")
    assert CHILD_FIRST not in unfolded
    assert CHILD_LAST not in unfolded


def test_a_change_keeps_the_uid_and_raises_the_sequence(world, meeting):
    _, before = parse(ics.meeting_ics(meeting))
    moved = details(
        world,
        format=MeetingFormat.IN_PERSON,
        venue="Room 2, Sessions House, Maidstone",
        online_link="",
        online_meeting_id="",
        online_passcode="",
        starts_at=at(date(2026, 4, 8), 9, 30),
        ends_at=at(date(2026, 4, 8), 14),
    )
    services.change_meeting(meeting, moved, notify=False, by=world.user(Role.COORDINATOR))
    _, after = parse(ics.meeting_ics(meeting))
    assert str(after["UID"]) == str(before["UID"])
    assert after.decoded("SEQUENCE") == before.decoded("SEQUENCE") + 1 == 1
    assert after["DTSTART"].dt == at(date(2026, 4, 8), 9, 30)
    assert str(after["LOCATION"]) == "Room 2, Sessions House, Maidstone"
    assert "Passcode" not in str(after["DESCRIPTION"])


def test_a_cancelled_meeting_gives_a_cancel_file(world, meeting):
    services.cancel_meeting(meeting, "Family unwell", notify=False, by=world.user(Role.COORDINATOR))
    calendar, event = parse(ics.meeting_ics(meeting))
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == str(meeting.uid)
    assert event.decoded("SEQUENCE") == 1
    assert ics.ics_content_type(meeting).startswith("text/calendar; method=CANCEL")


def test_the_time_is_right_across_the_clock_change(world, case):
    # 30 March 2026 is in British Summer Time: 10:00 in London is 09:00 UTC.
    day = date(2026, 3, 30)
    meeting = services.book_meeting(
        case,
        details(world, starts_at=at(day, 10), ends_at=at(day, 15)),
        notify=False,
        by=world.user(Role.COORDINATOR),
    )
    _, event = parse(ics.meeting_ics(meeting))
    assert event["DTSTART"].dt.utcoffset().total_seconds() == 3600
    assert "20260330T100000" in ics.meeting_ics(meeting).decode()
