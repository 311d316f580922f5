"""Password spraying (issue 11, section 2): many failures from one address across different
accounts slow and then block that address; the per-account lock keeps working."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from accord.organisations import sign_in_limits
from accord.organisations.roles import Role

PASSWORD = "a-long-test-password"


@pytest.fixture
def limits(settings, monkeypatch):
    settings.AXES_ENABLED = True
    settings.ACCORD_LOGIN_FAILURE_LIMIT = 5
    settings.ACCORD_LOGIN_ADDRESS_FAILURE_LIMIT = 8
    settings.ACCORD_LOGIN_ADDRESS_SLOW_AFTER = 4
    settings.ACCORD_LOGIN_ADDRESS_SLOW_SECONDS = 1.5
    pauses: list[float] = []
    monkeypatch.setattr(sign_in_limits.time, "sleep", pauses.append)
    return pauses


def sign_in(email, password, address="203.0.113.7"):
    return Client(REMOTE_ADDR=address).post(
        reverse("login"), {"username": email, "password": password}
    )


def spray(count, address="203.0.113.7"):
    return [sign_in(f"guess{n}@example.org", "Winter2026!", address) for n in range(count)]


def test_failures_across_many_accounts_from_one_address_block_it(world, limits):
    answers = spray(8)
    assert [r.status_code for r in answers[:7]] == [200] * 7
    assert answers[7].status_code == 429
    # Blocked for everyone from that address, even with a right password ...
    blocked = sign_in(world.user(Role.COORDINATOR).email, PASSWORD)
    assert blocked.status_code == 429
    assert "You cannot sign in for 30 minutes" in blocked.content.decode()
    # ... and for no one elsewhere.
    elsewhere = sign_in(world.user(Role.COORDINATOR).email, PASSWORD, address="198.51.100.2")
    assert elsewhere.status_code == 302


def test_an_address_that_keeps_failing_is_slowed_before_it_is_blocked(world, limits):
    spray(3)
    assert limits == []
    spray(2)
    assert limits == [1.5, 1.5]


def test_a_few_failures_from_a_shared_office_address_lock_no_one_else(world, limits):
    spray(4)
    assert sign_in(world.user(Role.ADVISER).email, PASSWORD).status_code == 302


def test_the_account_lock_still_holds_below_the_address_limit(world, limits):
    user = world.user(Role.COORDINATOR)
    for _ in range(5):
        sign_in(user.email, "not-the-password")
    assert sign_in(user.email, PASSWORD).status_code == 429
    assert sign_in(world.user(Role.ADVISER).email, PASSWORD).status_code == 302


def test_a_right_password_clears_only_that_accounts_failures(world, limits):
    user = world.user(Role.COORDINATOR)
    for _ in range(3):
        sign_in(user.email, "not-the-password")
    spray(3)
    assert sign_in(user.email, PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username=user.email).exists()
    remaining = AccessAttempt.objects.filter(ip_address="203.0.113.7")
    assert sum(a.failures_since_start for a in remaining) == 3
