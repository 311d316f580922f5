"""Every kind of event on a case's timeline, who may see it, and `record_event`, the one function
that appends an event (style.md #7).

The service's own staff see every event. Each kind declares, on its own line, whether LA and ICB
officers see it too and whether the family does. The declaration fills the event's stored
`visible_to_*` columns when it is recorded, and the officers' and the family's timelines both
filter on it, so a kind declared for nobody is shown to nobody outside the service even if a row
was once stored with the wrong flag. A kind that names no audience is for staff only: a new kind
cannot reach the family by omission.

The stored values are the strings in the database: never change one (old rows keep it). When
one kind turns out to need two audiences, add a second kind and give it a new value.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Self

from accord.cases.events import CaseEvent, announce
from accord.cases.models import Case, TimelineEvent
from accord.organisations.models import User


@dataclass(frozen=True)
class Audience:
    """Who sees an event besides the service's staff, who see them all."""

    officers: bool
    family: bool


STAFF_ONLY = Audience(officers=False, family=False)
WITH_OFFICERS = Audience(officers=True, family=False)
WITH_FAMILY = Audience(officers=False, family=True)
WITH_OFFICERS_AND_FAMILY = Audience(officers=True, family=True)


class KindWithAudience(StrEnum):
    """A member is `NAME = "stored value", AUDIENCE`; without an audience, staff only."""

    audience: Audience

    def __new__(cls, value: str, audience: Audience = STAFF_ONLY) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.audience = audience
        return member

    @classmethod
    def seen_by_officers(cls) -> frozenset[Self]:
        return frozenset(kind for kind in cls if kind.audience.officers)

    @classmethod
    def seen_by_family(cls) -> frozenset[Self]:
        return frozenset(kind for kind in cls if kind.audience.family)


