"""The monthly activity statement for a contract (accord.reports.billing), as a page and as CSV,
XLSX and PDF. A service manager sees every contract of their provider; a commissioner only their
own body's (accord.reports.selectors.billing.contracts_for)."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accord.organisations.access import roles
from accord.organisations.models import Contract, Membership
from accord.organisations.roles import Role
from accord.reports import billing, statement_files
from accord.reports.forms import StatementForm
from accord.reports.selectors.billing import contracts_for
from accord.rules import today_in_england

STATEMENT_READERS = frozenset({Role.SERVICE_MANAGER, Role.COMMISSIONER})


def _membership(request: HttpRequest) -> Membership:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    return membership


def _asked(request: HttpRequest) -> tuple[StatementForm, billing.Statement | None]:
    contracts = contracts_for(_membership(request))
    last_month = billing.first_of_month(today_in_england()) - date.resolution
    data = request.GET
    if not data and contracts:
        data = {  # type: ignore[assignment]
            "contract": str(contracts[0].pk),
            "month": str(last_month.month),
            "year": str(last_month.year),
        }
    form = StatementForm(data or None, contracts=contracts)
    if not form.is_valid():
        return form, None
    contract, month = form.cleaned_data["chosen"]
    return form, billing.statement(contract, month)


def _filename(statement: billing.Statement, extension: str) -> str:
    contract: Contract = statement.contract
    body = "".join(c if c.isalnum() else "-" for c in contract.body.name.lower()).strip("-")
    return f"activity-statement-{body}-{statement.month:%Y-%m}.{extension}"


@roles(STATEMENT_READERS)
def statement(request: HttpRequest) -> HttpResponse:
    form, found = _asked(request)
    context: dict[str, Any] = {"form": form, "statement": found}
    if found is not None:
        context["heading"], context["rows"] = billing.as_rows(found)
        context["querystring"] = urlencode(
            {name: form.data.get(name, "") for name in ("contract", "month", "year")}
        )
    status = 400 if request.GET and form.errors else 200
    return render(request, "reports/statement.html", context, status=status)


def _file(request: HttpRequest, extension: str) -> HttpResponse:
    form, found = _asked(request)
    if found is None:
        return render(request, "reports/statement.html", {"form": form}, status=400)
    heading, rows = billing.as_rows(found)
    if extension == "csv":
        content: str | bytes = statement_files.to_csv(heading, rows)
        kind = "text/csv; charset=utf-8"
    elif extension == "xlsx":
        content = statement_files.to_xlsx(heading, rows)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = statement_files.to_pdf(heading, rows)
        kind = "application/pdf"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{_filename(found, extension)}"'
    return response


@roles(STATEMENT_READERS)
def statement_csv(request: HttpRequest) -> HttpResponse:
    return _file(request, "csv")


@roles(STATEMENT_READERS)
def statement_xlsx(request: HttpRequest) -> HttpResponse:
    return _file(request, "xlsx")


@roles(STATEMENT_READERS)
def statement_pdf(request: HttpRequest) -> HttpResponse:
    return _file(request, "pdf")
