"""The people of a provider: roles given and taken away, deactivation and reactivation.

A person may hold several roles in a provider, and roles in several providers (a freelance
mediator). Deactivating someone in a provider sets aside every membership they hold there (kept,
with their history, for reactivation) and ends all their sessions at once; an account left with
no membership in use anywhere is switched off too, so it cannot sign in.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from accord.organisations.changes import SetupError, record_change
from accord.organisations.invitations import check_body_for_role
from accord.organisations.models import HealthBody, LocalAuthority, Membership, Provider, User
from accord.organisations.roles import Role


def _managers_left(provider: Provider, without: User) -> bool:
    return (
        Membership.objects.filter(provider=provider, role=Role.SERVICE_MANAGER)
        .exclude(user=without)
        .exists()
    )


def grant_role(
    provider: Provider,
    person: User,
    role: Role,
    *,
    by: User,
    local_authority: LocalAuthority | None = None,
    health_body: HealthBody | None = None,
) -> Membership:
    """Gives a person who already works for the provider another role there."""
    if not Membership.with_inactive.filter(user=person, provider=provider).exists():
        raise SetupError(f"{person} does not work for {provider}: invite them instead.")
    if Membership.objects.filter(user=person, provider=provider, role=role).exists():
        raise SetupError(f"{person} is already a {role.label.lower()} here.")
    check_body_for_role(provider, role, local_authority, health_body)
    with transaction.atomic():
        membership, _ = Membership.with_inactive.update_or_create(
            user=person,
            provider=provider,
            role=role,
            defaults={
                "local_authority": local_authority,
                "health_body": health_body,
                "is_active": True,
            },
        )
        body = local_authority or health_body
        record_change(
            provider,
            f"Gave {person} the role {role.label.lower()}" + (f" ({body})" if body else ""),
            by=by,
            subject=person.email,
            before={"role": ""},
            after={"role": role.value, "body": str(body or "")},
        )
    return membership


def remove_role(membership: Membership, *, by: User) -> None:
    """Takes a role away. The last service manager cannot be removed (nobody could set the
    service up any more), nor can a person's only role (deactivate them instead)."""
    person, provider = membership.user, membership.provider
    if membership.role == Role.SERVICE_MANAGER and not _managers_left(provider, person):
        raise SetupError("The service needs at least one service manager.")
    others = Membership.objects.filter(user=person, provider=provider).exclude(pk=membership.pk)
    if not others.exists():
        raise SetupError(f"This is {person}'s only role here: deactivate them instead.")
    with transaction.atomic():
        membership.delete()
        record_change(
            provider,
            f"Took the role {membership.get_role_display().lower()} away from {person}",
            by=by,
            subject=person.email,
            before={"role": membership.role},
            after={"role": ""},
        )


def end_sessions(person: User) -> None:
    """Every session of the person stops working at once: each keeps a hash that includes
    `session_generation` (User.get_session_auth_hash), so raising it invalidates them all."""
    User.objects.filter(pk=person.pk).update(session_generation=F("session_generation") + 1)
    person.refresh_from_db(fields=["session_generation"])


def deactivate(provider: Provider, person: User, *, by: User) -> None:
    if person.pk == by.pk:
        raise SetupError("You cannot deactivate yourself.")
    memberships = Membership.objects.filter(user=person, provider=provider)
    roles = sorted(memberships.values_list("role", flat=True))
    if not roles:
        raise SetupError(f"{person} is not active in {provider}.")
    if Role.SERVICE_MANAGER in roles and not _managers_left(provider, person):
        raise SetupError("The service needs at least one service manager.")
    with transaction.atomic():
        memberships.update(is_active=False)
        if not Membership.objects.filter(user=person).exists():
            person.is_active = False
            person.save(update_fields=["is_active"])
        end_sessions(person)
        record_change(
            provider,
            f"Deactivated {person}",
            by=by,
            subject=person.email,
            before={"active": True, "roles": roles},
            after={"active": False, "roles": roles},
        )


def reactivate(provider: Provider, person: User, *, by: User) -> None:
    memberships = Membership.with_inactive.filter(user=person, provider=provider, is_active=False)
    roles = sorted(memberships.values_list("role", flat=True))
    if not roles:
        raise SetupError(f"{person} is not deactivated in {provider}.")
    with transaction.atomic():
        memberships.update(is_active=True)
        if not person.is_active:
            person.is_active = True
            person.save(update_fields=["is_active"])
        record_change(
            provider,
            f"Reactivated {person}",
            by=by,
            subject=person.email,
            before={"active": False, "roles": roles},
            after={"active": True, "roles": roles},
        )
