"""Invitation emails: one per attendee with an email address, each with the calendar file,
saying what changed and what to do next, never naming the child, each queued in the
notifications outbox (sent by its worker, never twice) and logged on the case."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from icalendar import Calendar

from accord.meetings import services
from accord.meetings.invitations import send_meeting_invitations
from accord.meetings.models import MeetingFormat
from accord.notifications.models import MessageKind, OutboxMessage
from accord.organisations.roles import Role
from tests.meetings.conftest import (
    CHILD_FIRST,
    CHILD_LAST,
    add_party,
    at,
    details,
    la_officer,
)


@pytest.fixture
def booked(world, case, deliver_outbox):
    officer = la_officer(world, case)
    family = case.parties.get(is_enquirer=True)
    no_email = add_party(world, case, "supporter", "Advocate Without Email")
    deliver_outbox()  # what was queued before the booking (the enquiry confirmation)
    mail.outbox.clear()
    meeting = services.book_meeting(
        case, details(world), attendees=[family, officer, no_email], by=world.user(Role.COORDINATOR)
    )
    deliver_outbox()
    return meeting


def invitations(case):
    return OutboxMessage.objects.filter(case=case, kind=MessageKind.MEETING_INVITATION)


def calendar_of(message) -> Calendar:
    (name, content, mimetype) = message.attachments[0]
    assert name.endswith(".ics")
    assert mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def assert_no_child_name(message) -> None:
    (_, content, _) = message.attachments[0]
    text = content.decode() if isinstance(content, bytes) else content
    unfolded = text.replace("\r\n ", "")
    for part in (message.subject, message.body, unfolded):
        assert CHILD_FIRST not in part
        assert CHILD_LAST not in part


def test_booking_emails_every_attendee_with_an_address_and_the_mediator(world, booked):
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(
        ["jo.parent@example.com", "pat.officer@council.example", world.user(Role.MEDIATOR).email]
    )
    reference = booked.case.reference
    for message in mail.outbox:
        assert message.subject == f"Mediation meeting booked for 7 April 2026 — {reference}"
        assert "Tuesday 7 April 2026, 10:00 to 15:00 (UK time)" in message.body
        assert "Join online: https://meet.example.com/abc-defg-hij" in message.body
        assert "What to do next" in message.body
        assert f"Case reference: {reference}" in message.body
        assert "http" in message.body.split("More information:")[1]
        assert_no_child_name(message)
        event = calendar_of(message).walk("VEVENT")[0]
        assert str(event["UID"]) == str(booked.uid)


def test_the_family_gets_the_portal_link_and_officers_the_case_page(booked):
    by_address = {m.to[0]: m.body for m in mail.outbox}
    assert f"/cases/{booked.case.reference}/" in by_address["pat.officer@council.example"]
    assert "/cases/" not in by_address["jo.parent@example.com"]


def test_every_message_is_logged_on_the_case_timeline(booked):
    messages = {m.pk for m in invitations(booked.case)}
    queued = [
        e
        for e in booked.case.timeline.filter(kind="message_queued")
        if e.changes["message"] in messages
    ]
    sent = [
        e
        for e in booked.case.timeline.filter(kind="message_sent")
        if e.changes["message"] in messages
    ]
    assert len(queued) == len(sent) == len(mail.outbox) == 3
    for events in (queued, sent):
        assert {e.changes["to"][0] for e in events} == {m.to[0] for m in mail.outbox}
        assert all(e.summary.endswith(mail.outbox[0].subject) for e in events)


def test_the_same_change_is_never_queued_twice(world, booked, deliver_outbox):
    assert send_meeting_invitations(booked, "booked") == 3  # a double-submitted form, say
    assert invitations(booked.case).count() == 3
    assert deliver_outbox() == []


def test_people_who_share_an_address_get_one_invitation(world, case):
    family = case.parties.get(is_enquirer=True)
    partner = add_party(world, case, "parent_carer", "Alex Parent", "Jo.Parent@example.com")
    services.book_meeting(
        case, details(world), attendees=[family, partner], by=world.user(Role.COORDINATOR)
    )
    addresses = sorted(address.lower() for m in invitations(case) for address in m.recipients)
    assert addresses == sorted(["jo.parent@example.com", world.user(Role.MEDIATOR).email])


def test_a_change_says_what_changed_and_updates_the_same_invitation(world, booked, deliver_outbox):
    mail.outbox.clear()
    moved = details(world, starts_at=at(date(2026, 4, 9), 10), ends_at=at(date(2026, 4, 9), 15))
    services.change_meeting(booked, moved, by=world.user(Role.COORDINATOR))
    deliver_outbox()
    assert len(mail.outbox) == 3
    message = mail.outbox[0]
    assert message.subject.startswith("Mediation meeting changed: now 9 April 2026")
    assert "What has changed: the date or time." in message.body
    assert "replaces the earlier invitation" in message.body
    event = calendar_of(message).walk("VEVENT")[0]
    assert str(event["UID"]) == str(booked.uid)
    assert event.decoded("SEQUENCE") == 1
    assert_no_child_name(message)


def test_a_cancellation_sends_a_cancel_file(world, booked, deliver_outbox):
    mail.outbox.clear()
    services.cancel_meeting(booked, "The mediator is unwell", by=world.user(Role.COORDINATOR))
    deliver_outbox()
    assert len(mail.outbox) == 3
    message = mail.outbox[0]
    assert "cancelled" in message.subject
    assert "The mediator is unwell" not in message.body  # the reason stays in the service
    calendar = calendar_of(message)
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(calendar.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"
    messages = {m.pk for m in invitations(booked.case)}
    assert len(messages) == 6
    sent = booked.case.timeline.filter(kind="message_sent")
    assert len([e for e in sent if e.changes["message"] in messages]) == 6


def test_someone_added_later_gets_the_invitation(world, booked, case, deliver_outbox):
    supporter = add_party(world, case, "supporter", "Sam Advocate", "sam@sendiass.example")
    mail.outbox.clear()
    services.set_attendees(
        booked,
        [*[a.party for a in booked.attendees.all()], supporter],
        by=world.user(Role.COORDINATOR),
    )
    deliver_outbox()
    assert [m.to for m in mail.outbox] == [["sam@sendiass.example"]]


def test_a_venue_that_names_the_child_stops_the_email(world, case, deliver_outbox):
    deliver_outbox()  # the enquiry confirmation
    mail.outbox.clear()
    family = case.parties.get(is_enquirer=True)
    slot = details(
        world,
        format=MeetingFormat.IN_PERSON,
        venue=f"Meeting room booked for {CHILD_FIRST} {CHILD_LAST}, Town Hall",
        online_link="",
    )
    services.book_meeting(case, slot, attendees=[family], by=world.user(Role.COORDINATOR))
    assert not invitations(case).exists()
    deliver_outbox()
    assert mail.outbox == []
    assert case.timeline.filter(kind="meeting_email_failed").exists()


def test_the_change_word_must_be_known(booked):
    with pytest.raises(ValueError, match="change must be one of"):
        send_meeting_invitations(booked, "moved")


# --- by each party's own channel --------------------------------------------------------------


def _prefers(party, method, **fields):
    for name, value in fields.items():
        setattr(party, name, value)
    party.preferred_contact = method
    party.save()
    return party


def test_a_family_who_prefers_texts_is_texted_about_a_booking_move_and_cancellation(
    world, case, fake_notify
):
    family = _prefers(case.parties.get(is_enquirer=True), "text", phone="07700 900789")
    coordinator = world.user(Role.COORDINATOR)
    meeting = services.book_meeting(case, details(world), attendees=[family], by=coordinator)
    texts = invitations(case).filter(channel="text")
    assert [m.to for m in texts] == [["07700900789"]]
    assert [m.channel for m in invitations(case) if m.party == family] == ["text"]
    booked = texts.get()
    assert "is booked" in booked.body
    assert case.reference in booked.body
    assert CHILD_FIRST not in booked.body
    assert CHILD_LAST not in booked.body

    moved = details(world, starts_at=at(date(2026, 4, 8), 10), ends_at=at(date(2026, 4, 8), 12))
    services.change_meeting(meeting, moved, by=coordinator)
    services.cancel_meeting(meeting, "The mediator is ill.", by=coordinator)
    bodies = [m.body for m in invitations(case).filter(channel="text").order_by("id")]
    assert "has changed" in bodies[1]
    assert "Wednesday 8 April 2026" in bodies[1]
    assert "is cancelled" in bodies[2]


def test_a_family_who_asked_for_post_is_sent_a_letter_without_calendar_words(world, case):
    family = _prefers(
        case.parties.get(is_enquirer=True), "post", address="3 Quay Road\nDeal\nCT14 6AA"
    )
    services.book_meeting(case, details(world), attendees=[family], by=world.user(Role.COORDINATOR))
    letter = invitations(case).get(channel="letter")
    assert letter.to == ["Jo Parent\n3 Quay Road\nDeal\nCT14 6AA"]
    assert "attached" not in letter.body
    assert [a.mimetype for a in letter.attachments.all()] == ["application/pdf"]
