"""No page answers with a server error, whatever is put in its address or its forms.

Each staff role signs in to the demo service (`make run`'s data) and follows every link it is
shown, as a crawler would, from its landing page. Every page found is asked for again with
nonsense in its query string, and every form on it is sent back three ways: empty, with values
of the wrong kind, and with values past every limit (a date that does not exist, a number too
big for the database, text longer than any field, a NUL character). Each answer must be a page,
a redirect, or a 4xx; never a 500. A form sent back as not accepted (400, 409, 422) must say
what to put right: an error summary, or a banner. A form's own buttons (`name`/`value`) are
sent as shown, so each of its actions is tried. Last, a form with dates is sent with each date
40 days ahead: a form that accepts that for something that has already happened (the LA told,
a meeting held) would let the record say what did not happen.

The walk is breadth-first and bounded (pages per role, forms per page): it reaches every
kind of page the demo holds, not every case.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urldefrag, urlencode, urljoin, urlsplit

import pytest
from django.core import mail
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from accord.cases.choices import PartyRole
from accord.cases.models import Party
from accord.demo.cases import load_demo_data
from accord.organisations.models import User
from accord.organisations.roles import Role
from accord.rules import today_in_england

pytestmark = pytest.mark.django_db

PAGES_PER_ROLE = 800
PAGES_PER_SHAPE = 20  # e.g. twenty case pages: the demo's cases in each state
FORMS_PER_PAGE = 6
BUTTONS_PER_FORM = 4
NONSENSE_QUERY = {
    "page": "abc",
    "q": "\x00' OR 1=1 --",
    "state": "no-such-state",
    "route": "nowhere",
    "year": "99999999999999999999",
    "month": "13",
    "from": "2026-02-30",
    "to": "not a date",
    "local_authority": "-1",
    "assignee": "9999999999999",
    "sort": "-nothing",
}
# Never followed: they end the crawl's session or leave the service.
SKIP = re.compile(r"^/(sign-out|logout|static/|media/)|/sign-out/")


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    buttons: list[tuple[str, str]] = field(default_factory=list)


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(a.get("action", ""), a.get("method", "get").lower())
            self.forms.append(self._form)
        elif self._form is not None and a.get("name"):
            self._field(self._form, tag, a)

    def _field(self, form: Form, tag: str, a: dict[str, str]) -> None:
        name = a["name"]
        kind = a.get("type", "submit" if tag == "button" else "text").lower()
        if tag in {"input", "button"} and kind == "submit":
            form.buttons.append((name, a.get("value", "")))
        elif tag == "input" and kind in {"checkbox", "radio"}:
            form.fields.setdefault(name, a.get("value", "on"))
        elif tag == "input" and kind != "file":
            form.fields[name] = a.get("value", "")
        elif tag in {"select", "textarea"}:
            form.fields[name] = ""
            self._select = name if tag == "select" else None
        elif tag == "option" and self._select and not form.fields.get(self._select):
            form.fields[self._select] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _wrong_kind(name: str, value: str) -> str:
    if name == "csrfmiddlewaretoken" or name.endswith("version"):
        return value
    return "not-a-" + re.sub(r"\W", "-", name)[:20]


def _past_limits(name: str, value: str) -> str:
    if name == "csrfmiddlewaretoken":
        return value
    if name.endswith("-day") or name.endswith("_day"):
        return "31"
    if name.endswith("-month") or name.endswith("_month"):
        return "2"
    if name.endswith("-year") or name.endswith("_year"):
        return "99999"
    if name.endswith("version") or name.endswith("_id") or name in {"id", "pk"}:
        return "99999999999999999999"
    return "\x00" + "x" * 20_000


def _local(href: str, base: str) -> str | None:
    url, _ = urldefrag(urljoin(base, href))
    parts = urlsplit(url)
    if parts.scheme not in {"", "http"} or parts.netloc not in {"", "testserver"}:
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return None if SKIP.search(parts.path) else path


# Dates that may lie ahead: a deadline asked for, leave, an expiry, a meeting or call booked, a
# review planned, a contract's or a report's period. Every other date on a form records
# something that has happened.
MAY_BE_AHEAD = {
    "new_due_on",
    "due_on",
    "first_day",
    "last_day",
    "expires_on",
    "until",
    "meeting_on",
    "call_on",
    "review_on",
    "starts_on",
    "ends_on",
    "start",
    "end",
}

# A form sent back as not accepted: the page must say what to put right.
UNEXPLAINED = {400, 409, 422}


def _says_why(response: Any) -> bool:
    if "html" not in response.get("Content-Type", ""):
        return bool(response.content.strip())  # a download's refusal: its text
    body = response.content.decode("utf-8", "replace")
    return "govuk-error-summary" in body or "govuk-notification-banner" in body


def _shape(path: str) -> str:
    """A page's kind: its path with every number in it replaced."""
    return re.sub(r"\d+", "N", urlsplit(path).path)


