"""Who is on the case, at any step: the staff assigned to it, the parties and their details, and
the child's or young person's own views."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from accord.cases.choices import FAMILY_ROLES, PartyRole
from accord.cases.encrypted import encrypt
from accord.cases.models import Case, ChildView, Party
from accord.cases.selectors import body_people
from accord.cases.services.writing import (
    CaseError,
    changes_to,
    check_after_received,
    editing,
    holds,
)
from accord.cases.timeline import FAMILY_ACTOR_LABEL, EventKind, record_event
from accord.cases.uploads import UploadRejected, check_upload, prepare_for_storage
from accord.organisations.independence import independence_problem
from accord.organisations.models import User
from accord.organisations.roles import Role
from accord.rules import today_in_england


def assign(
    case: Case,
    *,
    by: User,
    coordinator: User | None = None,
    adviser: User | None = None,
    mediator: User | None = None,
    expected_version: int | None = None,
) -> Case:
    provider = case.provider
    checks = [(coordinator, Role.COORDINATOR), (adviser, Role.ADVISER), (mediator, Role.MEDIATOR)]
    for person, role in checks:
        if person is not None and not holds(person, provider, role):
            raise CaseError(f"{person} is not a {role.label.lower()} of {provider}.")
    if mediator is not None:
        # SEND Regs 2014 reg 35(4)? / CoP 11.33: the mediator must be independent of the LA
        # and of the other parties, and accredited (accord.organisations.independence).
        problem = independence_problem(
            provider.pk,
            mediator,
            local_authority_id=case.local_authority_id,
            health_body_id=case.health_body_id,
            school=case.child.setting,
            today=today_in_england(),
        )
        if problem is not None:
            raise CaseError(problem, field="mediator")
    with editing(case, expected_version) as c:
        updates = {
            k: v
            for k, v in (("coordinator", coordinator), ("adviser", adviser), ("mediator", mediator))
            if v is not None
        }
        changes = changes_to(c, updates)
        for name, value in updates.items():
            setattr(c, name, value)
        if changes:
            record_event(
                c,
                EventKind.ASSIGNED,
                "Assigned: " + ", ".join(f"{k} {v[1]}" for k, v in changes.items()),
                changes,
                by=by,
            )
    return case


def add_party(case: Case, *, by: User, **fields: Any) -> Party:
    with editing(case) as c:
        party = Party.objects.create(case=c, **fields)
        record_event(
            c, EventKind.PARTY_ADDED, f"{party.get_role_display()} added: {party.name}", by=by
        )
    return party


class StalePartyEdit(CaseError):
    def __init__(self) -> None:
        super().__init__(
            "Someone else changed this person's details while you were editing them. "
            "Your changes have not been saved: check their details and try again."
        )


# The dates on a person's record: things that happened, so not in the future.
PARTY_DATES = {
    "pre_meeting_on": "The date of the pre-meeting contact",
    "statement_agreed_on": "The date the case statement was checked and signed",
}


def update_party(
    party: Party, *, by: User, expected_version: int | None = None, **fields: Any
) -> Party:
    """Changes a person's details, unless they changed since the form was shown
    (`expected_version`): then nothing is saved and StalePartyEdit says why."""
    with editing(party.case) as c:
        locked = Party.objects.select_for_update().get(pk=party.pk)
        if expected_version is not None and locked.version != expected_version:
            raise StalePartyEdit()
        for name, what in PARTY_DATES.items():
            if fields.get(name) is not None and fields[name] != getattr(locked, name):
                check_after_received(c, fields[name], what, name)
        changes = {
            k: [_sealed(k, getattr(locked, k)), _sealed(k, v)]
            for k, v in fields.items()
            if getattr(locked, k) != v
        }
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.version += 1
        locked.save()
        if changes:
            record_event(
                c, EventKind.PARTY_CHANGED, f"{locked.name}'s details changed", changes, by=by
            )
    party.refresh_from_db()
    return party


# The people an officer names for their body, by the officer's role (accord.organisations.roles).
OFFICER_PARTY_ROLES = {
    Role.LA_OFFICER: PartyRole.LA_OFFICER,
    Role.ICB_OFFICER: PartyRole.ICB_OFFICER,
}


def name_body_attendee(
    case: Case,
    body: PartyRole,
    name: str = "",
    *,
    by: User,
    email: str = "",
    job_title: str = "",
    has_authority_to_settle: bool = False,
    chosen: str = "",
) -> Party:
    """Who will attend for the LA or the ICB (named by its officer, or by staff), and whether
    they have authority to settle the issues (SEND Regs reg 38: the coordinator sees any
    without it). `chosen` picks one of the body's officers or contacts
    (`selectors.body_people`), so nobody is retyped; else `name` is someone new."""
    if body not in OFFICER_PARTY_ROLES.values():
        raise CaseError("Only the LA or the ICB names its own attendees.")
    organisation = (
        case.local_authority.name if body == PartyRole.LA_OFFICER else str(case.health_body or "")
    )
    if chosen:
        person = next((p for p in body_people(case, body) if p.choice == chosen), None)
        if person is None:
            raise CaseError("Choose someone from the list, or someone else.", field="chosen")
        name, email = person.name, person.email
        job_title = "" if not person.organisation else job_title
        organisation = person.organisation or organisation
    if not name.strip():
        raise CaseError("Enter the name of the person who will attend.", field="name")
    with editing(case) as c:
        party = Party.objects.create(
            case=c,
            role=body,
            name=name.strip(),
            email=email.strip(),
            organisation=f"{job_title.strip()}, {organisation}"
            if job_title.strip()
            else organisation,
            has_authority_to_settle=has_authority_to_settle,
        )
        record_event(
            c,
            EventKind.PARTY_ADDED,
            f"{party.get_role_display()} named to attend: {party.name}"
            + ("" if has_authority_to_settle else " (authority to settle not confirmed)"),
            {"has_authority_to_settle": has_authority_to_settle},
            by=by,
        )
    return party


def confirm_authority(party: Party, has_authority: bool, *, by: User) -> Party:
    """The body confirms (or withdraws) that its attendee may settle the issues (reg 38)."""
    with editing(party.case) as c:
        before = party.has_authority_to_settle
        party.has_authority_to_settle = has_authority
        party.save(update_fields=["has_authority_to_settle"])
        words = "has" if has_authority else "does not have"
        record_event(
            c,
            EventKind.PARTY_CHANGED,
            f"Confirmed that {party.name} {words} authority to settle the issues",
            {"has_authority_to_settle": [before, has_authority]},
            by=by,
        )
    return party


def _sealed(name: str, value: Any) -> Any:
    """Access needs are health data, encrypted at rest: in the history too."""
    return encrypt(value) if name == "access_needs" and isinstance(value, str) and value else value


def family_parties(case: Case) -> QuerySet[Party]:
    return case.parties.filter(role__in=FAMILY_ROLES)


@dataclass(frozen=True)
class Sharing:
    """Who may see a child's views (the drawing, the recording, the form), and who agreed."""

    shared_with: str = ChildView.SharedWith.MEDIATION_TEAM
    agreed_by: str = ""
    agreed_on: date | None = None


