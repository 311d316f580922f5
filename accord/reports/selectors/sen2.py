"""The SEN2 return as the DfE has collected it since 2023: person-level, each request,
assessment and plan saying whether it was subject to mediation and to a tribunal appeal, split
into the decision not to assess (the request), the decision not to issue a plan (the assessment)
and other reasons (rules.md, Reporting; docs/reports.md, "SEN2").

For one LA and calendar year the provider gives the LA
- `person_rows`: one row per case that had a mediation held or an appeal registered in the year,
  with only what the LA needs to find the child's record in its own return (the names and date
  of birth the return's person module holds, the decision and the date of its letter) and the
  return's mediation and tribunal items for that record;
- `aggregates`: the published figures (requests subject to mediation, to tribunal, tribunal
  after mediation; the same for assessments and other reasons), worked out from the same rows,
  so the two always agree.

A mediation counts in the year it was held (the LA's mediation route, a meeting that reached an
outcome); an appeal in the year the tribunal registered it (an `Appeal` row: recorded, never
guessed). An appeal is "after mediation" when a mediation of the same stage was held on the case
on or before the day the appeal was registered; the rest had no mediation before them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from django.db.models import Q

from accord.cases.choices import MEETING_OUTCOMES, DecisionKind, Route
from accord.cases.models import Appeal
from accord.reports.routing import on_report_database
from accord.reports.scope import Period, Scope
from accord.reports.selectors.national import mediation_held
from accord.reports.selectors.shared import in_period


class Stage(Enum):
    """Where the SEN2 return records a mediation or appeal."""

    REQUEST = "request"  # the decision not to carry out an EHC needs assessment
    ASSESSMENT = "assessment"  # the decision not to issue an EHC plan after an assessment
    OTHER = "other"  # any other appealable decision about an EHC needs assessment or plan


_STAGES = {
    DecisionKind.REFUSE_TO_ASSESS: Stage.REQUEST,
    DecisionKind.REFUSE_TO_ISSUE_PLAN: Stage.ASSESSMENT,
    DecisionKind.REFUSE_TO_REASSESS: Stage.OTHER,
    DecisionKind.PLAN_CONTENT: Stage.OTHER,
    DecisionKind.REFUSE_TO_AMEND_OR_REPLACE: Stage.OTHER,
    DecisionKind.CEASE_TO_MAINTAIN: Stage.OTHER,
    # Not in the SEN2 return: no SEND Tribunal appeal (a disagreement resolution matter), and a
    # disability discrimination claim under the Equality Act 2010, not a CFA s.51 appeal.
    DecisionKind.NON_EHC_DISAGREEMENT: None,
    DecisionKind.DISABILITY_DISCRIMINATION: None,
}


def stage_of(decision_kind: str) -> Stage | None:
    """The SEN2 stage of a decision, or None when the return does not count it."""
    return (
        _STAGES.get(DecisionKind(decision_kind)) if decision_kind in DecisionKind.values else None
    )


# The return's own item names (module 1, person; module 2, requests; module 3, assessments), as
# the DfE's person-level SEN2 specification names them. Ours are in lower case with underscores.
PERSON_COLUMNS = [
    "la_name",
    "new_la_code",
    "provider_reference",
    "Surname",
    "Forename",
    "PersonBirthDate",
    "decision_appealable",
    "decision_letter_date",
    "mediation_date",
    "tribunal_registered_date",
    "RequestMediation",
    "RequestTribunal",
    "AssessmentMediation",
    "AssessmentTribunal",
    "OtherMediation",
    "OtherTribunal",
]
_ITEMS = {
    Stage.REQUEST: ("RequestMediation", "RequestTribunal"),
    Stage.ASSESSMENT: ("AssessmentMediation", "AssessmentTribunal"),
    Stage.OTHER: ("OtherMediation", "OtherTribunal"),
}

# The published figures' column names (explore-education-statistics, "Education, health and
# care plans": the requests and the assessments files), the DfE's spelling kept, "asssess"
# included. The "without_mediation" columns are Accord's: appeals with no mediation before them.
_PUBLISHED = {
    Stage.REQUEST: (
        "mediation_related_request",
        "tribunal_related_request",
        "tribunal_after_mediation_request",
        "tribunal_without_mediation_request",
    ),
    Stage.ASSESSMENT: (
        "number_assess_mediation",
        "number_assess_tribunal",
        "number_asssess_mediation_tribunal",
        "number_assess_tribunal_without_mediation",
    ),
    Stage.OTHER: (
        "number_other_mediation",
        "number_other_tribunal",
        "number_other_mediation_tribunal",
        "number_other_tribunal_without_mediation",
    ),
}
AGGREGATE_COLUMNS = [
    "time_period",
    "la_name",
    "new_la_code",
    *(name for stage in Stage for name in _PUBLISHED[stage]),
]


@dataclass
class PersonRow:
    """One case's line of the return: the child as the return's person module names them, and
    for each stage whether a mediation was held and an appeal registered in the year."""

    la_name: str
    la_code: str
    reference: str
    surname: str
    forename: str
    birth_date: date
    decision_kind: str
    decision_letter_date: date | None
    mediation_date: date | None = None
    tribunal_registered_date: date | None = None
    mediation: set[Stage] = field(default_factory=set)
    tribunal: set[Stage] = field(default_factory=set)
    tribunal_after_mediation: set[Stage] = field(default_factory=set)

    def as_csv(self) -> dict[str, str]:
        row = {
            "la_name": self.la_name,
            "new_la_code": self.la_code,
            "provider_reference": self.reference,
            "Surname": self.surname,
            "Forename": self.forename,
            "PersonBirthDate": self.birth_date.isoformat(),
            "decision_appealable": DecisionKind(self.decision_kind).label,
            "decision_letter_date": _iso(self.decision_letter_date),
            "mediation_date": _iso(self.mediation_date),
            "tribunal_registered_date": _iso(self.tribunal_registered_date),
        }
        for stage, (mediation, tribunal) in _ITEMS.items():
            row[mediation] = "1" if stage in self.mediation else "0"
            row[tribunal] = "1" if stage in self.tribunal else "0"
        return row


@dataclass(frozen=True)
class Aggregate:
    """The published figures for one LA and year, by their DfE column names."""

    year: int
    la_name: str
    la_code: str
    figures: dict[str, int]

    def as_csv(self) -> dict[str, str]:
        return {
            "time_period": str(self.year),
            "la_name": self.la_name,
            "new_la_code": self.la_code,
            **{name: str(n) for name, n in self.figures.items()},
        }

    def by_stage(self) -> list[tuple[Stage, list[int]]]:
        return [(stage, [self.figures[name] for name in _PUBLISHED[stage]]) for stage in Stage]


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31))


@on_report_database
def person_rows(scope: Scope, year: int) -> list[PersonRow]:
    """The return's rows for the year: every case of the scope with a mediation held or an
    appeal registered in it, the LA's name then the provider's reference in order."""
    period = _year(year)
    appeals_in_year = Appeal.objects.filter(
        in_period(period, "registered_on"), case__in=scope.cases()
    ).values("case_id", "registered_on", "decision_kind")
    appealed: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for a in appeals_in_year:
        appealed[a["case_id"]].append((a["registered_on"], a["decision_kind"]))
    cases = (
        scope.cases()
        .filter(mediation_held(period) | Q(pk__in=list(appealed)))
        .values(
            "pk",
            "reference",
            "local_authority__name",
            "local_authority__code",
            "child__first_name",
            "child__last_name",
            "child__date_of_birth",
            "decision_kind",
            "decision_notice_sent_on",
            "route",
            "outcome",
            "mediation_concluded_on",
        )
        .order_by("local_authority__name", "reference")
    )
    rows = []
    for c in cases:
        row = _row(c, period, sorted(appealed.get(c["pk"], [])))
        if row.mediation or row.tribunal:
            rows.append(row)
    return rows


def _row(c: Mapping[str, Any], period: Period, appeals: list[tuple[date, str]]) -> PersonRow:
    row = PersonRow(
        la_name=c["local_authority__name"],
        la_code=c["local_authority__code"],
        reference=c["reference"],
        surname=c["child__last_name"],
        forename=c["child__first_name"],
        birth_date=c["child__date_of_birth"],
        decision_kind=c["decision_kind"],
        decision_letter_date=c["decision_notice_sent_on"],
    )
    held_on: date | None = c["mediation_concluded_on"] if _was_held(c) else None
    mediated = stage_of(c["decision_kind"]) if held_on else None
    if held_on and period.start <= held_on <= period.end and mediated:
        row.mediation.add(mediated)
        row.mediation_date = held_on
    for registered_on, kind in appeals:
        stage = stage_of(kind)
        if stage is None:
            continue
        row.tribunal.add(stage)
        row.tribunal_registered_date = row.tribunal_registered_date or registered_on
        if stage == mediated and held_on is not None and held_on <= registered_on:
            row.tribunal_after_mediation.add(stage)
            row.mediation_date = held_on
    return row


def _was_held(c: Mapping[str, Any]) -> bool:
    return c["route"] == Route.MEDIATION and c["outcome"] in MEETING_OUTCOMES


def aggregates(rows: list[PersonRow], year: int) -> list[Aggregate]:
    """The published figures per LA, counted from the person-level rows."""
    by_la: dict[tuple[str, str], list[PersonRow]] = defaultdict(list)
    for row in rows:
        by_la[(row.la_name, row.la_code)].append(row)
    return [_aggregate(year, name, code, la_rows) for (name, code), la_rows in by_la.items()]


def aggregate_for(rows: list[PersonRow], year: int, la_name: str, la_code: str) -> Aggregate:
    """The figures for one LA, zeros included when it had none."""
    return _aggregate(year, la_name, la_code, [r for r in rows if r.la_code == la_code])


def _aggregate(year: int, la_name: str, la_code: str, rows: list[PersonRow]) -> Aggregate:
    figures: dict[str, int] = {}
    for stage in Stage:
        mediation, tribunal, after, without = _PUBLISHED[stage]
        figures[mediation] = sum(stage in r.mediation for r in rows)
        figures[tribunal] = sum(stage in r.tribunal for r in rows)
        figures[after] = sum(stage in r.tribunal_after_mediation for r in rows)
        figures[without] = figures[tribunal] - figures[after]
    return Aggregate(year, la_name, la_code, figures)
