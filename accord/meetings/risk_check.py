"""A provider may ask for a risk assessment on record before a mediation or disagreement
resolution meeting is booked (`Provider.risk_assessment_before_meeting`, the service's own
choice): the meeting brings the parties into one room, and the assessment says how the service
keeps them safe there."""

from __future__ import annotations

from accord.cases.models import Case
from accord.meetings.errors import MeetingError
from accord.meetings.models import MAIN_KINDS


def check_risk_assessed(case: Case, kind: str) -> None:
    if kind not in MAIN_KINDS or not case.provider.risk_assessment_before_meeting:
        return
    if not case.risk_assessments.exists():
        raise MeetingError(
            "Record a risk assessment before booking the meeting: the service asks for one "
            "before every mediation or disagreement resolution meeting.",
            field="kind",
        )
