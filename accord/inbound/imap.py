"""Polling a hosted mailbox over IMAP (for a service whose mail stays with its email provider):
each unread message is filed as if it had come to the SMTP receiver, then marked read.

Who it was for is read from its To, Cc and Delivered-To headers (there is no SMTP envelope);
an empty Return-Path marks a bounce, as an empty MAIL FROM does over SMTP.
"""

from __future__ import annotations

import imaplib
import logging
from collections.abc import Callable
from email.parser import BytesHeaderParser
from typing import Any

from django.conf import settings

from accord.inbound.filing import receive
from accord.inbound.parsing import parse_mail

logger = logging.getLogger(__name__)


def _connect() -> imaplib.IMAP4:
    client = imaplib.IMAP4_SSL(settings.ACCORD_IMAP_HOST, settings.ACCORD_IMAP_PORT, timeout=60)
    client.login(settings.ACCORD_IMAP_USER, settings.ACCORD_IMAP_PASSWORD)
    return client


def file_raw_message(raw: bytes) -> int:
    """Files one message taken from a mailbox; returns how many inbox rows it made."""
    headers = BytesHeaderParser().parsebytes(raw)
    return_path = headers.get("Return-Path")
    envelope_from = None if return_path is None else str(return_path)
    recipients = parse_mail(raw).header_recipients
    return len(receive(raw, recipients=recipients, envelope_from=envelope_from))


def _message_bytes(fetched: list[Any]) -> bytes | None:
    for item in fetched:
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], bytes):
            return item[1]
    return None


def poll_mailbox(connect: Callable[[], imaplib.IMAP4] | None = None) -> int:
    """Files every unread message of ACCORD_IMAP_MAILBOX; returns how many it read. Nothing
    happens unless ACCORD_IMAP_HOST is set."""
    if not settings.ACCORD_IMAP_HOST:
        return 0
    client = (connect or _connect)()
    read = 0
    try:
        client.select(settings.ACCORD_IMAP_MAILBOX)
        _, found = client.uid("search", "UNSEEN")
        for uid in (found[0] or b"").decode().split():
            _, fetched = client.uid("fetch", uid, "(BODY.PEEK[])")
            raw = _message_bytes(list(fetched))
            if raw is None:
                continue
            file_raw_message(raw)
            # Marked read only once filed: a message that failed is read again next time.
            client.uid("store", uid, "+FLAGS", "(\\Seen)")
            read += 1
    finally:
        client.logout()
    return read
