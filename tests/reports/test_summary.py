"""The summary tables (accord.reports.summary): every figure read from them equals the same
figure aggregated fresh from the cases, and the tables kept up to date change by change equal
a rebuild (`manage.py rebuild_summaries`). Runs on SQLite and on PostgreSQL alike."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from accord.cases.clock_rows import store_case_clocks
from accord.cases.models import Appeal, Case
from accord.documents.models import Certificate
from accord.family.models import Feedback
from accord.meetings.models import Meeting, MiasCall
from accord.reports import feedback, layout, summary
from accord.reports.feedback import FeedbackRow
from accord.reports.models import CaseTallied, CaseTally
from accord.reports.scope import Period, Scope
from accord.reports.selectors import (
    activity,
    clocks,
    kept,
    monthly,
    national,
    outcome_counts,
    time_taken,
    volumes,
)
from tests.factories import CaseFactory, ChildFactory
from tests.reports.fixture import TODAY, YEAR_2025, build

LONDON = ZoneInfo("Europe/London")
ROUTES = ["mediation", "mediation", "disagreement_resolution", "health_only_mediation", ""]
STATES = ["enquiry", "arranging", "meeting_booked", "follow_up", "closed", "closed", "closed"]
OUTCOMES = ["", "full", "partial", "none", "withdrawn", "declined", "no_further_action"]


def _more_cases(world, count: int = 40, seed: int = 16) -> list[Case]:
    """Cases drawn at random (a fixed seed) over 2024–2026, in both LAs and with or without the
    ICB, each with the rows the reports count: information calls, meetings (some cancelled,
    some not mediation), certificates (some corrected) and stored clocks."""
    rng = random.Random(seed)
    made = []
    for n in range(count):
        received = date(2024, 6, 1) + timedelta(days=rng.randint(0, 600))
        concluded = received + timedelta(days=rng.randint(10, 60)) if rng.random() < 0.6 else None
        state = rng.choice(STATES)
        outcome = rng.choice(OUTCOMES) if concluded or state == "closed" else ""
        case = CaseFactory(
            provider=world.provider,
            reference=f"KM-R-{n:03d}",
            child=ChildFactory(provider=world.provider),
            local_authority=rng.choice([world.la, world.other_la]),
            health_body=world.icb if rng.random() < 0.4 else None,
            involves_health=False,
            received_on=received,
            route=rng.choice(ROUTES),
            channel=rng.choice(["phone", "email", "online", "referral"]),
            decision_kind=rng.choice(["refuse_to_assess", "plan_content", "cease_to_maintain"]),
            decision_notice_sent_on=received - timedelta(days=rng.randint(2, 40)),
            la_notified_on=received + timedelta(days=rng.randint(1, 9)),
            state=state,
            outcome=outcome,
            mediation_concluded_on=concluded,
            closed_on=(concluded or received) + timedelta(days=rng.randint(0, 30))
            if state == "closed"
            else None,
        )
        # Appeals are rows (accord.cases.models.Appeal): none, one, or now and then two.
        for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
            Appeal.objects.create(
                case=case,
                registered_on=(concluded or received) + timedelta(days=rng.randint(-20, 60)),
                decision_kind=case.decision_kind,
            )
        for _ in range(rng.randint(0, 2)):
            held = received + timedelta(days=rng.randint(1, 20))
            MiasCall.objects.create(case=case, held_on=held if rng.random() < 0.8 else None)
        for _ in range(rng.randint(0, 2)):
            day = received + timedelta(days=rng.randint(5, 70))
            starts = datetime(day.year, day.month, day.day, rng.choice([0, 10, 23]), tzinfo=LONDON)
            Meeting.objects.create(
                case=case,
                kind=rng.choice(["mediation", "dr", "pre_meeting"]),
                format=rng.choice(["online", "in_person", "phone"]),
                starts_at=starts,
                ends_at=starts + timedelta(minutes=50),
                notice_sent_on=day - timedelta(days=rng.randint(3, 20)),
                cancelled_at=timezone.now() if rng.random() < 0.2 else None,
            )
        if rng.random() < 0.5:
            first = _certificate(world, case, received + timedelta(days=rng.randint(0, 80)))
            if rng.random() < 0.3:
                _certificate(world, case, first.issued_on + timedelta(days=2), supersedes=first)
        # Feedback from the parties and the mediator, some of it given late in the evening (the
        # next day in England in summer). Drawn apart, so the other rows are as they were.
        given = random.Random(f"{seed}-feedback-{n}")
        for _ in range(given.choice([0, 0, 1, 2])):
            day = received + timedelta(days=given.randint(20, 200))
            Feedback.objects.create(
                case=case,
                respondent_role=given.choice(["parent_carer", "la_officer", "mediator"]),
                satisfied=given.randint(1, 5),
                listened_to=given.randint(1, 5),
                would_recommend=given.randint(1, 5),
                given_through="emailed_link",
                submitted_at=datetime(
                    day.year, day.month, day.day, given.choice([9, 23]), 30, tzinfo=ZoneInfo("UTC")
                ),
            )
        store_case_clocks(case)
        made.append(case)
    return made


def _certificate(world, case: Case, issued_on: date, supersedes=None) -> Certificate:
    number = Certificate.objects.count() + 1
    return Certificate.objects.create(
        provider=case.provider,
        case=case,
        number=f"KMC-{number:04d}",
        kind="after_mediation" if supersedes is None else "information_given",
        issued_on=issued_on,
        issued_by=world.members[next(iter(world.members))].user,
        family_names="A parent",
        child_name="A child",
        local_authority_name=case.local_authority.name,
        decision_description="A decision",
        pdf="certificates/test.pdf",
        sha256="0" * 64,
        idempotency_key=f"summary-test-{number}",
        supersedes=supersedes,
    )


@pytest.fixture
def service(world):
    built = build(world)
    _more_cases(world)
    return built


def _scopes(world) -> list[Scope]:
    return [
        Scope(provider_id=world.provider.pk),
        Scope(provider_id=world.provider.pk, local_authority=world.la, aggregates_only=True),
        Scope(provider_id=world.provider.pk, local_authority=world.other_la, aggregates_only=True),
        Scope(provider_id=world.provider.pk, health_body=world.icb, aggregates_only=True),
        Scope(provider_id=world.stranger_provider.pk),
    ]


PERIODS = [
    YEAR_2025,
    Period(date(2025, 3, 15), date(2025, 4, 10)),
    Period(date(2024, 6, 1), date(2026, 1, 31)),
    Period(date(2026, 1, 15), date(2026, 1, 15)),
    Period(date(2023, 1, 1), date(2023, 12, 31)),  # nothing in it
]
DAYS = [TODAY, date(2025, 6, 30)]

# (figure, kept, fresh, arguments): every figure the summary tables answer.
FIGURES = [
    ("open cases by state and route", kept.open_by_state_and_route,
     volumes.open_by_state_and_route, lambda s, p, t: (s,)),
    ("cases per LA", kept.cases_per_body, volumes.cases_per_body, lambda s, p, t: (s, p)),
    ("received by route", kept.received_by, volumes.received_by,
     lambda s, p, t: (s, p, "route")),
    ("received by decision", kept.received_by, volumes.received_by,
     lambda s, p, t: (s, p, "decision_kind")),
    ("received by channel", kept.received_by, volumes.received_by,
     lambda s, p, t: (s, p, "channel")),
    ("received by something else", kept.received_by, volumes.received_by,
     lambda s, p, t: (s, p, "state")),
    ("outcomes", kept.outcomes, outcome_counts.outcomes, lambda s, p, t: (s, p)),
    ("timeliness", kept.timeliness, clocks.timeliness, lambda s, p, t: (s, p, t)),
    ("by month", kept.by_month, monthly.by_month, lambda s, p, t: (s, p, t)),
    ("enquiry to information", kept.enquiry_to_information, time_taken.enquiry_to_information,
     lambda s, p, t: (s, p)),
    ("enquiry to meeting", kept.enquiry_to_meeting, time_taken.enquiry_to_meeting,
     lambda s, p, t: (s, p)),
    ("appeals", kept.appeals, national.appeals, lambda s, p, t: (s, p)),
    ("certificates issued", kept.certificates_issued, activity.certificates_issued,
     lambda s, p, t: (s, p)),
    ("meetings by format", kept.meetings_by_format, activity.meetings_by_format,
     lambda s, p, t: (s, p)),
    ("feedback scores", kept.feedback_scores, feedback.feedback_scores, lambda s, p, t: (s, p)),
]  # fmt: skip


def _normal(value):
    """Query results as plain, comparable values (dict rows may come back as other mappings;
    a mean to 9 places, as PostgreSQL's AVG keeps 16 digits and a division in Python 28)."""
    if isinstance(value, FeedbackRow):
        means = (value.satisfied, value.listened_to, value.would_recommend)
        rounded = [None if m is None else round(float(m), 9) for m in means]
        return (value.respondent_role, value.responses, *rounded)
    if isinstance(value, list):
        return [_normal(v) for v in value]
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize(("figure", "from_tables", "fresh", "arguments"), FIGURES)
def test_each_kept_figure_equals_a_fresh_aggregation(
    world, service, figure, from_tables, fresh, arguments
):
    compared = 0
    for scope in _scopes(world):
        for period in PERIODS:
            for today in DAYS:
                args = arguments(scope, period, today)
                assert _normal(from_tables(*args)) == _normal(fresh(*args)), (
                    figure,
                    scope,
                    period,
                    today,
                )
                compared += 1
    assert compared == len(_scopes(world)) * len(PERIODS) * len(DAYS)


def _means(row: FeedbackRow) -> tuple:
    return (row.satisfied, row.listened_to, row.would_recommend)


def test_kept_feedback_scores_are_shown_as_the_fresh_ones(world, service):
    """The page shows each mean to one place: the same digits from either, on either
    database."""
    shown = 0
    for scope in _scopes(world):
        for period in PERIODS:
            kept_rows, fresh_rows = (
                [(r.respondent_role, r.responses, *map(layout._score, _means(r))) for r in rows]
                for rows in (
                    kept.feedback_scores(scope, period),
                    feedback.feedback_scores(scope, period),
                )
            )
            assert kept_rows == fresh_rows, (scope, period)
            shown += len(kept_rows)
    assert shown > 10


def test_the_fixture_has_something_in_every_measure(world, service):
    """Otherwise the comparison above could pass on empty tables."""
    measures = set(CaseTally.objects.values_list("measure", flat=True))
    assert measures == set(summary.MEASURES)
    assert CaseTallied.objects.count() == Case.objects.count()


def assert_kept_equals_rebuilt() -> None:
    kept_now = summary.tallies_as_counter()
    summary.rebuild()
    assert kept_now == summary.tallies_as_counter()


def _close_with_agreement(world, cases):
    case = cases["F"]
    case.state, case.outcome = "closed", "full"
    case.mediation_concluded_on = case.closed_on = date(2025, 8, 1)
    case.save()


def _move_to_the_other_la(world, cases):
    case = cases["A"]
    case.local_authority = world.other_la
    case.health_body = world.icb
    case.save()


def _cancel_a_meeting(world, cases):
    meeting = Meeting.objects.filter(case=cases["B"]).first()
    meeting.cancelled_at = timezone.now()
    meeting.save()


def _delete_a_meeting(world, cases):
    Meeting.objects.filter(case=cases["C"]).first().delete()


def _first_call_earlier(world, cases):
    MiasCall.objects.create(case=cases["C"], held_on=date(2025, 4, 2))


def _delete_calls(world, cases):
    for call in MiasCall.objects.filter(case=cases["A"]):
        call.delete()


def _correct_a_certificate(world, cases):
    case = Case.objects.filter(certificates__supersedes__isnull=True).first()
    first = case.certificates.filter(supersedes__isnull=True).first()
    _certificate(world, case, first.issued_on + timedelta(days=1), supersedes=first)


def _clocks_done(world, cases):
    case = cases["B"]
    case.la_notified_on = date(2025, 3, 20)
    case.save()
    store_case_clocks(case)


def _delete_a_case(world, cases):
    case = Case.objects.filter(certificates__isnull=True, reference__startswith="KM-R").first()
    case.delete()


def _feedback_given(world, cases):
    Feedback.objects.create(
        case=cases["A"],
        respondent_role="parent_carer",
        satisfied=4,
        listened_to=5,
        would_recommend=3,
        given_through="family_page",
        submitted_at=datetime(2025, 7, 31, 23, 15, tzinfo=ZoneInfo("UTC")),
    )


def _feedback_deleted(world, cases):
    Feedback.objects.filter(case__reference__startswith="KM-R").first().delete()


def _appeal_recorded(world, cases):
    case = cases["A"]
    Appeal.objects.create(case=case, registered_on=date(2025, 3, 20), decision_kind="plan_content")


# (change, whether it changes any count): a correction is not a new certificate.
CHANGES = [
    (_close_with_agreement, True),
    (_move_to_the_other_la, True),
    (_cancel_a_meeting, True),
    (_delete_a_meeting, True),
    (_first_call_earlier, True),
    (_delete_calls, True),
    (_correct_a_certificate, False),
    (_clocks_done, True),
    (_delete_a_case, True),
    (_appeal_recorded, True),
    (_feedback_given, True),
    (_feedback_deleted, True),
]


def test_a_rebuild_of_untouched_tables_changes_nothing(world, service):
    assert_kept_equals_rebuilt()


@pytest.mark.parametrize(
    ("change", "counts"), CHANGES, ids=[c.__name__.strip("_") for c, _counts in CHANGES]
)
def test_the_tables_follow_each_change_as_a_rebuild_would_count_it(world, service, change, counts):
    before = summary.tallies_as_counter()
    change(world, service.cases)
    assert (summary.tallies_as_counter() != before) is counts
    assert_kept_equals_rebuilt()
    scope = Scope(provider_id=world.provider.pk)
    assert kept.timeliness(scope, YEAR_2025, TODAY) == clocks.timeliness(scope, YEAR_2025, TODAY)
    assert kept.outcomes(scope, YEAR_2025) == outcome_counts.outcomes(scope, YEAR_2025)
    assert _normal(kept.feedback_scores(scope, YEAR_2025)) == _normal(
        feedback.feedback_scores(scope, YEAR_2025)
    )


def test_rebuild_summaries_rebuilds_and_checks(world, service):
    summary.rebuild()
    call_command("rebuild_summaries", "--check")
    row = CaseTally.objects.filter(measure="received").first()
    row.count += 1
    row.save()
    with pytest.raises(CommandError, match="differ"):
        call_command("rebuild_summaries", "--check")
    call_command("rebuild_summaries", "--provider", "KM")
    call_command("rebuild_summaries", "--check")
    with pytest.raises(CommandError, match="No provider"):
        call_command("rebuild_summaries", "--provider", "NOPE")


def test_compacting_merges_rows_of_one_key_and_changes_no_figure(world, service):
    """Cases counted in two blocks leave two rows for many keys; compacting makes one."""
    ids = sorted(Case.objects.values_list("pk", flat=True))
    CaseTally.objects.all().delete()
    CaseTallied.objects.all().delete()
    middle = ids[len(ids) // 2]
    summary.count_new(ids[0], middle)
    summary.count_new(middle + 1, ids[-1])
    counted = summary.tallies_as_counter()
    rows = CaseTally.objects.count()
    scope = Scope(provider_id=world.provider.pk)
    figures = kept.timeliness(scope, YEAR_2025, TODAY), kept.by_month(scope, YEAR_2025, TODAY)
    call_command("rebuild_summaries", "--compact")
    assert summary.tallies_as_counter() == counted
    assert CaseTally.objects.count() == len(counted) < rows
    assert (kept.timeliness(scope, YEAR_2025, TODAY), kept.by_month(scope, YEAR_2025, TODAY)) == (
        figures
    )
    call_command("rebuild_summaries", "--check")


def test_a_rebuild_of_one_provider_leaves_the_others(world, service):
    stranger = Scope(provider_id=world.stranger_provider.pk)
    theirs = kept.outcomes(stranger, YEAR_2025)
    assert theirs.counts  # case X
    CaseTally.objects.filter(provider=world.provider).delete()
    summary.rebuild(world.provider.pk)
    assert kept.outcomes(stranger, YEAR_2025) == theirs
    assert_kept_equals_rebuilt()
