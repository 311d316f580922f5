"""Words for the stored values that reports group by. A value with no label here (a category
added later) is still shown, in a readable form of its stored value."""

from __future__ import annotations

from django.db import models

from accord import rules
from accord.cases.choices import Channel, DecisionKind, Outcome, PartyRole, Route
from accord.cases.clocks import AGREED_ACTION
from accord.cases.concerns import ComplaintOutcome
from accord.cases.states import CaseState
from accord.documents.models import CertificateKind
from accord.meetings.models import MeetingFormat, MeetingKind

# The kinds of clock kept in CaseClock.clock (accord.cases.clock_rows): the statutory clocks, in
# the order of rules.md, then the actions agreed at mediation.
AGREED_ACTIONS_LABEL = "Actions agreed at mediation, by the date the law or the parties set"
CLOCK_ORDER = [clock.key for clock in rules.Clock if clock.counted_as is clock] + [AGREED_ACTION]


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


def complaint_outcome_label(value: str) -> str:
    return _from_choices(ComplaintOutcome, value, "No outcome recorded").lower()


def decision_label(value: str) -> str:
    return _from_choices(DecisionKind, value, "Not recorded")


def channel_label(value: str) -> str:
    return _from_choices(Channel, value, "Not recorded")


def role_label(value: str) -> str:
    if value == "mediator":  # feedback from the case's mediator (accord.family.models.Feedback)
        return "Mediator"
    return _from_choices(PartyRole, value, "Not recorded")


def clock_label(value: str) -> str:
    """The clock's own label and length (accord.rules), e.g. "Certificate after mediation (3
    working days)"."""
    if value == AGREED_ACTION:
        return AGREED_ACTIONS_LABEL
    try:
        clock = rules.Clock.from_key(value)
    except ValueError:
        return readable(value)
    return f"{clock.label} ({clock.length})"


def clock_sort_key(value: str) -> tuple[int, str]:
    return (CLOCK_ORDER.index(value) if value in CLOCK_ORDER else len(CLOCK_ORDER), value)


def certificate_label(value: str) -> str:

    return _from_choices(CertificateKind, value, "Not recorded")


def meeting_label(kind: str, format: str) -> str:

    how = _from_choices(MeetingFormat, format, "format not recorded")
    return f"{_from_choices(MeetingKind, kind, 'Meeting')}: {how.lower()}"
