"""Working days in England: SEND Regs reg 2(1), HESC Rules r.1(3).

Every expected date below was checked by hand against a printed calendar and the England bank
holidays published by GOV.UK; none is produced by the code under test.
"""

from datetime import UTC, date, datetime

import pytest

from accord.rules import (
    WorkingCalendar,
    add_working_days,
    configure_calendar,
    default_calendar,
    is_working_day,
    next_working_day,
    subtract_working_days,
    working_days_between,
)

D = date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(D(2026, 1, 1), False, id="reg2: Thu 1 Jan 2026 New Year's Day"),
        pytest.param(D(2026, 1, 2), True, id="reg2: Fri 2 Jan 2026 ordinary Friday"),
        pytest.param(D(2026, 1, 3), False, id="reg2: Sat 3 Jan 2026 Saturday"),
        pytest.param(D(2026, 1, 4), False, id="reg2: Sun 4 Jan 2026 Sunday"),
        pytest.param(D(2026, 4, 2), True, id="reg2: Thu 2 Apr 2026 before Good Friday"),
        pytest.param(D(2026, 4, 3), False, id="reg2: Fri 3 Apr 2026 Good Friday"),
        pytest.param(D(2026, 4, 6), False, id="reg2: Mon 6 Apr 2026 Easter Monday"),
        pytest.param(D(2026, 4, 7), True, id="reg2: Tue 7 Apr 2026 after Easter"),
        pytest.param(D(2026, 5, 4), False, id="reg2: Mon 4 May 2026 early May bank holiday"),
        pytest.param(D(2026, 5, 25), False, id="reg2: Mon 25 May 2026 spring bank holiday"),
        pytest.param(D(2026, 8, 28), True, id="reg2: Fri 28 Aug 2026 August is not excluded"),
        pytest.param(D(2026, 8, 31), False, id="reg2: Mon 31 Aug 2026 summer bank holiday"),
        pytest.param(D(2026, 12, 24), True, id="reg2: Thu 24 Dec 2026 Christmas Eve works"),
        pytest.param(D(2026, 12, 25), False, id="reg2: Fri 25 Dec 2026 Christmas Day"),
        pytest.param(D(2026, 12, 26), False, id="reg2: Sat 26 Dec 2026 Boxing Day on Saturday"),
        pytest.param(D(2026, 12, 28), False, id="reg2: Mon 28 Dec 2026 Boxing Day substitute"),
        pytest.param(D(2026, 12, 29), True, id="reg2: Tue 29 Dec 2026 ordinary Tuesday"),
        pytest.param(D(2027, 3, 26), False, id="reg2: Fri 26 Mar 2027 Good Friday"),
        pytest.param(D(2027, 3, 29), False, id="reg2: Mon 29 Mar 2027 Easter Monday"),
        pytest.param(D(2027, 12, 24), True, id="reg2: Fri 24 Dec 2027 Christmas Eve works"),
        pytest.param(D(2027, 12, 27), False, id="reg2: Mon 27 Dec 2027 Christmas substitute"),
        pytest.param(D(2027, 12, 28), False, id="reg2: Tue 28 Dec 2027 Boxing Day substitute"),
        pytest.param(D(2027, 12, 29), True, id="reg2: Wed 29 Dec 2027 ordinary Wednesday"),
        pytest.param(D(2028, 1, 3), False, id="reg2: Mon 3 Jan 2028 New Year substitute"),
        pytest.param(D(2028, 2, 29), True, id="reg2: Tue 29 Feb 2028 leap day works"),
        pytest.param(D(2022, 5, 30), True, id="BFDA: Mon 30 May 2022 spring holiday moved"),
        pytest.param(D(2022, 6, 2), False, id="BFDA: Thu 2 Jun 2022 moved spring holiday"),
        pytest.param(D(2022, 6, 3), False, id="BFDA: Fri 3 Jun 2022 Platinum Jubilee"),
        pytest.param(D(2022, 9, 19), False, id="BFDA: Mon 19 Sep 2022 state funeral"),
        pytest.param(D(2022, 9, 20), True, id="BFDA: Tue 20 Sep 2022 after the funeral"),
        pytest.param(D(2022, 12, 27), False, id="BFDA: Tue 27 Dec 2022 Christmas substitute"),
        pytest.param(D(2023, 5, 8), False, id="BFDA: Mon 8 May 2023 coronation"),
        pytest.param(D(2023, 5, 9), True, id="BFDA: Tue 9 May 2023 after the coronation"),
    ],
)
def test_is_working_day(day: date, expected: bool) -> None:
    assert is_working_day(day) is expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        pytest.param(
            D(2026, 12, 23),
            3,
            D(2026, 12, 30),
            id="reg34: Wed 23 Dec 2026 +3wd skips Christmas Day and Boxing substitute Mon 28",
        ),
        pytest.param(
            D(2026, 12, 24), 3, D(2026, 12, 31), id="reg34: Thu 24 Dec 2026 +3wd = Thu 31 Dec"
        ),
        pytest.param(
            D(2026, 12, 29), 3, D(2027, 1, 4), id="reg34: Tue 29 Dec 2026 +3wd skips 1 Jan 2027"
        ),
        pytest.param(
            D(2026, 4, 2), 3, D(2026, 4, 9), id="reg39: Thu 2 Apr 2026 +3wd skips Easter 2026"
        ),
        pytest.param(
            D(2027, 3, 24), 3, D(2027, 3, 31), id="reg39: Wed 24 Mar 2027 +3wd skips Easter 2027"
        ),
        pytest.param(D(2026, 6, 5), 3, D(2026, 6, 10), id="reg34: Fri 5 Jun 2026 over a weekend"),
        pytest.param(
            D(2026, 6, 6), 3, D(2026, 6, 10), id="reg34: starts Sat 6 Jun 2026, not counted"
        ),
        pytest.param(
            D(2026, 6, 7), 3, D(2026, 6, 10), id="reg34: starts Sun 7 Jun 2026, not counted"
        ),
        pytest.param(D(2026, 6, 8), 0, D(2026, 6, 8), id="n=0 returns Mon 8 Jun 2026"),
        pytest.param(D(2026, 6, 6), 0, D(2026, 6, 6), id="n=0 returns Sat 6 Jun 2026 as is"),
        pytest.param(
            D(2022, 6, 1), 3, D(2022, 6, 8), id="reg36: Wed 1 Jun 2022 skips 2 and 3 Jun 2022"
        ),
        pytest.param(
            D(2022, 9, 16), 3, D(2022, 9, 22), id="reg37: Fri 16 Sep 2022 skips state funeral"
        ),
        pytest.param(
            D(2023, 5, 4), 3, D(2023, 5, 10), id="reg39: Thu 4 May 2023 skips coronation Mon 8"
        ),
        pytest.param(
            D(2023, 4, 28), 3, D(2023, 5, 4), id="reg34: Fri 28 Apr 2023 skips May Day 2023"
        ),
        pytest.param(
            D(2027, 12, 23),
            3,
            D(2027, 12, 30),
            id="reg34: Thu 23 Dec 2027 skips weekend Christmas and substitutes 27-28 Dec",
        ),
        pytest.param(
            D(2027, 12, 24), 3, D(2027, 12, 31), id="reg34: Fri 24 Dec 2027 +3wd = Fri 31 Dec"
        ),
        pytest.param(
            D(2027, 12, 30), 3, D(2028, 1, 5), id="reg34: Thu 30 Dec 2027 skips Mon 3 Jan 2028"
        ),
        pytest.param(
            D(2026, 8, 28), 3, D(2026, 9, 3), id="reg39: Fri 28 Aug 2026 skips Mon 31 Aug 2026"
        ),
        pytest.param(
            D(2028, 2, 28), 3, D(2028, 3, 2), id="reg34: Mon 28 Feb 2028 counts leap day 29 Feb"
        ),
        pytest.param(
            D(2028, 12, 22), 3, D(2028, 12, 29), id="reg39: Fri 22 Dec 2028 skips 25-26 Dec 2028"
        ),
        pytest.param(
            D(2026, 6, 8), 5, D(2026, 6, 15), id="5wd: Mon 8 Jun 2026 +5wd = Mon 15 Jun 2026"
        ),
        pytest.param(
            D(2026, 12, 21),
            10,
            D(2027, 1, 7),
            id="10wd: Mon 21 Dec 2026 +10wd skips Christmas 2026 and New Year 2027",
        ),
    ],
)
def test_add_working_days(start: date, n: int, expected: date) -> None:
    assert add_working_days(start, n) == expected


