"""The caseload's counts (how many cases, how many due today or overdue) are worked out in
disjoint parts, each read from one index (selectors.caseload): a person holding two or three
roles on one case, and a closed case still followed up, are counted once, and every count is
the number of rows the same caseload lists."""

from __future__ import annotations

from datetime import timedelta

import pytest

from accord.cases import selectors
from accord.cases.clocks import AGREED_ACTION
from accord.cases.models import CaseClock
from accord.cases.states import CaseState
from accord.organisations.roles import Role
from accord.rules import today_in_england
from tests.factories import CaseFactory, MembershipFactory


@pytest.fixture
def people(world):
    """The coordinator's cases, by name: the roles they hold on each and its deadline."""
    today = today_in_england()
    me = world.user(Role.COORDINATOR)
    colleague = MembershipFactory(provider=world.provider, role=Role.COORDINATOR).user

    def case(state=CaseState.ARRANGING, days=None, **roles):
        return CaseFactory(
            provider=world.provider,
            local_authority=world.la,
            state=state,
            next_deadline_on=None if days is None else today + timedelta(days=days),
            **roles,
        )

    cases = {
        "coordinates, overdue": case(days=-1, coordinator=me),
        "coordinates and advises, due today": case(days=0, coordinator=me, adviser=me),
        "advises only": case(days=10, coordinator=colleague, adviser=me),
        "mediates only, no deadline": case(mediator=me),
        "all three roles": case(days=5, coordinator=me, adviser=me, mediator=me),
        "advises and mediates, overdue": case(days=-3, adviser=me, mediator=me),
        "closed, action still open": case(CaseState.CLOSED, days=-2, coordinator=me),
        "closed and done": case(CaseState.CLOSED, coordinator=me),
        "someone else's, overdue": case(days=-4, coordinator=colleague),
    }
    followed = cases["closed, action still open"]
    CaseClock.objects.create(
        provider=world.provider,
        case=followed,
        clock=AGREED_ACTION,
        key="action-1",
        started_on=today - timedelta(days=30),
        due_on=today - timedelta(days=2),
    )
    return me, cases


def _listed(membership, today, **filters):
    cases, count, due = selectors.caseload(membership, today, **filters)
    rows = list(cases.values_list("reference", "next_deadline_on"))
    return {ref for ref, _ in rows}, count, due, rows


# Hand-counted from the fixture: (filters, cases listed, how many due today or overdue).
MINE = {
    "coordinates, overdue",
    "coordinates and advises, due today",
    "advises only",
    "mediates only, no deadline",
    "all three roles",
    "advises and mediates, overdue",
    "closed, action still open",
}
CASES = [
    ("my cases", {"assignee": "me"}, MINE, 4),
    ("all cases", {}, MINE | {"someone else's, overdue"}, 5),
    (
        "my cases due now",
        {"assignee": "me", "due_by": "today"},
        MINE
        - {
            "advises only",
            "mediates only, no deadline",
            "all three roles",
        },
        4,
    ),
    (
        "my closed cases",
        {"assignee": "me", "state": CaseState.CLOSED},
        {
            "closed, action still open",
            "closed and done",
        },
        1,
    ),
    (
        "my cases, closed included",
        {"assignee": "me", "include_closed": True},
        MINE | {"closed and done"},
        4,
    ),
]


@pytest.mark.parametrize(
    ("filters", "expected", "due"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_case_is_counted_once_whatever_roles_its_person_holds(
    world, people, filters, expected, due
):
    me, cases = people
    today = today_in_england()
    filters = {
        name: me.pk if value == "me" else today if value == "today" else value
        for name, value in filters.items()
    }
    membership = world.members[Role.COORDINATOR]
    listed, count, due_now, rows = _listed(membership, today, **filters)
    assert listed == {cases[name].reference for name in expected}
    assert count == len(rows) == len(expected)
    assert due_now == due == sum(1 for _, day in rows if day is not None and day <= today)


@pytest.mark.parametrize("query", ["Kidlast", "nobody-by-this-name"])
def test_a_search_within_my_cases_counts_what_it_lists(world, people, query):
    me, _cases = people
    today = today_in_england()
    membership = world.members[Role.COORDINATOR]
    _listed_refs, count, due_now, rows = _listed(membership, today, assignee=me.pk, query=query)
    assert count == len(rows)
    assert due_now == sum(1 for _, day in rows if day is not None and day <= today)
    assert (count == len(MINE)) if query == "Kidlast" else (count == 0 and due_now == 0)


def test_the_page_shows_the_counts(world, client_for, people):
    from django.urls import reverse

    from tests.markup import parse

    page = parse(client_for(Role.COORDINATOR).get(reverse("cases:caseload")).content)
    assert page.find("caption").text.strip() == f"{len(MINE)} cases"
    assert page.by_id("due-now").text.strip() == "4 cases with a deadline today or overdue"
