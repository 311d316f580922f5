"""The reminder scan as a periodic job: scheduled hourly, quiet in the night, and queued once
however many workers run it. Tasks run inline in tests (tests/conftest.py)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone
from django_q.models import Schedule, Task
from django_q.scheduler import scheduler

from accord import rules
from accord.cases.choices import FamilyChoice, Route
from accord.notifications.models import MessageKind, OutboxMessage
from accord.organisations.roles import Role
from accord.reminders.tasks import (
    CASE_REFRESH,
    CASE_REFRESH_HOUR,
    CASE_REFRESH_SCHEDULE,
    REMINDER_SCAN,
    REMINDER_SCHEDULE,
    case_refresh,
    next_night_run,
    reminder_scan,
    reminders_may_go_at,
)
from tests.factories import (
    CaseFactory,
    ChildFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    ProviderFactory,
)
from tests.notifications.conftest import at

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: the in-memory SQLite test database is not shared between threads",
)


def reminders():
    return OutboxMessage.objects.filter(kind=MessageKind.DEADLINE_REMINDER)


def scans() -> int:
    return Task.objects.filter(func=REMINDER_SCAN).count()


def only_the_reminder_schedule_due() -> None:
    Schedule.objects.exclude(name=REMINDER_SCHEDULE).update(
        next_run=timezone.now() + timedelta(days=1)
    )
    Schedule.objects.filter(name=REMINDER_SCHEDULE).update(
        next_run=timezone.now() - timedelta(seconds=5)
    )


def certificate_due_next_working_day(make: Callable[..., object]) -> None:
    """A certificate (SEND Regs reg 34: 3 working days) due on the next working day after today,
    so whatever day the tests run, today's scan reminds the adviser once (2 working days
    before, caught up on a weekend)."""
    due = rules.add_working_days(timezone.localdate(), 1)
    make(
        family_choice=FamilyChoice.CERTIFICATE,
        family_choice_on=rules.subtract_working_days(due, 3),
    )


# --- the schedule -------------------------------------------------------------------------------


def test_migrate_schedules_the_reminder_scan_every_hour(db):
    schedule = Schedule.objects.get(name=REMINDER_SCHEDULE)
    assert schedule.func == REMINDER_SCAN
    assert schedule.schedule_type == Schedule.HOURLY
    assert schedule.repeats == -1
    assert schedule.cluster is None


# --- not in the night ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hour", "may_go"),
    [(0, False), (6, False), (7, True), (12, True), (23, True)],
)
def test_reminders_go_from_the_configured_hour_uk_time(settings, hour, may_go):
    settings.ACCORD_REMINDERS_FROM_HOUR = 7
    assert reminders_may_go_at(at(date(2026, 3, 3), hour)) is may_go


def test_the_hour_is_uk_time_in_summer_too(settings):
    settings.ACCORD_REMINDERS_FROM_HOUR = 7
    assert not reminders_may_go_at(datetime(2026, 7, 1, 5, 30, tzinfo=UTC))  # 06:30 BST
    assert reminders_may_go_at(datetime(2026, 7, 1, 6, 30, tzinfo=UTC))  # 07:30 BST


def test_the_scheduled_scan_queues_nothing_in_the_night_then_reminds_once(
    certificate_case, world, settings
):
    # Certificate chosen Monday 2 March 2026, due Thursday 5 March: Tuesday is reminder day.
    settings.ACCORD_REMINDERS_FROM_HOUR = 7
    assert reminder_scan(at(date(2026, 3, 3), 6)) == "nothing queued before 07:00"
    assert not reminders().exists()

    assert reminder_scan(at(date(2026, 3, 3), 7)) == (
        "1 deadline reminders, 0 meeting reminders, 0 overdue digests, 0 reminders to "
        "families, 0 messages to officers, 0 others queued"
    )
    assert reminders().get().to == [world.user(Role.ADVISER).email]

    # Every following hour of the day: nothing more.
    for hour in (8, 12, 23):
        assert reminder_scan(at(date(2026, 3, 3), hour)).startswith("0 deadline reminders")
    assert reminders().count() == 1


# --- once, however many workers -----------------------------------------------------------------


def test_two_workers_schedulers_run_the_scan_once(make_case, settings):
    settings.ACCORD_REMINDERS_FROM_HOUR = 0
    certificate_due_next_working_day(make_case)
    only_the_reminder_schedule_due()

    scheduler()  # one worker's scheduler
    scheduler()  # another worker's, straight after

    assert scans() == 1
    assert reminders().count() == 1
    assert Schedule.objects.get(name=REMINDER_SCHEDULE).next_run > timezone.now()


def test_the_scan_run_twice_still_queues_each_reminder_once(make_case, settings):
    # As if a task were handed out twice (a worker died before acknowledging it).
    settings.ACCORD_REMINDERS_FROM_HOUR = 0
    certificate_due_next_working_day(make_case)
    assert reminder_scan().startswith("1 deadline reminders")
    assert reminder_scan().startswith("0 deadline reminders")
    assert reminders().count() == 1


def a_case_in_a_fresh_provider() -> None:
    provider = ProviderFactory()
    la = LocalAuthorityFactory()
    provider.local_authorities.add(la)
    adviser = MembershipFactory(provider=provider, role=Role.ADVISER).user
    due = rules.add_working_days(timezone.localdate(), 1)
    CaseFactory(
        provider=provider,
        child=ChildFactory(provider=provider),
        local_authority=la,
        route=Route.MEDIATION,
        adviser=adviser,
        decision_notice_sent_on=date(2026, 2, 20),
        family_choice=FamilyChoice.CERTIFICATE,
        family_choice_on=rules.subtract_working_days(due, 3),
    )


def run_in_two_threads(job: Callable[[], object]) -> list[BaseException]:
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait()
            job()
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_the_same_moment_run_the_scan_once(settings):
    # django-q2 locks the due schedules (SELECT … FOR UPDATE) and moves next_run on in the same
    # transaction: the second scheduler waits, then finds the schedule no longer due.
    settings.ACCORD_REMINDERS_FROM_HOUR = 0
    a_case_in_a_fresh_provider()
    only_the_reminder_schedule_due()

    assert run_in_two_threads(scheduler) == []

    assert scans() == 1
    assert reminders().count() == 1


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_scans_at_the_same_moment_queue_each_reminder_once(settings):
    # Even run twice at once, the outbox's unique idempotency key keeps one row per reminder.
    settings.ACCORD_REMINDERS_FROM_HOUR = 0
    for _ in range(5):
        a_case_in_a_fresh_provider()

    assert run_in_two_threads(reminder_scan) == []

    assert reminders().count() == 5
    assert reminders().values("idempotency_key").distinct().count() == 5


# --- the nightly case refresh -------------------------------------------------------------------


def test_migrate_schedules_the_case_refresh_every_night(db):
    schedule = Schedule.objects.get(name=CASE_REFRESH_SCHEDULE)
    assert schedule.func == CASE_REFRESH
    assert schedule.schedule_type == Schedule.DAILY
    assert schedule.repeats == -1
    assert timezone.localtime(schedule.next_run).hour == CASE_REFRESH_HOUR


@pytest.mark.parametrize(
    ("now", "first_run"),
    [
        (datetime(2026, 3, 3, 0, 30, tzinfo=UTC), datetime(2026, 3, 3, 1, 0, tzinfo=UTC)),
        (datetime(2026, 3, 3, 1, 0, tzinfo=UTC), datetime(2026, 3, 4, 1, 0, tzinfo=UTC)),
        (datetime(2026, 3, 3, 14, 0, tzinfo=UTC), datetime(2026, 3, 4, 1, 0, tzinfo=UTC)),
        # Summer: 01:00 BST is 00:00 UTC.
        (datetime(2026, 7, 1, 12, 0, tzinfo=UTC), datetime(2026, 7, 2, 0, 0, tzinfo=UTC)),
        # 23:30 UTC on 30 June is 00:30 BST on 1 July: that night's run is half an hour away.
        (datetime(2026, 6, 30, 23, 30, tzinfo=UTC), datetime(2026, 7, 1, 0, 0, tzinfo=UTC)),
    ],
)
def test_the_case_refresh_first_runs_at_the_next_1am_uk_time(now, first_run):
    assert next_night_run(now) == first_run


def test_the_case_refresh_notes_the_young_person_and_restores_a_stale_deadline(db):
    today = timezone.localdate()
    # Compulsory school age ends on the last Friday of June of the school year the child turns
    # 16 (Education Act 1996 s.8): a child born 17 years ago has passed it during the case.
    born = today - timedelta(days=17 * 365)
    became = rules.becomes_young_person_on(born)
    assert became <= today
    provider = ProviderFactory()
    case = CaseFactory(
        provider=provider,
        child=ChildFactory(provider=provider, date_of_birth=born),
        local_authority=LocalAuthorityFactory(),
        received_on=became - timedelta(days=30),
    )
    type(case).objects.filter(pk=case.pk).update(next_deadline_on=date(2001, 1, 1))

    assert case_refresh() == "checked 1 open case, 1 changed"

    case.refresh_from_db()
    assert case.next_deadline_on != date(2001, 1, 1)
    assert case.timeline.filter(kind="young_person").count() == 1
    version = case.version
    # Safe to run again: noted once, and a case already current is not written at all.
    assert case_refresh() == "checked 1 open case, 0 changed"
    assert case.timeline.filter(kind="young_person").count() == 1
    case.refresh_from_db()
    assert case.version == version


def test_the_refresh_command_does_the_same_now(db):
    from io import StringIO

    from django.core.management import call_command

    open_case, closed_case = CaseFactory(), CaseFactory(state="closed")
    type(open_case).objects.update(next_deadline_on=date(2001, 1, 1))
    out = StringIO()
    call_command("refresh_cases", stdout=out)
    assert out.getvalue().strip() == "Checked 1 open cases: 1 changed."
    open_case.refresh_from_db()
    closed_case.refresh_from_db()
    assert open_case.next_deadline_on != date(2001, 1, 1)
    assert closed_case.next_deadline_on == date(2001, 1, 1)  # closed cases are left as they are
