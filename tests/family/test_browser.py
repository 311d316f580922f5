"""The family's journeys in a real browser (Debian's Chromium through Playwright):

- signing in with the one-time code read from the email sent;
- sending the child's views as a drawing;
- giving feedback, signed in and through an emailed link;
- reading the letter to send the LA when an agreed action is overdue (SEND Regs reg 42).

Every family page is checked with axe-core (any violation fails) at desktop width and at 320 px,
where nothing may scroll sideways. Screenshots go to test-output/family/.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from accord.cases.models import CaseDocument, ChildView
from accord.cases.services import close_case
from accord.family import feedback_requests
from accord.family.models import Feedback
from accord.meetings.models import Meeting
from accord.notifications.delivery import deliver_due_messages
from accord.organisations.roles import Role
from tests.browser import launch, needs_chromium, screenshot
from tests.documents.conftest import make_case as mediated_case
from tests.documents.test_follow_up import issued_item
from tests.family.conftest import PARENT_EMAIL, issue_certificate, make_case

pytestmark = [pytest.mark.e2e, needs_chromium, pytest.mark.django_db(transaction=True)]

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
# itself are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 640}
CHECKED: list[str] = []


@pytest.fixture(scope="module")
def browser():
    yield from launch()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def world(transactional_db):
    from tests.conftest import World

    return World()


@pytest.fixture
def case(world):
    """An open mediation case with a meeting and a corrected certificate, so every section of
    the family's page has something in it."""
    case = make_case(world, state="meeting_booked")
    start = datetime(2026, 12, 8, 10, 0, tzinfo=ZoneInfo("Europe/London"))
    Meeting.objects.create(
        case=case,
        kind="mediation",
        format="hybrid",
        starts_at=start,
        ends_at=start + timedelta(hours=4),
        venue="Room 2, Community Centre\nHigh Street\nMaidstone",
        online_link="https://meet.example.com/abc",
        online_meeting_id="123 456",
        online_passcode="pass-789",
    )
    adviser = world.user(Role.ADVISER)
    old = issue_certificate(case, "KM-C-0001", on=date(2026, 11, 2), by=adviser)
    issue_certificate(case, "KM-C-0002", supersedes=old, on=date(2026, 11, 3), by=adviser)
    return case


def check(page, name: str) -> None:
    """axe-core finds nothing, and at 320 px wide nothing scrolls sideways."""
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size(DESKTOP)
    results = Axe().run(page)
    assert results.violations_count == 0, f"{name}:\n{results.generate_report()}"
    screenshot(page, "family", name)
    page.set_viewport_size(NARROW)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 320px wide"
    results = Axe().run(page)
    assert results.violations_count == 0, f"{name} at 320px:\n{results.generate_report()}"
    screenshot(page, "family", f"{name}-320px")
    page.set_viewport_size(DESKTOP)
    CHECKED.append(name)


def sign_in(page, live_server, address: str = PARENT_EMAIL) -> None:
    mail.outbox.clear()
    page.goto(f"{live_server.url}/my-case/sign-in/")
    page.get_by_label("Email address").fill(address)
    page.get_by_role("button", name="Send me a code").click()
    page.wait_for_url(re.compile(r"/my-case/sign-in/code/$"))
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/my-case/$"))


