"""The documents a case runs on (issue 14, section 7): staff, officers and the family add them
through the one upload check (size, type by the bytes, the scanner), they are kept encrypted
in the private storage, listed on the case with who may see each, and every read is logged."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accord.cases.encrypted_storage import MARKER
from accord.cases.models import CaseAccess, CaseDocument, DocumentVisibility, TimelineEvent
from accord.cases.timeline import EventKind
from accord.organisations.roles import Role
from tests.factories import CaseFactory, PartyFactory
from tests.family.conftest import sign_in
from tests.markup import parse

R = Role
PDF = b"%PDF-1.7\n% the decision letter of 2 March 2026\n%%EOF\n"
PARENT_EMAIL = "jo.turner@example.com"


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("evil.exe", b"MZ")
    return buffer.getvalue()


def rejecting_scanner(upload):
    return False


@pytest.fixture
def case(world):
    """A case the LA and the ICB are told of, with the family, an LA officer and an ICB officer."""
    case = CaseFactory(
        provider=world.provider,
        local_authority=world.la,
        health_body=world.icb,
        mediator=world.user(R.MEDIATOR),
        la_notified_on=date(2026, 3, 2),
        health_body_notified_on=date(2026, 3, 2),
    )
    PartyFactory(case=case, role="parent_carer", name="Jo Turner", email=PARENT_EMAIL)
    PartyFactory(case=case, role="la_officer", name="Pat LA-Officer")
    PartyFactory(case=case, role="icb_officer", name="Sam ICB-Officer")
    return case


def add(client, case, *, content=PDF, name="letter.pdf", visibility="all_parties", **extra):
    data = {
        "kind": extra.pop("kind", "decision_letter"),
        "title": extra.pop("title", "Decision letter of 2 March 2026"),
        "upload": SimpleUploadedFile(name, content, content_type="application/pdf"),
        "visibility": visibility,
        **extra,
    }
    return client.post(reverse("cases:add_case_document", args=[case.reference]), data)


def test_staff_add_a_document_kept_encrypted_and_listed_with_who_may_see_it(
    world, client_for, case, settings
):
    response = add(client_for(R.COORDINATOR), case)
    assert response.status_code == 302
    assert response["Location"].endswith("#case-documents")
    document = CaseDocument.objects.get()
    assert document.content_type == "application/pdf"
    assert "letter" not in document.file.name  # a random name, never the uploader's
    raw = (Path(settings.MEDIA_ROOT) / document.file.name).read_bytes()
    assert raw.startswith(MARKER) and b"decision letter" not in raw
    with document.file.open("rb") as handle:
        assert handle.read() == PDF
    page = client_for(R.COORDINATOR).get(case.get_absolute_url()).content.decode()
    assert "Decision letter of 2 March 2026" in page
    assert "Seen by: everyone taking part" in page
    assert TimelineEvent.objects.filter(case=case, kind=EventKind.CASE_DOCUMENT_SHARED).exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"<html><script>alert(1)</script></html>", "letter.pdf", "must be one of these types"),
        (plain_zip(), "plan.docx", "must be one of these types"),
        (PDF + b"\x00" * (21 * 1024 * 1024), "big.pdf", "smaller than 20 MB"),
    ],
    ids=["html-as-pdf", "zip-as-docx", "21-mb"],
)
def test_a_file_the_upload_check_refuses_is_not_stored(client_for, case, content, name, message):
    response = add(client_for(R.COORDINATOR), case, content=content, name=name)
    assert response.status_code == 400
    summary = parse(response.content).find(class_="govuk-error-summary")
    assert summary.find("a").get("href") == "#id_upload"
    assert message in summary.text
    assert not CaseDocument.objects.exists()


def test_the_scanner_is_asked_and_its_verdict_respected(client_for, case, settings):
    settings.ACCORD_UPLOAD_SCANNER = "tests.cases.test_case_documents.rejecting_scanner"
    response = add(client_for(R.COORDINATOR), case)
    assert response.status_code == 400
    assert "our safety check stopped it" in response.content.decode()
    assert not CaseDocument.objects.exists()


def test_a_word_document_is_accepted(client_for, case):
    response = add(client_for(R.LA_OFFICER), case, content=docx(), name="report.docx")
    assert response.status_code == 302
    assert CaseDocument.objects.get().file.name.endswith(".docx")


def test_naming_people_needs_someone_named(client_for, case):
    response = add(client_for(R.COORDINATOR), case, visibility="named_parties")
    assert response.status_code == 400
    summary = parse(response.content).find(class_="govuk-error-summary")
    assert "Select the people who may see the document" in summary.text
    assert summary.find("a").get("href").startswith("#id_shared_with")


def _visible(client, case, document) -> int:
    url = reverse("cases:case_document_file", args=[case.reference, document.pk])
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response.status_code


def test_who_sees_each_document(world, client_for, case):
    staff = client_for(R.COORDINATOR)
    add(staff, case, visibility="staff_only", title="Staff only")
    icb_party = case.parties.get(role="icb_officer")
    add(staff, case, visibility="named_parties", title="For the ICB", shared_with=[icb_party.pk])
    add(staff, case, visibility="all_parties", title="For everyone")
    only_staff, for_icb, for_all = (
        CaseDocument.objects.get(title=t) for t in ("Staff only", "For the ICB", "For everyone")
    )
    assert only_staff.visibility == DocumentVisibility.STAFF_ONLY
    expected = {
        R.COORDINATOR: {only_staff, for_icb, for_all},
        R.MEDIATOR: {only_staff, for_icb, for_all},
        R.LA_OFFICER: {for_all},
        R.ICB_OFFICER: {for_icb, for_all},
    }
    for role, sees in expected.items():
        client = client_for(role)
        page = client.get(case.get_absolute_url()).content.decode()
        for document in (only_staff, for_icb, for_all):
            assert (document.title in page) == (document in sees), (role, document.title)
            assert _visible(client, case, document) == (200 if document in sees else 404)
    assert _visible(client_for(R.COMMISSIONER), case, for_all) == 403
    reads = CaseAccess.objects.filter(case=case, what=f"downloaded case document {for_all.pk}")
    assert reads.count() == 4


def test_an_officer_sees_their_own_upload_whoever_else_may(world, client_for, case):
    officer = client_for(R.LA_OFFICER)
    assert add(officer, case, visibility="staff_only", title="LA working paper").status_code == 302
    document = CaseDocument.objects.get()
    assert document.added_by == world.user(R.LA_OFFICER)
    assert _visible(officer, case, document) == 200
    assert _visible(client_for(R.ICB_OFFICER), case, document) == 404
    assert TimelineEvent.objects.filter(case=case, kind=EventKind.CASE_DOCUMENT_ADDED).exists()


def test_the_family_adds_and_reads_documents_from_their_own_page(world, client_for, case):
    add(client_for(R.COORDINATOR), case, visibility="staff_only", title="Staff only")
    add(client_for(R.COORDINATOR), case, visibility="all_parties", title="For everyone")
    family = Client()
    sign_in(family, PARENT_EMAIL)
    page = family.get(reverse("family:case", args=[case.reference])).content.decode()
    assert "For everyone" in page and "Staff only" not in page
    assert reverse("family:add_document", args=[case.reference]) in page

    form = family.get(reverse("family:add_document", args=[case.reference]))
    assert form.status_code == 200
    response = family.post(
        reverse("family:add_document", args=[case.reference]),
        {
            "kind": "ehc_plan",
            "title": "Our EHC plan",
            "upload": SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"),
            "visibility": "staff_only",
        },
    )
    assert response.status_code == 302, response.content.decode()
    mine = CaseDocument.objects.get(title="Our EHC plan")
    assert mine.added_by is None and mine.added_by_party.email == PARENT_EMAIL
    url = reverse("family:document_file", args=[case.reference, mine.pk])
    download = family.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert CaseAccess.objects.filter(
        case=case, what=f"family downloaded case document {mine.pk}"
    ).exists()
    # What staff keep to themselves stays theirs: the family gets 404 for it.
    hidden = CaseDocument.objects.get(title="Staff only")
    assert (
        family.get(reverse("family:document_file", args=[case.reference, hidden.pk])).status_code
        == 404
    )
    # Staff see the family's document, and whom it came from.
    page = client_for(R.COORDINATOR).get(case.get_absolute_url()).content.decode()
    assert "Our EHC plan" in page and "Added by Jo Turner" in page


def test_the_family_form_refuses_a_bad_file_with_the_field_named(case):
    family = Client()
    sign_in(family, PARENT_EMAIL)
    response = family.post(
        reverse("family:add_document", args=[case.reference]),
        {
            "kind": "report",
            "title": "A report",
            "upload": SimpleUploadedFile("r.pdf", b"MZ not a pdf", content_type="application/pdf"),
            "visibility": "all_parties",
        },
    )
    assert response.status_code == 400
    summary = parse(response.content).find(class_="govuk-error-summary")
    assert summary.find("a").get("href") == "#id_upload"
    assert not CaseDocument.objects.exists()
