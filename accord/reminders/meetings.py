"""Meeting reminders: the day before a booked meeting, to every attendee and the mediator. An
attendee gets it by their own channel (accord.notifications.channels): an email with the
meeting's calendar file, or a text, or a letter (the email's words on paper, without the
calendar file). The mediator gets an email."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from accord.cases.choices import FAMILY_ROLES
from accord.cases.models import Party
from accord.meetings import ics
from accord.meetings.models import Meeting
from accord.notifications import messages
from accord.notifications.channels import route_for
from accord.notifications.models import Channel, MessageKind, OutboxMessage
from accord.notifications.services import Attachment, queue_email, queue_to_party

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class MeetingReminder:
    meeting: Meeting
    email: str
    professional: bool
    attachments: tuple[Attachment, ...] = field(default=())
    # An attendee who asked for texts or post: sent by that channel (email is empty).
    party: Party | None = None
    channel: Channel = Channel.EMAIL

    @property
    def _party_key(self) -> str:
        start = timezone.localtime(self.meeting.starts_at).isoformat()
        assert self.party is not None
        return f"meeting-reminder:{self.meeting.uid}:{start}:party-{self.party.pk}"

    @property
    def idempotency_key(self) -> str:
        # A meeting moved to another day gets a fresh reminder; the same day never a second.
        if self.party is not None:
            return f"{self._party_key}:{self.channel}"  # as queue_to_party stores it
        start = timezone.localtime(self.meeting.starts_at).isoformat()
        return f"meeting-reminder:{self.meeting.uid}:{start}:{self.email.lower()}"

    def queue(self) -> OutboxMessage | None:
        meeting = self.meeting
        message = messages.meeting_reminder(
            meeting.case,
            kind=meeting.get_kind_display(),
            format_label=meeting.get_format_display(),
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            venue=" ".join(meeting.venue.split()),
            online_link=meeting.online_link,
            online_meeting_id=meeting.online_meeting_id,
            online_passcode=meeting.online_passcode,
            for_staff=self.professional,
        )
        provider = meeting.case.provider
        if self.party is not None:
            return queue_to_party(
                case=meeting.case,
                party=self.party,
                message=messages.Message(message.subject, message.body, text_for(meeting)),
                idempotency_key=self._party_key,
                kind=MessageKind.MEETING_REMINDER,
                link=messages.absolute_url(reverse("portal:home"), provider),
            )
        return queue_email(
            case=meeting.case,
            to=[self.email],
            subject=message.subject,
            body=message.body,
            idempotency_key=self.idempotency_key,
            attachments=self.attachments,
            reply_to=provider.reply_to_address or None,
            kind=MessageKind.MEETING_REMINDER,
        )


def meetings_on(day: date) -> QuerySet[Meeting]:
    """Booked meetings (not cancelled, not yet held) that start on `day`, local time."""
    start = timezone.make_aware(datetime.combine(day, time.min))
    return (
        Meeting.objects.filter(
            starts_at__gte=start,
            starts_at__lt=start + timedelta(days=1),
            cancelled_at__isnull=True,
            held=False,
        )
        .exclude(case__state="closed")
        .select_related("case__provider", "case__child", "mediator")
        .order_by("starts_at", "pk")
    )


def reminders_for(meeting: Meeting) -> list[MeetingReminder]:
    """One reminder per address: every attendee who has not declined, and the mediator.
    Families get the public information link; professionals the case page."""
    attachments = calendar_attachment(meeting)
    found: dict[str, MeetingReminder] = {}
    for attendee in meeting.attendees.select_related("party").order_by("pk"):
        party = attendee.party
        if attendee.declined:
            continue
        route = route_for(party)
        if route is not None and route.channel != Channel.EMAIL:
            found.setdefault(
                f"party-{party.pk}",
                MeetingReminder(
                    meeting, "", party.role not in FAMILY_ROLES, (), party, route.channel
                ),
            )
            continue
        if not party.email:
            continue
        found.setdefault(
            party.email.lower(),
            MeetingReminder(meeting, party.email, party.role not in FAMILY_ROLES, attachments),
        )
    mediator = meeting.mediator
    if mediator is not None and mediator.is_active and mediator.email:
        found.setdefault(
            mediator.email.lower(), MeetingReminder(meeting, mediator.email, True, attachments)
        )
    return list(found.values())


def calendar_attachment(meeting: Meeting) -> tuple[Attachment, ...]:
    """The meeting's .ics from accord.meetings.ics, attached to its reminder."""
    return ((ics.ics_filename(meeting), ics.meeting_ics(meeting), ics.ics_content_type(meeting)),)


def text_for(meeting: Meeting) -> str:
    """The reminder as a text: what, when, where, and who to call."""
    provider = meeting.case.provider
    start = timezone.localtime(meeting.starts_at, ics.LONDON)
    contact = " or ".join(w for w in (provider.phone, provider.email) if w)
    return (
        f"{provider.name}: a reminder, the {meeting.get_kind_display().lower()} for case "
        f"{meeting.case.reference} is tomorrow, {start:%A} {start.day} {start:%B} at "
        f"{start:%H:%M}. {ics.meeting_place(meeting)}. Cannot come? Contact {contact or 'us'}."
    )
