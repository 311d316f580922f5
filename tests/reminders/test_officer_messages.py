"""Messages to officers, by their own channel: the 30 days to hold mediation running out, each
agreed action before it is due and on the day, a weekly digest of overdue actions, and an
unanswered invitation to disagreement resolution (SEND Regs regs 35-37 and 42; CoP 11.6)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from accord import rules
from accord.cases.choices import ContactMethod, PartyRole, Route
from accord.cases.models import Case
from accord.documents import follow_up
from accord.notifications.models import Channel, MessageKind, OutboxMessage
from accord.organisations.roles import Role
from accord.reminders import officers
from accord.reminders.scan import run_reminder_scan
from tests.documents.conftest import CHILD_FIRST, CHILD_LAST, OFFICER, PARENT, make_case
from tests.documents.test_follow_up import issued_item

pytestmark = pytest.mark.django_db


def at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))


def sent(case: Case | None, kind: str) -> list[OutboxMessage]:
    rows = OutboxMessage.objects.filter(kind=kind)
    if case is not None:
        rows = rows.filter(case=case)
    return list(rows.order_by("id"))


def no_names(*texts: str) -> None:
    for text in texts:
        for name in (CHILD_FIRST, CHILD_LAST, PARENT, OFFICER):
            assert name not in text


def test_reminder_days_are_the_latest_reached_until_the_date():
    due = date(2026, 4, 22)  # a Wednesday
    assert officers.reminder_due(due, date(2026, 4, 14), officers.ACTION_REMINDERS) is None
    assert (
        officers.reminder_due(due, date(2026, 4, 15), officers.ACTION_REMINDERS)
        == "five-working-days"
    )
    assert officers.reminder_due(due, due, officers.ACTION_REMINDERS) == "on-the-day"
    assert officers.reminder_due(due, due + timedelta(days=1), officers.ACTION_REMINDERS) is None
    # On the day of a Saturday is the Friday before.
    assert officers.reminder_day(date(2026, 4, 25), 0) == date(2026, 4, 24)


def test_the_la_officer_is_told_the_mediation_deadline_is_near_by_text(world):
    case = make_case(world, "arranging")
    officer = case.parties.get(role=PartyRole.LA_OFFICER)
    officer.preferred_contact, officer.phone = ContactMethod.TEXT, "07700 900123"
    officer.save()
    deadline = next(
        d
        for d in officers.service_deadlines(case, officers.clock_facts_for(case))
        if d.clock in officers.MEDIATION_CLOCKS
    )
    due = deadline.due
    assert due is not None
    run_reminder_scan(at(rules.subtract_working_days(due, 6)))
    assert sent(case, MessageKind.OFFICER_MEDIATION_DEADLINE) == []
    run_reminder_scan(at(rules.subtract_working_days(due, 5)))
    run_reminder_scan(at(rules.subtract_working_days(due, 4)))  # the same reminder: not again
    [first] = sent(case, MessageKind.OFFICER_MEDIATION_DEADLINE)
    assert first.party == officer
    assert first.channel == Channel.TEXT
    assert first.to == ["07700900123"]
    assert case.reference in first.body
    assert "must be held by" in first.body
    no_names(first.subject, first.body)
    run_reminder_scan(at(rules.subtract_working_days(due, 1)))
    second = sent(case, MessageKind.OFFICER_MEDIATION_DEADLINE)[-1]
    assert len(sent(case, MessageKind.OFFICER_MEDIATION_DEADLINE)) == 2
    assert second.pk != first.pk
    run_reminder_scan(at(due + timedelta(days=1)))
    assert len(sent(case, MessageKind.OFFICER_MEDIATION_DEADLINE)) == 2
    # Nobody from the family gets the officers' reminder.
    roles = {m.party.role for m in sent(case, MessageKind.OFFICER_MEDIATION_DEADLINE)}
    assert roles == {PartyRole.LA_OFFICER}


def action_due(case: Case) -> date:
    [deadline] = officers.agreed_action_deadlines(case)
    assert deadline.due is not None
    return deadline.due


def test_the_body_responsible_is_told_before_an_agreed_action_is_due_and_on_the_day(world):
    case = make_case(world, "follow_up")
    Case.objects.filter(pk=case.pk).update(health_body_notified_on=date(2026, 3, 16))
    icb = case.parties.create(
        role=PartyRole.ICB_OFFICER, name="Ivy Health", email="ivy@icb.example"
    )
    item = issued_item(world, case)  # amend the plan: the LA's (SEND Regs reg 44(2))
    due = action_due(case)
    run_reminder_scan(at(rules.subtract_working_days(due, 6)))
    assert sent(case, MessageKind.OFFICER_AGREED_ACTION) == []
    run_reminder_scan(at(rules.subtract_working_days(due, 5)))
    run_reminder_scan(at(rules.subtract_working_days(due, 3)))
    [before] = sent(case, MessageKind.OFFICER_AGREED_ACTION)
    assert before.party.role == PartyRole.LA_OFFICER  # not the ICB: the action is the LA's
    assert before.channel == Channel.EMAIL
    assert before.to == ["dana.officer@council.example"]
    assert f"Point {item.position} of the mediation agreement" in before.body
    assert "/my-actions/" in before.body
    assert "reg 42(5)" in before.body
    assert "amend section F" not in before.body  # the agreement's words may name the child
    no_names(before.subject, before.body)
    run_reminder_scan(at(due))
    on_the_day = sent(case, MessageKind.OFFICER_AGREED_ACTION)[-1]
    assert len(sent(case, MessageKind.OFFICER_AGREED_ACTION)) == 2
    assert on_the_day.subject.startswith("Agreed action due today")
    run_reminder_scan(at(due))
    assert len(sent(case, MessageKind.OFFICER_AGREED_ACTION)) == 2
    assert not OutboxMessage.objects.filter(party=icb).exists()


def test_no_reminder_once_the_action_is_recorded_done(world):
    case = make_case(world, "follow_up")
    item = issued_item(world, case)
    due = action_due(case)
    follow_up.record_action_done(
        item, due - timedelta(days=10), note="Done", by=world.user(Role.LA_OFFICER)
    )
    run_reminder_scan(at(due))
    assert sent(case, MessageKind.OFFICER_AGREED_ACTION) == []


def digests_to(email: str) -> list[OutboxMessage]:
    return [d for d in sent(None, MessageKind.OFFICER_OVERDUE_DIGEST) if d.to == [email]]


def test_each_officer_gets_one_weekly_digest_of_overdue_actions(world):
    case = make_case(world, "follow_up")
    item = issued_item(world, case)
    due = action_due(case)
    monday = due + timedelta(days=7 - due.weekday() + 7)  # a Monday well after the date
    assert monday.weekday() == 0
    officer_user = world.user(Role.LA_OFFICER)
    run_reminder_scan(at(monday))
    run_reminder_scan(at(monday + timedelta(days=1)))  # the same week: not again
    [digest] = digests_to(officer_user.email)
    assert f"Case {case.reference}, point {item.position}" in digest.body
    assert "/my-actions/" in digest.body
    no_names(digest.subject, digest.body)
    run_reminder_scan(at(monday + timedelta(days=7)))  # the next week: again
    assert len(digests_to(officer_user.email)) == 2
    # The ICB's officer has no overdue action of theirs: no digest.
    icb_user = world.user(Role.ICB_OFFICER)
    assert digests_to(icb_user.email) == []


def test_an_unanswered_invitation_to_disagreement_resolution_is_chased_once(world):
    case = make_case(world, "arranging", route=Route.DISAGREEMENT_RESOLUTION)
    # make_case records every party's consent: the school has not answered yet.
    school = case.parties.create(
        role=PartyRole.SCHOOL_STAFF,
        name="Pat Head",
        email="",
        phone="07700900456",
        preferred_contact=ContactMethod.TEXT,
    )
    case.refresh_from_db()
    started = case.dr_started_on
    assert started is not None
    run_reminder_scan(at(rules.add_working_days(started, 4)))
    assert sent(case, MessageKind.DR_INVITATION_REMINDER) == []
    run_reminder_scan(at(rules.add_working_days(started, 5)))
    run_reminder_scan(at(rules.add_working_days(started, 9)))
    [reminder] = sent(case, MessageKind.DR_INVITATION_REMINDER)
    assert reminder.party == school  # the LA answered; only the school is chased
    assert reminder.channel == Channel.TEXT
    assert "disagreement resolution" in reminder.body
    assert case.reference in reminder.body
    no_names(reminder.subject, reminder.body)
