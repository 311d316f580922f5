"""The edges of counting, where a wrong rule gives a wrong date or a wrong yes/no: periods of
no length, century leap years, the day of birth, the day the autumn term starts, and the
default of the notice check. Expected values are worked by hand."""

import re
from datetime import UTC, date, datetime, timedelta, tzinfo

import pytest

from accord.rules import (
    Clock,
    PostAgreementAction,
    WorkingCalendar,
    add_months,
    add_working_days,
    adviser_contact_deadline,
    age_on,
    becomes_young_person_on,
    birthday_in,
    compulsory_school_age_ends,
    compute,
    date_in_england,
    explain_certificate_due,
    is_child,
    is_young_person,
    notice_is_sufficient,
    subtract_working_days,
    working_days_between,
)
from accord.rules.notice import notice_is_sufficient_on
from accord.rules.periods import days_in_month, is_leap_year

D = date


# --- Periods of no length (SEND Regs reg 2(1): "within n working days of X", X not counted) --


@pytest.mark.parametrize(
    "day",
    [
        pytest.param(D(2026, 6, 8), id="reg2: Mon 8 Jun 2026, a working day"),
        pytest.param(D(2026, 6, 6), id="reg2: Sat 6 Jun 2026"),
        pytest.param(D(2026, 12, 25), id="reg2: Christmas Day 2026"),
    ],
)
def test_a_period_of_no_length(day: date) -> None:
    assert working_days_between(day, day) == 0
    assert subtract_working_days(day, 0) == day
    assert add_working_days(day, 0) == day
    assert WorkingCalendar().subtract_working_days(day, 0) == day


def test_a_single_working_day_either_way() -> None:
    # reg2: Fri 5 Jun 2026 to Mon 8 Jun 2026 is one working day (the Monday).
    assert working_days_between(D(2026, 6, 5), D(2026, 6, 8)) == 1
    assert working_days_between(D(2026, 6, 8), D(2026, 6, 5)) == -1
    assert subtract_working_days(D(2026, 6, 8), 1) == D(2026, 6, 5)


# --- Century leap years (Dodds v Walker: the corresponding date, or the month's last day) ----


@pytest.mark.parametrize(
    ("year", "leap"),
    [
        pytest.param(1900, False, id="1900: divisible by 100, not by 400"),
        pytest.param(2000, True, id="2000: divisible by 400"),
        pytest.param(2024, True, id="2024: divisible by 4"),
        pytest.param(2026, False, id="2026: not divisible by 4"),
        pytest.param(2100, False, id="2100: divisible by 100, not by 400"),
        pytest.param(2400, True, id="2400: divisible by 400"),
    ],
)
def test_leap_years(year: int, leap: bool) -> None:
    assert is_leap_year(year) is leap
    assert days_in_month(year, 2) == (29 if leap else 28)
    assert days_in_month(year, 1) == 31
    assert days_in_month(year, 4) == 30


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        pytest.param(D(1899, 12, 31), 2, D(1900, 2, 28), id="Dodds v Walker: 1900 has no 29 Feb"),
        pytest.param(D(1999, 12, 31), 2, D(2000, 2, 29), id="Dodds v Walker: 29 Feb 2000"),
        pytest.param(D(2099, 12, 31), 2, D(2100, 2, 28), id="Dodds v Walker: 2100 has no 29 Feb"),
        pytest.param(D(2100, 1, 29), 1, D(2100, 2, 28), id="Dodds v Walker: 29 Jan 2100 + 1m"),
        pytest.param(D(2000, 1, 29), 1, D(2000, 2, 29), id="Dodds v Walker: 29 Jan 2000 + 1m"),
        pytest.param(D(2399, 12, 30), 2, D(2400, 2, 29), id="Dodds v Walker: 29 Feb 2400"),
    ],
)
def test_months_across_a_century_february(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("decision_sent", "expected"),
    [
        pytest.param(D(1999, 12, 31), D(2000, 2, 29), id="reg33: 31 Dec 1999 + 2m = 29 Feb 2000"),
        pytest.param(D(2099, 12, 31), D(2100, 2, 28), id="reg33: 31 Dec 2099 + 2m = 28 Feb 2100"),
    ],
)
def test_adviser_contact_across_a_century_february(decision_sent: date, expected: date) -> None:
    assert adviser_contact_deadline(decision_sent) == expected


@pytest.mark.parametrize(
    ("dob", "year", "expected"),
    [
        pytest.param(D(1996, 2, 29), 2000, D(2000, 2, 29), id="FLRA s.9: 2000 has 29 Feb"),
        pytest.param(D(2096, 2, 29), 2100, D(2100, 3, 1), id="FLRA s.9: 2100 has no 29 Feb"),
        pytest.param(D(1896, 2, 29), 1900, D(1900, 3, 1), id="FLRA s.9: 1900 has no 29 Feb"),
    ],
)
def test_a_29_february_birthday_in_a_century_year(dob: date, year: int, expected: date) -> None:
    assert birthday_in(dob, year) == expected
    assert age_on(dob, expected) == year - dob.year
    assert age_on(dob, expected - timedelta(days=1)) == year - dob.year - 1


# --- The day of birth itself (CFA s.83: a child from birth; FLRA s.9) ------------------------


