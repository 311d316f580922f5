"""The screens: who may do what, forms that keep input on error, the case-page section."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from accord.cases.states import CaseState
from accord.meetings import services
from accord.meetings.models import Attendee, Meeting, MiasCall
from accord.notifications.models import MessageKind, OutboxMessage
from accord.organisations.roles import Role
from tests.meetings.conftest import CHILD_LAST, details, la_officer, make_case


def booking_form(case, **overrides) -> dict[str, str]:
    family = case.parties.get(is_enquirer=True)
    data = {
        "version": str(case.version),
        "kind": "mediation",
        "format": "online",
        "meeting_on": "2026-04-07",
        "starts": "10:00",
        "ends": "15:00",
        "mediator": str(case.provider.memberships.get(role=Role.MEDIATOR).user_id),
        "online_link": "https://meet.example.com/abc",
        "online_meeting_id": "123",
        "online_passcode": "pass",
        "attendees": [str(family.pk)],
        "notice_sent_on": "2026-03-27",
    }
    data.update(overrides)
    return data


def test_staff_book_a_meeting_and_the_attendees_are_emailed(
    world, client_for, case, deliver_outbox
):
    deliver_outbox()  # the enquiry confirmation
    mail.outbox.clear()
    response = client_for(Role.COORDINATOR).post(
        reverse("meetings:book", args=[case.reference]), booking_form(case)
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.notice_sent_on == date(2026, 3, 27)
    case.refresh_from_db()
    assert case.state == CaseState.MEETING_BOOKED
    deliver_outbox()
    assert {m.to[0] for m in mail.outbox} == {
        "jo.parent@example.com",
        world.user(Role.MEDIATOR).email,
    }


def test_bad_input_is_shown_again_with_an_error_summary_and_nothing_is_saved(client_for, case):
    response = client_for(Role.COORDINATOR).post(
        reverse("meetings:book", args=[case.reference]),
        booking_form(case, online_link="", online_passcode="kept-passcode"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "An online meeting needs the link" in page
    assert 'value="kept-passcode"' in page  # the input is not lost
    assert not Meeting.objects.exists()
    assert not OutboxMessage.objects.filter(kind=MessageKind.MEETING_INVITATION).exists()
    assert mail.outbox == []
    case.refresh_from_db()
    assert case.state == CaseState.ARRANGING


def test_field_errors_come_back_with_status_400(client_for, case):
    response = client_for(Role.COORDINATOR).post(
        reverse("meetings:book", args=[case.reference]),
        booking_form(case, ends="09:00", meeting_on="not a date"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The end time must be after the start time." in page
    assert "govuk-error-summary" in page


def test_a_date_after_the_30_days_asks_for_confirmation_first(client_for, case):
    url = reverse("meetings:book", args=[case.reference])
    client = client_for(Role.COORDINATOR)
    late = booking_form(case, meeting_on="2026-04-20", notice_sent_on="")
    first = client.post(url, late)
    assert first.status_code == 400
    assert "after 19 April 2026" in first.content.decode()
    assert 'name="confirm_after_deadline"' in first.content.decode()
    assert not Meeting.objects.exists()
    second = client.post(url, {**late, "confirm_after_deadline": "on"})
    assert second.status_code == 302
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize("role", [Role.LA_OFFICER, Role.ICB_OFFICER, Role.MEDIATOR])
def test_officers_and_mediators_cannot_book(world, client_for, case, role):
    url = reverse("meetings:book", args=[case.reference])
    assert client_for(role).post(url, booking_form(case)).status_code == 403
    assert not Meeting.objects.exists()


@pytest.fixture
def booked(world, case, deliver_outbox):
    officer = la_officer(world, case)
    family = case.parties.get(is_enquirer=True)
    meeting = services.book_meeting(
        case, details(world), attendees=[family, officer], by=world.user(Role.COORDINATOR)
    )
    deliver_outbox()
    mail.outbox.clear()
    return meeting


@pytest.mark.parametrize("name", ["change", "cancel", "notice", "attendees", "replies"])
def test_every_meeting_page_opens_for_staff(client_for, booked, name):
    url = reverse(f"meetings:{name}", args=[booked.case.reference, booked.pk])
    response = client_for(Role.COORDINATOR).get(url)
    assert response.status_code == 200
    assert booked.case.reference in response.content.decode()


def test_the_booking_page_shows_the_last_day_for_mediation(client_for, case):
    response = client_for(Role.COORDINATOR).get(reverse("meetings:book", args=[case.reference]))
    assert response.status_code == 200
    assert "Sunday 19 April 2026" in response.content.decode()


@pytest.mark.parametrize("name", ["change", "cancel", "notice", "attendees"])
def test_an_la_officer_cannot_change_a_meeting(client_for, booked, name):
    url = reverse(f"meetings:{name}", args=[booked.case.reference, booked.pk])
    assert client_for(Role.LA_OFFICER).get(url).status_code == 403
    assert client_for(Role.LA_OFFICER).post(url, {"reason": "x"}).status_code == 403


def test_an_la_officer_sees_the_meeting_and_downloads_the_calendar_file(client_for, booked):
    client = client_for(Role.LA_OFFICER)
    page = client.get(booked.case.get_absolute_url()).content.decode()
    assert "Tuesday 7 April 2026" in page
    assert reverse("meetings:calendar", args=[booked.case.reference, booked.pk]) in page
    assert reverse("meetings:change", args=[booked.case.reference, booked.pk]) not in page
    assert "Information and advice" not in page
    response = client.get(reverse("meetings:calendar", args=[booked.case.reference, booked.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in response.content
    assert CHILD_LAST.encode() not in response.content


def test_another_providers_staff_get_404(world, booked):
    from django.test import Client

    client = Client()
    client.force_login(world.stranger.user)
    for url in (
        reverse("meetings:calendar", args=[booked.case.reference, booked.pk]),
        reverse("meetings:book", args=[booked.case.reference]),
        reverse("meetings:change", args=[booked.case.reference, booked.pk]),
        reverse("meetings:book_mias", args=[booked.case.reference]),
    ):
        assert client.get(url).status_code == 404


def test_an_officer_of_another_la_gets_404(world, client_for):
    case = make_case(world)
    case.local_authority = world.other_la
    case.save()
    meeting = services.book_meeting(
        case, details(world), notify=False, by=world.user(Role.COORDINATOR)
    )
    url = reverse("meetings:calendar", args=[case.reference, meeting.pk])
    assert client_for(Role.LA_OFFICER).get(url).status_code == 404


def test_the_cases_mediator_records_replies(world, client_for, booked):
    family = booked.attendees.get(party__is_enquirer=True)
    officer = booked.attendees.exclude(pk=family.pk).get()
    url = reverse("meetings:replies", args=[booked.case.reference, booked.pk])
    client = client_for(Role.MEDIATOR)
    assert client.get(url).status_code == 200
    response = client.post(
        url, {f"reply_{family.pk}": "confirmed", f"reply_{officer.pk}": "declined"}
    )
    assert response.status_code == 302
    assert Attendee.objects.get(pk=family.pk).reply == "confirmed"
    assert Attendee.objects.get(pk=officer.pk).reply == "declined"


def test_a_mediator_of_another_case_cannot_see_it(world, client_for, booked):
    from tests.factories import MembershipFactory

    other = MembershipFactory(provider=world.provider, role=Role.MEDIATOR)
    from django.test import Client

    client = Client()
    client.force_login(other.user)
    url = reverse("meetings:replies", args=[booked.case.reference, booked.pk])
    assert client.get(url).status_code == 404


def test_staff_cancel_with_a_reason(client_for, booked, deliver_outbox):
    url = reverse("meetings:cancel", args=[booked.case.reference, booked.pk])
    client = client_for(Role.COORDINATOR)
    empty = client.post(url, {"version": booked.case.version, "reason": ""})
    assert empty.status_code == 400
    booked.case.refresh_from_db()
    done = client.post(url, {"version": booked.case.version, "reason": "Family unwell"})
    assert done.status_code == 302
    booked.refresh_from_db()
    assert booked.cancelled_at is not None
    deliver_outbox()
    assert len(mail.outbox) == 3


def test_staff_record_notice_and_refuse_a_date_after_the_meeting(client_for, booked):
    url = reverse("meetings:notice", args=[booked.case.reference, booked.pk])
    client = client_for(Role.COORDINATOR)
    bad = client.post(url, {"version": booked.case.version, "notice_sent_on": "2026-04-08"})
    assert bad.status_code == 400
    assert "after the meeting" in bad.content.decode()
    good = client.post(url, {"version": booked.case.version, "notice_sent_on": "2026-03-27"})
    assert good.status_code == 302
    booked.refresh_from_db()
    assert booked.notice_sent_on == date(2026, 3, 27)


def test_the_case_page_shows_the_meeting_to_staff(client_for, booked):
    page = client_for(Role.COORDINATOR).get(booked.case.get_absolute_url()).content.decode()
    assert 'id="meetings"' in page
    assert "Enough notice" not in page  # notice not recorded yet
    assert "Pat Officer" in page
    assert "authority to settle" in page
    assert "No reply yet" in page
    assert reverse("meetings:change", args=[booked.case.reference, booked.pk]) in page
    assert "Passcode: sunflower" in page


def test_the_case_page_warns_when_no_la_attendee_can_settle(world, client_for, case):
    family = case.parties.get(is_enquirer=True)
    services.book_meeting(
        case, details(world), attendees=[family], notify=False, by=world.user(Role.COORDINATOR)
    )
    page = client_for(Role.COORDINATOR).get(case.get_absolute_url()).content.decode()
    assert "No local authority attendee has authority to settle" in page


def test_mias_booking_and_held_through_the_screens(world, client_for):
    case = make_case(world, stop_at="triaged")
    client = client_for(Role.ADVISER)
    page = client.get(case.get_absolute_url()).content.decode()
    assert reverse("meetings:book_mias", args=[case.reference]) in page
    response = client.post(
        reverse("meetings:book_mias", args=[case.reference]),
        {
            "version": case.version,
            "call_on": "2026-03-05",
            "call_at": "16:30",
            "adviser": world.user(Role.ADVISER).pk,
            "phone_number": "01632 960001",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.MIAS_BOOKED
    response = client.post(
        reverse("meetings:mias_held", args=[case.reference]),
        {"version": case.version, "held_on": "2026-03-05", "notes": "Explained the options"},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == CaseState.AWAITING_DECISION
    page = client.get(case.get_absolute_url()).content.decode()
    assert reverse("cases:family_choice", args=[case.reference]) in page
    assert MiasCall.objects.get().notes == "Explained the options"


def test_mias_booking_with_a_missing_phone_is_shown_again(world, client_for):
    case = make_case(world, stop_at="triaged")
    response = client_for(Role.COORDINATOR).post(
        reverse("meetings:book_mias", args=[case.reference]),
        {"version": case.version, "call_on": "2026-03-05", "call_at": "16:30", "phone_number": ""},
    )
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not MiasCall.objects.exists()


def test_an_la_officer_cannot_book_information_and_advice(world, client_for):
    case = make_case(world, stop_at="triaged")
    url = reverse("meetings:book_mias", args=[case.reference])
    assert client_for(Role.LA_OFFICER).get(url).status_code == 403
