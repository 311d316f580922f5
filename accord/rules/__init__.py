"""Accord's statutory rules for SEND mediation in England: pure functions, dates in, dates out.

No Django here. Every screen, reminder, letter and report asks these functions, so a deadline
is worked out in one place. Sources: docs/rules-sources.md.
"""

from accord.rules.agreements import PostAgreementAction
from accord.rules.appeals import in_closed_period, nominal_appeal_end
from accord.rules.basis import LegalBasis
from accord.rules.calendar import (
    WorkingCalendar,
    add_working_days,
    configure_calendar,
    default_calendar,
    is_working_day,
    next_working_day,
    subtract_working_days,
    working_days_between,
)
from accord.rules.clocks import CLOCKS, Clock, ClockInfo, Deadline, Responsible
from accord.rules.deadlines import (
    adviser_contact_deadline,
    appeal_deadline,
    certificate_due,
    compute,
    explain_adviser_contact,
    explain_appeal_deadline,
    explain_certificate_due,
    explain_health_body_notice,
    explain_latest_notice_date,
    explain_mediation_due,
    explain_post_agreement,
    health_body_notice_due,
    latest_notice_date,
    mediation_due,
    notice_is_sufficient,
    post_agreement_due,
)
from accord.rules.decisions import (
    MEDIATION_ROUTES,
    Body,
    DecisionKind,
    DisagreementWith,
    OtherParty,
    PlanSection,
    Route,
)
from accord.rules.people import (
    age_on,
    becomes_young_person_on,
    birthday_in,
    compulsory_school_age_ends,
    is_child,
    is_young_person,
    stops_being_young_person_on,
)
from accord.rules.periods import add_months
from accord.rules.today import ENGLAND, date_in_england, today_in_england
from accord.rules.triage import TriageResult, triage

__all__ = [
    "CLOCKS",
    "ENGLAND",
    "MEDIATION_ROUTES",
    "Body",
    "Clock",
    "ClockInfo",
    "Deadline",
    "DecisionKind",
    "DisagreementWith",
    "LegalBasis",
    "OtherParty",
    "PlanSection",
    "PostAgreementAction",
    "Responsible",
    "Route",
    "TriageResult",
    "WorkingCalendar",
    "add_months",
    "add_working_days",
    "adviser_contact_deadline",
    "age_on",
    "appeal_deadline",
    "becomes_young_person_on",
    "birthday_in",
    "certificate_due",
    "compulsory_school_age_ends",
    "compute",
    "configure_calendar",
    "date_in_england",
    "default_calendar",
    "explain_adviser_contact",
    "explain_appeal_deadline",
    "explain_certificate_due",
    "explain_health_body_notice",
    "explain_latest_notice_date",
    "explain_mediation_due",
    "explain_post_agreement",
    "health_body_notice_due",
    "in_closed_period",
    "is_child",
    "is_working_day",
    "is_young_person",
    "latest_notice_date",
    "mediation_due",
    "next_working_day",
    "nominal_appeal_end",
    "notice_is_sufficient",
    "post_agreement_due",
    "stops_being_young_person_on",
    "subtract_working_days",
    "today_in_england",
    "triage",
    "working_days_between",
]
