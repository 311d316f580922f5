"""Writes to a case: each step of the journey is one function (style.md #3), in a module named
for the step.

A service validates, checks the state transition, writes inside a transaction under a row lock
with an optimistic version check (so concurrent edits cannot silently overwrite each other),
records the timeline event and refreshes the case's next deadline. Views, admin, commands and
tests all call these functions, through this package: `services.confirm_route(...)`.

- `writing`: how every step writes (`editing`, the version check, `refresh_deadlines`) and the
  errors a step raises. It imports none of the steps below; the steps import it, never each other.
- `enquiry`: an enquiry becomes a case; possible duplicates.
- `route`: triage, the route confirmed.
- `choice`: the family's choice after information and advice; the LA told of it.
- `arranging`: disagreement resolution started and consented to; mediation that cannot be held.
- `not_pursued`: the family chose mediation, then withdrew or stopped replying (reg 34), and the
  correction of that record.
- `outcome`: the meeting's outcome, closing and reopening, appeals to the tribunal.
- `people`: staff assigned, parties, the child's views.
- `correction`: any recorded fact put right, with a reason (`accord.cases.corrections`).
- `details`: the case's details and confidential notes.
- `documents`: the documents a case runs on (decision letter, plan, reports, evidence).
- `safeguarding`: safeguarding concerns raised at any stage; risk assessments, a dated record
  each.
- `complaints`: complaints about the service, received to answered.
- `young_person`: the young person as the party: their consent for a parent to take part,
  their capacity for a decision and who acts for them.

The timeline event itself is written by `accord.cases.timeline.record_event`.
"""

from __future__ import annotations

from accord.cases.services.arranging import (
    DR_INVITED_ROLES,
    answer_dr_invitation,
    decline_dr,
    mediation_cannot_be_held,
    record_dr_consent,
    start_disagreement_resolution,
)
from accord.cases.services.choice import record_family_choice, record_la_notified
from accord.cases.services.complaints import (
    acknowledge_complaint,
    answer_complaint,
    receive_complaint,
    start_investigation,
)
from accord.cases.services.correction import correct_fact
from accord.cases.services.details import add_note, update_case_details
from accord.cases.services.documents import add_case_document
from accord.cases.services.enquiry import (
    EnquiryData,
    FamilyContact,
    create_enquiry,
    possible_duplicates,
)
from accord.cases.services.not_pursued import (
    correct_mediation_not_pursued,
    record_mediation_not_pursued,
)
from accord.cases.services.outcome import (
    close_case,
    record_appeal,
    record_outcome,
    remove_appeal,
    reopen_case,
)
from accord.cases.services.people import (
    OFFICER_PARTY_ROLES,
    Sharing,
    add_child_view,
    add_party,
    assign,
    confirm_authority,
    family_parties,
    name_body_attendee,
    update_party,
)
from accord.cases.services.route import confirm_route
from accord.cases.services.safeguarding import (
    WhoWasTold,
    close_concern,
    raise_concern,
    record_risk_assessment,
    record_who_was_told,
)
from accord.cases.services.writing import (
    CaseError,
    ConcurrentEdit,
    NeedsConfirmation,
    editing,
    refresh_deadlines,
    refresh_open_cases,
)
from accord.cases.services.young_person import (
    Capacity,
    record_capacity,
    record_young_person_consent,
)
from accord.cases.states import IllegalTransition

__all__ = [
    "DR_INVITED_ROLES",
    "OFFICER_PARTY_ROLES",
    "Capacity",
    "CaseError",
    "ConcurrentEdit",
    "EnquiryData",
    "FamilyContact",
    "IllegalTransition",
    "NeedsConfirmation",
    "Sharing",
    "WhoWasTold",
    "acknowledge_complaint",
    "add_case_document",
    "add_child_view",
    "add_note",
    "add_party",
    "answer_complaint",
    "answer_dr_invitation",
    "assign",
    "close_case",
    "close_concern",
    "confirm_authority",
    "confirm_route",
    "correct_fact",
    "correct_mediation_not_pursued",
    "create_enquiry",
    "decline_dr",
    "editing",
    "family_parties",
    "mediation_cannot_be_held",
    "name_body_attendee",
    "possible_duplicates",
    "raise_concern",
    "receive_complaint",
    "record_appeal",
    "record_capacity",
    "record_dr_consent",
    "record_family_choice",
    "record_la_notified",
    "record_mediation_not_pursued",
    "record_outcome",
    "record_risk_assessment",
    "record_who_was_told",
    "record_young_person_consent",
    "refresh_deadlines",
    "refresh_open_cases",
    "remove_appeal",
    "reopen_case",
    "start_disagreement_resolution",
    "start_investigation",
    "update_case_details",
    "update_party",
]
