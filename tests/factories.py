"""factory_boy factories for the models (style.md #9)."""

from __future__ import annotations

from datetime import date
from typing import Any

import factory

from accord.cases.models import Case, ChildOrYoungPerson, Party
from accord.organisations.models import HealthBody, LocalAuthority, Membership, Provider, User
from accord.organisations.roles import Role


class LocalAuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalAuthority
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Council {n}")
    code = factory.Sequence(lambda n: f"E{n:08d}")


class HealthBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HealthBody
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"NHS Area {n} ICB")
    code = factory.Sequence(lambda n: f"Q{n:02d}")


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Mediation Service {n}")
    case_prefix = factory.Sequence(lambda n: f"P{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    password = factory.django.Password("a-long-test-password")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    provider = factory.SubFactory(ProviderFactory)
    role = Role.COORDINATOR


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildOrYoungPerson

    provider = factory.SubFactory(ProviderFactory)
    # Made-up, distinctive names: a random real surname ("Kent", "May") could turn up in any
    # page or message and make a "no personal data here" check pass or fail by chance.
    first_name = factory.Sequence(lambda n: f"Kidfirst{n}")
    last_name = factory.Sequence(lambda n: f"Kidlast{n}")
    date_of_birth = date(2016, 3, 14)


class CaseFactory(factory.django.DjangoModelFactory):
    """A bare case row (no services run): for selectors and permissions. Journey tests use
    accord.cases.services.create_enquiry instead."""

    class Meta:
        model = Case

    provider = factory.SubFactory(ProviderFactory)
    reference = factory.Sequence(lambda n: f"T-2026-{n:04d}")
    child = factory.SubFactory(ChildFactory, provider=factory.SelfAttribute("..provider"))
    local_authority = factory.SubFactory(LocalAuthorityFactory)
    decision_kind = "refuse_to_assess"
    decision_notice_sent_on = date(2026, 10, 1)


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    case = factory.SubFactory(CaseFactory)
    role = "parent_carer"
    name = factory.Faker("name", locale="en_GB")
    email = factory.Sequence(lambda n: f"parent{n}@example.com")


def new_enquiry(world: Any, *, by: User | None = None, **overrides: Any) -> Case:
    """An enquiry taken through the service (`create_enquiry`), as a coordinator would: Alfie
    Turner's, against a refusal to assess, received on 2 November 2026; `overrides` change any
    of its details."""
    from accord.cases import services

    data = {
        "local_authority": world.la,
        "decision_kind": "refuse_to_assess",
        "child_first_name": "Alfie",
        "child_last_name": "Turner",
        "child_date_of_birth": date(2016, 5, 2),
        "contact_name": "Jo Turner",
        "contact_email": "jo@example.com",
        "received_on": date(2026, 11, 2),
        "decision_notice_sent_on": date(2026, 10, 20),
        **overrides,
    }
    return services.create_enquiry(
        world.provider,
        services.EnquiryData(**data),
        by=by or world.user(Role.COORDINATOR),
    )
