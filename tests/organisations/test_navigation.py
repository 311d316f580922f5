"""The service navigation offers exactly the pages the views let each person open
(accord.organisations.navigation): it is built from the views' own access declarations, so it
can never offer a page that would answer 403."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from accord.organisations.navigation import NAVIGATION, declared_rule
from accord.organisations.roles import Role
from tests.factories import CaseFactory, MembershipFactory
from tests.markup import Element, parse

R = Role
CASEWORK = ["Caseload"]
STAFF_MENU = [
    "Caseload",
    "New enquiry",
    "Online requests",
    "Mail in",
    "Messages",
    "Complaints",
    "Diaries",
]

# Who sees what, as a reader expects it; checked against the views' declarations below.
MENU = {
    R.SERVICE_MANAGER: [
        *STAFF_MENU,
        # Approving mediators' claims (accord.meetings.fees).
        "Fees and expenses",
        "Reports",
        # API clients and importing cases are parts of setting up the service (its own menu).
        "Set up the service",
        "Data protection",
    ],
    R.COORDINATOR: STAFF_MENU,
    R.ADVISER: STAFF_MENU,
    R.MEDIATOR: [*CASEWORK, "Diaries", "Fees and expenses", "Your accreditations"],
    # An officer's own list of agreed actions and mediation deadlines (accord.documents); an LA
    # officer also the SEN2 return of their LA (accord.reports).
    R.LA_OFFICER: [*CASEWORK, "Your actions", "Reports"],
    R.ICB_OFFICER: [*CASEWORK, "Your actions"],
    R.COMMISSIONER: ["Reports"],
}
VISITOR_MENU = ["Help with a disagreement", "Staff sign in"]


def _menu(page: Element) -> list[Element]:
    return page.by_id("navigation").find_all("a", class_="govuk-service-navigation__link")


def _labels(page: Element) -> list[str]:
    return [link.text for link in _menu(page)]


def _declared_for(role: Role) -> list[str]:
    """The items whose view declares this role."""
    return [
        item.label
        for item in NAVIGATION
        if declared_rule(item).kind == "roles" and role in declared_rule(item).roles
    ]


def test_the_menu_table_matches_the_views_declarations():
    for role in Role:
        assert MENU[role] == _declared_for(role), role


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_each_role_is_offered_exactly_the_pages_its_views_allow(world, client_for, role):
    client = client_for(role)
    # A page every signed-in person may open, whatever their role.
    page = parse(client.get(reverse("choose_provider")).content)
    assert _labels(page) == _declared_for(role) == MENU[role]
    for link in _menu(page):
        # Followed as a browser would (the reports page sends commissioners to their report).
        response = client.get(link.get("href"), follow=True)
        assert response.status_code == 200, f"{role}: {link.text} gave {response.status_code}"
        assert all(reverse("login") not in url for url, _ in response.redirect_chain)


@pytest.mark.django_db
def test_visitors_are_offered_the_public_pages():
    client = Client()
    page = parse(client.get(reverse("portal:home")).content)
    assert _labels(page) == VISITOR_MENU
    for link in _menu(page):
        assert client.get(link.get("href")).status_code == 200, link.text


@pytest.mark.django_db
def test_a_person_with_two_roles_in_a_provider_sees_what_either_allows(world):
    commissioner = world.members[R.COMMISSIONER]
    MembershipFactory(user=commissioner.user, provider=world.provider, role=R.MEDIATOR)
    client = Client()
    client.force_login(commissioner.user)
    page = parse(client.get(reverse("choose_provider")).content)
    assert _labels(page) == [
        "Caseload",
        "Diaries",
        "Fees and expenses",
        "Reports",
        "Your accreditations",
    ]
    for link in _menu(page):
        assert client.get(link.get("href"), follow=True).status_code == 200, link.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "current", "section"),
    [
        (lambda case: reverse("cases:caseload"), "Caseload", "Caseload"),
        (lambda case: reverse("cases:new"), "New enquiry", "New enquiry"),
        # Inside a case: the Caseload section, but not its page.
        (lambda case: case.get_absolute_url(), None, "Caseload"),
        (lambda case: reverse("notifications:outbox"), "Messages", "Messages"),
    ],
    ids=["caseload", "new-enquiry", "a-case", "messages"],
)
def test_the_menu_marks_where_the_person_is(world, client_for, path, current, section):
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    page = parse(client_for(R.COORDINATOR).get(path(case)).content)
    active = [link for link in _menu(page) if link.get("aria-current")]
    assert [link.text for link in active] == [section]
    assert active[0].get("aria-current") == ("page" if current else "true")
    item = active[0].parent
    assert item is not None and "govuk-service-navigation__item--active" in item.classes


ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(ROOT.glob("accord/**/templates/**/*.html"))
ROLE_IN_TEMPLATE = re.compile(
    r"\brole\s*(==|!=)|[\"'](" + "|".join(r.value for r in Role) + r")[\"']"
)


@pytest.mark.parametrize(
    "template", TEMPLATES, ids=[str(t.relative_to(ROOT / "accord")) for t in TEMPLATES]
)
def test_no_template_decides_by_role_name(template):
    """Who may do what is declared on the views (accord.organisations.roles), not re-typed in
    templates."""
    assert not ROLE_IN_TEMPLATE.search(template.read_text()), template


@pytest.mark.django_db
def test_before_the_second_factor_no_page_is_offered(world, settings):
    """With ACCORD_REQUIRE_MFA on, a password alone opens none of the menu's pages, so the set-up
    page offers none of them (only signing out)."""
    settings.ACCORD_REQUIRE_MFA = True
    client = Client()
    client.force_login(world.members[R.SERVICE_MANAGER].user)
    page = parse(client.get(reverse("second_factor_set_up")).content)
    assert page.by_id("navigation") is None or _labels(page) == []
    assert page.find("a", href=reverse("logout")) is not None


@pytest.mark.django_db
def test_setting_up_the_service_offers_its_parts(world, client_for):
    """The service manager's menu stays short: API clients and importing a caseload are in the
    set-up pages' own menu, each link opening."""
    client = client_for(R.SERVICE_MANAGER)
    page = parse(client.get(reverse("setup:people")).content)
    menu = page.find("nav", **{"aria-label": "Setting up the service"})
    links = {a.text.strip(): a.get("href") for a in menu.find_all("a")}
    assert links["API clients"] == reverse("api_pages:clients")
    assert links["Import cases"] == reverse("imports:upload")
    for href in links.values():
        assert client.get(href).status_code == 200, href
