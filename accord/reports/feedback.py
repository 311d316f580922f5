"""Feedback scores from the parties (accord.family.Feedback), averaged by the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.apps import apps
from django.db.models import Avg, Count
from django.utils import timezone

from accord.reports.routing import on_report_database
from accord.reports.scope import Period, Scope


@dataclass(frozen=True)
class FeedbackRow:
    respondent_role: str
    responses: int
    satisfied: float | None
    listened_to: float | None
    would_recommend: float | None


@on_report_database
def feedback_scores(scope: Scope, period: Period) -> list[FeedbackRow] | None:
    """Per respondent role: responses given in the period and the mean of each 1–5 score.
    None when feedback is not collected in this installation."""
    if not apps.is_installed("accord.family"):
        return None

    feedback_model = apps.get_model("family", "Feedback")
    # The period's days in England as a range of moments (the same rows as filtering on the
    # local date, but the index on submitted_at answers it).
    zone = timezone.get_current_timezone()
    rows = (
        feedback_model.objects.filter(
            case__in=scope.cases(),
            submitted_at__gte=datetime.combine(period.start, time.min, tzinfo=zone),
            submitted_at__lt=datetime.combine(
                period.end + timedelta(days=1), time.min, tzinfo=zone
            ),
        )
        .values("respondent_role")
        .annotate(
            responses=Count("id"),
            satisfied_avg=Avg("satisfied"),
            listened_to_avg=Avg("listened_to"),
            would_recommend_avg=Avg("would_recommend"),
        )
        .order_by("respondent_role")
    )
    return [
        FeedbackRow(
            r["respondent_role"],
            r["responses"],
            r["satisfied_avg"],
            r["listened_to_avg"],
            r["would_recommend_avg"],
        )
        for r in rows
    ]
