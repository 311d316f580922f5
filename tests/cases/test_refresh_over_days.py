"""The nightly refresh writes only the cases a new day changes (accord.cases.services
.refresh_open_cases): whatever the jump in the date, what it leaves stored is what refreshing
every case would have stored, and a case the day did not change keeps its version. Run over the
demo's cases (every stage of the journey) after jumps that cross a working day, a month, the end
of the summer term and a birthday that makes a child a young person (CFA 2014 s.83)."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import models

from accord.cases.models import Case, CaseClock
from accord.cases.services import refresh_deadlines, refresh_open_cases
from accord.cases.services.writing import is_current
from accord.demo.cases import load_demo_data
from accord.rules import becomes_young_person_on, today_in_england

DEMO_DAY = date(2026, 11, 26)


def _at(day: date, monkeypatch) -> None:
    noon = datetime(day.year, day.month, day.day, 12, tzinfo=UTC).timestamp()
    monkeypatch.setattr(time, "time", lambda: noon)
    assert today_in_england() == day


def _record() -> dict[int, tuple]:
    """What the refresh keeps of each case: next deadline, clock rows, young-person notes."""
    clocks: dict[int, list] = {}
    for row in CaseClock.objects.values_list(
        "case_id", "clock", "key", "started_on", "due_on", "done_on", "excused", "for_family"
    ):
        clocks.setdefault(row[0], []).append(row[1:])
    return {
        case.pk: (
            case.next_deadline_on,
            case.next_deadline_clock,
            sorted(clocks.get(case.pk, []), key=repr),
            case.timeline.filter(kind="young_person").count(),
        )
        for case in Case.objects.order_by("pk")
    }


@pytest.mark.parametrize("days", [1, 3, 31, 220, 400, 800])
def test_what_the_refresh_leaves_is_what_refreshing_every_case_would(db, monkeypatch, days):
    _at(DEMO_DAY, monkeypatch)
    load_demo_data(today=DEMO_DAY)
    refresh_open_cases()
    later = DEMO_DAY + timedelta(days=days)
    _at(later, monkeypatch)
    versions = dict(Case.objects.values_list("pk", "version"))

    done = refresh_open_cases()

    open_cases = Case.objects.exclude(state="closed")
    assert done.checked == open_cases.count() > 0
    kept = _record()
    changed = {pk for pk, v in Case.objects.values_list("pk", "version") if v != versions[pk]}
    assert len(changed) == done.changed
    # Refreshing every open case again changes nothing the skipping refresh left.
    for case in open_cases:
        assert is_current(case), case.reference
        refresh_deadlines(case)
    assert _record() == kept


def test_a_case_the_day_does_not_change_keeps_its_version_and_a_birthday_is_noted(db, monkeypatch):
    _at(DEMO_DAY, monkeypatch)
    load_demo_data(today=DEMO_DAY)
    refresh_open_cases()
    assert refresh_open_cases().changed == 0  # nothing new on the same day
    # The first open case whose child becomes a young person after the demo day.
    becoming = sorted(
        (becomes_young_person_on(c.child.date_of_birth), c.pk)
        for c in Case.objects.exclude(state="closed").select_related("child")
        if c.received_on < becomes_young_person_on(c.child.date_of_birth)
        and becomes_young_person_on(c.child.date_of_birth) > DEMO_DAY
    )
    assert becoming, "the demo has a child who becomes a young person during their case"
    became, pk = becoming[0]
    _at(became, monkeypatch)
    assert refresh_open_cases().changed >= 1
    case = Case.objects.get(pk=pk)
    assert case.timeline.filter(kind="young_person").count() == 1
    assert refresh_open_cases().changed == 0


def test_a_stored_clock_row_that_no_longer_says_what_the_clock_does_is_stored_again(
    db, monkeypatch
):
    _at(DEMO_DAY, monkeypatch)
    load_demo_data(today=DEMO_DAY)
    refresh_open_cases()
    # A clock row other than the one the next deadline comes from, made wrong behind the
    # service's back: the refresh finds it (the next deadline alone would not show it).
    row = (
        CaseClock.objects.filter(case__state="follow_up", due_on__isnull=False)
        .exclude(due_on=models.F("case__next_deadline_on"))
        .order_by("pk")
        .first()
    )
    assert row is not None
    CaseClock.objects.filter(pk=row.pk).update(due_on=date(2001, 1, 1))
    assert not is_current(row.case)
    assert refresh_open_cases().changed == 1
    assert CaseClock.objects.get(case=row.case, key=row.key).due_on == row.due_on
