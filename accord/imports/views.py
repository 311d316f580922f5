"""The caseload import pages, for the service manager: upload a file, read the dry run's report,
import; and the template to fill in. Every batch is scoped to the manager's provider."""

from __future__ import annotations

import csv
import io

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accord.govuk.forms import GovukForm
from accord.imports.columns import COLUMNS
from accord.imports.importing import BatchError, check_file, import_checked
from accord.imports.models import ImportBatch
from accord.imports.reading import UnreadableFile
from accord.organisations.access import roles
from accord.organisations.models import Membership
from accord.organisations.roles import Role

MAX_FILE_BYTES = 10 * 2**20
MANAGER = frozenset({Role.SERVICE_MANAGER})


class UploadForm(GovukForm):
    spreadsheet = forms.FileField(
        label="Spreadsheet of cases",
        help_text="A CSV (UTF-8) or Excel (.xlsx) file laid out as the template, up to 10 MB.",
        error_messages={"required": "Choose a CSV or Excel file to check"},
    )

    def clean_spreadsheet(self) -> object:
        upload = self.cleaned_data["spreadsheet"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("The file must be a CSV or an Excel (.xlsx) file")
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError("The file must be smaller than 10 MB")
        return upload


def _membership(request: HttpRequest) -> Membership:
    return request.membership  # type: ignore[attr-defined]


@roles(MANAGER)
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    membership = _membership(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["spreadsheet"]
        try:
            batch = check_file(membership.provider, chosen.name, chosen.read(), by=membership.user)
        except UnreadableFile as problem:
            form.add_error("spreadsheet", str(problem))
        else:
            return redirect("imports:batch", pk=batch.pk)
    recent = ImportBatch.objects.filter(provider=membership.provider).defer("content")[:10]
    return render(
        request,
        "imports/upload.html",
        {"form": form, "recent": recent},
        status=400 if form.errors else 200,
    )


@roles(MANAGER)
def batch(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(ImportBatch, pk=pk, provider=_membership(request).provider)
    rows = found.report.get("rows", [])
    counts = {
        outcome: sum(1 for row in rows if row["outcome"] == outcome)
        for outcome in ("create", "created", "unchanged", "error")
    }
    return render(request, "imports/batch.html", {"batch": found, "rows": rows, "counts": counts})


@roles(MANAGER)
@require_POST
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request)
    found = get_object_or_404(ImportBatch, pk=pk, provider=membership.provider)
    try:
        report = import_checked(found, by=membership.user)
    except BatchError as problem:
        messages.error(request, str(problem))
    else:
        messages.success(
            request,
            f"{report.count('created')} cases imported; {report.count('unchanged')} were "
            f"imported before and left as they were; {report.count('error')} rows had errors.",
        )
    return redirect("imports:batch", pk=found.pk)


@roles(MANAGER)
def template(request: HttpRequest) -> HttpResponse:
    """The template as a CSV file: the headings and one example row (docs/import-template.md)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.name for column in COLUMNS])
    writer.writerow([column.example for column in COLUMNS])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="accord-import-template.csv"'
    return response
