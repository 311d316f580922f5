"""Browser journeys of the parties who are not the service's staff (issue: every party takes
part):

- an LA officer accepts the invitation to disagreement resolution, names who will attend with
  authority to settle (SEND Regs reg 38), and marks an agreed action done with evidence
  (reg 42);
- a family invites a supporter, who sees only what was consented and loses access at once when
  the family withdraws it.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from playwright.sync_api import expect

from accord import rules
from accord.cases.choices import PartyRole
from accord.cases.models import Party
from accord.documents.models import AgreementItem
from accord.family.models import SupporterConsent
from accord.organisations.roles import Role
from tests.browser import fill_date, needs_chromium, screenshot
from tests.cases.test_officers import dr_case
from tests.documents.conftest import make_case
from tests.documents.test_follow_up import issued_item
from tests.e2e.test_casework_journeys import PASSWORD, save
from tests.family.conftest import PARENT_EMAIL, issue_certificate
from tests.family.conftest import make_case as make_family_case

pytestmark = [pytest.mark.e2e, needs_chromium, pytest.mark.django_db(transaction=True)]

EVIDENCE = b"%PDF-1.4\n% the amended plan\n"
ADVISER = "ash.adviser@sendiass.example"


@pytest.fixture
def people(transactional_db):
    from tests.conftest import World

    return World()


def staff_sign_in(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/cases/"))


def family_sign_in(page, live_server, address: str) -> None:
    """The passwordless sign-in, reading the code from the email as a person would."""
    mail.outbox.clear()
    page.goto(f"{live_server.url}/my-case/sign-in/")
    page.get_by_label(re.compile("^Email address")).fill(address)
    page.get_by_role("button", name="Send me a code").click()
    page.wait_for_load_state()
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    page.get_by_label("Code").fill(code)
    save(page)


def test_journey_an_la_officer_takes_part_in_disagreement_resolution_and_its_follow_up(
    page, live_server, people
):
    officer = people.user(Role.LA_OFFICER)
    invited = dr_case(people)
    staff_sign_in(page, live_server, officer)
    page.goto(f"{live_server.url}{invited.get_absolute_url()}")
    page.get_by_role("link", name="Answer the invitation to disagreement resolution").click()
    page.get_by_label("Yes, we will take part").check()
    save(page)
    expect(page.get_by_text("Your answer to the invitation recorded")).to_be_visible()
    assert invited.parties.get(role=PartyRole.LA_OFFICER, name="Pat Officer").dr_consent is True

    page.get_by_role("link", name="Name who will attend for your organisation").click()
    screenshot(page, "parties", "officer-01-name-attendee")
    # The council's own officers are offered first; Robin is not one of them yet.
    page.get_by_role("radio", name="Someone else").check()
    page.get_by_label("If someone else: their full name").fill("Robin Head")
    page.get_by_label("If someone else: their job title").fill("Head of SEN")
    page.get_by_label("If someone else: their email address").fill("robin@council.example")
    page.get_by_label(re.compile("^They have authority to settle")).check()
    save(page)
    expect(page.get_by_text("Attendee named")).to_be_visible()
    robin = Party.objects.get(case=invited, name="Robin Head")
    assert robin.has_authority_to_settle is True

    # The follow-up of an agreement on another case of the same council: the officer marks the
    # council's action done, with the amended plan as evidence (SEND Regs reg 42).
    mediated = make_case(people, "follow_up")
    item = issued_item(people, mediated)
    page.goto(f"{live_server.url}/my-actions/")
    screenshot(page, "parties", "officer-02-my-actions")
    page.get_by_role("link", name=re.compile(f"^Record it done.*{mediated.reference}")).click()
    done_on = item.agreement.concluded_on + timedelta(days=3)
    fill_date(page, "Date it was done", done_on)
    page.get_by_label(re.compile("^A document that shows it was done")).set_input_files(
        files=[{"name": "amended-plan.pdf", "mimeType": "application/pdf", "buffer": EVIDENCE}]
    )
    save(page)
    item = AgreementItem.objects.get(pk=item.pk)
    assert item.done_on == done_on and item.done_evidence
    assert item.done_recorded_by == officer


def test_journey_a_family_invites_a_supporter_who_sees_only_what_was_consented(
    page, live_server, people
):
    case = make_family_case(people)
    issue_certificate(case, "KM-CERT-2026-0099", by=people.user(Role.ADVISER))
    family_sign_in(page, live_server, PARENT_EMAIL)
    page.goto(f"{live_server.url}/my-case/{case.reference}/")
    page.get_by_role("link", name="Invite or stop a supporter").click()
    page.get_by_label("Their full name").fill("Ash Adviser")
    page.get_by_label("Their email address").fill(ADVISER)
    page.get_by_label("SENDIASS adviser").check()
    page.get_by_label("The dates that matter").check()
    page.get_by_label("What has happened on the case").check()
    until = rules.today_in_england() + timedelta(days=60)
    fill_date(page, "Until when?", until)
    screenshot(page, "parties", "family-01-invite-supporter")
    page.get_by_role("button", name="Send the invitation").click()
    page.wait_for_load_state()
    consent = SupporterConsent.objects.get(case=case)
    assert (consent.may_see_dates, consent.may_see_documents) == (True, False)

    supporter = page.context.browser.new_context()
    try:
        tab = supporter.new_page()
        family_sign_in(tab, live_server, ADVISER)
        tab.get_by_role("link", name=re.compile(case.reference)).first.click()
        expect(tab.get_by_role("heading", name="Dates that matter")).to_be_visible()
        expect(tab.get_by_role("heading", name="What has happened")).to_be_visible()
        # Documents were not consented: the certificate is not shown.
        expect(tab.get_by_text("KM-CERT-2026-0099")).to_have_count(0)
        screenshot(tab, "parties", "supporter-01-consented-view")
        supported_url = tab.url

        page.get_by_role("button", name="Stop access for Ash Adviser").click()
        page.wait_for_load_state()
        consent.refresh_from_db()
        assert consent.withdrawn_at is not None

        # At once: the supporter's next page is not found.
        response = tab.goto(supported_url)
        assert response.status == 404
    finally:
        supporter.close()


# The WCAG 2.2 A and AA rules. (axe's best-practice "region" rule flags the "Signed in as"
# line of every staff page, in the shared layout: outside these pages' own content.)
WCAG = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
}


def accessible(page, name: str) -> None:
    """axe-core finds no WCAG failure at desktop width or at 320 px."""
    from axe_playwright_python.sync_playwright import Axe

    for viewport, suffix in (
        ({"width": 1280, "height": 900}, ""),
        ({"width": 320, "height": 640}, "-320px"),
    ):
        page.set_viewport_size(viewport)
        results = Axe().run(page, options=WCAG)
        assert results.violations_count == 0, f"{name}{suffix}:\n{results.generate_report()}"
        screenshot(page, "parties", f"{name}{suffix}")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_journey_staff_record_safeguarding_risk_and_a_complaint(page, live_server, people):
    from accord.cases.models import Complaint, SafeguardingConcern

    case = make_family_case(people)
    staff_sign_in(page, live_server, people.user(Role.COORDINATOR))
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    page.get_by_role("link", name="Raise a safeguarding concern").click()
    save(page)
    accessible(page, "staff-01-concern-error")
    page.get_by_label("Who raised it").fill("The mediator, at the pre-meeting")
    page.get_by_label("What the concern is").fill("The parent spoke of harm at home")
    accessible(page, "staff-02-concern")
    save(page)
    expect(page.get_by_text("Safeguarding concern recorded")).to_be_visible()
    accessible(page, "staff-03-case-with-concern")
    concern = SafeguardingConcern.objects.get(case=case)
    page.get_by_role("link", name=re.compile("^Close the concern")).click()
    page.get_by_label("Outcome").fill("Told children's services; no further action")
    save(page)
    assert SafeguardingConcern.objects.get(pk=concern.pk).closed_on is not None

    page.get_by_role("link", name="Record a risk assessment").click()
    page.get_by_label("Low").check()
    page.get_by_label("The risks").fill("None found")
    accessible(page, "staff-04-risk")
    save(page)
    expect(page.get_by_text("Risk assessment recorded")).to_be_visible()

    page.goto(f"{live_server.url}/complaints/")
    page.get_by_role("link", name="Record a complaint").click()
    page.get_by_label("Who complained").fill("Jo Turner")
    page.get_by_label("Case reference").fill(case.reference)
    page.get_by_label("What the complaint is about").fill("Nobody called back")
    accessible(page, "staff-05-complaint")
    save(page)
    complaint = Complaint.objects.get()
    page.get_by_role("link", name="Acknowledge the complaint").click()
    save(page)
    accessible(page, "staff-06-complaint-acknowledged")
    page.goto(f"{live_server.url}/complaints/")
    accessible(page, "staff-07-complaints")
    assert Complaint.objects.get(pk=complaint.pk).acknowledged_on is not None
