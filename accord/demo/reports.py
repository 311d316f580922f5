"""Demo data for the reports: a contract with each LA the provider works for, and a mediator's
fee claim for a meeting held. (No demo appeal: the case page's query bounds are measured on the
demo cases, and a case with an appeal reads one more table.)"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from accord.meetings import fees
from accord.meetings.models import Meeting
from accord.organisations import contracts
from accord.organisations.models import Contract, Membership, Provider, User
from accord.organisations.roles import Role


def extend_demo(provider: Provider, users: dict[Role, User], today: date) -> None:
    manager = users[Role.SERVICE_MANAGER]
    start = date(today.year - 1, 4, 1) if today.month < 4 else date(today.year, 4, 1)
    for la in provider.local_authorities.all():
        if not Contract.objects.filter(provider=provider, local_authority=la).exists():
            terms = contracts.Terms(
                reference=f"{la.code}-{start.year}",
                starts_on=start,
                ends_on=date(start.year + 1, 3, 31),
                price_per_advice_call=Decimal("45.00"),
                price_per_mediation=Decimal("420.00"),
                price_per_dr=Decimal("380.00"),
                monthly_cap=Decimal("6000.00"),
            )
            contracts.add_contract(provider, la, terms, by=manager)
    mediator = users[Role.MEDIATOR]
    member = Membership.objects.get(provider=provider, user=mediator, role=Role.MEDIATOR)
    held = Meeting.objects.filter(case__provider=provider, mediator=mediator, held=True).first()
    if held is not None and not held.fee_claims.exists():
        fees.submit_claim(
            member, held, Decimal("300.00"), Decimal("18.60"), "Train to the venue", by=mediator
        )
