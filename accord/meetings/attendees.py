"""Who may be invited to a meeting: only people on the case."""

from __future__ import annotations

from collections.abc import Iterable

from accord.cases.models import Case, Party
from accord.meetings.errors import MeetingError


def check_attendees(case: Case, parties: Iterable[Party]) -> list[Party]:
    """The parties chosen, as a list; raises `MeetingError` if any is not on this case."""
    chosen = list(parties)
    strangers = [p for p in chosen if p.case_id != case.pk]
    if strangers:
        raise MeetingError("Attendees must be people on this case.")
    return chosen
