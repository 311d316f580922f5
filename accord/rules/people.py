"""Child or young person: ages and the end of compulsory school age in England.

- Education Act 1996 s.8(3): a person ceases to be of compulsory school age at the end of the
  school leaving date of the school year in which they turn 16 (precisely: of the calendar year
  in which they turn 16 if the birthday falls before the next school year begins, otherwise the
  next one).
- The Education (School Leaving Date) Order 1997: the school leaving date is the last Friday
  in June.
- CFA s.83(2): a young person is over compulsory school age and under 25.
- Family Law Reform Act 1969 s.9: an age is attained at the start of the relevant anniversary
  of the date of birth. For someone born on 29 February, Accord treats the anniversary in a
  non-leap year as 1 March (see docs/rules-sources.md).

The "school year" of s.8(3) begins with the first term to begin after July (s.579(1)); Accord
uses 1 September unless the autumn term start date is given, which matters only for
birthdays in the first days of September before term starts.
"""

from __future__ import annotations

from datetime import date, timedelta

from accord.rules.periods import is_leap_year

YOUNG_PERSON_UPPER_AGE = 25  # CFA s.83(2)
COMPULSORY_SCHOOL_LEAVING_AGE = 16  # Education Act 1996 s.8
_FRIDAY = 4


def birthday_in(date_of_birth: date, year: int) -> date:
    """The anniversary of ``date_of_birth`` in ``year``; 29 February becomes 1 March in a
    non-leap year (Family Law Reform Act 1969 s.9: the age is attained at the start of the
    anniversary, and a non-leap year has no 29 February)."""
    if date_of_birth.month == 2 and date_of_birth.day == 29 and not is_leap_year(year):
        return date(year, 3, 1)
    return date_of_birth.replace(year=year)


def age_on(date_of_birth: date, on: date) -> int:
    """Age in whole years on ``on``."""
    if on < date_of_birth:
        raise ValueError("the date is before the date of birth")
    years = on.year - date_of_birth.year
    if on < birthday_in(date_of_birth, on.year):
        years -= 1
    return years


def last_friday_in_june(year: int) -> date:
    """The school leaving date (Education (School Leaving Date) Order 1997)."""
    june_30 = date(year, 6, 30)
    return june_30 - timedelta(days=(june_30.weekday() - _FRIDAY) % 7)


def compulsory_school_age_ends(
    date_of_birth: date, *, autumn_term_start: date | None = None
) -> date:
    """The last day of compulsory school age: the last Friday in June of the school year in
    which the child turns 16 (Education Act 1996 s.8(3)).

    ``autumn_term_start``: the first day of the autumn term in the calendar year of the 16th
    birthday, if known; a birthday from 1 September up to the day before it then counts in
    the school year that is ending (s.8(3)(a)).
    """
    sixteenth = birthday_in(date_of_birth, date_of_birth.year + COMPULSORY_SCHOOL_LEAVING_AGE)
    new_school_year = date(sixteenth.year, 9, 1)
    if autumn_term_start is not None and autumn_term_start.year == sixteenth.year:
        new_school_year = autumn_term_start
    leaving_year = sixteenth.year if sixteenth < new_school_year else sixteenth.year + 1
    return last_friday_in_june(leaving_year)


def becomes_young_person_on(date_of_birth: date, *, autumn_term_start: date | None = None) -> date:
    """The first day the child is over compulsory school age (the day after the leaving date)."""
    ends = compulsory_school_age_ends(date_of_birth, autumn_term_start=autumn_term_start)
    return ends + timedelta(days=1)


def stops_being_young_person_on(date_of_birth: date) -> date:
    """The 25th birthday (an EHC plan may continue to the end of that academic year: SEND Regs
    reg 46)."""
    return birthday_in(date_of_birth, date_of_birth.year + YOUNG_PERSON_UPPER_AGE)


def is_young_person(
    date_of_birth: date, on: date, *, autumn_term_start: date | None = None
) -> bool:
    """Over compulsory school age and under 25 on ``on`` (CFA s.83(2))."""
    return (
        becomes_young_person_on(date_of_birth, autumn_term_start=autumn_term_start)
        <= on
        < stops_being_young_person_on(date_of_birth)
    )


def is_child(date_of_birth: date, on: date, *, autumn_term_start: date | None = None) -> bool:
    """Of compulsory school age or younger on ``on`` (and born by then)."""
    return (
        date_of_birth
        <= on
        < becomes_young_person_on(date_of_birth, autumn_term_start=autumn_term_start)
    )
