"""The upload page (service manager only), the template download, the command, and CSV files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from accord.cases.models import Case
from accord.imports.columns import COLUMNS
from accord.imports.models import BatchStatus, ImportBatch
from accord.organisations.roles import Role

HEADINGS = ",".join(column.name for column in COLUMNS)


def csv_file(*rows: str) -> bytes:
    return ("\ufeff" + "\n".join([HEADINGS, *rows]) + "\n").encode()


GOOD = (
    "OLD-1,2026-10-05,Csvfirst,Csvlast,14/03/2016,,Kent County Council,refuse_to_assess,"
    "01/10/2026,Pat,,pat@example.com,,,,,,,"
)
BAD = (
    "OLD-2,2026-10-05,Csvfirst2,,14/03/2016,,Kent County Council,refuse_to_assess,"
    "01/10/2026,Pat,,pat@example.com,,,,,,,"
)


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_only_the_service_manager_imports(client_for, role):
    for name in ("imports:upload", "imports:template"):
        response = client_for(role).get(reverse(name))
        assert response.status_code == (200 if role == Role.SERVICE_MANAGER else 403)


def test_the_template_has_every_column_and_an_example(client_for):
    response = client_for(Role.SERVICE_MANAGER).get(reverse("imports:template"))
    headings, example = list(csv.reader(io.StringIO(response.content.decode())))
    assert headings == [column.name for column in COLUMNS]
    assert example[0] == "OLD-1234"
    assert response["Content-Disposition"].endswith('"accord-import-template.csv"')


def test_upload_dry_run_then_import(world, client_for):
    client = client_for(Role.SERVICE_MANAGER)
    upload = SimpleUploadedFile("cases.csv", csv_file(GOOD, BAD), content_type="text/csv")
    response = client.post(reverse("imports:upload"), {"spreadsheet": upload})
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("imports:batch", args=[batch.pk])
    page = client.get(response["Location"]).content.decode()
    assert "1 case would be created" in page
    assert "Column child_last_name: Fill in child_last_name" in page
    assert Case.objects.count() == 0

    client.post(reverse("imports:apply", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == BatchStatus.IMPORTED
    assert batch.imported_by == world.user(Role.SERVICE_MANAGER)
    (case,) = Case.objects.all()
    assert case.child.last_name == "Csvlast"
    again = client.post(reverse("imports:apply", args=[batch.pk]), follow=True)
    assert "already been imported" in again.content.decode()
    assert Case.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cases.txt", b"x", "must be a CSV or an Excel"),
        ("cases.csv", b"name,age\nA,1\n", "must name these columns: provider_reference"),
        ("cases.xlsx", b"PK\x03\x04 not a workbook", "not an Excel workbook"),
        ("cases.csv", "é".encode("latin-1"), "UTF-8"),
    ],
)
def test_a_file_that_cannot_be_read_is_shown_with_the_reason(client_for, name, content, message):
    upload = SimpleUploadedFile(name, content)
    response = client_for(Role.SERVICE_MANAGER).post(
        reverse("imports:upload"), {"spreadsheet": upload}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "govuk-error-summary" in html and message in html
    assert ImportBatch.objects.count() == 0


def test_another_providers_batch_is_404(world, client_for):
    client_for(Role.SERVICE_MANAGER).post(
        reverse("imports:upload"),
        {"spreadsheet": SimpleUploadedFile("c.csv", csv_file(GOOD))},
    )
    batch = ImportBatch.objects.get()
    stranger = Client()
    stranger.force_login(world.stranger.user)
    assert stranger.get(reverse("imports:batch", args=[batch.pk])).status_code == 404
    assert stranger.post(reverse("imports:apply", args=[batch.pk])).status_code == 404


def test_the_command_dry_runs_then_applies(world, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_bytes(csv_file(GOOD, BAD))
    manager = world.user(Role.SERVICE_MANAGER)
    out = io.StringIO()
    call_command("import_cases", str(path), "--by", manager.email, stdout=out)
    assert "row 3 (OLD-2), column child_last_name" in out.getvalue()
    assert "Dry run" in out.getvalue() and Case.objects.count() == 0
    out = io.StringIO()
    call_command("import_cases", str(path), "--by", manager.email, "--apply", stdout=out)
    assert "1 created, 1 error" in out.getvalue()
    assert Case.objects.count() == 1
    with pytest.raises(CommandError):
        call_command("import_cases", str(path), "--by", world.user(Role.MEDIATOR).email)


def test_the_documented_template_is_the_columns_the_reader_reads():
    docs = Path(__file__).resolve().parents[2] / "docs"
    template = list(csv.reader(io.StringIO((docs / "import-template.csv").read_text())))
    assert template[0] == [column.name for column in COLUMNS]
    guide = (docs / "import-template.md").read_text()
    for column in COLUMNS:
        assert f"| `{column.name}` |" in guide, column.name
