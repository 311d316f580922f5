"""The case's details, changed at any step (a changed date recomputes every clock that depends on
it), and the service's confidential notes."""

from __future__ import annotations

from typing import Any

from accord.cases.cross_checks import IssuedCertificate, current_certificates_for
from accord.cases.encrypted import encrypt
from accord.cases.models import Case, CaseNote
from accord.cases.services.writing import (
    CaseError,
    NeedsConfirmation,
    changes_to,
    check_after_choice,
    check_after_received,
    check_decision_letter_on,
    editing,
)
from accord.cases.timeline import EventKind, record_event
from accord.cases.triage import suggest_route
from accord.organisations.models import User
from accord.rules.wording import long_date

# Notes encrypted at rest (accord.cases.encrypted): the history keeps their before and after
# encrypted too.
CONFIDENTIAL = frozenset({"safeguarding_notes", "risk_notes"})


def _encrypted(value: Any) -> Any:
    return encrypt(value) if isinstance(value, str) and value else value


def _check_dates(case: Case, changes: dict[str, list[Any]]) -> None:
    """Each date changed here, checked as the step that records it and its correction check it
    (accord.cases.case_facts)."""
    checks = {
        "decision_notice_sent_on": lambda day: check_decision_letter_on(
            case.received_on, day, "decision_notice_sent_on"
        ),
        "risk_assessed_on": lambda day: check_after_received(
            case, day, "The date the risk was assessed", "risk_assessed_on"
        ),
        "la_notified_on": lambda day: check_after_choice(
            case, day, "The date the LA received the family's notice", "la_notified_on"
        ),
        "health_body_notified_on": lambda day: check_after_choice(
            case, day, "The date the ICB was told", "health_body_notified_on"
        ),
    }
    for name, (_before, after) in changes.items():
        if name in checks and after is not None:
            checks[name](after)


def update_case_details(
    case: Case,
    updates: dict[str, Any],
    expected_version: int | None = None,
    *,
    by: User,
    confirm_certificate_dates: bool = False,
) -> Case:
    """Changing a date recomputes every clock that depends on it. A certificate already issued
    states the old decision-letter date and appeal date, and cannot change (style.md #7): so a
    new date needs confirming, and the timeline says which certificate to correct."""
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
        _check_dates(c, changes)
        stale = _certificates_made_stale(c, changes)
        if stale and not confirm_certificate_dates:
            raise NeedsConfirmation(
                certificate_dates_warning(stale), field="confirm_certificate_dates"
            )
        for name, value in updates.items():
            setattr(c, name, value)
        if {"decision_kind", "decision_sections", "disagreement_with"} & set(changes):
            suggestion = suggest_route(c)
            c.suggested_route = suggestion.route
            c.certificate_needed = suggestion.certificate_needed
        if changes:
            confidential = bool(CONFIDENTIAL & set(changes))
            record_event(
                c,
                EventKind.CONFIDENTIAL_DETAILS_CHANGED
                if confidential
                else EventKind.DETAILS_CHANGED,
                "Details changed: " + ", ".join(sorted(changes)),
                # Before and after, the confidential notes too (that kind is for staff only),
                # encrypted in the history as they are on the case.
                {
                    name: [_encrypted(v) for v in values] if name in CONFIDENTIAL else values
                    for name, values in changes.items()
                },
                by=by,
            )
        for certificate in stale:
            record_event(
                c,
                EventKind.CERTIFICATE_OUT_OF_DATE,
                f"The decision letter date changed after certificate {certificate.number} was "
                "issued: it states the old dates and should be corrected",
                {
                    "certificate": certificate.number,
                    "decision_notice_sent_on": changes["decision_notice_sent_on"],
                },
                by=by,
            )
    return case


def _certificates_made_stale(case: Case, changes: dict[str, Any]) -> list[IssuedCertificate]:
    """The certificates still in use that state a decision-letter date other than the new one."""
    if "decision_notice_sent_on" not in changes:
        return []
    new = changes["decision_notice_sent_on"][1]
    return [c for c in current_certificates_for(case) if c.decision_notice_sent_on != new]


def certificate_dates_warning(certificates: list[IssuedCertificate]) -> str:
    """What changing the decision-letter date means for the certificates already issued."""
    stated = "; ".join(_what_it_states(c) for c in certificates)
    return (
        f"A certificate has been issued: {stated}. Those dates were worked out from the old "
        "date of the decision letter. Issue a corrected certificate after saving, so the family "
        "and the tribunal have the right appeal date. Tick the box to confirm."
    )


def _what_it_states(certificate: IssuedCertificate) -> str:
    words = f"certificate {certificate.number} states the decision letter was sent on "
    sent, appeal = certificate.decision_notice_sent_on, certificate.appeal_deadline
    words += long_date(sent) if sent else "no date"
    if appeal:
        words += f" and the last day to appeal is {long_date(appeal)}"
    return words


def add_note(case: Case, text: str, *, by: User) -> CaseNote:
    if not text.strip():
        raise CaseError("Write the note before saving it.")
    note = CaseNote.objects.create(case=case, author=by, text=text.strip())
    record_event(case, EventKind.CONFIDENTIAL_NOTE, "Confidential note added", by=by)
    return note
