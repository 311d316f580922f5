"""Unique document numbers per provider: MM-CERT-2026-0007, MM-AGR-2026-0003.

The counter row is locked (SELECT ... FOR UPDATE) for the rest of the caller's transaction, so
two requests issuing at the same moment wait for each other and never share a number; if the
issue fails, the transaction rolls back and the number is not used up.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from accord.documents.models import DocumentCounter
from accord.organisations.models import Provider

CERTIFICATE_SERIES = "CERT"
AGREEMENT_SERIES = "AGR"


def next_number(provider: Provider, series: str, year: int) -> str:
    """Call inside a transaction: the number is only taken if that transaction commits."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Document numbers are allocated inside the issuing transaction.")
    counter = _locked_counter(provider, series, year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{provider.case_prefix}-{series}-{year}-{counter.last_number:04d}"


def _locked_counter(provider: Provider, series: str, year: int) -> DocumentCounter:
    lookup = {"provider": provider, "series": series, "year": year}
    counter = DocumentCounter.objects.select_for_update().filter(**lookup).first()
    if counter is not None:
        return counter
    try:
        # The first number of a year: two requests may race to create the row; the loser's
        # insert fails on the unique constraint and it takes the winner's row under the lock.
        with transaction.atomic():
            DocumentCounter.objects.create(**lookup)
    except IntegrityError:
        pass
    return DocumentCounter.objects.select_for_update().get(**lookup)
