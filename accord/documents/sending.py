"""Sending an issued agreement to every party, through the notifications outbox.

The agreement itself names the child and records what was agreed about them, so it is never
attached to an email (product.md: never a child's name or details in an email or text). Each
party is emailed a secure link of their own instead (accord.documents.links: signed, naming the
agreement and the party, working for 30 days); docs/decisions.md says why. The message gives the
case reference and what to do next. The outbox sends it, retries a failure, never sends the same
party's message twice, and shows each message on the case timeline.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction

from accord.cases.models import Party
from accord.cases.young_person import without_parents_left_out
from accord.documents import links
from accord.documents.models import Agreement
from accord.notifications.models import MessageKind
from accord.notifications.services import queue_email
from accord.organisations.models import User
from accord.rules import today_in_england
from accord.rules.wording import short_date


def agreement_message(agreement: Agreement, link: str, expires_on: date) -> tuple[str, str]:
    """(subject, body). Kept free of the child's and the family's names on purpose."""
    case = agreement.case
    provider = case.provider
    contact = ", ".join(w for w in (provider.phone, provider.email) if w)
    subject = f"Written agreement issued for case {case.reference}"
    body = "\n".join(
        [
            "Hello,",
            "",
            f"{provider.name} has issued the written agreement from the meeting held on "
            f"{short_date(agreement.concluded_on)} (case reference {case.reference}, "
            f"agreement {agreement.number}).",
            "",
            "Download it with this secure link. It is for you only, so please do not forward "
            f"this email. The link works until {short_date(expires_on)}:",
            link,
            "",
            "The agreement is not attached to this email because it contains personal details.",
            "",
            "What to do next:",
            "- Read the agreement and check each point: what will happen, who is responsible "
            "and by when.",
            "- If you are responsible for an action, do it by the date shown and let us know "
            "when it is done.",
            "- If anything in the agreement is wrong, tell us straight away.",
            "",
            f"Contact {provider.name}"
            + (f" on {contact}" if contact else "")
            + f", quoting {case.reference}, if you have a question or the link has stopped "
            "working.",
            "",
            "This email is confidential. If it reached you by mistake, please tell us and "
            "delete it.",
        ]
    )
    return subject, body


def idempotency_key(agreement: Agreement, party: Party) -> str:
    return f"agreement:{agreement.pk}:{party.pk}"


def recipients(parties: Iterable[Party]) -> list[Party]:
    """Each party with an email address; people who share an address get one message."""
    found: dict[str, Party] = {}
    for party in parties:
        if party.email.strip():
            found.setdefault(party.email.strip().lower(), party)
    return list(found.values())


def send_agreement(agreement: Agreement, *, by: User | None = None) -> int:
    """Queues one email per party with an email address (no party sees another's address),
    each with that party's own link to the agreement. Returns how many are queued. Calling it
    again queues nothing more (one idempotency key per agreement and party)."""
    if not agreement.is_issued:
        raise ValueError("Only an issued agreement is sent.")
    case = agreement.case
    expires_on = links.link_expires_on(today_in_england())
    reply_to = case.provider.reply_to_address or None
    # From the date the child becomes a young person, a parent only with their consent.
    parties = recipients(without_parents_left_out(case, case.parties.order_by("pk")))
    with transaction.atomic():
        for party in parties:
            subject, body = agreement_message(
                agreement, links.agreement_link(agreement, party), expires_on
            )
            queue_email(
                case=case,
                to=[party.email.strip()],
                subject=subject,
                body=body,
                idempotency_key=idempotency_key(agreement, party),
                reply_to=reply_to,
                kind=MessageKind.OTHER,
                by=by or agreement.issued_by,
            )
    return len(parties)
