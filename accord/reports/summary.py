"""Summary tables for the reports, kept up to date as cases change (not nightly).

Each case counts a handful of *facts* (`facts_from`): the day it was received with its route,
decision and channel; whether it is open now and in which state; its outcome and the day it was
reached; each statutory clock with its due day and whether it was met; its first information
and advice call; its meeting's conclusion, and the appeal; its certificates; its meetings by
format; the feedback its parties and mediator gave (each score, by the day it was given).
`CaseTally` counts the cases per fact, provider, LA and ICB; the report selectors
(accord.reports.selectors.kept) read those counts instead of aggregating every case, with the
same filters, so every figure is the same as a fresh aggregation (tests/reports/test_summary.py
checks each one).

Kept in the same transaction as the change: `refresh(case_id)` takes away the facts the case
last counted (`CaseTallied`) and adds the ones it counts now. It runs whenever a case, its
meetings, information and advice calls, certificates, appeals or feedback are saved or
deleted, and whenever its clock rows are stored (CaseEvent.CLOCKS_STORED, announced by
accord.cases.clock_rows) — see `connect()`. Django's model signals are used for the saves
because every path that writes those rows (services, imports, the admin, test factories)
then keeps the tallies right (docs/decisions.md). Rows written around the ORM (the
benchmark's COPY) are counted by `manage.py rebuild_summaries`, which works every case's
facts out afresh in blocks.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.db import connection, transaction
from django.db.models import F, Min, Sum
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import timezone

from accord.cases.events import CaseEvent, subscribe
from accord.cases.models import Appeal, Case, CaseClock
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
    "feedback": "feedback by the day given (in England): respondent role, which score, score",
}
# The three 1-5 scores of a piece of feedback (accord.family.Feedback), each a fact of its own.
FEEDBACK_SCORES = ("satisfied", "listened_to", "would_recommend")
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
    appeals: Iterable[date] = (),
    feedback: Iterable[tuple[str, datetime, int, int, int]] = (),
) -> list[Fact]:
    """The facts one case counts (see MEASURES), from its row and its related rows."""
    la, icb = case["local_authority_id"], case["health_body_id"]

    def fact(
        measure: str,
        day: date | None,
        v1: str = "",
        v2: str = "",
        v3: str = "",
        n: int | None = None,
    ) -> Fact:
        return (la, icb, measure, _iso(day), v1, v2, v3, n)

    registered = sorted(appeals)
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
        # As accord.reports.selectors.national counts it: an appeal registered on or after the
        # day the mediation concluded.
        appealed = "appealed" if any(day >= concluded for day in registered) else ""
        facts.append(fact("concluded", concluded, case["route"], case["outcome"], appealed))
        facts.append(fact("concluded_days", concluded, n=(concluded - received).days))
    for day in registered:
        facts.append(fact("appeal", day))
    for kind, issued_on in certificates:
        facts.append(fact("certificate", issued_on, kind))
    for kind, fmt, starts_at in meetings:
        facts.append(fact("meeting", timezone.localtime(starts_at).date(), kind, fmt))
    facts.extend(_feedback_facts(la, icb, feedback))
    return [tuple(f) for f in facts]


def feedback_model() -> Any:
    """accord.family.Feedback, when feedback is collected in this installation (the family app
    is on the reports' floor: named, never imported)."""
    return apps.get_model("family", "Feedback") if apps.is_installed("accord.family") else None


Related = tuple[dict, dict, dict, dict, dict, dict]


def _feedback_facts(
    la: int, icb: int | None, feedback: Iterable[tuple[str, datetime, int, int, int]]
) -> list[Fact]:
    """Each score of each piece of feedback, by the day it was given in England."""
    facts = []
    for role, submitted_at, *scores in feedback:
        given = _iso(timezone.localtime(submitted_at).date())
        for name, score in zip(FEEDBACK_SCORES, scores, strict=True):
            facts.append((la, icb, "feedback", given, role, name, "", score))
    return facts


def _related(case_ids: list[int], every: bool = False) -> Related:
    """The related rows the facts need, for many cases at once (6 queries). `every`: the ids
    are every case in their range (a rebuild of all providers), read as a range, which the
    index answers far faster than a long IN list."""
    wanted = set(case_ids)
    span: dict[str, Any] = {"case_id__in": case_ids}
    if every and case_ids:
        span = {"case_id__gte": min(case_ids), "case_id__lte": max(case_ids)}

    def rows(queryset: Any, *fields: str) -> list[tuple[Any, ...]]:
        return [r for r in queryset.filter(**span).values_list(*fields) if r[0] in wanted]

    calls = MiasCall.objects.filter(held_on__isnull=False).values("case_id")
    first_calls = dict(rows(calls.annotate(first=Min("held_on")).order_by(), "case_id", "first"))
    certificates: dict[int, list] = {}
    for case_id, kind, issued_on in rows(
        Certificate.objects.filter(supersedes__isnull=True), "case_id", "kind", "issued_on"
    ):
        certificates.setdefault(case_id, []).append((kind, issued_on))
    meetings: dict[int, list] = {}
    for case_id, kind, fmt, starts_at in rows(
        Meeting.objects.filter(kind__in=list(MAIN_KINDS), cancelled_at__isnull=True),
        "case_id",
        "kind",
        "format",
        "starts_at",
    ):
        meetings.setdefault(case_id, []).append((kind, fmt, starts_at))
    clocks: dict[int, list] = {}
    for case_id, clock, due_on, done_on, excused in rows(
        CaseClock.objects.filter(for_family=False, due_on__isnull=False),
        "case_id",
        "clock",
        "due_on",
        "done_on",
        "excused",
    ):
        clocks.setdefault(case_id, []).append((clock, due_on, done_on, excused))
    appeals: dict[int, list] = {}
    for case_id, registered_on in rows(Appeal.objects.all(), "case_id", "registered_on"):
        appeals.setdefault(case_id, []).append(registered_on)
    feedback: dict[int, list] = {}
    model = feedback_model()
    if model is not None:
        for case_id, *given in rows(
            model.objects.order_by(), "case_id", "respondent_role", "submitted_at", *FEEDBACK_SCORES
        ):
            feedback.setdefault(case_id, []).append(tuple(given))
    return first_calls, certificates, meetings, clocks, appeals, feedback


def _facts_of(
    cases: list[dict[str, Any]], every: bool = False
) -> Iterator[tuple[dict[str, Any], list[Fact]]]:
    first_calls, certificates, meetings, clocks, appeals, feedback = _related(
        [c["id"] for c in cases], every
    )
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
                appeals.get(pk, []),
                feedback.get(pk, []),
            ),
        )


