"""Going live in the browser (issue 11, "Done means"): a platform operator creates a provider
with `create_provider`; its first manager accepts the invitation, chooses a password and cannot
reach the caseload until they have set up an authenticator app; they invite a coordinator, who
does the same; signing in again needs a code (a wrong one is refused, a recovery code works
once); they add their council and invite one of its officers, who sets up a second factor too;
and deactivating the coordinator ends their session at once.

The codes are worked out from the key the set-up page shows for typing, as an authenticator app
would. Screenshots under test-output/go-live/.
"""

from __future__ import annotations

import base64
import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django_otp.oath import TOTP

from accord.organisations.models import Membership, Provider, User
from accord.organisations.roles import Role
from tests.browser import needs_chromium, screenshot

pytestmark = [pytest.mark.e2e, needs_chromium, pytest.mark.django_db(transaction=True)]

PASSWORD = "plum orbit lantern tidy"


def _code_for(secret_shown: str) -> str:
    """What an authenticator app shows for the key typed from the set-up page."""

    key = secret_shown.replace(" ", "")
    key += "=" * (-len(key) % 8)
    return f"{TOTP(base64.b32decode(key)).token():06d}"


def _accept(page, link: str, who: str) -> None:
    page.goto(link)
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("New password confirmation").fill(PASSWORD)
    screenshot(page, "go-live", f"{who}-01-accept")
    page.get_by_role("button", name="Set password and accept").click()
    page.wait_for_url(re.compile(r"/sign-in/"))
    assert "Sign in to start" in page.content()


def _sign_in(page, live_server, email: str) -> None:
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def _set_up_app(page, live_server, who: str) -> list[str]:
    """On the set-up page: proves the caseload is out of reach, then sets up the app and
    returns the recovery codes shown once."""
    assert "/account/second-factor/set-up/" in page.url
    page.goto(f"{live_server.url}/cases/")
    assert "/account/second-factor/" in page.url, "a password alone reached the caseload"
    if "/set-up/" not in page.url:
        page.goto(f"{live_server.url}/account/second-factor/set-up/")
    page.get_by_text("I cannot scan the QR code").click()
    secret = page.locator(".accord-secret").inner_text()
    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    assert "There is a problem" in page.content()
    screenshot(page, "go-live", f"{who}-02-wrong-code")
    # After a wrong code django-otp waits a moment before it checks another, as a person would.
    page.wait_for_timeout(2_100)
    page.get_by_label("Code from your authenticator app").fill(_code_for(secret))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    screenshot(page, "go-live", f"{who}-02b-after-code")
    page.wait_for_url(re.compile(r"/recovery-codes/"))
    codes = page.locator(".accord-recovery-codes code").all_inner_texts()
    assert len(codes) == 10 and len(set(codes)) == 10
    screenshot(page, "go-live", f"{who}-03-recovery-codes")
    page.get_by_role("link", name="Continue").click()
    page.wait_for_load_state()
    return codes


