"""factory_boy factory for online requests (the shared factories live in tests/factories.py)."""

from __future__ import annotations

from datetime import date

import factory

from accord.portal.models import OnlineRequest
from tests.factories import LocalAuthorityFactory, ProviderFactory


class OnlineRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OnlineRequest

    reference = factory.Sequence(lambda n: f"REQ-T{n:05d}")
    provider = factory.SubFactory(ProviderFactory)
    local_authority = factory.SubFactory(LocalAuthorityFactory)
    requester_role = "parent_carer"
    requester_name = factory.Faker("name", locale="en_GB")
    child_first_name = "Robin"
    child_last_name = factory.Sequence(lambda n: f"Child{n}")
    child_date_of_birth = date(2015, 6, 1)
    decision_kind = "refuse_to_assess"
    decision_letter_date = date(2026, 10, 1)
    summary = "The council will not assess."
    email = factory.Sequence(lambda n: f"family{n}@example.com")
    preferred_contact = "email"
    consent_to_share_with_la = True
