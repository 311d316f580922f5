"""A thing held cannot be in the future, nor before it began: a meeting's outcome is dated on or
after the day the meeting began and never after today (it stops the 30-day clock, SEND Regs
regs 35-37, and starts the certificate's, reg 39); who attended is recorded once it has begun."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from accord.cases import services as case_services
from accord.cases.clock_facts import clock_facts_for
from accord.cases.clocks import deadlines_for
from accord.cases.states import CaseState
from accord.meetings import services
from accord.meetings.models import Attendee
from accord.organisations.roles import Role
from tests.meetings.conftest import MEETING_DAY, at, details, la_officer

pytestmark = pytest.mark.django_db

THREE_DAYS_AFTER = at(MEETING_DAY + timedelta(days=3), 12)  # Friday 10 April 2026


@pytest.fixture
def booked(world, case):
    services.book_meeting(case, details(world), by=world.user(Role.COORDINATOR), notify=False)
    case.refresh_from_db()
    return case


def _held_clock_done(case):
    clocks = deadlines_for(case, clock_facts_for(case))
    return [d.done_on for d in clocks if d.key == "mediation_held"]


def test_an_outcome_dated_after_today_is_refused_and_nothing_is_marked_done(
    world, booked, stop_clock_at
):
    stop_clock_at(THREE_DAYS_AFTER)
    with pytest.raises(case_services.CaseError, match="today or in the past") as refused:
        case_services.record_outcome(
            booked, "full", date(2026, 4, 11), by=world.user(Role.MEDIATOR)
        )
    assert refused.value.field == "concluded_on"
    booked.refresh_from_db()
    assert booked.state == CaseState.MEETING_BOOKED
    assert booked.mediation_concluded_on is None
    assert _held_clock_done(booked) == [None]
    assert not booked.timeline.filter(kind="outcome").exists()


def test_an_outcome_dated_before_the_meeting_began_is_refused(world, booked, stop_clock_at):
    stop_clock_at(THREE_DAYS_AFTER)
    with pytest.raises(case_services.CaseError, match="on or after 7 April 2026") as refused:
        case_services.record_outcome(
            booked, "full", MEETING_DAY - timedelta(days=1), by=world.user(Role.MEDIATOR)
        )
    assert refused.value.field == "concluded_on"
    booked.refresh_from_db()
    assert booked.mediation_concluded_on is None


def test_the_outcome_of_a_meeting_still_to_come_waits_until_it_is_held(
    world, booked, stop_clock_at
):
    stop_clock_at(at(MEETING_DAY - timedelta(days=1), 12))
    with pytest.raises(case_services.CaseError, match="once it has been held"):
        case_services.record_outcome(
            booked, "full", MEETING_DAY - timedelta(days=1), by=world.user(Role.MEDIATOR)
        )


def test_an_outcome_on_or_after_the_meeting_is_recorded(world, booked, stop_clock_at):
    stop_clock_at(THREE_DAYS_AFTER)
    case_services.record_outcome(booked, "partial", MEETING_DAY, by=world.user(Role.MEDIATOR))
    booked.refresh_from_db()
    assert booked.state == CaseState.FOLLOW_UP
    assert _held_clock_done(booked) == [MEETING_DAY]


def test_a_cancelled_meeting_does_not_count_as_the_meeting_held(world, booked, stop_clock_at):
    coordinator = world.user(Role.COORDINATOR)
    first = booked.meetings.get()
    later = details(
        world,
        starts_at=at(MEETING_DAY + timedelta(days=1), 10),
        ends_at=at(MEETING_DAY + timedelta(days=1), 15),
    )
    services.book_meeting(booked, later, by=coordinator, notify=False)
    services.cancel_meeting(first, "Moved to the next day", by=coordinator, notify=False)
    stop_clock_at(THREE_DAYS_AFTER)
    with pytest.raises(case_services.CaseError, match="on or after 8 April 2026"):
        case_services.record_outcome(booked, "full", MEETING_DAY, by=coordinator)


@pytest.mark.parametrize(
    ("concluded_on", "message"),
    [
        ("2026-04-11", "The date the meeting concluded must be today or in the past."),
        ("2026-04-06", "must be on or after 7 April 2026, the day the meeting began"),
    ],
)
def test_the_outcome_form_shows_the_refusal_at_the_date(
    world, booked, client_for, stop_clock_at, concluded_on, message
):
    stop_clock_at(THREE_DAYS_AFTER)
    response = client_for(Role.MEDIATOR).post(
        reverse("cases:outcome", args=[booked.reference]),
        {"version": booked.version, "outcome": "full", "concluded_on": concluded_on},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    summary = html.split("govuk-error-summary__list")[1].split("</ul>")[0]
    assert 'href="#id_concluded_on-day"' in summary
    assert message in summary
    assert "#main-content" not in summary
    booked.refresh_from_db()
    assert booked.state == CaseState.MEETING_BOOKED


def test_attendance_cannot_be_recorded_before_the_day_of_the_meeting(world, booked, stop_clock_at):
    meeting = booked.meetings.get()
    services.set_attendees(meeting, [la_officer(world, booked)], by=world.user(Role.COORDINATOR))
    attendee = Attendee.objects.get(meeting=meeting)
    stop_clock_at(at(MEETING_DAY - timedelta(days=1), 16))
    with pytest.raises(services.MeetingError, match="record who attended once it has been held"):
        services.record_attendance(meeting, {attendee.pk: True}, by=world.user(Role.MEDIATOR))
    attendee.refresh_from_db()
    assert attendee.attended is None
    # Replies before the meeting are still recorded.
    services.record_replies(meeting, {attendee.pk: "confirmed"}, by=world.user(Role.MEDIATOR))
    stop_clock_at(at(MEETING_DAY, 11))
    services.record_attendance(meeting, {attendee.pk: True}, by=world.user(Role.MEDIATOR))
    attendee.refresh_from_db()
    assert attendee.attended is True
