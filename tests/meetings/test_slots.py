"""The scheduling assistant's constraints, one by one, without a database (accord.meetings.slots).

The week used: Monday 13 April 2026 to Friday 24 April 2026 (no bank holiday; Easter Monday was
6 April). Times are in Europe/London.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from accord.meetings import slots
from accord.rules import ENGLAND

MON = date(2026, 4, 13)
FIVE_HOURS = timedelta(hours=5)
WEEKDAYS_9_TO_5 = {d: ((time(9), time(17)),) for d in range(5)}


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=ENGLAND)


def request(first=MON, last=MON + timedelta(days=11), **kw) -> slots.Request:
    return slots.Request(first_day=first, last_day=last, duration=FIVE_HOURS, **kw)


def mediator(mediator_id=1, **kw) -> slots.MediatorDiary:
    kw.setdefault("hours", WEEKDAYS_9_TO_5)
    return slots.MediatorDiary(mediator_id=mediator_id, **kw)


# --- notice and the deadline (SEND Regs: 5 working days' notice; regs 35-37: 30 days) ---------


@pytest.mark.parametrize(
    ("today", "agreed_shorter", "first_day", "why"),
    [
        # Notice sent Monday 13 April: 5 working days before a meeting on Monday 20 April.
        (date(2026, 4, 13), False, date(2026, 4, 20), "5 working days, over a weekend"),
        # Thursday 2 April: Good Friday and Easter Monday do not count.
        (date(2026, 4, 2), False, date(2026, 4, 13), "bank holidays are not working days"),
        (date(2026, 4, 13), True, date(2026, 4, 14), "the family agreed to shorter notice"),
    ],
)
def test_the_first_day_leaves_notice(today, agreed_shorter, first_day, why):
    assert slots.first_day_with_notice(today, family_agreed_shorter=agreed_shorter) == first_day, (
        why
    )


def test_no_time_after_the_last_day_for_mediation():
    last_day = MON + timedelta(days=2)  # Wednesday
    found = slots.propose(request(last=last_day, limit=50), [mediator()])
    assert found
    assert max(s.day for s in found) == last_day


def test_a_window_closed_by_notice_proposes_nothing():
    window = slots.booking_window(date(2026, 4, 13), date(2026, 4, 17))
    assert window.is_empty
    assert slots.propose(request(first=window.first_day, last=window.last_day), [mediator()]) == []


# --- the mediator's diary ----------------------------------------------------------------------


def test_only_working_days_and_the_weekly_hours():
    diary = mediator(hours={1: ((time(10), time(16)),)})  # Tuesdays 10:00-16:00 only
    found = slots.propose(request(limit=50), [diary])
    assert [s.starts_at for s in found] == [at(date(2026, 4, 14), 10), at(date(2026, 4, 21), 10)]


def test_a_window_too_short_for_the_meeting_is_skipped():
    diary = mediator(hours={0: ((time(9), time(13)),)})  # four hours: a 5-hour meeting won't fit
    assert slots.propose(request(), [diary]) == []


def test_leave_is_never_proposed():
    diary = mediator(leave=((MON, MON + timedelta(days=4)),))
    found = slots.propose(request(limit=50), [diary])
    assert found
    assert min(s.day for s in found) == MON + timedelta(days=7)


@pytest.mark.parametrize(
    ("booked", "expected_first_start", "why"),
    [
        ((at(MON, 9), at(MON, 11)), at(MON, 11), "starts as the other meeting ends"),
        ((at(MON, 12), at(MON, 13)), at(MON + timedelta(days=1), 9), "no 5 hours free Monday"),
        ((at(MON, 14, 30), at(MON, 17)), at(MON, 9), "ends as the other starts: touching is fine"),
    ],
)
def test_no_double_booking(booked, expected_first_start, why):
    diary = mediator(most_per_day=2, most_per_week=10, bookings=(booked,))
    found = slots.propose(request(), [diary])
    assert found[0].starts_at == expected_first_start, why
    assert not any(slots.overlaps(s.starts_at, s.ends_at, [booked]) for s in found)


def test_the_most_meetings_a_day():
    diary = mediator(most_per_day=1, bookings=((at(MON, 7), at(MON, 8)),))
    found = slots.propose(request(limit=50), [diary])
    assert MON not in {s.day for s in found}


def test_the_most_meetings_a_week():
    # Two already on Monday and Tuesday of the first week, and two a week at most.
    diary = mediator(
        most_per_day=1,
        most_per_week=2,
        bookings=(
            (at(MON, 9), at(MON, 14)),
            (at(MON + timedelta(days=1), 9), at(MON + timedelta(days=1), 14)),
        ),
    )
    found = slots.propose(request(limit=50), [diary])
    assert found
    assert all(s.day >= MON + timedelta(days=7) for s in found)


def test_a_booking_in_the_week_before_the_window_counts_for_that_week_only():
    diary = mediator(
        most_per_week=1,
        bookings=((at(MON - timedelta(days=3), 9), at(MON - timedelta(days=3), 14)),),
    )
    found = slots.propose(request(limit=50), [diary])
    assert min(s.day for s in found) == MON


# --- rooms -------------------------------------------------------------------------------------


def test_online_needs_no_room():
    found = slots.propose(request(), [mediator()], rooms=[])
    assert found and all(s.room_id is None for s in found)


@pytest.mark.parametrize(
    ("rooms", "people", "step_free", "expected_room"),
    [
        ([slots.RoomDiary(1, 4), slots.RoomDiary(2, 8)], 6, False, 2),  # big enough
        ([slots.RoomDiary(2, 8), slots.RoomDiary(1, 6)], 6, False, 1),  # the smallest that fits
        ([slots.RoomDiary(1, 8), slots.RoomDiary(2, 8, step_free=True)], 4, True, 2),  # access
        ([slots.RoomDiary(1, 4)], 6, False, None),  # none fits: nothing proposed
    ],
)
def test_a_meeting_in_person_needs_a_room_that_fits(rooms, people, step_free, expected_room):
    found = slots.propose(
        request(needs_room=True, people=people, step_free=step_free), [mediator()], rooms
    )
    if expected_room is None:
        assert found == []
    else:
        assert {s.room_id for s in found} == {expected_room}


def test_a_booked_room_is_not_proposed_at_that_time():
    room = slots.RoomDiary(1, 8, bookings=((at(MON, 8), at(MON, 18)),))
    found = slots.propose(request(needs_room=True, people=3), [mediator()], [room])
    assert MON not in {s.day for s in found}


# --- ranking -----------------------------------------------------------------------------------


def test_the_family_s_days_come_first_then_the_earliest():
    found = slots.propose(request(preferred_weekdays=frozenset({3})), [mediator()])  # Thursdays
    assert found[0].day == date(2026, 4, 16)
    assert found[0].preferred
    assert found[1].day == date(2026, 4, 23)
    assert found[2].day == MON and not found[2].preferred


def test_an_afternoon_preference_picks_the_afternoon_start_on_each_day():
    diary = mediator(hours={0: ((time(9), time(19)),)})
    found = slots.propose(request(part_of_day="afternoon"), [diary])
    assert found[0].starts_at == at(MON, 12)


def test_on_the_same_day_the_mediator_with_fewer_open_cases_comes_first():
    busy = mediator(1, open_cases=9)
    free = mediator(2, open_cases=1)
    found = slots.propose(request(), [busy, free])
    assert [s.mediator_id for s in found[:2]] == [2, 1]


def test_the_list_spans_the_window_and_stops_at_the_limit():
    diaries = [mediator(i) for i in range(1, 21)]
    found = slots.propose(request(limit=6), diaries)
    assert len(found) == 6
    assert [s.day for s in found] == [MON, MON, MON + timedelta(days=1)] * 1 + [
        MON + timedelta(days=1),
        MON + timedelta(days=2),
        MON + timedelta(days=2),
    ]


def test_fifty_mediators_over_thirty_days_is_fast():
    diaries = [
        mediator(
            i,
            bookings=tuple(
                (at(MON + timedelta(days=d), 9), at(MON + timedelta(days=d), 14))
                for d in range(0, 30, 3)
            ),
        )
        for i in range(50)
    ]
    rooms = [slots.RoomDiary(i, 4 + i % 6) for i in range(40)]
    started = datetime.now(tz=ENGLAND)
    found = slots.propose(
        request(last=MON + timedelta(days=30), needs_room=True, people=5), diaries, rooms
    )
    elapsed = datetime.now(tz=ENGLAND) - started
    assert len(found) == 10
    assert elapsed < timedelta(milliseconds=200)
