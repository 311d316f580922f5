"""The documents' facts that can be corrected (`accord.cases.corrections`): the day each agreed
action was done, and the date of an agreement not yet issued (an issued one is fixed: its PDF
states it). Each is checked as the step that recorded it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from accord.cases.corrections import Correctable, Fact
from accord.cases.models import Case
from accord.cases.services import CaseError
from accord.cases.services.writing import check_concluded_on, check_not_before, check_not_in_future
from accord.documents.models import Agreement, AgreementItem


def _done_facts(case: Case) -> Iterable[Fact]:
    # The case page fetches the agreements and their points with the case.
    for agreement in case.agreements.all():
        for item in agreement.items.all():
            if item.done_on is not None:
                label = f"Date agreed action {item.position} was done"
                yield Fact("action_done_on", label, item.done_on, item.pk)


def _correct_done(case: Case, target: int, value: Any) -> None:
    item = AgreementItem.objects.select_related("agreement").get(agreement__case=case, pk=target)
    what = "The date it was done"
    check_not_in_future(value, what, "value")
    check_not_before(
        value, item.agreement.concluded_on, what, "when the agreement was made", "value"
    )
    item.done_on = value
    item.save(update_fields=["done_on"])


def _agreement_facts(case: Case) -> Iterable[Fact]:
    for agreement in case.agreements.all():
        if agreement.issued_at is None:
            yield Fact(
                "agreement_concluded_on",
                "Date of the agreement",
                agreement.concluded_on,
                agreement.pk,
            )


def _correct_agreement(case: Case, target: int, value: Any) -> None:
    agreement = Agreement.objects.get(case=case, pk=target)
    if agreement.issued_at is not None:
        raise CaseError("An issued agreement's date is fixed: it is stated in the agreement.")
    # An agreement is dated on or after its meeting, never in the future.
    check_concluded_on(case, value, "value")
    agreement.concluded_on = value
    agreement.save(update_fields=["concluded_on"])


DOCUMENT_FACTS = (
    Correctable(
        "agreement_concluded_on",
        "Date of the agreement",
        "date",
        _agreement_facts,
        _correct_agreement,
        order=88,
    ),
    Correctable(
        "action_done_on",
        "Date an agreed action was done",
        "date",
        _done_facts,
        _correct_done,
        order=90,
    ),
)