def _check_sharing(case: Case, sharing: Sharing) -> None:
    if sharing.shared_with not in ChildView.SharedWith.values:
        raise CaseError("Choose who may see their views.", field="shared_with")
    if sharing.agreed_on is not None:
        check_after_received(case, sharing.agreed_on, "The date they agreed", "sharing_agreed_on")
    if sharing.shared_with == ChildView.SharedWith.MEDIATION_TEAM:
        return
    # Shared beyond the mediation team only with the child's or young person's consent.
    if not sharing.agreed_by.strip():
        raise CaseError("Enter who agreed to share their views.", field="sharing_agreed_by")
    if sharing.agreed_on is None:
        raise CaseError("Enter the date they agreed.", field="sharing_agreed_on")


def add_child_view(
    case: Case,
    kind: str,
    text: str = "",
    upload: Any = None,
    *,
    by: User | None,
    from_family: bool = False,
    sharing: Sharing | None = None,
) -> ChildView:
    """`sharing`: who may see the views, with the child's or young person's consent; without
    it, the mediator and the service only."""
    if not text.strip() and upload is None and kind != ChildView.Kind.ATTENDING:
        raise CaseError("Add the child's words, or upload a drawing or recording.")
    sharing = sharing or Sharing()
    _check_sharing(case, sharing)
    if upload is not None:
        # The same checks for every upload, from staff or the family (accord.cases.uploads).
        try:
            upload = prepare_for_storage(upload, check_upload(upload, kind))
        except UploadRejected as rejected:
            raise CaseError(str(rejected), field="upload") from rejected
    view = ChildView.objects.create(
        case=case,
        kind=kind,
        text=text.strip(),
        file=upload or "",
        content_type=getattr(upload, "content_type", "") or "",
        submitted_by_family=from_family,
        shared_with=sharing.shared_with,
        sharing_agreed_by=sharing.agreed_by.strip(),
        sharing_agreed_on=sharing.agreed_on,
    )
    record_event(
        case,
        EventKind.CHILD_VIEW_FROM_FAMILY if from_family else EventKind.CHILD_VIEW_ADDED_BY_STAFF,
        f"The child's or young person's views added ({ChildView.Kind(kind).label})",
        by=by,
        label=FAMILY_ACTOR_LABEL if from_family else "",
    )
    return view
