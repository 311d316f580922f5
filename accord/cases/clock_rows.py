"""Keeps `CaseClock` rows in step with a case's clocks (called by accord.cases.services.editing).

The clocks themselves come from `accord.cases.clocks.deadlines_for`, and the meeting notice from
`accord.rules.latest_notice_date`: nothing here works out a statutory date. Reports aggregate
these rows in SQL.
"""

from __future__ import annotations

from collections.abc import Iterable

from accord import rules
from accord.cases.clock_facts import clock_facts_for, meeting_notices_for
from accord.cases.clocks import CaseDeadline, ClockFacts, MeetingNotice, deadlines_for
from accord.cases.events import CaseEvent, announce
from accord.cases.models import Case, CaseClock

MEETING_NOTICE = rules.Clock.MEETING_NOTICE.key


def rows_from_deadlines(case: Case, deadlines: Iterable[CaseDeadline]) -> list[CaseClock]:
    return [
        CaseClock(
            provider_id=case.provider_id,
            case_id=case.pk,
            clock=d.kind,
            key=d.key[:60],
            started_on=d.started,
            due_on=d.due,
            done_on=d.done_on,
            for_family=d.for_family,
        )
        for d in deadlines
    ]


def notice_row(case: Case, notice: MeetingNotice) -> CaseClock:
    """Notice of the mediation meeting to the family: at least 5 working days before, unless
    the family agreed to less (SEND Regs 2014 reg 37; accord.rules.latest_notice_date)."""
    return CaseClock(
        provider_id=case.provider_id,
        case_id=case.pk,
        clock=MEETING_NOTICE,
        key=f"{MEETING_NOTICE}_{notice.meeting_id}",
        started_on=notice.meeting_day,
        due_on=rules.latest_notice_date(notice.meeting_day),
        done_on=notice.sent_on,
        excused=notice.agreed_shorter,
    )


def rows_now(case: Case, facts: ClockFacts | None = None) -> list[CaseClock]:
    """The case's rows as its clocks are now (not saved). `facts` as `clock_facts_for(case)`
    gives them, when the caller already has them."""
    facts = facts if facts is not None else clock_facts_for(case)
    rows = rows_from_deadlines(case, deadlines_for(case, facts))
    return rows + [notice_row(case, notice) for notice in meeting_notices_for(case)]


# What a stored row says; its id is only where it is kept.
_SAID = ("clock", "key", "started_on", "due_on", "done_on", "excused", "for_family")


def rows_are_current(case: Case, facts: ClockFacts | None = None) -> bool:
    """Whether the stored rows say what the case's clocks say now: nothing to store again."""
    stored = CaseClock.objects.filter(case_id=case.pk).values_list(*_SAID)
    now = [tuple(getattr(row, name) for name in _SAID) for row in rows_now(case, facts)]
    return sorted(stored, key=repr) == sorted(now, key=repr)


def store_case_clocks(case: Case, facts: ClockFacts | None = None) -> None:
    """Replaces the case's rows with its clocks as they are now (inside the caller's
    transaction: accord.cases.services.editing holds the case's row lock). `facts` as
    `clock_facts_for(case)` gives them, when the caller already has them."""
    if case.pk is None:
        return
    rows = rows_now(case, facts)
    CaseClock.objects.filter(case_id=case.pk).delete()
    CaseClock.objects.bulk_create(rows)
    announce(CaseEvent.CLOCKS_STORED, case, by=None)
