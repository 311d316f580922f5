"""A request made on a family's behalf (by a SENDIASS adviser, an advocate or a relative) records
the family as well: the family is the party, the person who asked their supporter with the
consent the family gave through them, and the family is invited to sign in with their own
address — which then works."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.urls import reverse

from accord.cases.models import Case
from accord.family.models import SupporterConsent
from accord.organisations.roles import Role
from accord.portal.models import OnlineRequest
from accord.portal.request_form import new_request
from accord.portal.services import RequestError, accept_request, submit_request
from tests.family.conftest import sign_in

pytestmark = pytest.mark.django_db

ADVISER = "ash.adviser@sendiass.example"
PARENT = "jo.turner@example.com"

ON_BEHALF = {
    "who": {"requester_role": "on_behalf"},
    "asking-for": {"on_behalf_of": "A family I support"},
    "the-family": {
        "family_name": "Jo Turner",
        "family_relationship": "parent_carer",
        "family_email": PARENT,
        "family_phone": "",
    },
    "your-role": {"supporter_kind": "sendiass", "family_consent": "yes"},
    "your-name": {"requester_name": "Ash Adviser"},
    "contact": {"email": ADVISER, "phone": "", "preferred_contact": "email"},
}


def _sent_and_accepted(world, fill_request, client_for, **overrides) -> Case:
    answers = {**ON_BEHALF, **overrides}
    response = fill_request(**answers).post(reverse("portal:request_check"))
    assert response.status_code == 302, html.unescape(response.content.decode())
    sent = OnlineRequest.objects.get()
    client_for(Role.COORDINATOR).post(reverse("portal:inbox_accept", args=[sent.reference]))
    return Case.objects.get(online_request=sent)


def test_the_family_is_a_party_and_the_adviser_their_supporter(
    world, fill_request, client_for, deliver_outbox
):
    case = _sent_and_accepted(world, fill_request, client_for)
    family = case.parties.get(role="parent_carer")
    assert (family.name, family.email, family.is_enquirer) == ("Jo Turner", PARENT, False)
    adviser = case.parties.get(is_enquirer=True)
    assert (adviser.role, adviser.email, adviser.organisation) == (
        "supporter",
        ADVISER,
        "SENDIASS adviser",
    )
    consent = SupporterConsent.objects.get(case=case)
    assert consent.supporter == adviser and consent.given_by == family
    assert consent.given_how == SupporterConsent.GivenHow.THROUGH_SUPPORTER
    assert consent.kind == "sendiass"
    assert case.online_request.reference in consent.given_note
    assert case.timeline.filter(kind="family_invited").exists()
    sent = deliver_outbox()
    to_family = [m for m in sent if m.to == [PARENT]]
    assert len(to_family) == 1
    assert case.reference in to_family[0].body
    assert "Ash Adviser" in to_family[0].body
    # The least personal data in a message: never the child's name.
    child = case.child
    for name in (child.first_name, child.last_name):
        assert name not in to_family[0].body + to_family[0].subject


def test_the_family_and_the_adviser_each_sign_in_with_their_own_address(
    world, fill_request, client_for
):
    case = _sent_and_accepted(world, fill_request, client_for)
    family = Client()
    sign_in(family, PARENT)
    assert family.get(reverse("family:case", args=[case.reference])).status_code == 200
    adviser = Client()
    sign_in(adviser, ADVISER)
    assert adviser.get(reverse("family:supported_case", args=[case.reference])).status_code == 200


def test_without_the_familys_agreement_the_adviser_sees_nothing(world, fill_request, client_for):
    case = _sent_and_accepted(
        world,
        fill_request,
        client_for,
        **{"your-role": {"supporter_kind": "advocate", "family_consent": "no"}},
    )
    assert not SupporterConsent.objects.filter(case=case).exists()
    assert case.parties.get(is_enquirer=True).organisation == "Advocate"
    family = Client()
    sign_in(family, PARENT)
    assert family.get(reverse("family:case", args=[case.reference])).status_code == 200


def test_a_family_with_only_a_phone_number_is_to_be_phoned(world, fill_request, client_for):
    case = _sent_and_accepted(
        world,
        fill_request,
        client_for,
        **{
            "the-family": {
                "family_name": "Jo Turner",
                "family_relationship": "young_person",
                "family_email": "",
                "family_phone": "07700 900 982",
            }
        },
    )
    young_person = case.parties.get(role="young_person")
    assert (young_person.phone, young_person.preferred_contact) == ("07700 900 982", "phone")
    assert "tell them by phone" in case.timeline.get(kind="family_invited").summary


@pytest.mark.parametrize(
    ("answer", "field", "message"),
    [
        (
            {"family_name": "Jo", "family_relationship": "parent_carer", "family_email": ""},
            "family_email",
            "Enter their email address or their phone number",
        ),
        (
            {"family_name": "", "family_relationship": "parent_carer", "family_email": PARENT},
            "family_name",
            "Enter the name of the person you are asking for",
        ),
        (
            {"family_name": "Jo", "family_email": PARENT},
            "family_relationship",
            "Select who the person you are asking for is",
        ),
        (
            {"family_name": "Jo", "family_relationship": "parent_carer", "family_phone": "12"},
            "family_phone",
            "Enter a phone number",
        ),
    ],
)
def test_the_familys_details_are_asked_for_with_errors_naming_the_field(
    fill_request, answer, field, message
):
    client = fill_request(**ON_BEHALF)
    response = client.post(reverse("portal:request_question", args=["the-family"]), answer)
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert f'href="#id_{field}' in page and message in page


def test_the_person_asking_gives_their_own_address_not_the_familys(fill_request):
    client = fill_request(**ON_BEHALF)
    response = client.post(
        reverse("portal:request_question", args=["contact"]),
        {"email": PARENT.upper(), "phone": "", "preferred_contact": "email"},
    )
    assert response.status_code == 400
    assert "Enter your own email address" in html.unescape(response.content.decode())


def test_the_check_page_shows_the_family(fill_request):
    page = html.unescape(
        fill_request(**ON_BEHALF).get(reverse("portal:request_check")).content.decode()
    )
    assert "Jo Turner" in page and PARENT in page and "SENDIASS adviser" in page


def test_a_parent_asking_for_themselves_names_no_other_family(world, fill_request, client_for):
    fill_request().post(reverse("portal:request_check"))
    sent = OnlineRequest.objects.get()
    assert (sent.family_name, sent.supporter_kind) == ("", "")
    case = accept_request(sent, by=world.user(Role.COORDINATOR))
    assert list(case.parties.values_list("role", flat=True)) == ["parent_carer"]
    assert not SupporterConsent.objects.exists()


def test_the_service_refuses_a_request_for_a_family_without_their_details(world, fill_request):
    client = fill_request(**ON_BEHALF)
    answers = client.session["portal_request"]
    answers["family_email"] = ""
    with pytest.raises(RequestError, match="email address or phone number"):
        submit_request(new_request(answers))
    assert not OnlineRequest.objects.exists()


def test_staff_see_the_family_in_the_inbox_before_accepting(fill_request, client_for):
    fill_request(**ON_BEHALF).post(reverse("portal:request_check"))
    sent = OnlineRequest.objects.get()
    page = html.unescape(
        client_for(Role.COORDINATOR)
        .get(reverse("portal:inbox_request", args=[sent.reference]))
        .content.decode()
    )
    assert "The family they ask for" in page and "Jo Turner" in page and PARENT in page
