"""Reading a received email: who sent it, what it says, its files, and whether it is a person
writing at all or a bounce or an automatic reply (which are never filed or answered).

Recognised as not from a person (RFC 3464 delivery reports, RFC 3834 automatic responses, and
the headers mail programs use in practice):
- a bounce: `multipart/report` (a delivery status notification), or an empty envelope sender
  (`MAIL FROM:<>`, which RFC 5321 §4.5.5 reserves for such notifications);
- an automatic reply: `Auto-Submitted` other than "no", `X-Autoreply`, `X-Autorespond`,
  `Precedence: bulk / auto_reply / junk / list`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr

AUTOMATIC_PRECEDENCE = {"bulk", "auto_reply", "junk", "list"}


@dataclass(frozen=True)
class ReceivedFile:
    filename: str
    content_type: str
    content: bytes


@dataclass
class ParsedMail:
    from_address: str
    from_name: str
    subject: str
    body: str
    message_id: str
    header_recipients: list[str]
    files: list[ReceivedFile] = field(default_factory=list)
    is_bounce: bool = False
    is_auto_reply: bool = False

    @property
    def is_automatic(self) -> bool:
        return self.is_bounce or self.is_auto_reply


def parse_mail(raw: bytes, *, envelope_from: str | None = None) -> ParsedMail:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(message, EmailMessage)
    name, address = parseaddr(str(message.get("From", "")))
    recipients = [
        addr.lower()
        for _, addr in getaddresses(
            [str(v) for key in ("To", "Cc", "Delivered-To") for v in message.get_all(key, [])]
        )
        if addr
    ]
    return ParsedMail(
        from_address=address.strip().lower()[:254],
        from_name=name.strip()[:200],
        subject=" ".join(str(message.get("Subject", "")).split())[:300],
        body=_body(message),
        message_id=str(message.get("Message-ID", "")).strip()[:300],
        header_recipients=recipients,
        files=list(_files(message)),
        is_bounce=_is_bounce(message, envelope_from),
        is_auto_reply=_is_auto_reply(message),
    )


def _is_bounce(message: EmailMessage, envelope_from: str | None) -> bool:
    if message.get_content_type() == "multipart/report":
        return True
    return envelope_from is not None and envelope_from.strip("<> ") == ""


def _is_auto_reply(message: EmailMessage) -> bool:
    auto_submitted = str(message.get("Auto-Submitted", "")).strip().lower()
    if auto_submitted and auto_submitted != "no":
        return True
    if message.get("X-Autoreply") is not None or message.get("X-Autorespond") is not None:
        return True
    return str(message.get("Precedence", "")).strip().lower() in AUTOMATIC_PRECEDENCE


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        text = part.get_content()
    except (LookupError, ValueError):
        payload = part.get_payload(decode=True)
        text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    return str(text)[:100_000]


def _files(message: EmailMessage) -> list[ReceivedFile]:
    files = []
    for part in message.iter_attachments():
        content = part.get_payload(decode=True)
        if not isinstance(content, bytes):
            continue
        files.append(
            ReceivedFile(
                filename=(part.get_filename() or "attachment")[:200],
                content_type=part.get_content_type(),
                content=content,
            )
        )
    return files
