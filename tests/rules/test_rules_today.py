"""Today's date is England's date (SEND Regs reg 2(1) counts England's days), whatever the date
in UTC: in British Summer Time, 23:30 UTC is already tomorrow in London."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from accord.rules import ENGLAND, date_in_england, today_in_england

D = date
PARIS_SUMMER = timezone(timedelta(hours=2))


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        pytest.param(utc(2026, 6, 30, 23, 30), D(2026, 7, 1), id="BST: 23:30 UTC 30 Jun is 1 Jul"),
        pytest.param(utc(2026, 6, 30, 23, 0), D(2026, 7, 1), id="BST: 23:00 UTC is midnight"),
        pytest.param(utc(2026, 6, 30, 22, 59), D(2026, 6, 30), id="BST: 22:59 UTC is 23:59"),
        pytest.param(utc(2026, 12, 31, 23, 30), D(2026, 12, 31), id="GMT: 23:30 UTC is 23:30"),
        pytest.param(utc(2026, 3, 28, 23, 30), D(2026, 3, 28), id="GMT: eve of BST (29 Mar 2026)"),
        pytest.param(utc(2026, 10, 24, 23, 30), D(2026, 10, 25), id="BST: eve of GMT (25 Oct)"),
        pytest.param(
            datetime(2026, 7, 1, 1, 0, tzinfo=PARIS_SUMMER), D(2026, 7, 1), id="01:00 Paris"
        ),
        pytest.param(
            datetime(2026, 7, 1, 0, 59, tzinfo=PARIS_SUMMER), D(2026, 6, 30), id="00:59 Paris"
        ),
    ],
)
def test_the_date_is_the_date_in_england(moment: datetime, expected: date) -> None:
    assert date_in_england(moment) == expected


def test_a_moment_without_a_zone_has_no_date_in_england() -> None:
    with pytest.raises(ValueError, match="no time zone"):
        date_in_england(datetime(2026, 6, 30, 23, 30))  # noqa: DTZ001 (the point of the test)


def test_today_just_after_midnight_in_summer_is_the_new_day(stop_clock_at) -> None:
    stop_clock_at(utc(2026, 6, 30, 23, 30))
    assert today_in_england() == D(2026, 7, 1)


def test_today_late_on_a_winter_evening_is_still_that_day(stop_clock_at) -> None:
    stop_clock_at(utc(2026, 12, 31, 23, 30))
    assert today_in_england() == D(2026, 12, 31)


def test_england_is_europe_london() -> None:
    assert str(ENGLAND) == "Europe/London"
