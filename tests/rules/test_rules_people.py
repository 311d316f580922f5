"""Child or young person: Education Act 1996 s.8, School Leaving Date Order 1997, CFA s.83,
Family Law Reform Act 1969 s.9. Expected dates checked by hand."""

from datetime import date

import pytest

from accord.rules import (
    age_on,
    becomes_young_person_on,
    compulsory_school_age_ends,
    is_child,
    is_young_person,
)

D = date


@pytest.mark.parametrize(
    ("dob", "expected"),
    [
        pytest.param(
            D(2010, 9, 1),
            D(2027, 6, 25),
            id="s.8: born 1 Sep 2010, 16 on 1 Sep 2026 -> last Fri of June 2027",
        ),
        pytest.param(
            D(2011, 8, 31),
            D(2027, 6, 25),
            id="s.8: born 31 Aug 2011, 16 on 31 Aug 2027 -> Fri 25 Jun 2027 (same year group)",
        ),
        pytest.param(
            D(2010, 6, 26), D(2026, 6, 26), id="s.8(3)(b): 16 on the leaving date Fri 26 Jun 2026"
        ),
        pytest.param(
            D(2010, 7, 15),
            D(2026, 6, 26),
            id="s.8(3)(a): 16 on 15 Jul 2026, after the leaving date -> Fri 26 Jun 2026",
        ),
        pytest.param(D(2010, 1, 10), D(2026, 6, 26), id="s.8(3)(c): 16 in Jan 2026 -> 26 Jun"),
        pytest.param(D(2012, 2, 29), D(2028, 6, 30), id="s.8: born 29 Feb 2012 -> Fri 30 Jun 2028"),
        pytest.param(
            D(2013, 3, 1), D(2029, 6, 29), id="Order 1997: 30 Jun 2029 is a Sat -> Fri 29 Jun"
        ),
    ],
)
def test_compulsory_school_age_ends(dob: date, expected: date) -> None:
    assert compulsory_school_age_ends(dob) == expected


def test_birthday_before_autumn_term_starts_counts_in_the_ending_school_year() -> None:
    # s.8(3)(a) with s.579(1): 16 on Wed 2 Sep 2026 but term starts Thu 3 Sep 2026.
    assert compulsory_school_age_ends(D(2010, 9, 2)) == D(2027, 6, 25)
    assert compulsory_school_age_ends(D(2010, 9, 2), autumn_term_start=D(2026, 9, 3)) == D(
        2026, 6, 26
    )


@pytest.mark.parametrize(
    ("dob", "expected"),
    [
        pytest.param(D(2010, 1, 10), D(2026, 6, 27), id="CFA s.83: Sat 27 Jun 2026"),
        pytest.param(D(2010, 9, 1), D(2027, 6, 26), id="CFA s.83: Sat 26 Jun 2027"),
    ],
)
def test_becomes_young_person_on(dob: date, expected: date) -> None:
    assert becomes_young_person_on(dob) == expected


@pytest.mark.parametrize(
    ("dob", "on", "expected"),
    [
        pytest.param(D(2010, 1, 10), D(2026, 6, 26), False, id="s.83: last day of school age"),
        pytest.param(D(2010, 1, 10), D(2026, 6, 27), True, id="s.83: the day after"),
        pytest.param(D(2010, 1, 10), D(2035, 1, 9), True, id="s.83: the day before 25"),
        pytest.param(D(2010, 1, 10), D(2035, 1, 10), False, id="s.83: 25th birthday"),
        pytest.param(
            D(2010, 7, 15), D(2026, 7, 1), True, id="s.83: aged 15 yet over compulsory school age"
        ),
        pytest.param(D(2012, 2, 29), D(2037, 2, 28), True, id="FLRA s.9: 29 Feb, still 24"),
        pytest.param(D(2012, 2, 29), D(2037, 3, 1), False, id="FLRA s.9: 29 Feb, 25 on 1 Mar"),
        pytest.param(D(2015, 5, 5), D(2026, 5, 5), False, id="s.83: an 11-year-old is a child"),
    ],
)
def test_is_young_person(dob: date, on: date, expected: bool) -> None:
    assert is_young_person(dob, on) is expected


def test_is_child_until_compulsory_school_age_ends() -> None:
    assert is_child(D(2010, 1, 10), D(2026, 6, 26)) is True
    assert is_child(D(2010, 1, 10), D(2026, 6, 27)) is False
    assert is_child(D(2010, 1, 10), D(2009, 12, 31)) is False  # not yet born


@pytest.mark.parametrize(
    ("dob", "on", "expected"),
    [
        pytest.param(D(2012, 2, 29), D(2013, 2, 28), 0, id="FLRA s.9: 29 Feb not 1 on 28 Feb"),
        pytest.param(D(2012, 2, 29), D(2013, 3, 1), 1, id="FLRA s.9: 29 Feb turns 1 on 1 Mar"),
        pytest.param(D(2012, 2, 29), D(2016, 2, 29), 4, id="FLRA s.9: leap-year birthday"),
        pytest.param(D(2010, 6, 15), D(2026, 6, 14), 15, id="FLRA s.9: day before birthday"),
        pytest.param(D(2010, 6, 15), D(2026, 6, 15), 16, id="FLRA s.9: on the birthday"),
        pytest.param(D(2010, 6, 15), D(2010, 6, 15), 0, id="FLRA s.9: day of birth"),
    ],
)
def test_age_on(dob: date, on: date, expected: int) -> None:
    assert age_on(dob, on) == expected


def test_age_before_birth_is_refused() -> None:
    with pytest.raises(ValueError):
        age_on(D(2010, 6, 15), D(2010, 6, 14))
