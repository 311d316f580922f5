"""The link each party is sent to pick times: signed with the site's secret key and a salt of
its own (django.core.signing.TimestampSigner), naming the responder, working for 14 days, and
needing no account (docs/decisions.md, "Secure links"). The emails go through the outbox; like
every message they name no person and carry nothing about the child (product.md).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.signing import BadSignature, SignatureExpired, TimestampSigner
from django.urls import reverse
from django.utils import timezone

from accord.meetings.errors import MeetingError
from accord.meetings.models import ProposalRound, Responder
from accord.notifications.models import MessageKind
from accord.notifications.services import queue_email
from accord.organisations.models import User

LINK_LIFETIME = timedelta(days=14)
SALT = "accord.meetings.pick-times"


def _signer() -> TimestampSigner:
    return TimestampSigner(salt=SALT)


def responder_token(responder: Responder) -> str:
    return _signer().sign(str(responder.pk))


def pick_link(responder: Responder) -> str:
    path = reverse("meeting_times:pick", args=[responder_token(responder)])
    return settings.ACCORD_BASE_URL.rstrip("/") + path


def open_token(token: str) -> Responder:
    """The responder a link names, or MeetingError saying why it cannot be used."""
    try:
        value = _signer().unsign(token, max_age=LINK_LIFETIME)
    except SignatureExpired:
        raise MeetingError("This link has expired: contact us for a new one.") from None
    except BadSignature:
        raise MeetingError("This link is not one we sent. Check it was copied in full.") from None
    responder = (
        Responder.objects.select_related("round__case__provider", "party", "person")
        .filter(pk=int(value) if value.isdigit() else 0)
        .first()
    )
    if responder is None:
        raise MeetingError("These times are no longer open: we will send new ones.")
    return responder


def _email_of(responder: Responder) -> str:
    if responder.party is not None:
        return responder.party.email.strip()
    return responder.person.email.strip() if responder.person else ""


def message_for(round_: ProposalRound, responder: Responder) -> tuple[str, str]:
    reference = round_.case.reference
    kind = round_.get_kind_display().lower()
    times = [
        f"- {timezone.localtime(t.starts_at):%A %-d %B %Y, %H:%M} to "
        f"{timezone.localtime(t.ends_at):%H:%M}"
        for t in round_.times.all()
        if responder.person_id is None or t.mediator_id == responder.person_id
    ]
    subject = f"Choose times for the {kind} — {reference}"
    body = "\n".join(
        [
            "Hello,",
            "",
            f"We are arranging the {kind} for case {reference}. These times are possible:",
            "",
            *times,
            "",
            "What to do next:",
            "- Open the link below and tick every time you can make (or say none suits).",
            "- When everyone has answered, we book the time that suits all and send the "
            "invitation with a calendar file.",
            "",
            f"Choose your times: {pick_link(responder)}",
            f"The link works for {LINK_LIFETIME.days} days.",
            "",
            f"Case reference: {reference}",
        ]
    )
    return subject, body


def send_round_messages(round_: ProposalRound, *, by: User | None) -> int:
    """One email per responder with an address, in the outbox (same transaction)."""
    sent = 0
    for responder in round_.responders.select_related("party", "person"):
        email = _email_of(responder)
        if not email:
            continue
        subject, body = message_for(round_, responder)
        queue_email(
            case=round_.case,
            to=[email],
            subject=subject,
            body=body,
            idempotency_key=f"pick-times:{round_.pk}:{responder.pk}",
            reply_to=round_.case.provider.email or None,
            kind=MessageKind.MEETING_INVITATION,
            by=by,
        )
        sent += 1
    return sent
