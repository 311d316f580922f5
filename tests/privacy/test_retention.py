"""The retention job (accord.privacy.retention): a dry run counts, --apply anonymises closed
cases (their figures kept) and deletes what has no reason to stay; a legal hold stops it; every
run is logged; the worker runs it daily."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import call_command
from django.utils import timezone
from django_q.models import Schedule

from accord.cases.append_only import retention_window
from accord.cases.audit import record_case_read
from accord.cases.models import Case, CaseAccess, CaseNote, Party
from accord.cases.states import CaseState
from accord.cases.timeline import EventKind, record_event
from accord.family.models import SignInCode
from accord.notifications.models import OutboxMessage
from accord.organisations.roles import Role
from accord.privacy.models import RetentionRun
from accord.privacy.retention import ANONYMISED, run_retention
from accord.privacy.tasks import RETENTION_SCHEDULE, ensure_schedules
from accord.rules import today_in_england
from tests.factories import CaseFactory, ChildFactory, PartyFactory

LONG_AGO = today_in_england() - relativedelta(years=7)


def _closed(world, closed_on=LONG_AGO, before=CaseState.FOLLOW_UP, **extra) -> Case:
    case = CaseFactory(
        provider=world.provider,
        local_authority=world.la,
        child=ChildFactory(provider=world.provider, first_name="Zebedee", last_name="Quinn"),
        state=CaseState.CLOSED,
        state_before_close=before,
        closed_on=closed_on,
        outcome="full",
        summary="About Zebedee's speech therapy",
        safeguarding_notes="Private",
        **extra,
    )
    PartyFactory(case=case, name="Jo Quinn", email="jo@example.org", access_needs="Wheelchair")
    CaseNote.objects.create(case=case, author=world.user_any, text="A note")
    record_event(
        case, EventKind.PARTY_CHANGED, "Jo Quinn's details changed", {"x": [1, 2]}, by=None
    )
    return case


@pytest.fixture
def world(world):
    world.user_any = world.user(Role.COORDINATOR)
    return world


def test_a_dry_run_counts_and_changes_nothing(world):
    case = _closed(world)
    run = run_retention(apply=False, started_by="test")
    assert run.counts[world.provider.name]["closed_case"] == 1
    assert not run.applied
    case.refresh_from_db()
    assert case.anonymised_on is None and case.child.first_name == "Zebedee"


def test_applied_a_closed_case_is_anonymised_and_keeps_its_figures(world):
    case = _closed(world)
    run_retention(apply=True, started_by="test")
    case.refresh_from_db()
    assert case.anonymised_on == today_in_england()
    assert (case.state, case.outcome, case.closed_on) == (CaseState.CLOSED, "full", LONG_AGO)
    assert case.summary == "" and case.safeguarding_notes == ""
    assert case.child.first_name == ANONYMISED and case.child.last_name == ""
    party = Party.objects.get(case=case)
    assert (party.name, party.email, party.access_needs) == (ANONYMISED, "", "")
    assert not CaseNote.objects.filter(case=case).exists()
    summaries = list(case.timeline.values_list("summary", flat=True))
    assert not any("Jo Quinn" in s for s in summaries)
    assert case.timeline.filter(kind=EventKind.ANONYMISED).exists()


def test_a_legal_hold_stops_it(world):
    case = _closed(world, legal_hold=True, legal_hold_reason="Tribunal appeal pending")
    run = run_retention(apply=True, started_by="test")
    case.refresh_from_db()
    assert case.anonymised_on is None and case.child.first_name == "Zebedee"
    assert run.counts[world.provider.name]["on_hold"] == 1


def test_a_recent_closure_is_kept_and_an_old_enquiry_goes_sooner(world):
    recent = _closed(world, closed_on=today_in_england() - timedelta(days=30))
    enquiry = _closed(
        world, closed_on=today_in_england() - relativedelta(months=13), before=CaseState.ENQUIRY
    )
    run = run_retention(apply=True, started_by="test")
    recent.refresh_from_db()
    enquiry.refresh_from_db()
    assert recent.anonymised_on is None
    assert enquiry.anonymised_on is not None
    assert run.counts[world.provider.name]["enquiry"] == 1


def test_old_access_log_entries_message_words_and_sign_in_codes_go(world):
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    long_ago = timezone.now() - relativedelta(years=8)
    message = OutboxMessage.objects.create(
        provider=world.provider,
        case=case,
        to=["a@example.org"],
        subject="S",
        body="Words",
        idempotency_key="old",
        status="sent",
        sent_at=timezone.now() - timedelta(days=100),
    )
    SignInCode.objects.create(
        address_digest="d",
        channel="email",
        salt="s",
        code_hash="h",
        expires_at=timezone.now() - timedelta(days=30),
    )
    old = record_case_read(case, by=None, what="viewed case")
    recent = record_case_read(case, by=None, what="viewed case")
    with retention_window():
        CaseAccess.objects.filter(pk=old.pk).update(at=long_ago)
    run_retention(apply=True, started_by="test")
    assert list(CaseAccess.objects.values_list("pk", flat=True)) == [recent.pk]
    message.refresh_from_db()
    assert message.body == ""
    assert not SignInCode.objects.exists()


def test_the_command_is_a_dry_run_unless_told_and_every_run_is_logged(world):
    case = _closed(world)
    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    assert "Dry run" in out.getvalue()
    assert "closed cases anonymised: 1" in out.getvalue()
    case.refresh_from_db()
    assert case.anonymised_on is None
    call_command("apply_retention", "--apply", stdout=io.StringIO())
    case.refresh_from_db()
    assert case.anonymised_on is not None
    assert list(RetentionRun.objects.values_list("applied", flat=True)) == [True, False]


def test_the_worker_runs_it_daily(db):
    ensure_schedules()
    schedule = Schedule.objects.get(name=RETENTION_SCHEDULE)
    assert (schedule.func, schedule.schedule_type) == (
        "accord.privacy.tasks.daily_retention",
        Schedule.DAILY,
    )
