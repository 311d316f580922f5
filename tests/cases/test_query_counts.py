"""The case page and the caseload read each table once, whatever the case holds (performance
issue: at most 16 queries, counted here, never timed)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from accord.cases.models import Case
from accord.demo.cases import load_demo_data
from accord.organisations.models import User


@pytest.fixture
def demo_client(db):
    load_demo_data(today=date(2026, 11, 26))
    client = Client()
    client.force_login(User.objects.get(email="coordinator@demo.accord.test"))
    client.get(reverse("cases:caseload"))  # the session's first write is not counted below
    return client


@pytest.mark.parametrize(
    ("state", "most"),
    [
        # Every case page lists the case's documents: one read of their table (and of whom
        # each is shared with, only when there are documents). Staff and the mediator see the
        # safeguarding concerns and the risk assessments (accord.cases.concerns): one read of
        # each table, in every state; and the parties' case statements (accord.documents
        # .statements), one read.
        ("enquiry", 19),
        # Staff also see the email filed to the case (accord.inbound): one read of its own
        # table, its files fetched only when there is mail.
        ("arranging", 20),
        ("meeting_booked", 20),
        # With a written agreement its points, and any requests for more time, are two more;
        # who has signed it (accord.documents.signatures) and the parties asked to sign, two more.
        ("follow_up", 24),
        # A closed case also shows its feedback and whether it was asked for.
        ("closed", 26),
    ],
)
def test_case_page_queries_stay_within_bounds(
    demo_client, django_assert_max_num_queries, state, most
):
    for case in Case.objects.filter(state=state):
        with django_assert_max_num_queries(most):
            assert demo_client.get(case.get_absolute_url()).status_code == 200


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
    # The sign-in (session, user, memberships), the people to filter by, the LAs, the count,
    # the page of cases (their child, LA and people joined) and the count due now.
    with django_assert_max_num_queries(8):
        response = demo_client.get(reverse("cases:caseload") + query.format(la=la))
        assert response.status_code == 200
