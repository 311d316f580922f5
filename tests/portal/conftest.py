"""Portal fixtures: a clean rate-limit cache for every test, and helpers that walk a family
through the question pages the way a browser without JavaScript would."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    cache.clear()
    yield
    cache.clear()


def date_fields(name: str, day: Any, month: Any, year: Any) -> dict[str, str]:
    return {f"{name}-day": str(day), f"{name}-month": str(month), f"{name}-year": str(year)}


def request_answers(world, **overrides: Any) -> list[tuple[str, dict[str, Any]]]:
    """Every page of the request form, answered for Medway (one service works there)."""
    pages: dict[str, dict[str, Any]] = {
        "who": {"requester_role": "parent_carer"},
        "asking-for": {"on_behalf_of": "My neighbour's son"},
        "the-family": {
            "family_name": "Kim Neighbour",
            "family_relationship": "parent_carer",
            "family_email": "kim@example.com",
            "family_phone": "",
        },
        "your-role": {"supporter_kind": "relative", "family_consent": "yes"},
        "your-name": {"requester_name": "Sam Carer"},
        "child": {
            "child_first_name": "Alex",
            "child_last_name": "Example",
            **date_fields("child_date_of_birth", 14, 3, 2016),
            "child_setting": "Hillside Primary",
        },
        "council": {"local_authority": world.other_la.pk},
        "service": {"provider": world.provider.pk},
        "decision": {"decision_kind": "refuse_to_assess"},
        "decision-date": date_fields("decision_letter_date", 1, 10, 2026),
        "about": {"summary": "The council will not assess for an EHC plan."},
        "contact": {"email": "sam@example.com", "phone": "", "preferred_contact": "email"},
        "access-needs": {"interpreter_language": "Polish", "access_needs": "Step-free access"},
        "consent": {"consent": "yes"},
    }
    for slug, answer in overrides.items():
        pages[slug.replace("_", "-")] = answer
    return list(pages.items())


@pytest.fixture
def fill_request(world) -> Callable[..., Client]:
    """Answer every question page in order, following the redirects the server gives."""

    def fill(client: Client | None = None, **overrides: Any) -> Client:
        client = client or Client()
        url = reverse("portal:request_question", args=["who"])
        answers = dict(request_answers(world, **overrides))
        check = reverse("portal:request_check")
        while url != check:
            slug = url.rstrip("/").split("/")[-1]
            response = client.post(url, answers[slug])
            assert response.status_code == 302, (slug, response.content.decode()[:2000])
            url = response["Location"]
        return client

    return fill