@pytest.mark.parametrize(
    ("end", "n", "expected"),
    [
        pytest.param(D(2026, 6, 15), 5, D(2026, 6, 8), id="Mon 15 Jun 2026 -5wd = Mon 8 Jun"),
        pytest.param(D(2026, 4, 7), 1, D(2026, 4, 2), id="Tue 7 Apr 2026 -1wd skips Easter"),
        pytest.param(D(2027, 1, 4), 2, D(2026, 12, 30), id="Mon 4 Jan 2027 -2wd skips 1 Jan"),
    ],
)
def test_subtract_working_days(end: date, n: int, expected: date) -> None:
    assert subtract_working_days(end, n) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(D(2026, 4, 2), D(2026, 4, 7), id="Thu 2 Apr 2026 next is Tue 7 Apr"),
        pytest.param(D(2026, 12, 24), D(2026, 12, 29), id="Thu 24 Dec 2026 next is Tue 29 Dec"),
        pytest.param(D(2026, 6, 8), D(2026, 6, 9), id="Mon 8 Jun 2026 next is Tue 9 Jun"),
    ],
)
def test_next_working_day_is_strictly_after(day: date, expected: date) -> None:
    assert next_working_day(day) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param(D(2026, 12, 23), D(2026, 12, 30), 3, id="23 to 30 Dec 2026 is 3wd"),
        pytest.param(D(2026, 6, 8), D(2026, 6, 15), 5, id="8 to 15 Jun 2026 is 5wd"),
        pytest.param(D(2026, 6, 15), D(2026, 6, 8), -5, id="reversed is negative"),
        pytest.param(D(2026, 6, 6), D(2026, 6, 7), 0, id="a weekend has no working days"),
    ],
)
def test_working_days_between(start: date, end: date, expected: int) -> None:
    assert working_days_between(start, end) == expected


