"""The young person as the party (Children and Families Act 2014 s.83; accord.cases.young_person):
their consent for a parent or carer to go on taking part, and their capacity for a decision in
the case (s.80; Mental Capacity Act 2005; accord.cases.capacity), with who acts for them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from accord.cases.capacity import ActsAs, CapacityAssessment, CapacityOutcome
from accord.cases.choices import FAMILY_ROLES, PartyRole
from accord.cases.models import Case, Party
from accord.cases.services.writing import CaseError, editing
from accord.cases.timeline import EventKind, record_event
from accord.organisations.models import User
from accord.rules import today_in_england
from accord.rules.wording import long_date

# Capacity is reviewed at least this often: a service choice (MCA 2005 Code of Practice 4.27:
# an assessment is for a decision at the time it is made).
LONGEST_REVIEW_DAYS = 366


def record_young_person_consent(party: Party, *, consents: bool, on: date | None, by: User) -> None:
    """The young person agreed (or no longer agrees) that this parent or carer goes on seeing
    the case and receiving its messages."""
    if party.role != PartyRole.PARENT_CARER:
        raise CaseError("Only a parent or carer needs the young person's consent.")
    if consents:
        if on is None:
            raise CaseError("Enter the date the young person agreed.", field="consented_on")
        if on > today_in_england():
            raise CaseError(
                "The date they agreed must be today or in the past.", field="consented_on"
            )
    with editing(party.case) as case:
        Party.objects.filter(pk=party.pk).update(
            young_person_consented_on=on if consents else None, version=party.version + 1
        )
        record_event(
            case,
            EventKind.YOUNG_PERSON_CONSENT,
            f"The young person agreed on {long_date(on)} that {party.name} may go on taking part"
            if consents and on
            else f"The young person no longer agrees that {party.name} takes part",
            by=by,
        )
    party.refresh_from_db()


@dataclass(frozen=True)
class Capacity:
    decision: str
    assessed_on: date
    assessed_by: str
    outcome: str
    evidence: str
    review_on: date
    acts_for_them: Party | None = None
    acts_as: str = ""


def _check_capacity(case: Case, capacity: Capacity) -> None:
    today = today_in_england()
    if not capacity.decision.strip():
        raise CaseError("Enter the decision the assessment concerns.", field="decision")
    if not capacity.assessed_by.strip():
        raise CaseError("Enter who assessed their capacity.", field="assessed_by")
    if capacity.outcome not in CapacityOutcome.values:
        raise CaseError("Choose the outcome of the assessment.", field="outcome")
    if not capacity.evidence.strip():
        raise CaseError("Enter the evidence for the outcome.", field="evidence")
    if capacity.assessed_on > today:
        raise CaseError("The date assessed must be today or in the past.", field="assessed_on")
    if capacity.review_on <= capacity.assessed_on:
        raise CaseError("The review date must be after the date assessed.", field="review_on")
    if (capacity.review_on - capacity.assessed_on).days > LONGEST_REVIEW_DAYS:
        raise CaseError("Review the assessment within a year of making it.", field="review_on")
    _check_who_acts(case, capacity)


def _check_who_acts(case: Case, capacity: Capacity) -> None:
    if capacity.outcome == CapacityOutcome.LACKS_CAPACITY:
        if capacity.acts_for_them is None or capacity.acts_as not in ActsAs.values:
            raise CaseError(
                "Say who acts for them, and as their parent, deputy or attorney.",
                field="acts_for_them",
            )
        if capacity.acts_for_them.case_id != case.pk or capacity.acts_for_them.role not in (
            FAMILY_ROLES - {PartyRole.YOUNG_PERSON}
        ):
            raise CaseError(
                "The person acting for them must be their parent or representative on the case.",
                field="acts_for_them",
            )
    elif capacity.acts_for_them is not None:
        raise CaseError(
            "Someone acts for a young person only when they lack capacity for the decision.",
            field="acts_for_them",
        )


def record_capacity(case: Case, capacity: Capacity, *, by: User) -> CapacityAssessment:
    """A new record each time: capacity is for one decision, at one time (MCA 2005 s.2)."""
    _check_capacity(case, capacity)
    with editing(case) as c:
        assessment = CapacityAssessment.objects.create(
            case=c,
            decision=capacity.decision.strip(),
            assessed_on=capacity.assessed_on,
            assessed_by=capacity.assessed_by.strip(),
            outcome=capacity.outcome,
            evidence=capacity.evidence.strip(),
            review_on=capacity.review_on,
            acts_for_them=capacity.acts_for_them,
            acts_as=capacity.acts_as if capacity.acts_for_them else "",
            recorded_by=by,
        )
        acting = (
            f"; {capacity.acts_for_them.name} acts for them as "
            f"{ActsAs(capacity.acts_as).label.lower()}"
            if capacity.acts_for_them
            else ""
        )
        record_event(
            c,
            EventKind.CAPACITY,
            f"Capacity assessed on {long_date(capacity.assessed_on)} for "
            f"“{assessment.decision}”: {assessment.get_outcome_display().lower()}{acting}; "
            f"review by {long_date(capacity.review_on)}",
            {"capacity_assessment": assessment.pk},
            by=by,
        )
    return assessment
