"""When an agreed action is overdue the family hears it from us, with what they can do: a ready
letter to the body responsible citing SEND Regs reg 42, then, 20 working days after its date,
the Ombudsman route. Staff see the same prompt on the case (a next step)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accord import rules
from accord.cases.choices import ContactMethod, PartyRole
from accord.cases.models import Case
from accord.documents import action_letters, follow_up
from accord.notifications.models import Channel, MessageKind, OutboxMessage
from accord.organisations.roles import Role
from accord.reminders import officers
from accord.reminders.scan import run_reminder_scan
from tests.documents.conftest import CHILD_FIRST, CHILD_LAST, PARENT, make_case
from tests.documents.helpers import pdf_text
from tests.documents.test_follow_up import issued_item
from tests.family.conftest import sign_in

pytestmark = pytest.mark.django_db


def at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))


def overdue_messages(case: Case) -> list[OutboxMessage]:
    return list(
        OutboxMessage.objects.filter(case=case, kind=MessageKind.AGREED_ACTION_OVERDUE).order_by(
            "id"
        )
    )


def due_of(case: Case) -> date:
    [deadline] = officers.agreed_action_deadlines(case)
    assert deadline.due is not None
    return deadline.due


def no_names(*texts: str) -> None:
    for text in texts:
        for name in (CHILD_FIRST, CHILD_LAST, PARENT):
            assert name not in text


def test_the_family_is_sent_a_letter_then_the_ombudsman_route(world):
    case = make_case(world, "follow_up")
    item = issued_item(world, case)
    due = due_of(case)
    run_reminder_scan(at(due))
    assert overdue_messages(case) == []  # due today is not late
    run_reminder_scan(at(due + timedelta(days=1)))
    run_reminder_scan(at(due + timedelta(days=2)))  # not again
    [letter] = overdue_messages(case)
    assert letter.party.role == PartyRole.PARENT_CARER
    assert letter.channel == Channel.EMAIL
    assert "a letter you can send" in letter.subject
    body = letter.body
    assert f"point {item.position} of the mediation agreement" in body
    assert "SEND Regs reg 42" in body
    assert "Regulation 42 of the Special Educational Needs and Disability Regulations 2014" in body
    assert f"{due.day} {due:%B %Y}" in body
    assert world.la.name in body
    assert reverse("family:action_letter", args=[case.reference, item.pk]) in body
    assert "Ombudsman" not in letter.subject
    assert "amend section F" not in body  # the agreement's own words stay on the page
    no_names(letter.subject, body)
    # Not to the officer: this message is the family's.
    assert not OutboxMessage.objects.filter(
        kind=MessageKind.AGREED_ACTION_OVERDUE, party__role=PartyRole.LA_OFFICER
    ).exists()

    four_weeks = rules.add_working_days(due, action_letters.OMBUDSMAN_AFTER_WORKING_DAYS)
    run_reminder_scan(at(four_weeks - timedelta(days=1)))
    assert len(overdue_messages(case)) == 1
    run_reminder_scan(at(four_weeks))
    run_reminder_scan(at(four_weeks + timedelta(days=7)))
    assert len(overdue_messages(case)) == 2
    ombudsman = overdue_messages(case)[-1]
    assert "Ombudsman" in ombudsman.subject
    assert "Local Government and Social Care Ombudsman" in ombudsman.body
    assert "complaints procedure" in ombudsman.body
    no_names(ombudsman.subject, ombudsman.body)


def test_a_family_who_asked_for_post_gets_the_letter_on_paper(world):
    case = make_case(world, "follow_up")
    issued_item(world, case)
    parent = case.parties.get(role=PartyRole.PARENT_CARER)
    parent.address, parent.preferred_contact = "1 Mill Lane\nAshford\nTN23 1AA", ContactMethod.POST
    parent.save()
    run_reminder_scan(at(due_of(case) + timedelta(days=1)))
    [posted] = overdue_messages(case)
    assert posted.channel == Channel.LETTER
    [pdf] = posted.attachments.all()
    text = pdf_text(bytes(pdf.content))
    assert "A letter you can send" in text
    assert "Regulation 42 of the Special Educational Needs and Disability Regulations" in text
    assert "[Your name]" in text


def test_a_text_points_to_the_letter_on_the_case_page(world):
    case = make_case(world, "follow_up")
    item = issued_item(world, case)
    parent = case.parties.get(role=PartyRole.PARENT_CARER)
    parent.phone, parent.preferred_contact = "07700900123", ContactMethod.TEXT
    parent.save()
    run_reminder_scan(at(due_of(case) + timedelta(days=1)))
    [text] = overdue_messages(case)
    assert text.channel == Channel.TEXT
    assert len(text.body) < 480  # three text messages at most
    assert "SEND Regs reg 42" in text.body
    assert reverse("family:action_letter", args=[case.reference, item.pk]) in text.body
    no_names(text.body)


def test_no_message_once_the_action_is_done(world):
    case = make_case(world, "follow_up")
    item = issued_item(world, case)
    due = due_of(case)
    follow_up.record_action_done(item, due, note="Done", by=world.user(Role.LA_OFFICER))
    run_reminder_scan(at(due + timedelta(days=30)))
    assert overdue_messages(case) == []


def test_the_family_reads_and_prints_the_full_letter_signed_in(world):
    case = make_case(world, "follow_up")
    item = issued_item(world, case)
    client = Client()
    sign_in(client, "parent@example.com")
    page = client.get(reverse("family:case", args=[case.reference])).content.decode()
    url = reverse("family:action_letter", args=[case.reference, item.pk])
    assert url in page  # the case page warns of the overdue action
    letter = client.get(url)
    assert letter.status_code == 200
    html = letter.content.decode()
    assert "The LA will amend section F" in html  # the agreement's words, on their own page
    assert "Regulation 42" in html
    assert "Ombudsman" in html
    # Another family's link: not found.
    assert Client().get(url).status_code == 302  # not signed in: to the sign-in page


def test_staff_see_the_overdue_action_as_a_next_step_with_the_letter(world, client_for):
    case = make_case(world, "follow_up")
    item = issued_item(world, case)
    staff = client_for(Role.COORDINATOR)
    page = staff.get(case.get_absolute_url()).content.decode()
    url = reverse("documents:action_letter", args=[case.reference, item.agreement_id, item.pk])
    assert url in page
    assert f"Agreed action {item.position} overdue" in page
    letter = staff.get(url)
    assert letter.status_code == 200
    assert "Regulation 42" in letter.content.decode()
    # An officer does not get the staff's copy.
    assert client_for(Role.LA_OFFICER).get(url).status_code in (403, 404)