@pytest.mark.parametrize(
    ("dob", "on", "child", "young_person"),
    [
        pytest.param(D(2010, 1, 10), D(2010, 1, 10), True, False, id="s.83: on the day of birth"),
        pytest.param(D(2010, 1, 10), D(2010, 1, 9), False, False, id="s.83: the day before birth"),
        pytest.param(D(2010, 1, 10), D(2010, 1, 11), True, False, id="s.83: the day after"),
    ],
)
def test_the_day_of_birth(dob: date, on: date, child: bool, young_person: bool) -> None:
    assert is_child(dob, on) is child
    assert is_young_person(dob, on) is young_person


# --- The autumn term start (Education Act 1996 s.8(3)(a) and s.579(1)) ------------------------
# Born Wed 2 Sep 2010: 16 on Wed 2 Sep 2026. If the autumn term starts Thu 3 Sep 2026, the
# birthday falls after the leaving date of 2026 and before the next school year begins, so
# compulsory school age ended on Fri 26 Jun 2026 and the young person's rights start on Sat 27
# Jun 2026. Without the term date, 1 September is taken as the start of the school year: the
# leaving date is Fri 25 Jun 2027, a young person from Sat 26 Jun 2027.

BORN = D(2010, 9, 2)
TERM = D(2026, 9, 3)


@pytest.mark.parametrize(
    ("term", "ends", "young_from"),
    [
        pytest.param(TERM, D(2026, 6, 26), D(2026, 6, 27), id="s.8(3)(a): term starts 3 Sep 2026"),
        pytest.param(None, D(2027, 6, 25), D(2027, 6, 26), id="s.8(3): 1 Sep taken"),
        pytest.param(
            D(2026, 9, 2), D(2027, 6, 25), D(2027, 6, 26), id="s.8(3): term starts on birthday"
        ),
        pytest.param(
            D(2025, 9, 3), D(2027, 6, 25), D(2027, 6, 26), id="s.8(3): a term of another year"
        ),
    ],
)
def test_the_autumn_term_start_decides_the_school_year(
    term: date | None, ends: date, young_from: date
) -> None:
    assert compulsory_school_age_ends(BORN, autumn_term_start=term) == ends
    assert becomes_young_person_on(BORN, autumn_term_start=term) == young_from


@pytest.mark.parametrize(
    ("on", "term", "child", "young_person"),
    [
        pytest.param(D(2026, 7, 1), TERM, False, True, id="CFA s.83: term 3 Sep, young person"),
        pytest.param(D(2026, 7, 1), None, True, False, id="CFA s.83: no term date, a child"),
        pytest.param(D(2026, 6, 26), TERM, True, False, id="CFA s.83: the leaving date itself"),
        pytest.param(D(2027, 6, 26), None, False, True, id="CFA s.83: a year later"),
    ],
)
def test_child_or_young_person_with_the_autumn_term_start(
    on: date, term: date | None, child: bool, young_person: bool
) -> None:
    assert is_child(BORN, on, autumn_term_start=term) is child
    assert is_young_person(BORN, on, autumn_term_start=term) is young_person


# --- The notice check's default (SEND Regs reg 37: unless the family agrees to less) ---------


def test_short_notice_is_not_enough_unless_the_family_agreed() -> None:
    # reg37: meeting Mon 15 Jun 2026, the 5th working day back is Mon 8 Jun; Wed 10 Jun is short.
    calendar = WorkingCalendar()
    sent, meeting = D(2026, 6, 10), D(2026, 6, 15)
    assert notice_is_sufficient_on(sent, meeting, calendar) is False
    assert notice_is_sufficient_on(sent, meeting, calendar, family_agreed_shorter=True) is True
    assert notice_is_sufficient(sent, meeting) is False
    assert notice_is_sufficient(sent, meeting, family_agreed_shorter=True) is True


# --- Refusals say what is wrong ---------------------------------------------------------------


class _NoOffset(tzinfo):
    """A zone that does not know its offset: such a moment has no date in England."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str | None:
        return None


def test_refusals_say_what_is_wrong() -> None:
    with pytest.raises(
        ValueError, match=r"^n must be 0 or more; use subtract_working_days to count back$"
    ):
        add_working_days(D(2026, 6, 5), -1)
    with pytest.raises(ValueError, match=r"^n must be 0 or more$"):
        subtract_working_days(D(2026, 6, 5), -1)
    with pytest.raises(ValueError, match=r"^the date is before the date of birth$"):
        age_on(D(2010, 6, 15), D(2010, 6, 14))
    moment = datetime(2026, 6, 5, 9, 0, tzinfo=UTC)
    with pytest.raises(
        TypeError,
        match="^" + re.escape(f"extra bank holidays must be dates, not datetimes: {moment!r}"),
    ):
        WorkingCalendar([moment])
    with pytest.raises(TypeError, match=r"^extra bank holidays must be dates or ISO strings: 5$"):
        WorkingCalendar([5])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="has no time zone"):
        date_in_england(datetime(2026, 6, 5, 9, 0, tzinfo=_NoOffset()))


def test_a_wrong_clock_or_action_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match=r"^Clock\.TRIBUNAL_APPEAL is not a certificate clock$"):
        explain_certificate_due(D(2026, 1, 5), Clock.TRIBUNAL_APPEAL)
    with pytest.raises(
        ValueError,
        match=(
            r"^agreement_appealable_matters needs an action: one of start_assessment, "
            r"make_plan, amend_plan, change_school, continue_to_maintain, cease_to_maintain$"
        ),
    ):
        compute(Clock.AGREEMENT_APPEALABLE, D(2026, 6, 1))
    with pytest.raises(ValueError, match=r"^icb_tells_la is always icb_tells_la, not make_plan$"):
        compute(Clock.ICB_TELLS_LA, D(2026, 6, 1), action=PostAgreementAction.MAKE_PLAN)
