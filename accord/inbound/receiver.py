"""The SMTP receiver (aiosmtpd): Accord's own mail server for replies and referrals.

It accepts mail only for Accord's addresses (a case's reply address, a provider's own address)
and refuses every other recipient at RCPT time, so it relays nothing. Each message is filed by
`accord.inbound.filing.receive`, run in a worker thread (the Django ORM is synchronous); a
message it cannot file is answered with a temporary failure so the sending server tries again.

`manage.py run_mail_receiver` runs it on ACCORD_MAIL_RECEIVER_HOST:PORT (127.0.0.1:8025 by
default; a mail server in front of it, or the MX itself in production: docs/deploy.md).
"""

from __future__ import annotations

import logging
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connections

from accord.inbound.filing import receive
from accord.inbound.replies import destination_of

logger = logging.getLogger(__name__)


# Each runs in a worker thread, with a database connection of its own, closed when done (a
# thread's connection is not closed by any request cycle).


def _is_ours(address: str) -> bool:
    try:
        return destination_of(address) is not None
    finally:
        connections.close_all()


def _file(raw: bytes, recipients: list[str], envelope_from: str) -> int:
    try:
        return len(receive(raw, recipients=recipients, envelope_from=envelope_from))
    finally:
        connections.close_all()


class AccordMailHandler:
    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if not await sync_to_async(_is_ours, thread_sensitive=False)(address):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or envelope.content
        if not isinstance(raw, bytes):
            raw = str(raw).encode()
        try:
            await sync_to_async(_file, thread_sensitive=False)(
                raw, list(envelope.rcpt_tos), envelope.mail_from or ""
            )
        except Exception:
            logger.exception("A received message could not be filed")
            return "451 4.3.0 Could not file the message; try again later"
        return "250 Message accepted"


class MailReceiver(Controller):
    """aiosmtpd's threaded controller; port 0 takes a free port, read back into `port`."""

    def __init__(self, hostname: str | None = None, port: int | None = None, **kwargs: Any):
        super().__init__(
            AccordMailHandler(),
            hostname=hostname or settings.ACCORD_MAIL_RECEIVER_HOST,
            port=settings.ACCORD_MAIL_RECEIVER_PORT if port is None else port,
            data_size_limit=settings.ACCORD_INBOUND_MAX_MESSAGE_BYTES,
            **kwargs,
        )

    def _trigger_server(self) -> None:
        if self.port == 0 and self.server is not None:
            sockets: list[Any] = list(getattr(self.server, "sockets", []))
            self.port = int(sockets[0].getsockname()[1])
        super()._trigger_server()
