"""Every page that shows case data records a read (accord.cases.audit): the pages that did not
before, a search that lists children's names, and online requests that are not cases yet."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accord.cases.choices import AccessKind
from accord.cases.models import CaseAccess
from accord.documents import services as document_services
from accord.meetings.models import Meeting
from accord.notifications.services import queue_email
from accord.organisations.roles import Role
from accord.portal.models import OnlineRequest
from tests.documents.conftest import make_case
from tests.factories import CaseFactory, PartyFactory


def _last(**filters) -> CaseAccess:
    access = CaseAccess.objects.filter(**filters).order_by("-id").first()
    assert access is not None, f"no access recorded for {filters}"
    return access


@pytest.fixture
def coordinator(world):
    return world.user(Role.COORDINATOR)


def test_the_agreement_page_records_a_read(world, client_for):
    case = make_case(world, "follow_up")
    agreement = document_services.start_agreement(case, by=world.user(Role.MEDIATOR))
    url = reverse("documents:agreement", args=[case.reference, agreement.pk])
    assert client_for(Role.MEDIATOR).get(url).status_code == 200
    access = _last(case=case, user=world.user(Role.MEDIATOR))
    assert access.what == f"viewed agreement {agreement.pk}"
    assert access.provider == world.provider


def test_the_certificate_preview_records_a_read(world, client_for, coordinator):
    case = make_case(world, "declined")
    url = reverse("documents:issue_certificate", args=[case.reference, "information_given"])
    client_for(Role.COORDINATOR).get(url)
    assert _last(case=case, user=coordinator).what == "previewed certificate (information_given)"


def test_the_edit_person_form_records_a_read(world, client_for, coordinator):
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    party = PartyFactory(case=case)
    url = reverse("cases:edit_party", args=[case.reference, party.pk])
    assert client_for(Role.COORDINATOR).get(url).status_code == 200
    access = _last(case=case, user=coordinator)
    assert (access.kind, access.what) == (
        AccessKind.FORM,
        f"opened the details of person {party.pk}",
    )


def test_the_attendees_form_records_a_read(world, client_for, coordinator):
    case = make_case(world, "follow_up")
    meeting = Meeting.objects.filter(case=case).first()
    url = reverse("meetings:attendees", args=[case.reference, meeting.pk])
    assert client_for(Role.COORDINATOR).get(url).status_code == 200
    assert _last(case=case, user=coordinator).what == f"opened attendees of meeting {meeting.pk}"


def test_an_outbox_message_records_a_read_of_its_case(world, client_for, coordinator):
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    message = queue_email(
        case=case,
        to="parent@example.org",
        subject="Your case",
        body="Body",
        idempotency_key="read-test",
        by=coordinator,
    )
    url = reverse("notifications:message", args=[message.pk])
    assert client_for(Role.COORDINATOR).get(url).status_code == 200
    assert _last(case=case, user=coordinator).what == f"viewed message {message.pk}"


def test_an_online_request_records_a_read_though_it_is_not_a_case(world, client_for, coordinator):
    online = OnlineRequest.objects.create(
        provider=world.provider,
        local_authority=world.la,
        reference="OR-TEST1",
        child_first_name="Ada",
        child_last_name="Lovelace",
        child_date_of_birth="2015-01-01",
        decision_kind="refuse_to_assess",
        summary="They refused to assess.",
        requester_role="parent_carer",
        requester_name="Pat Parent",
        email="pat@example.org",
        preferred_contact="email",
        consent_to_share_with_la=True,
    )
    url = reverse("portal:inbox_request", args=[online.reference])
    assert client_for(Role.COORDINATOR).get(url).status_code == 200
    access = _last(subject=online.reference)
    assert (access.case, access.user, access.provider) == (None, coordinator, world.provider)


def test_a_caseload_search_is_recorded_without_the_words_searched(world, client_for, coordinator):
    CaseFactory(provider=world.provider, local_authority=world.la)
    client_for(Role.COORDINATOR).get(reverse("cases:caseload"), {"q": "Secretname"})
    access = _last(kind=AccessKind.SEARCH)
    assert access.user == coordinator
    assert "Secretname" not in access.what


def test_the_plain_caseload_is_not_a_search(world, client_for):
    client_for(Role.COORDINATOR).get(reverse("cases:caseload"))
    assert not CaseAccess.objects.filter(kind=AccessKind.SEARCH).exists()
