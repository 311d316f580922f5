"""The case's documents on the staff and officers' case page: add one, read one. Staff, the
case's mediator and the officers of a body on the case add them; each sees those it may
(accord.cases.selectors.case_documents_for), and every read is in the access log."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse

from accord.cases import selectors, services
from accord.cases.audit import record_case_read
from accord.cases.forms.documents import CaseDocumentForm
from accord.cases.models import Case, CaseDocument
from accord.cases.steps import step_form
from accord.cases.views import actor_of, membership_of
from accord.organisations.access import roles
from accord.organisations.roles import CASE_READERS


@roles(CASE_READERS)
def add_case_document(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.case_for(membership_of(request), reference)

    def act(case: Case, d: dict[str, Any]) -> None:
        services.add_case_document(
            case,
            d["upload"],
            kind=d["kind"],
            title=d["title"],
            visibility=d["visibility"],
            shared_with=d["shared_with"],
            by=actor_of(request),
        )

    return step_form(
        request,
        reference,
        CaseDocumentForm,
        "Add a document to the case",
        act,
        form_kwargs={"parties": list(case.parties.all())},
        done="Document added",
        section="case-documents",
        hint="For example the decision letter, the EHC plan, a report or other evidence.",
    )


def serve_case_document(document: CaseDocument) -> FileResponse:
    """The stored file, as an attachment under a plain name (never the uploader's file name)."""
    extension = document.file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{document.case.reference}-document-{document.pk}.{extension}",
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@roles(CASE_READERS)
def case_document_file(request: HttpRequest, reference: str, document_id: int) -> FileResponse:
    membership = membership_of(request)
    case = selectors.case_for(membership, reference)
    document = selectors.case_document_for(membership, case, document_id)
    record_case_read(case, by=actor_of(request), what=f"downloaded case document {document.pk}")
    return serve_case_document(document)
