"""A service manager finds a failed email on the Messages page and sends it again, in Debian's
Chromium. Screenshots go to test-output/notifications/ for a reviewer."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from accord.notifications.delivery import deliver_due_messages
from accord.notifications.models import MessageStatus, OutboxMessage
from accord.notifications.services import queue_email
from accord.organisations.roles import Role

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent.parent.parent / "test-output" / "notifications"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    # Playwright runs an event loop in this thread; the test's ORM calls stay synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(15_000)
        yield page
        browser.close()


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_staff_send_a_failed_email_again(page, live_server, settings, transactional_db):
    from tests.conftest import World
    from tests.factories import CaseFactory

    world = World()
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    settings.EMAIL_BACKEND = "tests.notifications.backends.AlwaysFailBackend"
    settings.ACCORD_OUTBOX_MAX_ATTEMPTS = 1
    message = queue_email(
        case=case,
        to=["parent@example.com"],
        subject=f"{case.reference}: mediation meeting booked",
        body="A mediation meeting has been booked.\n\nWhat to do next: tell us if you can come.",
        idempotency_key="browser-test",
    )
    deliver_due_messages()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    manager = world.user(Role.SERVICE_MANAGER)
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Email address").fill(manager.email)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/cases/$"))

    page.get_by_role("link", name="Messages").click()
    page.get_by_role("link", name=re.compile(r"^Failed")).click()
    assert page.get_by_role("link", name=message.subject).is_visible()
    shot(page, "01-failed-messages")

    page.get_by_role("link", name=message.subject).click()
    assert page.get_by_text("SMTPServerDisconnected").first.is_visible()
    shot(page, "02-failed-message")
    page.get_by_role("button", name="Send it again").click()
    assert page.get_by_text("will be sent again").is_visible()
    shot(page, "03-queued-again")

    deliver_due_messages()
    page.reload()
    assert page.locator(".govuk-tag", has_text="Sent").is_visible()
    assert OutboxMessage.objects.get().status == MessageStatus.SENT
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    assert page.get_by_role("heading", name="Messages").is_visible()
    assert page.get_by_text(f"Email sent: {message.subject}").is_visible()
    shot(page, "04-case-page")
