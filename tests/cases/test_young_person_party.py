"""The young person as the party (Children and Families Act 2014 s.83): from the date
`accord.rules` says the child becomes a young person (the end of compulsory school age),
messages and documents go to them, and a parent's access to the family pages continues only
with the young person's recorded consent or where they lack capacity for the decision and that
parent acts for them (s.80; Mental Capacity Act 2005). Capacity is recorded for a decision,
with who acts for them, the evidence and a review date; the child's views are shared only as
they agreed."""

from __future__ import annotations

import html
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accord import rules
from accord.cases import services
from accord.cases.capacity import CapacityAssessment
from accord.cases.models import ChildView
from accord.cases.services import Capacity, CaseError
from accord.cases.young_person import family_recipients, without_parents_left_out
from accord.documents.sending import recipients as agreement_recipients
from accord.family.identity import FamilyIdentity
from accord.family.selectors import cases_for_family
from accord.organisations.roles import Role
from accord.rules import today_in_england
from tests.factories import CaseFactory, ChildFactory, PartyFactory
from tests.family.conftest import sign_in

pytestmark = pytest.mark.django_db

PARENT = "parent@example.com"
YOUNG_PERSON = "yp@example.com"
# Born 1 January 2008: over compulsory school age from the day after the last Friday of June
# 2024 (Education Act 1996 s.8; accord.rules.people).
YOUNG = date(2008, 1, 1)
CHILD = date(2015, 1, 1)


def _case(world, born: date, *, with_young_person: bool = True):
    case = CaseFactory(
        provider=world.provider,
        local_authority=world.la,
        received_on=date(2026, 3, 2),
        child=ChildFactory(provider=world.provider, date_of_birth=born),
    )
    parent = PartyFactory(case=case, role="parent_carer", name="Jo Parent", email=PARENT)
    young = (
        PartyFactory(case=case, role="young_person", name="Sam", email=YOUNG_PERSON)
        if with_young_person
        else None
    )
    PartyFactory(case=case, role="la_officer", name="Pat Officer", email="pat@council.example")
    return case, parent, young


def _sees(case, email: str) -> bool:
    return case in cases_for_family(FamilyIdentity(emails=frozenset({email})))


def test_the_rules_say_when_the_child_becomes_a_young_person():
    assert rules.becomes_young_person_on(YOUNG) == date(2024, 6, 29)
    assert rules.is_young_person(YOUNG, today_in_england())
    assert not rules.is_young_person(CHILD, today_in_england())


def test_before_then_the_parents_are_the_family(world):
    case, parent, young = _case(world, CHILD)
    assert family_recipients(case) == [parent, young]
    assert _sees(case, PARENT)


def test_from_then_messages_and_documents_go_to_the_young_person(world):
    case, parent, young = _case(world, YOUNG)
    assert family_recipients(case) == [young]
    # An agreement goes to every party with an email address, less the parent left out.
    to = agreement_recipients(without_parents_left_out(case, case.parties.order_by("pk")))
    assert parent not in to and young in to and len(to) == 2
    assert _sees(case, YOUNG_PERSON) and not _sees(case, PARENT)


def test_a_parent_takes_part_with_the_young_persons_consent_until_withdrawn(world):
    case, parent, young = _case(world, YOUNG)
    staff = world.user(Role.COORDINATOR)
    services.record_young_person_consent(parent, consents=True, on=date(2026, 4, 1), by=staff)
    assert family_recipients(case) == [parent, young]
    assert _sees(case, PARENT)
    assert case.timeline.filter(kind="young_person_consent", visible_to_family=True).exists()
    services.record_young_person_consent(parent, consents=False, on=None, by=staff)
    assert not _sees(case, PARENT)


def test_a_consent_needs_a_date_not_in_the_future(world):
    _, parent, _ = _case(world, YOUNG)
    staff = world.user(Role.COORDINATOR)
    for on, field in (
        (None, "consented_on"),
        (today_in_england() + timedelta(days=1), "consented_on"),
    ):
        with pytest.raises(CaseError) as refused:
            services.record_young_person_consent(parent, consents=True, on=on, by=staff)
        assert refused.value.field == field


