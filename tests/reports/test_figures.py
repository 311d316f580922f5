"""Every figure against the hand-counted service in tests/reports/fixture.py."""

from __future__ import annotations

import pytest

from accord.reports import selectors
from accord.reports.scope import Scope
from tests.reports.fixture import TODAY, YEAR_2025, build, d


@pytest.fixture
def service(world):
    return build(world)


@pytest.fixture
def scope(world, service) -> Scope:
    return Scope(provider_id=world.provider.pk)


@pytest.fixture
def kent(world, service) -> Scope:
    return Scope(provider_id=world.provider.pk, local_authority=world.la, aggregates_only=True)


def _as_dict(rows, key="value"):
    return {r[key]: r["count"] for r in rows}


def test_open_cases_by_state_and_route(scope):
    rows = {(r["state"], r["route"]): r["count"] for r in selectors.open_by_state_and_route(scope)}
    assert rows == {
        ("follow_up", "mediation"): 1,
        ("arranging", "mediation"): 1,
        ("enquiry", ""): 1,
    }


def test_cases_per_local_authority(scope):
    assert selectors.cases_per_body(scope, YEAR_2025) == [
        {"name": "Kent County Council", "received": 6, "open": 3},
        {"name": "Medway Council", "received": 2, "open": 0},
    ]


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("route", {"mediation": 6, "disagreement_resolution": 1, "": 1}),
        ("decision_kind", {"refuse_to_assess": 8}),
        ("channel", {"phone": 8}),
    ],
)
def test_enquiries_received_by(scope, field, expected):
    assert _as_dict(selectors.received_by(scope, YEAR_2025, field)) == expected


def test_outcomes_and_agreement_rate(scope):
    result = selectors.outcomes(scope, YEAR_2025)
    # H reached its outcome in 2024 and X belongs to another provider: neither counts.
    assert result.counts == {"full": 2, "partial": 1, "none": 1, "withdrawn": 1, "declined": 1}
    assert result.meetings == 4
    assert result.agreement_rate == 75.0


def test_timeliness_per_clock(scope):
    rows = {
        t.clock: (t.due, t.in_time, t.late, t.overdue, t.running)
        for t in selectors.timeliness(scope, YEAR_2025, TODAY)
    }
    assert rows == {
        # 30 days from the LA being told (SEND Regs regs 35–37): A, C, I in time; B held 11
        # days late; F not held and overdue.
        "mediation_held": (5, 3, 1, 1, 0),
        # 5 working days' notice: A in time, B late but the family agreed, C late.
        "meeting_notice": (3, 2, 1, 0, 0),
        # No certificate was issued after A, B, C or I: all overdue (3 working days, reg 39).
        "certificate_after_mediation": (4, 0, 0, 4, 0),
    }


def test_late_clocks_are_listed_latest_first(scope):
    late = selectors.late_clocks(scope, YEAR_2025, TODAY)
    listed = [(row.reference, row.clock, row.days_late) for row in late]
    assert ("KM-2025-B", "mediation_held", 11) in listed
    assert ("KM-2025-F", "mediation_held", (TODAY - d(8, 1)).days) in listed
    assert ("KM-2025-C", "meeting_notice", 5) in listed
    assert len(listed) == 7
    assert [row.due_on for row in late] == sorted((row.due_on for row in late), reverse=True)


def test_time_from_enquiry_to_information_and_to_meeting(scope):
    # First calls held after 3 (A), 10 (B) and 2 (C, whose second call does not count) days.
    information = selectors.enquiry_to_information(scope, YEAR_2025)
    assert (information.cases, information.median_days, information.p90_days) == (3, 3, 10)
    # Meetings 35 (A), 43 (B), 29 (C) and 30 (I) days after the enquiry.
    meeting = selectors.enquiry_to_meeting(scope, YEAR_2025)
    assert (meeting.cases, meeting.median_days, meeting.p90_days) == (4, 30, 43)


def test_appeals(scope):
    # Lodged in 2025: B, C, I. Of the 4 mediations held, B and C were followed by an appeal;
    # I's appeal came before its mediation.
    assert selectors.appeals(scope, YEAR_2025) == {
        "lodged": 3,
        "mediations_held": 4,
        "followed_by_appeal": 2,
    }


