"""Telling the family about their information and advice call, each by their own channel:
booked, moved (with the time, who will call and a calendar file) and, the day before, a reminder
(accord.reminders queues it with `queue_advice_call_reminder`).

The words name the adviser (a member of staff) and the number they will call, never the child or
the family. Queued in the booking's transaction; a call moved again sends again (the key names
the time), the same booking twice sends once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from accord import rules
from accord.cases.models import Party
from accord.cases.young_person import family_recipients
from accord.meetings.models import MiasCall
from accord.notifications.messages import Message, absolute_url, render_templates
from accord.notifications.models import MessageKind, OutboxMessage
from accord.notifications.services import queue_to_party
from accord.organisations.models import User

CALL_LENGTH = timedelta(minutes=30)


def _when(moment: datetime) -> str:
    local = timezone.localtime(moment, rules.ENGLAND)
    hour = local.hour % 12 or 12
    suffix = "am" if local.hour < 12 else "pm"
    time = f"{hour}{suffix}" if local.minute == 0 else f"{hour}:{local.minute:02d}{suffix}"
    return f"{local:%A} {local.day} {local:%B %Y} at {time}"


def advice_call_message(call: MiasCall, *, moved: bool, reminder: bool) -> Message:
    assert call.scheduled_for is not None
    case = call.case
    provider = case.provider
    adviser = (call.adviser.full_name if call.adviser else "") or "A mediation adviser"
    return render_templates(
        "meetings/messages/advice_call.txt",
        "meetings/messages/advice_call_text.txt",
        {
            "reference": case.reference,
            "when": _when(call.scheduled_for),
            "adviser": adviser,
            "phone": call.phone_number,
            "moved": moved,
            "reminder": reminder,
            "service": provider.name,
            "contact": " or ".join(w for w in (provider.phone, provider.email) if w),
            "link": absolute_url(reverse("portal:home")),
        },
    )


def advice_call_ics(call: MiasCall) -> bytes:
    """The call as a calendar event: the case reference and the service, nothing about the
    child. The UID is the call's, so a moved call replaces the first in a calendar."""
    assert call.scheduled_for is not None
    calendar = Calendar()
    calendar.add("prodid", "-//Accord//SEND mediation advice calls//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    domain = settings.ACCORD_BASE_URL.split("//")[-1].split("/")[0] or "accord.localhost"
    event.add("uid", f"advice-call-{call.pk}@{domain}")
    event.add("sequence", int(timezone.now().timestamp()) // 60 % 2_000_000_000)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", call.scheduled_for)
    event.add("dtend", call.scheduled_for + CALL_LENGTH)
    event.add("summary", f"Information and advice call — {call.case.reference}")
    event.add("description", f"{call.case.provider.name} will phone {call.phone_number}.")
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def family_parties(call: MiasCall) -> list[Party]:
    # From the date the child becomes a young person, the young person is the party.
    return family_recipients(call.case)


def send_advice_call_booked(call: MiasCall, *, moved: bool, by: User | None) -> int:
    message = advice_call_message(call, moved=moved, reminder=False)
    assert call.scheduled_for is not None
    attachment = ("advice-call.ics", advice_call_ics(call), "text/calendar; method=PUBLISH")
    queued = 0
    for party in family_parties(call):
        row = queue_to_party(
            case=call.case,
            party=party,
            message=message,
            idempotency_key=f"advice-call:{call.pk}:{call.scheduled_for.isoformat()}:{party.pk}",
            kind=MessageKind.ADVICE_CALL,
            link=absolute_url(reverse("portal:home")),
            attachments=[attachment],
            by=by,
        )
        queued += row is not None
    return queued


def queue_advice_call_reminder(call: MiasCall) -> list[OutboxMessage]:
    """The day-before reminder to each family member (the reminder scan calls it)."""
    assert call.scheduled_for is not None
    message = advice_call_message(call, moved=False, reminder=True)
    rows = []
    for party in family_parties(call):
        row = queue_to_party(
            case=call.case,
            party=party,
            message=message,
            idempotency_key=(
                f"advice-call-reminder:{call.pk}:{call.scheduled_for.isoformat()}:{party.pk}"
            ),
            kind=MessageKind.ADVICE_CALL_REMINDER,
            link=absolute_url(reverse("portal:home")),
            by=None,
        )
        if row is not None:
            rows.append(row)
    return rows
