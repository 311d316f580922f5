"""How cells and files are read (the template's columns, accord.imports.columns)."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from accord.cases.choices import DecisionKind
from accord.imports.columns import (
    CellError,
    choice_reader,
    normalise_heading,
    read_date,
    read_email,
    read_text,
)
from accord.imports.reading import UnreadableFile, read_sheet


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (datetime(2026, 10, 1, 0, 0), date(2026, 10, 1)),  # noqa: DTZ001 (as openpyxl reads a cell)
        (date(2026, 10, 1), date(2026, 10, 1)),
        ("2026-10-01", date(2026, 10, 1)),
        ("01/10/2026", date(2026, 10, 1)),
        ("1/10/26", date(2026, 10, 1)),
        ("01-10-2026", date(2026, 10, 1)),
        (None, None),
        ("  ", None),
    ],
)
def test_dates_are_read_day_first(cell, expected):
    assert read_date(cell) == expected


def test_text_numbers_emails_and_choices():
    assert read_text(1234.0) == "1234" and read_text("  a   b ") == "a b"
    assert read_email("") == "" and read_email("a@example.com") == "a@example.com"
    with pytest.raises(CellError):
        read_email("a@")
    read = choice_reader(DecisionKind, "the decision")
    assert read(DecisionKind.REFUSE_TO_ASSESS.label.upper()) == DecisionKind.REFUSE_TO_ASSESS
    assert read("") == ""
    assert normalise_heading(" Child First-Name ") == "child_first_name"


def test_an_xlsx_with_aliases_blank_rows_and_only_headings():
    workbook = Workbook()
    sheet = workbook.active
    headings = ["Reference", "Date received", "First name", "Surname", "DOB", "Council"]
    sheet.append([*headings, "Decision", "Contact"])
    sheet.append([None] * 8)
    sheet.append(["R-1", date(2026, 10, 1), "A", "B", date(2016, 1, 1), "Kent", "x", "y"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    read = read_sheet(buffer.getvalue(), "cases.xlsx")
    assert [number for number, _ in read.rows] == [3]
    assert read.cell(read.rows[0][1], "provider_reference") == "R-1"
    assert read.cell(read.rows[0][1], "summary") is None
    with pytest.raises(UnreadableFile, match="empty"):
        read_sheet(b"", "cases.csv")
