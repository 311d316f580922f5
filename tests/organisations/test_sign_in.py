"""Staff sign-in: repeated failures are locked out (django-axes), idle sessions end, and
passwords must be strong."""

from __future__ import annotations

import pytest
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from accord.organisations.middleware import LAST_SEEN_KEY
from accord.organisations.roles import Role


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True


def sign_in(client, email, password):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_repeated_failed_sign_ins_lock_the_account_even_with_the_right_password(
    world, client, axes_on
):
    user = world.user(Role.COORDINATOR)
    for _ in range(4):  # AXES_FAILURE_LIMIT is 5: the 5th failure locks
        failed = sign_in(client, user.email, "not-the-password")
        assert "Enter a correct email address and password." in failed.content.decode()
    assert sign_in(client, user.email, "not-the-password").status_code == 429
    locked = sign_in(client, user.email, "a-long-test-password")
    assert locked.status_code == 429
    assert "You cannot sign in for 30 minutes" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_right_password_signs_in_before_the_limit(world, client, axes_on):
    user = world.user(Role.COORDINATOR)
    sign_in(client, user.email, "wrong-once")
    response = sign_in(client, user.email, "a-long-test-password")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_an_idle_staff_session_ends(world, client_for, settings):
    settings.ACCORD_IDLE_TIMEOUT_SECONDS = 60
    client = client_for(Role.COORDINATOR)
    assert client.get(reverse("cases:caseload")).status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = session[LAST_SEEN_KEY] - 61
    session.save()
    response = client.get(reverse("cases:caseload"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("password", ["short1", "password123456", "12345678901234", "abc"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_uncommon_password_is_accepted(world):
    password = "correct horse battery staple mediation"
    form = SetPasswordForm(
        world.user(Role.COORDINATOR), {"new_password1": password, "new_password2": password}
    )
    assert form.is_valid(), form.errors


def test_a_lockout_holds_only_for_that_person(world, client, axes_on):
    locked_out = world.user(Role.COORDINATOR)
    for _ in range(5):
        sign_in(client, locked_out.email, "not-the-password")
    other = world.user(Role.ADVISER)
    assert sign_in(client, other.email, "a-long-test-password").status_code == 302
