"""Each client sees exactly what its body's officers see on the pages: another body's case is a
404, a token that is wrong, revoked or expired is a 401, a missing scope a 403."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache

from accord.api.auth import ClientRateThrottle
from accord.api.clients import revoke_client
from accord.api.models import ApiClient, Scope
from accord.organisations.roles import Role
from accord.rules import today_in_england
from tests.api.conftest import REFERRAL
from tests.factories import CaseFactory

PROBLEM = "application/problem+json"
CASE_PATHS = ["", "certificates/", "actions/", "meetings/", "events/"]


@pytest.fixture
def two_cases(world):
    # The bodies are parties to "ours" (the family agreed to share at intake), and the other
    # LA's to "theirs": each body sees only its own.
    shared = today_in_england()
    ours = CaseFactory(
        provider=world.provider,
        local_authority=world.la,
        health_body=world.icb,
        shared_with_bodies_on=shared,
    )
    theirs = CaseFactory(
        provider=world.provider, local_authority=world.other_la, shared_with_bodies_on=shared
    )
    return ours, theirs


@pytest.mark.parametrize("tail", CASE_PATHS)
def test_another_bodys_case_is_404(world, make_caller, two_cases, tail):
    ours, theirs = two_cases
    caller = make_caller("la")
    assert caller.get(f"/api/v1/cases/{ours.reference}/{tail}").status_code == 200
    answer = caller.get(f"/api/v1/cases/{theirs.reference}/{tail}")
    assert answer.status_code == 404
    assert answer["Content-Type"] == PROBLEM
    assert answer.json()["status"] == 404


def test_the_case_list_holds_only_the_bodys_cases(world, make_caller, two_cases):
    ours, _theirs = two_cases
    other_provider_case = CaseFactory(provider=world.stranger_provider, local_authority=world.la)
    la = [c["reference"] for c in make_caller("la").get("/api/v1/cases/").json()["results"]]
    assert la == [ours.reference]
    assert other_provider_case.reference not in la
    icb = [c["reference"] for c in make_caller("icb").get("/api/v1/cases/").json()["results"]]
    assert icb == [ours.reference]


def test_the_case_list_is_cursor_paged(world, make_caller):
    made = [
        CaseFactory(
            provider=world.provider,
            local_authority=world.la,
            shared_with_bodies_on=today_in_england(),
        )
        for _ in range(3)
    ]
    caller = make_caller("la")
    first = caller.get("/api/v1/cases/?page_size=2").json()
    assert [c["reference"] for c in first["results"]] == [made[2].reference, made[1].reference]
    second = caller.get(first["next"]).json()
    assert [c["reference"] for c in second["results"]] == [made[0].reference]
    assert second["next"] is None


def test_no_token_or_a_wrong_one_is_401(la_caller, client):
    assert client.get("/api/v1/cases/").status_code == 401
    wrong = client.get("/api/v1/cases/", HTTP_AUTHORIZATION=la_caller.token[:-2] + "xx")
    assert wrong.status_code == 401
    assert wrong["Content-Type"] == PROBLEM
    assert wrong["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_or_expired_client_is_401(world, la_caller):
    assert la_caller.get("/api/v1/cases/").status_code == 200
    ApiClient.objects.filter(pk=la_caller.client.pk).update(
        expires_on=today_in_england() - timedelta(days=1)
    )
    assert la_caller.get("/api/v1/cases/").status_code == 401
    ApiClient.objects.filter(pk=la_caller.client.pk).update(expires_on=today_in_england())
    assert la_caller.get("/api/v1/cases/").status_code == 200
    revoke_client(la_caller.client, by=world.user(Role.SERVICE_MANAGER))
    assert la_caller.get("/api/v1/cases/").status_code == 401


def test_a_missing_scope_is_403(make_caller):
    caller = make_caller("la", scopes=[Scope.REFERRALS])
    answer = caller.get("/api/v1/cases/")
    assert answer.status_code == 403
    assert answer["Content-Type"] == PROBLEM


def test_each_client_has_its_own_rate(monkeypatch, make_caller):
    monkeypatch.setattr(ClientRateThrottle, "THROTTLE_RATES", {"api_client": "2/minute"})
    cache.clear()
    first, second = make_caller("la"), make_caller("icb")
    answers = [first.get("/api/v1/cases/") for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[2]["Content-Type"] == PROBLEM
    assert "Retry-After" in answers[2]
    assert second.get("/api/v1/cases/").status_code == 200
    cache.clear()


def test_a_referral_without_the_familys_agreement_is_not_read_back_until_the_body_is_a_party(
    la_caller,
):
    sent = la_caller.post(
        "/api/v1/referrals/",
        {**REFERRAL, "family_agreed_to_share": False},
        HTTP_IDEMPOTENCY_KEY="no-share-1",
    )
    assert sent.status_code == 201
    assert la_caller.get(f"/api/v1/cases/{sent.json()['reference']}/").status_code == 404
