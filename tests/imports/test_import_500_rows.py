"""A 500-row spreadsheet with deliberate errors, generated here (openpyxl): the dry run reports
each error with its row and column and creates nothing; the import creates the good rows' cases
with their clocks worked out from the imported dates; importing the same file again changes
nothing."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from openpyxl import Workbook

from accord import rules
from accord.cases.models import Case, CaseClock, TimelineEvent
from accord.imports.columns import COLUMNS
from accord.imports.importing import check_file, import_checked
from accord.imports.models import BatchStatus, ImportedCase
from accord.notifications.models import OutboxMessage
from accord.organisations.roles import Role

HEADINGS = [column.name for column in COLUMNS]
LETTER = date(2026, 9, 1)


def good_row(n: int) -> dict[str, object]:
    received = LETTER + timedelta(days=7 + n % 20)
    row: dict[str, object] = {
        "provider_reference": f"OLD-{n:04d}",
        "received_on": received,  # a real spreadsheet date
        "child_first_name": f"Importfirst{n}",
        "child_last_name": f"Importlast{n}",
        "child_date_of_birth": "14/03/2016",  # typed as text, day first
        "local_authority": "Kent County Council" if n % 2 else "medway council",
        "decision_kind": "refuse_to_assess",
        "decision_notice_sent_on": LETTER.isoformat(),
        "contact_name": f"Parent {n}",
        "contact_email": f"parent{n}@example.com",
    }
    if n % 3 == 0:  # the family chose mediation and the council was told
        row |= {
            "family_choice": "mediation",
            "family_choice_on": received + timedelta(days=5),
            "la_notified_on": received + timedelta(days=6),
        }
    elif n % 3 == 1:  # the family wants a certificate
        row |= {"family_choice": "certificate", "family_choice_on": received + timedelta(days=4)}
    return row


# row number in the spreadsheet (the headings are row 1) -> (the change, the column at fault)
ERRORS = {
    10: ({"child_last_name": ""}, "child_last_name"),
    35: ({"received_on": "31/02/2026"}, "received_on"),
    60: ({"local_authority": "Atlantis Council"}, "local_authority"),
    85: ({"decision_kind": "unhappy"}, "decision_kind"),
    110: ({"contact_email": "not-an-email"}, "contact_email"),
    135: ({"decision_notice_sent_on": "2026-12-31"}, "decision_notice_sent_on"),
    160: ({"provider_reference": "OLD-0002"}, "provider_reference"),  # row 4's reference
    185: ({"family_choice": "mediation", "family_choice_on": ""}, "family_choice_on"),
    210: ({"contact_email": "", "contact_phone": ""}, "contact_email"),
    235: ({"received_on": "2099-01-01"}, "received_on"),
    260: ({"child_date_of_birth": "yesterday"}, "child_date_of_birth"),
    285: ({"family_choice": "certificate", "la_notified_on": "2026-10-01"}, "la_notified_on"),
}


def spreadsheet() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([*HEADINGS, "notes from the old system"])
    for number in range(2, 502):  # 500 rows
        values = good_row(number - 1)
        if number in ERRORS:
            values |= ERRORS[number][0]
        sheet.append([values.get(name) for name in HEADINGS] + ["ignored"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def manager(world):
    return world.user(Role.SERVICE_MANAGER)


def test_dry_run_import_and_reimport_of_500_rows(world, manager):
    content = spreadsheet()

    batch = check_file(world.provider, "caseload.xlsx", content, by=manager)
    rows = batch.report["rows"]
    assert len(rows) == 500
    assert Case.objects.count() == 0 and CaseClock.objects.count() == 0  # nothing kept
    errors = {row["row"]: row["problems"] for row in rows if row["outcome"] == "error"}
    assert sorted(errors) == sorted(ERRORS)
    for number, (_, column) in ERRORS.items():
        assert column in [problem["column"] for problem in errors[number]], number
    assert {row["outcome"] for row in rows if row["row"] not in ERRORS} == {"create"}
    assert batch.report["ignored_headings"] == ["notes from the old system"]
    assert batch.status == BatchStatus.CHECKED

    report = import_checked(batch, by=manager)
    assert report.count("created") == 488 and report.count("error") == 12
    assert Case.objects.filter(provider=world.provider).count() == 488
    assert ImportedCase.objects.count() == 488
    assert OutboxMessage.objects.count() == 0  # families are not told of an old case again
    assert TimelineEvent.objects.filter(kind="imported").count() == 488

    # Every clock from the imported dates, through the case services.
    received = LETTER + timedelta(days=7 + 3 % 20)
    mediation = ImportedCase.objects.get(source_reference="OLD-0003").case
    assert mediation.state == "arranging"
    clocks = {row.clock: row for row in mediation.clock_rows.all()}
    assert clocks["adviser_contact"].due_on == rules.adviser_contact_deadline(LETTER)
    assert clocks["adviser_contact"].done_on == received
    assert clocks["mediation_held"].due_on == rules.mediation_due(received + timedelta(days=6))
    certificate = ImportedCase.objects.get(source_reference="OLD-0004").case
    received_4 = LETTER + timedelta(days=7 + 4)
    due = {row.clock: row.due_on for row in certificate.clock_rows.all()}
    assert due["certificate_no_mediation"] == rules.certificate_due(received_4 + timedelta(days=4))
    assert certificate.next_deadline_on is not None

    again = check_file(world.provider, "caseload.xlsx", content, by=manager)
    second = import_checked(again, by=manager)
    assert second.count("created") == 0
    assert second.count("unchanged") == 488 and second.count("error") == 12
    assert Case.objects.count() == 488 and CaseClock.objects.filter(case__provider=world.provider)
    assert [row.case_reference for row in second.rows if row.source_reference == "OLD-0003"] == [
        mediation.reference
    ]
