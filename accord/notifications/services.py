"""Writes to the outbox. `queue_email` is the one way Accord sends email (style.md #3).

    queue_email(case=case, to=["parent@example.com"], subject="...", body="...",
                idempotency_key=f"certificate-issued:{certificate.pk}")

writes the message to the outbox (inside the caller's transaction, if there is one) and records
it on the case's timeline; the background worker (`manage.py run_worker`) sends it, retrying on
failure: at once when the caller's transaction commits (tasks.send_soon), else within a minute.
Calling it again with the same key returns the existing row and queues nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from accord.cases.choices import FAMILY_ROLES
from accord.cases.models import Case, Party
from accord.cases.timeline import EventKind, record_event
from accord.notifications import channels, letters, messages, tasks
from accord.notifications.models import (
    Channel,
    MessageKind,
    MessageStatus,
    OutboxAttachment,
    OutboxMessage,
)
from accord.organisations.models import Provider, User
from accord.rules import today_in_england

Attachment = tuple[str, bytes | str, str]  # (filename, content, MIME type), as Django's mail


class OutboxError(ValueError):
    """A message that cannot be queued or retried; the text says why."""


@dataclass(frozen=True)
class Recipients:
    addresses: list[str]

    @classmethod
    def parse(cls, to: str | Iterable[str]) -> Recipients:
        raw = [to] if isinstance(to, str) else list(to)
        addresses: list[str] = []
        for address in raw:
            cleaned = address.strip()
            if cleaned and cleaned.lower() not in {a.lower() for a in addresses}:
                addresses.append(cleaned)
        if not addresses:
            raise OutboxError("A message needs at least one address to send to.")
        return cls(addresses)


def queue_email(
    *,
    case: Case | None,
    to: str | Sequence[str],
    subject: str,
    body: str,
    idempotency_key: str,
    attachments: Iterable[Attachment] = (),
    reply_to: str | None = None,
    kind: str = MessageKind.OTHER,
    provider: Provider | None = None,
    by: User | None = None,
    channel: Channel = Channel.EMAIL,
    party: Party | None = None,
    link: str = "",
) -> OutboxMessage:
    """Queues one email for the worker and returns its outbox row. A message already queued
    with this `idempotency_key` is returned as it is, and nothing more is queued.

    `case` is the case it is about (its provider owns the row and its timeline shows it); for a
    message about no single case, pass `case=None` and `provider`. The subject and body must
    not name the child (ChildDetailsInMessage). A text or letter (`channel`) goes to one phone
    number or address; `queue_to_party` chooses the channel by the party's preference."""
    key = idempotency_key.strip()
    if not key:
        raise OutboxError("Every message needs an idempotency key.")
    existing = OutboxMessage.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    owner = case.provider if case is not None else provider
    if owner is None:
        raise OutboxError("Say which provider sends a message that is not about a case.")
    recipients = Recipients.parse(to)
    subject = " ".join(subject.split())
    if not subject or not body.strip():
        raise OutboxError("A message needs a subject and a body.")
    messages.check_no_child_details(case, subject, body)
    try:
        # A savepoint: a concurrent insert of the same key leaves the caller's transaction usable.
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                provider=owner,
                case=case,
                kind=kind,
                channel=channel,
                party=party,
                link=link[:500],
                to=recipients.addresses,
                reply_to=reply_to or "",
                subject=subject[:300],
                body=body,
                idempotency_key=key,
                created_by=by,
            )
            OutboxAttachment.objects.bulk_create(
                OutboxAttachment(
                    message=message,
                    filename=filename,
                    content=content.encode() if isinstance(content, str) else content,
                    mimetype=mimetype,
                )
                for filename, content, mimetype in attachments
            )
            if case is not None:
                record_event(
                    case,
                    EventKind.MESSAGE_QUEUED,
                    f"{message.get_channel_display()} queued: {message.subject}",
                    {
                        "to": recipients.addresses,
                        "kind": kind,
                        "channel": channel,
                        "message": message.pk,
                    },
                    by=by,
                )
    except IntegrityError:
        # Another process queued the same key between our check and our insert.
        concurrent = OutboxMessage.objects.filter(idempotency_key=key).first()
        if concurrent is None:
            raise
        return concurrent
    tasks.send_soon()
    return message


def retry_message(message: OutboxMessage, *, by: User) -> OutboxMessage:
    """A member of staff sends a failed message again: it is queued with fresh attempts.
    Recipients it already reached are not sent it again."""
    with transaction.atomic():
        locked = OutboxMessage.objects.select_for_update().get(pk=message.pk)
        if locked.status != MessageStatus.FAILED:
            raise OutboxError("Only a message that failed can be sent again.")
        locked.status = MessageStatus.QUEUED
        locked.attempts = 0
        locked.next_attempt_at = timezone.now()
        locked.claimed_until = None
        locked.failed_at = None
        locked.save(
            update_fields=["status", "attempts", "next_attempt_at", "claimed_until", "failed_at"]
        )
        if locked.case is not None:
            record_event(
                locked.case,
                EventKind.MESSAGE_RETRY,
                f"Email to be sent again: {locked.subject}",
                {"message": locked.pk},
                by=by,
            )
        tasks.send_soon()
    message.refresh_from_db()
    return message


def queue_to_party(
    *,
    case: Case,
    party: Party,
    message: messages.Message,
    idempotency_key: str,
    kind: str,
    link: str = "",
    attachments: Iterable[Attachment] = (),
    by: User | None = None,
) -> OutboxMessage | None:
    """Queues `message` to one party by the channel they prefer (accord.notifications.channels):
    the email as written, with its attachments; a text of the message's short form; a letter, a
    PDF of the email's words made now, so a retry posts exactly what was queued. None when the
    party has no email, mobile number or postal address."""
    route = channels.route_for(party)
    if route is None:
        return None
    body, files = message.body, list(attachments)
    if route.channel == Channel.TEXT:
        body, files = message.text or f"{message.subject}\n{link}", []
    elif route.channel == Channel.LETTER:
        messages.check_no_child_details(case, message.subject, message.body)
        pdf = letters.letter_pdf(
            route.address_lines,
            message.subject,
            message.body,
            service=case.provider.name,
            on=today_in_england(),
        )
        files = [("letter.pdf", pdf, "application/pdf")]
    return queue_email(
        case=case,
        to=[route.address],
        subject=message.subject,
        body=body,
        idempotency_key=f"{idempotency_key}:{route.channel}",
        attachments=files,
        reply_to=case.provider.email or None,
        kind=kind,
        channel=route.channel,
        party=party,
        link=link,
        by=by,
    )


# --- messages other parts of Accord queue ---------------------------------------------------


def queue_enquiry_confirmation(case: Case, *, by: User | None = None) -> OutboxMessage | None:
    """Tells the family their enquiry was received and what happens next (to the enquirer's
    email, if they gave one). Safe to call more than once."""
    enquirer = (
        case.parties.filter(is_enquirer=True, role__in=FAMILY_ROLES).exclude(email="").first()
    )
    if enquirer is None:
        return None
    message = messages.enquiry_confirmation(case)
    return queue_email(
        case=case,
        to=[enquirer.email],
        subject=message.subject,
        body=message.body,
        idempotency_key=f"enquiry-confirmation:{case.pk}",
        reply_to=case.provider.reply_to_address or None,
        kind=MessageKind.CONFIRMATION,
        by=by,
    )
