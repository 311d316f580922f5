"""The retention job (UK GDPR art. 5(1)(e)): what each provider's schedule says is no longer
needed is anonymised or deleted. A dry run by default: it counts, per provider and category,
what it would do; applied, it does it. Every run is logged (a `RetentionRun`).

Closed cases are anonymised, never deleted, so that reports and statutory returns keep their
figures: the child's and every person's name and contact details, the free text and notes, the
child's views and the words of messages are removed; dates, states, routes, outcomes and clocks
stay. A case under a legal hold is left as it is. The access log and history are append-only
(accord.cases.append_only): this job alone changes them, inside `retention_window()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from accord.cases.append_only import retention_window
from accord.cases.models import (
    Case,
    CaseAccess,
    CaseNote,
    ChildOrYoungPerson,
    Complaint,
    Party,
    RiskAssessment,
    SafeguardingConcern,
    refresh_name_search,
)
from accord.cases.retention_points import retention_sources
from accord.cases.states import CaseState
from accord.cases.timeline import EventKind, record_event
from accord.meetings.models import FeeClaim
from accord.notifications.models import OutboxMessage
from accord.organisations.models import Provider
from accord.privacy.models import RetentionRun, RetentionSchedule
from accord.rules import ENGLAND, today_in_england

ANONYMISED = "Anonymised"
CATEGORY_LABELS = {
    "closed_case": "closed cases anonymised",
    "enquiry": "enquiries that never became cases anonymised",
    "on_hold": "cases kept for a legal hold",
    "message_body": "outbox messages whose words are removed",
    "access_log": "access-log entries deleted",
    "rejected_request": "rejected online requests deleted",
    "sign_in_code": "family sign-in codes deleted",
}
PARTY_CLEARED = {
    "name": ANONYMISED,
    "organisation": "",
    "email": "",
    "phone": "",
    "address": "",
    "interpreter_language": "",
    "access_needs": "",
    "on_behalf_of": "",
}
CASE_CLEARED = {
    "summary": "",
    "referred_by": "",
    "safeguarding_notes": "",
    "risk_notes": "",
    "route_override_reason": "",
    "close_reason": "",
    "not_pursued_note": "",
}


@dataclass(frozen=True)
class Cutoffs:
    closed_case: date
    enquiry: date
    message_body: datetime
    access_log: datetime
    rejected_request: datetime
    sign_in_code: datetime


def schedule_for(provider: Provider) -> RetentionSchedule:
    schedule, _ = RetentionSchedule.objects.get_or_create(provider=provider)
    return schedule


def _moment(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=ENGLAND)


def cutoffs(schedule: RetentionSchedule, today: date) -> Cutoffs:
    return Cutoffs(
        closed_case=today - relativedelta(months=schedule.closed_case_months),
        enquiry=today - relativedelta(months=schedule.enquiry_months),
        message_body=_moment(today - timedelta(days=schedule.message_body_days)),
        access_log=_moment(today - relativedelta(months=schedule.access_log_months)),
        rejected_request=_moment(today - relativedelta(months=schedule.rejected_request_months)),
        sign_in_code=_moment(today - timedelta(days=schedule.sign_in_code_days)),
    )


def _closed_before(provider: Provider, on: date, *, enquiries: bool) -> QuerySet[Case]:
    was_enquiry = Q(state_before_close=CaseState.ENQUIRY)
    return Case.objects.filter(
        provider=provider,
        state=CaseState.CLOSED,
        closed_on__lt=on,
        anonymised_on__isnull=True,
    ).filter(was_enquiry if enquiries else ~was_enquiry)


def run_retention(*, apply: bool, started_by: str) -> RetentionRun:
    """Every provider, every category: counts, and with `apply` the changes themselves."""
    run = RetentionRun.objects.create(applied=apply, started_by=started_by)
    today = today_in_england()
    counts: dict[str, dict[str, int]] = {}
    for provider in Provider.objects.order_by("name"):
        counts[provider.name] = _for_provider(
            provider, cutoffs(schedule_for(provider), today), apply
        )
    counts["(all providers)"] = _held_for_no_provider(today, apply)
    run.counts = counts
    run.finished_at = timezone.now()
    run.save(update_fields=["counts", "finished_at"])
    return run


def _for_provider(provider: Provider, cut: Cutoffs, apply: bool) -> dict[str, int]:
    counts: dict[str, int] = {}
    with retention_window():
        for category, enquiries, on in (
            ("closed_case", False, cut.closed_case),
            ("enquiry", True, cut.enquiry),
        ):
            due = _closed_before(provider, on, enquiries=enquiries)
            counts["on_hold"] = counts.get("on_hold", 0) + due.filter(legal_hold=True).count()
            cases = list(due.filter(legal_hold=False).select_related("child"))
            counts[category] = len(cases)
            if apply:
                for case in cases:
                    anonymise_case(case)
        counts["message_body"] = _remove_message_bodies(provider, cut.message_body, apply)
        counts["access_log"] = _remove(
            CaseAccess.objects.filter(provider=provider, at__lt=cut.access_log), apply
        )
        for source in retention_sources().values():
            if source.per_provider:
                counts[source.category] = source.remove(
                    provider, getattr(cut, source.category), apply
                )
    return counts


def _held_for_no_provider(today: date, apply: bool) -> dict[str, int]:
    """Records that belong to no one provider (sign-in codes): the shortest period of any
    provider's schedule, or the default."""
    shortest = min(
        (s.sign_in_code_days for s in RetentionSchedule.objects.all()),
        default=RetentionSchedule().sign_in_code_days,
    )
    before = _moment(today - timedelta(days=shortest))
    counts: dict[str, int] = {}
    with transaction.atomic():
        for source in retention_sources().values():
            if not source.per_provider:
                counts[source.category] = source.remove(None, before, apply)
    return counts


