"""The statutory clocks of a SEND mediation case, and the Deadline each one produces.

One entry per row of the clocks table in the specification: the one vocabulary of clocks. Each
`Clock` carries its key (the string stored on a case, CaseClock.clock and
Case.next_deadline_clock), its label, who is `Responsible` and its legal basis; the case page,
the caseload, reminders, the family's pages and reports all use it. Words for one audience (the
family's, the next step a reminder gives) are mappings keyed by `Clock` in that audience's app.
How each due date is worked out lives in ``deadlines.py`` (and ``appeals.py``,
``agreements.py``, ``notice.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from accord.rules import basis as b
from accord.rules.basis import LegalBasis


class Responsible(Enum):
    """Who must meet a clock: one value and one label each, wherever the clock is shown."""

    FAMILY = "family"
    MEDIATION_ADVISER = "mediation_adviser"
    MEDIATOR = "mediator"
    LOCAL_AUTHORITY = "local_authority"
    ICB = "icb"
    LOCAL_AUTHORITY_OR_ICB = "local_authority_or_icb"
    ARRANGER = "arranger"

    @property
    def label(self) -> str:
        return _RESPONSIBLE_LABELS[self]


_RESPONSIBLE_LABELS = {
    # The parent, or the young person once over compulsory school age (CFA s.83).
    Responsible.FAMILY: "Parent or young person",
    Responsible.MEDIATION_ADVISER: "Mediation adviser",
    Responsible.MEDIATOR: "Mediator",
    Responsible.LOCAL_AUTHORITY: "Local authority",
    Responsible.ICB: "Health body (ICB)",
    Responsible.LOCAL_AUTHORITY_OR_ICB: "Local authority or ICB",
    Responsible.ARRANGER: (
        "Whoever arranges the mediation (local authority or ICB, or the provider)"
    ),
}


@dataclass(frozen=True, slots=True)
class ClockInfo:
    label: str
    starts_from: str
    length: str
    responsible: Responsible
    basis: tuple[LegalBasis, ...]


class Clock(Enum):
    """Every clock, keyed by a stable string that is stored in the database (CaseClock.clock,
    Case.next_deadline_clock, reminder keys): changing one needs a data migration."""

    ADVISER_CONTACT = "adviser_contact"
    CERTIFICATE_NO_MEDIATION = "certificate_no_mediation"
    CERTIFICATE_NOT_PURSUED = "certificate_not_pursued"
    HEALTH_BODIES_NOTICE = "health_body_notice"
    MEDIATION_HELD_LA = "mediation_held"
    MEDIATION_HELD_HEALTH_ONLY = "mediation_held_health_only"
    MEETING_NOTICE = "meeting_notice"
    CERTIFICATE_NOT_HELD_IN_TIME = "certificate_not_held_in_time"
    CERTIFICATE_AFTER_MEDIATION = "certificate_after_mediation"
    TRIBUNAL_APPEAL = "appeal"
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
    def responsible(self) -> Responsible:
        return CLOCKS[self].responsible

    @property
    def counted_as(self) -> Clock:
        """The clock a case records and counts this one as. Both 30-day clocks to hold the
        mediation (regs 35-37; reg 36 when only health care is in dispute) are one clock on
        a case, under one key: the ICB's replaces the local authority's once it starts."""
        return Clock.MEDIATION_HELD_LA if self is Clock.MEDIATION_HELD_HEALTH_ONLY else self

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
        responsible=Responsible.FAMILY,
        basis=(b.ADVISER_CONTACT, b.CORRESPONDING_DATE),
    ),
    Clock.CERTIFICATE_NO_MEDIATION: ClockInfo(
        label="Certificate when mediation is not wanted",
        starts_from="the day the adviser is told the family does not want mediation",
        length="3 working days",
        responsible=Responsible.MEDIATION_ADVISER,
        basis=(b.CERTIFICATE_NO_MEDIATION, b.WORKING_DAY),
    ),
    # SEND Regs reg 34 covers a family who "fails to pursue" mediation as well as one who does
    # not want it: chose mediation, then withdrew or stopped replying.
    Clock.CERTIFICATE_NOT_PURSUED: ClockInfo(
        label="Certificate when the family does not pursue mediation",
        starts_from=(
            "the day the adviser learns the family has withdrawn from, or stopped pursuing, the "
            "mediation they chose"
        ),
        length="3 working days",
        responsible=Responsible.MEDIATION_ADVISER,
        basis=(b.CERTIFICATE_NOT_PURSUED, b.WORKING_DAY),
    ),
    Clock.HEALTH_BODIES_NOTICE: ClockInfo(
        label="Tell the health body (ICB) the mediation issues",
        starts_from="the day the local authority is told mediation is wanted on health issues",
        length="3 working days",
        responsible=Responsible.LOCAL_AUTHORITY,
        basis=(b.HEALTH_BODIES_NOTICE, b.WORKING_DAY),
    ),
    Clock.MEDIATION_HELD_LA: ClockInfo(
        label="Hold the mediation",
        starts_from="the day the local authority received the family's notice",
        length="30 days",
        responsible=Responsible.LOCAL_AUTHORITY,
        basis=(b.MEDIATION_HELD_LA,),
    ),
    Clock.MEDIATION_HELD_HEALTH_ONLY: ClockInfo(
        label="Hold the mediation (health care only)",
        starts_from="the day the ICB was told the mediation issues",
        length="30 days",
        responsible=Responsible.ICB,
        basis=(b.MEDIATION_HELD_HEALTH_ONLY,),
    ),
    Clock.MEETING_NOTICE: ClockInfo(
        label="Tell the family the date and place of the mediation",
        starts_from="the date of the mediation meeting (counting back)",
        length="at least 5 working days before, unless the family agrees to less",
        responsible=Responsible.ARRANGER,
        basis=(b.MEETING_NOTICE, b.WORKING_DAY),
    ),
    Clock.CERTIFICATE_NOT_HELD_IN_TIME: ClockInfo(
        label="Certificate when mediation cannot be held in time",
        starts_from="the day the adviser is told the mediation cannot happen within 30 days",
        length="3 working days",
        responsible=Responsible.MEDIATION_ADVISER,
        basis=(b.CERTIFICATE_NOT_HELD_IN_TIME, b.WORKING_DAY),
    ),
    Clock.CERTIFICATE_AFTER_MEDIATION: ClockInfo(
        label="Certificate after mediation",
        starts_from="the day the mediation concluded",
        length="3 working days",
        responsible=Responsible.MEDIATOR,
        basis=(b.CERTIFICATE_AFTER_MEDIATION, b.WORKING_DAY),
    ),
    Clock.TRIBUNAL_APPEAL: ClockInfo(
        label="Appeal to the SEND Tribunal",
        starts_from="the decision notice (and the certificate, if issued)",
        length=(
            "the later of 2 months after the decision notice and 1 month after the "
            "certificate; if that day is in August or 25 December to 1 January, the first "
            "working day after it; otherwise, if it is not a working day, the next working day"
        ),
        responsible=Responsible.FAMILY,
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
        responsible=Responsible.LOCAL_AUTHORITY,
        basis=(b.AGREEMENT_APPEALABLE, b.TRIBUNAL_ORDERS, b.AGREED_TIMESCALES),
    ),
    Clock.AGREEMENT_OTHER: ClockInfo(
        label="Carry out an agreement on other matters",
        starts_from="the date of the mediation agreement",
        length="2 weeks",
        responsible=Responsible.LOCAL_AUTHORITY_OR_ICB,
        basis=(b.AGREEMENT_OTHER, b.AGREED_TIMESCALES),
    ),
    Clock.ICB_TELLS_LA: ClockInfo(
        label="ICB tells the local authority about the agreement",
        starts_from="the date of the mediation agreement",
        length="1 week",
        responsible=Responsible.ICB,
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
