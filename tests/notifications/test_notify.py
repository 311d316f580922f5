"""Texts, letters and (by a setting) email through GOV.UK Notify, driven through the real client
against the fake Notify server (tests/fake_notify.py); delivery statuses read back by polling and
by the callback; a failure shown to staff and sent again."""

from __future__ import annotations

import io
import json
import logging

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from accord.cases.choices import ContactMethod
from accord.notifications.delivery import deliver_due_messages
from accord.notifications.messages import Message
from accord.notifications.models import Channel, MessageKind, MessageStatus, NotifyReceipt
from accord.notifications.services import queue_to_party
from accord.notifications.status import poll_delivery_statuses
from accord.organisations.roles import Role
from tests.conftest import CERTIFICATE_TEXT_TEMPLATE, PLAIN_EMAIL_TEMPLATE, PLAIN_TEXT_TEMPLATE
from tests.factories import PartyFactory
from tests.fake_notify import SERVICE_ID

CALLBACK_TOKEN = "callback-secret-123"
ADDRESS = "12 High Street\nMaidstone\nME14 1XX"


def message_for(case) -> Message:
    return Message(
        subject=f"Your meeting is booked - case {case.reference}",
        body=(
            f"Your mediation meeting for case {case.reference} is booked.\n\n"
            "What to do next: tell us if you cannot come.\nhttps://accord.example/m/"
        ),
        text=f"Accord: your meeting for case {case.reference} is booked. Details: "
        "https://accord.example/m/",
    )


def party(case, preferred, **fields):
    values = {
        "email": "parent@example.com",
        "phone": "07700 900123",
        "address": ADDRESS,
        "name": "A Parent",
        "preferred_contact": preferred,
    }
    return PartyFactory(case=case, **(values | fields))


def queue(case, person, kind=MessageKind.MEETING_INVITATION, key="meeting:1"):
    return queue_to_party(
        case=case,
        party=person,
        message=message_for(case),
        idempotency_key=key,
        kind=kind,
        link="https://accord.example/m/",
    )


def test_a_party_who_prefers_texts_is_sent_one_through_notify(make_case, fake_notify):
    case = make_case()
    message = queue(case, party(case, ContactMethod.TEXT))
    assert message is not None
    assert message.channel == Channel.TEXT
    assert message.to == ["07700900123"]

    deliver_due_messages()

    [text] = fake_notify.of_type("sms")
    assert text["to"] == "07700900123"
    assert text["template_id"] == PLAIN_TEXT_TEMPLATE
    assert case.reference in text["personalisation"]["body"]
    assert "Zebedee" not in json.dumps(text["personalisation"])
    assert text["reference"] == f"accord-{message.pk}-0"
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    receipt = NotifyReceipt.objects.get(message=message)
    assert receipt.notify_id == text["id"]
    assert mail.outbox == []


def test_a_kind_with_its_own_template_is_sent_with_it_and_its_placeholders(make_case, fake_notify):
    case = make_case()
    message = queue(case, party(case, ContactMethod.TEXT), kind=MessageKind.CERTIFICATE_ISSUED)
    deliver_due_messages()
    [text] = fake_notify.of_type("sms")
    assert text["template_id"] == CERTIFICATE_TEXT_TEMPLATE
    assert text["personalisation"]["reference"] == case.reference
    assert text["personalisation"]["link"] == "https://accord.example/m/"
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT


def test_a_party_who_asked_for_post_is_sent_a_precompiled_letter(make_case, fake_notify):
    case = make_case()
    message = queue(case, party(case, ContactMethod.POST))
    assert message is not None
    assert message.channel == Channel.LETTER
    deliver_due_messages()

    [letter] = fake_notify.of_type("letter")
    reader = PdfReader(io.BytesIO(letter["pdf"]))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "12 High Street" in text
    assert "ME14 1XX" in text
    assert case.reference in text
    assert "Zebedee" not in text
    fonts = reader.pages[0]["/Resources"]["/Font"]
    # Every font embedded, as Notify's letter specification requires.
    for font in fonts.values():
        descendant = font.get_object().get("/DescendantFonts")
        descriptor = (
            descendant[0].get_object()["/FontDescriptor"]
            if descendant
            else font.get_object()["/FontDescriptor"]
        )
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT


def test_email_goes_through_notify_when_the_setting_says_so(make_case, fake_notify, settings):
    settings.ACCORD_EMAIL_VIA = "notify"
    case = make_case()
    queue(case, party(case, ContactMethod.EMAIL))
    deliver_due_messages()
    [email] = fake_notify.of_type("email")
    assert email["to"] == "parent@example.com"
    assert email["template_id"] == PLAIN_EMAIL_TEMPLATE
    assert email["personalisation"]["subject"].startswith("Your meeting is booked")
    assert mail.outbox == []


def test_email_goes_through_the_email_backend_by_default(make_case, fake_notify):
    case = make_case()
    queue(case, party(case, ContactMethod.EMAIL))
    deliver_due_messages()
    assert fake_notify.sent == []
    assert mail.outbox[0].to == ["parent@example.com"]


