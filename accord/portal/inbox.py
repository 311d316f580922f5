"""What the intake inbox shows about each request's statutory window.

A family that needs a mediation certificate must contact the mediation adviser within 2 months
of the decision letter (SEND Regs reg 33). The date comes from accord.rules; this module only
says how close it is, so staff deal with the most pressing requests first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from accord import rules
from accord.portal.models import OnlineRequest

# Same warning distance as a new enquiry taken by phone (accord.cases.views).
CLOSE_DAYS = 14


@dataclass(frozen=True)
class ContactWindow:
    due: date | None
    tag_class: str
    label: str


def contact_window(online_request: OnlineRequest, today: date) -> ContactWindow:
    needs_certificate = rules.triage(online_request.decision_kind).certificate_needed_before_appeal
    if not needs_certificate:
        return ContactWindow(None, "", "Does not apply")
    if online_request.decision_letter_date is None:
        return ContactWindow(None, "accord-tag--due-soon", "No letter date: ask the family")
    due = rules.adviser_contact_deadline(online_request.decision_letter_date)
    if due < today:
        return ContactWindow(due, "accord-tag--overdue", "Passed")
    if (due - today).days <= CLOSE_DAYS:
        return ContactWindow(due, "accord-tag--due-soon", "Close")
    return ContactWindow(due, "accord-tag--on-track", "Open")
