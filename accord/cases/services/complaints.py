"""Complaints about the service (accord.cases.concerns.Complaint): received, acknowledged,
investigated and answered, each on a date checked against today and the step before it, with
an outcome. The answer is due a number of working days after receipt that the provider sets
(`Provider.complaint_response_working_days`, a service choice): fixed when the complaint is
received, so a later change of the setting does not move a complaint already running.
A complaint about a case is noted on its history (staff only), never with its words.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from accord.cases.concerns import Complaint, ComplaintOutcome
from accord.cases.models import Case
from accord.cases.services.writing import CaseError
from accord.cases.timeline import EventKind, record_event
from accord.organisations.models import Provider, User
from accord.rules import add_working_days, today_in_england
from accord.rules.wording import long_date


def _not_future(day: date, what: str, field: str) -> None:
    if day > today_in_england():
        raise CaseError(f"{what} must be today or in the past.", field=field)


def _not_before(day: date, earlier: date, what: str, earlier_what: str, field: str) -> None:
    if day < earlier:
        raise CaseError(
            f"{what} cannot be before {earlier_what} ({long_date(earlier)}).", field=field
        )


def _note(complaint: Complaint, summary: str, *, by: User) -> None:
    if complaint.case is not None:
        record_event(
            complaint.case, EventKind.COMPLAINT, summary, {"complaint": complaint.pk}, by=by
        )


def receive_complaint(
    provider: Provider,
    *,
    complainant: str,
    complainant_is: str = "",
    received_on: date,
    what: str,
    case: Case | None = None,
    by: User,
) -> Complaint:
    if not complainant.strip():
        raise CaseError("Enter who complained.", field="complainant")
    if not what.strip():
        raise CaseError("Enter what the complaint is about.", field="what")
    _not_future(received_on, "The date received", "received_on")
    if case is not None and case.provider_id != provider.pk:
        raise CaseError("No case of this service has that reference.", field="case_reference")
    with transaction.atomic():
        complaint = Complaint.objects.create(
            provider=provider,
            case=case,
            complainant=complainant.strip(),
            complainant_is=complainant_is.strip(),
            received_on=received_on,
            respond_by=add_working_days(received_on, provider.complaint_response_working_days),
            what=what.strip(),
            recorded_by=by,
        )
        _note(complaint, f"Complaint about the service received on {long_date(received_on)}", by=by)
    return complaint


def _locked(complaint: Complaint) -> Complaint:
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if locked.answered_on is not None:
        raise CaseError("This complaint has been answered.")
    return locked


def acknowledge_complaint(complaint: Complaint, *, acknowledged_on: date, by: User) -> None:
    _not_future(acknowledged_on, "The date acknowledged", "acknowledged_on")
    _not_before(
        acknowledged_on,
        complaint.received_on,
        "It",
        "the complaint was received",
        "acknowledged_on",
    )
    with transaction.atomic():
        locked = _locked(complaint)
        if locked.acknowledged_on is not None:
            raise CaseError("This complaint has already been acknowledged.")
        locked.acknowledged_on = acknowledged_on
        locked.save(update_fields=["acknowledged_on"])
        _note(locked, f"Complaint acknowledged on {long_date(acknowledged_on)}", by=by)
    complaint.refresh_from_db()


def start_investigation(
    complaint: Complaint, *, started_on: date, investigated_by: str, by: User
) -> None:
    if not investigated_by.strip():
        raise CaseError("Enter who is investigating.", field="investigated_by")
    _not_future(started_on, "The date the investigation began", "investigation_started_on")
    if complaint.acknowledged_on is None:
        raise CaseError(
            "Acknowledge the complaint before investigating it.", field="investigation_started_on"
        )
    _not_before(
        started_on,
        complaint.acknowledged_on,
        "The investigation",
        "the complaint was acknowledged",
        "investigation_started_on",
    )
    with transaction.atomic():
        locked = _locked(complaint)
        locked.investigation_started_on = started_on
        locked.investigated_by = investigated_by.strip()
        locked.save(update_fields=["investigation_started_on", "investigated_by"])
        _note(locked, f"Complaint being investigated from {long_date(started_on)}", by=by)
    complaint.refresh_from_db()


def answer_complaint(
    complaint: Complaint, *, answered_on: date, outcome: str, response: str, by: User
) -> None:
    if outcome not in ComplaintOutcome.values:
        raise CaseError("Choose the outcome.", field="outcome")
    if not response.strip():
        raise CaseError("Enter what the answer said.", field="response")
    _not_future(answered_on, "The date answered", "answered_on")
    # A complaint withdrawn may end before anyone investigates it; any other is investigated.
    if outcome != ComplaintOutcome.WITHDRAWN and complaint.investigation_started_on is None:
        raise CaseError("Record the investigation before the answer.", field="answered_on")
    earlier = complaint.investigation_started_on or complaint.received_on
    _not_before(answered_on, earlier, "The answer", "the step before it", "answered_on")
    with transaction.atomic():
        locked = _locked(complaint)
        locked.answered_on = answered_on
        locked.outcome = outcome
        locked.response = response.strip()
        locked.save(update_fields=["answered_on", "outcome", "response"])
        _note(
            locked,
            f"Complaint answered on {long_date(answered_on)}: "
            f"{ComplaintOutcome(outcome).label.lower()}",
            by=by,
        )
    complaint.refresh_from_db()
