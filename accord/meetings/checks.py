"""The checks a meeting must pass before it is booked or changed.

Each check raises `MeetingError` with a message a coordinator can act on. Statutory dates come
from `accord.rules`; nothing here counts days itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from accord import rules
from accord.cases.choices import MEDIATION_ROUTES, PartyRole, Route
from accord.cases.models import Case, Party
from accord.cases.services import CaseError
from accord.meetings.models import Meeting, MeetingFormat, MeetingKind
from accord.organisations.models import Membership, User
from accord.organisations.roles import Role
from accord.rules import date_in_england, today_in_england

# A mediation meeting lasts about 4-5 hours (product.md); anything over this is a typing slip.
LONGEST_MEETING = timedelta(hours=10)

# Disagreement resolution is voluntary for everyone (CoP 11.6): these parties must agree first.
DR_OTHER_PARTY_ROLES = frozenset(
    {PartyRole.LA_OFFICER, PartyRole.ICB_OFFICER, PartyRole.SCHOOL_STAFF}
)


class MeetingError(CaseError):
    """A booking that the rules do not allow; the message says why and what to do."""


class NeedsConfirmation(MeetingError):
    """The booking is allowed only if the person booking confirms a warning they have read."""


@dataclass(frozen=True)
class MeetingDetails:
    """What a coordinator enters to book or change a meeting."""

    kind: str
    format: str
    starts_at: datetime
    ends_at: datetime
    mediator: User | None = None
    venue: str = ""
    online_link: str = ""
    online_meeting_id: str = ""
    online_passcode: str = ""
    test_run_offered: bool = False

    @property
    def meeting_date(self) -> date:
        return date_in_england(self.starts_at)


def check_times(details: MeetingDetails) -> None:
    if timezone.is_naive(details.starts_at) or timezone.is_naive(details.ends_at):
        raise MeetingError("The start and end need a time zone.")
    if details.ends_at <= details.starts_at:
        raise MeetingError("The meeting must end after it starts.")
    if details.ends_at - details.starts_at > LONGEST_MEETING:
        raise MeetingError("Check the end time: the meeting would last more than 10 hours.")


def check_place(details: MeetingDetails) -> None:
    """An online meeting needs its link; a meeting in person needs its venue."""
    online = details.format in (MeetingFormat.ONLINE, MeetingFormat.HYBRID)
    in_person = details.format in (MeetingFormat.IN_PERSON, MeetingFormat.HYBRID)
    if details.format not in MeetingFormat.values:
        raise MeetingError("Choose how the meeting is held.")
    if online and not details.online_link.strip():
        raise MeetingError("An online meeting needs the link people use to join it.")
    if in_person and not details.venue.strip():
        raise MeetingError("A meeting in person needs the venue's address.")


def check_kind_fits_route(case: Case, kind: str) -> None:
    if kind not in MeetingKind.values:
        raise MeetingError("Choose what kind of meeting this is.")
    if kind == MeetingKind.MEDIATION and case.route not in MEDIATION_ROUTES:
        raise MeetingError("A mediation meeting is only booked for a case on the mediation route.")
    if kind == MeetingKind.DISAGREEMENT_RESOLUTION and case.route != Route.DISAGREEMENT_RESOLUTION:
        raise MeetingError(
            "A disagreement resolution meeting is only booked for a case on that route."
        )


def check_mediator(case: Case, mediator: User | None, *, required: bool) -> None:
    """The mediator must be one of the provider's mediators and independent of the LA."""
    if mediator is None:
        if required:
            raise MeetingError("Choose the mediator.")
        return
    membership = Membership.objects.filter(
        user=mediator, provider_id=case.provider_id, role=Role.MEDIATOR
    ).first()
    if membership is None:
        raise MeetingError(f"{mediator} is not a mediator of {case.provider}.")
    # SEND Regs 2014: the mediator must not be employed by the local authority (rules.md,
    # "Mediator independence"; CoP 11.33).
    if membership.employed_by_local_authority_id == case.local_authority_id:
        raise MeetingError(
            f"{mediator} is employed by {case.local_authority} and cannot mediate its cases: "
            "choose an independent mediator."
        )


def lock_mediator_diary(case: Case, mediator: User) -> None:
    """Serialises bookings for one mediator in one provider: the row lock is held until the
    booking transaction ends, so two parallel bookings cannot both pass the overlap check
    (PostgreSQL; SQLite serialises every write transaction anyway)."""
    list(
        Membership.objects.select_for_update()
        .filter(user=mediator, provider_id=case.provider_id, role=Role.MEDIATOR)
        .values_list("pk", flat=True)
    )


