"""Work out any clock: ``compute`` returns a Deadline with its legal basis and plain-English
steps (for the deadline calculator, letters and the case timeline); the date functions are the
fast path for lists, reminders and reports. Both use the same periods and counting below.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache

from accord.rules.agreements import (
    PostAgreementAction,
    explain_post_agreement_on,
    post_agreement_due_on,
)
from accord.rules.appeals import appeal_deadline_on, explain_appeal_deadline_on
from accord.rules.calendar import WorkingCalendar, default_calendar
from accord.rules.clocks import Clock, Deadline
from accord.rules.notice import (
    explain_latest_notice_date_on,
    latest_notice_date_on,
    notice_is_sufficient_on,
)
from accord.rules.periods import (
    add_days,
    add_months,
    explain_add_days,
    explain_add_months,
    explain_add_working_days,
    explain_no_roll,
)
from accord.rules.wording import long_date

ADVISER_CONTACT_MONTHS = 2  # SEND Regs reg 33
CERTIFICATE_WORKING_DAYS = 3  # SEND Regs regs 34, 37 and 39
HEALTH_NOTICE_WORKING_DAYS = 3  # SEND Regs reg 36
MEDIATION_DAYS = 30  # SEND Regs regs 35-37

# What starts each certificate clock; the citation comes from the clock's basis.
_CERTIFICATE_CLOCKS = {
    Clock.CERTIFICATE_NO_MEDIATION: "the adviser was told the family does not want mediation",
    Clock.CERTIFICATE_NOT_PURSUED: (
        "the adviser learned the family is no longer pursuing the mediation they chose"
    ),
    Clock.CERTIFICATE_NOT_HELD_IN_TIME: (
        "the adviser was told the mediation cannot be held within 30 days"
    ),
    Clock.CERTIFICATE_AFTER_MEDIATION: "the mediation concluded",
}
_AGREEMENT_CLOCKS = {
    Clock.AGREEMENT_OTHER: PostAgreementAction.OTHER_MATTERS,
    Clock.ICB_TELLS_LA: PostAgreementAction.ICB_TELLS_LA,
}


def _cal(calendar: WorkingCalendar | None) -> WorkingCalendar:
    return calendar if calendar is not None else default_calendar()


# --- Date functions (the contract) ----------------------------------------------------------


def adviser_contact_deadline(decision_sent: date) -> date:
    """SEND Regs reg 33: 2 calendar months after the decision notice was sent."""
    return add_months(decision_sent, ADVISER_CONTACT_MONTHS)


def certificate_due(informed: date, *, calendar: WorkingCalendar | None = None) -> date:
    """SEND Regs regs 34, 37 and 39: 3 working days after the adviser or mediator is told (that
    the family does not want mediation, or no longer pursues it, or that it cannot be held in
    time), or after the mediation concluded."""
    return _cal(calendar).add_working_days(informed, CERTIFICATE_WORKING_DAYS)


def health_body_notice_due(notified: date, *, calendar: WorkingCalendar | None = None) -> date:
    """SEND Regs reg 36: 3 working days after the local authority was told."""
    return _cal(calendar).add_working_days(notified, HEALTH_NOTICE_WORKING_DAYS)


def mediation_due(notified: date) -> date:
    """SEND Regs regs 35-37: 30 calendar days after the arranging body was notified."""
    return add_days(notified, MEDIATION_DAYS)


def appeal_deadline(
    decision_sent: date,
    certificate_issued: date | None = None,
    *,
    calendar: WorkingCalendar | None = None,
) -> date:
    """HESC Rules r.20(1)(c) then r.12(2)-(3): see ``appeals.py``."""
    return appeal_deadline_on(decision_sent, certificate_issued, _cal(calendar))


def post_agreement_due(agreement_date: date, action: PostAgreementAction) -> date | None:
    """SEND Regs reg 42 (and reg 44 for appealable matters). None means immediately."""
    return post_agreement_due_on(agreement_date, action)


def latest_notice_date(meeting_date: date, *, calendar: WorkingCalendar | None = None) -> date:
    """The last day notice of the meeting's date and place can be sent."""
    return latest_notice_date_on(meeting_date, _cal(calendar))


