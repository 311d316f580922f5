"""Calendar files (iCalendar, RFC 5545 / iTIP RFC 5546) for a meeting, built with `icalendar`.

One UID per meeting (Meeting.uid) and a SEQUENCE that goes up on every change, so a calendar
updates the invitation it already holds instead of adding a second one. Times are in
Europe/London with its VTIMEZONE. Nothing about the child goes in: the title names the kind of
meeting and the case reference only, and attendees are named by their role, not their name (a
party may be the young person themselves).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from accord import rules
from accord.meetings import needs
from accord.meetings.models import Attendee, Meeting, MeetingFormat

LONDON = rules.ENGLAND
PRODID = "-//Accord//SEND mediation meetings//EN"

_PARTSTAT = {"confirmed": "ACCEPTED", "declined": "DECLINED", "awaiting": "NEEDS-ACTION"}


def meeting_title(meeting: Meeting) -> str:
    """'Mediation meeting — KM-2026-0042': never the child's name."""
    return f"{meeting.get_kind_display()} — {meeting.case.reference}"


def meeting_place(meeting: Meeting) -> str:
    if meeting.format == MeetingFormat.HYBRID:
        return f"{meeting.venue.strip()} (or online: {meeting.online_link})"
    if meeting.format == MeetingFormat.ONLINE:
        return meeting.online_link
    if meeting.format == MeetingFormat.PHONE:
        return "By phone"
    return meeting.venue.strip()


def when_text(meeting: Meeting) -> str:
    start = timezone.localtime(meeting.starts_at, LONDON)
    end = timezone.localtime(meeting.ends_at, LONDON)
    return f"{start:%A %-d %B %Y}, {start:%H:%M} to {end:%H:%M} (UK time)"


def help_text(meeting: Meeting) -> str:
    provider = meeting.case.provider
    ways = " or ".join(x for x in (provider.phone, provider.email) if x)
    contact = f" on {ways}" if ways else ""
    return (
        f"Need help, or cannot attend? Contact {provider.name}{contact}, "
        f"quoting {meeting.case.reference}."
    )


def joining_lines(meeting: Meeting) -> list[str]:
    """Where to go, or how to join online: the same lines in the calendar and the email."""
    lines = []
    if meeting.format in (MeetingFormat.IN_PERSON, MeetingFormat.HYBRID):
        lines.append(f"Venue: {' '.join(meeting.venue.split())}")
    if meeting.format in (MeetingFormat.ONLINE, MeetingFormat.HYBRID):
        lines.append(f"Join online: {meeting.online_link}")
        if meeting.online_meeting_id:
            lines.append(f"Meeting ID: {meeting.online_meeting_id}")
        if meeting.online_passcode:
            lines.append(f"Passcode: {meeting.online_passcode}")
    if meeting.format == MeetingFormat.PHONE:
        lines.append("By phone: we will call you at the time of the meeting.")
    if meeting.test_run_offered:
        lines.append("A test run of the online meeting is available: ask us to book one.")
    return lines


def description(meeting: Meeting) -> str:
    lines = [
        f"{meeting.get_kind_display()} for case {meeting.case.reference}.",
        f"When: {when_text(meeting)}",
        *joining_lines(meeting),
        *needs.message_lines(meeting),
        "",
        help_text(meeting),
    ]
    if meeting.cancelled_at is not None:
        lines.insert(0, "This meeting has been cancelled.")
    return "\n".join(lines)


def _address(email: str, name: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = vText(name)
    return address


def _organizer(meeting: Meeting) -> vCalAddress:
    provider = meeting.case.provider
    email = provider.email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return _address(email, provider.name)


def _attendee(attendee: Attendee) -> vCalAddress:
    address = _address(attendee.party.email, attendee.party.get_role_display())
    address.params["ROLE"] = vText("REQ-PARTICIPANT")
    address.params["PARTSTAT"] = vText(_PARTSTAT[attendee.reply])
    address.params["RSVP"] = vText("TRUE")
    return address


def _timezone_for(day: date) -> Timezone:
    # Only the rules that apply around the meeting, not every change since 1970.
    return Timezone.from_tzinfo(
        LONDON,
        "Europe/London",
        first_date=date(day.year, 1, 1),
        last_date=date(day.year + 1, 12, 31),
    )


def meeting_calendar(meeting: Meeting, *, now: datetime | None = None) -> Calendar:
    cancelled = meeting.cancelled_at is not None
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    start = timezone.localtime(meeting.starts_at, LONDON)
    calendar.add_component(_timezone_for(start.date()))

    event = Event()
    event.add("uid", str(meeting.uid))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", (now or timezone.now()).astimezone(UTC))
    event.add("dtstart", start)
    event.add("dtend", timezone.localtime(meeting.ends_at, LONDON))
    event.add("summary", meeting_title(meeting))
    event.add("location", meeting_place(meeting))
    event.add("description", description(meeting))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("organizer", _organizer(meeting))
    mediator = meeting.mediator
    if mediator is not None and mediator.email:
        chair = _address(mediator.email, "Mediator")
        chair.params["ROLE"] = vText("CHAIR")
        event.add("attendee", chair, encode=False)
    for attendee in meeting.attendees.select_related("party"):
        if attendee.party.email:
            event.add("attendee", _attendee(attendee), encode=False)
    calendar.add_component(event)
    return calendar


def meeting_ics(meeting: Meeting, *, now: datetime | None = None) -> bytes:
    return meeting_calendar(meeting, now=now).to_ical()


def ics_filename(meeting: Meeting) -> str:
    start = timezone.localtime(meeting.starts_at, LONDON)
    return f"{meeting.case.reference}-{meeting.kind}-{start:%Y-%m-%d}.ics"


def ics_content_type(meeting: Meeting) -> str:
    method = "CANCEL" if meeting.cancelled_at is not None else "REQUEST"
    return f"text/calendar; method={method}; charset=utf-8"
