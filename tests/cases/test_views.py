"""Casework pages: forms keep what was typed and say what is wrong; the caseload is ordered by
urgency and can be filtered and searched."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from accord.cases.models import Case
from accord.cases.states import CaseState
from accord.organisations.roles import Role
from accord.rules import today_in_england
from tests.factories import CaseFactory, ChildFactory, PartyFactory


def enquiry_post(world, **overrides):
    data = {
        "received_on": "2026-11-02",
        "channel": "phone",
        "contact_name": "Jo Turner",
        "contact_role": "parent_carer",
        "contact_email": "jo@example.com",
        "preferred_contact": "email",
        "child_first_name": "Alfie",
        "child_last_name": "Turner",
        "child_date_of_birth": "2016-05-02",
        "local_authority": str(world.la.pk),
        "decision_kind": "refuse_to_assess",
        "decision_notice_sent_on": "2026-10-20",
    }
    data.update(overrides)
    return data


def test_new_enquiry_creates_a_case_and_shows_it(world, client_for):
    client = client_for(Role.COORDINATOR)
    response = client.post(reverse("cases:new"), enquiry_post(world))
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == case.get_absolute_url()
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Alfie Turner" in page
    assert "SEND Regs reg 33: 2 months" in page


def test_bad_enquiry_is_reshown_with_an_error_summary_and_loses_nothing(world, client_for):
    response = client_for(Role.COORDINATOR).post(
        reverse("cases:new"),
        enquiry_post(
            world, contact_email="", child_date_of_birth="not a date", decision_kind="plan_content"
        ),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert "Enter an email address or a phone number." in html
    assert "Select the parts of the plan that are disputed." in html
    assert 'value="Jo Turner"' in html  # what was typed is kept
    assert not Case.objects.exists()


def test_future_decision_date_is_refused(world, client_for):
    today = today_in_england()
    tomorrow = (today + timedelta(days=1)).isoformat()
    response = client_for(Role.COORDINATOR).post(
        reverse("cases:new"),
        enquiry_post(world, decision_notice_sent_on=tomorrow, received_on=today.isoformat()),
    )
    assert "must be today or in the past" in response.content.decode()
    assert not Case.objects.exists()


def test_a_likely_duplicate_is_shown_before_creating(world, client_for):
    client = client_for(Role.COORDINATOR)
    client.post(reverse("cases:new"), enquiry_post(world))
    response = client.post(reverse("cases:new"), enquiry_post(world))
    html = response.content.decode()
    assert "We may already have a case" in html
    assert Case.objects.count() == 1
    client.post(reverse("cases:new"), enquiry_post(world, confirm_not_duplicate="yes"))
    assert Case.objects.count() == 2


def test_late_contact_is_warned_at_once(world, client_for):
    # SEND Regs 2014 reg 33: 2 months from the decision letter.
    client = client_for(Role.COORDINATOR)
    response = client.post(
        reverse("cases:new"),
        enquiry_post(world, decision_notice_sent_on="2026-08-01", received_on="2026-11-02"),
        follow=True,
    )
    assert "ended on 1 October 2026" in response.content.decode()


def test_step_with_a_stale_version_says_someone_else_changed_it(world, client_for):
    case = CaseFactory(
        provider=world.provider, local_authority=world.la, suggested_route="mediation"
    )
    response = client_for(Role.COORDINATOR).post(
        reverse("cases:route", args=[case.reference]),
        {"route": "mediation", "version": case.version + 5},
    )
    assert response.status_code == 400
    assert "Someone else changed this case" in response.content.decode()
    case.refresh_from_db()
    assert case.state == CaseState.ENQUIRY


def test_illegal_step_is_a_clear_400(world, client_for):
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    response = client_for(Role.COORDINATOR).post(
        reverse("cases:outcome", args=[case.reference]),
        {"outcome": "full", "concluded_on": "2026-11-20", "version": case.version},
    )
    assert response.status_code == 400
    assert "You cannot record the meeting outcome" in response.content.decode()


def test_caseload_is_ordered_by_nearest_deadline_with_tags(world, client_for):
    today = today_in_england()
    later = CaseFactory(
        provider=world.provider,
        local_authority=world.la,
        next_deadline_on=today + timedelta(days=20),
    )
    overdue = CaseFactory(
        provider=world.provider,
        local_authority=world.la,
        next_deadline_on=today - timedelta(days=1),
    )
    undated = CaseFactory(provider=world.provider, local_authority=world.la)
    html = (
        client_for(Role.COORDINATOR)
        .get(reverse("cases:caseload"), {"assignee": ""})
        .content.decode()
    )
    positions = [html.index(c.reference) for c in (overdue, later, undated)]
    assert positions == sorted(positions)
    assert "Overdue" in html and "On track" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Zebedee", {"A"}), ("Parentname", {"B"}), ("KM-REF-A", {"A"}), ("nobody", set())],
)
def test_caseload_search_by_reference_child_or_parent(world, client_for, query, expected):
    a = CaseFactory(
        provider=world.provider,
        local_authority=world.la,
        reference="KM-REF-A",
        child=ChildFactory(provider=world.provider, first_name="Zebedee"),
    )
    b = CaseFactory(provider=world.provider, local_authority=world.la, reference="KM-REF-B")
    PartyFactory(case=b, name="Pat Parentname")
    html = (
        client_for(Role.COORDINATOR)
        .get(reverse("cases:caseload"), {"q": query, "assignee": ""})
        .content.decode()
    )
    found = {label for label, case in (("A", a), ("B", b)) if case.reference in html}
    assert found == expected


def test_caseload_filters_by_la_and_hides_closed(world, client_for):
    kent = CaseFactory(provider=world.provider, local_authority=world.la)
    medway = CaseFactory(provider=world.provider, local_authority=world.other_la)
    closed = CaseFactory(provider=world.provider, local_authority=world.la, state="closed")
    html = (
        client_for(Role.COORDINATOR)
        .get(reverse("cases:caseload"), {"local_authority": world.la.pk, "assignee": ""})
        .content.decode()
    )
    assert kent.reference in html
    assert medway.reference not in html
    assert closed.reference not in html


def test_caseload_never_lists_another_providers_cases(world, client_for):
    theirs = CaseFactory(provider=world.stranger_provider, local_authority=world.la)
    html = client_for(Role.SERVICE_MANAGER).get(reverse("cases:caseload")).content.decode()
    assert theirs.reference not in html


def test_error_summary_links_a_radio_group_to_its_first_option(world, client_for):
    response = client_for(Role.COORDINATOR).post(
        reverse("cases:new"), enquiry_post(world, decision_kind="")
    )
    html = response.content.decode()
    assert 'href="#id_decision_kind_0"' in html
    assert 'id="id_decision_kind_0"' in html
