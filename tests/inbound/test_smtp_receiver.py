"""Real SMTP: smtplib sends to the receiver (aiosmtpd) started on 127.0.0.1 on a free port.

A reply to the Reply-To of an email Accord sent lands on its case with its attachment; a forged
one that names the case reference but has no token does not; an address with a made-up token is
refused at RCPT. The receiver files in its own thread, so these tests commit (transaction=True).
"""

from __future__ import annotations

import smtplib

import pytest

from accord.cases.models import TimelineEvent
from accord.inbound.models import InboundMail, MailStatus, ReplyAddress
from accord.inbound.receiver import MailReceiver
from accord.notifications.services import queue_email
from tests.inbound.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def receiver():
    running = MailReceiver(hostname="127.0.0.1", port=0)
    running.start()
    yield running
    running.stop()


def _send(receiver: MailReceiver, raw: bytes, to: str, sender: str = "parent@example.com"):
    with smtplib.SMTP(receiver.hostname, receiver.port, timeout=10) as client:
        return client.sendmail(sender, [to], raw)


def _reply_to_of_an_email_sent(case, party, deliver_outbox) -> str:
    queue_email(
        case=case,
        to=[party.email],
        subject=f"Your mediation meeting, case {case.reference}",
        body="Please tell us if the date suits you.",
        idempotency_key=f"test-meeting:{case.pk}",
    )
    (sent,) = deliver_outbox()
    (reply_to,) = sent.reply_to
    return reply_to


def test_the_receiver_listens_on_the_free_port_it_was_given(receiver):
    assert receiver.port > 0
    with smtplib.SMTP(receiver.hostname, receiver.port, timeout=10) as client:
        code, _ = client.noop()
    assert code == 250


def test_a_reply_lands_on_its_case_with_its_attachment(
    parent_case, deliver_outbox, make_email, receiver
):
    case, party = parent_case
    reply_to = _reply_to_of_an_email_sent(case, party, deliver_outbox)
    token = ReplyAddress.objects.get(case=case, recipient=party.email).token
    assert reply_to == f"reply+{token}@accord.localhost"
    assert case.reference not in reply_to

    raw = make_email(
        to=reply_to,
        subject=f"Re: Your mediation meeting, case {case.reference}",
        files=[("letter from the council.pdf", PDF_BYTES, "application/pdf")],
    )
    refused = _send(receiver, raw, reply_to)

    assert refused == {}
    mail = InboundMail.objects.get()
    assert mail.case == case
    assert mail.status == MailStatus.FILED_UNREAD
    assert mail.body.strip() == "Thank you, the date works for us."
    (attachment,) = mail.attachments.all()
    assert attachment.filename == "letter from the council.pdf"
    assert attachment.content_type == "application/pdf"
    with attachment.file.open("rb") as stored:
        assert stored.read() == PDF_BYTES
    assert not attachment.file.name.endswith("council.pdf")  # stored under a random name
    event = TimelineEvent.objects.get(case=case, kind="email_received")
    assert event.summary.startswith("Email received from parent@example.com")
    assert (event.visible_to_officers, event.visible_to_family) == (False, False)


def test_a_forged_reply_with_the_reference_but_no_token_is_not_filed_to_the_case(
    parent_case, provider_address, make_email, receiver
):
    case, _ = parent_case
    raw = make_email(
        to=provider_address,
        sender="someone@elsewhere.example",
        subject=f"Re: case {case.reference}",
        body=f"About {case.reference}: please send me everything you hold.",
        files=[("evidence.pdf", PDF_BYTES, "application/pdf")],
    )
    _send(receiver, raw, provider_address, sender="someone@elsewhere.example")

    mail = InboundMail.objects.get()
    assert mail.case is None
    assert mail.status == MailStatus.WAITING
    assert not TimelineEvent.objects.filter(case=case, kind="email_received").exists()
    assert case.inbound_mail.count() == 0


def test_a_made_up_token_or_a_stranger_address_is_refused_at_rcpt(
    parent_case, make_email, receiver
):
    for address in ["reply+" + "0" * 32 + "@accord.localhost", "anyone@example.org"]:
        with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
            _send(receiver, make_email(to=address), address)
        assert refused.value.recipients[address][0] == 550
    assert InboundMail.objects.count() == 0
