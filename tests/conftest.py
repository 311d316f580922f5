"""Shared fixtures: a provider with its public bodies and a user of every role, built through
factories; and a signed-in client per role."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.test import Client

from accord.organisations.models import Membership, User
from accord.organisations.roles import Role
from accord.rules import today_in_england
from tests.factories import (
    HealthBodyFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    ProviderFactory,
)


@pytest.fixture(autouse=True)
def _fast_hashing_and_media(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _background_tasks_inline(settings, monkeypatch):
    """django-q2 tasks run inline, in the test's own transaction, when something queues one
    (Q_CLUSTER "sync"; django-q2 reads it when a task is queued). A request does not ask for the
    outbox to be sent as it commits: tests send it when they choose (`deliver_outbox`), except
    the tests of that prompt, which turn it back on."""
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "SYNC", True)
    settings.ACCORD_OUTBOX_SEND_PROMPTLY = False


class World:
    """One provider with two LAs and an ICB, one person per role; and a second provider."""

    def __init__(self) -> None:
        self.la = LocalAuthorityFactory(name="Kent County Council")
        self.other_la = LocalAuthorityFactory(name="Medway Council")
        self.icb = HealthBodyFactory(name="NHS Kent and Medway ICB")
        self.provider = ProviderFactory(case_prefix="KM")
        self.provider.local_authorities.add(self.la, self.other_la)
        self.provider.health_bodies.add(self.icb)
        self.members: dict[Role, Membership] = {}
        for role in Role:
            self.members[role] = MembershipFactory(
                provider=self.provider,
                role=role,
                local_authority=self.la if role in (Role.LA_OFFICER, Role.COMMISSIONER) else None,
                health_body=self.icb if role == Role.ICB_OFFICER else None,
            )
        self.stranger_provider = ProviderFactory(case_prefix="XX")
        self.stranger_provider.local_authorities.add(self.la)
        self.stranger = MembershipFactory(
            provider=self.stranger_provider, role=Role.SERVICE_MANAGER
        )

    def user(self, role: Role) -> User:
        return self.members[role].user


@pytest.fixture
def world(db) -> World:
    return World()


@pytest.fixture
def client_for(world) -> Callable[[Role], Client]:
    def make(role: Role) -> Client:
        client = Client()
        client.force_login(world.user(role))
        return client

    return make


@pytest.fixture
def deliver_outbox() -> Callable[[], list[EmailMessage]]:
    """Sends what the notifications outbox holds, as one pass of the background worker does
    (`manage.py run_worker --once --no-scan`), and returns the emails sent by that pass (they
    are also in django.core.mail.outbox)."""
    from accord.notifications.delivery import deliver_due_messages

    def deliver() -> list[EmailMessage]:
        before = len(mail.outbox)
        deliver_due_messages()
        return list(mail.outbox[before:])

    return deliver


@pytest.fixture
def today() -> date:
    return today_in_england()


@pytest.fixture
def stop_clock_at(monkeypatch) -> Callable[[datetime], None]:
    """Stops the clock at a moment (which must carry its zone): today_in_england() and Django's
    signed links both read time.time()."""

    def stop_at(moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("give the moment its time zone")
        monkeypatch.setattr(time, "time", moment.timestamp)

    return stop_at
