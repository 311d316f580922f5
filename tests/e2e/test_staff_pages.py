"""Every staff page, for every staff role, to the standard of the public ones (issue 14, §4).

The demo data (`load_demo_data`: a case in every state, meetings, agreements, messages, an
inbox) is loaded once; then, signed in as each role in turn, the browser walks every page it can
reach by following links from the start page and from a case in every state — the caseload,
case pages, every step form, diaries, the service's set-up, messages, reports, the inbox. On each
page:

- axe-core finds no violation, at desktop width and at 320 px, where nothing scrolls sideways
  (WCAG 2.2 AA, 1.4.10 reflow);
- there is one `h1`, no other heading repeats it, no two `h2`s say the same, and the page title
  says "Error" at most once;
- a form with questions is sent empty once, and the page that comes back passes the same checks,
  with an error summary whose every line names a problem (never "This field is required."),
  links to something on the page (never `#main-content`) and appears once per field.

A page of a kind already checked for another role is checked again only where each role sees it
differently (the start, the caseload, the case page). Downloads (PDF, CSV, calendar files),
signing out and the Django admin are not pages. Screenshots go to test-output/staff/.
"""

from __future__ import annotations

import os
import re
from collections import deque
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve

from accord.cases.models import Case
from accord.cases.states import CaseState
from accord.demo.cases import load_demo_data
from accord.organisations.models import Membership
from accord.organisations.roles import Role
from tests.browser import needs_chromium, screenshot

pytestmark = [pytest.mark.e2e, needs_chromium, pytest.mark.django_db(transaction=True)]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 640}
STAFF_ROLES = [
    Role.COORDINATOR,
    Role.ADVISER,
    Role.MEDIATOR,
    Role.SERVICE_MANAGER,
    Role.LA_OFFICER,
    Role.ICB_OFFICER,
    Role.COMMISSIONER,
]
# Pages each role sees differently (its cases, its figures): checked for every role, not once.
PER_ROLE = {"start", "cases:caseload", "cases:detail", "reports:index", "reports:commissioner"}
# Not pages to check: leaving, downloads, the admin, the API's machine-readable schema, and the
# public and family pages (tests/portal/test_browser.py, tests/family/test_browser.py).
SKIP_PATH = re.compile(
    r"^/(sign-out|admin|api/|my-case|feedback|static|media|healthz|readyz|metrics)"
    r"|\.(pdf|csv|ics|xlsx|json|txt|png)$|/(download|export|pdf|file|calendar)(/|$)"
)
MOST_PAGES_PER_ROLE = 80


@pytest.fixture(scope="module")
def browser():
    from tests.browser import launch

    yield from launch()


def _signed_in(browser, live_server, membership: Membership):
    client = Client()
    client.force_login(membership.user)
    context = browser.new_context(viewport=DESKTOP)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    return context, page


def route_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def check_page(page, name: str, problems: list[str]) -> None:
    """axe-core, reflow at 320 px, headings and title; what is wrong is added to `problems`."""
    from axe_playwright_python.sync_playwright import Axe

    for viewport, suffix in ((DESKTOP, ""), (NARROW, "-320px")):
        page.set_viewport_size(viewport)
        results = Axe().run(page)
        if results.violations_count:
            problems.append(f"{name}{suffix}: axe\n{results.generate_report()}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            wide = page.evaluate(
                """() => { const edge = document.documentElement.clientWidth + 1;
                  return [...document.querySelectorAll('main *')]
                    .filter(e => e.getBoundingClientRect().right > edge).slice(0, 3)
                    .map(e => `${e.tagName}.${e.className} ${(e.textContent || '').slice(0, 40)}`);
                }"""
            )
            problems.append(f"{name}{suffix}: scrolls sideways by {overflow}px: {wide}")
        screenshot(page, "staff", f"{name}{suffix}")
    page.set_viewport_size(DESKTOP)
    headings = page.evaluate(
        """() => [...document.querySelectorAll('h1, h2')]
          .map(h => [h.tagName, h.textContent.replace(/\\s+/g, ' ').trim()])"""
    )
    h1s = [text for tag, text in headings if tag == "H1"]
    h2s = [text for tag, text in headings if tag == "H2"]
    if len(h1s) != 1:
        problems.append(f"{name}: {len(h1s)} h1 headings: {h1s}")
    elif h1s[0] in h2s:
        problems.append(f"{name}: the heading {h1s[0]!r} is repeated")
    repeated = sorted({h for h in h2s if h2s.count(h) > 1})
    if repeated:
        problems.append(f"{name}: h2 headings repeated: {repeated}")
    if page.title().count("Error") > 1:
        problems.append(f"{name}: title {page.title()!r}")


def check_error_summary(page, name: str, problems: list[str]) -> None:
    summary = page.locator(".govuk-error-summary")
    if not summary.count():
        return
    items = summary.locator("li").all()
    texts = [item.inner_text().strip() for item in items]
    for text in texts:
        if "This field is required" in text or not text:
            problems.append(f"{name}: error summary says {text!r}")
    if len(texts) != len(set(texts)):
        problems.append(f"{name}: error summary repeats itself: {texts}")
    hrefs = [a.get_attribute("href") for a in summary.locator("a").all()]
    if len(hrefs) != len(set(hrefs)):
        problems.append(f"{name}: more than one error for one field: {hrefs}")
    for href in hrefs:
        if href == "#main-content" or not href or not href.startswith("#"):
            problems.append(f"{name}: error summary links to {href!r}")
        elif not page.locator(f"[id='{href[1:]}']").count():
            problems.append(f"{name}: error summary links to {href}, which is not on the page")