def _key(fact: Iterable[Any]) -> Fact:
    return tuple(fact)


Key = tuple[Any, ...]  # ("d" or "m", *fact)


def _grains(facts: Iterable[Fact]) -> Counter[Key]:
    """Each fact by its day, and (when it has one) by its month."""
    keys: Counter[Key] = Counter()
    for fact in facts:
        keys[("d", *fact)] += 1
        day = fact[3]
        if day is not None:
            keys[("m", *fact[:3], day[:8] + "01", *fact[4:])] += 1
    return keys


def _apply(provider_id: int, change: Counter[Key]) -> None:
    for (grain, la, icb, measure, day, v1, v2, v3, n), delta in change.items():
        if not delta:
            continue
        key = {
            "provider_id": provider_id,
            "local_authority_id": la,
            "health_body_id": icb,
            "measure": measure,
            "grain": grain,
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
        before = _grains(_key(f) for f in (tallied.facts if tallied else []))
        if row is None:
            return
        _case, now = next(_facts_of([row]))
        after = _grains(now)
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
    change: Counter[Key] = Counter()
    change.subtract(_grains(_key(f) for f in tallied.facts))
    _apply(provider_id, change)
    tallied.delete()


def rebuild(provider_id: int | None = None, block: int = 5000) -> dict[str, int]:
    """Works every case's facts out afresh and replaces the tallies (of one provider, or of
    all), in one transaction."""
    cases = Case.objects.all()
    if provider_id is not None:
        cases = cases.filter(provider_id=provider_id)
    with transaction.atomic():
        tallies = CaseTally.objects.all()
        tallied = CaseTallied.objects.all()
        if provider_id is not None:
            tallies = tallies.filter(provider_id=provider_id)
            tallied = tallied.filter(case__provider_id=provider_id)
        tallies.delete()
        tallied.delete()
        return _count(cases, every=provider_id is None, block=block)


def count_new(first_id: int, last_id: int, block: int = 5000) -> dict[str, int]:
    """Adds the cases with ids first_id … last_id, none of them counted yet (rows copied in
    around the application, as the benchmark's seed does), to the tallies."""
    cases = Case.objects.filter(pk__gte=first_id, pk__lte=last_id)
    with transaction.atomic():
        return _count(cases, every=True, block=block)


def _count(cases: Any, every: bool, block: int) -> dict[str, int]:
    totals: dict[int, Counter[Key]] = {}
    counted, last = 0, 0
    cases = cases.order_by("pk")
    while True:
        rows = list(cases.filter(pk__gt=last).values(*CASE_FIELDS)[:block])
        if not rows:
            break
        last = rows[-1]["id"]
        kept = []
        for case, facts in _facts_of(rows, every=every):
            totals.setdefault(case["provider_id"], Counter()).update(_grains(facts))
            kept.append((case["id"], json.dumps(facts)))
        _insert(CaseTallied, ["case_id", "facts"], kept)
        counted += len(rows)
    out = [
        (provider, *key[1:3], key[3], key[0], *key[4:], count)
        for provider, counter in totals.items()
        for key, count in counter.items()
    ]
    _insert(CaseTally, TALLY_COLUMNS, out)
    return {"cases": counted, "tally_rows": len(out)}


def compact(provider_id: int | None = None) -> dict[str, int]:
    """Makes one row of the rows that share a key (their sum; a zero sum leaves none), measure
    by measure, in one transaction. Counting cases block by block (`count_new`, as the
    benchmark's seed does) leaves a row per block for each key, which every report would read;
    a change through the application adds to the key's row instead."""
    tallies = CaseTally.objects.order_by()
    if provider_id is not None:
        tallies = tallies.filter(provider_id=provider_id)
    providers = sorted(set(tallies.values_list("provider_id", flat=True).distinct()))
    before, after = tallies.count(), 0
    with transaction.atomic():
        for provider in providers:
            for measure in MEASURES:
                rows = tallies.filter(provider_id=provider, measure=measure)
                sums = [
                    (provider, *r)
                    for r in rows.values_list(*TALLY_COLUMNS[1:-1]).annotate(total=Sum("count"))
                    if r[-1]
                ]
                rows.delete()
                _insert(CaseTally, TALLY_COLUMNS, sums)
                after += len(sums)
    return {"rows_before": before, "rows_after": after}


TALLY_COLUMNS = [
    "provider_id",
    "local_authority_id",
    "health_body_id",
    "measure",
    "grain",
    "day",
    "value",
    "value2",
    "value3",
    "number",
    "count",
]


def _insert(model: Any, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Many rows at once: PostgreSQL's COPY, or else bulk_create (a rebuild writes a row per
    case)."""
    if connection.vendor == "postgresql":
        names = ", ".join(f'"{model._meta.get_field(c).column}"' for c in columns)
        sql = f"COPY {model._meta.db_table} ({names}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
        return
    objects = []
    for row in rows:
        values = dict(zip(columns, row, strict=True))
        if "facts" in values:
            values["facts"] = json.loads(values["facts"])
        objects.append(model(**values))
    model.objects.bulk_create(objects, batch_size=2000)


def tallies_as_counter(provider_id: int | None = None) -> Counter[Key]:
    """The tallies summed by key (zero counts left out): what a rebuild must equal."""
    rows = CaseTally.objects.all()
    if provider_id is not None:
        rows = rows.filter(provider_id=provider_id)
    counter: Counter[Key] = Counter()
    for row in rows.values_list(
        "provider_id",
        "grain",
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
        day: Any = key[5]
        key[5] = _iso(day)
        counter[tuple(key)] += int(count)
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
    post_save.connect(_case_saved, sender=Case, dispatch_uid="reports.summary.case")
    pre_delete.connect(_case_deleted, sender=Case, dispatch_uid="reports.summary.case_deleted")
    related: list[Any] = [Meeting, MiasCall, Certificate, Appeal]
    if feedback_model() is not None:
        related.append(feedback_model())
    for model in related:
        uid = f"reports.summary.{model._meta.model_name}"
        post_save.connect(_related_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(_related_changed, sender=model, dispatch_uid=f"{uid}.deleted")
    subscribe(CaseEvent.CLOCKS_STORED, "reports.summary", _clocks_stored, after_commit=False)
