"""The documents a case runs on: the decision letter, the EHC plan, reports, evidence.

Staff, the case's mediator, an officer of a body on the case, or the family add one; every file
goes through the one upload check (accord.cases.uploads: size, type by its bytes, the virus
scanner) before anything is stored, under a random name in the private file storage (encrypted
on the file system). Each document says who may see it (accord.cases.selectors applies it):
the mediation service only, everyone taking part, or the people named.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from accord.cases.models import Case, CaseDocument, CaseDocumentKind, DocumentVisibility, Party
from accord.cases.services.writing import CaseError
from accord.cases.timeline import FAMILY_ACTOR_LABEL, EventKind, record_event
from accord.cases.uploads import UploadRejected, check_upload, prepare_for_storage
from accord.organisations.models import User


def _checked(case: Case, visibility: str, named: Iterable[Party]) -> list[Party]:
    if visibility not in DocumentVisibility.values:
        raise CaseError("Choose who may see the document.", field="visibility")
    people = list(named)
    if visibility != DocumentVisibility.NAMED_PARTIES:
        return []
    if not people:
        raise CaseError("Choose the people who may see the document.", field="shared_with")
    if any(p.case_id != case.pk for p in people):
        raise CaseError("Choose people who take part in this case.", field="shared_with")
    return people


def add_case_document(
    case: Case,
    upload: Any,
    *,
    kind: str,
    title: str,
    visibility: str,
    shared_with: Iterable[Party] = (),
    by: User | None,
    from_party: Party | None = None,
) -> CaseDocument:
    """Add a document to the case. `by` is the member of staff or officer adding it; a family
    member adds it as `from_party` (their own party on the case), with `by=None`."""
    if kind not in CaseDocumentKind.values:
        raise CaseError("Choose what kind of document it is.", field="kind")
    if not title.strip():
        raise CaseError("Enter what the document is, for example ‘Decision letter’.", field="title")
    if upload is None:
        raise CaseError("Choose the file to upload.", field="upload")
    if by is None and (from_party is None or from_party.case_id != case.pk):
        raise CaseError("Sign in again to add a document to your case.")
    people = _checked(case, visibility, shared_with)
    try:
        found = check_upload(upload, "document")
    except UploadRejected as rejected:
        raise CaseError(str(rejected), field="upload") from rejected
    size = upload.size or 0
    upload = prepare_for_storage(upload, found)
    with transaction.atomic():
        document = CaseDocument.objects.create(
            case=case,
            kind=kind,
            title=title.strip()[:200],
            file=upload,
            content_type=found.content_type,
            size=size,
            visibility=visibility,
            added_by=by,
            added_by_party=from_party if by is None else None,
        )
        document.shared_with.set(people)
        shared = visibility == DocumentVisibility.ALL_PARTIES
        record_event(
            case,
            EventKind.CASE_DOCUMENT_SHARED if shared else EventKind.CASE_DOCUMENT_ADDED,
            f"Document added: {document.get_kind_display()}",
            {"document": document.pk, "visibility": visibility},
            by=by,
            label=FAMILY_ACTOR_LABEL if by is None else "",
        )
    return document
