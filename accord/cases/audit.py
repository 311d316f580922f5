"""The case's access log: every read of a case record, by whom (product.md: 'every access is
auditable').

Every page, download and export that reads a case calls `record_case_read`; nothing else writes
an access row (tests/cases/test_audit.py checks the source).
"""

from __future__ import annotations

from accord.cases.models import Case, CaseAccess
from accord.organisations.models import User

_WHAT_LENGTH = CaseAccess._meta.get_field("what").max_length


def record_case_read(case: Case, *, by: User | None, what: str) -> CaseAccess:
    """`by` is the signed-in member of staff or officer; None for a family member (who has no
    account) or a party using the link they were emailed. `what` says what was read, cut to
    fit the log."""
    return CaseAccess.objects.create(case=case, user=by, what=what[:_WHAT_LENGTH])
