"""Sending messages to families and parties: the one place that does it.

Email goes through Django's mail framework (EMAIL_BACKEND). Text messages go through the
callable named by the ACCORD_SMS_SENDER setting, called as `sender(phone_number, message)` —
for example a small function that calls GOV.UK Notify's `send_sms_notification`. While that
setting is empty, families sign in by email only and no text is ever attempted.

Two ways out, both here:

- `send_message` sends now. Sign-in codes use it: they are needed within minutes, and they must
  not sit in the notifications outbox, which keeps message bodies (a code is stored only hashed).
- `queue_case_message` puts an email about a case in the notifications outbox
  (accord.notifications), which sends it with retries and logs it on the case. Feedback requests
  use it.

Messages never carry a child's name or details (product.md).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

from accord.notifications.services import queue_email

if TYPE_CHECKING:
    from accord.cases.models import Case
    from accord.organisations.models import User

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    channel: str  # "email" or "text"
    to: str
    subject: str
    body: str


class CannotSend(Exception):
    """The message could not be handed over for delivery."""


def texts_enabled() -> bool:
    return bool(getattr(settings, "ACCORD_SMS_SENDER", ""))


def _sms_sender() -> Callable[[str, str], object]:
    sender: Callable[[str, str], object] = import_string(settings.ACCORD_SMS_SENDER)
    return sender


def send_message(message: Message) -> None:
    """Hands one message over for delivery, now."""
    if message.channel == "email":
        EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.to],
        ).send(fail_silently=False)
        return
    if message.channel == "text":
        if not texts_enabled():
            raise CannotSend("Text messages are not set up (ACCORD_SMS_SENDER).")
        _sms_sender()(message.to, message.body)
        return
    raise CannotSend(f"Unknown channel {message.channel!r}")


def queue_case_message(
    case: Case, message: Message, idempotency_key: str, *, by: User | None = None
) -> None:
    """Queues an email about `case` in the notifications outbox (sent by its worker)."""
    if message.channel != "email":
        raise CannotSend("Only emails go through the outbox.")
    queue_email(
        case=case,
        to=message.to,
        subject=message.subject,
        body=message.body,
        idempotency_key=idempotency_key,
        by=by,
    )


def sign_in_code_message(channel: str, to: str, code: str, minutes: int) -> Message:
    service = settings.ACCORD_SERVICE_NAME
    if channel == "text":
        return Message(
            "text",
            to,
            "",
            f"{code} is your {service} code. It lasts {minutes} minutes. "
            "Do not share it with anyone.",
        )
    return Message(
        "email",
        to,
        f"Your {service} sign-in code: {code}",
        f"Hello,\n\n"
        f"Your code to see your case on {service} is:\n\n"
        f"{code}\n\n"
        f"It works once and lasts {minutes} minutes. Do not share it with anyone. We will "
        f"never ask you for it.\n\n"
        f"If you did not ask for this code, you can ignore this email.\n\n"
        f"{service}\n",
    )
