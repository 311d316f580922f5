"""What a step of the case checks against records that higher floors keep (docs/architecture.md).

A meeting outcome cannot be dated before the meeting began, and a changed decision-letter date
makes an issued certificate state old dates. But meetings live in accord.meetings and
certificates in accord.documents, which stand on accord.cases. So each of those apps registers a
source here in its AppConfig.ready(), and the step asks `meeting_days_for(case)` or
`current_certificates_for(case)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from accord.cases.models import Case


@dataclass(frozen=True)
class IssuedCertificate:
    """A certificate issued on the case and not replaced, with the dates it states."""

    certificate_id: int
    number: str
    issued_on: date
    decision_notice_sent_on: date | None
    appeal_deadline: date | None


MeetingDaySource = Callable[[Case], Iterable[date]]
CertificateSource = Callable[[Case], Iterable[IssuedCertificate]]

_meeting_day_sources: dict[str, MeetingDaySource] = {}
_certificate_sources: dict[str, CertificateSource] = {}


def register_meeting_days(name: str, source: MeetingDaySource) -> None:
    """Registers (or replaces, so a second ready() is harmless) the source of the days on which
    the case's mediation or disagreement resolution meetings (not cancelled) begin."""
    _meeting_day_sources[name] = source


def meeting_days_for(case: Case) -> list[date]:
    """The days, in England, on which the case's meetings begin, earliest first."""
    if case.pk is None:
        return []
    return sorted(day for source in _meeting_day_sources.values() for day in source(case))


def register_current_certificates(name: str, source: CertificateSource) -> None:
    """Registers (or replaces) the source of the case's issued certificates not yet replaced."""
    _certificate_sources[name] = source


def current_certificates_for(case: Case) -> list[IssuedCertificate]:
    if case.pk is None:
        return []
    return [c for source in _certificate_sources.values() for c in source(case)]
