"""The online request: question pages, check your answers, confirmation, the email, and the
protections against spam. A family needs no account."""

from __future__ import annotations

import html
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accord.notifications.models import OutboxMessage
from accord.portal.models import OnlineRequest, RequestStatus
from accord.portal.services import REFERENCE_ALPHABET
from tests.portal.conftest import date_fields

CHECK = reverse("portal:request_check")
SENT = reverse("portal:request_sent")


def _question(slug: str) -> str:
    return reverse("portal:request_question", args=[slug])


def _text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.django_db
def test_a_family_sends_a_request_without_an_account(world, fill_request):
    client = fill_request()
    check = _text(client.get(CHECK))
    assert "Check your answers before sending your request" in check
    for shown in (
        "Sam Carer",
        "Alex Example",
        "14 March 2016",
        "Hillside Primary",
        "Medway Council",
        "The council said no to an EHC needs assessment",
        "1 October 2026",
        "sam@example.com",
        "Polish",
        "Step-free access",
    ):
        assert shown in check
    assert "Service" not in re.findall(r'summary-list__key">([^<]*)<', check)  # one service

    response = client.post(CHECK)
    assert response["Location"] == SENT
    sent = OnlineRequest.objects.get()
    assert re.fullmatch(rf"REQ-[{REFERENCE_ALPHABET}]{{6}}", sent.reference)
    assert sent.provider == world.provider
    assert sent.local_authority == world.other_la
    assert sent.status == RequestStatus.NEW
    assert (sent.child_first_name, sent.child_last_name) == ("Alex", "Example")
    assert str(sent.child_date_of_birth) == "2016-03-14"
    assert str(sent.decision_letter_date) == "2026-10-01"
    assert sent.consent_to_share_with_la is True
    assert sent.interpreter_language == "Polish"

    confirmation = _text(client.get(SENT))
    assert sent.reference in confirmation and "Request sent" in confirmation
    assert "What happens next" in confirmation
    # The answers are gone: sending again cannot make a second request.
    assert client.post(CHECK)["Location"] == _question("who")
    assert OnlineRequest.objects.count() == 1


@pytest.mark.django_db
def test_the_confirmation_email_has_the_reference_and_never_the_childs_details(
    world, fill_request, deliver_outbox
):
    fill_request().post(CHECK)
    sent = OnlineRequest.objects.get()
    deliver_outbox()
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["sam@example.com"]
    assert sent.reference in email.subject and sent.reference in email.body
    assert "What happens next" in email.body
    for private in ("Alex", "Example", "2016", "Hillside", "assess for an EHC plan"):
        assert private not in email.subject + email.body


@pytest.mark.django_db
def test_no_email_is_sent_to_a_family_that_gave_only_a_phone_number(fill_request):
    client = fill_request(
        contact={"email": "", "phone": "07700 900 982", "preferred_contact": "phone"}
    )
    client.post(CHECK)
    assert OnlineRequest.objects.get().phone == "07700 900 982"
    assert mail.outbox == []
    assert not OutboxMessage.objects.exists()  # nothing queued either


@pytest.mark.django_db
def test_where_several_services_work_for_the_council_the_family_chooses(world, fill_request):
    client = fill_request(
        council={"local_authority": world.la.pk}, service={"provider": world.stranger_provider.pk}
    )
    rows = _text(client.get(CHECK))
    assert world.stranger_provider.name in rows
    client.post(CHECK)
    assert OnlineRequest.objects.get().provider == world.stranger_provider


@pytest.mark.django_db
def test_the_service_question_is_only_asked_when_there_is_a_choice(world):
    client = Client()
    client.post(_question("who"), {"requester_role": "young_person"})
    client.post(_question("your-name"), {"requester_name": "Jo"})
    client.post(
        _question("child"),
        {
            "child_first_name": "Jo",
            "child_last_name": "Person",
            **date_fields("child_date_of_birth", 1, 2, 2008),
        },
    )
    one = client.post(_question("council"), {"local_authority": world.other_la.pk})
    assert one["Location"] == _question("decision")
    several = client.post(_question("council"), {"local_authority": world.la.pk})
    assert several["Location"] == _question("service")
    page = _text(client.get(_question("service")))
    assert world.provider.name in page and world.stranger_provider.name in page


@pytest.mark.django_db
def test_changing_the_council_asks_for_the_service_again(world, fill_request):
    client = fill_request(council={"local_authority": world.la.pk})
    response = client.post(
        _question("council") + "?change=1", {"local_authority": world.other_la.pk}
    )
    assert response["Location"] == CHECK  # Medway has one service: nothing more to ask
    assert "provider" not in client.session["portal_request"]
    response = client.post(_question("council") + "?change=1", {"local_authority": world.la.pk})
    assert response["Location"] == _question("service") + "?change=1"


