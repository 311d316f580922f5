"""The family front door in a real browser (Debian's Chromium through Playwright).

- Every public page, every step of the route finder and of the request form, and their error
  states, pass axe-core with no violation at all, at desktop width and at 320 px, where nothing
  may scroll sideways (WCAG 2.2 AA, 1.4.10 reflow).
- The route finder gives three different answers; the deadline calculator carries a letter of
  25 October 2026 past Christmas; the request form recovers from an error and is sent.

Screenshots go to test-output/portal/.
"""

from __future__ import annotations

import os
import re
from datetime import date

import pytest

from accord import rules
from accord.portal.family_answer import family_answer, law_for_family
from accord.portal.guide import EASY_READ, GUIDE
from accord.portal.models import OnlineRequest
from tests.browser import launch, needs_chromium, screenshot

pytestmark = [pytest.mark.e2e, needs_chromium, pytest.mark.django_db(transaction=True)]

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
# itself are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 640}


@pytest.fixture(scope="module")
def browser():
    yield from launch()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def world(transactional_db):
    from tests.conftest import World

    return World()


def check(page, name: str) -> None:
    """axe-core finds nothing, and at 320 px wide nothing scrolls sideways."""
    from axe_playwright_python.sync_playwright import Axe

    for viewport, suffix in ((DESKTOP, ""), (NARROW, "-320px")):
        page.set_viewport_size(viewport)
        results = Axe().run(page)
        assert results.violations_count == 0, f"{name}{suffix}:\n{results.generate_report()}"
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {viewport['width']}px"
        screenshot(page, "portal", f"{name}{suffix}")
    page.set_viewport_size(DESKTOP)


def go(page, live_server, path: str) -> None:
    page.goto(f"{live_server.url}{path}")


def choose(page, label: str) -> None:
    page.get_by_label(label, exact=True).check()


def carry_on(page) -> None:
    page.get_by_role("button", name=re.compile("^(Continue|Save and go back)$")).click()
    page.wait_for_load_state()


def fill_date(page, legend: str, day: str, month: str, year: str) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(day)
    group.get_by_label("Month").fill(month)
    group.get_by_label("Year").fill(year)


def test_the_information_pages_are_accessible(page, live_server, world):
    for path, name in [
        ("/", "home"),
        ("/accessibility/", "accessibility"),
        ("/privacy/", "privacy"),
        ("/ask/", "request-start"),
        ("/which-route/", "route-start"),
    ]:
        go(page, live_server, path)
        check(page, name)
    for number, guide_page in enumerate(GUIDE, start=1):
        go(page, live_server, f"/mediation/{guide_page.slug}/")
        assert page.get_by_role("heading", level=1, name=guide_page.title).is_visible()
        check(page, f"guide-{number:02d}-{guide_page.slug}")
    # The easy read pages: each line's picture beside its sentence, at 320 px too.
    go(page, live_server, "/easy-read/")
    check(page, "easy-read-00-index")
    for number, easy in enumerate(EASY_READ, start=1):
        go(page, live_server, f"/easy-read/{easy.slug}/")
        assert page.get_by_role("heading", level=1, name=easy.title).is_visible()
        check(page, f"easy-read-{number:02d}-{easy.slug}")
    # The details component opens for a keyboard user.
    go(page, live_server, "/mediation/confidentiality/")
    page.locator("summary", has_text="How we look after your information").focus()
    page.keyboard.press("Enter")
    assert page.get_by_text("We only share your details").is_visible()


ROUTES = [
    (
        "mediation-certificate",
        ["The council said no to an EHC needs assessment"],
        "Your route: Mediation",
        "You need a mediation certificate before you can appeal.",
        rules.triage("refuse_to_assess"),
    ),
    (
        "placement-only",
        ["You do not agree with what the EHC plan says"],
        "Your route: Mediation",
        "You do not need a mediation certificate to appeal.",
        rules.triage("plan_content", ["I"]),
    ),
    (
        "school-disagreement",
        ["Something else about support for special educational needs"],
        "Your route: Disagreement resolution",
        "Everyone has to agree to take part.",
        rules.triage("non_ehc_disagreement", disagreement_with="school"),
    ),
]


