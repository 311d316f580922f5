"""The service manager's API client pages: add (the token shown once), list, revoke; who may
open them; the form re-shown with its errors, nothing half-saved."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from accord.api.clients import client_for_token, digest
from accord.api.models import ApiClient
from accord.organisations.models import Membership
from accord.organisations.roles import Role
from accord.rules import today_in_england

PAGES = {"/api-clients/": {Role.SERVICE_MANAGER}, "/api-clients/new/": {Role.SERVICE_MANAGER}}
STAFF = {Role.SERVICE_MANAGER, Role.COORDINATOR, Role.ADVISER}


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_role_matrix_for_the_api_pages(client_for, role):
    for path, allowed in PAGES.items():
        assert client_for(role).get(path).status_code == (200 if role in allowed else 403), path
    webhooks = client_for(role).get("/api-clients/webhooks/").status_code
    assert webhooks == (200 if role in STAFF else 403)


def _form(world, **changes) -> dict[str, object]:
    return {
        "name": "Kent SEN case system",
        "body": f"la-{world.la.pk}",
        "scopes": ["referrals:write", "cases:read"],
        "expires_on": (today_in_england() + timedelta(days=90)).isoformat(),
    } | changes


def test_a_manager_adds_a_client_and_sees_its_token_once(world, client_for):
    manager = client_for(Role.SERVICE_MANAGER)
    page = manager.post("/api-clients/new/", _form(world))
    assert page.status_code == 200
    token = page.context["token"]
    assert token in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0")
    client = ApiClient.objects.get()
    assert client.secret_sha256 == digest(token.partition(".")[2])
    assert token.partition(".")[2] not in str(ApiClient.objects.values().get())
    assert client_for_token(token) == client
    membership = Membership.objects.get(api_client=client)
    assert (membership.role, membership.local_authority) == (Role.LA_OFFICER, world.la)
    assert not membership.user.has_usable_password()
    listing = manager.get("/api-clients/").content.decode()
    assert "Kent SEN case system" in listing
    assert token not in listing


def test_the_form_names_each_field_at_fault_and_saves_nothing(world, client_for):
    manager = client_for(Role.SERVICE_MANAGER)
    page = manager.post(
        "/api-clients/new/",
        _form(world, scopes=[], expires_on=(today_in_england() + timedelta(days=900)).isoformat()),
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "govuk-error-summary" in html
    assert "#id_scopes" in html or 'href="#id_scopes' in html
    far = manager.post(
        "/api-clients/new/",
        _form(world, expires_on=(today_in_england() + timedelta(days=900)).isoformat()),
    )
    assert "within a year" in far.content.decode()
    assert not ApiClient.objects.exists()


def test_a_manager_revokes_a_client(world, client_for, la_caller):
    manager = client_for(Role.SERVICE_MANAGER)
    answer = manager.post(f"/api-clients/{la_caller.client.pk}/revoke/")
    assert answer.status_code == 302
    assert la_caller.get("/api/v1/cases/").status_code == 401
    la_caller.client.refresh_from_db()
    assert la_caller.client.revoked_by == world.user(Role.SERVICE_MANAGER)


def test_another_providers_manager_cannot_revoke(world, la_caller):
    stranger = Client()
    stranger.force_login(world.stranger.user)
    assert stranger.post(f"/api-clients/{la_caller.client.pk}/revoke/").status_code == 404
    assert la_caller.get("/api/v1/cases/").status_code == 200
