"""Asking every party for feedback once the case is closed, by their own channel, with one
reminder.

Who is asked: the family (parent or carer, young person, representative), a supporter while the
family's consent is in force, the LA and ICB officers, the school, any other professional on the
case, and the case's mediator. Not anyone who has answered. Family members who share an email
address or a phone number get one message between them.

Where each answers:
- a family member reached by email signs in with that address (their case page asks them);
- everyone else (a family member by text or post, an officer, the school, the mediator) gets a
  signed link that needs no account, works once and lasts 60 days (`accord.family.services`).

When: the reminder scan asks on the day the case closes (`queue_feedback_requests`, registered
with `accord.notifications.scans`), and reminds once, 10 working days later, those who have not
answered, while the link still works. Staff may also ask by hand from the case page
(`request_feedback`), at most once a day. Every message carries the case reference and the
service, never a name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse

from accord import rules
from accord.cases.choices import FAMILY_ROLES, PartyRole
from accord.cases.models import Case, Party
from accord.cases.services import CaseError
from accord.cases.states import CaseState
from accord.cases.timeline import EventKind, record_event
from accord.family.models import Feedback, SupporterConsent
from accord.family.services import FEEDBACK_LINK_LIFETIME, feedback_token, mediator_feedback_token
from accord.notifications.channels import route_for
from accord.notifications.messages import Message, absolute_url, render_templates
from accord.notifications.models import Channel, MessageKind, OutboxMessage
from accord.notifications.services import queue_email, queue_to_party
from accord.organisations.models import User
from accord.rules import today_in_england

REMINDER_AFTER_WORKING_DAYS = 10
CHANNEL_WORDS = {Channel.EMAIL: "email", Channel.TEXT: "text message", Channel.LETTER: "post"}


@dataclass(frozen=True)
class Asked:
    """One person asked: a party (by their channel) or the case's mediator (by email)."""

    party: Party | None = None
    mediator: User | None = None

    @property
    def key(self) -> str:
        return (
            f"party-{self.party.pk}" if self.party is not None else f"mediator-{self.mediator_pk}"
        )

    @property
    def mediator_pk(self) -> int:
        assert self.mediator is not None
        return self.mediator.pk


def consented_supporters(case: Case, today: date) -> set[int]:
    return set(
        SupporterConsent.objects.filter(
            case=case, withdrawn_at__isnull=True, until__gte=today
        ).values_list("supporter_id", flat=True)
    )


def still_to_ask(case: Case, today: date) -> list[Asked]:
    """Everyone on the case we can reach who has not answered."""
    answered = set(Feedback.objects.filter(case=case).values_list("party_id", flat=True))
    supporters = consented_supporters(case, today)
    family_addresses: set[str] = set()
    found = []
    for party in case.parties.select_related("case__provider").order_by("pk"):
        if party.pk in answered:
            continue
        if party.role == PartyRole.SUPPORTER and party.pk not in supporters:
            continue
        route = route_for(party)
        if route is None:
            continue
        if party.role in FAMILY_ROLES:
            address = f"{route.channel}:{route.address.lower()}"
            if address in family_addresses:
                continue
            family_addresses.add(address)
        found.append(Asked(party=party))
    mediator = case.mediator
    if (
        mediator is not None
        and mediator.is_active
        and mediator.email
        and not Feedback.objects.filter(case=case, mediator=mediator).exists()
    ):
        found.append(Asked(mediator=mediator))
    return found


def _context(case: Case, link: str, sign_in: bool, reminder: bool) -> dict[str, object]:
    provider = case.provider
    return {
        "reference": case.reference,
        "service": provider.name,
        "contact": " or ".join(w for w in (provider.phone, provider.email) if w),
        "link": link,
        "sign_in": sign_in,
        "reminder": reminder,
        "days": FEEDBACK_LINK_LIFETIME.days,
    }


def feedback_message(case: Case, asked: Asked, *, reminder: bool) -> tuple[Message, str]:
    """(the message, its link) for one person."""
    party = asked.party
    sign_in = False
    if party is None:
        assert asked.mediator is not None
        path = reverse("feedback:give", args=[mediator_feedback_token(case, asked.mediator)])
    else:
        route = route_for(party)
        sign_in = (
            party.role in FAMILY_ROLES and route is not None and route.channel == Channel.EMAIL
        )
        path = (
            reverse("family:sign_in")
            if sign_in
            else reverse("feedback:give", args=[feedback_token(party)])
        )
    link = absolute_url(path, case.provider)
    message = render_templates(
        "family/messages/feedback_request.txt",
        "family/messages/feedback_request_text.txt",
        _context(case, link, sign_in, reminder),
    )
    return message, link


