"""The intake inbox: staff of the provider that serves the council see new online requests,
oldest first, with the reg 33 window, and accept them into a case or reject them with a reason.
Nothing of another provider is ever visible."""

from __future__ import annotations

import html
from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accord import rules
from accord.cases.models import Case, TimelineEvent
from accord.notifications.models import OutboxMessage
from accord.organisations.roles import Role
from accord.portal.inbox import contact_window
from accord.portal.models import OnlineRequest, RequestStatus
from accord.portal.services import RequestError, accept_request, reject_request
from tests.factories import CaseFactory, ChildFactory
from tests.markup import parse
from tests.portal.factories import OnlineRequestFactory

INBOX = reverse("portal:inbox")


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _detail(item: OnlineRequest) -> str:
    return reverse("portal:inbox_request", args=[item.reference])


@pytest.fixture
def ours(world):
    return OnlineRequestFactory(provider=world.provider, local_authority=world.la)


@pytest.fixture
def theirs(world):
    return OnlineRequestFactory(provider=world.stranger_provider, local_authority=world.la)


def _received(item: OnlineRequest, days_ago: int) -> None:
    OnlineRequest.objects.filter(pk=item.pk).update(
        submitted_at=timezone.now() - timedelta(days=days_ago)
    )


@pytest.mark.django_db
def test_staff_see_their_new_requests_oldest_first(world, client_for, theirs):
    newer = OnlineRequestFactory(provider=world.provider, local_authority=world.la)
    older = OnlineRequestFactory(provider=world.provider, local_authority=world.other_la)
    _received(newer, 1)
    _received(older, 5)
    OnlineRequestFactory(provider=world.provider, local_authority=world.la, status="accepted")
    OnlineRequestFactory(
        provider=world.provider, local_authority=world.la, status="rejected", reject_reason="x"
    )
    for role in (Role.SERVICE_MANAGER, Role.COORDINATOR, Role.ADVISER):
        page = _text(client_for(role).get(INBOX))
        assert page.index(older.reference) < page.index(newer.reference)
        assert theirs.reference not in page
        assert "2 new requests" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", [Role.MEDIATOR, Role.LA_OFFICER, Role.ICB_OFFICER, Role.COMMISSIONER]
)
def test_other_roles_may_not_use_the_inbox(client_for, ours, role):
    assert client_for(role).get(INBOX).status_code == 403
    assert client_for(role).get(_detail(ours)).status_code == 403


@pytest.mark.django_db
def test_the_family_and_the_public_are_sent_to_sign_in(ours):
    assert Client().get(INBOX)["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_another_providers_request_is_not_found(world, client_for, theirs):
    client = client_for(Role.COORDINATOR)
    assert client.get(_detail(theirs)).status_code == 404
    assert client.post(reverse("portal:inbox_accept", args=[theirs.reference])).status_code == 404
    assert (
        client.post(
            reverse("portal:inbox_reject", args=[theirs.reference]), {"reason": "No"}
        ).status_code
        == 404
    )
    theirs.refresh_from_db()
    assert theirs.status == RequestStatus.NEW


@pytest.mark.django_db
def test_staff_see_the_inbox_in_the_navigation(client_for):
    def menu(role: Role, url: str) -> dict[str, str]:
        page = parse(client_for(role).get(url).content)
        return {a.text: a.get("href") for a in page.by_id("navigation").find_all("a")}

    assert menu(Role.COORDINATOR, INBOX)["Online requests"] == INBOX
    assert "Online requests" not in menu(Role.MEDIATOR, "/cases/")


TODAY = date(2026, 11, 26)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("decision_kind", "letter", "label", "due"),
    [
        # SEND Regs reg 33: 2 months from the decision letter.
        ("refuse_to_assess", date(2026, 10, 20), "Open", date(2026, 12, 20)),
        ("refuse_to_assess", date(2026, 9, 30), "Close", date(2026, 11, 30)),
        ("cease_to_maintain", date(2026, 9, 1), "Passed", date(2026, 11, 1)),
        ("refuse_to_assess", None, "No letter date: ask the family", None),
        # No certificate is needed: the 2-month window does not apply.
        ("non_ehc_disagreement", date(2026, 9, 1), "Does not apply", None),
        ("disability_discrimination", date(2026, 9, 1), "Does not apply", None),
    ],
)
def test_the_contact_window_comes_from_the_rules(world, decision_kind, letter, label, due):
    item = OnlineRequestFactory.build(decision_kind=decision_kind, decision_letter_date=letter)
    window = contact_window(item, TODAY)
    assert (window.label, window.due) == (label, due)
    if letter and due:
        assert due == rules.adviser_contact_deadline(letter)


