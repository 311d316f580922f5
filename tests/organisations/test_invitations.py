"""Inviting people: a single-use link, valid 72 hours, holding a secret the database keeps only
a hash of; accepting sets a password (new accounts) and gives the role."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accord.organisations.changes import SetupError
from accord.organisations.invitations import accept_invitation, invite, open_invitation
from accord.organisations.models import Invitation, Membership, SetupChange, User
from accord.organisations.roles import Role
from tests.factories import MembershipFactory

R = Role
PASSWORD = "plum kettle orbit lantern"


def token_of(link: str) -> str:
    match = re.search(r"/service/invitation/([^/]+)/$", link)
    assert match, link
    return match.group(1)


def test_an_invitation_emails_a_link_and_stores_only_a_hash_of_its_secret(world):
    manager = world.user(R.SERVICE_MANAGER)
    sent = invite(
        world.provider,
        email="New.Person@Example.org",
        full_name="New Person",
        role=R.COORDINATOR,
        by=manager,
    )
    assert sent.invitation.email == "new.person@example.org"
    [email] = mail.outbox
    assert email.to == ["new.person@example.org"]
    assert sent.link in email.body
    assert "The link works once, for 72 hours." in email.body
    assert "choose your password" in email.body
    assert world.provider.name in email.from_email
    token = token_of(sent.link)
    assert token not in sent.invitation.secret_hash
    secret = token.split(":")[0]
    assert sent.invitation.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert SetupChange.objects.filter(provider=world.provider, what__startswith="Invited").exists()


def test_accepting_sets_the_password_and_gives_the_role_once(world, client):
    sent = invite(
        world.provider,
        email="new@example.org",
        full_name="New Person",
        role=R.COORDINATOR,
        by=world.user(R.SERVICE_MANAGER),
    )
    url = reverse("setup:accept_invitation", args=[token_of(sent.link)])
    assert client.get(url).status_code == 200
    response = client.post(url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(email="new@example.org")
    assert user.check_password(PASSWORD)
    assert Membership.objects.filter(user=user, provider=world.provider, role=R.COORDINATOR)
    # Single use: the same link no longer works.
    again = client.get(url)
    assert again.status_code == 404
    assert "This link does not work" in again.content.decode()
    with pytest.raises(SetupError):
        accept_invitation(sent.invitation, password=PASSWORD)


def test_a_link_runs_out_after_72_hours(world, stop_clock_at):
    sent = invite(
        world.provider,
        email="late@example.org",
        full_name="Late",
        role=R.ADVISER,
        by=world.user(R.SERVICE_MANAGER),
    )
    token = token_of(sent.link)
    assert open_invitation(token) is not None
    stop_clock_at(timezone.now() + timedelta(hours=72, minutes=1))
    assert open_invitation(token) is None


def test_an_altered_link_is_refused(world):
    sent = invite(
        world.provider,
        email="x@example.org",
        full_name="X",
        role=R.ADVISER,
        by=world.user(R.SERVICE_MANAGER),
    )
    token = token_of(sent.link)
    assert open_invitation(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert open_invitation("nonsense") is None


def test_inviting_again_withdraws_the_earlier_link(world):
    first = invite(
        world.provider,
        email="twice@example.org",
        full_name="T",
        role=R.ADVISER,
        by=world.user(R.SERVICE_MANAGER),
    )
    second = invite(
        world.provider,
        email="twice@example.org",
        full_name="T",
        role=R.ADVISER,
        by=world.user(R.SERVICE_MANAGER),
    )
    assert open_invitation(token_of(first.link)) is None
    assert open_invitation(token_of(second.link)) == second.invitation


def test_the_password_must_be_strong_and_the_error_is_shown_in_the_summary(world, client):
    sent = invite(
        world.provider,
        email="weak@example.org",
        full_name="Weak",
        role=R.ADVISER,
        by=world.user(R.SERVICE_MANAGER),
    )
    url = reverse("setup:accept_invitation", args=[token_of(sent.link)])
    response = client.post(url, {"new_password1": "short", "new_password2": "short"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and "#id_new_password2" in html
    assert not User.objects.filter(email="weak@example.org").exists()
    assert Invitation.objects.get(pk=sent.invitation.pk).accepted_at is None


def test_a_freelance_mediator_joins_a_second_provider_keeping_their_password(world, client):
    """A mediator of the stranger provider is invited to the world's provider."""
    theirs = MembershipFactory(provider=world.stranger_provider, role=R.MEDIATOR)
    sent = invite(
        world.provider,
        email=theirs.user.email.upper(),
        full_name="Freelance",
        role=R.MEDIATOR,
        by=world.user(R.SERVICE_MANAGER),
    )
    url = reverse("setup:accept_invitation", args=[token_of(sent.link)])
    assert "sign in with your usual password" in mail.outbox[-1].body
    page = client.get(url).content.decode()
    assert "You already have an account" in page
    assert client.post(url, {}).status_code == 302
    user = User.objects.get(pk=theirs.user.pk)
    assert user.check_password("a-long-test-password")
    providers = set(Membership.objects.filter(user=user).values_list("provider", flat=True))
    assert providers == {world.provider.pk, world.stranger_provider.pk}


@pytest.mark.parametrize(
    ("role", "la", "icb", "message"),
    [
        (R.LA_OFFICER, False, False, "Choose the local authority"),
        (R.ICB_OFFICER, True, False, "Choose the ICB"),
        (R.COMMISSIONER, True, True, "one local authority or ICB"),
        (R.COORDINATOR, True, False, "does not belong to a local authority"),
    ],
)
def test_officers_are_tied_to_one_body_and_staff_to_none(world, role, la, icb, message):
    with pytest.raises(SetupError, match=message):
        invite(
            world.provider,
            email="o@example.org",
            full_name="O",
            role=role,
            local_authority=world.la if la else None,
            health_body=world.icb if icb else None,
            by=world.user(R.SERVICE_MANAGER),
        )
    assert not Invitation.objects.filter(email="o@example.org").exists()


def test_an_officer_is_invited_for_a_body_the_provider_works_for_only(world):
    foreign = world.stranger_provider.local_authorities.create(name="Elsewhere", code="E0999")
    with pytest.raises(SetupError, match="does not work for Elsewhere"):
        invite(
            world.provider,
            email="o@example.org",
            full_name="O",
            role=R.LA_OFFICER,
            local_authority=foreign,
            by=world.user(R.SERVICE_MANAGER),
        )


def test_an_officer_accepting_is_tied_to_their_la(world, client):
    sent = invite(
        world.provider,
        email="officer@kent.example",
        full_name="Officer",
        role=R.LA_OFFICER,
        local_authority=world.la,
        by=world.user(R.SERVICE_MANAGER),
    )
    accept_invitation(sent.invitation, password=PASSWORD)
    membership = Membership.objects.get(user__email="officer@kent.example")
    assert membership.local_authority == world.la
    assert membership.role == R.LA_OFFICER


def test_someone_who_already_has_the_role_is_not_invited_again(world):
    coordinator = world.user(R.COORDINATOR)
    with pytest.raises(SetupError, match="already a case coordinator"):
        invite(
            world.provider,
            email=coordinator.email,
            full_name="C",
            role=R.COORDINATOR,
            by=world.user(R.SERVICE_MANAGER),
        )
