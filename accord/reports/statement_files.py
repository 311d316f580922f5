"""The activity statement as CSV, XLSX and PDF, from the same rows as the page
(accord.reports.billing.as_rows): counts and amounts, no personal data."""

from __future__ import annotations

import csv
import io
from decimal import Decimal, InvalidOperation

from django.template.loader import render_to_string
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from accord.documents.pdf import document_pdf
from accord.reports.exports import safe_cell


def to_csv(heading: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for line in heading:
        writer.writerow([safe_cell(line)])
    writer.writerow([])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()


def _number(cell: str) -> int | Decimal | str:
    """Counts and amounts go in as numbers, so the spreadsheet can add them up."""
    if cell.isdigit():
        return int(cell)
    try:
        return Decimal(cell) if cell and cell[-3:-2] == "." else cell
    except InvalidOperation:
        return cell


def to_xlsx(heading: list[str], rows: list[list[str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Activity statement"
    for line in heading:
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([])
    for n, row in enumerate(rows):
        sheet.append([_number(cell) if n else cell for cell in row])
        if n == 0 or n == len(rows) - 1:
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=len(heading) + 2, min_col=3, max_col=4):
        for cell in row:
            if isinstance(cell.value, Decimal):
                cell.number_format = "#,##0.00"
    sheet.column_dimensions["A"].width = 70
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_pdf(heading: list[str], rows: list[list[str]]) -> bytes:
    """The statement as a tagged PDF with its fonts embedded, drawn as every document Accord
    issues is (accord.documents.pdf): the first row is the table's header, the last its total."""
    html = render_to_string(
        "reports/print/statement.html",
        {"title": heading[0], "lines": heading[1:], "header": rows[0], "body": rows[1:]},
    )
    return document_pdf(
        html, title=heading[0], author=heading[0], footer=heading[0], created=timezone.now()
    )
