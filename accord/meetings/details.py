"""What a coordinator enters to book or change a meeting, and the checks it must pass on its own:
the times, the place, and a kind of meeting that fits the case's route.

Each check raises `MeetingError` with a message a coordinator can act on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from accord.cases.choices import MEDIATION_ROUTES, Route
from accord.cases.models import Case
from accord.meetings.errors import MeetingError
from accord.meetings.models import MeetingFormat, MeetingKind, Room
from accord.organisations.models import User
from accord.rules import date_in_england

# A mediation meeting lasts about 4-5 hours (product.md); anything over this is a typing slip.
LONGEST_MEETING = timedelta(hours=10)


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
    co_mediator: User | None = None
    observer: User | None = None
    room: Room | None = None

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
    if details.room is not None and not in_person:
        raise MeetingError("Only a meeting in person needs a room: an online meeting has none.")


def check_kind_fits_route(case: Case, kind: str) -> None:
    if kind not in MeetingKind.values:
        raise MeetingError("Choose what kind of meeting this is.")
    if kind == MeetingKind.MEDIATION and case.route not in MEDIATION_ROUTES:
        raise MeetingError("A mediation meeting is only booked for a case on the mediation route.")
    if kind == MeetingKind.DISAGREEMENT_RESOLUTION and case.route != Route.DISAGREEMENT_RESOLUTION:
        raise MeetingError(
            "A disagreement resolution meeting is only booked for a case on that route."
        )
