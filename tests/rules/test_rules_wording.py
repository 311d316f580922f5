"""The words every explanation is built from: dates, counts, lists and the names of the days
that are not working days (SEND Regs reg 2(1), Banking and Financial Dealings Act 1971)."""

from datetime import date

import pytest

from accord.rules import WorkingCalendar
from accord.rules.calendar import plain_holiday_name
from accord.rules.wording import (
    as_predicate,
    in_sentence,
    join_words,
    long_date,
    ordinal,
    plural,
    short_date,
)

D = date


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        pytest.param(1, "1st", id="1st"),
        pytest.param(2, "2nd", id="2nd"),
        pytest.param(3, "3rd", id="3rd"),
        pytest.param(4, "4th", id="4th"),
        pytest.param(5, "5th", id="5th working day before (reg 37)"),
        pytest.param(10, "10th", id="10th"),
        pytest.param(11, "11th", id="11th"),
        pytest.param(12, "12th", id="12th"),
        pytest.param(13, "13th", id="13th"),
        pytest.param(20, "20th", id="20th"),
        pytest.param(21, "21st", id="21st"),
        pytest.param(22, "22nd", id="22nd"),
        pytest.param(23, "23rd", id="23rd"),
        pytest.param(29, "29th", id="29th day (February)"),
        pytest.param(30, "30th", id="30th"),
        pytest.param(31, "31st", id="31st day (a short month has none)"),
        pytest.param(111, "111th", id="111th"),
        pytest.param(121, "121st", id="121st"),
    ],
)
def test_ordinal(n: int, expected: str) -> None:
    assert ordinal(n) == expected


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        pytest.param([], "", id="nothing"),
        pytest.param(["B"], "B", id="one section"),
        pytest.param(["B", "F"], "B and F", id="two sections"),
        pytest.param(["B", "F", "I"], "B, F and I", id="three sections"),
        pytest.param(["a", "b", "c", "d"], "a, b, c and d", id="four"),
    ],
)
def test_join_words(items: list[str], expected: str) -> None:
    assert join_words(items) == expected


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        pytest.param("Sunday", "a Sunday", id="a weekend day"),
        pytest.param(
            "Sunday and Christmas Day", "a Sunday and Christmas Day", id="weekend and holiday"
        ),
        pytest.param(
            "Saturday and the Boxing Day bank holiday",
            "a Saturday and the Boxing Day bank holiday",
            id="weekend and bank holiday",
        ),
        pytest.param(
            "Easter Monday bank holiday", "the Easter Monday bank holiday", id="bank holiday"
        ),
        pytest.param("Good Friday", "Good Friday", id="Good Friday is named as it is"),
        pytest.param("Christmas Day", "Christmas Day", id="Christmas Day is named as it is"),
    ],
)
def test_as_predicate(reason: str, expected: str) -> None:
    assert as_predicate(reason) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param(
            "Boxing Day (observed)", "Boxing Day substitute bank holiday", id="substitute day"
        ),
        pytest.param("Easter Monday", "Easter Monday bank holiday", id="named bank holiday"),
        pytest.param("Good Friday", "Good Friday", id="Good Friday: a common-law holiday"),
        pytest.param("Christmas Day", "Christmas Day", id="Christmas Day: a common-law holiday"),
        pytest.param("Spring Bank Holiday", "Spring Bank Holiday", id="already says so"),
        pytest.param(
            "Christmas Day (observed); Example Day",
            "Christmas Day substitute bank holiday; Example Day bank holiday",
            id="two names on one day",
        ),
    ],
)
def test_plain_holiday_name(name: str, expected: str) -> None:
    assert plain_holiday_name(name) == expected


def test_a_one_off_day_on_a_bank_holiday_keeps_both_names() -> None:
    # BFDA 1971: a one-off day proclaimed on a day that is already a bank holiday.
    calendar = WorkingCalendar({D(2026, 5, 25): "Example one-off bank holiday"})
    assert calendar.holiday_name(D(2026, 5, 25)) == (
        "Spring Bank Holiday; Example one-off bank holiday"
    )
    assert calendar.holiday_name(D(2026, 5, 26)) is None


def test_a_calendar_names_its_extra_days() -> None:
    assert repr(WorkingCalendar(["2026-06-05", D(2026, 5, 8)])) == (
        "WorkingCalendar(extra_holidays=[2026-05-08, 2026-06-05])"
    )
    assert repr(WorkingCalendar()) == "WorkingCalendar(extra_holidays=[])"


def test_dates_counts_and_labels() -> None:
    assert long_date(D(2027, 3, 1)) == "Monday 1 March 2027"
    assert short_date(D(2027, 3, 1)) == "1 March 2027"
    assert plural(1, "week") == "1 week"
    assert plural(2, "week") == "2 weeks"
    assert in_sentence("Refusal to issue an EHC plan") == "refusal to issue an EHC plan"
    assert in_sentence("") == ""
