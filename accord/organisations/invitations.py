"""Inviting people: a single-use link, valid 72 hours, by which a person sets their own password
and takes a role in a provider (staff, mediators, officers of a body, commissioners).

The link carries a random secret signed with a timestamp (django.core.signing), so an old or
altered link is refused before the database is asked; the database keeps only a SHA-256 hash of
the secret, so a copy of it holds no working link. A person who already has an account (a
freelance mediator joining a second provider) accepts the role without changing their password.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accord.organisations.branding import absolute_link, reply_to_for, sender_for
from accord.organisations.changes import SetupError, record_change
from accord.organisations.models import (
    HealthBody,
    Invitation,
    LocalAuthority,
    Membership,
    Provider,
    User,
    normalised_email,
)
from accord.organisations.roles import Role

VALID_FOR = timedelta(hours=72)
_SALT = "accord.organisations.invitation"


@dataclass(frozen=True)
class Sent:
    invitation: Invitation
    link: str


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def check_body_for_role(
    provider: Provider,
    role: Role,
    local_authority: LocalAuthority | None,
    health_body: HealthBody | None,
) -> None:
    """An officer is tied to one body the provider works for; a commissioner to one LA or ICB;
    provider staff and mediators to none."""
    if (
        local_authority is not None
        and not provider.local_authorities.filter(pk=local_authority.pk).exists()
    ):
        raise SetupError(
            f"{provider} does not work for {local_authority}.", field="local_authority"
        )
    if health_body is not None and not provider.health_bodies.filter(pk=health_body.pk).exists():
        raise SetupError(f"{provider} does not work for {health_body}.", field="health_body")
    if role == Role.LA_OFFICER and (local_authority is None or health_body is not None):
        raise SetupError(
            "Choose the local authority the officer works for, and no ICB.",
            field="local_authority",
        )
    if role == Role.ICB_OFFICER and (health_body is None or local_authority is not None):
        raise SetupError(
            "Choose the ICB the officer works for, and no local authority.", field="health_body"
        )
    if role == Role.COMMISSIONER and (local_authority is None) == (health_body is None):
        raise SetupError(
            "Choose the one local authority or ICB the commissioner works for.",
            field="local_authority",
        )
    if role not in {Role.LA_OFFICER, Role.ICB_OFFICER, Role.COMMISSIONER} and (
        local_authority is not None or health_body is not None
    ):
        raise SetupError(
            f"A {role.label.lower()} does not belong to a local authority or ICB: leave them "
            "empty.",
            field="local_authority" if local_authority is not None else "health_body",
        )


def invite(
    provider: Provider,
    *,
    by: User | None,
    email: str,
    full_name: str,
    role: Role,
    local_authority: LocalAuthority | None = None,
    health_body: HealthBody | None = None,
) -> Sent:
    """Records the invitation and emails its link. Inviting the same person to the same role
    again withdraws the earlier link (a new link, a new 72 hours)."""
    email = normalised_email(email)
    check_body_for_role(provider, role, local_authority, health_body)
    if Membership.objects.filter(user__email=email, provider=provider, role=role).exists():
        raise SetupError(f"{email} is already a {role.label.lower()} of {provider}.", field="email")
    secret = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        Invitation.objects.filter(
            provider=provider, email=email, role=role, accepted_at=None, withdrawn_at=None
        ).update(withdrawn_at=now)
        invitation = Invitation.objects.create(
            provider=provider,
            email=email,
            full_name=full_name.strip(),
            role=role,
            local_authority=local_authority,
            health_body=health_body,
            secret_hash=_hash(secret),
            invited_by=by,
            created_at=now,
            expires_at=now + VALID_FOR,
        )
        body = local_authority or health_body
        record_change(
            provider,
            f"Invited {email} as {role.label.lower()}" + (f" of {body}" if body else ""),
            by=by,
            subject=email,
            after={"email": email, "role": role.value, "body": str(body or "")},
        )
        token = signing.TimestampSigner(salt=_SALT).sign(secret)
        link = absolute_link(reverse("setup:accept_invitation", args=[token]), provider)
        _send(invitation, link)
    return Sent(invitation, link)


def _send(invitation: Invitation, link: str) -> None:
    provider = invitation.provider
    context = {
        "invitation": invitation,
        "link": link,
        "hours": int(VALID_FOR.total_seconds() // 3600),
        "has_account": existing_account(invitation) is not None,
    }
    text = render_to_string("organisations/email/invitation.txt", context).strip()
    subject, _, body = text.partition("\n")
    EmailMessage(
        subject=subject.strip(),
        body=body.strip() + "\n",
        from_email=sender_for(provider),
        to=[invitation.email],
        reply_to=reply_to_for(provider),
    ).send(fail_silently=False)


def open_invitation(token: str) -> Invitation | None:
    """The invitation a link names, if the link is genuine, less than 72 hours old, and neither
    used nor withdrawn."""
    try:
        secret = signing.TimestampSigner(salt=_SALT).unsign(token, max_age=VALID_FOR)
    except signing.BadSignature:
        return None
    invitation = (
        Invitation.objects.select_related("provider", "local_authority", "health_body")
        .filter(secret_hash=_hash(secret))
        .first()
    )
    return invitation if invitation is not None and invitation.is_open else None


def existing_account(invitation: Invitation) -> User | None:
    """The account the invitation is for, if the person already has one with a password."""
    user = User.objects.filter(email=invitation.email).first()
    return user if user is not None and user.has_usable_password() else None


def accept_invitation(invitation: Invitation, *, password: str | None) -> User:
    """Takes up the invitation once: sets the password of a new account (or of one that has
    none), and gives the role. A second use of the same link is refused."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not locked.is_open:
            raise SetupError("This invitation link has already been used or has run out.")
        user = User.objects.filter(email=locked.email).first()
        if user is None and not password:
            raise SetupError("Choose a password.", field="new_password1")
        if user is None:
            user = User.objects.create_user(locked.email, password, full_name=locked.full_name)
        elif not user.has_usable_password():
            if not password:
                raise SetupError("Choose a password.", field="new_password1")
            user.set_password(password)
        user.is_active = True
        user.save()
        membership, _ = Membership.with_inactive.update_or_create(
            user=user,
            provider=locked.provider,
            role=locked.role,
            defaults={
                "local_authority": locked.local_authority,
                "health_body": locked.health_body,
                "is_active": True,
            },
        )
        locked.accepted_at = timezone.now()
        locked.save(update_fields=["accepted_at"])
        record_change(
            locked.provider,
            f"{user.email} accepted the invitation and became {membership.get_role_display()}",
            by=user,
            subject=user.email,
            after={"role": locked.role, "active": True},
        )
    return user


def withdraw_invitation(invitation: Invitation, *, by: User) -> None:
    if invitation.accepted_at is not None or invitation.withdrawn_at is not None:
        raise SetupError("This invitation has already been used or withdrawn.")
    with transaction.atomic():
        invitation.withdrawn_at = timezone.now()
        invitation.save(update_fields=["withdrawn_at"])
        record_change(
            invitation.provider,
            f"Withdrew the invitation to {invitation.email}",
            by=by,
            subject=invitation.email,
        )