def _capacity(parent, **overrides) -> Capacity:
    values = {
        "decision": "Whether to agree the outcome of mediation",
        "assessed_on": date(2026, 4, 1),
        "assessed_by": "Dr A Psychologist",
        "outcome": "lacks_capacity",
        "evidence": "Assessment report of 1 April 2026",
        "review_on": date(2026, 10, 1),
        "acts_for_them": parent,
        "acts_as": "parent",
    }
    values.update(overrides)
    return Capacity(**values)


def test_a_parent_acting_for_a_young_person_who_lacks_capacity_takes_part(world):
    case, parent, young = _case(world, YOUNG)
    staff = world.user(Role.COORDINATOR)
    services.record_capacity(case, _capacity(parent), by=staff)
    assert family_recipients(case) == [parent, young]
    assert _sees(case, PARENT)
    # A later assessment finds capacity for the decision: the parent no longer acts for them.
    services.record_capacity(
        case,
        _capacity(
            None,
            assessed_on=date(2026, 5, 1),
            outcome="has_capacity",
            acts_as="",
            review_on=date(2026, 11, 1),
        ),
        by=staff,
    )
    assert CapacityAssessment.objects.filter(case=case).count() == 2
    assert family_recipients(case) == [young]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"review_on": date(2026, 4, 1)}, "review_on"),  # not after the assessment
        ({"review_on": date(2027, 6, 1)}, "review_on"),  # more than a year on
        ({"assessed_on": date(2100, 1, 1), "review_on": date(2100, 6, 1)}, "assessed_on"),
        ({"acts_for_them": None}, "acts_for_them"),  # lacks capacity: who acts?
        ({"outcome": "has_capacity"}, "acts_for_them"),  # has capacity: nobody acts for them
        ({"evidence": " "}, "evidence"),
        ({"decision": ""}, "decision"),
    ],
)
def test_a_capacity_assessment_is_checked(world, overrides, field):
    case, parent, _ = _case(world, YOUNG)
    with pytest.raises(CaseError) as refused:
        services.record_capacity(case, _capacity(parent, **overrides), by=world.user(Role.ADVISER))
    assert refused.value.field == field
    assert not CapacityAssessment.objects.exists()


def test_the_person_acting_must_be_a_parent_or_representative_of_this_case(world):
    case, _, young = _case(world, YOUNG)
    with pytest.raises(CaseError, match="parent or representative"):
        services.record_capacity(case, _capacity(young), by=world.user(Role.ADVISER))


def test_without_the_young_person_on_the_case_the_parents_stay_the_family(world, client_for):
    case, parent, _ = _case(world, YOUNG, with_young_person=False)
    assert family_recipients(case) == [parent]
    page = html.unescape(client_for(Role.COORDINATOR).get(case.get_absolute_url()).content.decode())
    assert "Add the young person to the case" in page


