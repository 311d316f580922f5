"""Calendar periods: days, weeks and months, each with a sentence saying how it was counted."""

from __future__ import annotations

from datetime import date, timedelta

from accord.rules.calendar import WorkingCalendar
from accord.rules.wording import as_predicate, long_date, month_name, ordinal, plural, short_date

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_leap_year(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2 and is_leap_year(year):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def add_months(start: date, months: int) -> date:
    """The corresponding-date rule (Dodds v Walker): the same day-number ``months`` later, or
    the last day of that month if it is shorter (31 December + 2 months = 28/29 February)."""
    index = start.month - 1 + months
    year = start.year + index // 12
    month = index % 12 + 1
    return date(year, month, min(start.day, days_in_month(year, month)))


def explain_add_months(start: date, months: int) -> tuple[date, str]:
    end = add_months(start, months)
    sentence = f"{plural(months, 'month')} after {short_date(start)} is {short_date(end)}"
    if end.day != start.day:
        sentence += (
            f" ({month_name(end.month)} {end.year} has no {ordinal(start.day)} day, "
            "so the period ends on its last day)"
        )
    return end, sentence + "."


def add_weeks(start: date, weeks: int) -> date:
    return start + timedelta(weeks=weeks)


def explain_add_weeks(start: date, weeks: int) -> tuple[date, str]:
    end = add_weeks(start, weeks)
    return end, f"{plural(weeks, 'week')} after {short_date(start)} is {long_date(end)}."


def add_days(start: date, days: int) -> date:
    return start + timedelta(days=days)


def explain_add_days(start: date, days: int) -> tuple[date, str]:
    end = add_days(start, days)
    return end, (
        f"{plural(days, 'calendar day')} after {short_date(start)} is {long_date(end)}; "
        "weekends and bank holidays count."
    )


def explain_add_working_days(
    calendar: WorkingCalendar, start: date, n: int
) -> tuple[date, list[str]]:
    """Count ``n`` working days after ``start``, naming every day skipped."""
    end = calendar.add_working_days(start, n)
    steps = [
        f"Count {plural(n, 'working day')} after {long_date(start)}; that day itself is not "
        "counted."
    ]
    skipped: list[str] = []
    counted = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        reason = calendar.why_not_working(day)
        if reason is not None:
            skipped.append(f"{long_date(day)} ({reason})")
            continue
        counted += 1
        if skipped:
            steps.append("Skip " + "; ".join(skipped) + ".")
            skipped = []
        steps.append(f"Working day {counted}: {long_date(day)}.")
    return end, steps


def explain_no_roll(calendar: WorkingCalendar, due: date, source: str) -> list[str]:
    """For clocks the law does not move off non-working days: say so when it matters."""
    reason = calendar.why_not_working(due)
    if reason is None:
        return []
    return [
        f"{short_date(due)} is {as_predicate(reason)}. Nothing in {source} moves a due date off "
        "a non-working day, so it stays; act by the working day before to be safe."
    ]
