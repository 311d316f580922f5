"""The case's details, changed at any step (a changed date recomputes every clock that depends on
it), and the service's confidential notes."""

from __future__ import annotations

from typing import Any

from accord.cases.models import Case, CaseNote
from accord.cases.services.writing import CaseError, changes_to, editing
from accord.cases.timeline import EventKind, record_event
from accord.cases.triage import suggest_route
from accord.organisations.models import User


def update_case_details(
    case: Case, updates: dict[str, Any], expected_version: int | None = None, *, by: User
) -> Case:
    """Changing a date recomputes every clock that depends on it."""
    allowed = {
        "summary",
        "decision_notice_sent_on",
        "decision_kind",
        "decision_sections",
        "disagreement_with",
        "involves_health",
        "health_body",
        "safeguarding_concern",
        "safeguarding_notes",
        "risk_level",
        "risk_notes",
        "risk_assessed_on",
        "la_notified_on",
        "health_body_notified_on",
        "referred_by",
    }
    unknown = set(updates) - allowed
    if unknown:
        raise CaseError(f"These details cannot be changed here: {', '.join(sorted(unknown))}")
    with editing(case, expected_version) as c:
        changes = changes_to(c, updates)
        for name, value in updates.items():
            setattr(c, name, value)
        if {"decision_kind", "decision_sections", "disagreement_with"} & set(changes):
            suggestion = suggest_route(c)
            c.suggested_route = suggestion.route
            c.certificate_needed = suggestion.certificate_needed
        if changes:
            confidential = bool({"safeguarding_notes", "risk_notes"} & set(changes))
            record_event(
                c,
                EventKind.CONFIDENTIAL_DETAILS_CHANGED
                if confidential
                else EventKind.DETAILS_CHANGED,
                "Details changed: " + ", ".join(sorted(changes)),
                {} if confidential else changes,
                by=by,
            )
    return case


def add_note(case: Case, text: str, *, by: User) -> CaseNote:
    if not text.strip():
        raise CaseError("Write the note before saving it.")
    note = CaseNote.objects.create(case=case, author=by, text=text.strip())
    record_event(case, EventKind.CONFIDENTIAL_NOTE, "Confidential note added", by=by)
    return note
