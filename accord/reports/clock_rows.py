"""Keeps `CaseClock` rows in step with a case's clocks (called by accord.cases.services).

The clocks themselves come from `accord.cases.clocks.deadlines_for`, and the meeting notice from
`accord.rules.latest_notice_date`: nothing here works out a statutory date.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.utils import timezone

from accord import rules
from accord.cases.clocks import CaseDeadline, deadlines_for
from accord.cases.models import Case
from accord.reports.models import CaseClock

AGREEMENT_ITEM_PREFIX = "agreement_item_"
MEETING_NOTICE = "meeting_notice"
# accord.cases.clocks marks the family's own clocks with this responsible party.
FAMILY = "Family"


def clock_kind(key: str) -> str:
    """The kind of clock a deadline key belongs to: "agreement_item_12" is an agreement_action."""
    if key.startswith(AGREEMENT_ITEM_PREFIX):
        return "agreement_action"
    return key


def rows_from_deadlines(case: Case, deadlines: Iterable[CaseDeadline]) -> list[CaseClock]:
    return [
        CaseClock(
            provider_id=case.provider_id,
            case_id=case.pk,
            clock=clock_kind(d.key),
            key=d.key[:60],
            started_on=d.started,
            due_on=d.due,
            done_on=d.done_on,
            for_family=d.responsible == FAMILY,
        )
        for d in deadlines
    ]


def notice_row(
    case: Case, meeting_id: int, meeting_day: date, sent_on: date | None, agreed_shorter: bool
) -> CaseClock:
    """Notice of the mediation meeting to the family: at least 5 working days before, unless
    the family agreed to less (SEND Regs 2014 reg 37; accord.rules.latest_notice_date)."""
    return CaseClock(
        provider_id=case.provider_id,
        case_id=case.pk,
        clock=MEETING_NOTICE,
        key=f"{MEETING_NOTICE}_{meeting_id}",
        started_on=meeting_day,
        due_on=rules.latest_notice_date(meeting_day),
        done_on=sent_on,
        excused=agreed_shorter,
    )


def _notice_rows(case: Case) -> list[CaseClock]:
    from accord.meetings.models import Meeting, MeetingKind

    meetings = Meeting.objects.filter(
        case_id=case.pk, kind=MeetingKind.MEDIATION, cancelled_at__isnull=True
    ).values_list("pk", "starts_at", "notice_sent_on", "family_agreed_shorter_notice")
    return [
        notice_row(case, pk, timezone.localtime(starts_at).date(), sent_on, agreed)
        for pk, starts_at, sent_on, agreed in meetings
    ]


def store_case_clocks(case: Case) -> None:
    """Replaces the case's rows with its clocks as they are now (inside the caller's
    transaction: accord.cases.services.editing holds the case's row lock)."""
    if case.pk is None:
        return
    # Certificates or agreed actions may have changed since they were cached on this object.
    case.__dict__.pop("_certificate_dates", None)
    case.__dict__.pop("_agreement_actions", None)
    rows = rows_from_deadlines(case, deadlines_for(case)) + _notice_rows(case)
    CaseClock.objects.filter(case_id=case.pk).delete()
    CaseClock.objects.bulk_create(rows)
