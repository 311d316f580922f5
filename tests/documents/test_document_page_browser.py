"""A certificate's and an agreement's web page in a real browser (issue 14, section 6): opened
from the secure link's page, the document's own content passes axe-core with no violation, at
desktop width and at 320 px, where nothing may scroll sideways."""

from __future__ import annotations

import os

import pytest

from accord.documents import links, services
from accord.documents.services import ItemData
from accord.organisations.roles import Role
from tests.browser import launch, needs_chromium, screenshot
from tests.documents.conftest import ISSUED_ON, make_case
from tests.documents.helpers import key

pytestmark = [pytest.mark.e2e, needs_chromium, pytest.mark.django_db(transaction=True)]
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 640}


@pytest.fixture(scope="module")
def browser():
    yield from launch()


@pytest.fixture
def world(transactional_db):
    from tests.conftest import World

    return World()


def check(page, name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    for viewport, suffix in ((DESKTOP, ""), (NARROW, "-320px")):
        page.set_viewport_size(viewport)
        results = Axe().run(page)
        assert results.violations_count == 0, f"{name}{suffix}:\n{results.generate_report()}"
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {viewport['width']}px"
        screenshot(page, "documents", name + suffix)


def _path(full: str) -> str:
    return "/" + full.split("://", 1)[1].split("/", 1)[1]


def test_the_documents_web_pages_are_accessible(browser, live_server, world):
    declined = make_case(world, "declined")
    certificate = services.issue_certificate(
        declined, "information_given", ISSUED_ON, idempotency_key=key(), by=world.user(Role.ADVISER)
    )
    parent = declined.parties.get(is_enquirer=True)
    mediated = make_case(world, "follow_up", child_last_name="Other")
    mediator = world.user(Role.MEDIATOR)
    agreement = services.start_agreement(mediated, by=mediator)
    services.add_item(
        agreement,
        ItemData(
            decided="Weekly speech and language therapy.",
            action="The LA will amend section F.",
            responsible="Kent County Council SEN team",
            review="The coordinator checks with the family.",
            action_kind="",
        ),
        by=mediator,
    )
    agreement = services.issue_agreement(agreement, notify=False, by=mediator)
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        link = links.certificate_link(certificate, parent)
        page.goto(live_server.url + _path(link))
        page.get_by_role("button", name="Read it as a web page").click()
        assert page.get_by_role("heading", level=1, name="Mediation certificate").is_visible()
        assert page.get_by_text("Why you have this certificate").is_visible()
        check(page, "certificate-page")
        link = links.agreement_link(agreement, mediated.parties.get(is_enquirer=True))
        page.goto(live_server.url + _path(link))
        page.get_by_role("button", name="Read it as a web page").click()
        assert page.get_by_text("Weekly speech and language therapy.").is_visible()
        check(page, "agreement-page")
    finally:
        context.close()
