"""Whose figures a report shows: one provider, and for a commissioner only their own body.

Nobody sees another provider's figures; a commissioner (Role.COMMISSIONER, whose membership
names one LA or ICB) sees aggregates for that body only, whatever the request asks for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from accord.cases.models import Case, CaseClock
from accord.organisations.models import HealthBody, LocalAuthority, Membership
from accord.organisations.roles import Role


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included."""

    start: date
    end: date

    def __str__(self) -> str:
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"


@dataclass(frozen=True)
class Scope:
    provider_id: int
    local_authority: LocalAuthority | None = None
    health_body: HealthBody | None = None
    # Aggregates only, with small numbers suppressed (commissioners).
    aggregates_only: bool = False

    @property
    def body_name(self) -> str:
        body = self.local_authority or self.health_body
        return body.name if body else "All local authorities and ICBs"

    def cases(self) -> QuerySet[Case]:
        cases = Case.objects.filter(provider_id=self.provider_id)
        if self.local_authority is not None:
            cases = cases.filter(local_authority_id=self.local_authority.pk)
        if self.health_body is not None:
            cases = cases.filter(health_body_id=self.health_body.pk)
        return cases

    def clocks(self) -> QuerySet[CaseClock]:
        clocks = CaseClock.objects.filter(provider_id=self.provider_id)
        if self.local_authority is not None:
            clocks = clocks.filter(case__local_authority_id=self.local_authority.pk)
        if self.health_body is not None:
            clocks = clocks.filter(case__health_body_id=self.health_body.pk)
        return clocks


def provider_scope(membership: Membership) -> Scope:
    """The whole provider: service managers only."""
    if membership.role_enum != Role.SERVICE_MANAGER:
        raise PermissionDenied("Only a service manager sees the whole service's figures.")
    return Scope(provider_id=membership.provider_id)


def body_scope(
    membership: Membership,
    local_authority: LocalAuthority | None = None,
    health_body: HealthBody | None = None,
) -> Scope:
    """One LA or ICB. A commissioner always gets their own body; a service manager any body
    their provider works for."""
    role = membership.role_enum
    if role == Role.COMMISSIONER:
        return Scope(
            provider_id=membership.provider_id,
            local_authority=membership.local_authority,
            health_body=membership.health_body if membership.local_authority is None else None,
            aggregates_only=True,
        )
    if role != Role.SERVICE_MANAGER:
        raise PermissionDenied("Your role does not allow reports.")
    provider = membership.provider
    if (
        local_authority is not None
        and not provider.local_authorities.filter(pk=local_authority.pk).exists()
    ):
        raise PermissionDenied("Your service does not work for that local authority.")
    if health_body is not None and not provider.health_bodies.filter(pk=health_body.pk).exists():
        raise PermissionDenied("Your service does not work for that ICB.")
    return Scope(
        provider_id=membership.provider_id,
        local_authority=local_authority,
        health_body=health_body if local_authority is None else None,
        aggregates_only=True,
    )


# Who may have the SEN2 return's person-level rows: the LA's own officers, for their LA, and the
# provider's managers. Commissioners have the published figures only (aggregates).
SEN2_PERSON_LEVEL = frozenset({Role.LA_OFFICER, Role.SERVICE_MANAGER})


def sen2_scope(membership: Membership, local_authority: LocalAuthority | None = None) -> Scope:
    """The LAs whose SEN2 return a person may see: an LA officer or a commissioner only their
    own LA (whatever the request asks for); a service manager any LA their provider works for,
    or all of them."""
    role = membership.role_enum
    if role in (Role.LA_OFFICER, Role.COMMISSIONER):
        if membership.local_authority is None:
            raise PermissionDenied("The SEN2 return is made by local authorities.")
        return Scope(provider_id=membership.provider_id, local_authority=membership.local_authority)
    if role != Role.SERVICE_MANAGER:
        raise PermissionDenied("Your role does not allow the SEN2 return.")
    if (
        local_authority is not None
        and not membership.provider.local_authorities.filter(pk=local_authority.pk).exists()
    ):
        raise PermissionDenied("Your service does not work for that local authority.")
    return Scope(provider_id=membership.provider_id, local_authority=local_authority)