class Crawl:
    """Follows every link a person is shown, breadth-first, and tries each kind of page once
    with nonsense (module docstring). `problems` names each request that was a server error."""

    def __init__(self, client: Client, start: str) -> None:
        self.client = client
        self.queue = deque([start])
        self.seen: set[str] = set()
        self.shapes: set[str] = set()
        self.of_shape: Counter[str] = Counter()
        self.visited: list[str] = []
        self.problems: list[str] = []

    def run(self) -> Crawl:
        while self.queue and len(self.visited) < PAGES_PER_ROLE:
            path = self.queue.popleft()
            if path not in self.seen and self.of_shape[_shape(path)] < PAGES_PER_SHAPE:
                self.seen.add(path)
                self.of_shape[_shape(path)] += 1
                self._visit(path)
        return self

    def _ask(self, method: str, path: str, data: dict[str, str] | None = None) -> Any:
        try:
            if method == "post":
                response = self.client.post(path, data or {})
            else:
                response = self.client.get(path)
        except Exception as error:  # a view that raised: the person would see a 500
            self.problems.append(f"{method} {path} {data!r:.200}: raised {error!r:.300}")
            return None
        if response.status_code >= 500:
            self.problems.append(f"{method} {path} {data!r:.200}: HTTP {response.status_code}")
        elif response.status_code in UNEXPLAINED and not _says_why(response):
            self.problems.append(
                f"{method} {path} {data!r:.200}: HTTP {response.status_code} with no reason given"
            )
        return response

    def _visit(self, path: str) -> None:
        response = self._ask("get", path)
        self.visited.append(path)
        if response is None or response.status_code != 200:
            return
        if "html" not in response.get("Content-Type", ""):
            return
        page = _Page()
        page.feed(response.content.decode("utf-8", "replace"))
        for href in page.links:
            target = _local(href, path)
            if target and target not in self.seen:
                self.queue.append(target)
        shape = _shape(path)
        if shape in self.shapes:
            return  # /cases/MM-2026-0001/ and /cases/MM-2026-0002/ are tried once between them
        self.shapes.add(shape)
        self._ask("get", f"{urlsplit(path).path}?{urlencode(NONSENSE_QUERY)}")
        for form in page.forms[:FORMS_PER_PAGE]:
            self._send(form, path)

    def _send(self, form: Form, path: str) -> None:
        action = _local(form.action or path, path)
        if action is None:
            return
        if form.method == "get":
            self._ask("get", f"{urlsplit(action).path}?{urlencode(NONSENSE_QUERY)}")
            return
        token = {k: v for k, v in form.fields.items() if k == "csrfmiddlewaretoken"}
        for button in form.buttons[:BUTTONS_PER_FORM] or [None]:
            pressed = dict([button]) if button else {}
            self._ask("post", action, token | pressed)
            for spoil in (_wrong_kind, _past_limits):
                spoiled = {name: spoil(name, value) for name, value in form.fields.items()}
                self._ask("post", action, spoiled | pressed)
            self._dated_ahead(form, action, pressed)

    def _dated_ahead(self, form: Form, action: str, pressed: dict[str, str]) -> None:
        """The form sent with every date 40 days ahead (and every empty box filled): if it is
        accepted, each of its dates must be one that may lie ahead (MAY_BE_AHEAD)."""
        dated = {name.removesuffix("-day") for name in form.fields if name.endswith("-day")}
        if not dated:
            return
        ahead = today_in_england() + timedelta(days=40)
        sent = {}
        for name, value in form.fields.items():
            stem, _, part = name.rpartition("-")
            if stem in dated and part in {"day", "month", "year"}:
                value = str(getattr(ahead, part))
            elif not value and name != "csrfmiddlewaretoken":
                value = "Recorded by the crawl"
            sent[name] = value
        response = self._ask("post", action, sent | pressed)
        wrong = sorted(dated - MAY_BE_AHEAD)
        if response is not None and response.status_code in {302, 303} and wrong:
            self.problems.append(f"post {action}: accepted {ahead} for {wrong}, a day to come")


