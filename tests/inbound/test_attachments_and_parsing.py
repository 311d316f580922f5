"""The checks on emailed files, and reading messages that are not plain text."""

from __future__ import annotations

import io
import smtplib
import zipfile

import pytest

from accord.inbound import attachments, receiver
from accord.inbound.attachments import AttachmentRefused, check_attachment, sniff
from accord.inbound.parsing import ReceivedFile, parse_mail
from accord.inbound.receiver import MailReceiver


def office(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "extension"),
    [
        (b"%PDF-1.7", "pdf"),
        (b"\x89PNG\r\n\x1a\n....", "png"),
        (b"\xff\xd8\xff\xe0", "jpg"),
        (office("word/document.xml"), "docx"),
        (office("xl/workbook.xml"), "xlsx"),
    ],
)
def test_the_kinds_accepted_are_known_by_their_bytes(content, extension):
    found = sniff(content)
    assert found is not None and found.extension == extension


@pytest.mark.parametrize(
    "content", [office("readme.txt"), b"PK\x03\x04 broken", b"GIF89a", b"MZ\x90"]
)
def test_other_bytes_are_not_accepted(content):
    assert sniff(content) is None


def test_an_empty_file_and_a_failing_scanner_are_refused(settings):
    with pytest.raises(AttachmentRefused, match="empty"):
        check_attachment(ReceivedFile("a.pdf", "application/pdf", b""))
    settings.ACCORD_UPLOAD_SCANNER = "no.such.scanner"
    with pytest.raises(AttachmentRefused, match="safety check"):
        check_attachment(ReceivedFile("a.pdf", "application/pdf", b"%PDF-1.4"))


def test_a_scanner_verdict_object_is_respected(settings):
    settings.ACCORD_UPLOAD_SCANNER = "accord.cases.uploads.accept_without_scanning"
    found, upload = check_attachment(ReceivedFile("a.pdf", "application/pdf", b"%PDF-1.4"))
    assert found == attachments.PDF and upload.read() == b"%PDF-1.4"


def test_an_html_only_message_keeps_its_text_and_a_message_without_a_body_is_empty():
    html = (
        b"From: a@example.com\r\nSubject: Hi\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        b"<p>Hello</p>"
    )
    assert "Hello" in parse_mail(html).body
    only_file = (
        b"From: a@example.com\r\nSubject: File\r\nContent-Type: application/pdf\r\n"
        b"Content-Disposition: attachment; filename=a.pdf\r\n\r\n%PDF-1.4"
    )
    parsed = parse_mail(only_file)
    assert parsed.body == "" and parsed.subject == "File"


def test_a_message_that_cannot_be_filed_is_answered_with_a_temporary_failure(
    monkeypatch, parent_case, make_email, transactional_db
):
    case, _ = parent_case
    monkeypatch.setattr(receiver, "receive", lambda *a, **k: 1 / 0)
    running = MailReceiver(hostname="127.0.0.1", port=0)
    running.start()
    try:
        with smtplib.SMTP("127.0.0.1", running.port, timeout=10) as client:
            address = case.provider.email
            with pytest.raises(smtplib.SMTPDataError) as refused:
                client.sendmail("a@example.com", [address], make_email(to=address))
    finally:
        running.stop()
    assert refused.value.smtp_code == 451