@pytest.mark.django_db
def test_the_list_flags_a_window_that_has_passed(world, client_for):
    OnlineRequestFactory(
        provider=world.provider, local_authority=world.la, decision_letter_date=date(2025, 1, 6)
    )
    page = _text(client_for(Role.COORDINATOR).get(INBOX))
    assert "6 Mar 2025" in page
    assert '<strong class="govuk-tag accord-tag--overdue">Passed</strong>' in page


@pytest.mark.django_db
def test_accepting_creates_an_online_enquiry_and_files_the_request(world, client_for, ours):
    client = client_for(Role.COORDINATOR)
    page = _text(client.get(_detail(ours)))
    assert "We found no case for a child or young person" in page
    response = client.post(reverse("portal:inbox_accept", args=[ours.reference]))
    case = Case.objects.get(provider=world.provider)
    assert response["Location"] == case.get_absolute_url()
    assert case.channel == "online"
    assert case.local_authority == world.la
    assert case.decision_kind == "refuse_to_assess"
    assert case.decision_notice_sent_on == date(2026, 10, 1)
    assert case.received_on == timezone.localdate(ours.submitted_at)
    assert (case.child.first_name, case.child.last_name) == ("Robin", ours.child_last_name)
    enquirer = case.parties.get(is_enquirer=True)
    assert (enquirer.name, enquirer.email, enquirer.role) == (
        ours.requester_name,
        ours.email,
        "parent_carer",
    )
    event = TimelineEvent.objects.get(case=case, kind="online_request")
    assert event.changes["online_request"] == ours.reference
    ours.refresh_from_db()
    assert ours.status == RequestStatus.ACCEPTED and ours.case == case
    assert ours.decided_by == world.user(Role.COORDINATOR)
    # It leaves the list, but is kept and can still be opened.
    assert f'href="{_detail(ours)}"' not in _text(client.get(INBOX))
    kept = _text(client.get(_detail(ours)))
    assert "Accepted" in kept and case.reference in kept and "Accept and create" not in kept


@pytest.mark.django_db
def test_possible_duplicates_are_shown_and_must_be_confirmed(world, client_for, ours):
    child = ChildFactory(
        provider=world.provider,
        first_name="Robin",
        last_name=ours.child_last_name,
        date_of_birth=ours.child_date_of_birth,
    )
    existing = CaseFactory(provider=world.provider, child=child, local_authority=world.la)
    client = client_for(Role.COORDINATOR)
    page = _text(client.get(_detail(ours)))
    assert "We may already have a case for this child or young person" in page
    assert existing.reference in page
    refused = client.post(reverse("portal:inbox_accept", args=[ours.reference]))
    assert refused.status_code == 400
    assert "Check the possible matches, then confirm this is a new case" in _text(refused)
    assert Case.objects.filter(provider=world.provider).count() == 1
    accepted = client.post(
        reverse("portal:inbox_accept", args=[ours.reference]), {"confirm_not_duplicate": "on"}
    )
    assert accepted.status_code == 302
    assert Case.objects.filter(provider=world.provider).count() == 2


