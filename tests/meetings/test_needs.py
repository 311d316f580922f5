"""Interpreter, BSL and access needs carried to the meeting, its invitations and .ics, with a
booking per interpreter and a check before the meeting; the family's own test-run request."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from accord.cases.choices import PartyRole
from accord.meetings import arrangements, ics, needs, services
from accord.meetings.errors import MeetingError
from accord.meetings.models import Attendee, InterpreterBooking, Meeting
from accord.notifications.models import OutboxMessage
from accord.organisations.roles import Role
from tests.family.conftest import make_case as make_family_case
from tests.family.conftest import sign_in
from tests.meetings.conftest import add_party, details


def _meeting(world, case):
    family = case.parties.get(is_enquirer=True)
    family.interpreter_language = "Polish"
    family.access_needs = "Wheelchair user"
    family.save()
    deaf = add_party(
        world,
        case,
        PartyRole.SUPPORTER,
        "Sam Supporter",
        "sam@example.org",
        interpreter_language="British Sign Language",
    )
    return (
        services.book_meeting(
            case,
            details(world),
            attendees=[family, deaf],
            by=world.user(Role.COORDINATOR),
            notify=False,
        ),
        family,
        deaf,
    )


def test_each_need_is_checked_until_met(world, case, coordinator):
    meeting, family, deaf = _meeting(world, case)
    assert [n.what for n in needs.unmet(meeting)] == [
        "Interpreter: Polish",
        "Access needs: Wheelchair user",
        "Interpreter: British Sign Language",
    ]
    arrangements.book_interpreter(
        meeting, family, language="Polish", interpreter="LangLine", by=coordinator
    )
    assert "Interpreter: Polish" in [n.what for n in needs.unmet(meeting)]  # not confirmed yet
    arrangements.book_interpreter(
        meeting, family, language="Polish", interpreter="LangLine", confirmed=True, by=coordinator
    )
    arrangements.book_interpreter(
        meeting,
        deaf,
        language="British Sign Language",
        interpreter="Signs Ltd",
        confirmed=True,
        by=coordinator,
    )
    attendee = Attendee.objects.get(meeting=meeting, party=family)
    arrangements.record_access_arrangements(attendee, "Ground-floor room", by=coordinator)
    assert needs.unmet(meeting) == []
    assert InterpreterBooking.objects.filter(meeting=meeting).count() == 2


def test_the_invitation_and_calendar_carry_the_needs_but_not_who_or_why(
    world, case, coordinator, deliver_outbox
):
    meeting, family, deaf = _meeting(world, case)
    arrangements.book_interpreter(
        meeting,
        deaf,
        language="British Sign Language",
        interpreter="Signs Ltd",
        confirmed=True,
        by=coordinator,
    )
    attendee = Attendee.objects.get(meeting=meeting, party=family)
    arrangements.record_access_arrangements(attendee, "Ground-floor room", by=coordinator)
    description = ics.description(meeting)
    assert "Interpreting at the meeting: British Sign Language." in description
    assert "Access arrangements have been made" in description
    assert "Wheelchair" not in description and "Ground-floor" not in description
    services.send_meeting_invitations(meeting, "booked", by=coordinator)
    deliver_outbox()
    body = mail.outbox[-1].body
    assert "British Sign Language" in body and "Wheelchair" not in body


def test_an_interpreter_is_only_for_someone_invited(world, case, coordinator):
    meeting, _, _ = _meeting(world, case)
    officer = add_party(world, case, PartyRole.LA_OFFICER, "Pat Officer")
    with pytest.raises(MeetingError, match="invited"):
        arrangements.book_interpreter(
            meeting, officer, language="Polish", interpreter="X", by=coordinator
        )


def test_the_needs_page(world, case, client_for):
    meeting, family, _ = _meeting(world, case)
    url = reverse("meetings:needs", args=[case.reference, meeting.pk])
    client = client_for(Role.COORDINATOR)
    assert "Not met yet" in client.get(url).content.decode()
    attendee = Attendee.objects.get(meeting=meeting, party=family)
    bad = client.post(url, {"action": "interpreter", "attendee": attendee.pk, "language": ""})
    assert bad.status_code == 400 and "There is a problem" in bad.content.decode()
    # A button the page does not have saves nothing and is not shown as a problem either.
    unknown = client.post(url, {"action": "something-else", "attendee": attendee.pk})
    assert unknown.status_code == 200 and "There is a problem" not in unknown.content.decode()
    assert not meeting.interpreters.exists()
    ok = client.post(
        url,
        {
            "action": "interpreter",
            "attendee": attendee.pk,
            "language": "Polish",
            "interpreter": "LangLine",
            "confirmed": "on",
        },
    )
    assert ok.status_code == 302
    assert client_for(Role.LA_OFFICER).get(url).status_code == 403


def test_the_family_asks_for_a_test_run_themselves(world, client):
    case = make_family_case(world)
    case.provider.email = "team@provider.example"
    case.provider.save()
    family = case.parties.get(role="parent_carer")
    meeting = Meeting.objects.create(
        case=case,
        kind="mediation",
        format="online",
        online_link="https://meet.example.com/x",
        starts_at=details(world).starts_at,
        ends_at=details(world).ends_at,
    )
    Attendee.objects.create(meeting=meeting, party=family)
    sign_in(client)
    page = client.get(reverse("family:case", args=[case.reference])).content.decode()
    assert "Ask for a test run" in page
    response = client.post(reverse("family:test_run", args=[case.reference, meeting.pk]))
    assert response.status_code == 302
    assert Attendee.objects.get(meeting=meeting, party=family).wants_test_run
    message = OutboxMessage.objects.get(subject__startswith="Test run asked for")
    assert message.to == ["team@provider.example"]
    assert "Zebedee" not in message.body
