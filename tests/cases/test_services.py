"""The casework services: each step of the journey, its guard, its history, its clocks."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection

from accord import rules
from accord.cases import services
from accord.cases.choices import FamilyChoice, Outcome, PartyRole, Route
from accord.cases.clock_facts import clock_facts_for
from accord.cases.clocks import deadlines_for
from accord.cases.models import Case
from accord.cases.states import CaseState, IllegalTransition
from accord.organisations.models import Membership
from accord.organisations.roles import Role
from tests.factories import new_enquiry


def enquiry(world, **overrides) -> Case:
    return new_enquiry(world, **overrides)


def test_enquiry_gets_a_reference_a_suggested_route_and_a_history(world):
    case = enquiry(world)
    assert case.reference == "KM-2026-0001"
    assert case.state == CaseState.ENQUIRY
    assert case.suggested_route == Route.MEDIATION
    assert case.certificate_needed is True
    assert case.parties.get().is_enquirer
    assert case.timeline.filter(kind="enquiry").exists()
    assert enquiry(world, child_first_name="Maya").reference == "KM-2026-0002"


def test_references_restart_each_year_and_per_provider(world, stop_clock_at):
    stop_clock_at(datetime(2027, 1, 4, 10, 0, tzinfo=UTC))  # taken on the day it came
    assert enquiry(world, received_on=date(2027, 1, 4)).reference == "KM-2027-0001"


def test_an_enquiry_taken_just_after_midnight_in_summer_is_received_that_day(world, stop_clock_at):
    # 23:30 UTC on 30 June is 00:30 on 1 July in London: England's date, not UTC's.
    stop_clock_at(datetime(2026, 6, 30, 23, 30, tzinfo=UTC))
    case = enquiry(world, received_on=None, decision_notice_sent_on=date(2026, 6, 1))
    assert case.received_on == date(2026, 7, 1)
    assert case.reference == "KM-2026-0001"


def test_placement_only_needs_no_certificate(world):
    # CFA 2014 s.55(3): an appeal only about the school named in section I needs none.
    case = enquiry(world, decision_kind="plan_content", decision_sections=["i"])
    assert case.certificate_needed is False


def test_enquiry_for_an_la_the_provider_does_not_serve_is_refused(world):
    from tests.factories import LocalAuthorityFactory

    with pytest.raises(services.CaseError, match="does not work for"):
        enquiry(world, local_authority=LocalAuthorityFactory(name="Elsewhere Council"))
    assert not Case.objects.exists()


def test_decision_letter_after_the_enquiry_is_refused(world):
    with pytest.raises(services.CaseError):
        enquiry(world, decision_notice_sent_on=date(2026, 11, 3))
    assert not Case.objects.exists()


def test_duplicates_are_found_by_name_or_date_of_birth(world):
    first = enquiry(world)
    found = services.possible_duplicates(world.provider, "alfie", "TURNER", None)
    assert list(found) == [first]
    found = services.possible_duplicates(world.provider, "Alfred", "Turner", date(2016, 5, 2))
    assert list(found) == [first]
    assert not services.possible_duplicates(world.stranger_provider, "Alfie", "Turner", None)


@pytest.mark.parametrize(
    ("who", "confirmed"),
    [
        ({}, True),  # a parent who gave an email
        ({"contact_role": PartyRole.YOUNG_PERSON, "contact_email": "me@example.com"}, True),
        ({"contact_email": ""}, False),  # no email: staff tell them another way
        # Referred by the council: the family did not write in, so no one is emailed.
        ({"contact_role": PartyRole.LA_OFFICER, "contact_email": "sen@kent.example"}, False),
    ],
)
def test_the_family_is_emailed_the_case_reference_through_the_outbox(
    world, deliver_outbox, who, confirmed
):
    case = enquiry(world, **who)
    sent = deliver_outbox()
    if not confirmed:
        assert sent == [] and not case.messages.exists()
        assert not case.timeline.filter(kind="message_queued").exists()
        return
    enquirer = case.parties.get(is_enquirer=True)
    assert [m.to for m in sent] == [[enquirer.email]]
    words = f"{sent[0].subject}\n{sent[0].body}"
    assert case.reference in sent[0].subject and "What happens next" in sent[0].body
    assert "Alfie" not in words and "Turner" not in words  # never a name (product.md)
    assert case.timeline.filter(kind="message_queued").count() == 1
    assert case.timeline.filter(kind="message_sent").count() == 1
    assert deliver_outbox() == []  # sent once


def test_choosing_another_route_needs_a_reason(world):
    case = enquiry(world)
    coordinator = world.user(Role.COORDINATOR)
    with pytest.raises(services.CaseError, match="reason"):
        services.confirm_route(case, Route.DISAGREEMENT_RESOLUTION, by=coordinator)
    services.confirm_route(case, Route.DISAGREEMENT_RESOLUTION, "Family asked", by=coordinator)
    case.refresh_from_db()
    assert case.route == Route.DISAGREEMENT_RESOLUTION
    assert case.route_override_reason == "Family asked"
    assert case.state == CaseState.TRIAGED


def test_family_declines_mediation_starts_the_certificate_clock(world, stop_clock_at):
    # SEND Regs 2014 reg 34: certificate within 3 working days of being told.
    stop_clock_at(datetime(2026, 12, 23, 16, 0, tzinfo=UTC))  # recorded on the day it was told
    case = enquiry(world)
    adviser = world.user(Role.ADVISER)
    services.confirm_route(case, Route.MEDIATION, by=adviser)
    told = date(2026, 12, 23)  # Wednesday before Christmas
    services.record_family_choice(case, FamilyChoice.CERTIFICATE, told, by=adviser)
    case.refresh_from_db()
    assert case.state == CaseState.CERTIFICATE_DUE
    clock = next(
        d for d in deadlines_for(case, clock_facts_for(case)) if d.key == "certificate_no_mediation"
    )
    assert clock.due == date(2026, 12, 30)  # skips 25, 26–27 weekend, 28 (Boxing Day sub.)
    assert case.next_deadline_on == date(2026, 12, 30)


def test_family_wants_mediation_starts_the_30_day_clock(world):
    # SEND Regs 2014 regs 35–37: mediation within 30 days of the LA being told.
    case = enquiry(world, involves_health=True, health_body=world.icb)
    adviser = world.user(Role.ADVISER)
    services.confirm_route(case, Route.MEDIATION, by=adviser)
    services.record_family_choice(
        case,
        FamilyChoice.MEDIATION,
        date(2026, 11, 9),
        la_notified_on=date(2026, 11, 10),
        by=adviser,
    )
    case.refresh_from_db()
    keys = {d.key: d for d in deadlines_for(case, clock_facts_for(case))}
    assert keys["mediation_held"].due == date(2026, 12, 10)
    # reg 36: the LA tells the health body within 3 working days
    assert keys["health_body_notice"].due == date(2026, 11, 13)
    assert case.state == CaseState.ARRANGING


def test_changing_the_decision_date_recomputes_the_appeal_deadline(world):
    case = enquiry(world, decision_notice_sent_on=date(2026, 10, 20))
    services.confirm_route(case, Route.MEDIATION, by=world.user(Role.COORDINATOR))
    appeal = next(d for d in deadlines_for(case, clock_facts_for(case)) if d.key == "appeal")
    assert appeal.due == rules.appeal_deadline(date(2026, 10, 20))
    services.update_case_details(
        case, {"decision_notice_sent_on": date(2026, 10, 1)}, by=world.user(Role.COORDINATOR)
    )
    case.refresh_from_db()
    appeal = next(d for d in deadlines_for(case, clock_facts_for(case)) if d.key == "appeal")
    assert appeal.due == rules.appeal_deadline(date(2026, 10, 1))
    event = case.timeline.filter(kind="details").first()
    assert event.changes["decision_notice_sent_on"] == ["2026-10-20", "2026-10-01"]


def test_a_stale_form_cannot_overwrite_a_newer_change(world):
    case = enquiry(world)
    shown_version = case.version
    services.confirm_route(case, Route.MEDIATION, by=world.user(Role.COORDINATOR))
    with pytest.raises(services.ConcurrentEdit):
        services.close_case(
            case, Outcome.WITHDRAWN, expected_version=shown_version, by=world.user(Role.COORDINATOR)
        )
    case.refresh_from_db()
    assert case.state == CaseState.TRIAGED


def test_illegal_step_changes_nothing(world):
    case = enquiry(world)
    with pytest.raises(IllegalTransition):
        services.record_outcome(
            case, Outcome.FULL_AGREEMENT, date(2026, 11, 20), by=world.user(Role.MEDIATOR)
        )
    case.refresh_from_db()
    assert case.state == CaseState.ENQUIRY
    assert case.outcome == ""
    assert not case.timeline.filter(kind="outcome").exists()


def test_closing_needs_an_outcome_and_reopening_needs_a_reason(world):
    case = enquiry(world)
    coordinator = world.user(Role.COORDINATOR)
    with pytest.raises(services.CaseError, match="outcome"):
        services.close_case(case, "", by=coordinator)
    services.close_case(case, Outcome.WITHDRAWN, "Resolved with the LA", by=coordinator)
    case.refresh_from_db()
    assert (case.state, case.state_before_close) == (CaseState.CLOSED, CaseState.ENQUIRY)
    assert case.next_deadline_on is None
    with pytest.raises(services.CaseError, match="reason"):
        services.reopen_case(case, " ", by=coordinator)
    services.reopen_case(case, "The LA changed its mind", by=coordinator)
    case.refresh_from_db()
    assert case.state == CaseState.ENQUIRY
    assert case.outcome == ""


def test_mediation_cannot_be_held_in_time_makes_a_certificate_due(world, stop_clock_at):
    # SEND Regs 2014 reg 37: certificate within 3 working days of being told.
    stop_clock_at(datetime(2027, 3, 25, 16, 0, tzinfo=UTC))  # recorded on the day it was told
    case = enquiry(world)
    adviser = world.user(Role.ADVISER)
    services.confirm_route(case, Route.MEDIATION, by=adviser)
    services.record_family_choice(
        case,
        FamilyChoice.MEDIATION,
        date(2026, 11, 9),
        la_notified_on=date(2026, 11, 9),
        by=adviser,
    )
    # Told on Thursday 25 March 2027: Good Friday, the weekend and Easter Monday are skipped.
    services.mediation_cannot_be_held(case, date(2027, 3, 25), by=adviser)
    case.refresh_from_db()
    clock = next(
        d
        for d in deadlines_for(case, clock_facts_for(case))
        if d.key == "certificate_not_held_in_time"
    )
    assert clock.due == date(2027, 4, 1)
    assert case.state == CaseState.CERTIFICATE_DUE
    assert "mediation_held" not in {d.key for d in deadlines_for(case, clock_facts_for(case))}


def test_a_mediator_employed_by_the_la_cannot_be_assigned(world):
    mediator = world.members[Role.MEDIATOR]
    mediator.employed_by_local_authority = world.la
    mediator.save()
    case = enquiry(world)
    with pytest.raises(services.CaseError, match="employed by"):
        services.assign(case, mediator=mediator.user, by=world.user(Role.COORDINATOR))
    other = enquiry(world, local_authority=world.other_la, child_first_name="Maya")
    services.assign(other, mediator=mediator.user, by=world.user(Role.COORDINATOR))
    other.refresh_from_db()
    assert other.mediator == mediator.user


def test_only_people_of_the_provider_can_be_assigned(world):
    case = enquiry(world)
    with pytest.raises(services.CaseError):
        services.assign(case, coordinator=world.stranger.user, by=world.user(Role.COORDINATOR))


def test_dr_consent_is_recorded_per_party(world):
    case = enquiry(world, decision_kind="non_ehc_disagreement", disagreement_with="school")
    assert case.suggested_route == Route.DISAGREEMENT_RESOLUTION
    coordinator = world.user(Role.COORDINATOR)
    services.confirm_route(case, Route.DISAGREEMENT_RESOLUTION, by=coordinator)
    services.start_disagreement_resolution(case, by=coordinator)
    school = services.add_party(case, role="school_staff", name="Head teacher", by=coordinator)
    case.refresh_from_db()
    services.record_dr_consent(school, False, case.dr_started_on, by=coordinator)
    school.refresh_from_db()
    assert school.dr_consent is False
    services.close_case(case, Outcome.DECLINED, "The school declined", by=coordinator)
    case.refresh_from_db()
    assert case.outcome == Outcome.DECLINED


@pytest.mark.django_db(transaction=True)
def test_references_are_unique_under_parallel_enquiries(world_tx):
    """Parallel requests never get the same case reference (row lock on the counter)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database with row locks (runs on PostgreSQL)")
    world = world_tx
    errors: list[BaseException] = []

    def make(n: int) -> None:
        try:
            enquiry(world, child_first_name=f"Child{n}")
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=make, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    refs = list(Case.objects.values_list("reference", flat=True))
    assert len(refs) == len(set(refs)) == 8
    assert sorted(refs) == [f"KM-2026-{n:04d}" for n in range(1, 9)]


@pytest.fixture
def world_tx(transactional_db):
    from tests.conftest import World

    return World()


def test_roles_fixture_gives_one_membership_per_role(world):
    assert Membership.objects.filter(provider=world.provider).count() == len(Role)


def test_turning_into_a_young_person_during_the_case_is_recorded_once(world):
    # CFA 2014 s.83: past compulsory school age the rights are the young person's own.
    today = rules.today_in_england()
    dob = rules_dob_for_transition(today)
    case = enquiry(
        world,
        child_date_of_birth=dob,
        received_on=today.replace(year=today.year - 1),
        decision_notice_sent_on=today.replace(year=today.year - 1),
    )
    services.refresh_deadlines(case)
    services.refresh_deadlines(case)
    assert case.timeline.filter(kind="young_person").count() == 1


def rules_dob_for_transition(today: date) -> date:
    """A date of birth whose compulsory school age ended within the last year."""
    for days in range(15 * 365, 18 * 365, 7):
        dob = today - timedelta(days=days)
        became = rules.becomes_young_person_on(dob)
        if today.replace(year=today.year - 1) < became <= today:
            return dob
    raise AssertionError("no date of birth found")