def test_the_sen2_figures_of_the_report_fixture(scope):
    """Every case here is a refusal to assess: Kent's A, B, C held mediation in 2025, B and C
    were followed by an appeal; Medway's I appealed before its mediation."""
    rows = selectors.sen2.person_rows(scope, 2025)
    figures = {f.la_name: f.figures for f in selectors.sen2.aggregates(rows, 2025)}
    kent, medway = figures["Kent County Council"], figures["Medway Council"]
    assert (kent["mediation_related_request"], kent["tribunal_after_mediation_request"]) == (3, 2)
    assert (medway["mediation_related_request"], medway["tribunal_related_request"]) == (1, 1)
    assert medway["tribunal_without_mediation_request"] == 1
    assert [r.reference for r in selectors.sen2.person_rows(scope, 2024)] == ["KM-2025-H"]


def test_meetings_by_kind_and_format(scope):
    rows = {
        (r["kind"], r["format"]): r["count"] for r in selectors.meetings_by_format(scope, YEAR_2025)
    }
    assert rows == {("mediation", "in_person"): 1, ("mediation", "online"): 2}


def test_a_new_meeting_format_appears_without_a_change(scope, service):
    """Report categories can grow (product.md): group by the stored value."""
    from accord.meetings.models import Meeting

    # Saved through the model, as the service saves it (the summary tables follow saves).
    for meeting in Meeting.objects.filter(case=service.cases["A"]):
        meeting.format = "video_booth"
        meeting.save()
    rows = {
        (r["kind"], r["format"]): r["count"] for r in selectors.meetings_by_format(scope, YEAR_2025)
    }
    assert rows[("mediation", "video_booth")] == 1


def test_by_month(scope):
    months = {m.month.month: m for m in selectors.by_month(scope, YEAR_2025, TODAY)}
    assert len(months) == 12
    assert [months[n].enquiries for n in range(1, 13)] == [0, 1, 1, 1, 1, 1, 1, 0, 1, 0, 0, 1]
    assert (months[3].agreed, months[4].agreed, months[4].not_agreed) == (1, 1, 1)
    assert (months[6].other_outcomes, months[10].agreed) == (2, 1)
    # Due in March: A's notice (3 Mar) and mediation (12 Mar) in time, A's certificate
    # (13 Mar) never issued.
    assert (months[3].clocks_due, months[3].clocks_in_time) == (3, 2)


def test_commissioner_scope_sees_only_their_body(kent):
    assert selectors.cases_per_body(kent, YEAR_2025) == [
        {"name": "Kent County Council", "received": 6, "open": 3}
    ]
    assert selectors.outcomes(kent, YEAR_2025).counts == {
        "full": 1,
        "partial": 1,
        "none": 1,
        "declined": 1,
    }
    assert [r.reference for r in selectors.sen2.person_rows(kent, 2025)] == [
        "KM-2025-A",
        "KM-2025-B",
        "KM-2025-C",
    ]


def test_another_provider_sees_none_of_these_cases(world, service):
    stranger = Scope(provider_id=world.stranger_provider.pk)
    assert selectors.cases_per_body(stranger, YEAR_2025) == [
        {"name": "Kent County Council", "received": 1, "open": 0}
    ]
    assert selectors.appeals(stranger, YEAR_2025) == {
        "lodged": 1,
        "mediations_held": 1,
        "followed_by_appeal": 1,
    }


def test_feedback_scores_by_role(world, service):
    from accord.family.models import Feedback
    from accord.reports.feedback import feedback_scores

    a, b = service.cases["A"], service.cases["B"]
    when = {"submitted_at": "2025-06-01T12:00:00+00:00", "given_through": "emailed_link"}
    Feedback.objects.create(
        case=a,
        respondent_role="parent_carer",
        satisfied=5,
        listened_to=4,
        would_recommend=5,
        **when,
    )
    Feedback.objects.create(
        case=b,
        respondent_role="parent_carer",
        satisfied=2,
        listened_to=3,
        would_recommend=1,
        **when,
    )
    Feedback.objects.create(
        case=b, respondent_role="la_officer", satisfied=4, listened_to=4, would_recommend=4, **when
    )
    Feedback.objects.create(
        case=service.cases["X"],
        respondent_role="parent_carer",
        satisfied=1,
        listened_to=1,
        would_recommend=1,
        **when,
    )
    rows = {
        r.respondent_role: r
        for r in feedback_scores(Scope(provider_id=world.provider.pk), YEAR_2025)
    }
    assert set(rows) == {"parent_carer", "la_officer"}
    family = rows["parent_carer"]
    assert (family.responses, family.satisfied, family.listened_to, family.would_recommend) == (
        2,
        3.5,
        3.5,
        3.0,
    )
    assert rows["la_officer"].responses == 1
