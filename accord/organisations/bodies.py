"""The local authorities and ICBs a provider works for, and where its notices to each go.

A body's name and code are national reference data shared by every provider that works for it:
adding a body by a code already known links the provider to that body. Its notices address is
the provider's own (`BodyContact`), edited by the provider's managers only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from accord.organisations.changes import SetupError, record_change, snapshot
from accord.organisations.models import BodyContact, HealthBody, LocalAuthority, Provider, User

CONTACT_FIELDS = ("notices_email", "notices_address")


@dataclass(frozen=True)
class BodyDetails:
    name: str
    code: str
    notices_email: str = ""
    notices_address: str = ""


def _body(model: type[LocalAuthority] | type[HealthBody], details: BodyDetails) -> object:
    code = details.code.strip().upper()
    name = details.name.strip()
    by_code = model.objects.filter(code=code).first()
    if by_code is not None:
        if by_code.name.casefold() != name.casefold():
            raise SetupError(f"The code {code} belongs to {by_code.name}: check the code.")
        return by_code
    if model.objects.filter(name__iexact=name).exists():
        raise SetupError(f"{name} is already known under another code: check the code.")
    return model.objects.create(name=name, code=code)


def add_local_authority(provider: Provider, details: BodyDetails, *, by: User) -> LocalAuthority:
    with transaction.atomic():
        la = _body(LocalAuthority, details)
        assert isinstance(la, LocalAuthority)
        if provider.local_authorities.filter(pk=la.pk).exists():
            raise SetupError(f"{provider} already works for {la}.")
        provider.local_authorities.add(la)
        BodyContact.objects.create(
            provider=provider,
            local_authority=la,
            notices_email=details.notices_email,
            notices_address=details.notices_address,
        )
        record_change(
            provider,
            f"Added the local authority {la}",
            by=by,
            subject=la.name,
            after={"code": la.code, **_contact_values(details)},
        )
    return la


def add_health_body(provider: Provider, details: BodyDetails, *, by: User) -> HealthBody:
    with transaction.atomic():
        icb = _body(HealthBody, details)
        assert isinstance(icb, HealthBody)
        if provider.health_bodies.filter(pk=icb.pk).exists():
            raise SetupError(f"{provider} already works for {icb}.")
        provider.health_bodies.add(icb)
        BodyContact.objects.create(
            provider=provider,
            health_body=icb,
            notices_email=details.notices_email,
            notices_address=details.notices_address,
        )
        record_change(
            provider,
            f"Added the ICB {icb}",
            by=by,
            subject=icb.name,
            after={"code": icb.code, **_contact_values(details)},
        )
    return icb


def _contact_values(details: BodyDetails) -> dict[str, str]:
    return {"notices_email": details.notices_email, "notices_address": details.notices_address}


def contact_for(provider: Provider, body: LocalAuthority | HealthBody) -> BodyContact:
    """The provider's notices address for the body (an empty one if none is recorded yet)."""
    if isinstance(body, LocalAuthority):
        contact, _ = BodyContact.objects.get_or_create(provider=provider, local_authority=body)
    else:
        contact, _ = BodyContact.objects.get_or_create(provider=provider, health_body=body)
    return contact


def update_notices_address(
    provider: Provider,
    body: LocalAuthority | HealthBody,
    *,
    by: User,
    notices_email: str,
    notices_address: str,
) -> BodyContact:
    with transaction.atomic():
        contact = contact_for(provider, body)
        before = snapshot(contact, CONTACT_FIELDS)
        contact.notices_email = notices_email.strip()
        contact.notices_address = notices_address.strip()
        contact.save()
        after = snapshot(contact, CONTACT_FIELDS)
        if before != after:
            record_change(
                provider,
                f"Changed where notices to {body} go",
                by=by,
                subject=body.name,
                before=before,
                after=after,
            )
    return contact
