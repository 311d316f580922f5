"""After the agreement: the LA or ICB responsible for an agreed action records it done, with the
date and its evidence (a note, a document, or both), or asks for more time. A later date counts
only once the family's written agreement to it is recorded (SEND Regs 2014 reg 42(5)); until
then the date the agreement gave still runs, and is chased."""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import UploadedFile

from accord import rules
from accord.cases.models import Case
from accord.cases.services import editing
from accord.cases.timeline import EventKind, record_event
from accord.cases.uploads import UploadRejected, check_upload, prepare_for_storage
from accord.documents.agreed_actions import action_of
from accord.documents.errors import DocumentError
from accord.documents.models import AgreementItem, MoreTimeRequest
from accord.documents.permissions import may_work_on
from accord.organisations.backends import memberships_held
from accord.organisations.models import Membership, User
from accord.organisations.roles import OFFICERS, Role
from accord.rules import date_in_england, today_in_england
from accord.rules.wording import short_date

# The statutory actions each body carries out (SEND Regs regs 42 and 44).
ICB_ACTIONS = frozenset({rules.PostAgreementAction.ICB_TELLS_LA})
SHARED_ACTIONS = frozenset({rules.PostAgreementAction.OTHER_MATTERS})


def officer_membership(user: User, case: Case) -> Membership | None:
    """The user's officer membership for the case's own LA or ICB, if they hold one."""
    return min(
        (
            m
            for m in memberships_held(user)
            if m.provider_id == case.provider_id and _for_body(m, case)
        ),
        key=lambda m: m.pk,
        default=None,
    )


def _for_body(membership: Membership, case: Case) -> bool:
    if membership.role == Role.LA_OFFICER:
        return membership.local_authority_id == case.local_authority_id
    return (
        membership.role == Role.ICB_OFFICER
        and case.health_body_id is not None
        and membership.health_body_id == case.health_body_id
    )


def responsible_body(item: AgreementItem, case: Case) -> frozenset[Role]:
    """Which officers' body the agreed action falls to: by its statutory kind, or, for a point
    with none, by the body the agreement names as responsible."""
    action = action_of(item.action_kind)
    if action in SHARED_ACTIONS:
        return OFFICERS
    if action in ICB_ACTIONS:
        return frozenset({Role.ICB_OFFICER})
    if action is not None:
        return frozenset({Role.LA_OFFICER})
    named = item.responsible.casefold()
    found = set()
    if case.local_authority.name.casefold() in named:
        found.add(Role.LA_OFFICER)
    if case.health_body is not None and case.health_body.name.casefold() in named:
        found.add(Role.ICB_OFFICER)
    return frozenset(found)


def may_follow_up(user: User, item: AgreementItem) -> bool:
    """The service's staff or the case's mediator, or an officer of the body responsible."""
    case = item.agreement.case
    if may_work_on(user, case):
        return True
    membership = officer_membership(user, case)
    return membership is not None and membership.role_enum in responsible_body(item, case)


def _require_follow_up(user: User, item: AgreementItem) -> None:
    if not may_follow_up(user, item):
        raise DocumentError("Only the body responsible for this action, or the service, can.")
    if not item.agreement.is_issued:
        raise DocumentError("The agreement has not been issued yet.")


def record_action_done(
    item: AgreementItem,
    done_on: date,
    *,
    by: User,
    note: str = "",
    evidence: UploadedFile | None = None,
) -> AgreementItem:
    """The agreed action was carried out on `done_on`: the note or document shows it."""
    _require_follow_up(by, item)
    if item.done_on is not None:
        raise DocumentError("This action is already recorded as done.")
    if not note.strip() and evidence is None:
        raise DocumentError("Say what was done, or attach a document that shows it.", field="note")
    if done_on > today_in_england():
        raise DocumentError("The date it was done must be today or in the past.", field="done_on")
    if done_on < item.agreement.concluded_on:
        raise DocumentError(
            "The date it was done cannot be before the agreement was made.", field="done_on"
        )
    if evidence is not None:
        # The same size, type and virus checks as every other upload (accord.cases.uploads).
        try:
            evidence = prepare_for_storage(evidence, check_upload(evidence, "evidence"))
        except UploadRejected as rejected:
            raise DocumentError(str(rejected), field="evidence") from rejected
    with editing(item.agreement.case) as c:
        item.done_on = done_on
        item.done_recorded_by = by
        item.done_note = note.strip()
        if evidence is not None:
            item.done_evidence = evidence
        item.save(update_fields=["done_on", "done_recorded_by", "done_note", "done_evidence"])
        record_event(
            c,
            EventKind.AGREEMENT_ACTION_DONE,
            f"Agreed action {item.position} done on {short_date(done_on)}"
            + (", with a document as evidence" if evidence is not None else ""),
            {"done_on": done_on, "note": item.done_note},
            by=by,
        )
    return item


def ask_for_more_time(
    item: AgreementItem, new_due_on: date, reason: str, *, by: User
) -> MoreTimeRequest:
    """The body asks for a later date. It does not count until the family agrees in writing."""
    _require_follow_up(by, item)
    if item.done_on is not None:
        raise DocumentError("This action is already recorded as done.")
    if not reason.strip():
        raise DocumentError("Give the reason more time is needed.", field="reason")
    if new_due_on <= today_in_england():
        raise DocumentError("The new date must be in the future.", field="new_due_on")
    with editing(item.agreement.case) as c:
        asked = MoreTimeRequest.objects.create(
            item=item, new_due_on=new_due_on, reason=reason.strip(), asked_by=by
        )
        record_event(
            c,
            EventKind.AGREEMENT_MORE_TIME_ASKED,
            f"More time asked for agreed action {item.position}, to {short_date(new_due_on)}: "
            "it counts once the family agrees in writing",
            {"new_due_on": new_due_on, "reason": asked.reason},
            by=by,
        )
    return asked


def record_family_agreed_more_time(
    asked: MoreTimeRequest, agreed_on: date, how: str, *, by: User
) -> MoreTimeRequest:
    """The service records the family's written agreement to the later date (reg 42(5)): from
    now the case's clock for the action runs to it."""
    item = asked.item
    if not may_work_on(by, item.agreement.case):
        raise DocumentError("Only the service records the family's agreement.")
    if asked.family_agreed_on is not None:
        raise DocumentError("The family's agreement to this date is already recorded.")
    if not how.strip():
        raise DocumentError("Say how the family agreed in writing.", field="how")
    if agreed_on > today_in_england() or agreed_on < date_in_england(asked.asked_at):
        raise DocumentError(
            "The date of the family's agreement must be between the request and today.",
            field="agreed_on",
        )
    with editing(item.agreement.case) as c:
        asked.family_agreed_on = agreed_on
        asked.family_agreement = how.strip()
        asked.agreement_recorded_by = by
        asked.save(update_fields=["family_agreed_on", "family_agreement", "agreement_recorded_by"])
        record_event(
            c,
            EventKind.AGREEMENT_MORE_TIME_AGREED,
            f"The family agreed in writing to {short_date(asked.new_due_on)} for agreed action "
            f"{item.position} (SEND Regs reg 42(5))",
            {"new_due_on": asked.new_due_on, "agreed_on": agreed_on},
            by=by,
        )
    return asked
