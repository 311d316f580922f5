"""Words for the stored values that reports group by. A value with no label here (a category
added later) is still shown, in a readable form of its stored value."""

from __future__ import annotations

from django.db import models

from accord.cases.choices import Channel, DecisionKind, Outcome, PartyRole, Route
from accord.cases.states import CaseState

# The clocks kept in reports.CaseClock (accord.cases.clock_rows), in the order of rules.md.
CLOCK_LABELS: dict[str, str] = {
    "certificate_no_mediation": "Certificate when mediation is not wanted (3 working days)",
    "health_body_notice": "LA tells the health body the mediation issues (3 working days)",
    "mediation_held": "Mediation held (30 days)",
    "meeting_notice": "Notice of the mediation meeting to the family (5 working days)",
    "certificate_not_held_in_time": (
        "Certificate when mediation cannot be held in time (3 working days)"
    ),
    "certificate_after_mediation": "Certificate after mediation (3 working days)",
    "agreement_action": "Actions agreed at mediation, by the date the law or the parties set",
}
CLOCK_ORDER = list(CLOCK_LABELS)


def readable(value: str) -> str:
    return value.replace("_", " ").capitalize() if value else "Not recorded"


def _from_choices(choices: type[models.TextChoices], value: str, blank: str) -> str:
    if not value:
        return blank
    try:
        return str(choices(value).label)
    except ValueError:
        return readable(value)


def state_label(value: str) -> str:
    return _from_choices(CaseState, value, "Not recorded")


def route_label(value: str) -> str:
    return _from_choices(Route, value, "Route not confirmed yet")


def outcome_label(value: str) -> str:
    return _from_choices(Outcome, value, "No outcome yet")


def decision_label(value: str) -> str:
    return _from_choices(DecisionKind, value, "Not recorded")


def channel_label(value: str) -> str:
    return _from_choices(Channel, value, "Not recorded")


def role_label(value: str) -> str:
    return _from_choices(PartyRole, value, "Not recorded")


def clock_label(value: str) -> str:
    return CLOCK_LABELS.get(value, readable(value))


def clock_sort_key(value: str) -> tuple[int, str]:
    return (CLOCK_ORDER.index(value) if value in CLOCK_ORDER else len(CLOCK_ORDER), value)


def certificate_label(value: str) -> str:
    from accord.documents.models import CertificateKind

    return _from_choices(CertificateKind, value, "Not recorded")


def meeting_label(kind: str, format: str) -> str:
    from accord.meetings.models import MeetingFormat, MeetingKind

    how = _from_choices(MeetingFormat, format, "format not recorded")
    return f"{_from_choices(MeetingKind, kind, 'Meeting')}: {how.lower()}"
