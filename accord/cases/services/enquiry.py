"""The first step: an enquiry becomes a case, with its reference, child, enquirer and the route
the rules suggest. Also the possible duplicates a caseworker is shown before creating one."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Q, QuerySet

from accord.cases.choices import PartyRole
from accord.cases.events import CaseEvent, announce
from accord.cases.models import Case, CaseReferenceCounter, ChildOrYoungPerson, Party
from accord.cases.services.writing import (
    CaseError,
    check_decision_letter_on,
    check_not_in_future,
    holds,
    refresh_next_deadline,
)
from accord.cases.timeline import EventKind, record_event
from accord.cases.triage import suggest_route
from accord.organisations.models import HealthBody, LocalAuthority, Provider, User
from accord.organisations.roles import Role
from accord.rules import today_in_england


@dataclass(frozen=True)
class FamilyContact:
    """The family an enquiry was made for, when someone else (an adviser, a relative) made it:
    they are the party, the person who asked is their supporter."""

    name: str
    role: str  # PartyRole.PARENT_CARER or PartyRole.YOUNG_PERSON
    email: str = ""
    phone: str = ""
    preferred_contact: str = "email"


@dataclass
class EnquiryData:
    local_authority: LocalAuthority
    decision_kind: str
    child_first_name: str
    child_last_name: str
    child_date_of_birth: date
    contact_name: str
    contact_role: str = PartyRole.PARENT_CARER
    received_on: date | None = None
    channel: str = "phone"
    referred_by: str = ""
    on_behalf_of: str = ""
    contact_organisation: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    preferred_contact: str = "email"
    interpreter_language: str = ""
    access_needs: str = ""
    child_setting: str = ""
    health_body: HealthBody | None = None
    decision_sections: list[str] = field(default_factory=list)
    disagreement_with: str = ""
    decision_notice_sent_on: date | None = None
    involves_health: bool = False
    summary: str = ""
    safeguarding_concern: bool = False
    safeguarding_notes: str = ""
    # The family agreed that the LA and ICB may see the case from now (accord.cases.selectors).
    shared_with_bodies: bool = False
    existing_child: ChildOrYoungPerson | None = None
    # Made for the family by someone else: the family is a party too (the enquirer supports them).
    family: FamilyContact | None = None
    # False for a case brought over from the service's old records (accord.imports): the family
    # was told long ago, so no floor above is set off as for a new enquiry.
    announce: bool = True


def possible_duplicates(
    provider: Provider, first_name: str, last_name: str, date_of_birth: date | None
) -> QuerySet[Case]:
    """Open or recent cases that are likely about the same child, shown before creating one."""
    same_name = Q(child__last_name__iexact=last_name.strip()) & Q(
        child__first_name__iexact=first_name.strip()
    )
    match = same_name
    if date_of_birth is not None:
        match = same_name | (
            Q(child__date_of_birth=date_of_birth) & Q(child__last_name__iexact=last_name.strip())
        )
    return (
        Case.objects.filter(provider=provider)
        .filter(match)
        .select_related("child", "local_authority")
        .order_by("-created_at")[:10]
    )


def _next_reference(provider: Provider, year: int) -> str:
    """KM-2026-0042: per provider and year, allocated under a row lock so never duplicated."""
    counter, _ = CaseReferenceCounter.objects.get_or_create(provider=provider, year=year)
    counter = CaseReferenceCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{provider.case_prefix}-{year}-{counter.last_number:04d}"


def _add_family(case: Case, family: FamilyContact) -> Party:
    if family.role not in (PartyRole.PARENT_CARER, PartyRole.YOUNG_PERSON):
        raise CaseError("Say whether the family is a parent or carer, or the young person.")
    if not family.name.strip() or not (family.email.strip() or family.phone.strip()):
        raise CaseError("Give the family's name and an email address or phone number.")
    return Party.objects.create(
        case=case,
        role=family.role,
        name=family.name.strip(),
        email=family.email.strip().lower(),
        phone=family.phone.strip(),
        preferred_contact=family.preferred_contact,
    )


def create_enquiry(provider: Provider, data: EnquiryData, *, by: User | None) -> Case:
    if not provider.local_authorities.filter(pk=data.local_authority.pk).exists():
        raise CaseError(f"{provider} does not work for {data.local_authority}.")
    received_on = data.received_on or today_in_england()
    check_not_in_future(received_on, "The date the enquiry was received", "received_on")
    if data.decision_notice_sent_on:
        check_decision_letter_on(
            received_on, data.decision_notice_sent_on, "decision_notice_sent_on"
        )
    born = data.child_date_of_birth
    if born is not None and born > received_on:
        raise CaseError(
            "The date of birth cannot be after the enquiry was received "
            f"({received_on:%-d %B %Y}).",
            field="child_date_of_birth",
        )
    with transaction.atomic():
        child = data.existing_child or ChildOrYoungPerson.objects.create(
            provider=provider,
            first_name=data.child_first_name.strip(),
            last_name=data.child_last_name.strip(),
            date_of_birth=data.child_date_of_birth,
            setting=data.child_setting,
        )
        case = Case(
            provider=provider,
            reference=_next_reference(provider, received_on.year),
            child=child,
            local_authority=data.local_authority,
            health_body=data.health_body,
            received_on=received_on,
            channel=data.channel,
            referred_by=data.referred_by,
            summary=data.summary,
            safeguarding_concern=data.safeguarding_concern,
            safeguarding_notes=data.safeguarding_notes,
            shared_with_bodies_on=received_on if data.shared_with_bodies else None,
            decision_kind=data.decision_kind,
            decision_sections=",".join(data.decision_sections),
            disagreement_with=data.disagreement_with,
            decision_notice_sent_on=data.decision_notice_sent_on,
            involves_health=data.involves_health,
            coordinator=by if by and holds(by, provider, Role.COORDINATOR) else None,
        )
        suggestion = suggest_route(case)
        case.suggested_route = suggestion.route
        case.certificate_needed = suggestion.certificate_needed
        refresh_next_deadline(case)
        case.save()
        if data.family is not None:
            _add_family(case, data.family)
        Party.objects.create(
            case=case,
            role=data.contact_role,
            name=data.contact_name,
            email=data.contact_email,
            phone=data.contact_phone,
            preferred_contact=data.preferred_contact,
            interpreter_language=data.interpreter_language,
            access_needs=data.access_needs,
            is_enquirer=True,
            on_behalf_of=data.on_behalf_of,
            organisation=data.contact_organisation,
        )
        record_event(
            case,
            EventKind.ENQUIRY,
            f"Enquiry received by {case.get_channel_display().lower()}",
            {"reference": case.reference, "suggested_route": case.suggested_route},
            by=by,
        )
        if data.safeguarding_concern:
            record_event(case, EventKind.SAFEGUARDING, "Safeguarding concern recorded", by=by)
        # Other floors act on a new case (accord.notifications tells the family its reference
        # and what happens next, in this same transaction).
        if data.announce:
            announce(CaseEvent.ENQUIRY_CREATED, case, by=by)
    return case