def test_signing_in_with_a_one_time_code(page, live_server, case):
    page.goto(f"{live_server.url}/my-case/")
    page.wait_for_url(re.compile(r"/my-case/sign-in/$"))
    check(page, "01-sign-in")
    page.get_by_role("button", name="Send me a code").click()
    assert page.get_by_text("Enter your email address").first.is_visible()
    check(page, "02-sign-in-error")
    page.get_by_label("Email address").fill(PARENT_EMAIL)
    page.get_by_role("button", name="Send me a code").click()
    page.wait_for_url(re.compile(r"/sign-in/code/$"))
    check(page, "03-enter-code")
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    page.get_by_label("Code").fill("000000" if code != "000000" else "111111")
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_text("That code is not right").first.is_visible()
    check(page, "04-enter-code-wrong")
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/my-case/$"))
    check(page, "05-your-cases")
    page.get_by_role("link", name=f"Case {case.reference}").click()
    page.wait_for_url(re.compile(rf"/my-case/{case.reference}/$"))
    assert page.get_by_role("heading", name="Where is my case?").is_visible()
    assert page.get_by_text("Your meeting is booked.").is_visible()
    assert page.get_by_text("Last day to appeal to the SEND Tribunal", exact=True).is_visible()
    check(page, "06-where-is-my-case")
    with page.expect_download() as download:
        page.get_by_role("link", name="Mediation certificate KM-C-0002 (PDF)").click()
    assert download.value.suggested_filename == "certificate-KM-C-0002.pdf"
    with page.expect_download() as calendar:
        page.get_by_role("link", name="Add the mediation meeting to your calendar").click()
    assert calendar.value.suggested_filename.endswith(".ics")
    assert case.accesses.filter(what="family downloaded certificate KM-C-0002").exists()
    page.get_by_role("button", name="Sign out").click()
    assert page.get_by_role("heading", name="You have signed out").is_visible()
    check(page, "07-signed-out")
    page.goto(f"{live_server.url}/my-case/{case.reference}/")
    page.wait_for_url(re.compile(r"/my-case/sign-in/$"))


def test_the_code_cannot_be_used_twice_in_the_browser(page, live_server, case):
    sign_in(page, live_server)
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    page.get_by_role("button", name="Sign out").click()
    page.goto(f"{live_server.url}/my-case/sign-in/")
    page.get_by_label("Email address").fill(PARENT_EMAIL)
    page.get_by_role("button", name="Send me a code").click()
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_text("That code is not right").first.is_visible()


def test_too_many_requests_page(page, live_server, case):
    for _ in range(4):
        page.goto(f"{live_server.url}/my-case/sign-in/")
        page.get_by_label("Email address").fill("nobody@example.com")
        page.get_by_role("button", name="Send me a code").click()
    assert page.get_by_role("heading", name="Please wait before you try again").is_visible()
    check(page, "08-too-many-tries")


def test_sending_a_drawing(page, live_server, case, tmp_path):
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/my-case/{case.reference}/")
    page.get_by_role("link", name="Send us your child's views").click()
    check(page, "10-send-views")
    page.get_by_label("Uploading a drawing or picture").check()
    page.get_by_role("button", name="Send").click()
    assert page.get_by_text("Choose a file to upload").first.is_visible()
    check(page, "11-send-views-error")
    drawing = tmp_path / "my drawing.png"
    drawing.write_bytes(PNG)
    page.get_by_label("Uploading a drawing or picture").check()
    page.get_by_label("Choose a file").set_input_files(str(drawing))
    page.get_by_role("button", name="Send").click()
    page.wait_for_url(re.compile(rf"/my-case/{case.reference}/#views$"))
    assert page.get_by_text("Thank you. We have your child's views.").is_visible()
    check(page, "12-views-sent")
    view = ChildView.objects.get(case=case)
    assert view.submitted_by_family and view.content_type == "image/png"
    with view.file.open("rb") as stored:
        assert stored.read() == PNG