def _remove(rows: QuerySet, apply: bool) -> int:
    count = rows.count()
    if apply and count:
        rows.delete()
    return count


def _remove_message_bodies(provider: Provider, before: datetime, apply: bool) -> int:
    finished = Q(sent_at__lt=before) | Q(failed_at__lt=before)
    rows = OutboxMessage.objects.filter(provider=provider).filter(finished).exclude(body="")
    count = rows.count()
    if apply and count:
        rows.update(body="")
    return count


def anonymise_case(case: Case) -> None:
    """Removes every name, contact detail and free text from a closed case; keeps its figures.
    Only inside `retention_window()`."""
    child = case.child
    names = _names_on(case)
    Party.objects.filter(case=case).update(**PARTY_CLEARED)
    CaseNote.objects.filter(case=case).delete()
    for view in case.child_views.all():
        if view.file:
            view.file.delete(save=False)
    case.child_views.update(text="", file="")
    # Safeguarding, risk and complaints keep their dates and levels (the figures), not the words.
    SafeguardingConcern.objects.filter(case=case).update(
        what="", outcome="", raised_by="", lead_name="", childrens_services_reference=""
    )
    RiskAssessment.objects.filter(case=case).update(risks="", mitigations="", assessed_by_name="")
    Complaint.objects.filter(case=case).update(
        what="", response="", complainant="", complainant_is="", investigated_by=""
    )
    OutboxMessage.objects.filter(case=case).update(body="", to=[], reply_to="")
    # A fee claim's amounts are kept for the accounts; its free text goes.
    FeeClaim.objects.filter(meeting__case=case).update(expenses_note="", decision_note="")
    scrub_history(case, names)
    Case.objects.filter(pk=case.pk).update(
        **CASE_CLEARED, legal_hold_reason="", anonymised_on=today_in_england()
    )
    if not child.cases.exclude(pk=case.pk).filter(anonymised_on__isnull=True).exists():
        ChildOrYoungPerson.objects.filter(pk=child.pk).update(
            first_name=ANONYMISED,
            last_name="",
            setting="",
            # The year of birth is kept for age-group figures.
            date_of_birth=date(child.date_of_birth.year, 1, 1),
        )
    # The names changed above without a model save: the search must not find them any more.
    refresh_name_search(child.cases.values_list("pk", flat=True))
    record_event(
        case, EventKind.ANONYMISED, "Retention period over: the case was anonymised", by=None
    )


def _names_on(case: Case) -> list[str]:
    child = case.child
    names = {child.full_name, child.first_name, child.last_name}
    names |= set(case.parties.values_list("name", flat=True))
    return sorted((n for n in names if len(n) > 1), key=len, reverse=True)


def scrub_history(case: Case, names: list[str], *, every_change: bool = True) -> None:
    """Takes `names` out of the case's history; the before and after of every change go too,
    or (erasure) only those that mention one of them. Only inside `retention_window()`."""
    for event in case.timeline.all():
        summary = _without(event.summary, names)
        mentioned = any(name in str(event.changes) for name in names)
        changes = {} if every_change or mentioned else event.changes
        if summary != event.summary or changes != event.changes:
            type(event).objects.filter(pk=event.pk).update(summary=summary, changes=changes)


def _without(text: str, names: list[str]) -> str:
    for name in names:
        text = text.replace(name, "[name removed]")
    return text
