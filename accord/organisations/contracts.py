"""A provider's contracts with the LAs and ICBs it works for (accord.organisations.models.Contract).

Written by the service's managers only, each change recorded (accord.organisations.changes). A
contract names one body the provider works for; its period must not overlap another contract
with the same body, so each month's activity is billed under one contract at most.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from accord.organisations.changes import SetupError, record_change, snapshot
from accord.organisations.models import Contract, HealthBody, LocalAuthority, Provider, User

TERMS = (
    "reference",
    "starts_on",
    "ends_on",
    "price_per_advice_call",
    "price_per_mediation",
    "price_per_dr",
    "monthly_cap",
    "total_cap",
)


@dataclass(frozen=True)
class Terms:
    reference: str
    starts_on: date
    ends_on: date
    price_per_advice_call: Decimal
    price_per_mediation: Decimal
    price_per_dr: Decimal
    monthly_cap: Decimal | None = None
    total_cap: Decimal | None = None


def _terms_of(contract: Contract) -> dict[str, object]:
    """The contract's terms as plain JSON for the record of changes (money as text)."""
    return {
        k: str(v) if isinstance(v, Decimal) else v for k, v in snapshot(contract, TERMS).items()
    }


def _check(
    provider: Provider,
    body: LocalAuthority | HealthBody,
    terms: Terms,
    contract: Contract | None,
) -> None:
    if isinstance(body, LocalAuthority):
        works_for = provider.local_authorities.filter(pk=body.pk).exists()
        others = Contract.objects.filter(provider=provider, local_authority=body)
    else:
        works_for = provider.health_bodies.filter(pk=body.pk).exists()
        others = Contract.objects.filter(provider=provider, health_body=body)
    if not works_for:
        raise SetupError(f"The service does not work for {body}.", field="body")
    if terms.ends_on < terms.starts_on:
        raise SetupError("The last day must be on or after the first day.", field="ends_on")
    for name in ("price_per_advice_call", "price_per_mediation", "price_per_dr"):
        if getattr(terms, name) < 0:
            raise SetupError("A price cannot be less than £0.", field=name)
    for name in ("monthly_cap", "total_cap"):
        cap = getattr(terms, name)
        if cap is not None and cap < 0:
            raise SetupError("A cap cannot be less than £0.", field=name)
    if contract is not None:
        others = others.exclude(pk=contract.pk)
    clash = others.filter(starts_on__lte=terms.ends_on, ends_on__gte=terms.starts_on).first()
    if clash is not None:
        raise SetupError(
            f"The contract {clash.reference} with {body} already covers "
            f"{clash.starts_on:%-d %B %Y} to {clash.ends_on:%-d %B %Y}: the periods must not "
            "overlap.",
            field="starts_on",
        )


def add_contract(
    provider: Provider, body: LocalAuthority | HealthBody, terms: Terms, *, by: User
) -> Contract:
    _check(provider, body, terms, None)
    with transaction.atomic():
        contract = Contract.objects.create(
            provider=provider,
            local_authority=body if isinstance(body, LocalAuthority) else None,
            health_body=body if isinstance(body, HealthBody) else None,
            **asdict(terms),
        )
        record_change(
            provider,
            "Contract added",
            by=by,
            subject=str(contract),
            after=_terms_of(contract),
        )
    return contract


def change_contract(contract: Contract, terms: Terms, *, by: User) -> Contract:
    _check(contract.provider, contract.body, terms, contract)
    with transaction.atomic():
        before = _terms_of(contract)
        for name, value in asdict(terms).items():
            setattr(contract, name, value)
        contract.save()
        record_change(
            contract.provider,
            "Contract changed",
            by=by,
            subject=str(contract),
            before=before,
            after=_terms_of(contract),
        )
    return contract
