"""Filing received mail: what the SMTP receiver and the IMAP poll both call with each message.

- Mail to a case's reply address is filed to that case's history (a staff-only timeline event),
  its files stored with it, and it waits, unread, in the staff's mail inbox.
- Mail to a provider's own address (a new referral, or a reply that lost its reply address)
  waits in the intake inbox for staff to accept it into a case or file it to one.
- Bounces and automatic replies are kept but never filed to a case and never answered.
- A file that fails the checks (accord.inbound.attachments) is not kept, and the sender is told
  through the outbox; the rest of the email is filed as usual.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from pathlib import PurePosixPath

from django.db import IntegrityError, transaction

from accord.cases.timeline import EventKind, record_event
from accord.inbound import attachments
from accord.inbound.models import InboundAttachment, InboundMail, MailKind, MailStatus
from accord.inbound.parsing import ParsedMail, parse_mail
from accord.inbound.replies import Destination, destination_of
from accord.notifications.models import MessageKind
from accord.notifications.services import queue_email

logger = logging.getLogger(__name__)


def receive(
    raw: bytes, *, recipients: list[str], envelope_from: str | None = None
) -> list[InboundMail]:
    """Files one received message for each of its recipients that is an address of Accord's."""
    parsed = parse_mail(raw, envelope_from=envelope_from)
    filed = []
    for recipient in dict.fromkeys(r.strip().strip("<>").lower() for r in recipients):
        destination = destination_of(recipient)
        if destination is None:
            logger.info("Mail to an address that is not Accord's was not filed")
            continue
        filed.append(file_mail(parsed, recipient, destination))
    return filed


def _kind(parsed: ParsedMail, destination: Destination) -> str:
    if parsed.is_bounce:
        return MailKind.BOUNCE
    if parsed.is_auto_reply:
        return MailKind.AUTO_REPLY
    return MailKind.REPLY if destination.reply_address else MailKind.NEW


def file_mail(parsed: ParsedMail, recipient: str, destination: Destination) -> InboundMail:
    provider = destination.provider
    if parsed.message_id:
        existing = InboundMail.objects.filter(
            provider=provider, to_address=recipient, message_id=parsed.message_id
        ).first()
        if existing is not None:
            return existing
    kind = _kind(parsed, destination)
    reply = destination.reply_address
    case = reply.case if reply is not None and kind == MailKind.REPLY else None
    try:
        with transaction.atomic():
            mail = InboundMail.objects.create(
                provider=provider,
                case=case,
                reply_address=reply,
                kind=kind,
                status=_first_status(kind),
                from_address=parsed.from_address,
                from_name=parsed.from_name,
                to_address=recipient,
                subject=parsed.subject,
                body=parsed.body,
                message_id=parsed.message_id,
            )
            if kind in (MailKind.BOUNCE, MailKind.AUTO_REPLY):
                return mail
            _store_files(mail, parsed)
            if case is not None:
                record_event(
                    case,
                    EventKind.EMAIL_RECEIVED,
                    f"Email received from {parsed.from_address or 'an unknown sender'}: "
                    f"{parsed.subject or '(no subject)'}",
                    {"mail": mail.pk, "files": mail.attachments.count(), "refused": mail.refused},
                    by=None,
                )
            if mail.refused and parsed.from_address:
                _tell_sender_of_refused_files(mail)
    except IntegrityError:
        # The same message filed by a concurrent delivery (an SMTP retry, an IMAP poll).
        return InboundMail.objects.get(
            provider=provider, to_address=recipient, message_id=parsed.message_id
        )
    return mail


def _first_status(kind: str) -> str:
    if kind == MailKind.REPLY:
        return MailStatus.FILED_UNREAD
    if kind == MailKind.NEW:
        return MailStatus.WAITING
    return MailStatus.IGNORED


def _store_files(mail: InboundMail, parsed: ParsedMail) -> None:
    refused = []
    for number, received in enumerate(parsed.files, start=1):
        try:
            found, upload = attachments.check_attachment(received)
        except attachments.AttachmentRefused as reason:
            suffix = PurePosixPath(received.filename.lower()).suffix or "no extension"
            refused.append({"number": number, "type": suffix, "reason": str(reason)})
            continue
        upload.name = f"{uuid.uuid4().hex}.{found.extension}"
        InboundAttachment.objects.create(
            mail=mail,
            filename=PurePosixPath(received.filename.replace("\\", "/")).name[:200],
            file=upload,
            content_type=found.content_type,
            size=len(received.content),
            sha256=hashlib.sha256(received.content).hexdigest(),
        )
    if refused:
        mail.refused = refused
        mail.save(update_fields=["refused"])


def _tell_sender_of_refused_files(mail: InboundMail) -> None:
    """The sender is told which files were not kept (by number and type, never by name: a
    file's name may carry a child's name) and why."""
    lines = [f"- file {item['number']} ({item['type']}): {item['reason']}" for item in mail.refused]
    about = f" about case {mail.case.reference}" if mail.case else ""
    body = (
        f"Thank you for your email{about}. We received it, but we could not accept "
        f"{'this file' if len(lines) == 1 else 'these files'}:\n\n"
        + "\n".join(lines)
        + "\n\nPlease send a PDF, a picture (PNG or JPEG) or a Word or Excel document instead, "
        "or contact us.\n"
    )
    queue_email(
        case=mail.case,
        provider=mail.provider,
        to=[mail.from_address],
        subject="We could not accept a file you sent us",
        body=body,
        idempotency_key=f"inbound-refused:{mail.pk}",
        reply_to=mail.provider.email or None,
        kind=MessageKind.OTHER,
        by=None,
    )
