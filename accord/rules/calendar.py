"""Working days in England.

SEND Regs reg 2(1) and HESC Rules r.1(3): a working day is any day except a Saturday, a Sunday,
Christmas Day, Good Friday or a bank holiday in England under the Banking and Financial Dealings
Act 1971 (substitute days and one-off days included).

Bank holidays come from the maintained ``holidays`` package (country "GB", subdivision "ENG"),
never from a list typed into this code. A newly announced one-off bank holiday can be added
without a release through ``configure_calendar`` (the Django app passes
``settings.ACCORD_EXTRA_BANK_HOLIDAYS`` at start-up).

Holiday lookups are cached per year, and ``add_working_days`` results per calendar, because a
benchmark computes every clock for 100,000 cases.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from functools import lru_cache
from types import MappingProxyType

import holidays

from accord.rules.wording import as_predicate, day_name

ONE_DAY = timedelta(days=1)
EXTRA_HOLIDAY_NAME = "additional bank holiday"
_OBSERVED = " (observed)"
# Christmas Day and Good Friday are common-law holidays rather than bank holidays in England,
# which is why the regulations list them separately; the package includes both.
_NOT_BANK_HOLIDAYS = frozenset({"Christmas Day", "Good Friday"})

ExtraHolidays = Iterable[date | str] | Mapping[date, str]


@lru_cache(maxsize=512)
def england_holidays(year: int) -> tuple[tuple[date, str], ...]:
    """Christmas Day, Good Friday and the England bank holidays of ``year``, with the package's
    names, sorted by date. Cached: the package builds its tables per call."""
    table = holidays.country_holidays("GB", subdiv="ENG", years=year)
    found: dict[date, str] = {day: str(name) for day, name in table.items() if day.year == year}
    # SEND Regs reg 2(1): Christmas Day is never a working day, whatever the package says.
    found.setdefault(date(year, 12, 25), "Christmas Day")
    return tuple(sorted(found.items()))


def plain_holiday_name(name: str) -> str:
    """'Boxing Day (observed)' -> 'Boxing Day substitute bank holiday'; 'Easter Monday' ->
    'Easter Monday bank holiday'; 'Good Friday' stays as it is."""
    parts = [part.strip() for part in name.split(";")]
    plain: list[str] = []
    for part in parts:
        if part.endswith(_OBSERVED):
            plain.append(f"{part[: -len(_OBSERVED)]} substitute bank holiday")
        elif part in _NOT_BANK_HOLIDAYS or "bank holiday" in part.lower():
            plain.append(part)
        else:
            plain.append(f"{part} bank holiday")
    return "; ".join(plain)


def _as_date(value: date | str) -> date:
    if isinstance(value, datetime):
        raise TypeError(f"extra bank holidays must be dates, not datetimes: {value!r}")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return date.fromisoformat(value.strip())
    raise TypeError(f"extra bank holidays must be dates or ISO strings: {value!r}")


class WorkingCalendar:
    """England's working days, plus any extra one-off days from configuration.

    Immutable once built: to change the extra days, build a new calendar.
    """

    def __init__(self, extra_holidays: ExtraHolidays = ()) -> None:
        extras: dict[date, str] = {}
        if isinstance(extra_holidays, Mapping):
            for day, name in extra_holidays.items():
                extras[_as_date(day)] = str(name) or EXTRA_HOLIDAY_NAME
        else:
            for day in extra_holidays:
                extras[_as_date(day)] = EXTRA_HOLIDAY_NAME
        self._extras: Mapping[date, str] = MappingProxyType(extras)
        self._years: dict[int, Mapping[date, str]] = {}
        self._add_cached = lru_cache(maxsize=131_072)(self._add_working_days)
        self._subtract_cached = lru_cache(maxsize=131_072)(self._subtract_working_days)

    def __repr__(self) -> str:
        extras = ", ".join(day.isoformat() for day in sorted(self._extras))
        return f"WorkingCalendar(extra_holidays=[{extras}])"

    @property
    def extra_holidays(self) -> frozenset[date]:
        return frozenset(self._extras)

    def holidays_in(self, year: int) -> Mapping[date, str]:
        """Christmas Day, Good Friday, bank holidays and extra days of ``year``, by plain name."""
        table = self._years.get(year)
        if table is None:
            merged = {day: plain_holiday_name(name) for day, name in england_holidays(year)}
            for day, name in self._extras.items():
                if day.year == year:
                    merged[day] = name if day not in merged else f"{merged[day]}; {name}"
            table = MappingProxyType(merged)
            self._years[year] = table
        return table

    def holiday_name(self, day: date) -> str | None:
        return self.holidays_in(day.year).get(day)

    def is_working_day(self, day: date) -> bool:
        if day.weekday() >= 5:
            return False
        return day not in self.holidays_in(day.year)

    def why_not_working(self, day: date) -> str | None:
        """None for a working day, else 'Saturday', 'Good Friday', 'Sunday and Christmas Day' ..."""
        holiday = self.holiday_name(day)
        if day.weekday() >= 5:
            return f"{day_name(day)} and {as_predicate(holiday)}" if holiday else day_name(day)
        return holiday

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start``. ``start`` is not counted and may itself be a
        non-working day; n == 0 returns ``start`` unchanged."""
        if n < 0:
            raise ValueError("n must be 0 or more; use subtract_working_days to count back")
        if n == 0:
            return start
        return self._add_cached(start, n)

    def _add_working_days(self, start: date, n: int) -> date:
        day = start
        counted = 0
        while counted < n:
            day += ONE_DAY
            if self.is_working_day(day):
                counted += 1
        return day

    def subtract_working_days(self, end: date, n: int) -> date:
        """The n-th working day before ``end`` (``end`` itself is not counted)."""
        if n < 0:
            raise ValueError("n must be 0 or more")
        return self._subtract_cached(end, n)

    def _subtract_working_days(self, end: date, n: int) -> date:
        day = end
        counted = 0
        while counted < n:
            day -= ONE_DAY
            if self.is_working_day(day):
                counted += 1
        return day

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        return self.add_working_days(day, 1)

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days fall after ``start`` up to and including ``end``; negative when
        ``end`` is before ``start``. The inverse of ``add_working_days`` for working-day ends."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start
        while day < end:
            day += ONE_DAY
            if self.is_working_day(day):
                count += 1
        return count


