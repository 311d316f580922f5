"""GOV.UK Notify, through its official client (notifications-python-client).

Texts and letters always go through Notify; email does when ACCORD_EMAIL_VIA=notify. Each kind of
message may have a Notify template of its own for each channel (GOVUK_NOTIFY_TEMPLATE_IDS,
"kind:channel=id"); a kind without one uses the plain template of its channel, whose content is
`((body))` (and whose subject is `((subject))` for email). Every template is sent the same
personalisation (PERSONALISATION: subject, body, reference, link, service), so a template may use
any of them. Letters are precompiled: Accord makes the PDF (accord.notifications.letters).

Without GOVUK_NOTIFY_API_KEY (local mode) a text or letter is written to the log instead, as
the console email backend does for email, and recorded as sent.
"""

from __future__ import annotations

import io
import logging
from typing import Any

from django.conf import settings
from notifications_python_client.notifications import NotificationsAPIClient

from accord.notifications.models import Channel, OutboxMessage

logger = logging.getLogger(__name__)

PERSONALISATION = ("subject", "body", "reference", "link", "service")


class NotifyNotConfigured(RuntimeError):
    """A message needs a Notify template that is not set."""


def configured() -> bool:
    return bool(settings.GOVUK_NOTIFY_API_KEY)


def client() -> NotificationsAPIClient:
    return NotificationsAPIClient(
        settings.GOVUK_NOTIFY_API_KEY,
        base_url=settings.GOVUK_NOTIFY_BASE_URL,
        timeout=settings.EMAIL_TIMEOUT,
    )


def template_id(kind: str, channel: str) -> str:
    """The Notify template for `kind` sent by `channel`: its own, else the plain one."""
    own = settings.GOVUK_NOTIFY_TEMPLATE_IDS.get(f"{kind}:{channel}", "")
    plain = {
        Channel.EMAIL: settings.GOVUK_NOTIFY_PLAIN_EMAIL_TEMPLATE_ID,
        Channel.TEXT: settings.GOVUK_NOTIFY_PLAIN_TEXT_TEMPLATE_ID,
    }.get(Channel(channel), "")
    chosen = own or plain
    if not chosen:
        raise NotifyNotConfigured(
            f"No GOV.UK Notify template for {kind} by {channel}: set GOVUK_NOTIFY_TEMPLATE_IDS "
            f"or the plain {channel} template."
        )
    return str(chosen)


def personalisation(message: OutboxMessage) -> dict[str, str]:
    case = message.case
    return {
        "subject": message.subject,
        "body": message.body,
        "reference": case.reference if case is not None else "",
        "link": _link(message),
        "service": message.provider.name,
    }


def _link(message: OutboxMessage) -> str:
    if message.link:
        return message.link
    for line in reversed(message.body.splitlines()):
        word = line.strip()
        if word.startswith(("http://", "https://")):
            return word.split()[0]
    return settings.ACCORD_BASE_URL


def reference(message: OutboxMessage, recipient: str) -> str:
    """Notify's `reference`: the outbox row and the recipient's place in it, never a name."""
    return f"accord-{message.pk}-{message.recipients.index(recipient)}"


def send(message: OutboxMessage, recipient: str) -> str:
    """Hands one recipient's copy to Notify and returns Notify's notification id ('' in local
    mode). Raises on any refusal (the outbox retries, then marks the message failed)."""
    if not configured():
        logger.info(
            "GOV.UK Notify is not configured: %s to %s not sent:\n%s\n%s",
            message.get_channel_display(),
            recipient,
            message.subject,
            message.body,
        )
        return ""
    response: dict[str, Any]
    if message.channel == Channel.LETTER:
        response = _send_letter(message, recipient)
    elif message.channel == Channel.TEXT:
        response = client().send_sms_notification(
            phone_number=recipient,
            template_id=template_id(message.kind, Channel.TEXT),
            personalisation=personalisation(message),
            reference=reference(message, recipient),
        )
    else:
        response = client().send_email_notification(
            email_address=recipient,
            template_id=template_id(message.kind, Channel.EMAIL),
            personalisation=personalisation(message),
            reference=reference(message, recipient),
            email_reply_to_id=settings.GOVUK_NOTIFY_EMAIL_REPLY_TO_ID or None,
        )
    return str(response["id"])


def _send_letter(message: OutboxMessage, recipient: str) -> dict[str, Any]:
    letter = message.attachments.filter(mimetype="application/pdf").first()
    if letter is None:
        raise NotifyNotConfigured("This letter has no PDF to send.")
    response: dict[str, Any] = client().send_precompiled_letter_notification(
        reference=reference(message, recipient), pdf_file=io.BytesIO(bytes(letter.content))
    )
    return response


def status_of(notify_id: str) -> str:
    """The delivery status Notify holds for one notification."""
    return str(client().get_notification_by_id(notify_id)["status"])
