"""The statutory clocks of a SEND mediation case, and the Deadline each one produces.

One entry per row of the clocks table in the specification. How each due date is worked out
lives in ``deadlines.py`` (and ``appeals.py``, ``agreements.py``, ``notice.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from accord.rules import basis as b
from accord.rules.basis import LegalBasis


@dataclass(frozen=True, slots=True)
class ClockInfo:
    label: str
    starts_from: str
    length: str
    responsible: str
    basis: tuple[LegalBasis, ...]


class Clock(Enum):
    """Every clock, keyed by a stable string that is safe to store in a database."""

    ADVISER_CONTACT = "adviser_contact"
    CERTIFICATE_NO_MEDIATION = "certificate_no_mediation"
    HEALTH_BODIES_NOTICE = "health_bodies_notice"
    MEDIATION_HELD_LA = "mediation_held_la"
    MEDIATION_HELD_HEALTH_ONLY = "mediation_held_health_only"
    MEETING_NOTICE = "meeting_notice"
    CERTIFICATE_NOT_HELD_IN_TIME = "certificate_not_held_in_time"
    CERTIFICATE_AFTER_MEDIATION = "certificate_after_mediation"
    TRIBUNAL_APPEAL = "tribunal_appeal"
    AGREEMENT_APPEALABLE = "agreement_appealable_matters"
    AGREEMENT_OTHER = "agreement_other_matters"
    ICB_TELLS_LA = "icb_tells_la"

    @property
    def key(self) -> str:
        return self.value

    @property
    def info(self) -> ClockInfo:
        return CLOCKS[self]

    @property
    def label(self) -> str:
        return CLOCKS[self].label

    @property
    def starts_from(self) -> str:
        return CLOCKS[self].starts_from

    @property
    def length(self) -> str:
        return CLOCKS[self].length

    @property
    def responsible(self) -> str:
        return CLOCKS[self].responsible

    @property
    def basis(self) -> LegalBasis:
        """The main source; ``bases`` has every source."""
        return CLOCKS[self].basis[0]

    @property
    def bases(self) -> tuple[LegalBasis, ...]:
        return CLOCKS[self].basis

    @classmethod
    def from_key(cls, key: str) -> Clock:
        return cls(key)


CLOCKS: dict[Clock, ClockInfo] = {
    Clock.ADVISER_CONTACT: ClockInfo(
        label="Contact the mediation adviser",
        starts_from="the date the written notice of the local authority's decision was sent",
        length="2 months",
        responsible="Parent or young person",
        basis=(b.ADVISER_CONTACT, b.CORRESPONDING_DATE),
    ),
    Clock.CERTIFICATE_NO_MEDIATION: ClockInfo(
        label="Certificate when mediation is not wanted",
        starts_from="the day the adviser is told the family does not want mediation",
        length="3 working days",
        responsible="Mediation adviser",
        basis=(b.CERTIFICATE_NO_MEDIATION, b.WORKING_DAY),
    ),
    Clock.HEALTH_BODIES_NOTICE: ClockInfo(
        label="Tell the health bodies the mediation issues",
        starts_from="the day the local authority is told mediation is wanted on health issues",
        length="3 working days",
        responsible="Local authority",
        basis=(b.HEALTH_BODIES_NOTICE, b.WORKING_DAY),
    ),
    Clock.MEDIATION_HELD_LA: ClockInfo(
        label="Hold the mediation (local authority)",
        starts_from="the day the local authority received the family's notice",
        length="30 days",
        responsible="Local authority arranges",
        basis=(b.MEDIATION_HELD_LA,),
    ),
    Clock.MEDIATION_HELD_HEALTH_ONLY: ClockInfo(
        label="Hold the mediation (health care only)",
        starts_from="the day the ICB was told the mediation issues",
        length="30 days",
        responsible="ICB arranges",
        basis=(b.MEDIATION_HELD_HEALTH_ONLY,),
    ),
    Clock.MEETING_NOTICE: ClockInfo(
        label="Tell the family the date and place of the mediation",
        starts_from="the date of the mediation meeting (counting back)",
        length="at least 5 working days before, unless the family agrees to less",
        responsible="Whoever arranges the mediation (local authority or ICB, or the provider)",
        basis=(b.MEETING_NOTICE, b.WORKING_DAY),
    ),
    Clock.CERTIFICATE_NOT_HELD_IN_TIME: ClockInfo(
        label="Certificate when mediation cannot be held in time",
        starts_from="the day the adviser is told the mediation cannot happen within 30 days",
        length="3 working days",
        responsible="Mediation adviser",
        basis=(b.CERTIFICATE_NOT_HELD_IN_TIME, b.WORKING_DAY),
    ),
    Clock.CERTIFICATE_AFTER_MEDIATION: ClockInfo(
        label="Certificate after mediation",
        starts_from="the day the mediation concluded",
        length="3 working days",
        responsible="Mediator",
        basis=(b.CERTIFICATE_AFTER_MEDIATION, b.WORKING_DAY),
    ),
    Clock.TRIBUNAL_APPEAL: ClockInfo(
        label="Appeal to the tribunal",
        starts_from="the decision notice (and the certificate, if issued)",
        length=(
            "the later of 2 months after the decision notice and 1 month after the "
            "certificate, moved past August and 25 December to 1 January onto a working day"
        ),
        responsible="Parent or young person",
        basis=(
            b.APPEAL_TIME_LIMIT,
            b.NEXT_WORKING_DAY,
            b.AUGUST_AND_CHRISTMAS,
            b.TRIBUNAL_WORKING_DAY,
            b.CORRESPONDING_DATE,
        ),
    ),
    Clock.AGREEMENT_APPEALABLE: ClockInfo(
        label="Carry out an agreement on appealable matters",
        starts_from="the date of the mediation agreement",
        length="as for a tribunal order: 2 weeks, 5 weeks or immediately, by kind of action",
        responsible="Local authority",
        basis=(b.AGREEMENT_APPEALABLE, b.TRIBUNAL_ORDERS, b.AGREED_TIMESCALES),
    ),
    Clock.AGREEMENT_OTHER: ClockInfo(
        label="Carry out an agreement on other matters",
        starts_from="the date of the mediation agreement",
        length="2 weeks",
        responsible="Local authority or ICB",
        basis=(b.AGREEMENT_OTHER, b.AGREED_TIMESCALES),
    ),
    Clock.ICB_TELLS_LA: ClockInfo(
        label="ICB tells the local authority about the agreement",
        starts_from="the date of the mediation agreement",
        length="1 week",
        responsible="ICB",
        basis=(b.ICB_TELLS_LA,),
    ),
}


@dataclass(frozen=True, slots=True)
class Deadline:
    """A worked-out clock: when it started, when it is due, why, and how it was counted.

    ``due`` is None when the law says "immediately". For the meeting-notice clock ``start`` is
    the meeting date and ``due`` the last day notice can be sent.
    """

    clock: Clock
    start: date
    due: date | None
    basis: tuple[LegalBasis, ...]
    steps: tuple[str, ...]

    @property
    def is_immediate(self) -> bool:
        return self.due is None

    @property
    def label(self) -> str:
        return self.clock.label