class EventKind(KindWithAudience):
    # --- the case and its journey (accord.cases.services) ---
    ENQUIRY = "enquiry", WITH_OFFICERS_AND_FAMILY
    ONLINE_REQUEST = "online_request", WITH_OFFICERS
    TRIAGE = "triage", WITH_OFFICERS_AND_FAMILY
    LA_NOTIFIED = "la_notified", WITH_OFFICERS
    FAMILY_CHOICE = "family_choice", WITH_OFFICERS_AND_FAMILY
    ARRANGING = "arranging", WITH_OFFICERS
    DR_CONSENT = "dr_consent", WITH_OFFICERS
    CANNOT_HOLD = "cannot_hold", WITH_OFFICERS_AND_FAMILY
    # The family chose mediation, then withdrew or stopped replying (SEND Regs reg 34), and a
    # correction of that record (its reason in the summary; the family's page words it plainly).
    MEDIATION_NOT_PURSUED = "mediation_not_pursued", WITH_OFFICERS_AND_FAMILY
    MEDIATION_NOT_PURSUED_CORRECTED = "mediation_not_pursued_corrected", WITH_OFFICERS_AND_FAMILY
    OUTCOME = "outcome", WITH_OFFICERS_AND_FAMILY
    ASSIGNED = "assigned", WITH_OFFICERS
    DETAILS_CHANGED = "details", WITH_OFFICERS
    # A change to the safeguarding or risk notes: the service's confidential record.
    CONFIDENTIAL_DETAILS_CHANGED = "details_confidential", STAFF_ONLY
    SAFEGUARDING = "safeguarding", STAFF_ONLY
    # A risk assessment recorded (a new dated record each time: accord.cases.concerns).
    RISK_ASSESSED = "risk_assessed", STAFF_ONLY
    # A complaint about the service, at each of its steps.
    COMPLAINT = "complaint", STAFF_ONLY
    CONFIDENTIAL_NOTE = "note", STAFF_ONLY
    PARTY_ADDED = "party_added", WITH_OFFICERS
    PARTY_CHANGED = "party_changed", WITH_OFFICERS
    # A person's details erased on request (UK GDPR art. 17; accord.privacy): no name recorded.
    PARTY_ERASED = "party_erased", STAFF_ONLY
    # The retention period passed and the case was anonymised (accord.privacy.retention).
    ANONYMISED = "anonymised", STAFF_ONLY
    # A legal hold placed on the case, or lifted (accord.privacy): retention leaves it alone.
    LEGAL_HOLD = "legal_hold", STAFF_ONLY
    # The rights pass to the young person (Children and Families Act 2014 s.83).
    YOUNG_PERSON = "young_person", WITH_OFFICERS_AND_FAMILY
    # The young person's consent for a parent to go on taking part, and their capacity for a
    # decision with who acts for them (CFA 2014 ss.80, 83; Mental Capacity Act 2005).
    YOUNG_PERSON_CONSENT = "young_person_consent", WITH_FAMILY
    CAPACITY = "capacity", STAFF_ONLY
    CHILD_VIEW_FROM_FAMILY = "child_view", WITH_OFFICERS_AND_FAMILY
    CHILD_VIEW_ADDED_BY_STAFF = "child_view_by_staff", WITH_OFFICERS
    # A case document (accord.cases.services.documents): kept for the service when only some may
    # see it; shown to everyone taking part when the document is.
    CASE_DOCUMENT_ADDED = "case_document", STAFF_ONLY
    CASE_DOCUMENT_SHARED = "case_document_shared", WITH_OFFICERS_AND_FAMILY
    CLOSED = "closed", WITH_OFFICERS_AND_FAMILY
    REOPENED = "reopened", WITH_OFFICERS_AND_FAMILY
    APPEAL_LODGED = "appeal_lodged", WITH_OFFICERS
    # A recorded date or fact put right, with the reason (accord.cases.corrections).
    FACT_CORRECTED = "fact_corrected", WITH_OFFICERS

    # --- information and advice, meetings (accord.meetings) ---
    MIAS_BOOKED = "mias_booked", WITH_OFFICERS_AND_FAMILY
    MIAS_HELD = "mias_held", WITH_OFFICERS_AND_FAMILY
    # The mediation or disagreement resolution meeting itself, which every party attends.
    MEETING_BOOKED = "meeting_booked", WITH_OFFICERS_AND_FAMILY
    MEETING_CHANGED = "meeting_changed", WITH_OFFICERS_AND_FAMILY
    # A pre-meeting or an online test run.
    PREPARATORY_MEETING_BOOKED = "preparatory_meeting_booked", WITH_OFFICERS
    PREPARATORY_MEETING_CHANGED = "preparatory_meeting_changed", WITH_OFFICERS
    MEETING_AFTER_DEADLINE = "meeting_after_deadline", WITH_OFFICERS
    # The mediation or DR meeting cancelled: everyone attends it, so everyone is told (the
    # family's page in plain words, without the reason). Before this kind, main meetings were
    # recorded as MEETING_CANCELLED, which is now for a pre-meeting or a test run only.
    MAIN_MEETING_CANCELLED = "main_meeting_cancelled", WITH_OFFICERS_AND_FAMILY
    MEETING_CANCELLED = "meeting_cancelled", WITH_OFFICERS
    MEETING_NOTICE = "meeting_notice", WITH_OFFICERS
    MEETING_ATTENDEES = "meeting_attendees", WITH_OFFICERS
    MEETING_REPLIES = "meeting_replies", WITH_OFFICERS
    MEETING_EMAIL_FAILED = "meeting_email_failed", WITH_OFFICERS
    # The scheduling assistant (accord.meetings.proposals).
    TIMES_PROPOSED = "times_proposed", WITH_OFFICERS
    TIMES_ANSWERED = "times_answered", WITH_OFFICERS
    TIMES_CLOSED = "times_closed", WITH_OFFICERS
    STANDBY = "standby", STAFF_ONLY
    INTERPRETER = "interpreter", WITH_OFFICERS

    # --- documents (accord.documents) ---
    CERTIFICATE_ISSUED = "certificate_issued", WITH_OFFICERS_AND_FAMILY
    CERTIFICATE_CORRECTED = "certificate_corrected", WITH_OFFICERS_AND_FAMILY
    # A date the certificate states was changed after it was issued: it needs correcting.
    CERTIFICATE_OUT_OF_DATE = "certificate_out_of_date", WITH_OFFICERS
    AGREEMENT_STARTED = "agreement_started", WITH_OFFICERS
    AGREEMENT_CHANGED = "agreement_changed", WITH_OFFICERS
    AGREEMENT_ITEM_ADDED = "agreement_item_added", WITH_OFFICERS
    AGREEMENT_ITEM_CHANGED = "agreement_item_changed", WITH_OFFICERS
    AGREEMENT_ITEM_REMOVED = "agreement_item_removed", WITH_OFFICERS
    AGREEMENT_ISSUED = "agreement_issued", WITH_OFFICERS_AND_FAMILY
    AGREEMENT_ACTION_DONE = "agreement_action_done", WITH_OFFICERS
    # The body responsible asks for a later date; it counts once the family agrees in writing
    # (SEND Regs reg 42(5)).
    AGREEMENT_MORE_TIME_ASKED = "agreement_more_time_asked", WITH_OFFICERS
    AGREEMENT_MORE_TIME_AGREED = "agreement_more_time_agreed", WITH_OFFICERS

    # --- case statements and signatures (accord.documents.statements, .signatures) ---
    # A party's statement is confidential to that party and the mediation team until the party
    # shares it, so its steps are for the service's record only.
    STATEMENT_WRITTEN = "statement_written", STAFF_ONLY
    STATEMENT_SENT = "statement_sent", STAFF_ONLY
    STATEMENT_CHANGES_ASKED = "statement_changes_asked", STAFF_ONLY
    STATEMENT_SIGNED = "statement_signed", STAFF_ONLY
    STATEMENT_SHARED = "statement_shared", STAFF_ONLY
    AGREEMENT_SIGNED = "agreement_signed", WITH_OFFICERS
    AGREEMENT_SIGNED_ON_PAPER = "agreement_signed_on_paper", WITH_OFFICERS
    AGREEMENT_SIGNED_BY_ALL = "agreement_signed_by_all", WITH_OFFICERS_AND_FAMILY

    # --- supporters, with the family's consent (accord.family.supporters) ---
    SUPPORTER_INVITED = "supporter_invited", WITH_FAMILY
    SUPPORTER_WITHDRAWN = "supporter_withdrawn", WITH_FAMILY
    # A family asked for by someone else was invited to sign in with their own address.
    FAMILY_INVITED = "family_invited", STAFF_ONLY
    # The family (or a supporter with their consent) corrected their own details.
    CONTACT_DETAILS_CORRECTED = "contact_details_corrected", WITH_FAMILY

    # --- feedback (accord.family) ---
    FEEDBACK_REQUESTED = "feedback_requested", WITH_OFFICERS
    FEEDBACK_FROM_FAMILY = "feedback", WITH_FAMILY
    FEEDBACK_FROM_OTHER_PARTY = "feedback_other_party", STAFF_ONLY

    # --- messages (accord.notifications): addresses and subjects, for the service only ---
    MESSAGE_QUEUED = "message_queued", STAFF_ONLY
    MESSAGE_RETRY = "message_retry", STAFF_ONLY
    MESSAGE_SENT = "message_sent", STAFF_ONLY
    MESSAGE_FAILED = "message_failed", STAFF_ONLY

    # --- mail received (accord.inbound): a reply filed to the case, for the service only ---
    EMAIL_RECEIVED = "email_received", STAFF_ONLY
    EMAIL_FILED_BY_STAFF = "email_filed", STAFF_ONLY

    # --- a caseload imported from a spreadsheet (accord.imports) ---
    IMPORTED = "imported", STAFF_ONLY


# Who the history names for what the family does through their own pages (accord.family).
FAMILY_ACTOR_LABEL = "Family (online)"


# --- the one writer --------------------------------------------------------------------------


def record_event(
    case: Case,
    kind: EventKind,
    summary: str,
    changes: dict[str, Any] | None = None,
    *,
    by: User | None,
    label: str = "",
) -> TimelineEvent:
    """Appends one event. Who sees it is what its kind declares (above). `label` names who did
    it when no signed-in person did (e.g. the family, online): events are never changed after."""
    if not isinstance(kind, EventKind):
        raise TypeError(f"Timeline events need an EventKind, not {kind!r}.")
    event = TimelineEvent.objects.create(
        case=case,
        actor=by,
        actor_label=str(by) if by else (label or "Accord"),
        kind=kind,
        summary=summary,
        changes=_jsonable(changes or {}),
        visible_to_officers=kind.audience.officers,
        visible_to_family=kind.audience.family,
    )
    announce(CaseEvent.EVENT_RECORDED, case, by=by)
    return event


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    if hasattr(value, "pk"):
        return str(value)
    return value