def test_a_request_signed_with_the_wrong_secret_is_refused(make_case, fake_notify, settings):
    settings.GOVUK_NOTIFY_API_KEY = f"wrong-{SERVICE_ID}-00000000-0000-0000-0000-000000000000"
    settings.ACCORD_OUTBOX_MAX_ATTEMPTS = 1
    case = make_case()
    message = queue(case, party(case, ContactMethod.TEXT))
    deliver_due_messages()
    message.refresh_from_db()
    assert fake_notify.sent == []
    assert message.status == MessageStatus.FAILED
    assert "Invalid token" in message.last_error


def test_without_a_key_texts_are_written_to_the_log(make_case, caplog):
    case = make_case()
    message = queue(case, party(case, ContactMethod.TEXT))
    with caplog.at_level(logging.INFO, logger="accord.notifications.notify"):
        deliver_due_messages()
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert "07700900123" in caplog.text
    assert not NotifyReceipt.objects.exists()


def test_a_refused_text_is_retried_then_shown_failed_and_sent_again(
    make_case, fake_notify, settings, client_for
):
    settings.ACCORD_OUTBOX_MAX_ATTEMPTS = 1
    case = make_case()
    message = queue(case, party(case, ContactMethod.TEXT))
    fake_notify.fail_next = (400, "Can't send to this recipient using a team-only API key")
    deliver_due_messages()
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert "team-only" in message.last_error

    staff = client_for(Role.COORDINATOR)
    page = staff.get(case.get_absolute_url()).content.decode()
    assert "could not be sent or delivered" in page
    assert "Send again" in page
    response = staff.post(
        reverse("notifications:retry", args=[message.pk]),
        {"next": case.get_absolute_url() + "#messages"},
    )
    assert response.status_code == 302
    assert response.url == case.get_absolute_url() + "#messages"
    deliver_due_messages()
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert len(fake_notify.of_type("sms")) == 1


def test_polling_reads_back_delivery_and_failure(make_case, fake_notify, client_for):
    case = make_case()
    delivered = queue(case, party(case, ContactMethod.TEXT), key="a")
    bounced = queue(case, party(case, ContactMethod.POST), key="b")
    deliver_due_messages()
    first, second = fake_notify.sent
    fake_notify.statuses[first["id"]] = "delivered"
    fake_notify.statuses[second["id"]] = "validation-failed"

    report = poll_delivery_statuses()

    assert (report.checked, report.changed, report.failed) == (2, 2, 1)
    assert NotifyReceipt.objects.get(notify_id=first["id"]).status == "delivered"
    delivered.refresh_from_db()
    bounced.refresh_from_db()
    assert delivered.status == MessageStatus.SENT
    assert bounced.status == MessageStatus.FAILED
    assert bounced.delivered_to == []
    assert "Letter failed Notify's checks" in bounced.last_error
    assert case.timeline.filter(kind="message_failed").count() == 1
    page = client_for(Role.COORDINATOR).get(case.get_absolute_url()).content.decode()
    assert "Delivered" in page
    assert "Letter failed Notify&#x27;s checks" in page

    # A final status is not asked for again.
    assert poll_delivery_statuses().checked == 0


def test_a_failed_delivery_sent_again_reaches_notify_a_second_time(
    make_case, fake_notify, client_for
):
    case = make_case()
    message = queue(case, party(case, ContactMethod.TEXT))
    deliver_due_messages()
    fake_notify.statuses[fake_notify.sent[0]["id"]] = "permanent-failure"
    poll_delivery_statuses()
    client_for(Role.COORDINATOR).post(reverse("notifications:retry", args=[message.pk]))
    deliver_due_messages()
    assert len(fake_notify.of_type("sms")) == 2
    assert message.receipts.count() == 2


@pytest.fixture
def callback(client, settings):
    settings.GOVUK_NOTIFY_CALLBACK_TOKEN = CALLBACK_TOKEN

    def post(body, token=CALLBACK_TOKEN):
        return client.post(
            reverse("notifications:notify_callback"),
            data=json.dumps(body),
            content_type="application/json",
            headers={"Authorization": f"Bearer {token}"},
        )

    return post


def test_the_callback_records_a_status_with_the_right_token(make_case, fake_notify, callback):
    case = make_case()
    message = queue(case, party(case, ContactMethod.TEXT))
    deliver_due_messages()
    notify_id = fake_notify.sent[0]["id"]

    assert callback({"id": notify_id, "status": "delivered"}, token="wrong").status_code == 401
    assert NotifyReceipt.objects.get().status == "created"

    response = callback({"id": notify_id, "status": "temporary-failure", "to": "07700900123"})
    assert response.status_code == 200
    assert response.json() == {"result": "updated"}
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED
    assert callback({"id": "not-ours", "status": "delivered"}).json() == {
        "result": "unknown notification"
    }
    assert callback({"status": "delivered"}).status_code == 400


def test_the_callback_refuses_everything_when_no_token_is_set(client, settings):
    settings.GOVUK_NOTIFY_CALLBACK_TOKEN = ""
    response = client.post(
        reverse("notifications:notify_callback"),
        data="{}",
        content_type="application/json",
        headers={"Authorization": "Bearer "},
    )
    assert response.status_code == 401
