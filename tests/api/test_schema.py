"""The live schema: valid OpenAPI 3, and schemathesis runs every operation in it as each body's
client, with no server error and no answer the schema does not describe."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accord.config.wsgi import application
from tests.factories import CaseFactory

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Calls go straight to the WSGI application, so Django would close the database connection
    after each one, and with it the test's transaction (PostgreSQL). Django's own test client
    holds these two signals off in the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_the_schema_names_every_operation(client):
    answer = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert answer.status_code == 200
    operations = {
        op["operationId"] for methods in answer.json()["paths"].values() for op in methods.values()
    }
    assert operations == {
        "create_referral",
        "list_cases",
        "get_case",
        "list_certificates",
        "get_certificate_pdf",
        "list_actions",
        "mark_action_done",
        "list_meetings",
        "list_events",
        "list_webhooks",
        "create_webhook",
        "delete_webhook",
    }


def test_the_docs_page_is_served_without_a_cdn(client):
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower()


@pytest.fixture
def callers(world, make_caller):
    # A case each body is a party to, so some generated references can be found.
    CaseFactory(provider=world.provider, local_authority=world.la, health_body=world.icb)
    return {"la": make_caller("la"), "icb": make_caller("icb")}


@schema.parametrize()
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.parametrize("body", ["la", "icb"])
def test_every_operation_as_each_bodys_client(case, body, callers):
    response = case.call(headers={"Authorization": f"Bearer {callers[body].token}"})
    assert response.status_code < 500, response.text
    case.validate_response(
        response,
        checks=[status_code_conformance, content_type_conformance, response_schema_conformance],
    )