def test_a_new_provider_goes_live_with_two_factor_sign_in(browser, live_server, settings):
    settings.ACCORD_REQUIRE_MFA = True
    settings.ACCORD_BASE_URL = live_server.url
    out = io.StringIO()
    call_command(
        "create_provider",
        name="Weald Mediation",
        prefix="WM",
        manager_email="Sam.Manager@Example.org",
        manager_name="Sam Manager",
        stdout=out,
    )
    provider = Provider.objects.get(case_prefix="WM")
    link = re.search(r"Invitation link .*?: (\S+)", out.getvalue())
    assert link, out.getvalue()
    manager_link = re.sub(r"^https?://[^/]+", live_server.url, link.group(1))

    manager_context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = manager_context.new_page()
    page.set_default_timeout(15_000)
    _accept(page, manager_link, "manager")
    # Sign-in by email is not case-sensitive.
    _sign_in(page, live_server, "sam.manager@example.org")
    _set_up_app(page, live_server, "manager")
    page.goto(f"{live_server.url}/service/")
    assert page.get_by_role("heading", level=1).inner_text()

    # The manager invites a coordinator from the service's own pages, not the Django admin.
    page.goto(f"{live_server.url}/service/people/invite/")
    page.get_by_label("Full name").fill("Cam Coordinator")
    page.get_by_label("Email address").fill("cam@example.org")
    page.get_by_label("Case coordinator", exact=True).check()
    screenshot(page, "go-live", "manager-04-invite")
    page.locator("main form button.govuk-button").first.click()
    page.wait_for_url(re.compile(r"/service/$"))
    assert "Invitation sent to cam@example.org" in page.content()
    invitation = next(m for m in mail.outbox if m.to == ["cam@example.org"])
    assert "Weald Mediation" in invitation.subject + invitation.body
    found = re.search(r"https?://\S+/service/invitation/\S+/", invitation.body)
    assert found, invitation.body
    coordinator_link = re.sub(r"^https?://[^/]+", live_server.url, found.group(0))

    coordinator_context = browser.new_context(viewport={"width": 1280, "height": 900})
    other = coordinator_context.new_page()
    other.set_default_timeout(15_000)
    _accept(other, coordinator_link, "coordinator")
    # The link works once.
    other.goto(coordinator_link)
    assert "New password" not in other.content()
    _sign_in(other, live_server, "cam@example.org")
    codes = _set_up_app(other, live_server, "coordinator")
    other.goto(f"{live_server.url}/cases/")
    assert re.search(r"/cases/", other.url)
    assert other.get_by_role("heading", level=1).inner_text()

    # Signing in again asks for a code: a wrong one is refused, a recovery code works once.
    other.context.clear_cookies()
    _sign_in(other, live_server, "cam@example.org")
    assert "/account/second-factor/" in other.url
    other.get_by_label("Code", exact=True).fill("123456")
    other.get_by_role("button", name="Continue").click()
    other.wait_for_load_state()
    assert "The code is not right" in other.content()
    other.wait_for_timeout(2_100)
    other.get_by_label("Code", exact=True).fill(codes[0])
    other.get_by_role("button", name="Continue").click()
    other.wait_for_load_state()
    assert "You used a recovery code. You have 9 left" in other.content()
    other.goto(f"{live_server.url}/cases/")
    assert "/account/second-factor/" not in other.url

    # The manager adds the council the service works for, and invites one of its officers.
    page.goto(f"{live_server.url}/service/bodies/la/add/")
    page.get_by_label("Name", exact=True).fill("Weald Borough Council")
    page.get_by_label("Code", exact=True).fill("E07000999")
    page.get_by_label("Email address for notices").fill("send@weald.example.gov.uk")
    page.get_by_role("button", name="Add").click()
    page.wait_for_url(re.compile(r"/service/bodies/$"))
    assert "Weald Borough Council added" in page.content()
    page.goto(f"{live_server.url}/service/people/invite/")
    page.get_by_label("Full name").fill("Lee Officer")
    page.get_by_label("Email address").fill("lee@weald.example.gov.uk")
    page.get_by_label("Local authority officer", exact=True).check()
    page.get_by_label("Local authority (officers and commissioners of an LA)").select_option(
        label="Weald Borough Council"
    )
    page.locator("main form button.govuk-button").first.click()
    page.wait_for_url(re.compile(r"/service/$"))
    officer_mail = next(m for m in mail.outbox if m.to == ["lee@weald.example.gov.uk"])
    found = re.search(r"https?://\S+/service/invitation/\S+/", officer_mail.body)
    assert found, officer_mail.body
    officer_context = browser.new_context(viewport={"width": 1280, "height": 900})
    officer_page = officer_context.new_page()
    officer_page.set_default_timeout(15_000)
    _accept(officer_page, re.sub(r"^https?://[^/]+", live_server.url, found.group(0)), "officer")
    _sign_in(officer_page, live_server, "lee@weald.example.gov.uk")
    _set_up_app(officer_page, live_server, "officer")
    officer_page.goto(f"{live_server.url}/cases/")
    assert "/account/second-factor/" not in officer_page.url
    officer = Membership.objects.get(provider=provider, user__email="lee@weald.example.gov.uk")
    assert officer.role == Role.LA_OFFICER
    assert officer.local_authority is not None
    assert officer.local_authority.name == "Weald Borough Council"
    officer_context.close()

    # The manager deactivates the coordinator: their next page is the sign-in page.
    coordinator = User.objects.get(email="cam@example.org")
    assert Membership.objects.filter(provider=provider, user=coordinator).exists()
    page.goto(f"{live_server.url}/service/people/{coordinator.pk}/")
    page.get_by_role("link", name="Deactivate").click()
    page.wait_for_url(re.compile(r"/deactivate/$"))
    assert "They are signed out at once" in page.content()
    page.get_by_role("button", name="Deactivate").click()
    page.wait_for_url(re.compile(rf"/service/people/{coordinator.pk}/$"))
    assert "Deactivated" in page.content()
    screenshot(page, "go-live", "manager-05-deactivated")
    assert not Membership.objects.filter(provider=provider, user=coordinator).exists()
    other.goto(f"{live_server.url}/cases/")
    assert "/sign-in/" in other.url
    manager_context.close()
    coordinator_context.close()
