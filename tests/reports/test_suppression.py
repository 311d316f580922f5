"""Small-number suppression for commissioners (no person can be picked out)."""

from __future__ import annotations

import pytest

from accord.reports import suppression


@pytest.mark.parametrize(
    ("value", "shown"), [(0, "0"), (1, "<5"), (4, "<5"), (5, "5"), (120, "120")]
)
def test_counts(value, shown):
    assert suppression.count(value) == shown


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [
        (0, 0, "–"),
        (3, 4, "too few to show"),  # the total itself is small
        (2, 10, "too few to show"),  # 20% of 10 gives the 2 away
        (8, 10, "too few to show"),  # …and so does the 2 who were not
        (10, 10, "100.0%"),
        (0, 10, "0.0%"),
        (5, 10, "50.0%"),
    ],
)
def test_percentages(part, whole, shown):
    assert suppression.percentage(part, whole) == shown


@pytest.mark.parametrize(
    ("days", "cases", "shown"),
    [(None, 0, "–"), (12, 4, "too few to show"), (12, 5, "12 days")],
)
def test_times(days, cases, shown):
    assert suppression.days(days, cases) == shown
