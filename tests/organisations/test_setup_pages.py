"""The set-up pages: only service managers open them (everyone else 403), another provider's
people and records are not found (404), and forms re-show with a GOV.UK error summary."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from accord.organisations.independence import declare_conflict, record_accreditation
from accord.organisations.invitations import invite
from accord.organisations.models import (
    AccreditationKind,
    BodyContact,
    Invitation,
    LocalAuthority,
    Membership,
    SetupChange,
)
from accord.organisations.roles import Role
from tests.factories import LocalAuthorityFactory, MembershipFactory
from tests.markup import parse

R = Role


@pytest.fixture
def records(world, today):
    """One of each thing the set-up pages show, in the world's provider."""
    manager = world.user(R.SERVICE_MANAGER)
    mediator = world.user(R.MEDIATOR)
    return {
        "user_id": mediator.pk,
        "membership_id": world.members[R.MEDIATOR].pk,
        "accreditation_id": record_accreditation(
            world.provider,
            mediator,
            kind=AccreditationKind.CMC_REGISTRATION,
            reference="CMC-9",
            expires_on=today + timedelta(days=20),
            by=manager,
        ).pk,
        "conflict_id": declare_conflict(
            world.provider, mediator, reason="Former employee", school="Hill School", by=manager
        ).pk,
        "invitation_id": invite(
            world.provider,
            email="waiting@example.org",
            full_name="W",
            role=R.ADVISER,
            by=manager,
        ).invitation.pk,
        "la": world.la.pk,
    }


# page -> (URL arguments taken from `records`, method)
MANAGER_PAGES = {
    "people": ([], "get"),
    "invite": ([], "get"),
    "person": (["user_id"], "get"),
    "add_role": (["user_id"], "get"),
    "deactivate": (["user_id"], "get"),
    "reactivate": (["user_id"], "get"),
    "add_accreditation": (["user_id"], "get"),
    "renew_accreditation": (["accreditation_id"], "get"),
    "declare_conflict": (["user_id"], "get"),
    "bodies": ([], "get"),
    "add_body": (["la-kind"], "get"),
    "edit_body": (["la-kind", "la"], "get"),
    "details": ([], "get"),
    "changes": ([], "get"),
    "remove_role": (["user_id", "membership_id"], "post"),
    "withdraw_conflict": (["conflict_id"], "post"),
    "withdraw_invitation": (["invitation_id"], "post"),
}
MEDIATOR_PAGES = {"my_accreditations": ([], "get")}


def url_of(page: str, args: list[str], records: dict[str, int]) -> str:
    values = ["la" if a == "la-kind" else records[a] for a in args]
    return reverse(f"setup:{page}", args=values)


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
@pytest.mark.parametrize("page", sorted(MANAGER_PAGES | MEDIATOR_PAGES))
def test_role_matrix_for_setup_pages(world, client_for, records, role, page):
    args, method = (MANAGER_PAGES | MEDIATOR_PAGES)[page]
    allowed = R.MEDIATOR if page in MEDIATOR_PAGES else R.SERVICE_MANAGER
    if method == "post" and role == R.MEDIATOR:
        # Give the mediator a second role so that taking one away is allowed.
        MembershipFactory(user=world.user(R.MEDIATOR), provider=world.provider, role=R.ADVISER)
    client = client_for(role)
    response = getattr(client, method)(url_of(page, args, records))
    if role == allowed:
        assert response.status_code in ({200} if method == "get" else {302}), response
    else:
        assert response.status_code == 403, f"{role} on {page}: {response.status_code}"


@pytest.fixture
def their_records(world, today):
    """The same things in the other provider."""
    theirs = world.stranger_provider
    boss = world.stranger.user
    mediator = MembershipFactory(provider=theirs, role=R.MEDIATOR)
    MembershipFactory(user=mediator.user, provider=theirs, role=R.ADVISER)
    return {
        "user_id": mediator.user.pk,
        "membership_id": mediator.pk,
        "accreditation_id": record_accreditation(
            theirs,
            mediator.user,
            kind=AccreditationKind.CMC_REGISTRATION,
            reference="",
            expires_on=today,
            by=boss,
        ).pk,
        "conflict_id": declare_conflict(
            theirs, mediator.user, reason="x", school="Their School", by=boss
        ).pk,
        "invitation_id": invite(
            theirs, email="theirs@example.org", full_name="T", role=R.ADVISER, by=boss
        ).invitation.pk,
        "la": LocalAuthorityFactory(name="Their Council").pk,
    }


