"""Creating, revoking and recognising API clients (the service manager's pages call these).

A token is `acc_<key id>.<secret>`: the key id finds the row, the secret is compared with its
stored SHA-256 digest in constant time. The secret is shown once, when the client is made.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from accord.api.models import ApiClient, Scope
from accord.cases.services import CaseError
from accord.organisations.models import HealthBody, LocalAuthority, Membership, Provider, User
from accord.organisations.roles import Role
from accord.rules import today_in_england

TOKEN_PREFIX = "acc_"  # noqa: S105 - the public start of every token, not a secret
LONGEST_LIFE = timedelta(days=366)
# Writing "last used" on every call would turn each read into a write: once a minute is enough.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class NewClient:
    name: str
    scopes: list[str]
    expires_on: date
    local_authority: LocalAuthority | None = None
    health_body: HealthBody | None = None


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _check(provider: Provider, data: NewClient) -> None:
    if (data.local_authority is None) == (data.health_body is None):
        raise CaseError("Choose the one council or ICB the client is for.", field="body")
    if (
        data.local_authority
        and not provider.local_authorities.filter(pk=data.local_authority.pk).exists()
    ):
        raise CaseError(f"{provider} does not work for {data.local_authority}.", field="body")
    if data.health_body and not provider.health_bodies.filter(pk=data.health_body.pk).exists():
        raise CaseError(f"{provider} does not work with {data.health_body}.", field="body")
    unknown = set(data.scopes) - set(Scope.values)
    if not data.scopes or unknown:
        raise CaseError("Choose at least one thing the client may do.", field="scopes")
    today = today_in_england()
    if not today < data.expires_on <= today + LONGEST_LIFE:
        raise CaseError(
            "The expiry date must be after today and within a year.", field="expires_on"
        )


def create_client(provider: Provider, data: NewClient, *, by: User) -> tuple[ApiClient, str]:
    """Makes the client and its account; returns it with its token, which is never stored."""
    _check(provider, data)
    key_id = secrets.token_hex(8)
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        account = User.objects.create_user(
            f"api-client-{key_id}@clients.accord.invalid", password=None, full_name=data.name
        )
        membership = Membership.objects.create(
            user=account,
            provider=provider,
            role=Role.LA_OFFICER if data.local_authority else Role.ICB_OFFICER,
            local_authority=data.local_authority,
            health_body=data.health_body,
        )
        client = ApiClient.objects.create(
            provider=provider,
            name=data.name,
            local_authority=data.local_authority,
            health_body=data.health_body,
            membership=membership,
            key_id=key_id,
            secret_sha256=digest(secret),
            scopes=sorted(set(data.scopes)),
            expires_on=data.expires_on,
            created_by=by,
        )
    return client, f"{TOKEN_PREFIX}{key_id}.{secret}"


def revoke_client(client: ApiClient, *, by: User) -> ApiClient:
    """The token stops working at once; the client and what it did are kept."""
    with transaction.atomic():
        locked = ApiClient.objects.select_for_update().get(pk=client.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.revoked_by = by
            locked.save(update_fields=["revoked_at", "revoked_by"])
            User.objects.filter(pk=locked.membership.user_id).update(is_active=False)
            locked.webhooks.update(active=False)
    return locked


def client_for_token(token: str) -> ApiClient | None:
    """The live client a token belongs to, or None (unknown, wrong secret, revoked, expired)."""
    if not token.startswith(TOKEN_PREFIX) or "." not in token:
        return None
    key_id, _, secret = token[len(TOKEN_PREFIX) :].partition(".")
    # One row at most (key_id is unique), read on every call: not ordered, as `.first()`
    # would be, since compiling an ORDER BY over the joined columns cost more than the query.
    found = (
        ApiClient.objects.select_related(
            "provider", "membership__user", "membership__local_authority", "membership__health_body"
        )
        .filter(key_id=key_id)
        .order_by()[:1]
    )
    client = next(iter(found), None)
    if client is None or not hmac.compare_digest(client.secret_sha256, digest(secret)):
        return None
    if client.revoked_at is not None or client.expires_on < today_in_england():
        return None
    return client


def note_use(client: ApiClient) -> None:
    now = timezone.now()
    if client.last_used_at is None or now - client.last_used_at >= LAST_USED_RESOLUTION:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        client.last_used_at = now


def clients_for(provider: Provider) -> list[ApiClient]:
    return list(
        ApiClient.objects.filter(provider=provider).select_related(
            "local_authority", "health_body", "created_by", "revoked_by"
        )
    )
