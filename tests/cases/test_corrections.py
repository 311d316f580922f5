"""Every recorded fact can be put right (issue: "a record that cannot be wrong").

Found when walked: a meeting "concluded" on a date in the future could not be corrected (the
outcome form refused, the certificate was blocked until that date). Now every date or choice a
step records has a "Correct" link on the case page, one form, a reason, the same date checks
as the step that recorded it, the change on the timeline (before, after, reason), and the clocks
worked out again."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from accord import rules
from accord.cases import services
from accord.cases.choices import FamilyChoice, Outcome, Route
from accord.cases.corrections import recorded_facts
from accord.cases.models import Case
from accord.cases.states import CaseState
from accord.organisations.roles import Role
from tests.documents.conftest import CHOICE_ON, MEETING_DAY, RECEIVED, make_case

pytestmark = pytest.mark.django_db


def _correct_url(case, key, target=0):
    args = [case.reference, key] + ([target] if target else [])
    return reverse("cases:correct", args=args)


def test_a_meeting_recorded_as_concluded_in_the_future_is_corrected_and_the_clock_follows(
    world, client_for
):
    case = make_case(world, "follow_up")
    # As the old record held it: concluded on a day still to come.
    future = rules.today_in_england() + timedelta(days=20)
    Case.objects.filter(pk=case.pk).update(mediation_concluded_on=future)
    services.refresh_deadlines(case)
    case.refresh_from_db()
    client = client_for(Role.COORDINATOR)
    page = client.get(case.get_absolute_url()).content.decode()
    url = _correct_url(case, "mediation_concluded_on")
    assert f'href="{url}"' in page
    # The same checks as recording the outcome: not in the future, not before the meeting began.
    for wrong, words in (
        (future + timedelta(days=1), "must be today or in the past"),
        (MEETING_DAY - timedelta(days=1), "on or after 7 April 2026"),
    ):
        answer = client.post(url, {"version": case.version, "value": wrong, "reason": "Typo"})
        assert answer.status_code == 400
        assert words in answer.content.decode()
    answer = client.post(
        url, {"version": case.version, "value": MEETING_DAY, "reason": "Typed the wrong year"}
    )
    assert answer.status_code == 302
    assert answer.url.endswith("#recorded")
    case.refresh_from_db()
    assert case.mediation_concluded_on == MEETING_DAY
    # SEND Regs 2014 reg 39: the certificate is due 3 working days after the meeting concluded.
    row = case.clock_rows.get(key="certificate_after_mediation")
    assert row.due_on == rules.certificate_due(MEETING_DAY)
    event = case.timeline.get(kind="fact_corrected")
    assert "Typed the wrong year" in event.summary
    assert event.changes["Date the meeting concluded"] == [f"{future:%-d %B %Y}", "7 April 2026"]


def test_a_correction_needs_a_reason_and_a_change(world, client_for):
    case = make_case(world, "arranging")
    coordinator = world.user(Role.COORDINATOR)
    with pytest.raises(services.CaseError, match="reason"):
        services.correct_fact(case, "family_choice_on", date(2026, 3, 13), " ", by=coordinator)
    with pytest.raises(services.CaseError, match="already recorded"):
        services.correct_fact(case, "family_choice_on", CHOICE_ON, "Check", by=coordinator)
    with pytest.raises(services.CaseError, match="on or after 9 March 2026"):
        services.correct_fact(
            case, "family_choice_on", RECEIVED - timedelta(days=1), "Check", by=coordinator
        )
    assert not case.timeline.filter(kind="fact_corrected").exists()


def test_the_la_told_date_restarts_the_30_day_clock(world):
    case = make_case(world, "arranging")
    told = CHOICE_ON + timedelta(days=2)
    services.correct_fact(
        case, "la_notified_on", told, "The LA's receipt is dated later", by=world.user(Role.ADVISER)
    )
    case.refresh_from_db()
    # SEND Regs 2014 regs 35-37: mediation within 30 days of the LA being told.
    assert case.clock_rows.get(key="mediation_held").due_on == rules.mediation_due(told)
    with pytest.raises(services.CaseError, match="on or after 16 March 2026"):
        services.correct_fact(
            case, "la_notified_on", CHOICE_ON - timedelta(days=1), "x", by=world.user(Role.ADVISER)
        )


def test_the_meeting_outcome_is_corrected_and_closing_follows_it(world, client_for):
    case = make_case(world, "follow_up", outcome=Outcome.PARTIAL_AGREEMENT)
    client = client_for(Role.MEDIATOR)
    url = _correct_url(case, "meeting_outcome")
    client.post(url, {"version": case.version, "value": "full", "reason": "Everything agreed"})
    case.refresh_from_db()
    assert case.outcome == Outcome.FULL_AGREEMENT
    services.close_case(case, Outcome.FULL_AGREEMENT, by=world.user(Role.COORDINATOR))


def test_the_family_decision_is_corrected_until_something_follows_from_it(world):
    case = make_case(world, "arranging")
    coordinator = world.user(Role.COORDINATOR)
    services.correct_fact(
        case,
        "family_choice",
        FamilyChoice.CERTIFICATE,
        "They asked for the certificate",
        by=coordinator,
    )
    case.refresh_from_db()
    assert (case.state, case.la_notified_on) == (CaseState.CERTIFICATE_DUE, None)
    # SEND Regs 2014 reg 34: the certificate is due 3 working days after the family decided.
    assert case.clock_rows.get(key="certificate_no_mediation").due_on == (
        rules.certificate_due(CHOICE_ON)
    )
    booked = make_case(world, "follow_up", child_last_name="Other")
    with pytest.raises(services.CaseError, match="until a meeting is booked"):
        services.correct_fact(
            booked, "family_choice", FamilyChoice.CERTIFICATE, "x", by=coordinator
        )


def test_the_route_is_corrected_between_kinds_of_mediation_only_once_under_way(world):
    case = make_case(world, "arranging")
    coordinator = world.user(Role.COORDINATOR)
    services.correct_fact(case, "route", Route.HEALTH_ONLY_MEDIATION, "Health only", by=coordinator)
    case.refresh_from_db()
    assert case.route == Route.HEALTH_ONLY_MEDIATION
    with pytest.raises(services.CaseError, match="only change between kinds of mediation"):
        services.correct_fact(case, "route", Route.DISAGREEMENT_RESOLUTION, "x", by=coordinator)


def test_the_case_page_lists_every_fact_with_its_correction(world, client_for):
    case = make_case(world, "follow_up")
    keys = {shown.fact.key for shown in recorded_facts(case)}
    assert {
        "received_on",
        "decision_notice_sent_on",
        "route",
        "family_choice",
        "family_choice_on",
        "la_notified_on",
        "mediation_concluded_on",
        "meeting_outcome",
    } <= keys
    page = client_for(Role.COORDINATOR).get(case.get_absolute_url()).content.decode()
    assert 'id="recorded"' in page
    # The decision letter keeps its own page (it warns of certificates stating the old date).
    assert reverse("cases:decision_date", args=[case.reference]) in page
    for shown in recorded_facts(case):
        assert shown.url in page
        if not shown.url.startswith(reverse("cases:decision_date", args=[case.reference])):
            assert client_for(Role.COORDINATOR).get(shown.url).status_code == 200


def test_officers_and_strangers_cannot_correct(world, client_for):
    case = make_case(world, "arranging")
    url = _correct_url(case, "la_notified_on")
    assert client_for(Role.LA_OFFICER).get(url).status_code in (403, 404)
    assert client_for(Role.COORDINATOR).get(_correct_url(case, "no_such_fact")).status_code == 404
    assert client_for(Role.COORDINATOR).get(_correct_url(case, "closed_on")).status_code == 404


def test_a_decline_of_disagreement_resolution_recorded_wrongly_is_put_right(world):
    # CoP 11.6: disagreement resolution is voluntary; a decline closes the case as declined.
    case = make_case(world, "arranging", route=Route.DISAGREEMENT_RESOLUTION)
    coordinator = world.user(Role.COORDINATOR)
    school = case.parties.exclude(role="parent_carer").first()
    services.decline_dr(school, "Not this term", case.dr_started_on, by=coordinator)
    case.refresh_from_db()
    assert (case.state, case.outcome) == (CaseState.CLOSED, Outcome.DECLINED)
    with pytest.raises(services.CaseError, match="reopen it first"):
        services.correct_fact(
            case, "dr_consent", "yes", "They agreed", by=coordinator, target=school.pk
        )
    services.reopen_case(case, "The decline was recorded against the wrong case", by=coordinator)
    case.refresh_from_db()
    assert case.outcome == ""  # re-derived: nothing on the record now supports "declined"
    services.correct_fact(
        case, "dr_consent", "yes", "They agreed", by=coordinator, target=school.pk
    )
    school.refresh_from_db()
    assert school.dr_consent is True
    with pytest.raises(services.CaseError, match="Agreement to take part"):
        services.correct_fact(case, "dr_consent", "no", "x", by=coordinator, target=school.pk)


def test_the_enquiry_date_cannot_come_after_what_followed_it(world):
    case = make_case(world, "arranging")
    coordinator = world.user(Role.COORDINATOR)
    with pytest.raises(services.CaseError, match="cannot have been received after that"):
        services.correct_fact(
            case, "received_on", CHOICE_ON + timedelta(days=1), "x", by=coordinator
        )
    services.correct_fact(
        case, "received_on", RECEIVED - timedelta(days=2), "Email", by=coordinator
    )
    case.refresh_from_db()
    assert case.received_on == RECEIVED - timedelta(days=2)


def test_the_date_the_tribunal_registered_an_appeal_is_corrected_with_the_same_checks(world):
    case = make_case(world, "follow_up")
    coordinator = world.user(Role.COORDINATOR)
    registered = rules.today_in_england() - timedelta(days=3)
    appeal = services.record_appeal(case, registered, case.decision_kind, by=coordinator)
    case.refresh_from_db()
    facts = {shown.fact.key: shown.fact for shown in recorded_facts(case)}
    assert facts["appeal_registered_on"].value == registered
    with pytest.raises(services.CaseError, match="today or in the past"):
        services.correct_fact(
            case,
            "appeal_registered_on",
            rules.today_in_england() + timedelta(days=1),
            "Typo",
            by=coordinator,
            target=appeal.pk,
        )
    corrected = registered - timedelta(days=1)
    services.correct_fact(
        case,
        "appeal_registered_on",
        corrected,
        "The tribunal's letter",
        by=coordinator,
        target=appeal.pk,
    )
    appeal.refresh_from_db()
    assert appeal.registered_on == corrected
    assert "The tribunal's letter" in case.timeline.get(kind="fact_corrected").summary
