"""The scheduling assistant's core: which times a meeting could be held, ranked. Pure Python
(no Django, no database): the diaries come in as data, the proposals go out as data, so every
constraint is tested in microseconds (tests/meetings/test_slots.py).

    window = booking_window(today, last_day, family_agreed_shorter=False)
    propose(Request(window.first_day, window.last_day, ...), mediators, rooms) -> [Slot, ...]

The constraints, each one a function below:
- the day is on or before the last day for the mediation (SEND Regs regs 35-37, from
  `accord.rules`), and leaves the family 5 working days' notice from today, or any notice if
  they agreed to less (`rules.notice_is_sufficient`);
- the day is a working day in England and not in the mediator's leave;
- the meeting fits inside one of the mediator's weekly windows;
- the mediator has no meeting overlapping it, and fewer than their most a day and a week
  (weeks run Monday to Sunday);
- a meeting in person needs a free room big enough (and step-free when asked); online needs none.

Ranking: times on the family's stated days and part of the day first, then the earliest day,
then the mediator with fewer open cases, then the earliest start. One time per mediator per
day, so the list offers real alternatives rather than the same morning thirty minutes apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from accord import rules
from accord.rules import ENGLAND

Interval = tuple[datetime, datetime]

# Candidate start times step through each window by this much.
START_STEP = timedelta(minutes=30)
MORNING_ENDS = time(12, 0)
# Times offered on any one day (with different mediators), so the list spans the window.
PER_DAY = 2


@dataclass(frozen=True)
class Window:
    """The days a meeting may be held on: from the first day that still leaves notice to the
    last day the law allows. Empty (first_day > last_day) when nothing can fit."""

    first_day: date
    last_day: date

    @property
    def is_empty(self) -> bool:
        return self.first_day > self.last_day


def first_day_with_notice(today: date, *, family_agreed_shorter: bool = False) -> date:
    """The earliest working day for a meeting for which notice sent today is enough: 5 working
    days (SEND Regs; `rules.notice_is_sufficient`), or the next working day if the family
    agreed to less."""
    day = today + timedelta(days=1)
    while not (
        rules.is_working_day(day) and rules.notice_is_sufficient(today, day, family_agreed_shorter)
    ):
        day += timedelta(days=1)
    return day


def booking_window(today: date, last_day: date, *, family_agreed_shorter: bool = False) -> Window:
    return Window(
        first_day_with_notice(today, family_agreed_shorter=family_agreed_shorter), last_day
    )


@dataclass(frozen=True)
class MediatorDiary:
    mediator_id: int
    # weekday (0 Monday) -> the windows that day, as (start, end) clock times
    hours: dict[int, tuple[tuple[time, time], ...]]
    most_per_day: int = 1
    most_per_week: int = 3
    leave: tuple[tuple[date, date], ...] = ()
    bookings: tuple[Interval, ...] = ()
    open_cases: int = 0


@dataclass(frozen=True)
class RoomDiary:
    room_id: int
    capacity: int
    step_free: bool = False
    bookings: tuple[Interval, ...] = ()


@dataclass(frozen=True)
class Request:
    first_day: date
    last_day: date
    duration: timedelta
    needs_room: bool = False
    people: int = 0
    step_free: bool = False
    preferred_weekdays: frozenset[int] = frozenset()
    part_of_day: str = ""  # "", "morning" or "afternoon"
    limit: int = 10
    is_working_day: Callable[[date], bool] = field(default=rules.is_working_day)


@dataclass(frozen=True)
class Slot:
    starts_at: datetime
    ends_at: datetime
    mediator_id: int
    room_id: int | None
    preferred: bool
    open_cases: int

    @property
    def day(self) -> date:
        return self.starts_at.astimezone(ENGLAND).date()


def overlaps(start: datetime, end: datetime, bookings: Iterable[Interval]) -> bool:
    """Touching is not overlapping: a meeting may start as another ends."""
    return any(b_start < end and b_end > start for b_start, b_end in bookings)


def on_leave(day: date, leave: Iterable[tuple[date, date]]) -> bool:
    return any(first <= day <= last for first, last in leave)


def _day_of(moment: datetime) -> date:
    return moment.astimezone(ENGLAND).date()


def by_day(bookings: Iterable[Interval]) -> dict[date, list[Interval]]:
    """Bookings filed under each day they touch, so a candidate is compared only with its own
    day's meetings (the search stays fast with many bookings)."""
    days: dict[date, list[Interval]] = {}
    for start, end in bookings:
        day, last = _day_of(start), _day_of(end)
        while day <= last:
            days.setdefault(day, []).append((start, end))
            day += timedelta(days=1)
    return days