def test_staff_record_capacity_and_see_a_warning_when_its_review_is_past(world, client_for):
    case, parent, _ = _case(world, YOUNG)
    case.la_notified_on = date(2026, 3, 5)  # the LA is a party: its officer sees the case
    case.save()
    client = client_for(Role.COORDINATOR)
    url = reverse("cases:capacity", args=[case.reference])
    bad = client.post(url, {"decision": "", "outcome": "lacks_capacity"})
    assert bad.status_code == 400 and 'href="#id_decision"' in bad.content.decode()
    past = today_in_england() - timedelta(days=10)
    response = client.post(
        url,
        {
            "decision": "Whether to take part in mediation",
            "assessed_on": (past - timedelta(days=60)).isoformat(),
            "assessed_by": "Dr A",
            "outcome": "lacks_capacity",
            "acts_for_them": parent.pk,
            "acts_as": "parent",
            "evidence": "EVIDENCE-TEXT",
            "review_on": past.isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = html.unescape(client.get(case.get_absolute_url()).content.decode())
    assert "was due for review" in page and "EVIDENCE-TEXT" in page
    assert "Jo Parent acts for them as their parent" in page
    # Officers never see capacity or its evidence.
    officer_page = client_for(Role.LA_OFFICER).get(case.get_absolute_url())
    assert officer_page.status_code == 200
    assert "EVIDENCE-TEXT" not in officer_page.content.decode()


def test_the_parent_page_signs_in_but_shows_no_case_without_consent(world):
    case, parent, _ = _case(world, YOUNG)
    client = Client()
    sign_in(client, YOUNG_PERSON)
    assert client.get(reverse("family:case", args=[case.reference])).status_code == 200
    services.record_young_person_consent(
        parent, consents=True, on=date(2026, 4, 1), by=world.user(Role.COORDINATOR)
    )
    parent_client = Client()
    sign_in(parent_client, PARENT)
    assert parent_client.get(reverse("family:case", args=[case.reference])).status_code == 200


# --- how the child's views are shared -----------------------------------------------------


def test_views_shared_beyond_the_team_need_who_agreed_and_when(world):
    case, _, _ = _case(world, CHILD)
    with pytest.raises(CaseError) as refused:
        services.add_child_view(
            case,
            "form",
            "I want to stay at my school",
            sharing=services.Sharing("everyone"),
            by=None,
        )
    assert refused.value.field == "sharing_agreed_by"
    view = services.add_child_view(
        case,
        "form",
        "I want to stay at my school",
        sharing=services.Sharing("everyone", "The child, with their mother", date(2026, 4, 1)),
        by=None,
    )
    assert (view.shared_with, view.sharing_agreed_on) == ("everyone", date(2026, 4, 1))


def test_officers_see_only_the_views_the_child_agreed_everyone_may_see(world, client_for):
    case, _, _ = _case(world, CHILD)
    case.la_notified_on = date(2026, 3, 5)
    case.save()
    services.add_child_view(case, "form", "TEAM-ONLY-WORDS", by=None)
    services.add_child_view(
        case,
        "form",
        "FOR-EVERYONE-WORDS",
        sharing=services.Sharing("everyone", "The child", date(2026, 4, 1)),
        by=None,
    )
    officer = client_for(Role.LA_OFFICER).get(case.get_absolute_url())
    assert officer.status_code == 200
    page = officer.content.decode()
    assert "FOR-EVERYONE-WORDS" in page and "TEAM-ONLY-WORDS" not in page
    staff_page = html.unescape(
        client_for(Role.COORDINATOR).get(case.get_absolute_url()).content.decode()
    )
    assert (
        "TEAM-ONLY-WORDS" in staff_page
        and "Seen by: the mediator and the service only" in staff_page
    )


def test_staff_record_who_may_see_a_drawing(world, client_for):
    case, _, _ = _case(world, CHILD)
    url = reverse("cases:add_child_view", args=[case.reference])
    drawing = SimpleUploadedFile(
        "drawing.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64, content_type="image/png"
    )
    response = client_for(Role.COORDINATOR).post(
        url,
        {
            "kind": "drawing",
            "text": "",
            "upload": drawing,
            "shared_with": "family",
            "sharing_agreed_by": "",
        },
    )
    assert (
        response.status_code == 400 and 'href="#id_sharing_agreed_by"' in response.content.decode()
    )
    assert not ChildView.objects.exists()


def test_the_case_page_says_which_parents_still_take_part(world, client_for):
    case, parent, _ = _case(world, YOUNG)
    client = client_for(Role.COORDINATOR)
    page = html.unescape(client.get(case.get_absolute_url()).content.decode())
    assert "Does not take part" in page
    assert reverse("cases:young_person_consent", args=[case.reference, parent.pk]) in page
    response = client.post(
        reverse("cases:young_person_consent", args=[case.reference, parent.pk]),
        {"consents": "yes", "consented_on": "2026-04-01"},
    )
    assert response.status_code == 302
    page = html.unescape(client.get(case.get_absolute_url()).content.decode())
    assert "Takes part with the young person's agreement (1 Apr 2026)" in page
