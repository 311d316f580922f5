"""The family sees only their own cases, scoped at the query (accord.family.selectors), and
never what is confidential to the service."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accord.cases.models import TimelineEvent
from accord.cases.services import add_note
from accord.cases.timeline import EventKind, record_event
from accord.family import selectors
from accord.family.identity import FamilyIdentity
from accord.organisations.access import access_rule_of
from accord.organisations.roles import Role
from tests.family.conftest import PARENT_EMAIL, make_case, sign_in
from tests.organisations.test_access import ALL_VIEWS, _fill

pytestmark = pytest.mark.django_db

FAMILY_VIEWS = [v for v in ALL_VIEWS if v[0] == "family"]
SIGN_IN_PAGES = {"sign_in", "enter_code"}


def test_the_family_urls_are_in_the_urlconf():
    assert {v[1] for v in FAMILY_VIEWS} >= {"cases", "case", "send_views", "feedback"}


@pytest.mark.parametrize("view", FAMILY_VIEWS, ids=[v[1] for v in FAMILY_VIEWS])
def test_every_family_view_declares_its_rule(view):
    rule = access_rule_of(view[3])
    assert rule is not None
    assert rule.kind == ("public" if view[1] in SIGN_IN_PAGES else "family")


GUARDED = [v for v in FAMILY_VIEWS if v[1] not in SIGN_IN_PAGES]


@pytest.mark.parametrize("view", GUARDED, ids=[v[1] for v in GUARDED])
def test_visitors_who_have_not_signed_in_are_sent_to_sign_in(db, view):
    response = Client().get(_fill(view[2]))
    assert response.status_code == 302
    assert response["Location"] == reverse("family:sign_in")


@pytest.mark.parametrize("role", [Role.SERVICE_MANAGER, Role.LA_OFFICER])
def test_a_staff_sign_in_is_not_a_family_sign_in(world, client_for, family_case, role):
    response = client_for(role).get(reverse("family:case", args=[family_case.reference]))
    assert response["Location"] == reverse("family:sign_in")


def test_the_selector_scopes_by_the_proved_addresses(world):
    mine = make_case(world, email=PARENT_EMAIL)
    theirs = make_case(world, email="someone.else@example.com")
    other_provider = make_case(world, email=PARENT_EMAIL, provider=world.stranger_provider)
    identity = FamilyIdentity(emails=frozenset({PARENT_EMAIL}))
    found = set(selectors.cases_for_family(identity))
    # A family is one person across providers: they see their case wherever it is.
    assert found == {mine, other_provider}
    assert theirs not in found
    assert list(selectors.cases_for_family(FamilyIdentity())) == []


def test_an_officer_with_the_same_email_as_a_party_gains_nothing(world):
    case = make_case(world)
    identity = FamilyIdentity(emails=frozenset({"sam@kent.example.gov.uk"}))
    assert case not in selectors.cases_for_family(identity)


def test_another_familys_case_is_404_on_every_page(world, family_case):
    other = make_case(world, email="other.family@example.com")
    client = Client()
    sign_in(client)
    for name, extra in [
        ("case", []),
        ("send_views", []),
        ("feedback", []),
        ("certificate", [1]),
        ("agreement", [1]),
        ("meeting_calendar", [1]),
        ("view_file", [1]),
        ("certificate_page", [1]),
        ("agreement_page", [1]),
        ("add_document", []),
        ("document_file", [1]),
    ]:
        url = reverse(f"family:{name}", args=[other.reference, *extra])
        assert client.get(url).status_code == 404, name
    assert client.get(reverse("family:case", args=["NO-SUCH-1"])).status_code == 404
    cases_page = client.get(reverse("family:cases")).content.decode()
    assert family_case.reference in cases_page and other.reference not in cases_page


def test_a_case_closed_long_ago_is_no_longer_shown(world, family_case):
    client = Client()
    sign_in(client)
    family_case.state, family_case.closed_on = "closed", timezone.localdate() - timedelta(181)
    family_case.save()
    assert client.get(reverse("family:case", args=[family_case.reference])).status_code == 404


def test_confidential_things_never_reach_the_family(world, family_case):
    family_case.safeguarding_concern = True
    family_case.safeguarding_notes = "SAFEGUARDING-SECRET"
    family_case.risk_notes = "RISK-SECRET"
    family_case.summary = "SUMMARY-FOR-STAFF"
    family_case.save()
    add_note(family_case, "NOTE-SECRET", by=world.user(Role.MEDIATOR))
    record_event(family_case, EventKind.PREPARATORY_MEETING_BOOKED, "OFFICER-ONLY-EVENT", by=None)
    record_event(family_case, EventKind.MESSAGE_SENT, "STAFF-ONLY-EVENT", by=None)
    # A row stored for the family by mistake: its kind's declaration still keeps it from them.
    TimelineEvent.objects.create(
        case=family_case,
        kind=EventKind.CONFIDENTIAL_NOTE,
        summary="NOTE-KIND-EVENT",
        visible_to_family=True,
    )
    record_event(family_case, EventKind.MIAS_BOOKED, "FOR-THE-FAMILY", by=None)
    client = Client()
    sign_in(client)
    html = client.get(reverse("family:case", args=[family_case.reference])).content.decode()
    assert "FOR-THE-FAMILY" in html
    for secret in (
        "SAFEGUARDING-SECRET",
        "RISK-SECRET",
        "NOTE-SECRET",
        "OFFICER-ONLY-EVENT",
        "STAFF-ONLY-EVENT",
        "NOTE-KIND-EVENT",
        "SUMMARY-FOR-STAFF",
        "Confidential note",
        "Safeguarding",
    ):
        assert secret not in html, secret


def test_each_visit_is_recorded_without_a_staff_user(family_case):
    client = Client()
    sign_in(client)
    client.get(reverse("family:case", args=[family_case.reference]))
    access = family_case.accesses.get()
    assert access.user is None and access.what == "family viewed case"
