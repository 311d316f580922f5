"""The case page and the caseload read each table once, whatever the case holds, and a table the
case has no rows in not at all (performance issue: at most 12 queries on the case page, counted
here, never timed; docs/performance.md, "Case page queries")."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from accord.cases.models import Case
from accord.cases.selectors import cases_for
from accord.demo.cases import load_demo_data
from accord.organisations.models import Membership, User
from accord.organisations.roles import Role


@pytest.fixture
def demo(db):
    load_demo_data(today=date(2026, 11, 26))


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    client.get(reverse("cases:caseload"))  # the session's first write is not counted below
    return client


@pytest.fixture
def demo_client(demo):
    return _signed_in(User.objects.get(email="coordinator@demo.accord.test"))


# Every case page reads: the session; the person with their memberships (one query,
# accord.organisations.backends); the case with its child, bodies and people, and whether it
# has rows in each table the page shows (Exists flags on the same query); its parties; the
# read audit row written; its messages; its history. Seven, in every state.
@pytest.mark.parametrize(
    ("state", "most"),
    [
        # Nothing else: no meeting, document, mail, concern, statement or feedback yet.
        ("enquiry", 12),
        # A booked information and advice call, or a meeting and its attendees, when there is one.
        ("arranging", 12),
        ("meeting_booked", 12),
        # With a certificate and a written agreement: the certificates, the agreement and its
        # points; a request for more time or a signature only when there is one.
        ("follow_up", 12),
        # A closed case also shows its feedback (read only when some has come) and whether it
        # was asked for (a flag on the case's query).
        ("closed", 12),
    ],
)
def test_case_page_queries_stay_within_bounds(
    demo_client, django_assert_max_num_queries, state, most
):
    cases = Case.objects.filter(state=state)
    assert cases.exists()
    for case in cases:
        with django_assert_max_num_queries(most):
            assert demo_client.get(case.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("role", [Role.MEDIATOR, Role.LA_OFFICER])
def test_case_page_queries_for_a_mediator_and_an_officer(demo, django_assert_max_num_queries, role):
    # The mediator sees their own cases and the confidential sections; an officer the cases
    # their body is a party to, and whether they may follow up each agreed action (from the
    # memberships already read: no query per action).
    for membership in Membership.objects.filter(role=role).select_related("user"):
        client = _signed_in(membership.user)
        cases = list(cases_for(membership))
        assert cases
        for case in cases:
            with django_assert_max_num_queries(12):
                assert client.get(case.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?assignee=",
        "?page=2&assignee=",
        # The LA chosen is checked against the list already read for the filter's choices.
        "?state=arranging&route=mediation&local_authority={la}&due=now",
    ],
)
def test_caseload_queries_do_not_grow_with_the_cases(
    demo_client, django_assert_max_num_queries, query
):
    la = Case.objects.values_list("local_authority_id", flat=True).first()
    # The sign-in (session, user, memberships), the people to filter by, the LAs, the closed
    # cases still followed up, the count, the page of cases (their child and LA joined), the
    # names of the people assigned to them (by id: three joins to one table cost PostgreSQL more
    # to plan than the query took to run) and the count due now.
    with django_assert_max_num_queries(9):
        response = demo_client.get(reverse("cases:caseload") + query.format(la=la))
        assert response.status_code == 200


@pytest.mark.parametrize("state", ["meeting_booked", "follow_up"])
def test_the_case_page_reads_the_case_once(demo_client, state):
    # Its meetings and messages are read through the case's own relations, so each has the
    # case in hand, and parties and agreed points are ordered by their own columns: nothing
    # joins the case's hundred-odd columns, or an agreement, again.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    case = Case.objects.filter(state=state, meetings__isnull=False).first()
    assert case is not None and case.messages.exists() and case.parties.exists()
    with CaptureQueriesContext(connection) as queries:
        response = demo_client.get(case.get_absolute_url())
    assert response.status_code == 200
    sql = [q["sql"] for q in queries.captured_queries]

    def reading(table: str) -> list[str]:
        return [s for s in sql if s.startswith(f'SELECT "{table}".')]

    for table in ("meetings_meeting", "notifications_outboxmessage", "cases_party"):
        assert reading(table), table
    assert len(reading("cases_case")) == 1
    assert [s for s in sql if 'JOIN "cases_case"' in s and s not in reading("cases_case")] == []
    points = reading("documents_agreementitem")
    assert (state == "follow_up") == bool(points)
    assert [s for s in points if 'JOIN "documents_agreement"' in s] == []
