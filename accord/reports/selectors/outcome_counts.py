"""How cases ended: the outcomes reached in a period, and the agreement rate."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import Coalesce

from accord.cases.choices import MEETING_OUTCOMES, Outcome
from accord.reports.routing import on_report_database
from accord.reports.scope import Period, Scope
from accord.reports.selectors.shared import in_period, rate

AGREED = (Outcome.FULL_AGREEMENT, Outcome.PARTIAL_AGREEMENT)


def outcome_day() -> Coalesce:
    """The day an outcome was reached: the meeting's conclusion, or else the case's closure."""
    return Coalesce("mediation_concluded_on", "closed_on")


@dataclass(frozen=True)
class Outcomes:
    counts: dict[str, int]  # stored outcome value -> cases

    @property
    def meetings(self) -> int:
        return sum(self.counts.get(o, 0) for o in MEETING_OUTCOMES)

    @property
    def agreed(self) -> int:
        return sum(self.counts.get(o, 0) for o in AGREED)

    @property
    def agreement_rate(self) -> float | None:
        """Full or partial agreement, out of the meetings that reached an outcome."""
        return rate(self.agreed, self.meetings)


@on_report_database
def outcomes(scope: Scope, period: Period) -> Outcomes:
    rows = (
        scope.cases()
        .exclude(outcome="")
        .annotate(outcome_on=outcome_day())
        .filter(in_period(period, "outcome_on"))
        .values("outcome")
        .annotate(count=Count("id"))
        .order_by("outcome")
    )
    return Outcomes({r["outcome"]: r["count"] for r in rows})
