"""The caseload's rows: built from plain values and drawn in Python.

A caseload page is 25 rows of eight cells. Drawn by the template each cell is a handful of nodes
(some 500 for a page), which cost more than the page's own SQL at national scale
(docs/performance.md, "Prepared statements and rows drawn once"). So each row is drawn here,
every value escaped as the template would escape it; the template only places the rows. The
markup is the GOV.UK table's, as in every other table (tests/cases/test_caseload_rows.py holds it
to the same cells as a template-drawn row).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any

from django.urls import reverse
from django.utils.dates import MONTHS_3, WEEKDAYS_ABBR
from django.utils.safestring import SafeString, mark_safe

from accord.cases import selectors
from accord.cases.choices import RiskLevel, Route
from accord.cases.clocks import Status, urgency
from accord.cases.states import CaseState


@dataclass(frozen=True)
class CaseloadRow:
    """One line of the caseload, as plain values (a row read through the model's methods cost
    more than its share of the SQL)."""

    url: str
    reference: str
    child: str
    local_authority: str
    stage: str
    closed_but_followed_up: bool
    route: str
    assigned: list[str]
    next_deadline_on: date | None
    tag_class: str
    tag_label: str
    open_concern: bool
    risk_level: str

    def html(self, confidential: bool) -> SafeString:
        """The row as a GOV.UK table row; the safeguarding cell only for `confidential`
        readers (selectors.may_see_confidential). Every value is escaped as the template
        escapes it (`html.escape`, which Django's own escaping is)."""
        stage = _e(self.stage)
        if self.closed_but_followed_up:
            stage += ": agreed actions still to be done"
        if self.route:
            stage += f'<br><span class="govuk-body-s">{_e(self.route)}</span>'
        assigned = "<br>".join(map(_e, self.assigned)) if self.assigned else "No one yet"
        due = _day(self.next_deadline_on) if self.next_deadline_on else "—"
        tag = (
            f'<strong class="govuk-tag {_e(self.tag_class)}">{_e(self.tag_label)}</strong>'
            if self.tag_class
            else _e(self.tag_label)
        )
        cells = (
            f'<td class="govuk-table__cell"><a class="govuk-link accord-nowrap" '
            f'href="{_e(self.url)}">{_e(self.reference)}</a></td>'
            f'<td class="govuk-table__cell">{_e(self.child)}</td>'
            f'<td class="govuk-table__cell">{_e(self.local_authority)}</td>'
            f'<td class="govuk-table__cell">{stage}</td>'
            f'<td class="govuk-table__cell govuk-body-s">{assigned}</td>'
            f'<td class="govuk-table__cell accord-nowrap">{due}</td>'
            f'<td class="govuk-table__cell">{tag}</td>'
        )
        if confidential:
            concern = (
                '<strong class="govuk-tag govuk-tag--red accord-open-concern">'
                "Safeguarding concern open</strong><br>"
                if self.open_concern
                else ""
            )
            risk = f"Risk: {_e(self.risk_level)}" if self.risk_level else "Risk not assessed"
            cells += f'<td class="govuk-table__cell govuk-body-s">{concern}{risk}</td>'
        # Every value above went through _e: the markup around them is this module's own.
        return mark_safe(f'<tr class="govuk-table__row">{cells}</tr>')  # noqa: S308


def _e(value: str) -> str:
    return escape(str(value), quote=True)


def _day(day: date) -> str:
    """The date as the template's `date:"D j M Y"` draws it ("Fri 4 Dec 2026")."""
    return f"{WEEKDAYS_ABBR[day.weekday()]} {day.day} {MONTHS_3[day.month].title()} {day.year}"


def drawn(rows: Iterable[CaseloadRow], confidential: bool) -> list[SafeString]:
    return [row.html(confidential) for row in rows]


def caseload_row(
    case: dict[str, Any], today: date, case_url: Callable[[str], str], names: dict[int, str]
) -> CaseloadRow:
    """One row from the case's values (selectors.CASELOAD_ROW_VALUES): no model is built."""
    tag_class, tag_label = _tag(case["next_deadline_on"], today)
    assigned = [
        f"{names[case[f'{who}_id']]} ({who})"
        for who in selectors.ASSIGNED
        if case[f"{who}_id"] is not None
    ]
    child = f"{case['child__first_name']} {case['child__last_name']}".strip()
    return CaseloadRow(
        url=case_url(case["reference"]),
        reference=case["reference"],
        child=child,
        local_authority=case["local_authority__name"],
        stage=_STAGES.get(case["state"], case["state"]),
        closed_but_followed_up=case["state"] == CaseState.CLOSED
        and bool(case["still_followed_up"]),
        route=_ROUTES.get(case["route"], case["route"]) if case["route"] else "",
        assigned=assigned,
        next_deadline_on=case["next_deadline_on"],
        tag_class=tag_class,
        tag_label=tag_label,
        # Annotated only for those who may see safeguarding (selectors.may_see_confidential).
        open_concern=bool(case.get("open_concern", False)),
        risk_level=_RISKS.get(case["risk_level"], "").lower() if case["risk_level"] else "",
    )


def _tag(next_deadline_on: date | None, today: date) -> tuple[str, str]:
    if next_deadline_on is None:
        return ("", "No deadline running")
    status = urgency(next_deadline_on, today)
    return (f"accord-tag--{status}", Status.LABELS[status])


_REFERENCE = "REFERENCE"


def case_url() -> Callable[[str], str]:
    """A case page's address from its reference, worked out once for a whole list (references
    are letters, digits and hyphens: nothing in them is quoted)."""
    pattern = reverse("cases:detail", args=[_REFERENCE])
    return lambda reference: pattern.replace(_REFERENCE, reference)


_STAGES, _ROUTES, _RISKS = (dict(c.choices) for c in (CaseState, Route, RiskLevel))
