"""My cases: coordinators, advisers and mediators open the caseload at their own cases, with
who each case is assigned to and how many need action today; "All cases" is one click away."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from accord.organisations.roles import Role
from accord.rules import today_in_england
from tests.factories import CaseFactory
from tests.markup import parse


@pytest.fixture
def cases(world):
    today = today_in_england()
    coordinator = world.user(Role.COORDINATOR)
    adviser = world.user(Role.ADVISER)
    return {
        "mine_overdue": CaseFactory(
            provider=world.provider,
            local_authority=world.la,
            coordinator=coordinator,
            next_deadline_on=today - timedelta(days=2),
        ),
        "mine_today": CaseFactory(
            provider=world.provider,
            local_authority=world.la,
            adviser=coordinator,
            next_deadline_on=today,
        ),
        "mine_later": CaseFactory(
            provider=world.provider,
            local_authority=world.la,
            coordinator=coordinator,
            next_deadline_on=today + timedelta(days=10),
        ),
        "someone_elses": CaseFactory(
            provider=world.provider,
            local_authority=world.la,
            adviser=adviser,
            next_deadline_on=today - timedelta(days=1),
        ),
    }


def shown(html: bytes, cases: dict) -> set[str]:
    text = html.decode()
    return {name for name, case in cases.items() if case.reference in text}


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ADVISER, Role.MEDIATOR])
def test_caseworkers_open_the_caseload_at_their_own_cases(world, client_for, cases, role):
    html = client_for(role).get(reverse("cases:caseload")).content
    expected = {"mine_overdue", "mine_today", "mine_later"} if role == Role.COORDINATOR else set()
    if role == Role.ADVISER:
        expected = {"someone_elses"}
    assert shown(html, cases) == expected
    assert parse(html).find("h1").text == "My cases"


def test_all_cases_is_one_click_away(world, client_for, cases):
    client = client_for(Role.COORDINATOR)
    page = parse(client.get(reverse("cases:caseload")).content)
    link = next(a for a in page.find_all("a") if a.text == "All cases")
    html = client.get(reverse("cases:caseload") + link.get("href")).content
    assert shown(html, cases) == set(cases)
    assert parse(html).find("h1").text == "Caseload"


def test_a_service_manager_sees_every_case_by_default(world, client_for, cases):
    html = client_for(Role.SERVICE_MANAGER).get(reverse("cases:caseload")).content
    assert shown(html, cases) == set(cases)


def test_the_count_of_what_needs_doing_today_and_its_list(world, client_for, cases):
    client = client_for(Role.COORDINATOR)
    page = parse(client.get(reverse("cases:caseload")).content)
    panel = page.by_id("due-now")
    assert panel.text == "2 cases with a deadline today or overdue"
    html = client.get(reverse("cases:caseload") + panel.find("a").get("href")).content
    assert shown(html, cases) == {"mine_overdue", "mine_today"}


def test_each_row_says_who_the_case_is_assigned_to(world, client_for, cases):
    html = client_for(Role.COORDINATOR).get(reverse("cases:caseload")).content
    row = parse(html).find("a", href=cases["mine_today"].get_absolute_url()).ancestor("tr")
    assert f"{world.user(Role.COORDINATOR)} (adviser)" in row.text


def _filter_options(html: bytes, name: str) -> list[str]:
    return [option.text for option in parse(html).find("select", name=name).find_all("option")]


def test_the_filter_is_kept_drawn_yet_follows_its_values_and_choices(world, client_for, cases):
    """The filter is drawn once per set of values and choices (govuk.forms.drawing_key): a
    council added, a person joining or a value chosen shows at once."""
    from tests.factories import LocalAuthorityFactory, MembershipFactory

    client = client_for(Role.SERVICE_MANAGER)
    url = reverse("cases:caseload")
    before = client.get(url).content

    def drawn(html: bytes) -> bytes:
        start = html.index(b'<form method="get"')
        return html[start : html.index(b"</form>", start)]

    assert drawn(client.get(url).content) == drawn(before)  # drawn the same the second time
    assert "Newtown Council" not in _filter_options(before, "local_authority")
    council = LocalAuthorityFactory(name="Newtown Council")
    world.provider.local_authorities.add(council)
    newcomer = MembershipFactory(provider=world.provider, role=Role.MEDIATOR).user
    after = client.get(url).content
    assert "Newtown Council" in _filter_options(after, "local_authority")
    assert newcomer.full_name in _filter_options(after, "assignee")
    chosen = parse(client.get(url, {"local_authority": council.pk, "q": "Zed"}).content)
    select = chosen.find("select", name="local_authority")
    assert [o.text for o in select.find_all("option") if "selected" in o.attrs] == [
        "Newtown Council"
    ]
    assert chosen.find("input", name="q").get("value") == "Zed"
    # Back to the first values: their own drawing, with no search in it.
    again = parse(client.get(url).content)
    assert again.find("input", name="q").get("value") == ""


def test_a_person_without_a_name_on_record_is_shown_by_their_address(world, client_for):
    """As everywhere a person is named (User.__str__): their name, or their address without one."""
    from tests.factories import MembershipFactory

    nameless = MembershipFactory(provider=world.provider, role=Role.MEDIATOR).user
    nameless.full_name = ""
    nameless.save()
    case = CaseFactory(provider=world.provider, local_authority=world.la, mediator=nameless)
    html = client_for(Role.SERVICE_MANAGER).get(reverse("cases:caseload")).content
    row = parse(html).find("a", href=case.get_absolute_url()).ancestor("tr")
    assert f"{nameless.email} (mediator)" in row.text
