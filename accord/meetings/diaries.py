"""Writes for diaries and venues: the availability the scheduling assistant reads."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time

from django.db import transaction

from accord.meetings.errors import MeetingError
from accord.meetings.models import Diary, Leave, Room, Venue, WorkingHours
from accord.organisations.models import Provider, User

Hours = Sequence[tuple[int, time, time]]


def save_diary(
    provider: Provider,
    person: User,
    kind: str,
    hours: Hours,
    *,
    by: User,
    most_per_day: int = 1,
    most_per_week: int = 3,
) -> Diary:
    """Replaces the weekly hours and the limits of one person's diary."""
    if most_per_day < 1 or most_per_week < most_per_day:
        raise MeetingError("The most a week must be at least the most a day, and both at least 1.")
    for weekday, starts, ends in hours:
        if not 0 <= weekday <= 6 or ends <= starts:
            raise MeetingError("Each day's hours must end after they start.")
    with transaction.atomic():
        diary, _ = Diary.objects.update_or_create(
            provider=provider,
            person=person,
            kind=kind,
            defaults={"most_per_day": most_per_day, "most_per_week": most_per_week},
        )
        diary.hours.all().delete()
        WorkingHours.objects.bulk_create(
            [WorkingHours(diary=diary, weekday=d, starts=s, ends=e) for d, s, e in hours]
        )
    return diary


def add_leave(diary: Diary, first_day: date, last_day: date, note: str = "", *, by: User) -> Leave:
    if last_day < first_day:
        raise MeetingError("The last day of leave must be on or after the first.")
    return Leave.objects.create(diary=diary, first_day=first_day, last_day=last_day, note=note)


def add_venue(
    provider: Provider,
    name: str,
    address: str,
    *,
    by: User,
    step_free: bool = False,
    room_name: str = "Main room",
    capacity: int = 8,
) -> Venue:
    if not name.strip() or not address.strip():
        raise MeetingError("Enter the venue's name and address.")
    if capacity < 2:
        raise MeetingError("A room must hold at least 2 people.")
    with transaction.atomic():
        venue = Venue.objects.create(
            provider=provider, name=name.strip(), address=address.strip(), step_free=step_free
        )
        Room.objects.create(
            venue=venue,
            name=room_name.strip() or "Main room",
            capacity=capacity,
            step_free=step_free,
        )
    return venue
