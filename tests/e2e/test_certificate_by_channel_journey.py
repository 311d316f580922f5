"""Issue 13, "Done means": a certificate issued in the browser reaches the family by text (the
fake GOV.UK Notify received it) and, for a family who asked for post, by letter."""

from __future__ import annotations

import io
import json
import re

import pytest
from pypdf import PdfReader

from accord.cases.choices import ContactMethod, PartyRole
from accord.notifications.delivery import deliver_due_messages
from accord.notifications.models import Channel, MessageKind, OutboxMessage
from accord.organisations.roles import Role
from tests.browser import needs_chromium, screenshot
from tests.documents.conftest import CHILD_FIRST, CHILD_LAST, PARENT, make_case
from tests.e2e.test_casework_journeys import sign_in

pytestmark = [pytest.mark.e2e, needs_chromium, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(transactional_db):
    from tests.conftest import World

    return World()


def issue_in_the_browser(page, live_server, people, case, name: str) -> None:
    sign_in(page, live_server, people.user(Role.COORDINATOR))
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    page.get_by_role("link", name=re.compile("^Issue the certificate")).click()
    page.get_by_role("button", name=re.compile("Issue")).click()
    page.wait_for_load_state()
    screenshot(page, "messages", f"{name}-certificate-issued")
    assert case.certificates.count() == 1


def test_a_certificate_issued_reaches_the_family_by_text(page, live_server, people, fake_notify):
    case = make_case(people, "declined")
    parent = case.parties.get(role=PartyRole.PARENT_CARER)
    parent.phone, parent.preferred_contact = "07700 900123", ContactMethod.TEXT
    parent.save()
    issue_in_the_browser(page, live_server, people, case, "text")
    deliver_due_messages()
    [text] = fake_notify.of_type("sms")
    assert text["to"] == "07700900123"
    certificate = case.certificates.get()
    body = text["personalisation"]["body"]
    assert case.reference in body
    assert "/documents/certificate/link/" in text["personalisation"]["link"]
    for detail in (CHILD_FIRST, CHILD_LAST, PARENT):
        assert detail not in json.dumps(text["personalisation"])
    row = OutboxMessage.objects.get(kind=MessageKind.CERTIFICATE_ISSUED, party=parent)
    assert row.channel == Channel.TEXT
    assert row.receipts.exists()  # Notify accepted it, and its id is kept to read back
    # The case page shows the message went by text.
    page.goto(f"{live_server.url}{case.get_absolute_url()}")
    assert page.get_by_text("Text message").first.is_visible()
    assert certificate.number in page.content()


def test_a_certificate_issued_reaches_a_family_who_asked_for_post_by_letter(
    page, live_server, people, fake_notify
):
    case = make_case(people, "declined")
    parent = case.parties.get(role=PartyRole.PARENT_CARER)
    parent.address, parent.preferred_contact = "1 Mill Lane\nAshford\nTN23 1AA", ContactMethod.POST
    parent.save()
    issue_in_the_browser(page, live_server, people, case, "letter")
    deliver_due_messages()
    [letter] = fake_notify.of_type("letter")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(letter["pdf"])).pages)
    assert "1 Mill Lane" in text
    assert "TN23 1AA" in text
    assert case.reference in text
    assert case.certificates.get().number in text
    for detail in (CHILD_FIRST, CHILD_LAST):
        assert detail not in text
    assert fake_notify.of_type("sms") == []
