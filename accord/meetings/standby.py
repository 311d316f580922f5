"""A cancelled meeting's time offered to the standby list.

When a meeting is cancelled, the cases of the provider on the standby list (nearest deadline
first) are tried in turn with the freed time: the same mediator, times, format and room. The
first case it suits (every check a booking makes: the 30-day clock, the mediator's eligibility
and diary, the room, and 5 working days' notice, or the shorter notice the family agreed) is
told: an entry on its history, and an email to its coordinator (else the service managers) with
the link to find a time for it. Nothing is booked, and no family is sent anything, until the
coordinator sends the parties times: the standby case's parties still pick (proposals.py).
"""

from __future__ import annotations

from django.db.models import F
from django.urls import reverse

from accord import rules
from accord.cases.choices import Route
from accord.cases.models import Case
from accord.cases.timeline import EventKind, record_event
from accord.meetings import ics
from accord.meetings.booking_checks import check_booking
from accord.meetings.details import MeetingDetails
from accord.meetings.errors import MeetingError
from accord.meetings.models import Meeting, MeetingKind, SchedulingPreference
from accord.notifications.messages import absolute_url
from accord.notifications.models import MessageKind
from accord.notifications.services import queue_email
from accord.organisations.models import Membership, User
from accord.organisations.roles import Role
from accord.rules import date_in_england, today_in_england

TRIED = 10  # standby cases tried, nearest deadline first


def standby_cases(meeting: Meeting) -> list[Case]:
    case = meeting.case
    return list(
        Case.objects.filter(
            provider_id=case.provider_id,
            standby_entries__removed_at__isnull=True,
            standby_entries__isnull=False,
        )
        .exclude(pk=case.pk)
        .exclude(state="closed")
        .select_related("provider", "coordinator")
        .order_by(F("next_deadline_on").asc(nulls_last=True), "pk")
        .distinct()[:TRIED]
    )


def freed_details(meeting: Meeting, case: Case) -> MeetingDetails:
    kind = (
        MeetingKind.DISAGREEMENT_RESOLUTION
        if case.route == Route.DISAGREEMENT_RESOLUTION
        else MeetingKind.MEDIATION
    )
    return MeetingDetails(
        kind=kind,
        format=meeting.format,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        mediator=meeting.mediator,
        venue=meeting.venue,
        online_link=meeting.online_link,
        online_meeting_id=meeting.online_meeting_id,
        online_passcode=meeting.online_passcode,
        room=meeting.room,
    )


def suits(meeting: Meeting, case: Case) -> bool:
    """The freed time passes every check booking it for `case` today would make."""
    shorter = SchedulingPreference.objects.filter(case=case, agreed_shorter_notice=True).exists()
    day = date_in_england(meeting.starts_at)
    if not rules.notice_is_sufficient(today_in_england(), day, shorter):
        return False
    try:
        check_booking(case, freed_details(meeting, case), confirm_after_deadline=False)
    except MeetingError:
        return False
    return True


def first_suitable(meeting: Meeting) -> Case | None:
    if meeting.mediator is None or date_in_england(meeting.starts_at) <= today_in_england():
        return None
    return next((case for case in standby_cases(meeting) if suits(meeting, case)), None)


def _tell(case: Case) -> list[User]:
    if case.coordinator is not None and case.coordinator.is_active and case.coordinator.email:
        return [case.coordinator]
    managers = Membership.objects.filter(
        provider_id=case.provider_id, role=Role.SERVICE_MANAGER, user__is_active=True
    ).select_related("user")
    return [m.user for m in managers.order_by("user__email") if m.user.email]


def offer_freed_time(meeting: Meeting, *, by: User | None) -> Case | None:
    """Called in the cancelling transaction: the first standby case the freed time suits is
    told, once for this cancellation. Returns that case, or None."""
    case = first_suitable(meeting)
    if case is None:
        return None
    when = ics.when_text(meeting)
    record_event(
        case,
        EventKind.STANDBY,
        f"A cancellation freed a time that suits this case: {when}, with the same mediator. "
        "Send the parties times to offer it",
        {"freed_by_meeting": str(meeting.uid)},
        by=by,
    )
    link = absolute_url(reverse("meetings:times", args=[case.reference]), case.provider)
    service = case.provider.name
    for person in _tell(case):
        queue_email(
            case=case,
            to=[person.email],
            subject=f"A time has come free for case {case.reference} on the standby list",
            body=(
                "Hello,\n\n"
                f"A meeting was cancelled, and the time it freed suits case {case.reference}, "
                f"the first case on the standby list it fits: {when}, with the same mediator. "
                "It is before the case's 30-day deadline and leaves the family notice.\n\n"
                "What to do next: send the parties times to choose from, including this one, "
                "so that they can take it:\n\n"
                f"{link}\n\n{service}\n"
            ),
            idempotency_key=f"standby-offer:{meeting.uid}:{meeting.sequence}:{person.pk}",
            kind=MessageKind.STANDBY_OFFER,
            link=link,
            by=by,
        )
    return case