def notice_is_sufficient(
    notice_sent: date,
    meeting_date: date,
    family_agreed_shorter: bool = False,
    *,
    calendar: WorkingCalendar | None = None,
) -> bool:
    return notice_is_sufficient_on(notice_sent, meeting_date, _cal(calendar), family_agreed_shorter)


# --- Explanations ---------------------------------------------------------------------------


def explain_adviser_contact(
    decision_sent: date, *, calendar: WorkingCalendar | None = None
) -> Deadline:
    return _explain_adviser_contact(decision_sent, _cal(calendar))


@lru_cache(maxsize=8_192)
def _explain_adviser_contact(decision_sent: date, calendar: WorkingCalendar) -> Deadline:
    due, sentence = explain_add_months(decision_sent, ADVISER_CONTACT_MONTHS)
    steps = [
        f"The decision notice was sent on {long_date(decision_sent)}.",
        sentence,
        *explain_no_roll(calendar, due, "regulation 33"),
        f"The family must contact the mediation adviser by {long_date(due)} "
        f"({Clock.ADVISER_CONTACT.basis.citation}).",
    ]
    return _deadline(Clock.ADVISER_CONTACT, decision_sent, due, steps)


def explain_certificate_due(
    informed: date,
    clock: Clock = Clock.CERTIFICATE_NO_MEDIATION,
    *,
    calendar: WorkingCalendar | None = None,
) -> Deadline:
    if clock not in _CERTIFICATE_CLOCKS:
        raise ValueError(f"{clock} is not a certificate clock")
    return _explain_certificate_due(informed, clock, _cal(calendar))


@lru_cache(maxsize=8_192)
def _explain_certificate_due(informed: date, clock: Clock, calendar: WorkingCalendar) -> Deadline:
    event = _CERTIFICATE_CLOCKS[clock]
    due, counting = explain_add_working_days(calendar, informed, CERTIFICATE_WORKING_DAYS)
    steps = [
        f"The clock starts on {long_date(informed)}, when {event}.",
        *counting,
        f"The certificate must be issued by {long_date(due)} ({clock.basis.citation}).",
    ]
    return _deadline(clock, informed, due, steps)


def explain_health_body_notice(
    notified: date, *, calendar: WorkingCalendar | None = None
) -> Deadline:
    return _explain_health_body_notice(notified, _cal(calendar))


@lru_cache(maxsize=8_192)
def _explain_health_body_notice(notified: date, calendar: WorkingCalendar) -> Deadline:
    due, counting = explain_add_working_days(calendar, notified, HEALTH_NOTICE_WORKING_DAYS)
    steps = [
        f"The local authority was told on {long_date(notified)} that the family wants "
        "mediation on issues that include health care.",
        *counting,
        f"It must tell the health bodies (the ICB) the mediation issues by {long_date(due)} "
        f"({Clock.HEALTH_BODIES_NOTICE.basis.citation}).",
    ]
    return _deadline(Clock.HEALTH_BODIES_NOTICE, notified, due, steps)


def explain_mediation_due(
    notified: date, *, health_only: bool = False, calendar: WorkingCalendar | None = None
) -> Deadline:
    return _explain_mediation_due(notified, health_only, _cal(calendar))


@lru_cache(maxsize=8_192)
def _explain_mediation_due(
    notified: date, health_only: bool, calendar: WorkingCalendar
) -> Deadline:
    clock = Clock.MEDIATION_HELD_HEALTH_ONLY if health_only else Clock.MEDIATION_HELD_LA
    who = "the ICB" if health_only else "the local authority"
    event = "was told the mediation issues" if health_only else "received the family's notice"
    due, sentence = explain_add_days(notified, MEDIATION_DAYS)
    steps = [
        f"{who[0].upper()}{who[1:]} {event} on {long_date(notified)}.",
        sentence,
        *explain_no_roll(calendar, due, "the SEND Regulations"),
        f"The mediation must take place by {long_date(due)}, arranged by {who} "
        f"({clock.basis.citation}). If it cannot, the mediation adviser must be told as soon "
        "as that is known, and then has 3 working days to issue a certificate.",
    ]
    return _deadline(clock, notified, due, steps)