def test_the_route_finder_gives_three_different_answers(page, live_server, world):
    for name, decisions, heading, certificate, expected in ROUTES:
        go(page, live_server, "/which-route/")
        page.get_by_role("button", name="Start now").click()
        if name == "mediation-certificate":
            carry_on(page)  # nothing chosen: the error state
            assert page.get_by_text("Select what the disagreement is about").first.is_visible()
            check(page, "route-01-about-error")
        choose(page, decisions[0])
        check(page, f"route-{name}-02-about")
        carry_on(page)
        if name == "placement-only":
            assert page.get_by_role("heading", name="Which parts of the EHC plan").is_visible()
            choose(page, "Section I: the school or college named in the plan")
            check(page, f"route-{name}-03-sections")
            carry_on(page)
        if name == "school-disagreement":
            choose(page, "A school")
            check(page, f"route-{name}-03-who-with")
            carry_on(page)
        page.wait_for_url(re.compile(r"/which-route/result/$"))
        assert page.get_by_role("heading", level=1, name=heading).is_visible()
        assert page.get_by_text(certificate).is_visible()
        # Words for the family, not the coordinator's summary (issue 14, section 5).
        assert page.get_by_text(family_answer(expected).summary).is_visible()
        page.get_by_text("The law behind this answer").click()
        assert page.get_by_text(law_for_family(expected.basis)[0].summary).is_visible()
        check(page, f"route-{name}-04-result")
        # Start again for the next journey.
        page.get_by_role("button", name="Start again").click()
        page.wait_for_url(re.compile(r"/which-route/about/$"))


def test_the_deadline_calculator_carries_a_letter_past_christmas(page, live_server, world):
    letter = date(2026, 10, 25)
    # 2 months after 25 October 2026 is 25 December 2026, which the tribunal does not count
    # (HESC Rules r.12(3)): the appeal runs to the first working day after 1 January 2027.
    assert rules.appeal_deadline(letter) == date(2027, 1, 4)
    go(page, live_server, "/deadlines/")
    check(page, "deadlines-01-empty")
    fill_date(page, "What date is on the decision letter?", "31", "2", "2026")
    page.get_by_role("button", name="Work out my dates").click()
    assert page.get_by_text("Date on the decision letter must be a real date").first.is_visible()
    assert (
        page.get_by_role("group", name="What date is on the decision letter?")
        .get_by_label("Day")
        .input_value()
        == "31"
    )
    check(page, "deadlines-02-error")
    fill_date(page, "What date is on the decision letter?", "25", "10", "2026")
    page.get_by_role("button", name="Work out my dates").click()
    page.wait_for_load_state()
    assert page.locator("#appeal-date").inner_text() == "Monday 4 January 2027"
    assert page.locator("#adviser-date").inner_text() == "Friday 25 December 2026"
    steps = page.locator("#appeal-steps").inner_text()
    assert "falls between 25 December and 1 January" in steps
    assert "The tribunal decides if an appeal is in time" in page.content()
    check(page, "deadlines-03-christmas")


