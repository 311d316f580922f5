"""The monthly activity statement a provider sends each commissioner: what was held under the
contract in the month, at the contract's prices, with its caps applied. Counts and amounts only,
no personal data (docs/reports.md, "Contracts and billing").

A month is billed for the days of it that the contract covers. The monthly cap limits what one
month bills; the cap over the contract limits the month to what the earlier months of the
contract left of it. Amounts are in pounds to the penny.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from accord.organisations.models import Contract
from accord.reports.selectors.billing import activity

PENNY = Decimal("0.01")


@dataclass(frozen=True)
class Line:
    what: str
    count: int
    price: Decimal
    amount: Decimal


@dataclass(frozen=True)
class Statement:
    contract: Contract
    month: date  # its first day
    first: date  # the days billed: the part of the month the contract covers
    last: date
    lines: list[Line]
    activity_total: Decimal  # the lines added up, before any cap
    monthly_cap_reduction: Decimal
    total_cap_reduction: Decimal
    billed_before: Decimal  # by the contract's earlier months
    billed: Decimal

    @property
    def billed_to_date(self) -> Decimal:
        return self.billed_before + self.billed


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def last_of_month(day: date) -> date:
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def covers(contract: Contract, month: date) -> bool:
    return contract.starts_on <= last_of_month(month) and contract.ends_on >= first_of_month(month)


def _span(contract: Contract, month: date) -> tuple[date, date]:
    return max(contract.starts_on, first_of_month(month)), min(
        contract.ends_on, last_of_month(month)
    )


def _lines(contract: Contract, first: date, last: date) -> list[Line]:
    held = activity(contract, first, last)
    priced = (
        ("Information and advice calls", held.advice_calls, contract.price_per_advice_call),
        ("Mediation meetings", held.mediations, contract.price_per_mediation),
        ("Disagreement resolution meetings", held.dr_meetings, contract.price_per_dr),
    )
    return [Line(what, n, price, (price * n).quantize(PENNY)) for what, n, price in priced]


def _months(contract: Contract, before: date) -> list[date]:
    """The first days of the contract's months before `before`."""
    months, month = [], first_of_month(contract.starts_on)
    while month < first_of_month(before):
        months.append(month)
        month = last_of_month(month) + timedelta(days=1)
    return months


def _capped(contract: Contract, total: Decimal, billed_before: Decimal) -> tuple[Decimal, ...]:
    """(monthly cap reduction, total cap reduction, billed)."""
    by_month = min(total, contract.monthly_cap) if contract.monthly_cap is not None else total
    billed = by_month
    if contract.total_cap is not None:
        billed = max(Decimal(0), min(by_month, contract.total_cap - billed_before))
    return total - by_month, by_month - billed, billed


def statement(contract: Contract, month: date) -> Statement:
    """The statement for `month` (any day of it), which the contract must cover."""
    if not covers(contract, month):
        raise ValueError(f"The contract does not cover {month:%B %Y}.")
    billed_before = Decimal(0)
    if contract.total_cap is not None:
        # What the earlier months billed, each with the caps as they then stood.
        for earlier in _months(contract, month):
            total = sum(
                (line.amount for line in _lines(contract, *_span(contract, earlier))), Decimal(0)
            )
            billed_before += _capped(contract, total, billed_before)[2]
    first, last = _span(contract, month)
    lines = _lines(contract, first, last)
    total = sum((line.amount for line in lines), Decimal(0))
    monthly, overall, billed = _capped(contract, total, billed_before)
    return Statement(
        contract=contract,
        month=first_of_month(month),
        first=first,
        last=last,
        lines=lines,
        activity_total=total,
        monthly_cap_reduction=monthly,
        total_cap_reduction=overall,
        billed_before=billed_before,
        billed=billed,
    )


def as_rows(s: Statement) -> tuple[list[str], list[list[str]]]:
    """The statement as a heading and rows of text, for the page and every file."""
    contract = s.contract
    heading = [
        f"Activity statement: {contract.provider.name} to {contract.body.name}",
        f"Contract {contract.reference}, {contract.starts_on:%-d %B %Y} to "
        f"{contract.ends_on:%-d %B %Y}",
        f"{s.month:%B %Y}: activity from {s.first:%-d %B %Y} to {s.last:%-d %B %Y}",
    ]
    rows = [["Item", "Number", "Price (£)", "Amount (£)"]]
    rows += [
        [line.what, str(line.count), f"{line.price:.2f}", f"{line.amount:.2f}"] for line in s.lines
    ]
    rows.append(["Activity in the month", "", "", f"{s.activity_total:.2f}"])
    if contract.monthly_cap is not None:
        rows.append(
            [
                f"Less: monthly cap of £{contract.monthly_cap:.2f}",
                "",
                "",
                _less(s.monthly_cap_reduction),
            ]
        )
    if contract.total_cap is not None:
        rows.append(
            [
                f"Less: cap of £{contract.total_cap:.2f} over the contract "
                f"(£{s.billed_before:.2f} billed in earlier months)",
                "",
                "",
                _less(s.total_cap_reduction),
            ]
        )
    rows.append(["Amount due for the month", "", "", f"{s.billed:.2f}"])
    return heading, rows


def _less(reduction: Decimal) -> str:
    # Shown as a positive amount taken off ("Less: ..."): a leading minus would be read as a
    # formula by a spreadsheet, and is escaped in every export.
    return f"{reduction:.2f}"
