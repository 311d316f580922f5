"""Summary tables for the reports, kept up to date as cases change (not nightly).

Each case counts a handful of *facts* (`facts_from`): the day it was received with its route,
decision and channel; whether it is open now and in which state; its outcome and the day it was
reached; each statutory clock with its due day and whether it was met; its first information
and advice call; its meeting's conclusion, and the appeal; its certificates; its meetings by
format. `CaseTally` counts the cases per fact, provider, LA and ICB; the report selectors
(accord.reports.selectors.kept) read those counts instead of aggregating every case, with the
same filters, so every figure is the same as a fresh aggregation (tests/reports/test_summary.py
checks each one).

Kept in the same transaction as the change: `refresh(case_id)` takes away the facts the case
last counted (`CaseTallied`) and adds the ones it counts now. It runs whenever a case, its
meetings, information and advice calls or certificates are saved or deleted, and whenever its
clock rows are stored (CaseEvent.CLOCKS_STORED, announced by accord.cases.clock_rows) — see
`connect()`. Django's model signals are used for the saves because every path that writes
those rows (services, imports, the admin, test factories) then keeps the tallies right
(docs/decisions.md). Rows written around the ORM (the benchmark's COPY) are counted by
`manage.py rebuild_summaries`, which works every case's facts out afresh in blocks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import F, Min
from django.utils import timezone

from accord.cases.models import Case, CaseClock
from accord.cases.states import CaseState
from accord.documents.models import Certificate
from accord.meetings.models import MAIN_KINDS, Meeting, MiasCall
from accord.reports.models import CaseTallied, CaseTally

# What each measure counts; the key's parts after the day are value, value2, value3, number.
MEASURES = {
    "received": "enquiries by the day received: route",
    "received_decision": "enquiries by the day received: the decision disagreed with",
    "received_channel": "enquiries by the day received: how they came in",
    "open": "cases open now: state, route",
    "outcome": "outcomes by the day reached (meeting concluded, else closed): outcome",
    "clock": "the service's statutory clocks by due day: clock, in_time / late / open",
    "first_call": "the first information and advice call by its day: days since the enquiry",
    "concluded": "meetings concluded by the day: route, outcome, 'appealed' (an appeal after)",
    "concluded_days": "meetings concluded by the day: days since the enquiry",
    "appeal": "appeals to the tribunal by the day lodged",
    "certificate": "certificates issued (not corrections) by the day: kind",
    "meeting": "mediation and DR meetings not cancelled, by the day they start: kind, format",
}
# Each grouping is a measure of its own, so a key holds as many cases as it can: a row per day,
# body and value, not per case.

CASE_FIELDS = (
    "id",
    "provider_id",
    "local_authority_id",
    "health_body_id",
    "received_on",
    "route",
    "decision_kind",
    "channel",
    "state",
    "outcome",
    "mediation_concluded_on",
    "closed_on",
    "appeal_lodged_on",
)

Fact = tuple[Any, ...]  # (la, icb, measure, day ISO or None, value, value2, value3, number)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def clock_status(due_on: date, done_on: date | None, excused: bool) -> str:
    """As accord.reports.selectors.clocks counts it: done in time (or late but excused), done
    late, or not done yet (overdue or running, depending on the day it is asked)."""
    if done_on is None:
        return "open"
    return "in_time" if done_on <= due_on or excused else "late"


def facts_from(
    case: dict[str, Any],
    first_call: date | None,
    certificates: Iterable[tuple[str, date]],
    meetings: Iterable[tuple[str, str, datetime]],
    clocks: Iterable[tuple[str, date, date | None, bool]],
) -> list[Fact]:
    """The facts one case counts (see MEASURES), from its row and its related rows."""
    la, icb = case["local_authority_id"], case["health_body_id"]

    def fact(measure: str, day: date | None, v1="", v2="", v3="", n=None) -> Fact:
        return (la, icb, measure, _iso(day), v1, v2, v3, n)

    received = case["received_on"]
    facts = [
        fact("received", received, case["route"]),
        fact("received_decision", received, case["decision_kind"]),
        fact("received_channel", received, case["channel"]),
    ]
    if case["state"] != CaseState.CLOSED:
        facts.append(fact("open", None, case["state"], case["route"]))
    reached = case["mediation_concluded_on"] or case["closed_on"]
    if case["outcome"] and reached:
        facts.append(fact("outcome", reached, case["outcome"]))
    for clock, due_on, done_on, excused in clocks:
        facts.append(fact("clock", due_on, clock, clock_status(due_on, done_on, excused)))
    if first_call is not None:
        facts.append(fact("first_call", first_call, n=(first_call - received).days))
    concluded = case["mediation_concluded_on"]
    if concluded is not None:
        appeal = case["appeal_lodged_on"]
        appealed = "appealed" if appeal is not None and appeal >= concluded else ""
        facts.append(fact("concluded", concluded, case["route"], case["outcome"], appealed))
        facts.append(fact("concluded_days", concluded, n=(concluded - received).days))
    if case["appeal_lodged_on"] is not None:
        facts.append(fact("appeal", case["appeal_lodged_on"]))
    for kind, issued_on in certificates:
        facts.append(fact("certificate", issued_on, kind))
    for kind, fmt, starts_at in meetings:
        facts.append(fact("meeting", timezone.localtime(starts_at).date(), kind, fmt))
    return [tuple(f) for f in facts]


def _related(case_ids: list[int]) -> tuple[dict, dict, dict, dict]:
    """The related rows the facts need, for many cases at once (4 queries)."""
    first_calls = dict(
        MiasCall.objects.filter(case_id__in=case_ids, held_on__isnull=False)
        .values("case_id")
        .annotate(first=Min("held_on"))
        .values_list("case_id", "first")
        .order_by()
    )
    certificates: dict[int, list] = {}
    for case_id, kind, issued_on in Certificate.objects.filter(
        case_id__in=case_ids, supersedes__isnull=True
    ).values_list("case_id", "kind", "issued_on"):
        certificates.setdefault(case_id, []).append((kind, issued_on))
    meetings: dict[int, list] = {}
    for case_id, kind, fmt, starts_at in Meeting.objects.filter(
        case_id__in=case_ids, kind__in=list(MAIN_KINDS), cancelled_at__isnull=True
    ).values_list("case_id", "kind", "format", "starts_at"):
        meetings.setdefault(case_id, []).append((kind, fmt, starts_at))
    clocks: dict[int, list] = {}
    for case_id, clock, due_on, done_on, excused in CaseClock.objects.filter(
        case_id__in=case_ids, for_family=False, due_on__isnull=False
    ).values_list("case_id", "clock", "due_on", "done_on", "excused"):
        clocks.setdefault(case_id, []).append((clock, due_on, done_on, excused))
    return first_calls, certificates, meetings, clocks


def _facts_of(cases: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], list[Fact]]]:
    first_calls, certificates, meetings, clocks = _related([c["id"] for c in cases])
    for case in cases:
        pk = case["id"]
        yield (
            case,
            facts_from(
                case,
                first_calls.get(pk),
                certificates.get(pk, []),
                meetings.get(pk, []),
                clocks.get(pk, []),
            ),
        )


def _key(fact: Iterable[Any]) -> Fact:
    return tuple(fact)


def _apply(provider_id: int, change: Counter[Fact]) -> None:
    for (la, icb, measure, day, v1, v2, v3, n), delta in change.items():
        if not delta:
            continue
        key = {
            "provider_id": provider_id,
            "local_authority_id": la,
            "health_body_id": icb,
            "measure": measure,
            "day": day,
            "value": v1,
            "value2": v2,
            "value3": v3,
            "number": n,
        }
        if not CaseTally.objects.filter(**key).update(count=F("count") + delta):
            CaseTally.objects.create(**key, count=delta)


def refresh(case_id: int) -> None:
    """Brings the tallies up to date with one case (inside the caller's transaction)."""
    with transaction.atomic():
        row = Case.objects.filter(pk=case_id).values(*CASE_FIELDS).first()
        tallied = CaseTallied.objects.select_for_update().filter(case_id=case_id).first()
        before = Counter(_key(f) for f in (tallied.facts if tallied else []))
        if row is None:
            return
        _case, now = next(_facts_of([row]))
        after = Counter(now)
        change = Counter(after)
        change.subtract(before)
        if tallied is None or before != after:
            _apply(row["provider_id"], change)
            CaseTallied.objects.update_or_create(case_id=case_id, defaults={"facts": now})


def forget(case_id: int) -> None:
    """Takes a case about to be deleted out of the tallies."""
    tallied = CaseTallied.objects.filter(case_id=case_id).first()
    provider_id = Case.objects.filter(pk=case_id).values_list("provider_id", flat=True).first()
    if tallied is None or provider_id is None:
        return
    change: Counter[Fact] = Counter()
    change.subtract(Counter(_key(f) for f in tallied.facts))
    _apply(provider_id, change)
    tallied.delete()


def rebuild(provider_id: int | None = None, block: int = 5000) -> dict[str, int]:
    """Works every case's facts out afresh and replaces the tallies (of one provider, or of
    all), in one transaction."""
    cases = Case.objects.order_by("pk")
    if provider_id is not None:
        cases = cases.filter(provider_id=provider_id)
    totals: dict[int, Counter[Fact]] = {}
    counted = 0
    with transaction.atomic():
        tallies = CaseTally.objects.all()
        tallied = CaseTallied.objects.all()
        if provider_id is not None:
            tallies = tallies.filter(provider_id=provider_id)
            tallied = tallied.filter(case__provider_id=provider_id)
        tallies.delete()
        tallied.delete()
        last = 0
        while True:
            rows = list(cases.filter(pk__gt=last).values(*CASE_FIELDS)[:block])
            if not rows:
                break
            last = rows[-1]["id"]
            kept = []
            for case, facts in _facts_of(rows):
                totals.setdefault(case["provider_id"], Counter()).update(facts)
                kept.append(CaseTallied(case_id=case["id"], facts=facts))
            CaseTallied.objects.bulk_create(kept, batch_size=block)
            counted += len(rows)
        rows_out = [
            CaseTally(
                provider_id=provider,
                local_authority_id=la,
                health_body_id=icb,
                measure=measure,
                day=day,
                value=v1,
                value2=v2,
                value3=v3,
                number=n,
                count=count,
            )
            for provider, counter in totals.items()
            for (la, icb, measure, day, v1, v2, v3, n), count in counter.items()
        ]
        CaseTally.objects.bulk_create(rows_out, batch_size=5000)
    return {"cases": counted, "tally_rows": len(rows_out)}


def tallies_as_counter(provider_id: int | None = None) -> Counter[Fact]:
    """The tallies summed by key (zero counts left out): what a rebuild must equal."""
    rows = CaseTally.objects.all()
    if provider_id is not None:
        rows = rows.filter(provider_id=provider_id)
    counter: Counter[Fact] = Counter()
    for row in rows.values_list(
        "provider_id",
        "local_authority_id",
        "health_body_id",
        "measure",
        "day",
        "value",
        "value2",
        "value3",
        "number",
        "count",
    ):
        *key, count = row
        key[4] = _iso(key[4])
        counter[tuple(key)] += count
    return Counter({k: v for k, v in counter.items() if v})


# --- keeping them up to date -----------------------------------------------------------------


def _case_saved(sender: Any, instance: Case, **_kwargs: Any) -> None:
    refresh(instance.pk)


def _related_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    # Deleted along with its case: the case's pre_delete has already taken it out.
    origin = kwargs.get("origin")
    if isinstance(origin, Case) or getattr(origin, "model", None) is Case:
        return
    if instance.case_id is not None:
        refresh(instance.case_id)


def _case_deleted(sender: Any, instance: Case, **_kwargs: Any) -> None:
    forget(instance.pk)


def _clocks_stored(case: Case, *, by: Any) -> None:
    refresh(case.pk)


def connect() -> None:
    """Called once from ReportsConfig.ready()."""
    from django.db.models.signals import post_delete, post_save, pre_delete

    from accord.cases.events import CaseEvent, subscribe

    post_save.connect(_case_saved, sender=Case, dispatch_uid="reports.summary.case")
    pre_delete.connect(_case_deleted, sender=Case, dispatch_uid="reports.summary.case_deleted")
    for model in (Meeting, MiasCall, Certificate):
        uid = f"reports.summary.{model._meta.model_name}"
        post_save.connect(_related_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_related_changed, sender=model, dispatch_uid=f"{uid}.deleted")
    subscribe(CaseEvent.CLOCKS_STORED, "reports.summary", _clocks_stored, after_commit=False)
