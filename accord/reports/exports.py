"""The commissioner report as CSV and as an XLSX workbook, from the same tables as the page;
and data files (the SEN2 return, the activity statement) as CSV with their own column names."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from accord.reports.layout import Table

# A cell starting with one of these could be run as a formula by a spreadsheet (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """A spreadsheet cell that cannot run as a formula."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


_safe = safe_cell


def to_csv(heading: list[str], tables: list[Table]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for line in heading:
        writer.writerow([_safe(line)])
    for table in tables:
        writer.writerow([])
        writer.writerow([_safe(table.title)])
        writer.writerow([_safe(h) for h in table.headings])
        for row in table.rows:
            writer.writerow([_safe(cell) for cell in row])
        if table.note:
            writer.writerow([_safe(table.note)])
    return out.getvalue()


def records_to_csv(columns: list[str], records: list[dict[str, str]]) -> str:
    """Rows under their column names (a data file rather than a report), each cell made safe
    from running as a formula."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_safe(c) for c in columns])
    for record in records:
        writer.writerow([_safe(record.get(c, "")) for c in columns])
    return out.getvalue()


def _sheet_title(title: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\ , unique within the workbook.
    clean = "".join(c for c in title if c not in "[]:*?/\\")[:31]
    name, n = clean, 2
    while name in used:
        suffix = f" {n}"
        name, n = clean[: 31 - len(suffix)] + suffix, n + 1
    used.add(name)
    return name


def to_xlsx(heading: list[str], tables: list[Table]) -> bytes:
    """A summary sheet with the heading, then one sheet per table."""
    book = Workbook()
    bold = Font(bold=True)
    summary = book.active
    assert summary is not None
    summary.title = "About"
    for line in heading:
        summary.append([line])
    summary["A1"].font = Font(bold=True, size=14)
    used = {"About"}
    for table in tables:
        sheet = book.create_sheet(_sheet_title(table.title, used))
        sheet.append([table.title])
        sheet["A1"].font = bold
        sheet.append(table.headings)
        for cell in sheet[2]:
            cell.font = bold
        for row in table.rows:
            sheet.append([_number_or_text(cell) for cell in row])
        if table.note:
            sheet.append([])
            sheet.append([table.note])
        sheet.column_dimensions["A"].width = 60
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _number_or_text(cell: str) -> int | str:
    """Whole counts go in as numbers so the spreadsheet can add them up; "<5", "[c]", rates and
    labels stay text."""
    return int(cell) if cell.isdigit() else cell