@pytest.mark.parametrize(
    "page", sorted(p for p, (args, _) in MANAGER_PAGES.items() if set(args) - {"la-kind"})
)
def test_another_providers_people_and_records_are_not_found(world, client_for, their_records, page):
    args, method = MANAGER_PAGES[page]
    response = getattr(client_for(R.SERVICE_MANAGER), method)(url_of(page, args, their_records))
    assert response.status_code == 404
    assert Membership.objects.filter(pk=their_records["membership_id"]).exists()


def test_the_people_page_lists_people_invitations_and_accreditation_warnings(
    world, client_for, records
):
    html = client_for(R.SERVICE_MANAGER).get(reverse("setup:people")).content.decode()
    assert world.user(R.COORDINATOR).email in html
    assert "waiting@example.org" in html
    assert "Civil Mediation Council registration" in html and "runs out on" in html
    assert world.stranger.user.email not in html


def test_a_mediator_sees_the_warning_on_their_own_page(world, client_for, records):
    html = client_for(R.MEDIATOR).get(reverse("setup:my_accreditations")).content.decode()
    assert "runs out on" in html and "CMC-9" in html and "Hill School" in html


def test_inviting_with_mistakes_reshows_the_form_with_an_error_summary(world, client_for):
    response = client_for(R.SERVICE_MANAGER).post(
        reverse("setup:invite"),
        {"full_name": "Officer", "email": "officer@example.org", "role": R.LA_OFFICER},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert 'href="#id_local_authority"' in html
    assert "Choose the local authority the officer works for" in html
    assert not Invitation.objects.filter(email="officer@example.org").exists()


def test_inviting_from_the_page_sends_the_invitation(world, client_for):
    response = client_for(R.SERVICE_MANAGER).post(
        reverse("setup:invite"),
        {
            "full_name": "Officer",
            "email": "officer@example.org",
            "role": R.LA_OFFICER,
            "local_authority": world.la.pk,
        },
    )
    assert response["Location"] == reverse("setup:people")
    assert Invitation.objects.get(email="officer@example.org").local_authority == world.la


def test_deactivating_from_the_page_signs_a_freelance_mediator_out(world, client_for):
    mediator = world.user(R.MEDIATOR)
    MembershipFactory(user=mediator, provider=world.stranger_provider, role=R.MEDIATOR)
    theirs = client_for(R.MEDIATOR)
    assert theirs.get(reverse("cases:caseload")).status_code == 200
    manager = client_for(R.SERVICE_MANAGER)
    response = manager.post(reverse("setup:deactivate", args=[mediator.pk]))
    assert response["Location"] == reverse("setup:person", args=[mediator.pk])
    assert theirs.get(reverse("cases:caseload"))["Location"].startswith(reverse("login"))
    assert "Deactivated" in manager.get(reverse("setup:people")).content.decode()


def test_a_manager_cannot_deactivate_themselves_and_is_told_why(world, client_for):
    manager = world.user(R.SERVICE_MANAGER)
    html = (
        client_for(R.SERVICE_MANAGER)
        .post(reverse("setup:deactivate", args=[manager.pk]))
        .content.decode()
    )
    assert "govuk-error-summary" in html and "You cannot deactivate yourself" in html


def test_adding_a_body_and_its_notices_address(world, client_for):
    client = client_for(R.SERVICE_MANAGER)
    response = client.post(
        reverse("setup:add_body", args=["la"]),
        {
            "name": "Bexley Council",
            "code": "e09000004",
            "notices_email": "send@bexley.example",
            "notices_address": "Civic Offices",
        },
    )
    assert response["Location"] == reverse("setup:bodies")
    la = LocalAuthority.objects.get(code="E09000004")
    assert world.provider.local_authorities.filter(pk=la.pk).exists()
    assert BodyContact.objects.get(provider=world.provider, local_authority=la).notices_email
    html = client.get(reverse("setup:bodies")).content.decode()
    assert "send@bexley.example" in html


def test_a_code_of_another_body_is_refused_on_the_code(world, client_for):
    html = (
        client_for(R.SERVICE_MANAGER)
        .post(
            reverse("setup:add_body", args=["la"]),
            {"name": "Not Kent", "code": world.la.code},
        )
        .content.decode()
    )
    assert 'href="#id_code"' in html and "belongs to Kent County Council" in html


def test_editing_where_notices_go_is_recorded_with_before_and_after(world, client_for):
    client = client_for(R.SERVICE_MANAGER)
    url = reverse("setup:edit_body", args=["icb", world.icb.pk])
    client.post(url, {"notices_email": "first@icb.example", "notices_address": ""})
    client.post(url, {"notices_email": "second@icb.example", "notices_address": ""})
    change = SetupChange.objects.filter(what__startswith="Changed where notices").first()
    assert change.before == {"notices_email": "first@icb.example"}
    assert change.after == {"notices_email": "second@icb.example"}
    html = client.get(reverse("setup:changes")).content.decode()
    assert "first@icb.example" in html and "second@icb.example" in html


def test_the_details_form_saves_and_refuses_a_bad_address(world, client_for):
    client = client_for(R.SERVICE_MANAGER)
    bad = client.post(reverse("setup:details"), {"name": "Kent Mediation", "site_address": "::"})
    assert 'href="#id_site_address"' in bad.content.decode()
    good = client.post(
        reverse("setup:details"),
        {
            "name": "Kent Mediation",
            "email": "hello@kent-mediation.example",
            "reply_to": "cases@kent-mediation.example",
            "site_address": "https://mediation.example.org/",
        },
    )
    assert good.status_code == 302
    world.provider.refresh_from_db()
    assert world.provider.site_address == "https://mediation.example.org"
    assert world.provider.reply_to_address == "cases@kent-mediation.example"
    # The provider's name heads its staff pages.
    assert "— Kent Mediation</title>" in client.get(reverse("setup:people")).content.decode()


def test_the_name_of_another_service_is_refused(world, client_for):
    html = (
        client_for(R.SERVICE_MANAGER)
        .post(reverse("setup:details"), {"name": world.stranger_provider.name})
        .content.decode()
    )
    assert 'href="#id_name"' in html and "Another service already has this name" in html


@pytest.mark.parametrize("day", ["9999-12-31", "1899-01-01", "not a date"])
def test_an_accreditation_date_out_of_range_is_refused(world, client_for, day):
    response = client_for(R.SERVICE_MANAGER).post(
        reverse("setup:add_accreditation", args=[world.user(R.MEDIATOR).pk]),
        {"kind": AccreditationKind.SEND_STANDARDS, "expires_on": day},
    )
    assert response.status_code == 200
    assert re.search(r'href="#id_expires_on-(day|month|year)"', response.content.decode())


def test_a_conflict_form_must_name_one_thing(world, client_for):
    response = client_for(R.SERVICE_MANAGER).post(
        reverse("setup:declare_conflict", args=[world.user(R.MEDIATOR).pk]),
        {"reason": "x", "school": "A", "local_authority": world.la.pk},
    )
    assert 'href="#id_local_authority"' in response.content.decode()


def test_the_post_only_buttons_refuse_a_get(world, client_for, records):
    url = url_of("withdraw_conflict", ["conflict_id"], records)
    assert client_for(R.SERVICE_MANAGER).get(url).status_code == 405


def test_another_providers_manager_cannot_see_this_providers_people(world, records):
    client = Client()
    client.force_login(world.stranger.user)
    html = client.get(reverse("setup:people")).content.decode()
    assert world.user(R.COORDINATOR).email not in html


def test_the_bodies_page_offers_to_invite_an_officer_of_each_body(world, client_for):
    client = client_for(R.SERVICE_MANAGER)
    page = parse(client.get(reverse("setup:bodies")).content)
    links = [a.get("href") for a in page.find_all("a") if a.text.startswith("Invite an officer")]
    assert len(links) == 3  # two LAs and an ICB
    form = parse(client.get(links[0]).content)
    chosen = [i for i in form.find_all("input") if i.get("name") == "role" and "checked" in i.attrs]
    assert [i.get("value") for i in chosen] == [R.LA_OFFICER.value]
