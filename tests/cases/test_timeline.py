"""Timeline kinds (accord.cases.timeline): every kind declares who sees it, the declaration is
what reaches the stored row and the officers' timeline, and nothing records a kind that is not
a member."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from accord.cases import selectors
from accord.cases.models import Case, TimelineEvent
from accord.cases.timeline import (
    STAFF_ONLY,
    WITH_OFFICERS_AND_FAMILY,
    Audience,
    EventKind,
    KindWithAudience,
    record_event,
)
from accord.organisations.roles import Role
from tests.factories import CaseFactory

ROOT = Path(__file__).resolve().parents[2]

# Every value stored before the kinds were an enum. Rows in the database carry these strings,
# so none may be renamed or dropped.
STORED_BEFORE = {
    "agreement_action_done",
    "agreement_changed",
    "agreement_issued",
    "agreement_item_added",
    "agreement_item_changed",
    "agreement_item_removed",
    "agreement_started",
    "appeal_lodged",
    "arranging",
    "assigned",
    "cannot_hold",
    "certificate_corrected",
    "certificate_issued",
    "child_view",
    "closed",
    "details",
    "dr_consent",
    "enquiry",
    "family_choice",
    "feedback",
    "feedback_requested",
    "la_notified",
    "meeting_after_deadline",
    "meeting_attendees",
    "meeting_booked",
    "meeting_cancelled",
    "meeting_changed",
    "meeting_email_failed",
    "meeting_notice",
    "meeting_replies",
    "message_failed",
    "message_queued",
    "message_retry",
    "message_sent",
    "mias_booked",
    "mias_held",
    "note",
    "online_request",
    "outcome",
    "party_added",
    "party_changed",
    "reopened",
    "safeguarding",
    "triage",
    "young_person",
}

# What the family is told, written out so that showing them a new kind is a visible change to
# this list as well as to the declaration.
FAMILY_SEES = {
    EventKind.ENQUIRY,
    EventKind.TRIAGE,
    EventKind.FAMILY_CHOICE,
    EventKind.CANNOT_HOLD,
    # SEND Regs reg 34: the family chose mediation, then did not pursue it (their page words it
    # plainly, without the reason a correction gives).
    EventKind.MEDIATION_NOT_PURSUED,
    EventKind.MEDIATION_NOT_PURSUED_CORRECTED,
    EventKind.OUTCOME,
    EventKind.YOUNG_PERSON,
    EventKind.CHILD_VIEW_FROM_FAMILY,
    # A case document shared with everyone taking part (issue 14, section 7).
    EventKind.CASE_DOCUMENT_SHARED,
    EventKind.CLOSED,
    # A case opened again, and the mediation or DR meeting cancelled: the family's page says so
    # in plain words, without the reason.
    EventKind.REOPENED,
    EventKind.MAIN_MEETING_CANCELLED,
    EventKind.MIAS_BOOKED,
    EventKind.MIAS_HELD,
    EventKind.MEETING_BOOKED,
    EventKind.MEETING_CHANGED,
    EventKind.CERTIFICATE_ISSUED,
    EventKind.CERTIFICATE_CORRECTED,
    EventKind.AGREEMENT_ISSUED,
    EventKind.FEEDBACK_FROM_FAMILY,
    # The family's own supporters, and their own corrected details (accord.family).
    EventKind.SUPPORTER_INVITED,
    EventKind.SUPPORTER_WITHDRAWN,
    EventKind.CONTACT_DETAILS_CORRECTED,
    # Every party has signed the agreement (accord.documents.signatures).
    EventKind.AGREEMENT_SIGNED_BY_ALL,
    # The young person's agreement that a parent goes on taking part (CFA 2014 s.83).
    EventKind.YOUNG_PERSON_CONSENT,
}

# Confidential to the service: never LA or ICB officers, never the family.
STAFF_ONLY_KINDS = {
    # A case put on the standby list for a cancelled meeting's time (the service's own list).
    EventKind.STANDBY,
    EventKind.SAFEGUARDING,
    # Safeguarding, risk and complaints as records; a young person's capacity; the family asked
    # for by someone else invited (the service's own record of what it did).
    EventKind.RISK_ASSESSED,
    EventKind.COMPLAINT,
    EventKind.CAPACITY,
    EventKind.FAMILY_INVITED,
    EventKind.CONFIDENTIAL_NOTE,
    EventKind.CONFIDENTIAL_DETAILS_CHANGED,
    EventKind.FEEDBACK_FROM_OTHER_PARTY,
    EventKind.MESSAGE_QUEUED,
    EventKind.MESSAGE_RETRY,
    EventKind.MESSAGE_SENT,
    EventKind.MESSAGE_FAILED,
    # Mail received may carry what a party has not agreed to share (accord.inbound).
    EventKind.EMAIL_RECEIVED,
    EventKind.EMAIL_FILED_BY_STAFF,
    EventKind.IMPORTED,
    # Data protection (accord.privacy): an erasure and an anonymisation name no one.
    EventKind.PARTY_ERASED,
    EventKind.ANONYMISED,
    EventKind.LEGAL_HOLD,
    # A party's case statement is confidential to them and the mediation team until they share
    # it (accord.documents.statements): no other party learns of its steps from the timeline.
    EventKind.STATEMENT_WRITTEN,
    EventKind.STATEMENT_SENT,
    EventKind.STATEMENT_CHANGES_ASKED,
    EventKind.STATEMENT_SIGNED,
    EventKind.STATEMENT_SHARED,
    # A case document only some may see: its addition is the service's record.
    EventKind.CASE_DOCUMENT_ADDED,
}


@pytest.fixture
def case(world) -> Case:
    return CaseFactory(provider=world.provider, local_authority=world.la)


@pytest.mark.parametrize("kind", list(EventKind), ids=str)
def test_every_kind_declares_its_audience(kind):
    assert isinstance(kind.audience, Audience)
    assert isinstance(kind.audience.officers, bool) and isinstance(kind.audience.family, bool)
    assert len(kind) <= TimelineEvent._meta.get_field("kind").max_length


def test_a_kind_that_names_no_audience_is_for_staff_only():
    class Probe(KindWithAudience):
        UNDECLARED = "undeclared"
        DECLARED = "declared", WITH_OFFICERS_AND_FAMILY

    assert Probe.UNDECLARED.audience == STAFF_ONLY
    assert Probe.seen_by_family() == {Probe.DECLARED}


def test_the_family_and_the_officers_see_exactly_what_is_listed():
    assert EventKind.seen_by_family() == FAMILY_SEES
    assert {k for k in EventKind if k.audience == STAFF_ONLY} == STAFF_ONLY_KINDS


def test_no_stored_value_was_renamed_or_dropped():
    assert {k.value for k in EventKind} >= STORED_BEFORE
    assert len({k.value for k in EventKind}) == len(EventKind)


@pytest.mark.parametrize("kind", list(EventKind), ids=str)
def test_the_stored_row_takes_its_audience_from_the_kind(case, kind):
    event = record_event(case, kind, "Something happened", by=None)
    event.refresh_from_db()
    assert event.kind == kind.value
    assert event.visible_to_officers is kind.audience.officers
    assert event.visible_to_family is kind.audience.family


@pytest.mark.parametrize("kind", list(EventKind), ids=str)
def test_officers_see_a_kind_only_when_it_is_declared_for_them(world, case, kind):
    # Even a row stored as for officers (an old row, or a mistake) follows the declaration.
    TimelineEvent.objects.create(case=case, kind=kind, summary="x", visible_to_officers=True)
    for role in (Role.LA_OFFICER, Role.ICB_OFFICER):
        shown = selectors.timeline_for(world.members[role], case).exists()
        assert shown is kind.audience.officers, role
    assert selectors.timeline_for(world.members[Role.COORDINATOR], case).exists()


@pytest.mark.parametrize("kind", ["enquiry", "not_a_kind"])
def test_recording_a_bare_string_is_refused(case, kind):
    with pytest.raises(TypeError, match="EventKind"):
        record_event(case, kind, "Something happened", by=None)  # type: ignore[arg-type]
    assert not case.timeline.exists()


def _kind_argument(call: ast.Call) -> ast.expr | None:
    # record_event(case, kind, summary, changes, *, by)
    if len(call.args) > 1:
        return call.args[1]
    return next((k.value for k in call.keywords if k.arg == "kind"), None)


def _names_members_only(node: ast.expr) -> bool:
    """`EventKind.X`, or `EventKind.X if … else EventKind.Y`."""
    if isinstance(node, ast.IfExp):
        return _names_members_only(node.body) and _names_members_only(node.orelse)
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "EventKind"
        and node.attr in EventKind.__members__
    )


def _sources() -> list[Path]:
    return [
        path
        for folder in ("accord", "bench")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if "migrations" not in path.parts
    ]


def test_every_kind_written_in_the_code_is_a_member():
    calls = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name == "record_event":
                calls.append((path, node))
    assert len(calls) > 40
    wrong = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path, node in calls
        if (kind := _kind_argument(node)) is None or not _names_members_only(kind)
    ]
    assert not wrong, f"record_event without an EventKind member: {wrong}"


def test_only_record_event_creates_timeline_rows():
    writers = [
        str(path.relative_to(ROOT))
        for path in _sources()
        if "TimelineEvent.objects.create" in path.read_text()
        or "timeline.create(" in path.read_text()
    ]
    assert writers == ["accord/cases/timeline.py"]