def test_sending_a_document_and_reading_the_certificate_as_a_page(
    page, live_server, case, tmp_path
):
    """Issue 14, sections 6 and 7: the family's own document upload, and a certificate's web
    page beside its PDF, pass axe-core and reflow at 320 px."""
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/my-case/{case.reference}/")
    page.get_by_role(
        "link", name=re.compile(r"Read it as a web page\W+certificate KM-C-0002")
    ).click()
    page.wait_for_url(re.compile(r"/certificates/\d+/page/$"))
    assert page.get_by_role("link", name="Download it as a PDF").is_visible()
    check(page, "13-certificate-page")
    page.goto(f"{live_server.url}/my-case/{case.reference}/")
    page.get_by_role("link", name="Send us a document").click()
    check(page, "14-send-document")
    page.get_by_role("button", name="Send").click()
    assert page.get_by_text("Select what kind of document it is").first.is_visible()
    check(page, "15-send-document-error")
    letter = tmp_path / "decision letter.pdf"
    letter.write_bytes(b"%PDF-1.7\n% the decision letter\n%%EOF\n")
    page.get_by_label("The local authority's decision letter").check()
    page.get_by_label("What is it?").fill("The council's letter")
    page.get_by_label("Upload the file").set_input_files(str(letter))
    page.get_by_label("The mediation service only (staff and the mediator)").check()
    page.get_by_role("button", name="Send").click()
    page.wait_for_url(re.compile(rf"/my-case/{case.reference}/#case-documents$"))
    assert page.get_by_role("link", name="The council's letter (download)").is_visible()
    check(page, "16-document-sent")
    assert CaseDocument.objects.get(case=case).added_by_party.email == PARENT_EMAIL


def test_giving_feedback_signed_in_and_by_link(page, live_server, world, case):
    close_case(case, "withdrawn", on=timezone.localdate(), by=world.user(Role.COORDINATOR))
    case.refresh_from_db()
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/my-case/{case.reference}/")
    check(page, "20-closed-case")
    page.get_by_role("link", name="Give feedback").click()
    page.get_by_role("button", name="Send feedback").click()
    assert page.get_by_text("Answer the question: How satisfied").first.is_visible()
    check(page, "21-feedback-errors")
    page.get_by_label("Very satisfied").check()
    page.get_by_label("Yes, completely").check()
    page.get_by_label("Yes, definitely").check()
    page.get_by_label("Is there anything else you want to tell us?").fill("Thank you.")
    page.get_by_role("button", name="Send feedback").click()
    assert page.get_by_role("heading", name="Thank you for your feedback").is_visible()
    check(page, "22-feedback-thanks")
    assert Feedback.objects.get(case=case).respondent_role == "parent_carer"

    # The LA officer's emailed link: no account needed, works once.
    page.get_by_role("button", name="Sign out").click()
    mail.outbox.clear()
    feedback_requests.request_feedback(case)
    deliver_due_messages()
    message = next(m for m in mail.outbox if m.to == ["sam@kent.example.gov.uk"])
    sent_link = re.search(r"https?://\S+/feedback/\S+/", message.body).group(0)
    link = live_server.url + urlsplit(sent_link).path
    page.goto(link)
    check(page, "23-feedback-by-link")
    page.get_by_label("Satisfied", exact=True).check()
    page.get_by_label("Mostly").check()
    page.get_by_label("Probably", exact=True).check()
    page.get_by_role("button", name="Send feedback").click()
    assert page.get_by_role("heading", name="Thank you for your feedback").is_visible()
    page.goto(link)
    assert page.get_by_role("heading", name="You have already given feedback").is_visible()
    check(page, "24-feedback-link-used")
    broken = live_server.url + urlsplit(link).path.rstrip("/") + "x/"
    page.goto(broken)
    assert page.get_by_role("heading", name="This link does not work").is_visible()
    check(page, "25-feedback-link-broken")
    assert Feedback.objects.filter(case=case).count() == 2


def test_the_letter_for_an_overdue_agreed_action(page, live_server, world):
    case = mediated_case(world, "follow_up")
    issued_item(world, case)  # due weeks before today, and not done
    sign_in(page, live_server, "parent@example.com")
    page.goto(f"{live_server.url}/my-case/{case.reference}/")
    page.get_by_role("link", name="See what you can do, and a letter you can send").click()
    assert page.get_by_role("heading", name="A letter you can send").is_visible()
    assert page.get_by_text("The LA will amend section F").is_visible()
    assert page.get_by_text(
        re.compile("Regulation 42 of the Special Educational Needs")
    ).is_visible()
    check(page, "30-overdue-action-letter")
