"""Sending an issued agreement to every party.

One function, so the notifications outbox can take it over later. The message gives the case
reference and what to do next, and never the child's name or details (product.md): those are
only in the attached agreement itself.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from accord.cases.services import record_event
from accord.documents.models import Agreement
from accord.rules.wording import short_date


def agreement_message(agreement: Agreement) -> tuple[str, str]:
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
            f"{short_date(agreement.concluded_on)} (case reference {case.reference}). "
            f"It is attached as {agreement.number}.pdf.",
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
            + f", quoting {case.reference}.",
            "",
            "This email and its attachment are confidential. If it reached you by mistake, "
            "please tell us and delete it.",
        ]
    )
    return subject, body


def send_agreement(agreement: Agreement) -> int:
    """Email the issued agreement to each party with an email address, one message each (no
    party sees another's address). Returns how many were sent; the timeline records who."""
    if not agreement.is_issued:
        raise ValueError("Only an issued agreement is sent.")
    case = agreement.case
    recipients = [p for p in case.parties.all() if p.email]
    subject, body = agreement_message(agreement)
    with agreement.pdf.open("rb") as handle:
        attachment = handle.read()
    reply_to = [case.provider.email] if case.provider.email else None
    messages = []
    for party in recipients:
        message = EmailMessage(
            subject, body, settings.DEFAULT_FROM_EMAIL, [party.email], reply_to=reply_to
        )
        message.attach(f"{agreement.number}.pdf", attachment, "application/pdf")
        messages.append(message)
    sent = (get_connection().send_messages(messages) or 0) if messages else 0
    record_event(
        case,
        None,
        "agreement_sent",
        f"Agreement {agreement.number} emailed to {sent} " + ("person" if sent == 1 else "people"),
        {"to": [p.name for p in recipients]},
    )
    return sent
