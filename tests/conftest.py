"""Shared fixtures: a provider with its public bodies and a user of every role, built through
factories; and a signed-in client per role."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import factory.random
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
from tests.fake_notify import API_KEY, FakeNotify, running


@pytest.fixture(scope="session")
def seal_dir(tmp_path_factory) -> Path:
    """One self-signed sealing pair for the run, made as a local installation makes its own on
    first use (accord.documents.sealing), never under the checkout's var/."""
    return tmp_path_factory.mktemp("seal")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits (sign-in codes per address, wrong codes) live in the default cache: every
    test starts with none used, whichever tests ran before it."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _same_made_up_names_each_run(request):
    """Made-up names (Faker) are the same for a test on every run, so a failure found by a name
    such as O'Brien happens again when the test is run again."""
    factory.random.reseed_random(request.node.nodeid)


@pytest.fixture(autouse=True)
def _local_seal(settings, seal_dir):
    settings.ACCORD_SEAL_LOCAL_DIR = seal_dir
    settings.ACCORD_SEAL_CERT = ""
    settings.ACCORD_SEAL_KEY = ""


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


PLAIN_EMAIL_TEMPLATE = "f33517ff-2a88-4f6e-b855-c550268ce08a"
PLAIN_TEXT_TEMPLATE = "a6a1d3a0-8a4b-4b8a-9a3a-1b6f0e6e2a11"
CERTIFICATE_TEXT_TEMPLATE = "5c1e9a37-3f44-4c3e-8a0e-6a1f1d7b9c02"


@pytest.fixture
def fake_notify(settings):
    """A fake GOV.UK Notify on 127.0.0.1 (tests/fake_notify.py), with the real client pointed at
    it: a plain email and text template ((subject)), ((body)), and the certificate's own text
    template, which uses ((reference)) and ((link)) as well."""
    fake = FakeNotify(
        templates={
            PLAIN_EMAIL_TEMPLATE: ("email", {"subject", "body"}),
            PLAIN_TEXT_TEMPLATE: ("sms", {"body"}),
            CERTIFICATE_TEXT_TEMPLATE: ("sms", {"body", "reference", "link"}),
        }
    )
    with running(fake):
        settings.GOVUK_NOTIFY_API_KEY = API_KEY
        settings.GOVUK_NOTIFY_BASE_URL = fake.base_url
        settings.GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID = PLAIN_EMAIL_TEMPLATE
        settings.GOVUK_NOTIFY_PLAIN_TEXT_TEMPLATE_ID = PLAIN_TEXT_TEMPLATE
        settings.GOVUK_NOTIFY_TEMPLATE_IDS = {"certificate_issued:text": CERTIFICATE_TEXT_TEMPLATE}
        yield fake


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
