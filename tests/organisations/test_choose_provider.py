"""A person who works for more than one service chooses which one they are working for."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accord.organisations.access import SESSION_PROVIDER_KEY
from accord.organisations.roles import Role
from tests.factories import MembershipFactory, ProviderFactory
from tests.markup import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def freelancer(world):
    """A mediator for the world's provider who also mediates, and advises, for another."""
    mediator = world.members[Role.MEDIATOR]
    other = ProviderFactory(name="Another SEND Mediation Service")
    MembershipFactory(user=mediator.user, provider=other, role=Role.MEDIATOR)
    MembershipFactory(user=mediator.user, provider=other, role=Role.ADVISER)
    client = Client()
    client.force_login(mediator.user)
    return client, world.provider, other


def _options(page) -> dict[str, str]:
    return {
        radio.get("value"): parse_label(page, radio.get("id"))
        for radio in page.find_all("input", type="radio")
    }


def parse_label(page, input_id: str) -> str:
    return page.find("label", **{"for": input_id}).text.strip()


def test_each_service_is_offered_once_with_every_role_the_person_has_in_it(freelancer):
    client, mine, other = freelancer
    page = parse(client.get(reverse("choose_provider")).content)
    assert page.find("h1").text.strip() == "Which service are you working for?"
    options = _options(page)
    assert set(options) == {str(mine.pk), str(other.pk)}
    # The roles in a fixed order (by their stored value), the same on every database.
    assert options[str(other.pk)] == "Another SEND Mediation Service — Mediation adviser, Mediator"


def test_choosing_a_service_works_in_it_from_then_on(freelancer):
    client, _mine, other = freelancer
    response = client.post(reverse("choose_provider"), {"provider": str(other.pk)})
    assert response.status_code == 302
    assert response["Location"] == reverse("start")
    assert client.session[SESSION_PROVIDER_KEY] == other.pk


@pytest.mark.parametrize(
    "sent",
    [
        {},
        {"provider": ""},
        {"provider": "not a number"},
        {"provider": "\x00"},
        {"provider": "99999999999999999999999"},
    ],
    ids=["nothing", "empty", "words", "nul", "too-big"],
)
def test_no_choice_or_nonsense_is_asked_again_with_the_field_named(freelancer, sent):
    client, _mine, _other = freelancer
    response = client.post(reverse("choose_provider"), sent)
    assert response.status_code == 200
    page = parse(response.content)
    summary = page.find(class_="govuk-error-summary")
    link = summary.find("a")
    assert link.text.strip() == "Select the service you are working for"
    assert link.get("href") == "#id_provider_0"  # the first radio, as GOV.UK links it
    assert SESSION_PROVIDER_KEY not in client.session


def test_a_service_the_person_does_not_work_for_cannot_be_chosen(freelancer, world):
    client, _mine, _other = freelancer
    stranger = world.stranger_provider
    response = client.post(reverse("choose_provider"), {"provider": str(stranger.pk)})
    assert response.status_code == 200
    assert "Select the service you are working for" in response.content.decode()
    assert SESSION_PROVIDER_KEY not in client.session


def test_a_person_with_no_service_is_told_who_can_add_them():
    from tests.factories import UserFactory

    client = Client()
    client.force_login(UserFactory())
    page = parse(client.get(reverse("choose_provider")).content)
    assert "Ask your service manager to add you" in page.text
    assert not page.find_all("input", type="radio")