def _demo() -> list[tuple[str, str, str]]:
    return load_demo_data(today=date(2026, 11, 26))


STAFF_ROLES = [
    Role.SERVICE_MANAGER,
    Role.COORDINATOR,
    Role.ADVISER,
    Role.MEDIATOR,
    Role.LA_OFFICER,
    Role.ICB_OFFICER,
    Role.COMMISSIONER,
]


@pytest.mark.parametrize("role", STAFF_ROLES, ids=[r.value for r in STAFF_ROLES])
def test_no_page_a_member_of_staff_can_reach_answers_with_a_server_error(role):
    email = next(e for e, _, label in _demo() if label == role.label)
    client = Client(raise_request_exception=True)
    client.force_login(User.objects.get(email=email))
    crawl = Crawl(client, "/").run()
    assert len(crawl.shapes) > 10, crawl.visited
    assert not crawl.problems, "\n".join(crawl.problems)


def test_no_public_page_answers_a_visitor_with_a_server_error():
    _demo()
    crawl = Crawl(Client(raise_request_exception=True), "/").run()
    assert len(crawl.shapes) > 5, crawl.visited
    assert not crawl.problems, "\n".join(crawl.problems)


def _signed_in_by_code(email: str) -> Client:
    """A family member or supporter, signed in as they are: a one-time code sent by email."""
    client = Client(raise_request_exception=True)
    mail.outbox.clear()
    client.post(reverse("family:sign_in"), {"address": email})
    code = re.search(r"\b(\d{6})\b", mail.outbox[-1].body).group(1)
    assert client.post(reverse("family:enter_code"), {"code": code}).status_code == 302
    return client


def test_no_page_of_a_familys_own_case_answers_with_a_server_error():
    _demo()
    parent = (
        Party.objects.filter(role=PartyRole.PARENT_CARER, case__provider__case_prefix="MM")
        .exclude(email="")
        .annotate(events=Count("case__timeline"))
        .order_by("-events")
        .first()
    )
    crawl = Crawl(_signed_in_by_code(parent.email), reverse("family:cases")).run()
    assert reverse("family:case", args=[parent.case.reference]) in crawl.visited
    assert not crawl.problems, "\n".join(crawl.problems)


def test_no_page_a_supporter_can_reach_answers_with_a_server_error():
    _demo()
    supporter = Party.objects.get(role=PartyRole.SUPPORTER, case__provider__case_prefix="MM")
    crawl = Crawl(_signed_in_by_code(supporter.email), reverse("family:cases")).run()
    assert reverse("family:supported_case", args=[supporter.case.reference]) in crawl.visited
    assert not crawl.problems, "\n".join(crawl.problems)
