"""Who is on the case, at any step: the staff assigned to it, the parties and their details, and
the child's or young person's own views."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from accord.cases.choices import FAMILY_ROLES
from accord.cases.encrypted import encrypt
from accord.cases.models import Case, ChildView, Party
from accord.cases.services.writing import CaseError, changes_to, editing, holds
from accord.cases.timeline import FAMILY_ACTOR_LABEL, EventKind, record_event
from accord.organisations.models import Membership, User
from accord.organisations.roles import Role


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
        # SEND Regs 2014 reg 35(4)? / CoP 11.33: the mediator must be independent of the LA.
        conflict = Membership.objects.filter(
            user=mediator,
            provider=provider,
            role=Role.MEDIATOR,
            employed_by_local_authority=case.local_authority,
        ).exists()
        if conflict:
            raise CaseError(
                f"{mediator} is employed by {case.local_authority} and cannot mediate its cases."
            )
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


def update_party(party: Party, *, by: User, **fields: Any) -> Party:
    with editing(party.case) as c:
        changes = {
            k: [_sealed(k, getattr(party, k)), _sealed(k, v)]
            for k, v in fields.items()
            if getattr(party, k) != v
        }
        for name, value in fields.items():
            setattr(party, name, value)
        party.save()
        if changes:
            record_event(
                c, EventKind.PARTY_CHANGED, f"{party.name}'s details changed", changes, by=by
            )
    return party


def _sealed(name: str, value: Any) -> Any:
    """Access needs are health data, encrypted at rest: in the history too."""
    return encrypt(value) if name == "access_needs" and isinstance(value, str) and value else value


def family_parties(case: Case) -> QuerySet[Party]:
    return case.parties.filter(role__in=FAMILY_ROLES)


def add_child_view(
    case: Case,
    kind: str,
    text: str = "",
    upload: Any = None,
    *,
    by: User | None,
    from_family: bool = False,
) -> ChildView:
    if not text.strip() and upload is None and kind != ChildView.Kind.ATTENDING:
        raise CaseError("Add the child's words, or upload a drawing or recording.")
    view = ChildView.objects.create(
        case=case,
        kind=kind,
        text=text.strip(),
        file=upload or "",
        content_type=getattr(upload, "content_type", "") or "",
        submitted_by_family=from_family,
    )
    record_event(
        case,
        EventKind.CHILD_VIEW_FROM_FAMILY if from_family else EventKind.CHILD_VIEW_ADDED_BY_STAFF,
        f"The child's or young person's views added ({ChildView.Kind(kind).label})",
        by=by,
        label=FAMILY_ACTOR_LABEL if from_family else "",
    )
    return view