def explain_appeal_deadline(
    decision_sent: date,
    certificate_issued: date | None = None,
    *,
    calendar: WorkingCalendar | None = None,
) -> Deadline:
    return explain_appeal_deadline_on(decision_sent, certificate_issued, _cal(calendar))


def explain_post_agreement(
    agreement_date: date,
    action: PostAgreementAction,
    *,
    calendar: WorkingCalendar | None = None,
) -> Deadline:
    return explain_post_agreement_on(agreement_date, action, _cal(calendar))


def explain_latest_notice_date(
    meeting_date: date, *, calendar: WorkingCalendar | None = None
) -> Deadline:
    return explain_latest_notice_date_on(meeting_date, _cal(calendar))


def compute(
    clock: Clock,
    start: date,
    *,
    certificate_issued: date | None = None,
    action: PostAgreementAction | None = None,
    calendar: WorkingCalendar | None = None,
) -> Deadline:
    """Work out ``clock`` from ``start`` (the event the clock counts from; for the meeting
    notice, the meeting date). ``certificate_issued`` is for the tribunal appeal; ``action`` is
    required for agreements on appealable matters."""
    cal = _cal(calendar)
    if clock is Clock.TRIBUNAL_APPEAL:
        return explain_appeal_deadline_on(start, certificate_issued, cal)
    if clock is Clock.AGREEMENT_APPEALABLE:
        if action is None or not action.appealable:
            raise ValueError(
                "agreement_appealable_matters needs an action: one of "
                + ", ".join(a.value for a in PostAgreementAction if a.appealable)
            )
        return explain_post_agreement_on(start, action, cal)
    implied = _AGREEMENT_CLOCKS.get(clock)
    if implied is not None:
        if action is not None and action is not implied:
            raise ValueError(f"{clock.key} is always {implied.value}, not {action.value}")
        return explain_post_agreement_on(start, implied, cal)
    return _SIMPLE_CLOCKS[clock](start, cal)


def _deadline(clock: Clock, start: date, due: date, steps: list[str]) -> Deadline:
    return Deadline(clock=clock, start=start, due=due, basis=clock.bases, steps=tuple(steps))


def _certificate(clock: Clock) -> Callable[[date, WorkingCalendar], Deadline]:
    def explain(start: date, calendar: WorkingCalendar) -> Deadline:
        return _explain_certificate_due(start, clock, calendar)

    return explain


def _mediation(health_only: bool) -> Callable[[date, WorkingCalendar], Deadline]:
    def explain(start: date, calendar: WorkingCalendar) -> Deadline:
        return _explain_mediation_due(start, health_only, calendar)

    return explain


_SIMPLE_CLOCKS: dict[Clock, Callable[[date, WorkingCalendar], Deadline]] = {
    Clock.ADVISER_CONTACT: _explain_adviser_contact,
    Clock.CERTIFICATE_NO_MEDIATION: _certificate(Clock.CERTIFICATE_NO_MEDIATION),
    Clock.CERTIFICATE_NOT_PURSUED: _certificate(Clock.CERTIFICATE_NOT_PURSUED),
    Clock.CERTIFICATE_NOT_HELD_IN_TIME: _certificate(Clock.CERTIFICATE_NOT_HELD_IN_TIME),
    Clock.CERTIFICATE_AFTER_MEDIATION: _certificate(Clock.CERTIFICATE_AFTER_MEDIATION),
    Clock.HEALTH_BODIES_NOTICE: _explain_health_body_notice,
    Clock.MEDIATION_HELD_LA: _mediation(health_only=False),
    Clock.MEDIATION_HELD_HEALTH_ONLY: _mediation(health_only=True),
    Clock.MEETING_NOTICE: explain_latest_notice_date_on,
}
