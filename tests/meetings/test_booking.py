"""Booking, changing and cancelling meetings: transitions and the checks a booking must pass."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from accord.cases import services as case_services
from accord.cases.choices import PartyRole, Route
from accord.cases.states import CaseState, IllegalTransition
from accord.meetings import services
from accord.meetings.errors import MeetingError, NeedsConfirmation
from accord.meetings.models import Attendee, Meeting, MeetingFormat, MeetingKind
from accord.organisations.roles import Role
from accord.rules import date_in_england
from tests.factories import MembershipFactory
from tests.meetings.conftest import MEETING_DAY, add_party, at, details, la_officer, make_case


def test_booking_the_mediation_meeting_moves_arranging_to_meeting_booked(world, case):
    officer = la_officer(world, case)
    family = case.parties.get(is_enquirer=True)
    meeting = services.book_meeting(
        case,
        details(world),
        attendees=[family, officer],
        notice_sent_on=date(2026, 3, 27),
        by=world.user(Role.COORDINATOR),
    )
    case.refresh_from_db()
    assert case.state == CaseState.MEETING_BOOKED
    assert case.mediator == world.user(Role.MEDIATOR)
    assert meeting.sequence == 0
    assert meeting.notice_sent_on == date(2026, 3, 27)
    assert {a.party for a in meeting.attendees.all()} == {family, officer}
    assert case.timeline.filter(kind="meeting_booked").exists()


def test_the_version_check_refuses_a_stale_form(world, case):
    with pytest.raises(case_services.ConcurrentEdit):
        services.book_meeting(
            case, details(world), expected_version=case.version - 1, by=world.user(Role.COORDINATOR)
        )
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("stop_at", ["enquiry", "triaged"])
def test_booking_the_meeting_before_arranging_is_an_illegal_transition(world, stop_at):
    case = make_case(world, stop_at=stop_at)
    with pytest.raises(IllegalTransition):
        services.book_meeting(case, details(world), by=world.user(Role.COORDINATOR))
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("kind", [MeetingKind.PRE_MEETING, MeetingKind.TEST_RUN])
def test_pre_meetings_and_test_runs_leave_the_case_arranging(world, case, kind):
    services.book_meeting(
        case, details(world, kind=kind, mediator=None), by=world.user(Role.COORDINATOR)
    )
    case.refresh_from_db()
    assert case.state == CaseState.ARRANGING


def test_a_pre_meeting_is_only_booked_while_arranging(world):
    case = make_case(world, stop_at="triaged")
    with pytest.raises(MeetingError, match="while arranging"):
        services.book_meeting(
            case, details(world, kind=MeetingKind.PRE_MEETING), by=world.user(Role.COORDINATOR)
        )


def test_cancelling_returns_the_case_to_arranging_with_the_reason(world, case):
    coordinator = world.user(Role.COORDINATOR)
    meeting = services.book_meeting(case, details(world), by=coordinator)
    services.cancel_meeting(meeting, "The LA officer is ill.", by=coordinator)
    case.refresh_from_db()
    meeting.refresh_from_db()
    assert case.state == CaseState.ARRANGING
    assert meeting.cancelled_at is not None
    assert meeting.cancel_reason == "The LA officer is ill."
    assert meeting.sequence == 1
    assert "The LA officer is ill." in case.timeline.get(kind="main_meeting_cancelled").summary


def test_cancelling_needs_a_reason_and_happens_once(world, case):
    coordinator = world.user(Role.COORDINATOR)
    meeting = services.book_meeting(case, details(world), by=coordinator)
    with pytest.raises(MeetingError, match="reason"):
        services.cancel_meeting(meeting, "  ", by=coordinator)
    services.cancel_meeting(meeting, "Family asked to move it.", by=coordinator)
    with pytest.raises(MeetingError, match="already cancelled"):
        services.cancel_meeting(meeting, "Again", by=coordinator)


def test_cancelling_a_pre_meeting_does_not_move_the_case(world, case):
    coordinator = world.user(Role.COORDINATOR)
    services.book_meeting(case, details(world), by=coordinator)
    pre = services.book_meeting(
        case,
        details(
            world,
            kind=MeetingKind.PRE_MEETING,
            starts_at=at(date(2026, 4, 1), 10),
            ends_at=at(date(2026, 4, 1), 11),
        ),
        by=coordinator,
    )
    services.cancel_meeting(pre, "Not needed", by=coordinator)
    case.refresh_from_db()
    assert case.state == CaseState.MEETING_BOOKED
    # A pre-meeting's cancellation stays with the service and the officers, as its booking does.
    cancelled = case.timeline.get(kind="meeting_cancelled")
    assert cancelled.visible_to_officers and not cancelled.visible_to_family
    assert not case.timeline.filter(kind="main_meeting_cancelled").exists()


def test_cancelling_an_illegal_transition_is_refused_after_the_outcome(world, case):
    coordinator = world.user(Role.COORDINATOR)
    meeting = services.book_meeting(case, details(world), by=coordinator)
    case_services.record_outcome(case, "full", MEETING_DAY, by=coordinator)
    with pytest.raises(IllegalTransition):
        services.cancel_meeting(meeting, "Too late", by=coordinator)


def test_changing_bumps_the_sequence_and_asks_for_fresh_notice(world, case):
    coordinator = world.user(Role.COORDINATOR)
    meeting = services.book_meeting(
        case, details(world), notice_sent_on=date(2026, 3, 27), by=coordinator
    )
    moved = details(world, starts_at=at(date(2026, 4, 9), 10), ends_at=at(date(2026, 4, 9), 14))
    services.change_meeting(meeting, moved, by=coordinator)
    meeting.refresh_from_db()
    assert meeting.sequence == 1
    assert meeting.starts_at == at(date(2026, 4, 9), 10)
    assert meeting.notice_sent_on is None  # the family must be told the new date
    event = case.timeline.get(kind="meeting_changed")
    assert "starts_at" in event.changes


def test_changing_nothing_is_refused(world, case):
    coordinator = world.user(Role.COORDINATOR)
    meeting = services.book_meeting(case, details(world), by=coordinator)
    with pytest.raises(MeetingError, match="Nothing has changed"):
        services.change_meeting(meeting, details(world), by=coordinator)


# --- a mediator is never double-booked ------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "clash"),
    [
        ((10, 0), (15, 0), True),  # the same slot
        ((11, 0), (12, 0), True),  # inside it
        ((8, 0), (10, 30), True),  # overlapping the start
        ((14, 30), (17, 0), True),  # overlapping the end
        ((9, 0), (16, 0), True),  # around it
        ((7, 0), (10, 0), False),  # ends as the other starts
        ((15, 0), (17, 0), False),  # starts as the other ends
    ],
)
def test_the_same_mediator_cannot_be_in_two_meetings_at_once(world, start, end, clash):
    coordinator = world.user(Role.COORDINATOR)
    first_case = make_case(world)
    services.book_meeting(first_case, details(world), by=coordinator)
    other_case = make_case(world, child_last_name="Other")
    slot = details(
        world,
        kind=MeetingKind.PRE_MEETING,
        starts_at=at(MEETING_DAY, *start),
        ends_at=at(MEETING_DAY, *end),
    )
    if clash:
        with pytest.raises(MeetingError, match="already booked from 10:00 to 15:00"):
            services.book_meeting(other_case, slot, by=coordinator)
        assert Meeting.objects.count() == 1
    else:
        services.book_meeting(other_case, slot, by=coordinator)
        assert Meeting.objects.count() == 2


def test_a_cancelled_meeting_does_not_block_the_slot(world):
    coordinator = world.user(Role.COORDINATOR)
    first = services.book_meeting(make_case(world), details(world), by=coordinator)
    services.cancel_meeting(first, "Moved", by=coordinator)
    services.book_meeting(make_case(world, child_last_name="Other"), details(world), by=coordinator)
    assert Meeting.objects.filter(cancelled_at__isnull=True).count() == 1


def test_another_mediator_may_take_the_same_slot(world):
    coordinator = world.user(Role.COORDINATOR)
    services.book_meeting(make_case(world), details(world), by=coordinator)
    second_mediator = MembershipFactory(provider=world.provider, role=Role.MEDIATOR).user
    services.book_meeting(
        make_case(world, child_last_name="Other"),
        details(world, mediator=second_mediator),
        by=coordinator,
    )
    assert Meeting.objects.count() == 2


def test_changing_a_meeting_does_not_clash_with_itself(world, case):
    coordinator = world.user(Role.COORDINATOR)
    meeting = services.book_meeting(case, details(world), by=coordinator)
    longer = details(world, ends_at=at(MEETING_DAY, 16))
    services.change_meeting(meeting, longer, by=coordinator)
    meeting.refresh_from_db()
    assert meeting.ends_at == at(MEETING_DAY, 16)


def test_moving_a_meeting_onto_another_is_refused(world):
    coordinator = world.user(Role.COORDINATOR)
    services.book_meeting(make_case(world), details(world), by=coordinator)
    other = services.book_meeting(
        make_case(world, child_last_name="Other"),
        details(world, starts_at=at(MEETING_DAY, 15), ends_at=at(MEETING_DAY, 18)),
        by=coordinator,
    )
    with pytest.raises(MeetingError, match="already booked"):
        services.change_meeting(other, details(world, ends_at=at(MEETING_DAY, 14)), by=coordinator)
    other.refresh_from_db()
    assert other.sequence == 0


# --- the mediator: a mediator of the provider, independent of the LA -----------------------


def test_a_mediator_employed_by_the_cases_la_is_refused(world, case):
    membership = world.members[Role.MEDIATOR]
    membership.employed_by_local_authority = world.la
    membership.save()
    with pytest.raises(MeetingError, match="employed by Kent County Council"):
        services.book_meeting(case, details(world), by=world.user(Role.COORDINATOR))
    case.refresh_from_db()
    assert case.state == CaseState.ARRANGING


def test_a_mediator_employed_by_another_la_may_mediate(world, case):
    membership = world.members[Role.MEDIATOR]
    membership.employed_by_local_authority = world.other_la
    membership.save()
    meeting = services.book_meeting(case, details(world), by=world.user(Role.COORDINATOR))
    case.refresh_from_db()
    assert meeting.mediator == membership.user
    assert case.mediator == membership.user
    assert case.state == CaseState.MEETING_BOOKED


def test_the_mediator_must_hold_the_mediator_role(world, case):
    with pytest.raises(MeetingError, match="is not a mediator"):
        services.book_meeting(
            case, details(world, mediator=world.user(Role.ADVISER)), by=world.user(Role.COORDINATOR)
        )


def test_the_mediation_meeting_needs_a_mediator(world, case):
    with pytest.raises(MeetingError, match="Choose the mediator"):
        services.book_meeting(case, details(world, mediator=None), by=world.user(Role.COORDINATOR))


# --- where and when ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("format", "venue", "link", "error"),
    [
        (MeetingFormat.ONLINE, "", "", "needs the link"),
        (MeetingFormat.IN_PERSON, "", "", "needs the venue"),
        (MeetingFormat.HYBRID, "Town Hall", "", "needs the link"),
        (MeetingFormat.HYBRID, "", "https://meet.example.com/x", "needs the venue"),
        (MeetingFormat.IN_PERSON, "Town Hall, Maidstone", "", None),
        (MeetingFormat.PHONE, "", "", None),
    ],
)
def test_online_needs_a_link_and_in_person_a_venue(world, case, format, venue, link, error):
    slot = details(world, format=format, venue=venue, online_link=link)
    if error:
        with pytest.raises(MeetingError, match=error):
            services.book_meeting(case, slot, by=world.user(Role.COORDINATOR))
    else:
        services.book_meeting(case, slot, by=world.user(Role.COORDINATOR))


def test_the_meeting_must_end_after_it_starts(world, case):
    slot = details(world, ends_at=at(MEETING_DAY, 9))
    with pytest.raises(MeetingError, match="end after it starts"):
        services.book_meeting(case, slot, by=world.user(Role.COORDINATOR))


def test_the_kind_must_fit_the_route(world, case):
    with pytest.raises(MeetingError, match="disagreement resolution meeting"):
        services.book_meeting(
            case,
            details(world, kind=MeetingKind.DISAGREEMENT_RESOLUTION),
            by=world.user(Role.COORDINATOR),
        )


def test_attendees_must_be_people_on_the_case(world, case):
    stranger = make_case(world, child_last_name="Other").parties.get()
    with pytest.raises(MeetingError, match="people on this case"):
        services.book_meeting(
            case, details(world), attendees=[stranger], by=world.user(Role.COORDINATOR)
        )


@pytest.mark.parametrize(
    ("notice", "error"),
    [
        (date(2026, 4, 8), "after the meeting"),  # the day after the meeting
        (date(2026, 4, 7), None),  # on the day, with the family's agreement, can be enough
    ],
)
def test_notice_dated_after_the_meeting_is_refused(world, case, notice, error):
    book = lambda: services.book_meeting(  # noqa: E731
        case, details(world), notice_sent_on=notice, by=world.user(Role.COORDINATOR)
    )
    if error:
        with pytest.raises(MeetingError, match=error):
            book()
        assert not Meeting.objects.exists()
    else:
        assert book().notice_sent_on == notice


# --- the 30-day clock (SEND Regs regs 35-37) -------------------------------------------------


def test_a_meeting_on_the_last_day_needs_no_confirmation(world, case):
    # LA told 20 March 2026: 30 days later is 19 April 2026 (rules.mediation_due).
    last_day = date(2026, 4, 19)
    slot = details(world, starts_at=at(last_day, 10), ends_at=at(last_day, 15))
    meeting = services.book_meeting(case, slot, by=world.user(Role.COORDINATOR))
    case.refresh_from_db()
    assert case.state == CaseState.MEETING_BOOKED
    assert date_in_england(meeting.starts_at) == last_day
    assert not case.timeline.filter(kind="meeting_after_deadline").exists()


def test_a_meeting_after_the_30_days_needs_an_explicit_confirmation(world, case):
    late = date(2026, 4, 20)
    slot = details(world, starts_at=at(late, 10), ends_at=at(late, 15))
    with pytest.raises(NeedsConfirmation, match="after 19 April 2026"):
        services.book_meeting(case, slot, by=world.user(Role.COORDINATOR))
    assert not Meeting.objects.exists()
    services.book_meeting(case, slot, confirm_after_deadline=True, by=world.user(Role.COORDINATOR))
    assert case.timeline.filter(kind="meeting_after_deadline").exists()


# --- disagreement resolution is voluntary (CoP 11.6) ----------------------------------------


def dr_details(world):
    return details(world, kind=MeetingKind.DISAGREEMENT_RESOLUTION)


def test_dr_needs_the_other_party_on_the_case(world):
    case = make_case(world, route=Route.DISAGREEMENT_RESOLUTION)
    with pytest.raises(MeetingError, match="Add the other party"):
        services.book_meeting(case, dr_details(world), by=world.user(Role.COORDINATOR))


@pytest.mark.parametrize("consents", [None, False])
def test_dr_is_refused_until_every_la_icb_or_school_party_agrees(world, consents):
    case = make_case(world, route=Route.DISAGREEMENT_RESOLUTION)
    coordinator = world.user(Role.COORDINATOR)
    school = add_party(world, case, PartyRole.SCHOOL_STAFF, "Head of Oak School")
    la = add_party(world, case, PartyRole.LA_OFFICER, "Pat Officer")
    case_services.record_dr_consent(la, True, case.dr_started_on, by=coordinator)
    if consents is not None:
        case_services.record_dr_consent(school, consents, case.dr_started_on, by=coordinator)
    with pytest.raises(MeetingError, match="Head of Oak School agreed to take part"):
        services.book_meeting(case, dr_details(world), by=coordinator)


def test_dr_is_booked_once_everyone_agrees(world):
    case = make_case(world, route=Route.DISAGREEMENT_RESOLUTION)
    coordinator = world.user(Role.COORDINATOR)
    school = add_party(world, case, PartyRole.SCHOOL_STAFF, "Head of Oak School")
    case_services.record_dr_consent(school, True, case.dr_started_on, by=coordinator)
    services.book_meeting(case, dr_details(world), by=coordinator)
    case.refresh_from_db()
    assert case.state == CaseState.MEETING_BOOKED


# --- attendees and replies ------------------------------------------------------------------


def test_attendees_can_be_changed_keeping_replies_of_those_who_stay(world, case):
    coordinator = world.user(Role.COORDINATOR)
    family = case.parties.get(is_enquirer=True)
    officer = la_officer(world, case)
    meeting = services.book_meeting(case, details(world), attendees=[family], by=coordinator)
    attendee = meeting.attendees.get()
    services.record_replies(meeting, {attendee.pk: "confirmed"}, by=coordinator)
    services.set_attendees(meeting, [family, officer], by=coordinator)
    assert meeting.attendees.get(party=family).reply == "confirmed"
    assert meeting.attendees.get(party=officer).reply == "awaiting"
    services.set_attendees(meeting, [officer], by=coordinator)
    assert list(meeting.attendees.values_list("party", flat=True)) == [officer.pk]


def test_replies_and_attendance_are_recorded(world, case, mediator):
    coordinator = world.user(Role.COORDINATOR)
    family = case.parties.get(is_enquirer=True)
    officer = la_officer(world, case)
    meeting = services.book_meeting(
        case, details(world), attendees=[family, officer], by=coordinator
    )
    a_family = meeting.attendees.get(party=family)
    a_officer = meeting.attendees.get(party=officer)
    services.record_replies(
        meeting, {a_family.pk: "confirmed", a_officer.pk: "declined"}, by=mediator
    )
    a_family.refresh_from_db()
    a_officer.refresh_from_db()
    assert (a_family.reply, a_officer.reply) == ("confirmed", "declined")
    assert a_family.confirmed_at is not None
    services.record_attendance(meeting, {a_family.pk: True}, by=mediator)
    assert Attendee.objects.get(pk=a_family.pk).attended is True
    assert case.timeline.filter(kind="meeting_replies").count() == 2


def test_change_of_a_cancelled_meeting_is_refused(world, case):
    coordinator = world.user(Role.COORDINATOR)
    meeting = services.book_meeting(case, details(world), by=coordinator)
    services.cancel_meeting(meeting, "No longer needed", by=coordinator)
    with pytest.raises(MeetingError, match="cancelled"):
        services.change_meeting(
            meeting, details(world, ends_at=at(MEETING_DAY, 16)), by=coordinator
        )
    assert timezone.localtime(meeting.ends_at).hour == 15