def _queue(case: Case, asked: Asked, key: str, *, reminder: bool, by: User | None) -> str | None:
    """Queues one request or reminder; returns the channel it went by, or None."""
    message, link = feedback_message(case, asked, reminder=reminder)
    kind = MessageKind.FEEDBACK_REMINDER if reminder else MessageKind.FEEDBACK_REQUEST
    if asked.party is not None:
        row = queue_to_party(
            case=case,
            party=asked.party,
            message=message,
            idempotency_key=key,
            kind=kind,
            link=link,
            by=by,
        )
        return row.channel if row is not None else None
    assert asked.mediator is not None
    queue_email(
        case=case,
        to=[asked.mediator.email],
        subject=message.subject,
        body=message.body,
        idempotency_key=f"{key}:{Channel.EMAIL}",
        kind=kind,
        link=link,
        by=by,
    )
    return Channel.EMAIL


def _record(case: Case, channels: list[str], *, reminder: bool, by: User | None) -> None:
    if not channels:
        return
    count = len(channels)
    words = sorted({CHANNEL_WORDS[Channel(c)] for c in channels})
    how = " and ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)
    what = "Feedback reminder sent to" if reminder else "Feedback asked for from"
    record_event(
        case,
        EventKind.FEEDBACK_REQUESTED,
        f"{what} {count} {'person' if count == 1 else 'people'} by {how}",
        {"channels": sorted(channels), "reminder": reminder},
        by=by,
    )


def request_feedback(case: Case, *, by: User | None = None) -> int:
    """Staff ask by hand (the case page's button): everyone not yet answered, by their own
    channel, at most once a day. Returns how many were asked."""
    if case.state != CaseState.CLOSED:
        raise CaseError("Ask for feedback once the case is closed.")
    today = today_in_england()
    asked = still_to_ask(case, today)
    with transaction.atomic():
        channels = [
            channel
            for person in asked
            if (
                channel := _queue(
                    case,
                    person,
                    f"feedback-request:{case.pk}:{person.key}:{today.isoformat()}",
                    reminder=False,
                    by=by,
                )
            )
        ]
        _record(case, channels, reminder=False, by=by)
    return len(channels)


def _already(case: Case, prefix: str) -> bool:
    return OutboxMessage.objects.filter(case=case, idempotency_key__startswith=prefix).exists()


def queue_case_feedback(case: Case, today: date) -> int:
    """On the day the case closes (or the first scan after): everyone asked; 10 working days
    after closing, one reminder to each who was asked and has not answered."""
    closed_on = case.closed_on
    if case.state != CaseState.CLOSED or closed_on is None:
        return 0
    asked = still_to_ask(case, today)
    reminder_due = today >= rules.add_working_days(closed_on, REMINDER_AFTER_WORKING_DAYS)
    sent: list[str] = []
    reminded: list[str] = []
    with transaction.atomic():
        for person in asked:
            base = f"feedback-closure:{case.pk}:{closed_on.isoformat()}:{person.key}"
            asked_by_hand = _already(case, f"feedback-request:{case.pk}:{person.key}:")
            if not asked_by_hand and not _already(case, f"{base}:request:"):
                if not reminder_due:  # a case found only after the reminder's day: not asked
                    channel = _queue(case, person, f"{base}:request", reminder=False, by=None)
                    if channel:
                        sent.append(channel)
                continue
            if reminder_due and not _already(case, f"{base}:reminder:"):
                channel = _queue(case, person, f"{base}:reminder", reminder=True, by=None)
                if channel:
                    reminded.append(channel)
        _record(case, sent, reminder=False, by=None)
        _record(case, reminded, reminder=True, by=None)
    return len(sent) + len(reminded)


def queue_feedback_requests(today: date) -> int:
    """The reminder scan's part: cases closed in the last 60 days (the links' lifetime)."""
    cases = (
        Case.objects.filter(
            state=CaseState.CLOSED,
            closed_on__lte=today,
            closed_on__gte=today - (FEEDBACK_LINK_LIFETIME - timedelta(days=1)),
        )
        .select_related("provider", "mediator")
        .order_by("pk")
    )
    return sum(queue_case_feedback(case, today) for case in cases.iterator(chunk_size=200))
