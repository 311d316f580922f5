"""Statements and agreements signed in the browser (issue 12, "Done means").

A case statement: the coordinator writes it after the pre-meeting and sends it; the parent
reads it on their own pages and asks for a change; a new version is written and sent; the
parent signs it and downloads the signed PDF, whose evidence page and seal are then checked
with pyHanko's validation API (trusting the generated certificate). An agreement: the LA
officer signs it on the case's pages, the parent on theirs, and both then see "Signed by all".
Each new family page is checked with axe-core at desktop width and at 320 px. Screenshots go
to test-output/family/ and test-output/statements/."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from accord.documents import services as document_services
from accord.documents.services import ItemData
from accord.documents.statement_models import CaseStatement, StatementState
from accord.organisations.roles import Role
from tests.browser import needs_chromium, screenshot
from tests.documents.conftest import make_case as make_documents_case
from tests.documents.signing import assert_sealed, pages_text, seal_fails, squeezed, tampered
from tests.e2e.test_casework_journeys import sign_in as staff_sign_in
from tests.family.conftest import make_case
from tests.family.test_browser import check
from tests.family.test_browser import sign_in as family_sign_in

pytestmark = [pytest.mark.e2e, needs_chromium, pytest.mark.django_db(transaction=True)]

FIRST = "Jo thinks the school cannot meet the need for speech and language therapy."
ADDED = "Jo also wants the plan to name the specialist unit."


@pytest.fixture
def world(transactional_db):
    from tests.conftest import World

    return World()


@pytest.fixture
def case(world):
    return make_case(world, la_notified_on=date(2026, 10, 21))


def test_a_statement_is_drafted_changed_at_the_familys_request_signed_and_sealed(
    browser, live_server, world, case
):
    staff = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    family = browser.new_context(
        viewport={"width": 1280, "height": 900}, accept_downloads=True
    ).new_page()
    for page in (staff, family):
        page.set_default_timeout(15_000)

    # The coordinator writes the parent's statement and sends it to check.
    staff_sign_in(staff, live_server, world.user(Role.COORDINATOR))
    staff.goto(f"{live_server.url}{case.get_absolute_url()}")
    staff.get_by_role("link", name="Case statements: write and follow them").click()
    staff.get_by_role("link", name="Write the statement for Jo Turner").click()
    staff.get_by_role("button", name="Save the draft").click()
    assert staff.get_by_text("Write the party's statement").first.is_visible()  # error shown
    staff.get_by_label("The party's statement of their view").fill(FIRST)
    staff.get_by_role("button", name="Save the draft").click()
    staff.wait_for_url(re.compile(r"/statements/\d+/$"))
    screenshot(staff, "statements", "01-draft")
    staff.get_by_role("button", name="Send version 1 to check").click()
    assert staff.get_by_text("Sent to Jo Turner to check and sign.").is_visible()

    # The parent reads it on their own pages and asks for a change.
    family_sign_in(family, live_server)
    family.goto(f"{live_server.url}/my-case/{case.reference}/")
    family.get_by_role("link", name="Your case statement").click()
    assert family.get_by_text(FIRST).is_visible()
    check(family, "statement-01-to-check")
    family.get_by_role("button", name="Ask for changes").click()
    assert family.get_by_text("Say what should change").first.is_visible()
    check(family, "statement-02-changes-error")
    family.get_by_label("What should change?").fill("Please add that I want the unit named.")
    family.get_by_role("button", name="Ask for changes").click()
    assert family.get_by_text("We will write a new version").first.is_visible()

    # The coordinator writes version 2 and sends it.
    staff.reload()
    assert staff.get_by_text("Please add that I want the unit named.").is_visible()
    staff.get_by_label("The party's statement of their view").fill(f"{FIRST}\n\n{ADDED}")
    staff.get_by_role("button", name="Save as a new version").click()
    assert staff.get_by_text("Version 2 saved.").is_visible()
    staff.get_by_role("button", name="Send version 2 to check").click()
    screenshot(staff, "statements", "02-version-2-sent")

    # The parent signs version 2 and downloads the signed PDF.
    family.reload()
    assert family.get_by_text(ADDED).is_visible()
    family.get_by_role("button", name="Sign the statement").click()
    assert family.get_by_text("Type your full name to sign").first.is_visible()
    check(family, "statement-03-sign-error")
    family.get_by_label("Type your full name to sign").fill("Jo Turner")
    family.get_by_label("I confirm the declaration above").check()
    family.get_by_role("button", name="Sign the statement").click()
    assert family.get_by_text("You have signed your statement").first.is_visible()
    check(family, "statement-04-signed")
    with family.expect_download() as download:
        family.get_by_role("link", name="Download the signed statement (PDF)").click()
    signed = Path(download.value.path()).read_bytes()

    statement = CaseStatement.objects.get()
    assert statement.state == StatementState.SIGNED
    assert [v.number for v in statement.versions.all()] == [1, 2]
    evidence = " ".join(" ".join(pages_text(signed)[-1:]).split())
    assert "Signature evidence" in evidence and "Jo Turner" in evidence
    assert statement.current_version().sha256 in squeezed(" ".join(pages_text(signed)))
    assert_sealed(signed)
    assert seal_fails(tampered(signed))


def test_an_agreement_is_signed_by_every_party(browser, live_server, world):
    case = make_documents_case(world, "follow_up")
    mediator = world.user(Role.MEDIATOR)
    agreement = document_services.start_agreement(case, by=mediator)
    document_services.add_item(
        agreement,
        ItemData(decided="Therapy weekly.", action="The LA amends section F.", responsible="LA"),
        by=mediator,
    )
    agreement = document_services.issue_agreement(agreement, notify=False, by=mediator)
    officer = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    family = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    for page in (officer, family):
        page.set_default_timeout(15_000)

    staff_sign_in(officer, live_server, world.user(Role.LA_OFFICER))
    officer.goto(f"{live_server.url}{case.get_absolute_url()}")
    assert officer.get_by_text("Signed by 0 of 2").is_visible()
    officer.get_by_role("link", name=f"Sign the agreement {agreement.number}").click()
    officer.get_by_label("Type your full name to sign").fill("Dana Officer")
    officer.get_by_label("I confirm the declaration above").check()
    officer.get_by_role("button", name="Sign the agreement").click()
    assert officer.get_by_text("Signed by 1 of 2").is_visible()

    family_sign_in(family, live_server, "parent@example.com")
    family.goto(f"{live_server.url}/my-case/{case.reference}/")
    family.get_by_role("link", name=re.compile("^Sign the agreement")).click()
    check(family, "agreement-01-sign")
    family.get_by_label("Type your full name to sign").fill("Jo Parentname")
    family.get_by_label("I confirm the declaration above").check()
    family.get_by_role("button", name="Sign the agreement").click()
    assert family.get_by_text("Signed by all", exact=True).is_visible()
    check(family, "agreement-02-signed-by-all")

    officer.reload()
    assert officer.get_by_text("Signed by all", exact=True).is_visible()
    screenshot(officer, "statements", "03-agreement-signed-by-all")
    agreement.refresh_from_db()
    with agreement.signed_pdf.open("rb") as file:
        assert_sealed(file.read())
