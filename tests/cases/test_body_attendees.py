"""LA and ICB attendees are chosen from that body's officers and contacts, not retyped
(issue: "half the clicks"). The LA, and the ICB where health care is in issue, attend with
someone who can settle the issues (SEND Regs 2014 reg 38)."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from accord.cases import selectors, services
from accord.cases.choices import PartyRole
from accord.organisations.roles import Role
from tests.cases.test_services import enquiry
from tests.documents.conftest import OFFICER, make_case

pytestmark = pytest.mark.django_db


def test_staff_choose_the_las_officer_and_nobody_is_retyped(world, client_for):
    case = make_case(world, "arranging")
    officer = world.user(Role.LA_OFFICER)
    icb_officer = world.user(Role.ICB_OFFICER)
    client = client_for(Role.COORDINATOR)
    url = reverse("cases:add_body_attendee", args=[case.reference, "la"])
    page = html.unescape(client.get(url).content.decode())  # a name such as O'Brien is escaped
    assert f"{officer.full_name} ({officer.email})" in page
    assert icb_officer.email not in page  # another body's officer
    assert OFFICER not in page  # already on the case
    assert "Someone else" in page
    case_page = client.get(case.get_absolute_url()).content.decode()
    assert url in case_page
    answer = client.post(url, {"chosen": f"officer:{officer.pk}", "has_authority_to_settle": "on"})
    assert answer.status_code == 302
    party = case.parties.get(email=officer.email)
    assert (party.role, party.name, party.organisation) == (
        PartyRole.LA_OFFICER,
        officer.full_name,
        world.la.name,
    )
    assert party.has_authority_to_settle
    # Once on the case, they are not offered again.
    assert officer.email not in client.get(url).content.decode()


def test_a_contact_from_another_case_is_offered_and_someone_else_is_typed_once(world, client_for):
    make_case(world, "arranging")  # Dana Officer of the LA attends on this one
    case = enquiry(world, child_first_name="Maya")
    people = selectors.body_people(case, PartyRole.LA_OFFICER)
    dana = next(p for p in people if p.name == OFFICER)
    assert dana.choice.startswith("contact:")
    client = client_for(Role.COORDINATOR)
    url = reverse("cases:add_body_attendee", args=[case.reference, "la"])
    client.post(url, {"chosen": dana.choice})
    assert case.parties.filter(name=OFFICER, email="dana.officer@council.example").exists()
    missing = client.post(url, {"chosen": "someone_else"})
    assert missing.status_code == 400
    assert "Enter the full name of the person who will attend" in missing.content.decode()
    client.post(url, {"chosen": "someone_else", "name": "Pat New", "job_title": "SEN manager"})
    pat = case.parties.get(name="Pat New")
    assert pat.organisation == f"SEN manager, {world.la.name}"


def test_only_the_bodys_own_people_can_be_chosen(world):
    case = enquiry(world)
    stranger = world.stranger.user
    with pytest.raises(services.CaseError, match="Choose someone from the list"):
        services.name_body_attendee(
            case,
            PartyRole.LA_OFFICER,
            chosen=f"officer:{stranger.pk}",
            by=world.user(Role.COORDINATOR),
        )
    assert not case.parties.filter(role=PartyRole.LA_OFFICER).exists()


def test_the_icb_page_lists_the_icbs_officers(world, client_for):
    case = make_case(world, "arranging")
    url = reverse("cases:add_body_attendee", args=[case.reference, "icb"])
    page = client_for(Role.COORDINATOR).get(url).content.decode()
    assert world.user(Role.ICB_OFFICER).email in page
    assert world.user(Role.LA_OFFICER).email not in page
    no_icb = enquiry(world, child_first_name="Maya")
    assert no_icb.health_body is None
    no_page = reverse("cases:add_body_attendee", args=[no_icb.reference, "icb"])
    assert client_for(Role.COORDINATOR).get(no_page).status_code == 404


def test_an_officer_names_a_colleague_from_their_own_body(world, client_for):
    case = make_case(world, "arranging")
    client = client_for(Role.LA_OFFICER)
    page = client.get(reverse("cases:name_attendee", args=[case.reference]))
    assert page.status_code == 200
    officer = world.user(Role.LA_OFFICER)
    assert f"officer:{officer.pk}" in page.content.decode()