def test_extra_configured_holiday_is_not_a_working_day() -> None:
    # A one-off bank holiday announced after release: Friday 5 June 2026 (hypothetical).
    calendar = WorkingCalendar([D(2026, 6, 5)])
    assert calendar.is_working_day(D(2026, 6, 5)) is False
    assert calendar.holiday_name(D(2026, 6, 5)) == "additional bank holiday"
    # Thu 4 Jun 2026 + 3wd: Fri 5 (extra) skipped, Mon 8, Tue 9, Wed 10.
    assert calendar.add_working_days(D(2026, 6, 4), 3) == D(2026, 6, 10)
    # The default calendar is untouched.
    assert is_working_day(D(2026, 6, 5)) is True


def test_extra_holidays_accept_iso_strings_and_names() -> None:
    calendar = WorkingCalendar({D(2026, 6, 5): "Example one-off bank holiday"})
    assert calendar.holiday_name(D(2026, 6, 5)) == "Example one-off bank holiday"
    assert WorkingCalendar(["2026-06-05"]).is_working_day(D(2026, 6, 5)) is False


def test_configure_calendar_replaces_the_default() -> None:
    original = default_calendar()
    try:
        configure_calendar([D(2026, 6, 5)])
        assert is_working_day(D(2026, 6, 5)) is False
        assert add_working_days(D(2026, 6, 4), 3) == D(2026, 6, 10)
    finally:
        configure_calendar(original.extra_holidays)
    assert is_working_day(D(2026, 6, 5)) is True


def test_datetimes_are_refused_as_extra_holidays() -> None:
    with pytest.raises(TypeError):
        WorkingCalendar([datetime(2026, 6, 5, 9, 0, tzinfo=UTC)])


def test_negative_working_days_are_refused() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        add_working_days(D(2026, 6, 5), -1)


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        pytest.param(D(2026, 12, 28), "Boxing Day substitute bank holiday", id="substitute day"),
        pytest.param(D(2026, 4, 3), "Good Friday", id="Good Friday is named as such"),
        pytest.param(D(2026, 12, 26), "Saturday and the Boxing Day bank holiday", id="both"),
        pytest.param(D(2026, 6, 6), "Saturday", id="plain weekend"),
        pytest.param(D(2026, 6, 8), None, id="working day has no reason"),
    ],
)
def test_why_not_working(day: date, reason: str | None) -> None:
    assert default_calendar().why_not_working(day) == reason
