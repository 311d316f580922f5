"""Documents a family can read with any tool (issue 14, section 6): every certificate and
agreement is a tagged PDF (structure tree, language, marked content) with its fonts embedded and
its real issue time, and the same content as a printable web page beside the download, behind the
same access rules and read audit."""

from __future__ import annotations

import html as html_text
import io
from datetime import UTC

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from accord.cases.models import CaseAccess
from accord.documents import links, services
from accord.documents.models import ImmutableDocument
from accord.documents.services import ItemData
from accord.organisations.roles import Role
from tests.documents.conftest import CHILD_FIRST, CHILD_LAST, ISSUED_ON
from tests.documents.helpers import key, pdf_text
from tests.family.conftest import sign_in

R = Role
FAMILY_EMAIL = "parent@example.com"  # the enquirer of tests.documents.conftest.make_case


def _stored(document) -> bytes:
    with document.pdf.open("rb") as handle:
        return handle.read()


def _fonts(reader: PdfReader) -> list:
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for part in font.get("/DescendantFonts", [font]):
                fonts.append(part.get_object())
    return fonts


def assert_accessible_pdf(data: bytes, issued_at) -> None:
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root, "the PDF has no structure tree (it is untagged)"
    assert root["/MarkInfo"]["/Marked"].value is True
    assert root["/Lang"] == "en-GB"
    structure = root["/StructTreeRoot"].get_object()
    assert structure.get("/K"), "the structure tree is empty"
    fonts = _fonts(reader)
    assert fonts
    for font in fonts:
        descriptor = font["/FontDescriptor"].get_object()
        assert any(f in descriptor for f in ("/FontFile", "/FontFile2", "/FontFile3")), (
            f"{font['/BaseFont']} is not embedded"
        )
    created = reader.metadata.creation_date
    assert created.year != 2000
    assert created == issued_at.replace(microsecond=0).astimezone(UTC)
    assert "ReportLab" not in str(reader.metadata.get("/Producer", ""))


def _certificate(world, case):
    return services.issue_certificate(
        case, "information_given", ISSUED_ON, idempotency_key=key(), by=world.user(R.ADVISER)
    )


@pytest.fixture
def agreement(world, mediated_case):
    mediator = world.user(R.MEDIATOR)
    agreement = services.start_agreement(mediated_case, by=mediator)
    services.add_item(
        agreement,
        ItemData(
            decided="Weekly speech and language therapy.",
            action="The LA will amend section F.",
            responsible="Kent County Council SEN team",
            review="The coordinator checks with the family.",
            action_kind="",
        ),
        by=mediator,
    )
    return services.issue_agreement(agreement, notify=False, by=mediator)


def test_the_certificate_pdf_is_tagged_embeds_its_fonts_and_says_when_it_was_issued(
    world, declined_case
):
    certificate = _certificate(world, declined_case)
    assert_accessible_pdf(_stored(certificate), certificate.issued_at)


def test_the_agreement_pdf_is_tagged_embeds_its_fonts_and_says_when_it_was_issued(agreement):
    assert_accessible_pdf(_stored(agreement), agreement.issued_at)


def test_the_certificate_web_page_has_the_same_content_as_its_pdf(world, client_for, declined_case):
    certificate = _certificate(world, declined_case)
    url = reverse("documents:certificate_document", args=[declined_case.reference, certificate.pk])
    response = client_for(R.COORDINATOR).get(url)
    assert response.status_code == 200
    html = html_text.unescape(response.content.decode())  # a name such as O'Brien is escaped
    printed = pdf_text(_stored(certificate))
    for fact in (
        certificate.number,
        f"{CHILD_FIRST} {CHILD_LAST}",
        "5pm on Tuesday 5 May 2026",
        world.user(R.ADVISER).full_name,
        "Why you have this certificate",
    ):
        assert fact in html and fact in printed, fact
    assert reverse("documents:certificate_pdf", args=[declined_case.reference, certificate.pk]) in (
        html
    )
    assert CaseAccess.objects.filter(
        case=declined_case,
        user=world.user(R.COORDINATOR),
        what=f"read certificate {certificate.number} online",
    ).exists()
    # The case page links to the web page beside the download.
    case_page = client_for(R.COORDINATOR).get(declined_case.get_absolute_url()).content.decode()
    assert url in case_page


