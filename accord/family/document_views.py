"""The case's documents on the family's own pages: those they may see (shared with everyone,
naming them, or added by them), and adding one (a decision letter, a plan, a report) through
the same service and upload check staff use. Every read is in the access log."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accord.cases import selectors as case_selectors
from accord.cases import services as case_services
from accord.cases.audit import record_case_read
from accord.cases.forms.documents import CaseDocumentForm
from accord.cases.steps.documents import serve_case_document
from accord.family import progress, selectors
from accord.family.session import family_of, family_signed_in


@family_signed_in
def add_document(request: HttpRequest, reference: str) -> HttpResponse:
    identity = family_of(request)
    case = selectors.case_for_family(identity, reference)
    mine = selectors.my_parties(identity, case)
    if not progress.can_send_views(case) or not mine:
        messages.info(request, "This case is closed, so you cannot send anything more.")
        return redirect("family:case", reference=case.reference)
    others = [p for p in case.parties.all() if p not in mine]
    form = CaseDocumentForm(request.POST or None, request.FILES or None, parties=others)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case_services.add_case_document(
                case,
                data["upload"],
                kind=data["kind"],
                title=data["title"],
                visibility=data["visibility"],
                shared_with=data["shared_with"],
                by=None,
                from_party=mine[0],
            )
        except case_services.CaseError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, "Thank you. We have your document.")
            return redirect(reverse("family:case", args=[case.reference]) + "#case-documents")
    status = 400 if request.method == "POST" else 200
    return render(request, "family/add_document.html", {"case": case, "form": form}, status=status)


@family_signed_in
def document_file(request: HttpRequest, reference: str, document_id: int) -> FileResponse:
    identity = family_of(request)
    case = selectors.case_for_family(identity, reference)
    parties = selectors.my_parties(identity, case)
    document = case_selectors.documents_for_parties(case, parties).filter(pk=document_id).first()
    if document is None:
        raise Http404("No such document")
    record_case_read(case, by=None, what=f"family downloaded case document {document.pk}")
    return serve_case_document(document)
