"""The statutory clocks of one case, computed by `accord.rules` from the case's recorded dates.

A deadline shown on the case page, listed on the caseload, chased by a reminder or counted in a
report comes from `deadlines_for` (style.md #1: one place for each fact).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from accord import rules
from accord.cases.choices import Outcome, Route
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


@dataclass(frozen=True)
class CaseDeadline:
    key: str
    label: str
    due: date | None
    started: date
    basis: str
    responsible: str
    done_on: date | None = None

    def status(self, today: date) -> str:
        if self.responsible == "Family" and self.done_on is None:
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


def _basis(clock: rules.Clock) -> str:
    """The clock's legal basis and length as the rules engine states them (one place)."""
    return f"{clock.basis.citation}: {clock.length}"


def _certificate_issued_on(facts: ClockFacts, kinds: Iterable[str]) -> date | None:
    wanted = set(kinds)
    dates = [d for kind, d in facts.certificates if kind in wanted]
    return min(dates) if dates else None


def deadlines_for(case: Case, facts: ClockFacts) -> list[CaseDeadline]:
    """Every clock that has started on this case, open or met, nearest first. `facts` holds the
    certificates, agreed actions and notices the case's clocks depend on
    (accord.cases.clock_facts.clock_facts_for gathers them)."""
    found: list[CaseDeadline] = []
    mediation_routes = {Route.MEDIATION, Route.HEALTH_ONLY_MEDIATION}

    if case.decision_notice_sent_on and case.route in mediation_routes | {""}:
        contacted = case.received_on
        found.append(
            CaseDeadline(
                key="adviser_contact",
                label="Family to contact a mediation adviser",
                due=rules.adviser_contact_deadline(case.decision_notice_sent_on),
                started=case.decision_notice_sent_on,
                basis=_basis(rules.Clock.ADVISER_CONTACT),
                responsible="Family",
                done_on=contacted,
            )
        )

    if case.family_choice == "certificate" and case.family_choice_on:
        found.append(
            CaseDeadline(
                key="certificate_no_mediation",
                label="Certificate: family does not want mediation",
                due=rules.certificate_due(case.family_choice_on),
                started=case.family_choice_on,
                basis=_basis(rules.Clock.CERTIFICATE_NO_MEDIATION),
                responsible="Mediation adviser",
                done_on=_certificate_issued_on(facts, ["information_given"]),
            )
        )

    if case.la_notified_on and case.route in mediation_routes:
        held_on = case.mediation_concluded_on
        if case.involves_health:
            found.append(
                CaseDeadline(
                    key="health_body_notice",
                    label="LA to tell the health body the mediation issues",
                    due=rules.health_body_notice_due(case.la_notified_on),
                    started=case.la_notified_on,
                    basis=_basis(rules.Clock.HEALTH_BODIES_NOTICE),
                    responsible="Local authority",
                    done_on=case.health_body_notified_on,
                )
            )
        if case.route == Route.HEALTH_ONLY_MEDIATION and case.health_body_notified_on:
            start, basis, who = (
                case.health_body_notified_on,
                _basis(rules.Clock.MEDIATION_HELD_HEALTH_ONLY),
                "Health body (ICB)",
            )
        else:
            start, basis, who = (
                case.la_notified_on,
                _basis(rules.Clock.MEDIATION_HELD_LA),
                "Local authority",
            )
        if case.cannot_hold_notified_on is None:
            found.append(
                CaseDeadline(
                    key="mediation_held",
                    label="Mediation to take place",
                    due=rules.mediation_due(start),
                    started=start,
                    basis=basis,
                    responsible=who,
                    done_on=held_on,
                )
            )

    if case.cannot_hold_notified_on:
        found.append(
            CaseDeadline(
                key="certificate_not_held_in_time",
                label="Certificate: mediation could not be held within 30 days",
                due=rules.certificate_due(case.cannot_hold_notified_on),
                started=case.cannot_hold_notified_on,
                basis=_basis(rules.Clock.CERTIFICATE_NOT_HELD_IN_TIME),
                responsible="Mediation adviser",
                done_on=_certificate_issued_on(facts, ["not_held_in_time"]),
            )
        )

    if (
        case.mediation_concluded_on
        and case.route in mediation_routes
        and case.outcome != Outcome.NOT_HELD_IN_TIME
    ):
        found.append(
            CaseDeadline(
                key="certificate_after_mediation",
                label="Certificate after mediation",
                due=rules.certificate_due(case.mediation_concluded_on),
                started=case.mediation_concluded_on,
                basis=_basis(rules.Clock.CERTIFICATE_AFTER_MEDIATION),
                responsible="Mediator",
                done_on=_certificate_issued_on(facts, ["after_mediation"]),
            )
        )

    if case.decision_notice_sent_on and case.certificate_needed and case.route in mediation_routes:
        issued = _certificate_issued_on(
            facts, ["information_given", "after_mediation", "not_held_in_time"]
        )
        found.append(
            CaseDeadline(
                key="appeal",
                label="Family's last day to appeal to the SEND Tribunal",
                due=rules.appeal_deadline(case.decision_notice_sent_on, issued),
                started=case.decision_notice_sent_on,
                basis=_basis(rules.Clock.TRIBUNAL_APPEAL),
                responsible="Family",
                # Not the service's clock: shown for the family, never "done" by the service.
                done_on=None,
            )
        )

    found.extend(facts.agreed_actions)
    return sorted(found, key=lambda d: (d.due or date.max, d.key))


def service_deadlines(case: Case, facts: ClockFacts) -> list[CaseDeadline]:
    """The clocks the service and public bodies must meet (the family's appeal date excluded)."""
    return [d for d in deadlines_for(case, facts) if d.responsible != "Family"]


def next_open_deadline(case: Case, facts: ClockFacts) -> CaseDeadline | None:
    open_ones = [d for d in service_deadlines(case, facts) if d.is_open and d.due is not None]
    return min(open_ones, key=lambda d: d.due or date.max) if open_ones else None
