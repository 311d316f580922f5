"""What the set-up pages read, always within the manager's own provider: a person, body or
record of another provider is not found (404), whatever its id."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import Http404

from accord.organisations.models import (
    Accreditation,
    BodyContact,
    ConflictOfInterest,
    HealthBody,
    Invitation,
    LocalAuthority,
    Membership,
    Provider,
    SetupChange,
    User,
)
from accord.organisations.roles import Role


@dataclass
class Person:
    user: User
    memberships: list[Membership] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return any(m.is_active for m in self.memberships)

    @property
    def roles(self) -> str:
        return ", ".join(m.get_role_display() for m in self.memberships)


def people_of(provider: Provider) -> list[Person]:
    """Everyone with a role in the provider, active or deactivated, by name."""
    found: dict[int, Person] = {}
    for m in (
        Membership.with_inactive.filter(provider=provider)
        .select_related("user", "local_authority", "health_body")
        .order_by("user__full_name", "user__email", "role")
    ):
        found.setdefault(m.user_id, Person(m.user)).memberships.append(m)
    return list(found.values())


def person_in(provider: Provider, user_id: int) -> Person:
    memberships = list(
        Membership.with_inactive.filter(provider=provider, user_id=user_id)
        .select_related("user", "local_authority", "health_body", "employed_by_local_authority")
        .order_by("role")
    )
    if not memberships:
        raise Http404("No such person in this service.")
    return Person(memberships[0].user, memberships)


def membership_in(provider: Provider, user_id: int, membership_id: int) -> Membership:
    membership = (
        Membership.objects.filter(provider=provider, user_id=user_id, pk=membership_id)
        .select_related("user", "provider")
        .first()
    )
    if membership is None:
        raise Http404("No such role.")
    return membership


def open_invitations(provider: Provider) -> list[Invitation]:
    pending = Invitation.objects.filter(
        provider=provider, accepted_at=None, withdrawn_at=None
    ).select_related("local_authority", "health_body")
    return [i for i in pending if i.is_open]


def invitation_in(provider: Provider, invitation_id: int) -> Invitation:
    invitation = Invitation.objects.filter(provider=provider, pk=invitation_id).first()
    if invitation is None:
        raise Http404("No such invitation.")
    return invitation


@dataclass(frozen=True)
class Body:
    body: LocalAuthority | HealthBody
    contact: BodyContact | None
    kind: str  # "la" or "icb"

    @property
    def invite_query(self) -> str:
        """The invite page's address for an officer of this body."""
        if self.kind == "la":
            return urlencode({"role": Role.LA_OFFICER.value, "local_authority": self.body.pk})
        return urlencode({"role": Role.ICB_OFFICER.value, "health_body": self.body.pk})


def bodies_of(provider: Provider) -> tuple[list[Body], list[Body]]:
    contacts = list(BodyContact.objects.filter(provider=provider))
    by_la = {c.local_authority_id: c for c in contacts if c.local_authority_id}
    by_icb = {c.health_body_id: c for c in contacts if c.health_body_id}
    las = [Body(la, by_la.get(la.pk), "la") for la in provider.local_authorities.order_by("name")]
    icbs = [Body(b, by_icb.get(b.pk), "icb") for b in provider.health_bodies.order_by("name")]
    return las, icbs


def local_authority_of(provider: Provider, pk: int) -> LocalAuthority:
    la = provider.local_authorities.filter(pk=pk).first()
    if la is None:
        raise Http404("This service does not work for that local authority.")
    return la


def health_body_of(provider: Provider, pk: int) -> HealthBody:
    icb = provider.health_bodies.filter(pk=pk).first()
    if icb is None:
        raise Http404("This service does not work for that ICB.")
    return icb


def accreditations_of(provider: Provider, person: User) -> QuerySet[Accreditation]:
    return Accreditation.objects.filter(provider=provider, user=person).order_by("expires_on")


def accreditation_in(provider: Provider, pk: int) -> Accreditation:
    found = Accreditation.objects.filter(provider=provider, pk=pk).select_related("user").first()
    if found is None:
        raise Http404("No such accreditation.")
    return found


def conflicts_of(provider: Provider, person: User) -> QuerySet[ConflictOfInterest]:
    return ConflictOfInterest.objects.filter(provider=provider, user=person).select_related(
        "local_authority", "health_body"
    )


def conflict_in(provider: Provider, pk: int) -> ConflictOfInterest:
    found = (
        ConflictOfInterest.objects.filter(provider=provider, pk=pk).select_related("user").first()
    )
    if found is None:
        raise Http404("No such conflict of interest.")
    return found


def changes_of(provider: Provider) -> QuerySet[SetupChange]:
    return SetupChange.objects.filter(provider=provider).select_related("by")
