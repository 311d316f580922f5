"""The certificate issued: the family told by their own channel with a secure link of their own
(never the PDF), the LA officer told where the LA took part; the link works, and only for it."""

from __future__ import annotations

import io
import json

import pytest
from django.core import mail
from django.core.signing import TimestampSigner
from pypdf import PdfReader

from accord.cases.choices import ContactMethod, PartyRole
from accord.documents import services
from accord.documents.links import CERTIFICATES
from accord.documents.models import CertificateKind as K
from accord.notifications.delivery import deliver_due_messages
from accord.notifications.models import Channel, MessageKind, OutboxMessage
from accord.organisations.roles import Role
from tests.documents.conftest import (
    CHILD_FIRST,
    CHILD_LAST,
    ISSUED_ON,
    MEETING_DAY,
    PARENT,
    make_case,
)
from tests.documents.test_certificates import issue


def certificate_messages(case):
    return OutboxMessage.objects.filter(case=case, kind=MessageKind.CERTIFICATE_ISSUED)


def family(case):
    return case.parties.get(role=PartyRole.PARENT_CARER)


def assert_no_personal_details(*texts):
    for text in texts:
        assert CHILD_FIRST not in text
        assert CHILD_LAST not in text
        assert PARENT not in text


def test_the_family_is_emailed_a_secure_link_and_no_pdf(world, declined_case, client):
    certificate = issue(declined_case, world.user(Role.ADVISER))
    [message] = certificate_messages(declined_case)
    assert message.channel == Channel.EMAIL
    assert message.to == ["parent@example.com"]
    assert message.party == family(declined_case)
    assert declined_case.reference in message.subject
    assert "appeal must reach the Tribunal by Tuesday 5 May 2026" in message.body
    assert message.link in message.body
    assert "/documents/certificate/link/" in message.link
    assert_no_personal_details(message.subject, message.body)
    assert not message.attachments.exists()

    deliver_due_messages()
    assert mail.outbox[0].attachments == []

    page = client.get(message.link)
    assert page.status_code == 200
    assert certificate.number in page.content.decode()
    download = client.post(message.link)
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_no_mediation_wanted_is_not_sent_to_the_la(world, declined_case):
    issue(declined_case, world.user(Role.ADVISER))
    assert [m.party.role for m in certificate_messages(declined_case)] == [PartyRole.PARENT_CARER]


def test_after_mediation_the_la_officer_is_told_with_the_case_link(world, mediated_case):
    issue(mediated_case, world.user(Role.MEDIATOR), K.AFTER_MEDIATION, MEETING_DAY)
    officer = certificate_messages(mediated_case).get(party__role=PartyRole.LA_OFFICER)
    assert officer.to == ["dana.officer@council.example"]
    assert officer.link.endswith(mediated_case.get_absolute_url())
    assert "/documents/certificate/link/" not in officer.body
    assert "The family's appeal" in officer.body
    assert_no_personal_details(officer.subject, officer.body)


def test_a_family_who_prefers_texts_gets_one_through_notify(world, declined_case, fake_notify):
    parent = family(declined_case)
    parent.phone, parent.preferred_contact = "07700 900123", ContactMethod.TEXT
    parent.save()
    issue(declined_case, world.user(Role.ADVISER))
    deliver_due_messages()
    [text] = fake_notify.of_type("sms")
    assert text["to"] == "07700900123"
    body = text["personalisation"]["body"]
    assert declined_case.reference in body
    assert "appeal by Tuesday 5 May 2026" in body
    assert "/documents/certificate/link/" in text["personalisation"]["link"]
    assert_no_personal_details(json.dumps(text["personalisation"]))
    # The parent's enquiry confirmation went by email before; the certificate did not.
    assert not [m for m in mail.outbox if "certificate" in m.subject]


def test_a_family_who_asked_for_post_gets_a_letter(world, declined_case, fake_notify):
    parent = family(declined_case)
    parent.address, parent.preferred_contact = "1 Mill Lane\nAshford\nTN23 1AA", ContactMethod.POST
    parent.save()
    issue(declined_case, world.user(Role.ADVISER))
    deliver_due_messages()
    [letter] = fake_notify.of_type("letter")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(letter["pdf"])).pages)
    assert "1 Mill Lane" in text
    assert "TN23 1AA" in text
    assert "5 May 2026" in text
    assert CHILD_FIRST not in text
    assert CHILD_LAST not in text


def test_a_correction_is_sent_again_saying_what_changed(world, declined_case):
    first = issue(declined_case, world.user(Role.ADVISER))
    services.correct_certificate(
        first,
        "The decision letter date was wrong.",
        by=world.user(Role.ADVISER),
        idempotency_key="0f0e0d0c-0b0a-0908-0706-050403020100",
        issued_on=ISSUED_ON,
    )
    newest = certificate_messages(declined_case).order_by("-id").first()
    assert f"to replace certificate {first.number}" in newest.body
    assert certificate_messages(declined_case).count() == 2


def test_a_certificate_issued_twice_by_a_double_submit_is_sent_once(world):
    case = make_case(world, "declined")
    issue(case, world.user(Role.ADVISER), idempotency_key="1f0e0d0c-0b0a-0908-0706-050403020100")
    issue(case, world.user(Role.ADVISER), idempotency_key="1f0e0d0c-0b0a-0908-0706-050403020100")
    assert certificate_messages(case).count() == 1


@pytest.mark.parametrize("token", ["garbage", "1.2:abc:def"])
def test_a_link_that_is_not_genuine_does_not_work(world, declined_case, client, token):
    issue(declined_case, world.user(Role.ADVISER))
    url = f"/cases/{declined_case.reference}/documents/certificate/link/{token}/"
    assert client.get(url).status_code == 404


def test_a_link_for_another_case_does_not_work(world, declined_case, client):
    certificate = issue(declined_case, world.user(Role.ADVISER))
    other = make_case(world, "declined", child_last_name="Other")
    signer = TimestampSigner(salt=CERTIFICATES.salt)
    token = signer.sign(f"{certificate.pk}.{family(declined_case).pk}")
    url = f"/cases/{other.reference}/documents/certificate/link/{token}/"
    assert client.get(url).status_code == 404
