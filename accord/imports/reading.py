"""Reading the spreadsheet: CSV (UTF-8, as Excel saves "CSV UTF-8") or XLSX (openpyxl, the first
sheet), into its headings mapped to the template's columns and its rows, numbered as the
spreadsheet numbers them (the headings are row 1)."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook

from accord.imports.columns import BY_HEADING, COLUMNS, normalise_heading

MAX_ROWS = 20_000


class UnreadableFile(ValueError):
    """The file cannot be read as a spreadsheet at all; the text says why."""


@dataclass
class Sheet:
    # Template column name -> position in the row.
    positions: dict[str, int]
    rows: list[tuple[int, list[Any]]]
    ignored_headings: list[str] = field(default_factory=list)

    def cell(self, row: list[Any], column: str) -> Any:
        position = self.positions.get(column)
        if position is None or position >= len(row):
            return None
        return row[position]


def _csv_rows(content: bytes) -> Iterator[list[Any]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile("Save the CSV file as UTF-8 (CSV UTF-8 in Excel)") from error
    yield from csv.reader(io.StringIO(text))


def _xlsx_rows(content: bytes) -> Iterator[list[Any]]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise UnreadableFile(
            "The file is not an Excel workbook (.xlsx) that can be read"
        ) from error
    try:
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True):
            yield list(values)
    finally:
        workbook.close()


def read_sheet(content: bytes, filename: str) -> Sheet:
    is_xlsx = filename.lower().endswith(".xlsx") or content.startswith(b"PK\x03\x04")
    rows = _xlsx_rows(content) if is_xlsx else _csv_rows(content)
    try:
        headings = next(rows)
    except StopIteration:
        raise UnreadableFile("The file is empty") from None
    positions: dict[str, int] = {}
    ignored = []
    for position, heading in enumerate(headings):
        column = BY_HEADING.get(normalise_heading(heading))
        if column is None:
            if normalise_heading(heading):
                ignored.append(str(heading))
        elif column.name not in positions:
            positions[column.name] = position
    missing = [c.name for c in COLUMNS if c.required and c.name not in positions]
    if missing:
        raise UnreadableFile(f"The first row must name these columns: {', '.join(missing)}")
    numbered = []
    for number, row in enumerate(rows, start=2):
        if all(value is None or str(value).strip() == "" for value in row):
            continue
        numbered.append((number, list(row)))
        if len(numbered) > MAX_ROWS:
            raise UnreadableFile(f"Import at most {MAX_ROWS} rows at a time")
    return Sheet(positions, numbered, ignored)
