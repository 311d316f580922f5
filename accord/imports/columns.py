"""The import template's columns (docs/import-template.md): their headings, the other headings
accepted for each, and how each cell is read. One place: the downloadable template, the
documentation's table and the reader all follow this list.

A cell is read into a Python value or raises CellError with a message for the person fixing the
spreadsheet. Dates may be real spreadsheet dates, 2026-10-01 or 01/10/2026 (day first, as in
England).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from accord.cases.choices import Channel, DecisionKind, FamilyChoice, PartyRole, Route


class CellError(ValueError):
    """A cell that cannot be read; the text says what it should hold."""


def read_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def read_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = read_text(value)
    if not text:
        return None
    for form in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, form).date()  # noqa: DTZ007 (a date, no time)
        except ValueError:
            continue
    raise CellError("Enter a date like 2026-10-01 or 01/10/2026")


def read_email(value: Any) -> str:
    text = read_text(value)
    if text:
        try:
            validate_email(text)
        except ValidationError as error:
            raise CellError("Enter an email address like name@example.com") from error
    return text


def choice_reader(choices: type[Any], what: str) -> Callable[[Any], str]:
    """A reader for one of `choices`, by its stored value or its label, in any case."""
    known = {}
    for value, label in choices.choices:
        known[str(value).lower()] = str(value)
        known[str(label).lower()] = str(value)

    def read(value: Any) -> str:
        text = read_text(value).lower()
        if not text:
            return ""
        if text not in known:
            allowed = ", ".join(str(v) for v in choices.values)
            raise CellError(f"Enter {what}: one of {allowed}")
        return known[text]

    return read


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str
    read: Callable[[Any], Any] = read_text
    required: bool = False
    example: str = ""
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("provider_reference", "Your own reference for the case in your old records; "
           "importing the same reference again changes nothing", required=True,
           example="OLD-1234", aliases=("reference", "case_reference", "your_reference")),
    Column("received_on", "Date the enquiry was received", read_date, required=True,
           example="2026-10-05", aliases=("date_received", "enquiry_date")),
    Column("child_first_name", "Child or young person's first name", required=True,
           example="Sam", aliases=("first_name",)),
    Column("child_last_name", "Child or young person's last name", required=True,
           example="Example", aliases=("last_name", "surname")),
    Column("child_date_of_birth", "Child or young person's date of birth", read_date,
           required=True, example="2016-03-14", aliases=("date_of_birth", "dob")),
    Column("child_setting", "School, college or setting", example="Hillside Primary"),
    Column("local_authority", "The council, by its name or GSS code, one the service works for",
           required=True, example="Kent County Council", aliases=("la", "council")),
    Column("decision_kind", "What the disagreement is about (the value or its words)",
           choice_reader(DecisionKind, "what the disagreement is about"), required=True,
           example="refuse_to_assess", aliases=("decision", "disagreement")),
    Column("decision_notice_sent_on", "Date the decision letter was sent (starts the 2-month "
           "limit, SEND Regs reg 33)", read_date, example="2026-10-01",
           aliases=("decision_letter_date", "letter_date")),
    Column("contact_name", "Name of the person who contacted the service", required=True,
           example="Pat Example", aliases=("contact",)),
    Column("contact_role", "Who they are (parent_carer if empty)",
           choice_reader(PartyRole, "who the contact is"), example="parent_carer"),
    Column("contact_email", "Their email address (this or a phone number)", read_email,
           example="pat@example.com", aliases=("email",)),
    Column("contact_phone", "Their phone number (this or an email address)",
           example="01632 960000", aliases=("phone",)),
    Column("channel", "How they contacted the service (phone if empty)",
           choice_reader(Channel, "how they contacted the service"), example="email"),
    Column("summary", "What the disagreement is about, in their words", example=""),
    Column("route", "The route, if already confirmed",
           choice_reader(Route, "the route"), example="mediation"),
    Column("family_choice", "After information and advice: mediation or certificate",
           choice_reader(FamilyChoice, "the family's choice"), example="mediation"),
    Column("family_choice_on", "Date the family made that choice (starts the certificate's "
           "3 working days for a certificate, SEND Regs reg 34)", read_date,
           example="2026-10-20"),
    Column("la_notified_on", "Date the council received the family's notice that they want "
           "mediation (starts the 30 days to hold mediation, SEND Regs regs 35-37)", read_date,
           example="2026-10-21"),
)  # fmt: skip

BY_HEADING: dict[str, Column] = {}
for _column in COLUMNS:
    for _heading in (_column.name, *_column.aliases):
        BY_HEADING[_heading] = _column


def normalise_heading(heading: Any) -> str:
    return "_".join(read_text(heading).lower().replace("-", " ").split())
