"""`manage.py create_provider`: a provider and an invitation to its first manager, with no
admin click-path; run twice, it creates nothing twice; clashes are refused clearly."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from accord.organisations.invitations import accept_invitation, open_invitation
from accord.organisations.models import Invitation, Membership, Provider, SetupChange
from accord.organisations.roles import Role


def run(*args: str) -> str:
    out = StringIO()
    call_command("create_provider", *args, stdout=out)
    return out.getvalue()


ARGS = ("--name", "Kent Mediation", "--prefix", "km", "--manager-email", "Boss@Example.org")


def test_it_creates_the_provider_and_invites_its_manager(db, settings):
    settings.PRODUCTION = False
    output = run(*ARGS, "--manager-name", "Bo Ss")
    provider = Provider.objects.get()
    assert (provider.name, provider.case_prefix) == ("Kent Mediation", "KM")
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role) == ("boss@example.org", Role.SERVICE_MANAGER)
    [email] = mail.outbox
    assert email.to == ["boss@example.org"]
    link = output.split("works once): ")[1].strip()
    assert link in email.body
    token = link.rstrip("/").rsplit("/", 1)[1]
    accept_invitation(open_invitation(token), password="cobalt meadow thistle oak")
    assert Membership.objects.filter(
        provider=provider, role=Role.SERVICE_MANAGER, user__email="boss@example.org"
    ).exists()
    assert SetupChange.objects.filter(provider=provider, by=None).count() == 2


def test_the_link_is_not_printed_in_production(db, settings):
    settings.PRODUCTION = True
    output = run(*ARGS)
    assert "Invitation sent to boss@example.org" in output
    assert "http" not in output


def test_running_it_again_sends_a_fresh_invitation_and_creates_nothing_twice(db):
    run(*ARGS)
    output = run(*ARGS)
    assert "already exists" in output
    assert Provider.objects.count() == 1
    assert Invitation.objects.filter(withdrawn_at=None).count() == 1
    assert Invitation.objects.count() == 2


def test_once_the_manager_has_accepted_it_says_so(db):
    run(*ARGS)
    invitation = Invitation.objects.get()
    accept_invitation(invitation, password="cobalt meadow thistle oak")
    assert "already a service manager" in run(*ARGS)
    assert Invitation.objects.count() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--name", "Other", "--prefix", "KM", "--manager-email", "a@b.org"), "prefix KM belongs"),
        (
            ("--name", "kent mediation", "--prefix", "KX", "--manager-email", "a@b.org"),
            "already exists with the prefix KM",
        ),
        (("--name", "New", "--prefix", "K1", "--manager-email", "a@b.org"), "1 to 6 letters"),
        (
            ("--name", "New", "--prefix", "NW", "--manager-email", "not-an-address"),
            "not an email address",
        ),
    ],
)
def test_clashes_and_mistakes_are_refused_clearly(db, args, message):
    run(*ARGS)
    with pytest.raises(CommandError, match=message):
        run(*args)
    assert Provider.objects.count() == 1
