"""Where the case's clocks get the facts that higher floors keep (docs/architecture.md).

A certificate's issue date stops a clock and an agreed action is a clock of its own; a meeting's
notice is counted in the stored clock rows for reports (not a clock on the case page). But
certificates and agreements live in accord.documents and meetings in accord.meetings, which stand
on accord.cases. So each of those apps registers a source here in its AppConfig.ready(), and
whoever computes a case's clocks asks `clock_facts_for(case)` and passes the result to
`accord.cases.clocks.deadlines_for`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from accord.cases.clocks import NO_FACTS, ClockFacts, MeetingNotice
from accord.cases.models import Case

ClockFactSource = Callable[[Case], ClockFacts]
NoticeSource = Callable[[Case], Iterable[MeetingNotice]]

_sources: dict[str, ClockFactSource] = {}
_notice_sources: dict[str, NoticeSource] = {}


def register_clock_facts(name: str, source: ClockFactSource) -> None:
    """Registers (or replaces, so a second ready() is harmless) the source called `name`."""
    _sources[name] = source


def clock_facts_for(case: Case) -> ClockFacts:
    """Everything the case's clocks need from the registered sources (none for an unsaved case).
    Sources read through the case's relations, so a page that prefetched them costs nothing."""
    if case.pk is None:
        return NO_FACTS
    facts = NO_FACTS
    for source in _sources.values():
        facts = facts.merged(source(case))
    return facts


def register_meeting_notices(name: str, source: NoticeSource) -> None:
    """Registers (or replaces) the source of the case's meeting notices for its stored rows."""
    _notice_sources[name] = source


def meeting_notices_for(case: Case) -> list[MeetingNotice]:
    if case.pk is None:
        return []
    return [notice for source in _notice_sources.values() for notice in source(case)]
