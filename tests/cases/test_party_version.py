"""Editing a person's details carries the version it was shown with: of two people editing the
same person, the second save is refused clearly and nothing of it is saved (issue 11, section 6)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accord.cases.models import Party
from accord.cases.services import update_party
from accord.cases.services.people import StalePartyEdit
from accord.organisations.roles import Role
from tests.factories import CaseFactory, PartyFactory
from tests.markup import parse


def details(party: Party, **changes) -> dict:
    data = {
        "role": party.role,
        "name": party.name,
        "organisation": party.organisation,
        "email": party.email or "parent@example.org",
        "phone": party.phone,
        "address": party.address,
        "preferred_contact": "email",
        "interpreter_language": "",
        "access_needs": "",
    }
    return {**data, **changes}


@pytest.fixture
def party(world):
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    return PartyFactory(case=case, email="parent@example.org", preferred_contact="email")


def test_the_edit_form_carries_the_persons_version(world, client_for, party):
    url = reverse("cases:edit_party", args=[party.case.reference, party.pk])
    page = parse(client_for(Role.COORDINATOR).get(url).content)
    assert page.find("input", name="version").get("value") == str(party.version)


def test_a_second_edit_from_a_stale_form_is_refused_and_saves_nothing(world, client_for, party):
    url = reverse("cases:edit_party", args=[party.case.reference, party.pk])
    shown = party.version
    first = client_for(Role.COORDINATOR).post(
        url, details(party, phone="01234 567890", version=shown)
    )
    assert first.status_code == 302
    second = client_for(Role.ADVISER).post(url, details(party, access_needs="Ramp", version=shown))
    assert second.status_code == 400
    summary = parse(second.content).find(class_="govuk-error-summary")
    assert "Someone else changed this person's details" in summary.text
    party.refresh_from_db()
    assert party.phone == "01234 567890"
    assert party.access_needs == ""
    assert party.version == shown + 1
    assert party.case.timeline.filter(kind="party_changed").count() == 1


def test_an_edit_from_the_current_version_saves_and_bumps_it(world, party):
    update_party(party, by=world.user(Role.COORDINATOR), expected_version=1, phone="07700 900000")
    assert (party.phone, party.version) == ("07700 900000", 2)
    with pytest.raises(StalePartyEdit):
        update_party(party, by=world.user(Role.COORDINATOR), expected_version=1, phone="x")
    party.refresh_from_db()
    assert party.phone == "07700 900000"
