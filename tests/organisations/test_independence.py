"""Mediators' accreditations (warned before they run out; an expired one blocks assignment)
and declared conflicts of interest, checked wherever a mediator is put on a case: assigning
staff (cases) and booking a meeting (meetings)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from accord.cases import services
from accord.meetings.errors import MeetingError
from accord.meetings.mediator import check_mediator
from accord.organisations.changes import SetupError
from accord.organisations.independence import (
    accreditation_warnings,
    declare_conflict,
    record_accreditation,
    renew_accreditation,
    withdraw_conflict,
)
from accord.organisations.models import AccreditationKind, SetupChange
from accord.organisations.people import deactivate
from accord.organisations.roles import Role
from tests.factories import CaseFactory, ChildFactory, MembershipFactory

R = Role
CMC = AccreditationKind.CMC_REGISTRATION


@pytest.fixture
def case(world):
    child = ChildFactory(provider=world.provider, setting="Oak Tree Primary School")
    return CaseFactory(
        provider=world.provider, local_authority=world.la, health_body=world.icb, child=child
    )


def assign_mediator(world, case):
    return services.assign(case, mediator=world.user(R.MEDIATOR), by=world.user(R.COORDINATOR))


def test_a_mediator_with_nothing_declared_is_assigned(world, case):
    assert assign_mediator(world, case).mediator == world.user(R.MEDIATOR)
    check_mediator(case, world.user(R.MEDIATOR), required=True)


@pytest.mark.parametrize(
    ("with_what", "named"),
    [
        ({"local_authority": "la"}, "Kent County Council"),
        ({"health_body": "icb"}, "NHS Kent and Medway ICB"),
        ({"school": "  oak tree primary school "}, "oak tree primary school"),
    ],
)
def test_a_declared_conflict_blocks_assignment_and_booking(world, case, with_what, named):
    value = next(iter(with_what.values()))
    kwargs = {k: getattr(world, v) if v in {"la", "icb"} else v for k, v in with_what.items()}
    assert value
    declare_conflict(
        world.provider,
        world.user(R.MEDIATOR),
        reason="Worked there until 2025",
        by=world.user(R.SERVICE_MANAGER),
        **kwargs,
    )
    with pytest.raises(services.CaseError, match=f"conflict of interest with {named}") as error:
        assign_mediator(world, case)
    assert error.value.field == "mediator"
    with pytest.raises(MeetingError, match="choose another mediator"):
        check_mediator(case, world.user(R.MEDIATOR), required=True)


def test_a_conflict_with_another_body_does_not_block(world, case):
    declare_conflict(
        world.provider,
        world.user(R.MEDIATOR),
        reason="Lives there",
        local_authority=world.other_la,
        by=world.user(R.SERVICE_MANAGER),
    )
    assert assign_mediator(world, case).mediator == world.user(R.MEDIATOR)


def test_a_withdrawn_conflict_no_longer_blocks(world, case):
    conflict = declare_conflict(
        world.provider,
        world.user(R.MEDIATOR),
        reason="Old job",
        local_authority=world.la,
        by=world.user(R.SERVICE_MANAGER),
    )
    withdraw_conflict(conflict, by=world.user(R.SERVICE_MANAGER))
    assert assign_mediator(world, case).mediator == world.user(R.MEDIATOR)
    assert SetupChange.objects.filter(what__startswith="Removed the conflict").exists()


def test_a_conflict_names_exactly_one_thing_and_only_for_a_mediator(world):
    manager = world.user(R.SERVICE_MANAGER)
    with pytest.raises(SetupError, match="Name one"):
        declare_conflict(world.provider, world.user(R.MEDIATOR), reason="x", by=manager)
    with pytest.raises(SetupError, match="not a mediator"):
        declare_conflict(world.provider, world.user(R.ADVISER), reason="x", school="A", by=manager)


def test_an_expired_accreditation_blocks_assignment_until_renewed(world, case, today):
    accreditation = record_accreditation(
        world.provider,
        world.user(R.MEDIATOR),
        kind=CMC,
        reference="CMC-1",
        expires_on=today - timedelta(days=1),
        by=world.user(R.SERVICE_MANAGER),
    )
    with pytest.raises(
        services.CaseError, match=r"Civil Mediation Council registration .* ran out"
    ):
        assign_mediator(world, case)
    with pytest.raises(MeetingError, match="Record the renewal"):
        check_mediator(case, world.user(R.MEDIATOR), required=True)
    renew_accreditation(
        accreditation,
        reference="CMC-2",
        expires_on=today + timedelta(days=365),
        by=world.user(R.SERVICE_MANAGER),
    )
    assert assign_mediator(world, case).mediator == world.user(R.MEDIATOR)
    change = SetupChange.objects.filter(what__startswith="Changed Civil").get()
    assert change.before["reference"] == "CMC-1" and change.after["reference"] == "CMC-2"


@pytest.mark.parametrize(
    ("days_left", "warned", "expired"),
    [(-1, True, True), (0, True, False), (60, True, False), (61, False, False)],
)
def test_a_warning_comes_60_days_before_an_accreditation_runs_out(
    world, today, days_left, warned, expired
):
    record_accreditation(
        world.provider,
        world.user(R.MEDIATOR),
        kind=CMC,
        reference="",
        expires_on=today + timedelta(days=days_left),
        by=world.user(R.SERVICE_MANAGER),
    )
    warnings = accreditation_warnings(world.provider, today)
    assert bool(warnings) is warned
    if warned:
        assert warnings[0].expired is expired
        assert ("ran out" in warnings[0].words) is expired


def test_only_the_latest_of_each_kind_counts(world, case, today):
    for days in (-30, 400):
        record_accreditation(
            world.provider,
            world.user(R.MEDIATOR),
            kind=CMC,
            reference="",
            expires_on=today + timedelta(days=days),
            by=world.user(R.SERVICE_MANAGER),
        )
    assert accreditation_warnings(world.provider, today) == []
    assert assign_mediator(world, case).mediator == world.user(R.MEDIATOR)


def test_another_providers_accreditation_is_theirs_alone(world, case, today):
    record_accreditation(
        world.provider,
        world.user(R.MEDIATOR),
        kind=CMC,
        reference="",
        expires_on=today - timedelta(days=3),
        by=world.user(R.SERVICE_MANAGER),
    )
    assert accreditation_warnings(world.stranger_provider, today) == []


def test_the_assign_page_shows_the_conflict_on_the_mediator_field(world, client_for, case):
    declare_conflict(
        world.provider,
        world.user(R.MEDIATOR),
        reason="Governor",
        school="Oak Tree Primary School",
        by=world.user(R.SERVICE_MANAGER),
    )
    response = client_for(R.COORDINATOR).post(
        reverse("cases:assign", args=[case.reference]),
        {"version": case.version, "mediator": world.user(R.MEDIATOR).pk},
    )
    html = response.content.decode()
    assert response.status_code == 400  # the step pages answer a refused form with 400
    assert "govuk-error-summary" in html and 'href="#id_mediator"' in html
    assert "conflict of interest with Oak Tree Primary School" in html
    case.refresh_from_db()
    assert case.mediator is None


def test_a_mediator_deactivated_here_is_not_offered_for_assignment(world, client_for, case):
    mediator = world.user(R.MEDIATOR)
    MembershipFactory(user=mediator, provider=world.stranger_provider, role=R.MEDIATOR)
    deactivate(world.provider, mediator, by=world.user(R.SERVICE_MANAGER))
    html = client_for(R.COORDINATOR).get(reverse("cases:assign", args=[case.reference]))
    assert f'value="{mediator.pk}"' not in html.content.decode()
    with pytest.raises(services.CaseError, match="is not a mediator"):
        assign_mediator(world, case)
