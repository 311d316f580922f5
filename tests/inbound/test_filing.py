"""Filing received mail (what the SMTP receiver and the IMAP poll both call): bounces and
automatic replies, refused attachments and the sender told, the same message twice, the mailbox
poll, and the reply address on every email the outbox sends."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest

from accord.cases.models import TimelineEvent
from accord.inbound.filing import receive
from accord.inbound.imap import poll_mailbox
from accord.inbound.models import InboundMail, MailKind, MailStatus, ReplyAddress
from accord.inbound.parsing import parse_mail
from accord.notifications.models import OutboxMessage
from accord.notifications.services import queue_email
from tests.inbound.conftest import PDF_BYTES


@pytest.fixture
def reply_address(parent_case):
    case, party = parent_case
    return ReplyAddress.objects.create(case=case, recipient=party.email, party=party)


@pytest.mark.parametrize(
    "headers",
    [
        {"Auto-Submitted": "auto-replied"},
        {"X-Autoreply": "yes"},
        {"Precedence": "bulk"},
        {"Precedence": "auto_reply"},
    ],
)
def test_automatic_replies_are_kept_but_never_filed_or_answered(reply_address, make_email, headers):
    raw = make_email(
        to=reply_address.address,
        subject="Out of office",
        headers=headers,
        files=[("x.exe", b"MZ...", "application/octet-stream")],
    )
    (mail,) = receive(raw, recipients=[reply_address.address])
    assert (mail.kind, mail.status, mail.case) == (MailKind.AUTO_REPLY, MailStatus.IGNORED, None)
    assert not TimelineEvent.objects.filter(kind="email_received").exists()
    assert OutboxMessage.objects.count() == 0  # never answered: no mail loops


def test_a_delivery_status_report_is_a_bounce(reply_address):
    raw = (
        b"From: MAILER-DAEMON@mail.example\r\nTo: " + reply_address.address.encode() + b"\r\n"
        b"Subject: Undelivered Mail Returned to Sender\r\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain\r\n\r\nCould not deliver.\r\n"
        b"--b\r\nContent-Type: message/delivery-status\r\n\r\nStatus: 5.1.1\r\n\r\n--b--\r\n"
    )
    (mail,) = receive(raw, recipients=[reply_address.address])
    assert mail.kind == MailKind.BOUNCE and mail.case is None
    assert parse_mail(b"Subject: hi\r\n\r\nbody", envelope_from="<>").is_bounce


def test_a_dangerous_or_oversized_file_is_refused_and_the_sender_told(
    reply_address, make_email, settings, deliver_outbox
):
    settings.ACCORD_INBOUND_MAX_ATTACHMENT_BYTES = 1000
    macro = BytesIO()
    with zipfile.ZipFile(macro, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
        archive.writestr("word/vbaProject.bin", "macro")
    raw = make_email(
        to=reply_address.address,
        files=[
            ("Kidlast-report.pdf", PDF_BYTES, "application/pdf"),
            ("run me.exe", b"MZ\x90\x00", "application/octet-stream"),
            ("big.pdf", b"%PDF-" + b"0" * 2000, "application/pdf"),
            ("letter.docx", macro.getvalue(), "application/octet-stream"),
            ("photo.png", b"not really a png", "image/png"),
        ],
    )
    (mail,) = receive(raw, recipients=[reply_address.address])
    assert [a.filename for a in mail.attachments.all()] == ["Kidlast-report.pdf"]
    assert [(item["number"], item["type"]) for item in mail.refused] == [
        (2, ".exe"),
        (3, ".pdf"),
        (4, ".docx"),
        (5, ".png"),
    ]
    (told,) = deliver_outbox()
    assert told.to == ["parent@example.com"]
    assert "file 2 (.exe): we do not accept files of this kind" in told.body
    assert "smaller than" in told.body
    assert "Kidlast" not in told.body and "run me" not in told.body  # no file names


def test_a_scanner_that_says_no_refuses_the_file(reply_address, make_email, settings):
    settings.ACCORD_UPLOAD_SCANNER = "tests.inbound.test_filing.reject_everything"
    raw = make_email(to=reply_address.address, files=[("a.pdf", PDF_BYTES, "application/pdf")])
    (mail,) = receive(raw, recipients=[reply_address.address])
    assert mail.attachments.count() == 0
    assert mail.refused[0]["reason"] == "our safety check stopped it"


def reject_everything(upload):
    return False


def test_the_same_message_delivered_twice_is_filed_once(reply_address, make_email):
    raw = make_email(to=reply_address.address, message_id="<abc@example.com>")
    first = receive(raw, recipients=[reply_address.address])
    second = receive(raw, recipients=[reply_address.address])
    assert first == second
    assert InboundMail.objects.count() == 1
    assert TimelineEvent.objects.filter(kind="email_received").count() == 1


def test_every_email_about_a_case_gets_a_reply_address_per_recipient(parent_case, deliver_outbox):
    case, party = parent_case
    queue_email(
        case=case,
        to=[party.email, "officer@council.example"],
        subject="Update",
        body="The meeting is booked.",
        idempotency_key="t:reply-to",
    )
    sent = deliver_outbox()
    addresses = {email.to[0]: email.reply_to[0] for email in sent}
    assert addresses[party.email] != addresses["officer@council.example"]
    parent = ReplyAddress.objects.get(recipient=party.email)
    assert parent.party == party and addresses[party.email] == parent.address
    assert len(parent.token) == 32  # 128 bits


def test_an_email_about_no_case_keeps_its_own_reply_to(world, deliver_outbox):
    queue_email(
        case=None,
        provider=world.provider,
        to=["manager@example.com"],
        subject="Digest",
        body="Your digest.",
        idempotency_key="t:digest",
        reply_to="help@provider.example",
    )
    (sent,) = deliver_outbox()
    assert sent.reply_to == ["help@provider.example"]


class FakeMailbox:
    """Speaks the part of imaplib.IMAP4 that poll_mailbox uses (no IMAP server is run in the
    tests; the filing it calls is the same as for SMTP, tested above)."""

    def __init__(self, messages: dict[str, bytes]):
        self.messages = messages
        self.seen: list[str] = []
        self.logged_out = False

    def select(self, mailbox):
        return "OK", [str(len(self.messages)).encode()]

    def uid(self, command, *args):
        if command == "search":
            unseen = [uid for uid in self.messages if uid not in self.seen]
            return "OK", [" ".join(unseen).encode()]
        if command == "fetch":
            return "OK", [(b"1 (BODY[] {n}", self.messages[args[0]]), b")"]
        self.seen.append(args[0])
        return "OK", []

    def logout(self):
        self.logged_out = True


def test_the_mailbox_poll_files_unread_mail_and_marks_it_read(
    reply_address, provider_address, make_email, settings
):
    settings.ACCORD_IMAP_HOST = "imap.example"
    mailbox = FakeMailbox(
        {
            "7": make_email(to=reply_address.address, message_id="<one@x>"),
            "8": make_email(to=provider_address, subject="New referral", message_id="<two@x>"),
        }
    )
    assert poll_mailbox(lambda: mailbox) == 2
    assert mailbox.seen == ["7", "8"] and mailbox.logged_out
    statuses = dict(InboundMail.objects.values_list("message_id", "status"))
    assert statuses == {"<one@x>": MailStatus.FILED_UNREAD, "<two@x>": MailStatus.WAITING}


def test_without_a_host_the_mailbox_is_not_polled(settings):
    settings.ACCORD_IMAP_HOST = ""
    assert poll_mailbox(lambda: pytest.fail("connected")) == 0