_default_calendar = WorkingCalendar()


def default_calendar() -> WorkingCalendar:
    """The calendar the module-level functions use."""
    return _default_calendar


def configure_calendar(extra_holidays: ExtraHolidays = ()) -> WorkingCalendar:
    """Replace the default calendar with one that also treats ``extra_holidays`` (dates, ISO
    strings, or a mapping of date to name) as bank holidays. Returns the new calendar."""
    global _default_calendar
    _default_calendar = WorkingCalendar(extra_holidays)
    return _default_calendar


def _calendar(calendar: WorkingCalendar | None) -> WorkingCalendar:
    return calendar if calendar is not None else _default_calendar


def is_working_day(day: date, *, calendar: WorkingCalendar | None = None) -> bool:
    """SEND Regs reg 2(1) / HESC Rules r.1(3)."""
    return _calendar(calendar).is_working_day(day)


def add_working_days(start: date, n: int, *, calendar: WorkingCalendar | None = None) -> date:
    """The n-th working day after ``start`` ("within n working days of start")."""
    return _calendar(calendar).add_working_days(start, n)


def subtract_working_days(end: date, n: int, *, calendar: WorkingCalendar | None = None) -> date:
    return _calendar(calendar).subtract_working_days(end, n)


def next_working_day(day: date, *, calendar: WorkingCalendar | None = None) -> date:
    return _calendar(calendar).next_working_day(day)


def working_days_between(start: date, end: date, *, calendar: WorkingCalendar | None = None) -> int:
    return _calendar(calendar).working_days_between(start, end)
