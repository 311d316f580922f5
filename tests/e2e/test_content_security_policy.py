"""In a real browser, under the Content-Security-Policy, GOV.UK Frontend still starts (its
scripts are files now, not inline) and nothing is refused (issue 11, section 6)."""

from __future__ import annotations

import pytest

from tests.browser import needs_chromium

pytestmark = [pytest.mark.e2e, needs_chromium, pytest.mark.django_db(transaction=True)]


def test_the_frontend_starts_and_the_policy_refuses_nothing(page, live_server):
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text))
    page.on("pageerror", lambda error: refused.append(str(error)))
    response = page.goto(f"{live_server.url}/sign-in/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    classes = page.eval_on_selector("body", "body => body.className")
    assert "js-enabled" in classes
    assert "govuk-frontend-supported" in classes
    # initAll() ran: GOV.UK Frontend marks each component it started.
    page.wait_for_selector("[data-module='govuk-button'][data-govuk-button-init]", state="attached")
    assert not [text for text in refused if "Content Security Policy" in text], refused
