"""API clients for the world's bodies, and a Django test client that sends their token."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client

from accord.api.clients import NewClient, create_client
from accord.api.models import ApiClient, Scope
from accord.organisations.roles import Role
from accord.rules import today_in_england


class Caller:
    """One API client and a way to call the API as it."""

    def __init__(self, client: ApiClient, token: str) -> None:
        self.client = client
        self.token = token
        self.http = Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    def get(self, path: str, **extra):
        return self.http.get(path, **extra)

    def post(self, path: str, data: dict, **extra):
        return self.http.post(path, data, content_type="application/json", **extra)


@pytest.fixture
def make_caller(world) -> Callable[..., Caller]:
    def make(body: str = "la", scopes: list[str] | None = None, la=None) -> Caller:
        client, token = create_client(
            world.provider,
            NewClient(
                name=f"{body} system",
                scopes=scopes or list(Scope.values),
                expires_on=today_in_england() + timedelta(days=30),
                local_authority=(la or world.la) if body == "la" else None,
                health_body=world.icb if body == "icb" else None,
            ),
            by=world.user(Role.SERVICE_MANAGER),
        )
        return Caller(client, token)

    return make


@pytest.fixture
def la_caller(make_caller) -> Caller:
    return make_caller("la")


REFERRAL = {
    "child": {"first_name": "Sam", "last_name": "Example", "date_of_birth": "2016-03-02"},
    "contact": {"name": "Alex Example", "role": "parent_carer", "email": "alex@example.com"},
    "decision_kind": "refuse_to_assess",
    "decision_notice_sent_on": "2026-11-20",
    "summary": "The council refused to assess.",
    # The family agreed the council may follow the case (otherwise it reads it back only once
    # it is a party: accord.cases.selectors.body_is_a_party).
    "family_agreed_to_share": True,
}


@pytest.fixture(autouse=True)
def _fresh_rates():
    """Rate counts live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()
