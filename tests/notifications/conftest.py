"""Cases and dates for the notification tests. Dates are fixed so working days are known:
Monday 2 March 2026 is an ordinary week; Good Friday is 3 April 2026 and Easter Monday 6 April."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from accord.cases.choices import FamilyChoice, Route
from accord.organisations.roles import Role
from tests.factories import CaseFactory, ChildFactory


def at(day: date, hour: int = 9) -> datetime:
    """A moment on `day` in Europe/London."""
    return timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture
def make_case(world):
    """A case of the world's provider, assigned to its coordinator and adviser, with a child
    whose name is easy to spot in any message."""

    def make(provider=None, **fields):
        provider = provider or world.provider
        child = ChildFactory(provider=provider, first_name="Zebedee", last_name="Quartermaine")
        values = {
            "provider": provider,
            "child": child,
            "local_authority": world.la,
            "route": Route.MEDIATION,
            "decision_notice_sent_on": date(2026, 2, 20),
        }
        if provider == world.provider:
            values |= {
                "coordinator": world.user(Role.COORDINATOR),
                "adviser": world.user(Role.ADVISER),
                "mediator": world.user(Role.MEDIATOR),
            }
        values |= fields
        return CaseFactory(**values)

    return make


@pytest.fixture
def certificate_case(make_case):
    """The family chose a certificate on Monday 2 March 2026: due Thursday 5 March (reg 34)."""
    return make_case(family_choice=FamilyChoice.CERTIFICATE, family_choice_on=date(2026, 3, 2))


@pytest.fixture
def fail_first(settings):
    from tests.notifications.backends import FailFirstBackend

    settings.EMAIL_BACKEND = "tests.notifications.backends.FailFirstBackend"
    FailFirstBackend.failures_left = 1
    return FailFirstBackend
