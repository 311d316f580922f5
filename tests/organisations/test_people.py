"""Roles given and taken away, deactivation (sessions end at once, history stays) and
reactivation; signing in without regard to case; resetting a forgotten password."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.urls import reverse

from accord.organisations import people
from accord.organisations.changes import SetupError
from accord.organisations.models import Membership, SetupChange, User
from accord.organisations.roles import Role
from tests.factories import CaseFactory, MembershipFactory, UserFactory

R = Role


def test_deactivating_someone_ends_their_sessions_at_once(world, client_for):
    client = client_for(R.COORDINATOR)
    assert client.get(reverse("cases:caseload")).status_code == 200
    people.deactivate(world.provider, world.user(R.COORDINATOR), by=world.user(R.SERVICE_MANAGER))
    response = client.get(reverse("cases:caseload"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not User.objects.get(pk=world.user(R.COORDINATOR).pk).is_active


def test_a_deactivated_person_cannot_sign_in_and_their_history_stays(world, client):
    coordinator = world.user(R.COORDINATOR)
    case = CaseFactory(provider=world.provider, local_authority=world.la, coordinator=coordinator)
    people.deactivate(world.provider, coordinator, by=world.user(R.SERVICE_MANAGER))
    response = client.post(
        reverse("login"), {"username": coordinator.email, "password": "a-long-test-password"}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.coordinator == coordinator
    assert Membership.with_inactive.filter(user=coordinator, is_active=False).count() == 1


def test_reactivating_gives_back_the_roles(world, client):
    adviser = world.user(R.ADVISER)
    manager = world.user(R.SERVICE_MANAGER)
    people.deactivate(world.provider, adviser, by=manager)
    people.reactivate(world.provider, adviser, by=manager)
    assert Membership.objects.filter(user=adviser, role=R.ADVISER).exists()
    response = client.post(
        reverse("login"), {"username": adviser.email, "password": "a-long-test-password"}
    )
    assert response.status_code == 302
    whats = list(SetupChange.objects.filter(subject=adviser.email).values_list("what", flat=True))
    assert whats == [f"Reactivated {adviser}", f"Deactivated {adviser}"]


def test_deactivating_a_freelance_mediator_in_one_provider_leaves_the_other(world, client):
    mediator = world.user(R.MEDIATOR)
    MembershipFactory(user=mediator, provider=world.stranger_provider, role=R.MEDIATOR)
    people.deactivate(world.provider, mediator, by=world.user(R.SERVICE_MANAGER))
    mediator.refresh_from_db()
    assert mediator.is_active
    assert list(Membership.objects.filter(user=mediator).values_list("provider", flat=True)) == [
        world.stranger_provider.pk
    ]


def test_the_last_service_manager_cannot_be_deactivated_or_lose_the_role(world):
    manager = world.members[R.SERVICE_MANAGER]
    other = MembershipFactory(provider=world.provider, role=R.SERVICE_MANAGER)
    MembershipFactory(user=manager.user, provider=world.provider, role=R.ADVISER)
    with pytest.raises(SetupError, match="cannot deactivate yourself"):
        people.deactivate(world.provider, manager.user, by=manager.user)
    people.deactivate(world.provider, other.user, by=manager.user)
    with pytest.raises(SetupError, match="at least one service manager"):
        people.remove_role(manager, by=manager.user)


def test_giving_and_taking_away_a_role(world):
    manager = world.user(R.SERVICE_MANAGER)
    adviser = world.user(R.ADVISER)
    membership = people.grant_role(world.provider, adviser, R.MEDIATOR, by=manager)
    assert Membership.objects.filter(user=adviser, role=R.MEDIATOR).exists()
    with pytest.raises(SetupError, match="already a mediator"):
        people.grant_role(world.provider, adviser, R.MEDIATOR, by=manager)
    people.remove_role(membership, by=manager)
    assert not Membership.objects.filter(user=adviser, role=R.MEDIATOR).exists()
    with pytest.raises(SetupError, match="only role"):
        people.remove_role(world.members[R.ADVISER], by=manager)
    change = SetupChange.objects.filter(what__startswith="Took the role").get()
    assert change.before == {"role": "mediator"} and change.after == {"role": ""}


def test_a_role_is_given_only_to_someone_of_the_provider(world):
    outsider = UserFactory()
    with pytest.raises(SetupError, match="invite them instead"):
        people.grant_role(world.provider, outsider, R.ADVISER, by=world.user(R.SERVICE_MANAGER))


def test_setup_changes_are_never_altered_or_deleted(world):
    people.deactivate(world.provider, world.user(R.ADVISER), by=world.user(R.SERVICE_MANAGER))
    change = SetupChange.objects.get()
    change.what = "something else"
    with pytest.raises(ValueError, match="never altered"):
        change.save()
    with pytest.raises(ValueError, match="never deleted"):
        change.delete()


@pytest.mark.parametrize(
    "typed", ["Someone@Example.ORG", "someone@example.org", " SOMEONE@example.org "]
)
def test_signing_in_is_not_case_sensitive(db, client, typed):
    UserFactory(email="Someone@Example.org")
    assert User.objects.get().email == "someone@example.org"
    response = client.post(
        reverse("login"), {"username": typed, "password": "a-long-test-password"}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_a_forgotten_password_is_reset_by_email(world, client):
    user = world.user(R.COORDINATOR)
    page = client.get(reverse("login")).content.decode()
    assert reverse("password_reset") in page
    response = client.post(reverse("password_reset"), {"email": user.email.upper()})
    assert response["Location"] == reverse("password_reset_done")
    [email] = mail.outbox
    link = re.search(r"https?://\S+", email.body)
    assert link is not None
    path = link.group(0).split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new = "violet harbour ladder quince"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done["Location"] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(new)
    # The link works once.
    assert "This link does not work" in client.get(path, follow=True).content.decode()


def test_the_reset_page_says_the_same_for_an_unknown_address(world, client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_the_reset_page_shows_a_govuk_error_summary(db, client):
    html = client.post(reverse("password_reset"), {"email": "not an address"}).content.decode()
    assert "govuk-error-summary" in html and 'href="#id_email"' in html


def _lower_case_migration():
    return importlib.import_module("accord.organisations.migrations.0003_lower_case_emails")


def test_the_migration_lower_cases_stored_addresses(db):
    user = UserFactory()
    User.objects.filter(pk=user.pk).update(email="Mixed.Case@Example.org")
    _lower_case_migration().lower_case_emails(django_apps, None)
    assert User.objects.get(pk=user.pk).email == "mixed.case@example.org"


def test_the_migration_stops_and_names_accounts_that_differ_only_in_case(db):
    first, second = UserFactory(), UserFactory()
    User.objects.filter(pk=first.pk).update(email="twin@example.org")
    User.objects.filter(pk=second.pk).update(email="Twin@Example.org")
    with pytest.raises(RuntimeError, match=re.escape("twin@example.org and Twin@Example.org")):
        _lower_case_migration().lower_case_emails(django_apps, None)
    assert User.objects.get(pk=second.pk).email == "Twin@Example.org"
