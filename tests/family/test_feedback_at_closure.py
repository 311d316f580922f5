"""Feedback asked for at closure from every party, by their own channel, with one reminder:
the family, a supporter while the family's consent lasts, the LA and ICB officers, the school
and the mediator. Each has somewhere to answer: the family's signed-in page, or a signed link
that needs no account (a family member by text or post, the officers, the school, the
mediator)."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accord import rules
from accord.cases.choices import ContactMethod, PartyRole
from accord.cases.services import close_case
from accord.family import feedback_requests, services
from accord.family.models import Feedback, SupporterConsent
from accord.notifications.models import Channel, MessageKind, OutboxMessage
from accord.organisations.roles import Role
from accord.reminders.scan import run_reminder_scan
from tests.documents.helpers import pdf_text
from tests.family.conftest import make_case

pytestmark = pytest.mark.django_db

CLOSED_ON = date(2026, 11, 2)  # a Monday
ANSWERS = {"satisfied": "4", "listened_to": "5", "would_recommend": "4", "comments": ""}
NAMES = ("Alfie", "Zebedee", "Jo Turner", "Sam Officer", "Pat Head", "Kim Helper", "Ivy Health")


def at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))


def rows(case, kind):
    return list(OutboxMessage.objects.filter(case=case, kind=kind).order_by("id"))


@pytest.fixture
def closed_case(world):
    case = make_case(world)
    case.mediator = world.user(Role.MEDIATOR)
    case.save(update_fields=["mediator"])
    parent = case.parties.get(role=PartyRole.PARENT_CARER)
    parent.address, parent.preferred_contact = "1 Mill Lane\nAshford\nTN23 1AA", ContactMethod.POST
    parent.save()
    case.parties.create(
        role=PartyRole.ICB_OFFICER,
        name="Ivy Health",
        phone="07700900321",
        preferred_contact=ContactMethod.TEXT,
    )
    helper = case.parties.create(
        role=PartyRole.SUPPORTER, name="Kim Helper", email="kim@advocacy.example"
    )
    SupporterConsent.objects.create(
        case=case,
        supporter=helper,
        kind=SupporterConsent.Kind.ADVOCATE,
        may_see_dates=True,
        until=date(2027, 6, 1),
        given_how=SupporterConsent.GivenHow.PHONE,
    )
    case.parties.create(role=PartyRole.SUPPORTER, name="No Consent", email="nc@example.com")
    close_case(case, "withdrawn", on=CLOSED_ON, by=world.user(Role.COORDINATOR))
    case.refresh_from_db()
    return case


def test_every_party_is_asked_at_closure_by_their_own_channel(world, closed_case):
    case = closed_case
    run_reminder_scan(at(CLOSED_ON))
    run_reminder_scan(at(CLOSED_ON + timedelta(days=1)))  # nothing more
    requests = rows(case, MessageKind.FEEDBACK_REQUEST)
    by_role = {(m.party.role if m.party else "mediator"): m for m in requests}
    assert set(by_role) == {
        PartyRole.PARENT_CARER,
        PartyRole.LA_OFFICER,
        PartyRole.SCHOOL_STAFF,
        PartyRole.ICB_OFFICER,
        PartyRole.SUPPORTER,
        "mediator",
    }
    assert len(requests) == 6  # the supporter without consent is not asked
    assert by_role[PartyRole.SUPPORTER].to == ["kim@advocacy.example"]
    assert by_role[PartyRole.PARENT_CARER].channel == Channel.LETTER
    assert by_role[PartyRole.ICB_OFFICER].channel == Channel.TEXT
    assert by_role["mediator"].to == [world.user(Role.MEDIATOR).email]
    for message in requests:
        assert case.reference in message.subject + message.body
        for name in NAMES:
            assert name not in message.subject + message.body
    # A family member by post cannot sign in by email: their letter carries a signed link.
    [pdf] = by_role[PartyRole.PARENT_CARER].attachments.all()
    assert "/feedback/" in pdf_text(bytes(pdf.content))
    assert "no account needed" in by_role[PartyRole.ICB_OFFICER].body
    event = case.timeline.filter(kind="feedback_requested").get()
    assert event.summary == "Feedback asked for from 6 people by email, post and text message"


def test_one_reminder_to_those_who_have_not_answered(world, closed_case):
    case = closed_case
    run_reminder_scan(at(CLOSED_ON))
    officer = case.parties.get(role=PartyRole.LA_OFFICER)
    services.give_feedback(officer, services.Scores(4, 4, 4), through="emailed_link")
    reminder_day = rules.add_working_days(CLOSED_ON, feedback_requests.REMINDER_AFTER_WORKING_DAYS)
    run_reminder_scan(at(reminder_day - timedelta(days=1)))
    assert rows(case, MessageKind.FEEDBACK_REMINDER) == []
    run_reminder_scan(at(reminder_day))
    run_reminder_scan(at(reminder_day + timedelta(days=5)))  # only one reminder, ever
    reminders = rows(case, MessageKind.FEEDBACK_REMINDER)
    assert len(reminders) == 5  # not the officer who answered
    assert officer not in [m.party for m in reminders]
    assert all("only reminder" in m.body or "a reminder" in m.body for m in reminders)
    for message in reminders:
        for name in NAMES:
            assert name not in message.subject + message.body


def link_path(body: str) -> str:
    match = re.search(r"https?://\S+/feedback/[^/\s]+/", body)
    assert match, body
    return urlsplit(match.group(0)).path


def test_the_mediator_and_a_family_member_by_text_answer_through_their_links(world, closed_case):
    case = closed_case
    run_reminder_scan(at(CLOSED_ON))
    to_mediator = next(m for m in rows(case, MessageKind.FEEDBACK_REQUEST) if m.party is None)
    url = link_path(to_mediator.body)
    assert Client().get(url).status_code == 200
    assert "Thank you for your feedback" in Client().post(url, ANSWERS).content.decode()
    feedback = Feedback.objects.get(case=case, respondent_role=Feedback.MEDIATOR)
    assert feedback.mediator == world.user(Role.MEDIATOR)
    assert feedback.party is None
    assert Client().get(url).status_code == 410  # works once
    # Nobody is reminded who answered: the mediator is not.
    run_reminder_scan(at(rules.add_working_days(CLOSED_ON, 10)))
    assert all(m.party is not None for m in rows(case, MessageKind.FEEDBACK_REMINDER))

    to_icb = next(
        m
        for m in rows(case, MessageKind.FEEDBACK_REQUEST)
        if m.party and m.party.role == PartyRole.ICB_OFFICER
    )
    icb_url = link_path(to_icb.body)
    assert Client().post(icb_url, ANSWERS).status_code == 200
    assert Feedback.objects.filter(case=case, respondent_role=PartyRole.ICB_OFFICER).exists()


def test_a_mediator_link_stops_working_if_the_case_changes_mediator(world, closed_case):
    case = closed_case
    token = services.mediator_feedback_token(case, world.user(Role.MEDIATOR))
    type(case).objects.filter(pk=case.pk).update(mediator=None)
    assert Client().get(reverse("feedback:give", args=[token])).status_code == 404


def test_an_open_case_is_not_asked(world):
    case = make_case(world)
    run_reminder_scan(at(CLOSED_ON))
    assert rows(case, MessageKind.FEEDBACK_REQUEST) == []


def test_staff_asking_by_hand_first_is_not_doubled_by_the_scan(world, closed_case):
    case = closed_case
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(feedback_requests, "today_in_england", lambda: CLOSED_ON)
        assert feedback_requests.request_feedback(case, by=world.user(Role.COORDINATOR)) == 6
    run_reminder_scan(at(CLOSED_ON))
    assert len(rows(case, MessageKind.FEEDBACK_REQUEST)) == 6  # nothing more
    run_reminder_scan(at(rules.add_working_days(CLOSED_ON, 10)))
    assert len(rows(case, MessageKind.FEEDBACK_REMINDER)) == 6  # still one reminder each
