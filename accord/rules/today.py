"""Today's date in England: the one "today" every screen, service, reminder and report uses.

The days the law counts are England's days (SEND Regs reg 2(1)), so "today" is the date on a
clock in Europe/London, whatever the server's zone or Django's active zone. Between midnight
and 1 a.m. in British Summer Time the date in UTC is still yesterday's.

The rules themselves never ask for today: callers ask once and pass the date in. It lives here,
on the lowest floor, so every app (and the benchmark) can use the same function.

The clock read is ``time.time()``, so a test moves "today" by patching ``time.time`` (as the
tests of signed links already do), and time-machine or freezegun would move it too.
"""

from __future__ import annotations

import time
from datetime import date, datetime
from zoneinfo import ZoneInfo

ENGLAND = ZoneInfo("Europe/London")


def date_in_england(moment: datetime) -> date:
    """The date in England at ``moment``, which must say which zone it is in."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment!r} has no time zone, so its date in England is unknown")
    return moment.astimezone(ENGLAND).date()


def today_in_england() -> date:
    """Today's date in England."""
    return datetime.fromtimestamp(time.time(), tz=ENGLAND).date()