def test_a_family_recovers_from_an_error_and_sends_a_request(page, live_server, world):
    go(page, live_server, "/ask/")
    page.get_by_role("button", name="Start now").click()
    page.wait_for_url(re.compile(r"/ask/who/$"))
    carry_on(page)
    assert page.get_by_text("Select who is asking for help").first.is_visible()
    check(page, "request-01-who-error")
    choose(page, "Someone asking for a parent, carer or young person")
    check(page, "request-01-who")
    carry_on(page)
    page.get_by_label("Who are you asking for, and how do you know them?").fill(
        "My sister's son; I am his aunt"
    )
    check(page, "request-01-asking-for")
    carry_on(page)
    # Asking for a family: the family is a party too, invited to sign in with their address.
    carry_on(page)
    summary = page.locator(".govuk-error-summary")
    assert summary.get_by_role("link", name="Enter the name of the person you are asking for")
    check(page, "request-01-the-family-error")
    page.get_by_label("Their name").fill("Sam Parent")
    choose(page, "A parent or carer of the child or young person")
    page.get_by_label("Their email address").fill("sam.parent@example.com")
    check(page, "request-01-the-family")
    carry_on(page)
    choose(page, "Relative or friend")
    choose(page, "Yes, they have agreed")
    check(page, "request-01-your-role")
    carry_on(page)

    page.get_by_label("What is your name?").fill("Pat Aunt")
    check(page, "request-02-name")
    carry_on(page)

    page.get_by_label("First name").fill("Charlie")
    fill_date(page, "Date of birth", "30", "2", "2014")
    page.get_by_label("School, college or nursery").fill("Oak Academy")
    carry_on(page)
    # The error summary names both problems; what was typed is still there.
    summary = page.locator(".govuk-error-summary")
    assert summary.get_by_role("link", name="Enter their last name").is_visible()
    assert summary.get_by_role("link", name="Date of birth must be a real date").is_visible()
    assert page.get_by_label("First name").input_value() == "Charlie"
    assert page.get_by_label("School, college or nursery").input_value() == "Oak Academy"
    check(page, "request-03-child-error")
    summary.get_by_role("link", name="Date of birth must be a real date").click()
    assert page.evaluate("document.activeElement.id") == "id_child_date_of_birth-day"
    page.get_by_label("Last name").fill("Example")
    fill_date(page, "Date of birth", "28", "2", "2014")
    check(page, "request-03-child")
    carry_on(page)

    choose(page, "Kent County Council")
    check(page, "request-04-council")
    carry_on(page)
    # Two services work with Kent: the family chooses.
    choose(page, world.provider.name)
    check(page, "request-05-service")
    carry_on(page)
    choose(page, "The council wants to end the EHC plan")
    check(page, "request-06-decision")
    carry_on(page)
    fill_date(page, "What date is on the decision letter?", "2", "11", "2026")
    check(page, "request-07-letter-date")
    carry_on(page)
    page.get_by_label("What is the disagreement about?").fill(
        "The council wants to stop the plan, but he still needs the support."
    )
    check(page, "request-08-about")
    carry_on(page)
    page.get_by_label("Email address").fill("pat@example.com")
    choose(page, "Email")
    check(page, "request-09-contact")
    carry_on(page)
    page.get_by_label("If you need an interpreter, which language?").fill("Welsh")
    check(page, "request-10-access-needs")
    carry_on(page)
    choose(page, "Yes")
    check(page, "request-11-consent")
    carry_on(page)

    page.wait_for_url(re.compile(r"/ask/check-your-answers/$"))
    assert page.get_by_text("Charlie Example").is_visible()
    check(page, "request-12-check-answers")
    # Change one answer and come back.
    page.get_by_role("link", name="Change your name").click()
    page.get_by_label("What is your name?").fill("Pat Example-Aunt")
    carry_on(page)
    page.wait_for_url(re.compile(r"/ask/check-your-answers/$"))
    assert page.get_by_text("Pat Example-Aunt").is_visible()
    page.get_by_role("button", name="Accept and send").click()
    page.wait_for_url(re.compile(r"/ask/sent/$"))
    reference = page.locator("#reference").inner_text()
    assert re.fullmatch(r"REQ-[0-9A-Z]{6}", reference)
    check(page, "request-13-sent")
    sent = OnlineRequest.objects.get(reference=reference)
    assert sent.provider == world.provider
    assert (sent.family_name, sent.family_email) == ("Sam Parent", "sam.parent@example.com")
    assert sent.requester_name == "Pat Example-Aunt"
    assert sent.child_date_of_birth == date(2014, 2, 28)
    assert sent.interpreter_language == "Welsh"
