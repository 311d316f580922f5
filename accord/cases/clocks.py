"""The statutory clocks of one case, computed by `accord.rules` from the case's recorded dates.

A deadline shown on the case page, listed on the caseload, chased by a reminder or counted in a
report comes from `deadlines_for` (style.md #1: one place for each fact).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from accord import rules
from accord.cases.choices import MEDIATION_ROUTES, Outcome, Route
from accord.cases.models import Case


class Status:
    OVERDUE = "overdue"
    DUE_SOON = "due-soon"
    ON_TRACK = "on-track"
    MET = "met"
    LATE = "late"  # met, but after the deadline
    FAMILY = "family"  # the family's own date (e.g. to appeal): shown, never chased

    LABELS = {
        FAMILY: "The family's date",
        OVERDUE: "Overdue",
        DUE_SOON: "Due soon",
        ON_TRACK: "On track",
        MET: "Done in time",
        LATE: "Done late",
    }


DUE_SOON_WORKING_DAYS = 2


def urgency(due: date, today: date) -> str:
    """Overdue, due soon (within 2 working days) or on track: one rule for the case page, the
    caseload's tags and anything else that ranks an open deadline."""
    if today > due:
        return Status.OVERDUE
    if rules.add_working_days(today, DUE_SOON_WORKING_DAYS) >= due:
        return Status.DUE_SOON
    return Status.ON_TRACK


# An action agreed at mediation is a clock of its own, stored under its own key and counted in
# reports as one kind of clock (accord.cases.clock_rows).
AGREEMENT_ITEM_PREFIX = "agreement_item_"
AGREED_ACTION = "agreement_action"


@dataclass(frozen=True)
class AgreedAction:
    """One action of a mediation agreement, in the agreement's own words (accord.documents)."""

    item_id: int
    action: str
    who: str  # who the agreement says will do it
    basis: str


@dataclass(frozen=True)
class CaseDeadline:
    """One clock of one case. Its key, label, who is responsible and legal basis come from its
    `rules.Clock`; an agreed action (`agreed`) has its own key and words."""

    clock: rules.Clock
    due: date | None
    started: date
    done_on: date | None = None
    agreed: AgreedAction | None = None

    @property
    def key(self) -> str:
        """Unique within the case, and stored (CaseClock.key, Case.next_deadline_clock)."""
        if self.agreed is not None:
            return f"{AGREEMENT_ITEM_PREFIX}{self.agreed.item_id}"
        return self.clock.counted_as.key

    @property
    def kind(self) -> str:
        """The kind of clock reports count it with (CaseClock.clock)."""
        return AGREED_ACTION if self.agreed is not None else self.clock.counted_as.key

    @property
    def label(self) -> str:
        if self.agreed is not None:
            return f"Agreed action: {self.agreed.action[:80]}"
        return self.clock.label

    @property
    def responsible(self) -> rules.Responsible:
        return self.clock.responsible

    @property
    def who(self) -> str:
        """Who must meet it, in words: the agreement's own for an agreed action."""
        return self.agreed.who if self.agreed is not None else self.responsible.label

    @property
    def basis(self) -> str:
        """The legal basis and length as the rules engine states them (one place)."""
        if self.agreed is not None:
            return self.agreed.basis
        return f"{self.clock.basis.citation}: {self.clock.length}"

    @property
    def for_family(self) -> bool:
        """The family's own date (to contact an adviser, to appeal): shown, never chased."""
        return self.responsible is rules.Responsible.FAMILY

    def status(self, today: date) -> str:
        if self.for_family and self.done_on is None:
            return Status.FAMILY
        if self.due is None:
            return Status.MET if self.done_on else Status.DUE_SOON
        if self.done_on is not None:
            return Status.MET if self.done_on <= self.due else Status.LATE
        return urgency(self.due, today)

    def status_label(self, today: date) -> str:
        return Status.LABELS[self.status(today)]

    @property
    def is_open(self) -> bool:
        return self.done_on is None


@dataclass(frozen=True)
class MeetingNotice:
    """A mediation meeting's notice to the family, as the stored clock rows count it (from
    accord.meetings, through accord.cases.clock_facts.meeting_notices_for)."""

    meeting_id: int
    meeting_day: date
    sent_on: date | None
    agreed_shorter: bool


@dataclass(frozen=True)
class ClockFacts:
    """What a case's clocks need from records that higher floors keep: certificates and agreed
    actions (accord.documents). The caller passes them in
    (accord.cases.clock_facts gathers them from the sources those apps register), so the clocks
    never read another app's tables."""

    # (certificate kind, issued on) of every certificate issued on the case, corrections too.
    certificates: tuple[tuple[str, date], ...] = ()
    # Each agreed action with a due date, already as a clock (SEND Regs 2014 reg 42).
    agreed_actions: tuple[CaseDeadline, ...] = ()

    def merged(self, other: ClockFacts) -> ClockFacts:
        return ClockFacts(
            certificates=self.certificates + other.certificates,
            agreed_actions=self.agreed_actions + other.agreed_actions,
        )


NO_FACTS = ClockFacts()


