"""One row of the spreadsheet read and checked: every problem named with its column, or the
enquiry and the steps it records, ready for the case services."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q

from accord.cases.choices import Channel, FamilyChoice, PartyRole
from accord.cases.services import EnquiryData
from accord.imports.columns import COLUMNS, CellError
from accord.imports.reading import Sheet
from accord.organisations.models import LocalAuthority, Provider
from accord.rules import today_in_england


@dataclass(frozen=True)
class Problem:
    column: str
    message: str


@dataclass
class CheckedRow:
    number: int
    source_reference: str
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, column: str, message: str) -> None:
        self.problems.append(Problem(column, message))


def check_row(sheet: Sheet, number: int, row: list[Any], provider: Provider) -> CheckedRow:
    checked = CheckedRow(number, "")
    for column in COLUMNS:
        try:
            value = column.read(sheet.cell(row, column.name))
        except CellError as error:
            checked.problem(column.name, str(error))
            continue
        if column.required and value in ("", None):
            checked.problem(column.name, f"Fill in {column.name}: {column.meaning.lower()}")
        checked.values[column.name] = value
    checked.source_reference = str(checked.values.get("provider_reference") or "")[:100]
    _check_local_authority(checked, provider)
    _check_dates(checked)
    _check_contact_and_steps(checked)
    return checked


def _check_local_authority(checked: CheckedRow, provider: Provider) -> None:
    named = checked.values.get("local_authority")
    if not named:
        return
    found = provider.local_authorities.filter(Q(name__iexact=named) | Q(code__iexact=named))
    council: LocalAuthority | None = found.first()
    if council is None:
        checked.problem("local_authority", f"{named} is not a council this service works for")
    checked.values["local_authority"] = council


def _check_dates(checked: CheckedRow) -> None:
    today = today_in_england()
    values = checked.values
    for name in ("received_on", "child_date_of_birth", "decision_notice_sent_on"):
        when = values.get(name)
        if isinstance(when, date) and when > today:
            checked.problem(name, "The date must be today or in the past")
    received, letter = values.get("received_on"), values.get("decision_notice_sent_on")
    if isinstance(received, date) and isinstance(letter, date) and letter > received:
        checked.problem(
            "decision_notice_sent_on", "The decision letter must be dated on or before the enquiry"
        )
    chosen = values.get("family_choice_on")
    if isinstance(chosen, date) and isinstance(received, date) and chosen < received:
        checked.problem("family_choice_on", "The family's choice must be on or after the enquiry")


def _check_contact_and_steps(checked: CheckedRow) -> None:
    values = checked.values
    if not values.get("contact_email") and not values.get("contact_phone"):
        checked.problem("contact_email", "Enter an email address or a phone number")
    choice = values.get("family_choice")
    if choice and not values.get("family_choice_on"):
        checked.problem("family_choice_on", "Enter the date the family made their choice")
    if values.get("la_notified_on") and choice != FamilyChoice.MEDIATION:
        checked.problem(
            "la_notified_on", "The council is told only when the family wants mediation"
        )


def enquiry_from(checked: CheckedRow) -> EnquiryData:
    v = checked.values
    return EnquiryData(
        local_authority=v["local_authority"],
        decision_kind=v["decision_kind"],
        child_first_name=v["child_first_name"],
        child_last_name=v["child_last_name"],
        child_date_of_birth=v["child_date_of_birth"],
        child_setting=v.get("child_setting", ""),
        contact_name=v["contact_name"],
        contact_role=v.get("contact_role") or PartyRole.PARENT_CARER,
        contact_email=v.get("contact_email", ""),
        contact_phone=v.get("contact_phone", ""),
        received_on=v["received_on"],
        channel=v.get("channel") or Channel.PHONE,
        decision_notice_sent_on=v.get("decision_notice_sent_on"),
        summary=v.get("summary", ""),
        announce=False,
    )