def links_on(page, origin: str) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "main a[href], nav a[href]", "els => els.map(e => e.getAttribute('href'))"
    )
    found = []
    for href in hrefs:
        parts = urlsplit(href)
        if parts.netloc and f"{parts.scheme}://{parts.netloc}" != origin:
            continue
        if not parts.path or href.startswith("#") or SKIP_PATH.search(parts.path):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def has_questions(page) -> bool:
    """A form that asks something (so sending it empty shows errors, not a change made)."""
    form = page.locator("main form[method='post']").first
    if not form.count():
        return False
    asked = form.locator(
        "input[type='text'], input[type='email'], input[type='number'], input[type='tel'], "
        "input[type='radio'], textarea, select"
    )
    return asked.count() > 0


def send_empty(page) -> None:
    form = page.locator("main form[method='post']").first
    form.evaluate(
        """f => { for (const e of f.querySelectorAll('input, textarea, select')) {
             if (['hidden', 'submit', 'button'].includes(e.type)) continue;
             if (e.type === 'radio' || e.type === 'checkbox') { e.checked = false; continue; }
             if (e.tagName === 'SELECT') { e.selectedIndex = -1; continue; }
             e.value = ''; } }"""
    )
    buttons = form.locator("button")
    if buttons.count():
        buttons.first.click()
    else:
        form.evaluate("f => f.requestSubmit()")
    page.wait_for_load_state()


def _note(problems: list[str]) -> None:
    """What is wrong so far, for a reviewer watching a long run (test-output/staff/)."""
    from tests.browser import SCREENSHOTS

    target = SCREENSHOTS / "staff"
    target.mkdir(parents=True, exist_ok=True)
    (target / "problems.txt").write_text("\n\n".join(problems))


def _arrived_at(page, asked: str, checked: set[str], seen_keys: set[str]) -> str | None:
    """The page to check under after a redirect (the start page sends each role to its first
    menu item, a commissioner to reports), or None when it was checked already."""
    landed = route_of(urlsplit(page.url).path)
    if landed == asked:
        return asked
    if landed is None or (landed in checked and landed not in PER_ROLE):
        return None
    if f"{landed}|landed" in seen_keys:
        return None
    seen_keys.add(f"{landed}|landed")
    return landed


def _walk(page, origin: str, seeds: list[str], checked: set[str], problems: list[str], who: str):
    """Follows links from `seeds`, checking each kind of page once (see the module docstring).
    Returns how many pages were checked."""
    queue = deque(seeds)
    seen_keys: set[str] = set()
    seen_paths: set[str] = set()
    visited = 0
    while queue and visited < MOST_PAGES_PER_ROLE:
        path = queue.popleft()
        route = route_of(urlsplit(path).path)
        if path in seen_paths or route is None:
            continue
        seen_paths.add(path)
        # The case page once per state (the seeds), not once per case in the caseload.
        key = f"{route}|{path}" if route in PER_ROLE and path in seeds else route
        if key in seen_keys or (route not in PER_ROLE and route in checked):
            continue
        seen_keys.add(key)
        response = page.goto(f"{origin}{path}")
        html = response is not None and response.headers.get("content-type", "").startswith(
            "text/html"
        )
        if not html or response.status >= 400:
            continue  # not a page, or one this role may not open
        route = _arrived_at(page, route, checked, seen_keys)
        if route is None:
            continue
        visited += 1
        checked.add(route)
        name = f"{who}-{visited:02d}-{route.replace(':', '-')}"
        check_page(page, name, problems)
        _note(problems)
        queue.extend(links_on(page, origin))
        if has_questions(page) and route not in PER_ROLE:
            send_empty(page)
            check_error_summary(page, f"{name}-empty", problems)
            if page.locator(".govuk-error-summary").count():
                check_page(page, f"{name}-empty", problems)
    return visited


def test_every_staff_page_meets_the_standard_of_the_public_ones(browser, live_server):
    load_demo_data()
    by_state: dict[str, Case] = {}
    for case in Case.objects.order_by("pk"):
        by_state.setdefault(case.state, case)
    assert set(by_state) == set(CaseState.values)
    seeds = ["/start/", "/cases/", *(c.get_absolute_url() for c in by_state.values())]
    checked: set[str] = set()
    problems: list[str] = []
    visited = {}
    for role in STAFF_ROLES:
        membership = (
            Membership.objects.filter(role=role, is_active=True).select_related("user").first()
        )
        assert membership is not None, role
        context, page = _signed_in(browser, live_server, membership)
        visited[role] = _walk(page, live_server.url, seeds, checked, problems, role.value)
        context.close()
    assert all(visited.values()), visited
    assert sum(visited.values()) > 60, visited
    assert {"cases:caseload", "cases:detail", "cases:new", "diaries:list"} <= checked, checked
    assert not problems, "\n\n".join(problems)
