"""The information and advice call booked or moved: the family told by their own channel, with
the time, who will call and a calendar file; the day before, a reminder (the reminder scan)."""

from __future__ import annotations

import json
from datetime import date, timedelta

from icalendar import Calendar

from accord.cases.choices import FAMILY_ROLES, ContactMethod
from accord.meetings import mias
from accord.notifications.delivery import deliver_due_messages
from accord.notifications.models import Channel, MessageKind, OutboxMessage
from accord.organisations.roles import Role
from accord.reminders.scan import run_reminder_scan
from tests.meetings.conftest import CHILD_FIRST, CHILD_LAST, at, make_case

CALL_TIME = at(date(2026, 3, 5), 16, 30)


def book(world, case, when=CALL_TIME):
    return mias.book_mias_call(
        case,
        by=world.user(Role.COORDINATOR),
        scheduled_for=when,
        adviser=world.user(Role.ADVISER),
        phone_number="01632 960001",
    )


def advice_messages(case, kind=MessageKind.ADVICE_CALL):
    return list(OutboxMessage.objects.filter(case=case, kind=kind).order_by("id"))


def assert_no_personal_details(*texts):
    for text in texts:
        assert CHILD_FIRST not in text
        assert CHILD_LAST not in text
        assert "Jo Parent" not in text


def test_booking_the_call_tells_the_family_when_and_who_with_a_calendar_file(world):
    case = make_case(world, stop_at="triaged")
    call = book(world, case)
    [message] = advice_messages(case)
    assert message.channel == Channel.EMAIL
    assert message.to == ["jo.parent@example.com"]
    assert "is booked" in message.subject
    assert case.reference in message.subject
    assert "Thursday 5 March 2026 at 4:30pm" in message.body
    assert world.user(Role.ADVISER).full_name in message.body
    assert "01632 960001" in message.body
    assert "What to do next" in message.body
    assert_no_personal_details(message.subject, message.body)
    [ics] = message.attachments.all()
    event = Calendar.from_ical(bytes(ics.content)).walk("VEVENT")[0]
    assert event["dtstart"].dt == CALL_TIME
    assert str(event["uid"]).startswith(f"advice-call-{call.pk}@")
    assert CHILD_FIRST not in bytes(ics.content).decode()


def test_moving_the_call_tells_the_family_again(world):
    case = make_case(world, stop_at="triaged")
    book(world, case)
    book(world, case, when=CALL_TIME + timedelta(days=1))
    first, second = advice_messages(case)
    assert "is booked" in first.subject
    assert "has moved" in second.subject
    assert "Friday 6 March 2026 at 4:30pm" in second.body


def test_a_family_who_prefers_texts_is_texted(world, fake_notify):
    case = make_case(world, stop_at="triaged")
    parent = case.parties.get(role__in=FAMILY_ROLES)
    parent.phone, parent.preferred_contact = "07700 900456", ContactMethod.TEXT
    parent.save()
    book(world, case)
    deliver_due_messages()
    [text] = fake_notify.of_type("sms")
    body = text["personalisation"]["body"]
    assert text["to"] == "07700900456"
    assert "Thursday 5 March 2026 at 4:30pm" in body
    assert case.reference in body
    assert_no_personal_details(json.dumps(text["personalisation"]))


def test_the_day_before_the_call_the_family_is_reminded_once(world, settings):
    case = make_case(world, stop_at="triaged")
    book(world, case)
    run_reminder_scan(at(date(2026, 3, 3), 10))  # two days before: nothing yet
    assert advice_messages(case, MessageKind.ADVICE_CALL_REMINDER) == []
    run_reminder_scan(at(date(2026, 3, 4), 10))
    run_reminder_scan(at(date(2026, 3, 4), 15))
    [reminder] = advice_messages(case, MessageKind.ADVICE_CALL_REMINDER)
    assert "tomorrow" in reminder.subject
    assert "Thursday 5 March 2026 at 4:30pm" in reminder.body
    assert_no_personal_details(reminder.subject, reminder.body)


def test_no_reminder_for_a_call_already_held(world):
    case = make_case(world, stop_at="triaged")
    book(world, case)
    mias.record_mias_held(case, by=world.user(Role.ADVISER), held_on=date(2026, 3, 3))
    run_reminder_scan(at(date(2026, 3, 4), 10))
    assert advice_messages(case, MessageKind.ADVICE_CALL_REMINDER) == []
