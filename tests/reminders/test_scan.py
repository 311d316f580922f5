"""Deadline reminders to the person responsible, and the service managers' overdue digest."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail

from accord.cases.choices import FamilyChoice, Route
from accord.cases.states import CaseState
from accord.notifications.delivery import deliver_due_messages
from accord.notifications.models import MessageKind, OutboxMessage
from accord.organisations.roles import Role
from accord.reminders.scan import reminder_day, reminder_due_on, run_reminder_scan
from tests.factories import MembershipFactory
from tests.notifications.conftest import at


def reminders():
    return OutboxMessage.objects.filter(kind=MessageKind.DEADLINE_REMINDER)


def test_a_certificate_due_in_two_working_days_reminds_the_adviser_once(certificate_case, world):
    # Family chose a certificate on Monday 2 March 2026: due Thursday 5 March (SEND Regs reg 34).
    tuesday = at(date(2026, 3, 3))
    report = run_reminder_scan(tuesday)
    assert report.deadline_reminders == 1
    reminder = reminders().get()
    assert reminder.to == [world.user(Role.ADVISER).email]
    assert reminder.case == certificate_case
    assert reminder.subject == (
        f"{certificate_case.reference}: Certificate when mediation is not wanted is due "
        "in 2 working days"
    )
    assert "Thursday 5 March 2026" in reminder.body
    assert "What to do next:" in reminder.body
    assert f"/cases/{certificate_case.reference}/" in reminder.body
    assert "SEND Regs reg 34; CFA s.55(4): 3 working days" in reminder.body

    # The scan runs every hour: nothing more is queued or sent.
    assert run_reminder_scan(tuesday).deadline_reminders == 0
    assert run_reminder_scan(at(date(2026, 3, 3), 16)).deadline_reminders == 0
    deliver_due_messages()
    deliver_due_messages()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [world.user(Role.ADVISER).email]


def test_the_reminders_come_two_working_days_before_and_on_the_day(certificate_case):
    sent_on = []
    for day in range(2, 9):  # Monday 2 to Sunday 8 March 2026
        today = date(2026, 3, day)
        if run_reminder_scan(at(today)).deadline_reminders:
            sent_on.append(today)
    assert sent_on == [date(2026, 3, 3), date(2026, 3, 5)]
    assert reminders().count() == 2
    on_the_day = reminders().order_by("created_at", "id").last()
    assert on_the_day.subject.endswith("is due today")


def test_no_reminder_before_the_day_nor_after_the_deadline_nor_once_met(certificate_case):
    assert run_reminder_scan(at(date(2026, 3, 2))).deadline_reminders == 0
    assert run_reminder_scan(at(date(2026, 3, 6))).deadline_reminders == 0


def test_a_closed_case_gets_no_reminders(make_case):
    make_case(
        state=CaseState.CLOSED,
        family_choice=FamilyChoice.CERTIFICATE,
        family_choice_on=date(2026, 3, 2),
    )
    assert run_reminder_scan(at(date(2026, 3, 3))).deadline_reminders == 0


@pytest.mark.parametrize(
    ("responsible_field", "clock_fields", "remind_on"),
    [
        # Certificate after mediation (SEND Regs reg 39): the mediator's clock.
        (
            "mediator",
            {"mediation_concluded_on": date(2026, 3, 2), "outcome": "full_agreement"},
            date(2026, 3, 3),
        ),
        # 30 days to hold mediation (regs 35–37): the LA's clock, chased by the coordinator.
        # LA told Monday 2 February 2026: due Wednesday 4 March; 2 working days before: Monday 2.
        ("coordinator", {"la_notified_on": date(2026, 2, 2)}, date(2026, 3, 2)),
    ],
)
def test_the_reminder_goes_to_who_is_responsible(
    make_case, world, responsible_field, clock_fields, remind_on
):
    case = make_case(route=Route.MEDIATION, **clock_fields)
    run_reminder_scan(at(remind_on))
    expected = getattr(case, responsible_field).email
    assert [r.to for r in reminders()] == [[expected]]


def test_with_nobody_assigned_the_coordinator_then_the_managers_are_reminded(make_case, world):
    case = make_case(
        adviser=None, family_choice=FamilyChoice.CERTIFICATE, family_choice_on=date(2026, 3, 2)
    )
    run_reminder_scan(at(date(2026, 3, 3)))
    assert reminders().get().to == [world.user(Role.COORDINATOR).email]

    case.coordinator = None
    case.save()
    run_reminder_scan(at(date(2026, 3, 5)))
    latest = reminders().order_by("-id").first()
    assert latest.to == [world.user(Role.SERVICE_MANAGER).email]
    assert "service manager" in latest.body


@pytest.mark.parametrize(
    ("due", "working_days_before", "remind_on", "why"),
    [
        (date(2026, 3, 5), 2, date(2026, 3, 3), "an ordinary week"),
        (date(2026, 3, 9), 2, date(2026, 3, 5), "across a weekend"),
        (date(2026, 4, 7), 2, date(2026, 4, 1), "across Good Friday and Easter Monday"),
        (date(2026, 5, 26), 2, date(2026, 5, 21), "across the spring bank holiday"),
        (date(2026, 12, 29), 2, date(2026, 12, 23), "across Christmas and a substitute day"),
        (date(2026, 3, 5), 0, date(2026, 3, 5), "on the day"),
        (date(2026, 3, 7), 0, date(2026, 3, 6), "a Saturday: the Friday before"),
        (date(2026, 5, 25), 0, date(2026, 5, 22), "a bank holiday: the working day before"),
    ],
)
def test_reminder_days_count_working_days(due, working_days_before, remind_on, why):
    assert reminder_day(due, working_days_before) == remind_on, why


def test_a_reminder_day_missed_while_the_worker_was_down_is_caught_up_once(settings):
    settings.ACCORD_REMINDER_WORKING_DAYS_BEFORE = [2, 0]
    due = date(2026, 3, 5)
    assert reminder_due_on(due, date(2026, 3, 2)) is None
    assert reminder_due_on(due, date(2026, 3, 3)) == date(2026, 3, 3)
    assert reminder_due_on(due, date(2026, 3, 4)) == date(2026, 3, 3)  # same key: no repeat
    assert reminder_due_on(due, date(2026, 3, 5)) == date(2026, 3, 5)
    assert reminder_due_on(due, date(2026, 3, 6)) is None


def test_reminders_across_a_bank_holiday(make_case):
    # Certificate wanted on Thursday 2 April 2026: Good Friday and Easter Monday do not count,
    # so it is due Thursday 9 April (reg 34); the reminder comes on Tuesday 7 April.
    make_case(family_choice=FamilyChoice.CERTIFICATE, family_choice_on=date(2026, 4, 2))
    scanned = {
        day: run_reminder_scan(at(day)).deadline_reminders
        for day in (date(2026, 4, 3), date(2026, 4, 6), date(2026, 4, 7), date(2026, 4, 8))
    }
    assert scanned == {
        date(2026, 4, 3): 0,
        date(2026, 4, 6): 0,
        date(2026, 4, 7): 1,
        date(2026, 4, 8): 0,
    }
    assert "Thursday 9 April 2026" in reminders().get().body


def test_the_reminder_days_come_from_settings(certificate_case, settings):
    settings.ACCORD_REMINDER_WORKING_DAYS_BEFORE = [1]
    assert run_reminder_scan(at(date(2026, 3, 3))).deadline_reminders == 0
    assert run_reminder_scan(at(date(2026, 3, 4))).deadline_reminders == 1


# --- the overdue digest ---------------------------------------------------------------------


def test_the_digest_lists_overdue_items_for_each_providers_managers_only(make_case, world):
    ours = make_case(family_choice=FamilyChoice.CERTIFICATE, family_choice_on=date(2026, 3, 2))
    theirs = make_case(
        provider=world.stranger_provider,
        family_choice=FamilyChoice.CERTIFICATE,
        family_choice_on=date(2026, 3, 2),
    )
    second_manager = MembershipFactory(provider=world.provider, role=Role.SERVICE_MANAGER)

    report = run_reminder_scan(at(date(2026, 3, 9)))  # Monday: both certificates overdue

    assert report.digests == 3
    digests = OutboxMessage.objects.filter(kind=MessageKind.OVERDUE_DIGEST)
    by_recipient = {d.to[0]: d for d in digests}
    assert set(by_recipient) == {
        world.user(Role.SERVICE_MANAGER).email,
        second_manager.user.email,
        world.stranger.user.email,
    }
    mine = by_recipient[world.user(Role.SERVICE_MANAGER).email]
    assert ours.reference in mine.body and theirs.reference not in mine.body
    assert mine.provider == world.provider
    assert "Thursday 5 March 2026" in mine.body
    assert world.user(Role.ADVISER).full_name in mine.body
    assert mine.subject.endswith("1 overdue item on Monday 9 March 2026")
    other = by_recipient[world.stranger.user.email]
    assert theirs.reference in other.body and ours.reference not in other.body

    # Daily: the next scans that day queue nothing more.
    assert run_reminder_scan(at(date(2026, 3, 9), 15)).digests == 0


def test_no_digest_when_nothing_is_overdue_nor_on_a_weekend(certificate_case):
    assert run_reminder_scan(at(date(2026, 3, 5))).digests == 0  # due today: not overdue
    assert run_reminder_scan(at(date(2026, 3, 7))).digests == 0  # Saturday
    assert run_reminder_scan(at(date(2026, 3, 9))).digests == 1


@pytest.mark.parametrize(
    ("due", "today", "words"),
    [
        (date(2026, 3, 5), date(2026, 3, 5), "today"),
        (date(2026, 3, 6), date(2026, 3, 5), "tomorrow"),
        (date(2026, 3, 5), date(2026, 3, 3), "in 2 working days"),
        (date(2026, 3, 10), date(2026, 3, 6), "in 2 working days"),  # across a weekend
        (date(2026, 4, 7), date(2026, 4, 2), "in 1 working day"),  # Easter
        (date(2026, 3, 7), date(2026, 3, 5), "in 2 days"),  # a Saturday: calendar days
    ],
)
def test_how_far_off_a_deadline_is_in_words(due, today, words):
    from accord.notifications.messages import due_in_words

    assert due_in_words(due, today) == words
