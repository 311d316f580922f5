"""The roles a person can hold in a provider (product.md, "People and roles").

One place for who may do what: views declare the role sets below, and selectors scope queries by
the role of the membership making the request.
"""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    SERVICE_MANAGER = "service_manager", "Service manager"
    COORDINATOR = "coordinator", "Case coordinator"
    ADVISER = "adviser", "Mediation adviser"
    MEDIATOR = "mediator", "Mediator"
    LA_OFFICER = "la_officer", "Local authority officer"
    ICB_OFFICER = "icb_officer", "Health (ICB) officer"
    COMMISSIONER = "commissioner", "Commissioner"


# Provider staff who see every case of their provider.
STAFF = frozenset({Role.SERVICE_MANAGER, Role.COORDINATOR, Role.ADVISER})
# Everyone who works on cases from the provider's side (mediators see only their own cases).
CASEWORKERS = STAFF | {Role.MEDIATOR}
# Officers of a public body that is a party to the case.
OFFICERS = frozenset({Role.LA_OFFICER, Role.ICB_OFFICER})
# Everyone who may open a case page (scoped by the case selector).
CASE_READERS = CASEWORKERS | OFFICERS
# Roles that see aggregated reports.
REPORT_READERS = frozenset({Role.SERVICE_MANAGER, Role.COMMISSIONER})
