"""The family's appeal deadline: reminded 2 weeks and 3 working days before it, by their own
channel, unless an appeal is recorded; never after it, never twice."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from accord import rules
from accord.cases.choices import PartyRole
from accord.cases.models import Appeal
from accord.documents.models import CertificateKind as K
from accord.notifications.models import MessageKind, OutboxMessage
from accord.organisations.roles import Role
from accord.reminders.family import appeal_reminder_due
from accord.reminders.scan import run_reminder_scan
from tests.documents.conftest import CHILD_FIRST, CHILD_LAST, PARENT, make_case
from tests.documents.test_certificates import issue

DEADLINE = date(2026, 5, 5)  # the declined case's appeal deadline (tests/documents/conftest.py)


def at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))


def reminders(case):
    return list(
        OutboxMessage.objects.filter(case=case, kind=MessageKind.APPEAL_DEADLINE).order_by("id")
    )


def test_the_reminder_days_are_two_weeks_and_three_working_days_before():
    three_working_days = rules.subtract_working_days(DEADLINE, 3)
    assert appeal_reminder_due(DEADLINE, DEADLINE - timedelta(days=15)) is None
    assert appeal_reminder_due(DEADLINE, DEADLINE - timedelta(days=14)) == "two-weeks"
    assert appeal_reminder_due(DEADLINE, three_working_days) == "three-working-days"
    assert appeal_reminder_due(DEADLINE, DEADLINE) == "three-working-days"
    assert appeal_reminder_due(DEADLINE, DEADLINE + timedelta(days=1)) is None


def test_the_family_is_reminded_twice_before_the_appeal_deadline(world):
    case = make_case(world, "declined")
    certificate = issue(case, world.user(Role.ADVISER), K.INFORMATION_GIVEN)
    assert certificate.appeal_deadline == DEADLINE

    run_reminder_scan(at(DEADLINE - timedelta(days=15)))
    assert reminders(case) == []
    run_reminder_scan(at(DEADLINE - timedelta(days=14)))
    run_reminder_scan(at(DEADLINE - timedelta(days=13)))  # the same reminder: not again
    [first] = reminders(case)
    assert first.party.role == PartyRole.PARENT_CARER
    assert "Tuesday 5 May 2026" in first.subject
    assert case.reference in first.subject
    assert "in 14 days" in first.body
    assert certificate.number in first.body
    assert "What to do next" in first.body
    assert "If you have already appealed, tell us" in first.body
    for text in (first.subject, first.body):
        assert CHILD_FIRST not in text
        assert CHILD_LAST not in text
        assert PARENT not in text

    run_reminder_scan(at(rules.subtract_working_days(DEADLINE, 3)))
    assert len(reminders(case)) == 2
    run_reminder_scan(at(DEADLINE + timedelta(days=1)))
    assert len(reminders(case)) == 2


def test_no_reminder_once_an_appeal_is_recorded(world):
    case = make_case(world, "declined")
    issue(case, world.user(Role.ADVISER), K.INFORMATION_GIVEN)
    Appeal.objects.create(
        case=case, registered_on=date(2026, 4, 1), decision_kind=case.decision_kind
    )
    run_reminder_scan(at(DEADLINE - timedelta(days=14)))
    assert reminders(case) == []


def test_the_officer_is_not_sent_the_familys_appeal_reminder(world):
    case = make_case(world, "declined")
    issue(case, world.user(Role.ADVISER), K.INFORMATION_GIVEN)
    run_reminder_scan(at(DEADLINE - timedelta(days=14)))
    assert {m.party.role for m in reminders(case)} == {PartyRole.PARENT_CARER}


# --- the law not kept: the 30 days to hold mediation passed -----------------------------------


def passed(case):
    return list(OutboxMessage.objects.filter(case=case, kind=MessageKind.MEDIATION_DEADLINE_PASSED))


def test_the_family_is_told_once_when_the_30_days_pass_with_no_meeting(world):
    case = make_case(world, "arranging")  # LA told 16 March 2026: held by 15 April
    run_reminder_scan(at(date(2026, 4, 15)))
    assert passed(case) == []
    run_reminder_scan(at(date(2026, 4, 16)))
    run_reminder_scan(at(date(2026, 4, 17)))
    [message] = passed(case)
    assert message.party.role == PartyRole.PARENT_CARER
    assert case.reference in message.subject
    assert "Wednesday 15 April 2026" in message.body
    assert "Ask us for your mediation certificate" in message.body
    assert "appeal" in message.body
    for text in (message.subject, message.body):
        assert CHILD_FIRST not in text
        assert CHILD_LAST not in text
        assert PARENT not in text


def test_no_such_message_when_the_meeting_was_held(world):
    case = make_case(world, "follow_up")
    run_reminder_scan(at(date(2026, 4, 20)))
    assert passed(case) == []
