"""What messages say: what changed, what to do next, the case reference and a link, and never
the child's name (product.md)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accord.cases.choices import ContactMethod, FamilyChoice, PartyRole
from accord.meetings.models import Attendee, Meeting, MeetingFormat, MeetingKind
from accord.notifications.delivery import deliver_due_messages
from accord.notifications.models import Channel, MessageKind, OutboxMessage
from accord.notifications.services import queue_enquiry_confirmation
from accord.organisations.roles import Role
from accord.reminders.meetings import calendar_attachment
from accord.reminders.scan import run_reminder_scan
from tests.documents.helpers import pdf_text
from tests.factories import PartyFactory
from tests.notifications.conftest import at

CHILD_NAMES = ("Zebedee", "Quartermaine")


def book_meeting(case, starts_at: datetime, **fields) -> Meeting:
    values = {
        "case": case,
        "kind": MeetingKind.MEDIATION,
        "format": MeetingFormat.ONLINE,
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=4),
        "online_link": "https://meet.example.org/abc",
        "online_meeting_id": "123 456",
        "online_passcode": "pass-word",
    } | fields
    return Meeting.objects.create(**values)


@pytest.fixture
def meeting_case(make_case, world):
    case = make_case()
    # A young person taking part in their own mediation: their name is the child's name.
    young_person = PartyFactory(
        case=case, role=PartyRole.YOUNG_PERSON, name="Zebedee Quartermaine", email="yp@example.com"
    )
    parent = PartyFactory(case=case, role=PartyRole.PARENT_CARER, email="parent@example.com")
    officer = PartyFactory(case=case, role=PartyRole.LA_OFFICER, email="officer@example.gov.uk")
    declined = PartyFactory(case=case, role=PartyRole.SUPPORTER, email="busy@example.org")
    no_email = PartyFactory(case=case, role=PartyRole.SCHOOL_STAFF, email="")
    meeting = book_meeting(case, at(date(2026, 3, 11), 10), mediator=world.user(Role.MEDIATOR))
    for party in (young_person, parent, officer, no_email):
        Attendee.objects.create(meeting=meeting, party=party)
    Attendee.objects.create(meeting=meeting, party=declined, declined=True)
    return case


def test_meeting_reminders_go_the_day_before_to_every_attendee_and_the_mediator(
    meeting_case, world
):
    assert run_reminder_scan(at(date(2026, 3, 9))).meeting_reminders == 0
    report = run_reminder_scan(at(date(2026, 3, 10)))
    assert report.meeting_reminders == 4
    rows = OutboxMessage.objects.filter(kind=MessageKind.MEETING_REMINDER)
    assert sorted(r.to[0] for r in rows) == sorted(
        [
            "yp@example.com",
            "parent@example.com",
            "officer@example.gov.uk",
            world.user(Role.MEDIATOR).email,
        ]
    )
    parent = rows.get(to=["parent@example.com"])
    assert parent.subject.startswith("Reminder: mediation meeting tomorrow, Wednesday 11 March")
    assert meeting_case.reference in parent.subject
    assert "10am to 2pm" in parent.body
    assert "Join online: https://meet.example.org/abc" in parent.body
    assert "What to do next:" in parent.body
    assert f"/cases/{meeting_case.reference}/" not in parent.body  # families: the public link
    officer = rows.get(to=["officer@example.gov.uk"])
    assert f"/cases/{meeting_case.reference}/" in officer.body

    assert run_reminder_scan(at(date(2026, 3, 10), 17)).meeting_reminders == 0
    deliver_due_messages()
    assert len(mail.outbox) == 4


def test_meeting_reminders_carry_the_calendar_file_when_there_is_one(meeting_case):
    run_reminder_scan(at(date(2026, 3, 10)))
    meeting = Meeting.objects.get()
    expected = calendar_attachment(meeting)
    row = OutboxMessage.objects.filter(kind=MessageKind.MEETING_REMINDER).first()
    names = [a.filename for a in row.attachments.all()]
    if not expected:
        pytest.skip("accord.meetings.ics is not there: reminders go without a calendar file")
    assert names == [expected[0][0]]
    deliver_due_messages()
    calendar = mail.outbox[0].attachments[0]
    assert b"BEGIN:VCALENDAR" in (
        calendar[1] if isinstance(calendar[1], bytes) else calendar[1].encode()
    )


def test_no_reminder_for_a_cancelled_meeting(make_case):
    case = make_case()
    meeting = book_meeting(case, at(date(2026, 3, 11)), cancelled_at=timezone.now())
    Attendee.objects.create(meeting=meeting, party=PartyFactory(case=case))
    assert run_reminder_scan(at(date(2026, 3, 10))).meeting_reminders == 0


def test_a_moved_meeting_gets_a_fresh_reminder(meeting_case):
    run_reminder_scan(at(date(2026, 3, 10)))
    meeting = Meeting.objects.get()
    meeting.starts_at = at(date(2026, 3, 18), 10)
    meeting.ends_at = meeting.starts_at + timedelta(hours=4)
    meeting.save()
    assert run_reminder_scan(at(date(2026, 3, 17))).meeting_reminders == 4


def test_enquiry_confirmation_tells_the_family_the_reference_and_what_happens_next(make_case):
    case = make_case()
    PartyFactory(case=case, is_enquirer=True, email="enquirer@example.com")
    message = queue_enquiry_confirmation(case)
    assert message is not None and message.to == ["enquirer@example.com"]
    assert case.reference in message.subject
    assert "What happens next:" in message.body
    assert queue_enquiry_confirmation(case).pk == message.pk


def every_kind_of_message(world, make_case):
    """Builds every message Accord sends about cases whose child is Zebedee Quartermaine."""
    certificate = make_case(
        family_choice=FamilyChoice.CERTIFICATE, family_choice_on=date(2026, 3, 2)
    )
    PartyFactory(case=certificate, is_enquirer=True, email="enquirer@example.com")
    queue_enquiry_confirmation(certificate)
    make_case(mediation_concluded_on=date(2026, 3, 2), outcome="full_agreement")
    make_case(la_notified_on=date(2026, 2, 2), involves_health=True)
    make_case(cannot_hold_notified_on=date(2026, 3, 2))
    for day in range(2, 13):
        run_reminder_scan(at(date(2026, 3, day)))
    deliver_due_messages()
    return OutboxMessage.objects.all()


def test_no_message_carries_the_childs_name(world, make_case, meeting_case):
    rows = every_kind_of_message(world, make_case)
    kinds = set(rows.values_list("kind", flat=True))
    assert kinds >= {
        MessageKind.CONFIRMATION,
        MessageKind.DEADLINE_REMINDER,
        MessageKind.MEETING_REMINDER,
        MessageKind.OVERDUE_DIGEST,
    }
    assert len(mail.outbox) == rows.count() > 10
    for email in mail.outbox:
        attachments = " ".join(
            content.decode() if isinstance(content, bytes) else str(content)
            for _, content, _ in email.attachments
        )
        for name in CHILD_NAMES:
            assert name.lower() not in email.subject.lower(), email.subject
            assert name.lower() not in email.body.lower(), email.subject
            assert name.lower() not in attachments.lower(), email.subject


def test_every_message_has_a_reference_a_link_and_a_next_step(world, make_case, meeting_case):
    for row in every_kind_of_message(world, make_case):
        assert "http://" in row.body or "https://" in row.body, row.subject
        assert "next" in row.body.lower(), row.subject
        if row.case is not None:
            assert row.case.reference in row.subject
        assert "new information" not in row.body


def test_meeting_reminders_go_by_text_or_post_to_those_who_asked(meeting_case, world):
    texter = meeting_case.parties.get(role=PartyRole.PARENT_CARER)
    texter.phone, texter.preferred_contact = "07700 900123", ContactMethod.TEXT
    texter.save()
    poster = meeting_case.parties.get(role=PartyRole.SCHOOL_STAFF)  # no email: by post
    poster.address, poster.preferred_contact = "1 High St\nAshford\nTN23 1AA", ContactMethod.POST
    poster.save()
    run_reminder_scan(at(date(2026, 3, 10)))
    assert run_reminder_scan(at(date(2026, 3, 10), 15)).meeting_reminders == 0  # not twice
    rows = OutboxMessage.objects.filter(kind=MessageKind.MEETING_REMINDER)
    text = rows.get(party=texter)
    assert text.channel == Channel.TEXT
    assert text.to == ["07700900123"]
    assert "is tomorrow, Wednesday 11 March at 10:00" in text.body
    assert meeting_case.reference in text.body
    assert "https://meet.example.org/abc" in text.body
    letter = rows.get(party=poster)
    assert letter.channel == Channel.LETTER
    [pdf] = letter.attachments.all()
    assert "10am to 2pm" in pdf_text(bytes(pdf.content))
    assert not rows.filter(to=["parent@example.com"]).exists()  # the text instead of an email
    for row in (text, letter):
        for name in CHILD_NAMES:
            assert name not in row.subject + row.body
    assert rows.count() == 5  # the young person, the officer and the mediator by email
