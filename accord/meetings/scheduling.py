"""The scheduling assistant's reads: a case's diaries, rooms and preferences turned into data
for the pure `accord.meetings.slots.propose`, and its answer turned back into people and rooms.

A handful of queries whatever the caseload: the mediators' diaries (with hours, leave and
areas), their meetings and open cases in the window, the rooms and their meetings
(bench/scheduling.py measures it at 100,000 cases).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count

from accord.cases.models import Case
from accord.cases.states import CaseState
from accord.meetings import slots
from accord.meetings.deadline import mediation_held_by
from accord.meetings.mediator import eligible_mediators
from accord.meetings.models import (
    Diary,
    DiaryKind,
    Leave,
    Meeting,
    MeetingFormat,
    Room,
    SchedulingPreference,
    WorkingHours,
)
from accord.organisations.models import User
from accord.rules import ENGLAND

MEETING_LENGTH = timedelta(hours=5)  # a mediation lasts about 4-5 hours (product.md)
# When the case has no 30-day clock (disagreement resolution), look this far ahead.
DEFAULT_HORIZON = timedelta(days=30)
ROOM_FORMATS = frozenset({MeetingFormat.IN_PERSON, MeetingFormat.HYBRID})


@dataclass
class Proposals:
    """What the assistant found for a case. `slots` ranked best first; `problem` says in plain
    words why there are none (and `cannot_be_held_in_time` whether the certificate path is the
    way forward)."""

    window: slots.Window
    deadline: date | None
    slots: list[slots.Slot]
    mediators: dict[int, User] = field(default_factory=dict)
    rooms: dict[int, Room] = field(default_factory=dict)
    problem: str = ""

    @property
    def cannot_be_held_in_time(self) -> bool:
        return self.deadline is not None and not self.slots


def window_for(case: Case, today: date, *, agreed_shorter: bool | None = None) -> slots.Window:
    deadline = mediation_held_by(case)
    last_day = deadline if deadline is not None else today + DEFAULT_HORIZON
    if agreed_shorter is None:
        pref = SchedulingPreference.objects.filter(case=case).first()
        agreed_shorter = bool(pref and pref.agreed_shorter_notice)
    return slots.booking_window(today, last_day, family_agreed_shorter=agreed_shorter)


def _week_bounds(window: slots.Window) -> tuple[datetime, datetime]:
    """From the Monday of the first week to the end of the last week: the weekly maximum
    counts meetings just outside the window too."""
    monday = window.first_day - timedelta(days=window.first_day.weekday())
    sunday = window.last_day + timedelta(days=6 - window.last_day.weekday())
    start = datetime.combine(monday, time.min, tzinfo=ENGLAND)
    return start, datetime.combine(sunday + timedelta(days=1), time.min, tzinfo=ENGLAND)


def mediator_diaries(
    case: Case, window: slots.Window, *, only: User | None = None, moves: int | None = None
) -> tuple[list[slots.MediatorDiary], dict[int, User]]:
    """The diaries of the mediators who may take this case (and cover its area, when they
    name areas): hours, leave, meetings and open cases."""
    eligible = {m.user_id: m.user for m in eligible_mediators(case)}
    if only is not None:
        eligible = {k: v for k, v in eligible.items() if k == only.pk}
    diaries = list(
        Diary.objects.filter(
            provider_id=case.provider_id, kind=DiaryKind.MEDIATOR, person_id__in=eligible
        )
    )
    areas: dict[int, set[int]] = defaultdict(set)
    for diary_id, la_id in Diary.areas.through.objects.filter(
        diary_id__in=[d.pk for d in diaries]
    ).values_list("diary_id", "localauthority_id"):
        areas[diary_id].add(la_id)
    # A mediator who names areas covers only those; naming none, they cover every area.
    diaries = [d for d in diaries if not areas[d.pk] or case.local_authority_id in areas[d.pk]]
    ids = [d.person_id for d in diaries]
    bookings = _bookings(case, ids, window, moves)
    hours: dict[int, list[tuple[int, time, time]]] = defaultdict(list)
    for diary_id, weekday, starts, ends in WorkingHours.objects.filter(
        diary_id__in=[d.pk for d in diaries]
    ).values_list("diary_id", "weekday", "starts", "ends"):
        hours[diary_id].append((weekday, starts, ends))
    leave: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for diary_id, first, last in Leave.objects.filter(
        diary_id__in=[d.pk for d in diaries],
        last_day__gte=window.first_day,
        first_day__lte=window.last_day,
    ).values_list("diary_id", "first_day", "last_day"):
        leave[diary_id].append((first, last))
    load = dict(
        Case.objects.filter(provider_id=case.provider_id, mediator_id__in=ids)
        .exclude(state=CaseState.CLOSED)
        .values_list("mediator_id")
        .annotate(n=Count("pk"))
        .values_list("mediator_id", "n")
    )
    found = [
        _diary(d, hours[d.pk], leave[d.pk], bookings[d.person_id], load.get(d.person_id, 0))
        for d in diaries
    ]
    return found, eligible


def _bookings(
    case: Case, ids: list[int], window: slots.Window, moves: int | None = None
) -> dict[int, list[slots.Interval]]:
    """Each person's meetings as mediator, co-mediator or observer around the window: one
    indexed query per chair (an OR across the three would scan the table)."""
    start, end = _week_bounds(window)
    bookings: dict[int, list[slots.Interval]] = defaultdict(list)
    for chair in ("mediator_id", "co_mediator_id", "observer_id"):
        rows = (
            Meeting.objects.filter(
                **{f"{chair}__in": ids},
                case__provider_id=case.provider_id,
                cancelled_at__isnull=True,
                starts_at__lt=end,
                ends_at__gt=start,
            )
            .exclude(pk=moves or 0)
            .values_list(chair, "starts_at", "ends_at")
        )
        for person, starts_at, ends_at in rows:
            bookings[person].append((starts_at, ends_at))
    return bookings


def _diary(
    diary: Diary,
    hours: list[tuple[int, time, time]],
    leave: list[tuple[date, date]],
    bookings: list[slots.Interval],
    open_cases: int,
) -> slots.MediatorDiary:
    windows: dict[int, list[tuple[time, time]]] = defaultdict(list)
    for weekday, starts, ends in sorted(hours):
        windows[weekday].append((starts, ends))
    return slots.MediatorDiary(
        mediator_id=diary.person_id,
        hours={day: tuple(w) for day, w in windows.items()},
        most_per_day=diary.most_per_day,
        most_per_week=diary.most_per_week,
        leave=tuple(leave),
        bookings=tuple(bookings),
        open_cases=open_cases,
    )


def room_diaries(
    case: Case, window: slots.Window, moves: int | None = None
) -> tuple[list[slots.RoomDiary], dict[int, Room]]:
    rooms = {
        r.pk: r
        for r in Room.objects.filter(
            venue__provider_id=case.provider_id, venue__active=True
        ).select_related("venue")
    }
    start, end = _week_bounds(window)
    bookings: dict[int, list[slots.Interval]] = defaultdict(list)
    for room_id, starts_at, ends_at in (
        Meeting.objects.filter(
            room_id__in=rooms, cancelled_at__isnull=True, starts_at__lt=end, ends_at__gt=start
        )
        .exclude(pk=moves or 0)
        .values_list("room_id", "starts_at", "ends_at")
    ):
        bookings[room_id].append((starts_at, ends_at))
    diaries = [
        slots.RoomDiary(r.pk, r.capacity, r.step_free or False, tuple(bookings[r.pk]))
        for r in rooms.values()
    ]
    return diaries, rooms


@dataclass(frozen=True)
class Ask:
    """What the coordinator asks the assistant for."""

    format: str = MeetingFormat.ONLINE
    duration: timedelta = MEETING_LENGTH
    step_free: bool = False
    any_mediator: bool = False
    limit: int = 10
    # Moving a meeting: its own time neither blocks the diary nor the room.
    moves: int | None = None


def proposals_for(case: Case, today: date, ask: Ask = Ask()) -> Proposals:
    """The times the meeting for `case` could be held, best first (accord.meetings.slots)."""
    pref = SchedulingPreference.objects.filter(case=case).first()
    window = window_for(case, today, agreed_shorter=bool(pref and pref.agreed_shorter_notice))
    deadline = mediation_held_by(case)
    only = None if ask.any_mediator or case.mediator is None else case.mediator
    mediators, people = mediator_diaries(case, window, only=only, moves=ask.moves)
    needs_room = ask.format in ROOM_FORMATS
    rooms, room_rows = room_diaries(case, window, ask.moves) if needs_room else ([], {})
    request = slots.Request(
        first_day=window.first_day,
        last_day=window.last_day,
        duration=ask.duration,
        needs_room=needs_room,
        people=case.parties.count() + 1,
        step_free=ask.step_free,
        preferred_weekdays=_weekdays(pref),
        part_of_day=pref.part_of_day if pref else "",
        limit=ask.limit,
    )
    found = slots.propose(request, mediators, rooms)
    result = Proposals(window, deadline, found, people, room_rows)
    result.problem = _problem(result, mediators, needs_room, rooms) if not found else ""
    return result


def _weekdays(pref: SchedulingPreference | None) -> frozenset[int]:
    if pref is None or not pref.weekdays:
        return frozenset()
    return frozenset(int(d) for d in pref.weekdays.split(",") if d.strip().isdigit())


def _problem(
    result: Proposals,
    mediators: list[slots.MediatorDiary],
    needs_room: bool,
    rooms: list[slots.RoomDiary],
) -> str:
    """Why nothing fits, in the words a coordinator can act on."""
    window = result.window
    if window.is_empty:
        return (
            f"No time fits: the last day is {window.last_day:%-d %B %Y}, and a meeting cannot "
            f"be held before {window.first_day:%-d %B %Y} with 5 working days' notice."
        )
    if not mediators:
        return "No mediator who may take this case has set their working hours."
    if needs_room and not rooms:
        return "A meeting in person needs a room, and no venue has one: add a room, or meet online."
    return (
        f"No time fits between {window.first_day:%-d %B %Y} and {window.last_day:%-d %B %Y}: "
        "the mediators are booked, on leave or at their most meetings, or no room is free."
    )


@dataclass(frozen=True)
class Suggestion:
    """A mediator who may take the case: their first free time before the deadline (None if
    none) and how many open cases they hold."""

    mediator: User
    first_time: datetime | None
    open_cases: int


def suggest_mediators(case: Case, today: date, *, limit: int = 3) -> list[Suggestion]:
    """Mediators for a case that needs one: only those who pass every eligibility check
    (`mediator.ineligibility`: independence from the LA, and whatever is added there) and cover
    the case's area; ranked by a free time before the deadline, then fewer open cases, then the
    earlier time."""
    window = window_for(case, today)
    diaries, people = mediator_diaries(case, window)
    request = slots.Request(window.first_day, window.last_day, MEETING_LENGTH, limit=1)
    found = []
    for diary in diaries:
        first = slots.propose(request, [diary])
        start = first[0].starts_at if first else None
        found.append(Suggestion(people[diary.mediator_id], start, diary.open_cases))
    far = datetime.max.replace(tzinfo=ENGLAND)
    found.sort(key=lambda s: (s.first_time is None, s.open_cases, s.first_time or far))
    return found[:limit]
