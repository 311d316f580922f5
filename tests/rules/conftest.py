"""The rules tests are pure: no database and no Django. `make mutation` runs them on their own
(`-p no:django --confcutdir=tests/rules`, so tests/conftest.py is not loaded), which is why
the one shared fixture they use is repeated here.

Every cache in `accord.rules` is emptied before each test. A date cached by an earlier test,
or by the unchanged code in the process the mutation run forks from, would otherwise be
returned without running the rule, and a wrong rule would pass.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime

import pytest

from accord.rules import WorkingCalendar, default_calendar
from accord.rules import calendar as calendar_module


def _caches() -> list[Callable[[], None]]:
    """The ``cache_clear`` of every lru_cache in the rules' modules."""
    return [
        value.cache_clear
        for name, module in list(sys.modules.items())
        if name.startswith("accord.rules.")
        for value in vars(module).values()
        if callable(getattr(value, "cache_clear", None))
    ]


@pytest.fixture(autouse=True)
def _nothing_cached(monkeypatch) -> Iterator[None]:
    """A fresh default calendar (same extra days, empty caches) and empty function caches."""
    fresh = WorkingCalendar(default_calendar().extra_holidays)
    monkeypatch.setattr(calendar_module, "_default_calendar", fresh)
    for cache_clear in _caches():
        cache_clear()
    yield


@pytest.fixture
def stop_clock_at(monkeypatch) -> Callable[[datetime], None]:
    """Stops the clock at a moment (which must carry its zone): today_in_england() reads
    time.time(). The same as the fixture in tests/conftest.py."""

    def stop_at(moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("give the moment its time zone")
        monkeypatch.setattr(time, "time", moment.timestamp)

    return stop_at
