"""Safeguarding concerns and risk assessments, at any stage of a case (accord.cases.concerns).

A concern is raised, the people who must know are told (the service's safeguarding lead, the
council's children's services), and it is closed with its outcome. A risk assessment is a new
dated record each time: the case keeps every one, and the latest sets the level on the caseload.
Every date is checked against today and against the others; the history says that something
happened, never what the concern is (its words are encrypted, on the record alone).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from accord.cases.choices import RiskLevel
from accord.cases.concerns import RiskAssessment, SafeguardingConcern
from accord.cases.models import Case
from accord.cases.services.writing import CaseError, editing
from accord.cases.timeline import EventKind, record_event
from accord.organisations.models import User
from accord.rules import today_in_england
from accord.rules.wording import long_date


@dataclass(frozen=True)
class WhoWasTold:
    lead_told_on: date | None = None
    lead_name: str = ""
    childrens_services_told_on: date | None = None
    childrens_services_reference: str = ""


def _not_future(day: date | None, what: str, field: str) -> None:
    if day is not None and day > today_in_england():
        raise CaseError(f"{what} must be today or in the past.", field=field)


def _check_told(told: WhoWasTold, raised_on: date) -> None:
    for day, what, field in (
        (told.lead_told_on, "The date the safeguarding lead was told", "lead_told_on"),
        (
            told.childrens_services_told_on,
            "The date children's services were told",
            "childrens_services_told_on",
        ),
    ):
        _not_future(day, what, field)
        if day is not None and day < raised_on:
            raise CaseError(
                f"{what} cannot be before the concern was raised ({long_date(raised_on)}).",
                field=field,
            )
    if told.lead_told_on and not told.lead_name.strip():
        raise CaseError("Enter the name of the safeguarding lead who was told.", field="lead_name")
    if told.childrens_services_reference.strip() and not told.childrens_services_told_on:
        raise CaseError(
            "Enter the date children's services were told.", field="childrens_services_told_on"
        )


def raise_concern(
    case: Case,
    *,
    raised_on: date,
    raised_by: str,
    what: str,
    told: WhoWasTold | None = None,
    by: User,
) -> SafeguardingConcern:
    told = told or WhoWasTold()
    if not what.strip():
        raise CaseError("Enter what the concern is.", field="what")
    if not raised_by.strip():
        raise CaseError("Enter who raised the concern.", field="raised_by")
    _not_future(raised_on, "The date the concern was raised", "raised_on")
    if raised_on < case.received_on:
        raise CaseError(
            f"The concern cannot be raised before the case began ({long_date(case.received_on)}).",
            field="raised_on",
        )
    _check_told(told, raised_on)
    with editing(case) as c:
        concern = SafeguardingConcern.objects.create(
            case=c,
            raised_on=raised_on,
            raised_by=raised_by.strip(),
            what=what.strip(),
            lead_told_on=told.lead_told_on,
            lead_name=told.lead_name.strip(),
            childrens_services_told_on=told.childrens_services_told_on,
            childrens_services_reference=told.childrens_services_reference.strip(),
            recorded_by=by,
        )
        record_event(
            c,
            EventKind.SAFEGUARDING,
            f"Safeguarding concern raised on {long_date(raised_on)}",
            {"concern": concern.pk},
            by=by,
        )
    return concern


def record_who_was_told(concern: SafeguardingConcern, told: WhoWasTold, *, by: User) -> None:
    if concern.closed_on is not None:
        raise CaseError("This concern is closed.")
    _check_told(told, concern.raised_on)
    with editing(concern.case) as c:
        locked = SafeguardingConcern.objects.select_for_update().get(pk=concern.pk)
        for name in (
            "lead_told_on",
            "lead_name",
            "childrens_services_told_on",
            "childrens_services_reference",
        ):
            value = getattr(told, name)
            setattr(locked, name, value.strip() if isinstance(value, str) else value)
        locked.save()
        record_event(
            c,
            EventKind.SAFEGUARDING,
            "Safeguarding concern: who was told recorded",
            {"concern": concern.pk},
            by=by,
        )
    concern.refresh_from_db()


def close_concern(concern: SafeguardingConcern, *, closed_on: date, outcome: str, by: User) -> None:
    if concern.closed_on is not None:
        raise CaseError("This concern is already closed.")
    if not outcome.strip():
        raise CaseError("Enter the outcome of the concern.", field="outcome")
    _not_future(closed_on, "The date the concern was closed", "closed_on")
    told = [d for d in (concern.lead_told_on, concern.childrens_services_told_on) if d]
    earliest = max([concern.raised_on, *told])
    if closed_on < earliest:
        raise CaseError(
            f"The concern cannot be closed before {long_date(earliest)}, when it was raised "
            "or the last person was told.",
            field="closed_on",
        )
    with editing(concern.case) as c:
        locked = SafeguardingConcern.objects.select_for_update().get(pk=concern.pk)
        locked.closed_on = closed_on
        locked.outcome = outcome.strip()
        locked.save(update_fields=["closed_on", "outcome"])
        record_event(
            c,
            EventKind.SAFEGUARDING,
            f"Safeguarding concern closed on {long_date(closed_on)}",
            {"concern": concern.pk},
            by=by,
        )
    concern.refresh_from_db()


def record_risk_assessment(
    case: Case,
    *,
    assessed_on: date,
    level: str,
    risks: str,
    mitigations: str = "",
    expected_version: int | None = None,
    by: User,
) -> RiskAssessment:
    """A new dated record; none before it is changed. The latest by date sets the case's level."""
    if level not in RiskLevel.values:
        raise CaseError("Choose the risk level.", field="risk_level")
    if not risks.strip():
        raise CaseError("Enter the risks you found, or 'None found'.", field="risks")
    _not_future(assessed_on, "The date assessed", "risk_assessed_on")
    if assessed_on < case.received_on:
        raise CaseError(
            f"The date assessed cannot be before the case began ({long_date(case.received_on)}).",
            field="risk_assessed_on",
        )
    with editing(case, expected_version) as c:
        assessment = RiskAssessment.objects.create(
            case=c,
            assessed_on=assessed_on,
            assessed_by=by,
            assessed_by_name=str(by),
            level=level,
            risks=risks.strip(),
            mitigations=mitigations.strip(),
        )
        latest = c.risk_assessments.order_by("-assessed_on", "-created_at", "-pk").first()
        if latest is not None:
            c.risk_level, c.risk_assessed_on = latest.level, latest.assessed_on
        record_event(
            c,
            EventKind.RISK_ASSESSED,
            f"Risk assessed on {long_date(assessed_on)}: {RiskLevel(level).label.lower()}",
            {"risk_assessment": assessment.pk, "level": level},
            by=by,
        )
    return assessment