def test_the_web_page_follows_the_same_access_rules_as_the_pdf(world, client_for, declined_case):
    certificate = _certificate(world, declined_case)
    url = reverse("documents:certificate_document", args=[declined_case.reference, certificate.pk])
    # The family declined mediation, so the LA is not a party: its officer sees neither.
    assert client_for(R.LA_OFFICER).get(url).status_code == 404
    assert client_for(R.COMMISSIONER).get(url).status_code == 403


def test_the_agreement_web_page_for_staff_and_officers(world, client_for, agreement):
    case = agreement.case
    url = reverse("documents:agreement_document", args=[case.reference, agreement.pk])
    response = client_for(R.LA_OFFICER).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Weekly speech and language therapy." in html
    assert agreement.number in html
    assert CaseAccess.objects.filter(
        case=case, user=world.user(R.LA_OFFICER), what=f"read agreement {agreement.number} online"
    ).exists()


def test_the_family_reads_their_documents_as_web_pages(world, declined_case):
    certificate = _certificate(world, declined_case)
    client = Client()
    sign_in(client, FAMILY_EMAIL)
    case_page = client.get(reverse("family:case", args=[declined_case.reference])).content.decode()
    url = reverse("family:certificate_page", args=[declined_case.reference, certificate.pk])
    assert url in case_page
    assert reverse("family:certificate", args=[declined_case.reference, certificate.pk]) in (
        case_page
    )
    response = client.get(url)
    assert response.status_code == 200
    assert "5pm on Tuesday 5 May 2026" in response.content.decode()
    assert CaseAccess.objects.filter(
        case=declined_case, what=f"family read certificate {certificate.number} online"
    ).exists()
    # Another family's number on this case's address finds nothing.
    other = reverse("family:certificate_page", args=[declined_case.reference, certificate.pk + 99])
    assert client.get(other).status_code == 404


def test_the_secure_links_offer_the_web_page_and_audit_it(world, declined_case, agreement):
    certificate = _certificate(world, declined_case)
    parent = declined_case.parties.get(is_enquirer=True)
    full = links.certificate_link(certificate, parent)
    path = "/" + full.split("://", 1)[1].split("/", 1)[1]
    client = Client()
    assert "Read it as a web page" in client.get(path).content.decode()
    assert not CaseAccess.objects.filter(case=declined_case, what__contains="by link").exists()
    response = client.post(path, {"read": "online"})
    assert response.status_code == 200
    assert certificate.number in response.content.decode()
    assert "Download it as a PDF" in response.content.decode()
    assert CaseAccess.objects.filter(
        case=declined_case, what__contains=f"{certificate.number} read online by link"
    ).exists()

    party = agreement.case.parties.get(is_enquirer=True)
    full = links.agreement_link(agreement, party)
    path = "/" + full.split("://", 1)[1].split("/", 1)[1]
    response = client.post(path, {"read": "online"})
    assert response.status_code == 200
    assert "Weekly speech and language therapy." in response.content.decode()
    assert CaseAccess.objects.filter(
        case=agreement.case, what__contains=f"agreement {agreement.number} read online by link"
    ).exists()
    # The download button still gives the PDF.
    download = client.post(path)
    assert download["Content-Type"] == "application/pdf"
    b"".join(download.streaming_content)


def test_the_web_page_is_kept_as_issued(world, declined_case):
    certificate = _certificate(world, declined_case)
    certificate.html = certificate.html.replace("5 May", "6 May")
    with pytest.raises(ImmutableDocument):
        certificate.save()