def _certificate_issued_on(facts: ClockFacts, kinds: Iterable[str]) -> date | None:
    wanted = set(kinds)
    dates = [d for kind, d in facts.certificates if kind in wanted]
    return min(dates) if dates else None


def _adviser_certificates(case: Case, facts: ClockFacts) -> list[CaseDeadline]:
    """The mediation adviser's certificates, each due 3 working days after the event that
    starts it and met by the certificate of its kind: the family does not want mediation
    (SEND Regs reg 34), chose it and then failed to pursue it (reg 34: withdrew or stopped
    replying), or it cannot be held within 30 days (reg 37)."""
    started = (
        (
            rules.Clock.CERTIFICATE_NO_MEDIATION,
            case.family_choice_on if case.family_choice == "certificate" else None,
            "information_given",
        ),
        (rules.Clock.CERTIFICATE_NOT_PURSUED, case.mediation_not_pursued_on, "not_pursued"),
        (
            rules.Clock.CERTIFICATE_NOT_HELD_IN_TIME,
            case.cannot_hold_notified_on,
            "not_held_in_time",
        ),
    )
    return [
        CaseDeadline(
            clock,
            due=rules.certificate_due(on),
            started=on,
            done_on=_certificate_issued_on(facts, [kind]),
        )
        for clock, on, kind in started
        if on is not None
    ]


def deadlines_for(case: Case, facts: ClockFacts) -> list[CaseDeadline]:
    """Every clock that has started on this case, open or met, nearest first. `facts` holds the
    certificates, agreed actions and notices the case's clocks depend on
    (accord.cases.clock_facts.clock_facts_for gathers them)."""
    found: list[CaseDeadline] = []

    if case.decision_notice_sent_on and (case.route in MEDIATION_ROUTES or not case.route):
        found.append(
            CaseDeadline(
                rules.Clock.ADVISER_CONTACT,
                due=rules.adviser_contact_deadline(case.decision_notice_sent_on),
                started=case.decision_notice_sent_on,
                done_on=case.received_on,
            )
        )

    found.extend(_adviser_certificates(case, facts))

    if case.la_notified_on and case.route in MEDIATION_ROUTES:
        if case.involves_health:
            found.append(
                CaseDeadline(
                    rules.Clock.HEALTH_BODIES_NOTICE,
                    due=rules.health_body_notice_due(case.la_notified_on),
                    started=case.la_notified_on,
                    done_on=case.health_body_notified_on,
                )
            )
        if case.route == Route.HEALTH_ONLY_MEDIATION and case.health_body_notified_on:
            held, start = rules.Clock.MEDIATION_HELD_HEALTH_ONLY, case.health_body_notified_on
        else:
            held, start = rules.Clock.MEDIATION_HELD_LA, case.la_notified_on
        # Not chased once the mediation will not happen: it cannot be held in time (reg 37),
        # or the family is no longer pursuing it (reg 34).
        if case.cannot_hold_notified_on is None and case.mediation_not_pursued_on is None:
            found.append(
                CaseDeadline(
                    held,
                    due=rules.mediation_due(start),
                    started=start,
                    done_on=case.mediation_concluded_on,
                )
            )

    if (
        case.mediation_concluded_on
        and case.route in MEDIATION_ROUTES
        and case.outcome != Outcome.NOT_HELD_IN_TIME
    ):
        found.append(
            CaseDeadline(
                rules.Clock.CERTIFICATE_AFTER_MEDIATION,
                due=rules.certificate_due(case.mediation_concluded_on),
                started=case.mediation_concluded_on,
                done_on=_certificate_issued_on(facts, ["after_mediation"]),
            )
        )

    if case.decision_notice_sent_on and case.certificate_needed and case.route in MEDIATION_ROUTES:
        issued = _certificate_issued_on(
            facts, ["information_given", "not_pursued", "after_mediation", "not_held_in_time"]
        )
        found.append(
            CaseDeadline(
                rules.Clock.TRIBUNAL_APPEAL,
                due=rules.appeal_deadline(case.decision_notice_sent_on, issued),
                started=case.decision_notice_sent_on,
                # Not the service's clock: shown for the family, never "done" by the service.
                done_on=None,
            )
        )

    found.extend(facts.agreed_actions)
    return sorted(found, key=lambda d: (d.due or date.max, d.key))


def service_deadlines(case: Case, facts: ClockFacts) -> list[CaseDeadline]:
    """The clocks the service and public bodies must meet (the family's appeal date excluded)."""
    return [d for d in deadlines_for(case, facts) if not d.for_family]


def next_open_deadline(case: Case, facts: ClockFacts) -> CaseDeadline | None:
    open_ones = [d for d in service_deadlines(case, facts) if d.is_open and d.due is not None]
    return min(open_ones, key=lambda d: d.due or date.max) if open_ones else None


def open_agreed_actions(facts: ClockFacts) -> list[CaseDeadline]:
    """The agreed actions not yet recorded as done, nearest first. The LA's or ICB's duty to do
    what was agreed (SEND Regs 2014 reg 42) outlives the case: these are still followed up after
    it is closed."""
    return sorted(
        (d for d in facts.agreed_actions if d.is_open), key=lambda d: (d.due or date.min, d.key)
    )
