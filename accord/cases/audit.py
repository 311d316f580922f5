"""The case's access log: every read of a case record, by whom (product.md: 'every access is
auditable').

Every page, form, download, export and search that shows case data calls `record_case_read` (one
case) or `record_read` (something that is not a case yet, such as an online request, or many cases
at once, such as a search that lists children's names); nothing else writes an access row
(tests/cases/test_audit.py checks the source). The rows are append-only
(accord.cases.append_only); managers read them in accord.privacy.
"""

from __future__ import annotations

from accord.cases.choices import AccessKind
from accord.cases.models import Case, CaseAccess
from accord.organisations.models import Provider, User

_WHAT_LENGTH = CaseAccess._meta.get_field("what").max_length
_SUBJECT_LENGTH = CaseAccess._meta.get_field("subject").max_length


def record_case_read(
    case: Case, *, by: User | None, what: str, kind: AccessKind = AccessKind.VIEW
) -> CaseAccess:
    """`by` is the signed-in member of staff or officer; None for a family member (who has no
    account) or a party using the link they were emailed. `what` says what was read, cut to
    fit the log."""
    return CaseAccess.objects.create(
        provider_id=case.provider_id,
        case=case,
        user=by,
        kind=kind,
        what=what[:_WHAT_LENGTH],
        subject=case.reference,
    )


def record_read(
    provider: Provider, *, by: User | None, what: str, kind: AccessKind, subject: str = ""
) -> CaseAccess:
    """A read that is not of one case: `subject` names what was read (e.g. an online request's
    reference), or is empty for a search or export across cases."""
    return CaseAccess.objects.create(
        provider=provider,
        case=None,
        user=by,
        kind=kind,
        what=what[:_WHAT_LENGTH],
        subject=subject[:_SUBJECT_LENGTH],
    )
