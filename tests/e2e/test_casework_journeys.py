"""A person runs two whole cases through the browser (issue: casework, "Done means").

(a) enquiry → information and advice → family declines mediation → certificate PDF downloaded.
(b) enquiry → mediation arranged → meeting → partial agreement → agreement PDF → certificate →
    actions tracked → closed.
Screenshots of each step are saved under test-output/casework/ for a reviewer.
"""

from __future__ import annotations

import io
import re
from datetime import date, time, timedelta

import pytest
from pypdf import PdfReader

from accord import rules
from accord.cases.models import Case
from accord.meetings.forms import london
from accord.organisations.roles import Role
from tests.browser import fill_date, needs_chromium, screenshot

pytestmark = [pytest.mark.e2e, needs_chromium, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


@pytest.fixture
def people(transactional_db):
    from tests.conftest import World

    return World()


def sign_in(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/cases/$"))


def save(page) -> None:
    """Submits the page's form with its main button, as a person would."""
    page.locator("main form button.govuk-button").first.click()
    page.wait_for_load_state()


def new_enquiry(page, live_server, *, child: str, kind_label: str, letter: date) -> Case:
    page.goto(f"{live_server.url}/cases/new/")
    page.get_by_label("Name of the person who contacted us").fill("Jo Parent")
    page.get_by_label("Email address").fill("jo.parent@example.com")
    page.get_by_label("Child or young person's first name").fill(child)
    page.get_by_label("Child or young person's last name").fill("Testcase")
    fill_date(page, "Child or young person's date of birth", date(2015, 4, 3))
    page.get_by_label("Local authority", exact=True).select_option(label="Kent County Council")
    page.get_by_label(kind_label).check()
    fill_date(page, "Date the decision letter was sent", letter)
    screenshot(page, "casework", f"{child}-01-enquiry-form")
    page.get_by_role("button", name="Create enquiry").click()
    page.wait_for_url(re.compile(r"/cases/KM-\d{4}-\d{4}/$"))
    assert page.get_by_role("heading", name=f"{child} Testcase").is_visible()
    return Case.objects.get(child__first_name=child)


def confirm_route(page) -> None:
    page.get_by_role("link", name="Confirm the route").click()
    save(page)
    assert page.get_by_role("alert", name="Success").get_by_text("Route confirmed").is_visible()


def information_and_advice(page, today: date) -> None:
    page.get_by_role("link", name=re.compile("^Book the information and advice")).click()
    fill_date(page, "Date of the call", today)
    page.get_by_label("Time of the call").fill("10:00")
    page.get_by_label("Mediation adviser").select_option(index=1)
    page.get_by_label("Phone number to call").fill("01632 960123")
    save(page)
    page.get_by_role("link", name="Record that information and advice was given").click()
    fill_date(page, "Date the information and advice was given", today)
    save(page)
    page.get_by_role(
        "link", name="Record the family's decision after information and advice"
    ).click()


def download_pdf_text(page, link) -> str:
    with page.expect_download() as download:
        link.click()
    data = download.value.path().read_bytes()
    assert data.startswith(b"%PDF")
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_journey_a_family_declines_mediation_and_gets_a_certificate(page, live_server, people):
    today = rules.today_in_england()
    letter = today - timedelta(days=20)
    sign_in(page, live_server, people.user(Role.COORDINATOR))
    case = new_enquiry(
        page,
        live_server,
        child="Amelia",
        kind_label="Refusal to carry out an EHC needs assessment",
        letter=letter,
    )
    confirm_route(page)
    information_and_advice(page, today)
    page.get_by_label("Does not want mediation: certificate").check()
    fill_date(page, "Date the adviser was told", today)
    save(page)
    screenshot(page, "casework", "Amelia-02-certificate-due")
    # SEND Regs 2014 reg 34: due within 3 working days of being told.
    due = rules.certificate_due(today)
    assert page.get_by_text(f"{due:%a} {due.day} {due:%b %Y}").first.is_visible()

    page.get_by_role("link", name=re.compile("^Issue the certificate")).click()
    screenshot(page, "casework", "Amelia-03-certificate-confirm")
    page.get_by_role("button", name=re.compile("Issue")).click()
    page.wait_for_load_state()
    screenshot(page, "casework", "Amelia-04-certificate-issued")
    case.refresh_from_db()
    certificate = case.certificates.get()
    text = download_pdf_text(
        page, page.get_by_role("link", name=re.compile(f"^{certificate.number}.*download"))
    )
    appeal = rules.appeal_deadline(letter, certificate.issued_on)
    assert certificate.number in text
    assert "Amelia Testcase" in text
    assert "Kent County Council" in text
    assert f"{appeal.day} {appeal:%B %Y}" in text


def family_downloads_the_agreement_by_link(page, live_server, case, sent) -> None:
    """The parent's email has no attachment, only their own link; it opens without signing in."""
    email = next(m for m in sent if m.to == ["sam.parent@example.com"])
    assert email.attachments == [] and "Bobby" not in email.body
    path = re.search(r"https?://[^/\s]+(/\S+/agreement/link/\S+/)", email.body).group(1)
    family = page.context.browser.new_context(accept_downloads=True)
    try:
        tab = family.new_page()
        tab.goto(f"{live_server.url}{path}")
        screenshot(tab, "casework", "Bobby-04b-agreement-by-link")
        text = download_pdf_text(
            tab, tab.get_by_role("button", name="Download the agreement (PDF)")
        )
        assert "Amend the plan to add speech therapy" in text
    finally:
        family.close()
    party = case.parties.get(email="sam.parent@example.com")
    downloaded = f" downloaded by link (party {party.pk})"
    assert case.accesses.filter(what__startswith="agreement ", what__endswith=downloaded).exists()


def test_journey_b_mediation_partial_agreement_follow_up_and_closure(
    page, live_server, people, deliver_outbox, stop_clock_at
):
    today = rules.today_in_england()
    letter = today - timedelta(days=15)
    meeting_day = today + timedelta(days=14)
    sign_in(page, live_server, people.user(Role.COORDINATOR))
    # Plan content needs the disputed sections too, so this journey fills the form itself.
    page.goto(f"{live_server.url}/cases/new/")
    page.get_by_label("Name of the person who contacted us").fill("Sam Parent")
    page.get_by_label("Email address").fill("sam.parent@example.com")
    page.get_by_label("Child or young person's first name").fill("Bobby")
    page.get_by_label("Child or young person's last name").fill("Testcase")
    fill_date(page, "Child or young person's date of birth", date(2013, 9, 9))
    page.get_by_label("Local authority", exact=True).select_option(label="Kent County Council")
    page.get_by_label("Content of a final or amended EHC plan").check()
    page.get_by_label("B: special educational needs").check()
    page.get_by_label("F: special educational provision").check()
    fill_date(page, "Date the decision letter was sent", letter)
    page.get_by_role("button", name="Create enquiry").click()
    page.wait_for_url(re.compile(r"/cases/KM-\d{4}-\d{4}/$"))
    case = Case.objects.get(child__first_name="Bobby")

    confirm_route(page)
    information_and_advice(page, today)
    page.get_by_label("Wants mediation").check()
    fill_date(page, "Date the adviser was told", today)
    fill_date(page, re.compile("Date the LA received the family's notice"), today)
    save(page)
    # SEND Regs 2014 regs 35–37: mediation within 30 days of the LA being told.
    mediation_due = rules.mediation_due(today)
    assert page.get_by_text(f"{mediation_due.day} {mediation_due:%B %Y}").first.is_visible()

    # The LA officer who can settle takes part (reg 38).
    page.get_by_role("link", name="Add a person").click()
    page.get_by_label("Role").select_option(label="Local authority officer")
    page.get_by_label("Name", exact=True).fill("Lee Officer")
    page.get_by_label("Email address").fill("lee.officer@kent.example.gov.uk")
    page.get_by_label(re.compile("Has authority to settle")).check()
    save(page)

    page.get_by_role("link", name="Book the mediation meeting").click()
    page.get_by_label("Online", exact=True).check()
    fill_date(page, "Date", meeting_day)
    page.get_by_label("Start time").fill("10:00")
    page.get_by_label("End time").fill("15:00")
    page.get_by_label(re.compile("^Mediator")).select_option(index=1)
    page.get_by_label("Link to join online").fill("https://meet.example.org/abc")
    fill_date(page, re.compile("^Date notice of the date and place"), today)
    page.get_by_label(re.compile("^Lee Officer")).check()
    page.get_by_label(re.compile("^Sam Parent")).check()
    screenshot(page, "casework", "Bobby-02-book-meeting")
    save(page)
    screenshot(page, "casework", "Bobby-03-meeting-booked")
    case.refresh_from_db()
    assert case.state == "meeting_booked"
    # The invitations wait in the outbox until the worker sends them; the case shows each.
    invited = deliver_outbox()
    assert {m.to[0] for m in invited if "booked" in m.subject} == {
        "sam.parent@example.com",
        "lee.officer@kent.example.gov.uk",
        people.user(Role.MEDIATOR).email,
    }
    page.reload()
    assert page.get_by_text(re.compile("^Email sent: Mediation meeting booked")).count() == 3

    # A meeting still to come has no outcome yet.
    page.get_by_role("link", name="Record the meeting outcome").first.click()
    page.get_by_label("Partial agreement").check()
    fill_date(page, "Date the meeting concluded", today)
    save(page)
    summary = page.locator(".govuk-error-summary")
    assert summary.get_by_role("link", name=re.compile("once it has been held")).is_visible()
    case.refresh_from_db()
    assert case.outcome == ""

    # The meeting day comes (the idle session has ended by then: sign in again).
    stop_clock_at(london(meeting_day, time(16, 0)))
    sign_in(page, live_server, people.user(Role.COORDINATOR))
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    page.get_by_role("link", name="Record the meeting outcome").first.click()
    page.get_by_label("Partial agreement").check()
    fill_date(page, "Date the meeting concluded", meeting_day)
    save(page)
    case.refresh_from_db()
    assert case.outcome == "partial"

    # The agreement's form follows the outcome, then its first point's (SEND Regs reg 42).
    page.wait_for_url(re.compile(r"/documents/agreement/new/$"))
    save(page)
    page.wait_for_url(re.compile(r"/points/add/$"))
    page.get_by_label("What was decided").fill("The LA will amend section F")
    page.get_by_label("What will happen").fill("Amend the plan to add speech therapy")
    page.get_by_label("Who is responsible").fill("Kent County Council")
    page.get_by_label(re.compile("Which action does the law")).select_option(index=3)
    save(page)
    screenshot(page, "casework", "Bobby-04-agreement")
    page.get_by_role("button", name="Issue and send the agreement").click()
    page.wait_for_load_state()
    agreement = case.agreements.get()
    assert agreement.is_issued
    text = download_pdf_text(
        page,
        page.get_by_role("link", name=re.compile("agreement", re.IGNORECASE))
        .filter(has_text=re.compile("download|PDF", re.IGNORECASE))
        .first,
    )
    assert "Amend the plan to add speech therapy" in text
    family_downloads_the_agreement_by_link(page, live_server, case, deliver_outbox())

    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    page.get_by_role("link", name=re.compile("^Issue the certificate")).click()
    page.get_by_role("button", name=re.compile("Issue")).click()
    page.wait_for_load_state()
    case.refresh_from_db()
    certificate = case.certificates.get()
    assert certificate.kind == "after_mediation"

    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    page.get_by_role("link", name=re.compile("Follow up the actions")).click()
    page.get_by_role("link", name=re.compile("^Mark as done")).first.click()
    fill_date(page, "Date it was done", meeting_day)
    save(page)
    item = agreement.items.get()
    assert item.done_on == meeting_day

    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    page.get_by_role("link", name="Close the case").click()
    page.get_by_label("Partial agreement").check()
    save(page)
    screenshot(page, "casework", "Bobby-05-closed")
    case.refresh_from_db()
    assert case.state == "closed"
    assert case.outcome == "partial"