def clashing_meetings(
    case: Case, mediator: User, starts_at: datetime, ends_at: datetime, exclude: int | None = None
) -> QuerySet[Meeting]:
    """Active meetings of this mediator, on any of the provider's cases, that overlap the slot.
    Meetings that merely touch (one ends as the other starts) do not overlap."""
    clashes = Meeting.objects.filter(
        case__provider_id=case.provider_id,
        mediator=mediator,
        cancelled_at__isnull=True,
        starts_at__lt=ends_at,
        ends_at__gt=starts_at,
    ).select_related("case")
    if exclude is not None:
        clashes = clashes.exclude(pk=exclude)
    return clashes


def check_not_double_booked(
    case: Case, details: MeetingDetails, exclude: int | None = None
) -> None:
    """A mediator is never double-booked (product.md). Call inside the booking transaction."""
    if details.mediator is None:
        return
    lock_mediator_diary(case, details.mediator)
    clash = clashing_meetings(
        case, details.mediator, details.starts_at, details.ends_at, exclude
    ).first()
    if clash is not None:
        start = timezone.localtime(clash.starts_at)
        end = timezone.localtime(clash.ends_at)
        raise MeetingError(
            f"{details.mediator} is already booked from {start:%H:%M} to {end:%H:%M} on "
            f"{start:%-d %B %Y} ({clash.get_kind_display().lower()}, case "
            f"{clash.case.reference}). Choose another time or another mediator."
        )


def mediation_held_by(case: Case) -> date | None:
    """The last day for the mediation to take place, or None if the clock has not started.

    SEND Regs regs 35-37: 30 days from the day the LA received the family's notice; for
    health-only mediation, from the day the ICB was told the issues (reg 36)."""
    if case.route not in MEDIATION_ROUTES:
        return None
    if case.route == Route.HEALTH_ONLY_MEDIATION and case.health_body_notified_on:
        return rules.mediation_due(case.health_body_notified_on)
    if case.la_notified_on:
        return rules.mediation_due(case.la_notified_on)
    return None


def check_thirty_day_clock(case: Case, details: MeetingDetails, confirmed: bool) -> str:
    """A mediation meeting after the last day needs an explicit confirmation. Returns the
    warning (empty when the date is in time) so the booking can record it."""
    if details.kind != MeetingKind.MEDIATION:
        return ""
    due = mediation_held_by(case)
    if due is None or details.meeting_date <= due:
        return ""
    warning = (
        f"The meeting on {details.meeting_date:%-d %B %Y} is after {due:%-d %B %Y}, the last "
        "day for the mediation (30 days, SEND Regs regs 35-37). The LA must tell the mediation "
        "adviser that it cannot be held in time, and a certificate is then due within 3 "
        "working days (reg 37)."
    )
    if not confirmed:
        raise NeedsConfirmation(warning + " Tick the box to confirm you want this date.")
    return warning


def parties_yet_to_agree_to_dr(case: Case) -> list[Party]:
    others = list(case.parties.filter(role__in=DR_OTHER_PARTY_ROLES))
    return [p for p in others if p.dr_consent is not True]


def check_dr_consent(case: Case, kind: str) -> None:
    """Disagreement resolution is voluntary for everyone (SEND Code of Practice 11.6): the LA,
    ICB or school taking part must have agreed before a meeting is booked."""
    if kind != MeetingKind.DISAGREEMENT_RESOLUTION:
        return
    others = case.parties.filter(role__in=DR_OTHER_PARTY_ROLES)
    if not others.exists():
        raise MeetingError(
            "Add the other party (the LA, ICB or school) to the case and record that they "
            "agree to take part before booking the meeting."
        )
    missing = parties_yet_to_agree_to_dr(case)
    if missing:
        names = ", ".join(p.name for p in missing)
        raise MeetingError(
            f"Disagreement resolution is voluntary (SEND Code of Practice 11.6): record that "
            f"{names} agreed to take part before booking the meeting."
        )


def check_attendees(case: Case, parties: Iterable[Party]) -> list[Party]:
    chosen = list(parties)
    strangers = [p for p in chosen if p.case_id != case.pk]
    if strangers:
        raise MeetingError("Attendees must be people on this case.")
    return chosen


def check_notice_date(notice_sent_on: date | None, meeting_date: date) -> None:
    if notice_sent_on is None:
        return
    if notice_sent_on > meeting_date:
        raise MeetingError(
            "Notice cannot have been sent after the meeting: check the date notice was sent."
        )
    if notice_sent_on > today_in_england():
        raise MeetingError("Notice cannot be recorded as sent in the future.")