def _counts(bookings: Iterable[Interval]) -> tuple[dict[date, int], dict[tuple[int, int], int]]:
    per_day: dict[date, int] = {}
    per_week: dict[tuple[int, int], int] = {}
    for start, _ in bookings:
        day = _day_of(start)
        week = day.isocalendar()[:2]
        per_day[day] = per_day.get(day, 0) + 1
        per_week[week] = per_week.get(week, 0) + 1
    return per_day, per_week


def days_in(request: Request) -> list[date]:
    """The working days of the window, in order."""
    days = []
    day = request.first_day
    while day <= request.last_day:
        if request.is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def starts_in(
    day: date, windows: Sequence[tuple[time, time]], duration: timedelta
) -> list[datetime]:
    """Every start (each START_STEP) at which a meeting of `duration` fits in a window."""
    starts = []
    for opens, closes in windows:
        start = datetime.combine(day, opens, tzinfo=ENGLAND)
        close = datetime.combine(day, closes, tzinfo=ENGLAND)
        while start + duration <= close:
            starts.append(start)
            start += START_STEP
    return starts


def is_preferred(start: datetime, request: Request) -> bool:
    local = start.astimezone(ENGLAND)
    if request.preferred_weekdays and local.weekday() not in request.preferred_weekdays:
        return False
    if request.part_of_day == "morning":
        return local.time() < MORNING_ENDS
    if request.part_of_day == "afternoon":
        return local.time() >= MORNING_ENDS
    return bool(request.preferred_weekdays)


RoomIndex = list[tuple[RoomDiary, dict[date, list[Interval]]]]


def room_index(request: Request, rooms: Iterable[RoomDiary]) -> RoomIndex:
    """The rooms that fit everyone (and are step-free when asked), smallest first, each with
    its bookings by day."""
    fitting = [
        r for r in rooms if r.capacity >= request.people and (r.step_free or not request.step_free)
    ]
    fitting.sort(key=lambda r: (r.capacity, r.room_id))
    return [(r, by_day(r.bookings)) for r in fitting]


def free_room(start: datetime, end: datetime, day: date, rooms: RoomIndex) -> int | None:
    """The smallest fitting room free for the whole meeting."""
    for room, booked in rooms:
        if not overlaps(start, end, booked.get(day, ())):
            return room.room_id
    return None


def _mediator_slots(
    diary: MediatorDiary, request: Request, days: Sequence[date], rooms: RoomIndex
) -> list[Slot]:
    per_day, per_week = _counts(diary.bookings)
    booked = by_day(diary.bookings)
    found: list[Slot] = []
    for day in days:
        if on_leave(day, diary.leave) or per_day.get(day, 0) >= diary.most_per_day:
            continue
        if per_week.get(day.isocalendar()[:2], 0) >= diary.most_per_week:
            continue
        slot = _first_fit(diary, request, day, booked.get(day, []), rooms)
        if slot is not None:
            found.append(slot)
    return found


def _first_fit(
    diary: MediatorDiary,
    request: Request,
    day: date,
    booked: Sequence[Interval],
    rooms: RoomIndex,
) -> Slot | None:
    """The best start on `day`: a preferred one if any fits, else the earliest."""
    fallback: Slot | None = None
    for start in starts_in(day, diary.hours.get(day.weekday(), ()), request.duration):
        end = start + request.duration
        if overlaps(start, end, booked):
            continue
        room_id = free_room(start, end, day, rooms) if request.needs_room else None
        if request.needs_room and room_id is None:
            continue
        slot = Slot(
            start, end, diary.mediator_id, room_id, is_preferred(start, request), diary.open_cases
        )
        if slot.preferred or not (request.preferred_weekdays or request.part_of_day):
            return slot
        fallback = fallback or slot
    return fallback


def rank_key(slot: Slot) -> tuple[bool, date, int, datetime, int]:
    return (not slot.preferred, slot.day, slot.open_cases, slot.starts_at, slot.mediator_id)


def propose(
    request: Request, mediators: Iterable[MediatorDiary], rooms: Iterable[RoomDiary] = ()
) -> list[Slot]:
    """The best `request.limit` times, ranked (see the module's docstring). Empty when no
    time fits in the window."""
    if request.first_day > request.last_day:
        return []
    days = days_in(request)
    indexed = room_index(request, rooms) if request.needs_room else []
    slots: list[Slot] = []
    for diary in mediators:
        slots.extend(_mediator_slots(diary, request, days, indexed))
    slots.sort(key=rank_key)
    return _spread(slots, request.limit)


def _spread(slots: Sequence[Slot], limit: int) -> list[Slot]:
    """At most PER_DAY times on one day, so the list spans the window."""
    chosen: list[Slot] = []
    per_day: dict[date, int] = {}
    for slot in slots:
        if per_day.get(slot.day, 0) >= PER_DAY:
            continue
        per_day[slot.day] = per_day.get(slot.day, 0) + 1
        chosen.append(slot)
        if len(chosen) == limit:
            break
    return chosen