@pytest.mark.django_db
def test_every_answer_has_a_change_link_that_returns_to_the_check_page(fill_request):
    client = fill_request()
    page = _text(client.get(CHECK))
    for slug in (
        "who",
        "your-name",
        "child",
        "council",
        "decision",
        "decision-date",
        "about",
        "contact",
        "access-needs",
        "consent",
    ):
        assert f'href="{_question(slug)}?change=1"' in page
    assert f'href="{CHECK}" class="govuk-back-link"' in _text(
        client.get(_question("about") + "?change=1")
    )
    response = client.post(_question("your-name") + "?change=1", {"requester_name": "Sam Other"})
    assert response["Location"] == CHECK
    assert "Sam Other" in _text(client.get(CHECK))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("slug", "data", "messages", "kept"),
    [
        ("who", {}, ["Select who is asking for help"], []),
        (
            "child",
            {
                "child_first_name": "Alex",
                "child_last_name": "",
                **date_fields("child_date_of_birth", 31, 2, 2016),
                "child_setting": "Hillside",
            },
            ["Enter their last name", "Date of birth must be a real date"],
            ['value="Alex"', 'value="31"', 'value="Hillside"'],
        ),
        (
            "contact",
            {"email": "not-an-email", "phone": "", "preferred_contact": "email"},
            ["Enter an email address in the correct format, like name@example.com"],
            ['value="not-an-email"'],
        ),
        (
            "contact",
            {"email": "", "phone": "", "preferred_contact": "email"},
            ["Enter an email address or a phone number"],
            [],
        ),
        (
            "contact",
            {"email": "sam@example.com", "phone": "", "preferred_contact": "text"},
            ["Enter a phone number, or choose another way to contact you"],
            ['value="sam@example.com"'],
        ),
        (
            "contact",
            {"email": "", "phone": "12ab", "preferred_contact": "phone"},
            ["Enter a phone number, like 01632 960 001 or 07700 900 982"],
            ['value="12ab"'],
        ),
        (
            "about",
            {"summary": "x" * 3001},
            ["What the disagreement is about must be 3000 characters or fewer"],
            ["x" * 3001],
        ),
        ("consent", {}, ["Select yes if we can share your request with the council"], []),
    ],
)
def test_a_wrong_answer_is_explained_and_nothing_typed_is_lost(slug, data, messages, kept):
    response = Client().post(_question(slug), data)
    assert response.status_code == 400
    page = _text(response)
    assert 'class="govuk-error-summary"' in page
    for message in messages:
        assert message in page
    for value in kept:
        assert value in page


@pytest.mark.django_db
def test_the_check_page_sends_people_to_the_first_question_they_missed(fill_request):
    client = Client()
    assert client.get(CHECK)["Location"] == _question("who")
    client.post(_question("who"), {"requester_role": "parent_carer"})
    assert client.get(CHECK)["Location"] == _question("your-name")
    assert client.get(SENT)["Location"] == reverse("portal:request_start")


@pytest.mark.django_db
def test_a_filled_in_honeypot_sends_nothing(fill_request):
    response = fill_request().post(CHECK, {"website": "http://spam.example"})
    assert response.status_code == 400
    assert "Your request has not been sent" in _text(response)
    assert OnlineRequest.objects.count() == 0
    assert mail.outbox == []
    assert not OutboxMessage.objects.exists()  # nothing queued either


@pytest.mark.django_db
def test_one_address_can_send_five_requests_an_hour(fill_request):
    for _ in range(5):
        assert fill_request().post(CHECK, REMOTE_ADDR="203.0.113.9")["Location"] == SENT
    client = fill_request()
    blocked = client.post(CHECK, REMOTE_ADDR="203.0.113.9")
    assert blocked.status_code == 429
    assert "You have sent too many requests" in _text(blocked)
    assert "Your answers are still saved" in _text(blocked)
    assert OnlineRequest.objects.count() == 5
    # Another address is not affected.
    assert client.post(CHECK, REMOTE_ADDR="198.51.100.7")["Location"] == SENT


@pytest.mark.django_db
def test_question_pages_work_without_javascript(world):
    page = _text(Client().get(_question("who")))
    # A plain form that posts back to itself, its question as the page heading.
    assert '<form method="post" novalidate>' in page
    assert '<h1 class="govuk-fieldset__heading">Who is asking for help?</h1>' in page
    assert "data-aria-controls" not in page  # no conditional reveal (govuk-frontend#979)


@pytest.mark.django_db
def test_someone_asking_for_a_family_is_asked_who_for(world, fill_request):
    client = Client()
    nxt = client.post(_question("who"), {"requester_role": "on_behalf"})["Location"]
    assert nxt == _question("asking-for")
    empty = client.post(nxt, {"on_behalf_of": ""})
    assert empty.status_code == 400
    assert "Enter who you are asking for and how you know them" in _text(empty)
    client.post(nxt, {"on_behalf_of": "My neighbour's son"})
    client = fill_request(client, who={"requester_role": "on_behalf"})
    page = _text(client.get(CHECK))
    assert "My neighbour's son" in page
    assert f'href="{_question("asking-for")}?change=1"' in page
    # A parent asking for their own child is not asked, and the old answer is dropped.
    client.post(_question("who") + "?change=1", {"requester_role": "parent_carer"})
    assert "on_behalf_of" not in client.session["portal_request"]
    client.post(CHECK)
    sent = OnlineRequest.objects.get()
    assert (sent.requester_role, sent.on_behalf_of) == ("parent_carer", "")