@pytest.mark.django_db
def test_another_providers_cases_are_not_offered_as_duplicates(world, client_for, ours):
    child = ChildFactory(
        provider=world.stranger_provider, first_name="Robin", last_name=ours.child_last_name
    )
    CaseFactory(provider=world.stranger_provider, child=child, local_authority=world.la)
    page = _text(client_for(Role.COORDINATOR).get(_detail(ours)))
    assert "We found no case for a child or young person" in page


@pytest.mark.django_db
def test_a_request_is_decided_once(world, ours):
    coordinator = world.user(Role.COORDINATOR)
    accept_request(ours, by=coordinator)
    with pytest.raises(RequestError, match="already been accepted"):
        accept_request(ours, by=coordinator)
    with pytest.raises(RequestError, match="already been accepted"):
        reject_request(ours, "Not for us", by=coordinator)
    assert Case.objects.count() == 1


@pytest.mark.django_db
def test_rejecting_records_the_reason_and_tells_the_family_politely(
    world, client_for, ours, deliver_outbox
):
    client = client_for(Role.ADVISER)
    form = _text(client.get(reverse("portal:inbox_reject", args=[ours.reference])))
    assert "Do not use the child's or young person's name" in form
    empty = client.post(reverse("portal:inbox_reject", args=[ours.reference]), {"reason": ""})
    assert empty.status_code == 400
    assert "Enter the reason. The family will be told it." in _text(empty)

    reason = "We do not work with this council. Its letter names the service that does."
    response = client.post(
        reverse("portal:inbox_reject", args=[ours.reference]), {"reason": reason}
    )
    assert response["Location"] == INBOX
    ours.refresh_from_db()
    assert ours.status == RequestStatus.REJECTED and ours.reject_reason == reason
    assert ours.decided_by == world.user(Role.ADVISER)
    deliver_outbox()
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [ours.email]
    assert ours.reference in email.subject
    assert reason in email.body
    assert "We are sorry" in email.body and "Where else you can get help" in email.body
    assert "SENDIASS" in email.body and "ipsea.org.uk" in email.body
    assert "Robin" not in email.body and ours.child_last_name not in email.body
    assert f'href="{_detail(ours)}"' not in _text(client.get(INBOX))
    assert reason in _text(client.get(_detail(ours)))


@pytest.mark.django_db
def test_a_reason_that_names_the_child_is_refused(world, client_for, ours):
    response = client_for(Role.COORDINATOR).post(
        reverse("portal:inbox_reject", args=[ours.reference]),
        {"reason": "robin is not in our area"},
    )
    assert response.status_code == 400
    assert "Do not use the child's or young person's name in the reason" in _text(response)
    ours.refresh_from_db()
    assert ours.status == RequestStatus.NEW
    assert mail.outbox == []
    assert not OutboxMessage.objects.exists()  # nothing queued either


@pytest.mark.django_db
def test_the_whole_way_from_the_form_to_a_case(world, client_for, fill_request):
    fill_request().post(reverse("portal:request_check"))
    sent = OnlineRequest.objects.get()
    client = client_for(Role.COORDINATOR)
    assert sent.reference in _text(client.get(INBOX))
    client.post(reverse("portal:inbox_accept", args=[sent.reference]))
    case = Case.objects.get()
    assert case.channel == "online" and case.local_authority == world.other_la
    assert case.parties.get(is_enquirer=True).interpreter_language == "Polish"


@pytest.mark.django_db
def test_the_demo_fills_the_inbox_once(world, client_for):
    from accord.demo.portal import extend_demo

    users = {role: world.user(role) for role in Role}
    extend_demo(world.provider, users, rules.today_in_england())
    extend_demo(world.provider, users, rules.today_in_england())
    assert OnlineRequest.objects.filter(provider=world.provider).count() == 3
    page = _text(client_for(Role.COORDINATOR).get(INBOX))
    assert "3 new requests" in page
