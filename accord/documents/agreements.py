"""Writing, issuing and following up the written agreement of a mediation or DR meeting.

Each point records what was decided, what will happen, who is responsible, by when and how it
will be reviewed (product.md step 6). A point may name the statutory action it requires
(rules.PostAgreementAction): its date then comes from SEND Regs reg 42 / reg 44 and can differ
only for a recorded reason — a timescale the parties agreed in writing (reg 42(5)) or an
exception regulation 44 lists. Once issued the agreement is fixed; only each action's
"done" date is recorded afterwards, and the case's deadlines follow (accord.cases.clocks).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from django.core.files.base import ContentFile
from django.db.models import Max
from django.utils import timezone

from accord import rules
from accord.cases.choices import MEETING_OUTCOMES, Outcome, Route
from accord.cases.models import Case
from accord.cases.services import editing
from accord.cases.timeline import EventKind, record_event
from accord.documents.agreed_actions import action_of, action_timescale, statutory_due
from accord.documents.errors import DocumentError
from accord.documents.models import Agreement, AgreementItem, DueDateOverride
from accord.documents.numbering import AGREEMENT_SERIES, next_number
from accord.documents.pdf import render_agreement
from accord.documents.permissions import may_mark_done, may_work_on
from accord.documents.sending import send_agreement
from accord.meetings.models import Meeting, MeetingKind
from accord.organisations.models import User
from accord.rules import date_in_england, today_in_england
from accord.rules.wording import long_date, short_date


@dataclass
class ItemData:
    decided: str
    action: str
    responsible: str
    review: str = ""
    action_kind: str = ""  # a rules.PostAgreementAction value, or "" for none
    due_on: date | None = None  # None: the date the regulations give (or none at all)
    override_basis: str = ""  # DueDateOverride, when due_on differs from the regulations
    reg44_exception: str = ""  # Reg44Exception, for a reg 44 override
    reason: str = ""


def _require_worker(user: User, case: Case) -> None:
    if not may_work_on(user, case):
        raise DocumentError("Only the case's mediator or the service's staff can do this.")


def _require_draft(agreement: Agreement) -> None:
    if agreement.is_issued:
        raise DocumentError(f"Agreement {agreement.number} has been issued and cannot be changed.")


def kind_title(case: Case) -> str:
    if case.route == Route.DISAGREEMENT_RESOLUTION:
        return "Disagreement resolution agreement"
    return "Mediation agreement"


# --- writing -----------------------------------------------------------------------------------


def start_agreement(case: Case, *, by: User, summary: str = "", la_party: bool = True) -> Agreement:
    """The written agreement of the meeting whose outcome was recorded. One per case: asking
    again returns the one already started."""
    _require_worker(by, case)
    with editing(case) as c:
        existing = Agreement.objects.filter(case=c).first()
        if existing is not None:
            return existing
        if c.outcome not in MEETING_OUTCOMES or c.mediation_concluded_on is None:
            raise DocumentError(
                "Record the meeting outcome (full, partial or no agreement) before writing "
                "the agreement."
            )
        meeting = _the_meeting(c, c.mediation_concluded_on)
        _check_dated_after_meeting(c, c.mediation_concluded_on, meeting)
        agreement = Agreement.objects.create(
            case=c,
            meeting=meeting,
            outcome=c.outcome,
            concluded_on=c.mediation_concluded_on,
            summary=summary.strip(),
            la_party=la_party,
        )
        record_event(c, EventKind.AGREEMENT_STARTED, "Written agreement started", by=by)
    return agreement


def _main_meetings(case: Case) -> list[Meeting]:
    """The case's mediation or DR meetings (not cancelled), latest first."""
    return list(
        Meeting.objects.filter(
            case=case,
            kind__in=[MeetingKind.MEDIATION, MeetingKind.DISAGREEMENT_RESOLUTION],
            cancelled_at__isnull=True,
        ).order_by("-starts_at")
    )


def _the_meeting(case: Case, concluded_on: date) -> Meeting | None:
    """The meeting the agreement follows: the last one that had begun by the day it concluded."""
    return next(
        (m for m in _main_meetings(case) if date_in_england(m.starts_at) <= concluded_on), None
    )


def _check_dated_after_meeting(case: Case, concluded_on: date, meeting: Meeting | None) -> None:
    """An agreement is made at its meeting: dated on or after the day the meeting began, and
    never in the future (its date starts the reg 42 timescales)."""
    if concluded_on > today_in_england():
        raise DocumentError(
            f"The meeting outcome says the meeting concluded on {long_date(concluded_on)}, "
            "which is in the future. An agreement cannot be dated after today."
        )
    began = date_in_england(meeting.starts_at) if meeting is not None else None
    if began is None:
        held = [date_in_england(m.starts_at) for m in _main_meetings(case)]
        began = min(held) if held else None
    if began is not None and concluded_on < began:
        raise DocumentError(
            f"The meeting outcome says the meeting concluded on {long_date(concluded_on)}, "
            f"before the meeting began on {long_date(began)}. An agreement must be dated on "
            "or after its meeting."
        )


def update_agreement(agreement: Agreement, *, by: User, summary: str, la_party: bool) -> Agreement:
    _require_worker(by, agreement.case)
    _require_draft(agreement)
    icb_tells = rules.PostAgreementAction.ICB_TELLS_LA.value
    if la_party and agreement.items.filter(action_kind=icb_tells).exists():
        raise DocumentError(
            "A point says the ICB must tell the local authority, which applies only when the "
            "local authority was not a party (SEND Regs reg 42(4)). Change that point first."
        )
    with editing(agreement.case) as c:
        agreement.summary = summary.strip()
        agreement.la_party = la_party
        agreement.save(update_fields=["summary", "la_party"])
        record_event(c, EventKind.AGREEMENT_CHANGED, "Written agreement changed", by=by)
    return agreement


def _validated(agreement: Agreement, data: ItemData) -> dict[str, object]:
    """The item's fields, with its date from the regulations unless a reason says otherwise."""
    for value, what in (
        (data.decided, "what was decided"),
        (data.action, "what will happen"),
        (data.responsible, "who is responsible"),
    ):
        if not value.strip():
            raise DocumentError(f"Write {what}.")
    fields: dict[str, object] = {
        "decided": data.decided.strip(),
        "action": data.action.strip(),
        "responsible": data.responsible.strip(),
        "review": data.review.strip(),
        "action_kind": data.action_kind,
        "due_on": data.due_on,
        "due_overridden": False,
        "override_basis": "",
        "reg44_exception": "",
        "exception_reason": "",
    }
    try:
        action = action_of(data.action_kind)
    except ValueError:
        raise DocumentError("Choose the kind of action from the list.") from None
    if action is not None:
        _check_action_applies(agreement, action)
        regulations_date = statutory_due(agreement.concluded_on, data.action_kind)
        if data.due_on is None or data.due_on == regulations_date:
            fields["due_on"] = regulations_date
        else:
            fields.update(_override(action, regulations_date, data))
    due = fields["due_on"]
    if isinstance(due, date) and due < agreement.concluded_on:
        raise DocumentError("The date cannot be before the agreement was made.")
    return fields


def _check_action_applies(agreement: Agreement, action: rules.PostAgreementAction) -> None:
    if agreement.case.route == Route.DISAGREEMENT_RESOLUTION:
        raise DocumentError(
            "The regulation 42 timescales apply to mediation agreements. For disagreement "
            "resolution, choose 'Not a statutory action' and give the date the parties agreed."
        )
    if action is rules.PostAgreementAction.ICB_TELLS_LA and agreement.la_party:
        raise DocumentError(
            "The ICB tells the local authority only when the local authority was not a party "
            "to the mediation (SEND Regs reg 42(4))."
        )


def _override(
    action: rules.PostAgreementAction, regulations_date: date | None, data: ItemData
) -> dict[str, object]:
    given = "immediately" if regulations_date is None else short_date(regulations_date)
    if data.override_basis not in DueDateOverride.values:
        raise DocumentError(
            f"The regulations give {given} for this action. To use another date, say why: "
            "the parties agreed it in writing, or an exception in regulation 44 applies."
        )
    if data.override_basis == DueDateOverride.AGREED_IN_WRITING:
        if action is rules.PostAgreementAction.ICB_TELLS_LA:
            # reg 42(5) replaces the timescales of reg 42(2) and (3) only.
            raise DocumentError(
                "The 1-week period for the ICB to tell the local authority (reg 42(4)) cannot "
                "be changed by agreement."
            )
    else:
        if not action.appealable:
            raise DocumentError(
                "Regulation 44 exceptions apply only to matters the family could have appealed."
            )
        if not data.reg44_exception:
            raise DocumentError("Choose which exception in regulation 44 applies.")
        due, given_by_law = data.due_on, regulations_date
        if due is not None and given_by_law is not None and due < given_by_law:
            raise DocumentError("A regulation 44 exception gives more time, not less.")
    if not data.reason.strip():
        raise DocumentError("Give the reason for the different date.")
    return {
        "due_overridden": True,
        "override_basis": data.override_basis,
        "reg44_exception": data.reg44_exception
        if data.override_basis == DueDateOverride.REG44_EXCEPTION
        else "",
        "exception_reason": data.reason.strip(),
    }


def add_item(agreement: Agreement, data: ItemData, *, by: User) -> AgreementItem:
    _require_worker(by, agreement.case)
    _require_draft(agreement)
    fields = _validated(agreement, data)
    with editing(agreement.case) as c:
        last = agreement.items.aggregate(last=Max("position"))["last"] or 0
        item = AgreementItem.objects.create(agreement=agreement, position=last + 1, **fields)
        _note_written_timescale(agreement)
        record_event(
            c, EventKind.AGREEMENT_ITEM_ADDED, f"Agreement point {item.position} added", by=by
        )
    return item


def update_item(item: AgreementItem, data: ItemData, *, by: User) -> AgreementItem:
    agreement = item.agreement
    _require_worker(by, agreement.case)
    _require_draft(agreement)
    fields = _validated(agreement, data)
    with editing(agreement.case) as c:
        for name, value in fields.items():
            setattr(item, name, value)
        item.save()
        _note_written_timescale(agreement)
        record_event(
            c, EventKind.AGREEMENT_ITEM_CHANGED, f"Agreement point {item.position} changed", by=by
        )
    return item


def remove_item(item: AgreementItem, *, by: User) -> None:
    agreement = item.agreement
    _require_worker(by, agreement.case)
    _require_draft(agreement)
    with editing(agreement.case) as c:
        position = item.position
        item.delete()
        for later in agreement.items.filter(position__gt=position).order_by("position"):
            later.position -= 1
            later.save(update_fields=["position"])
        record_event(
            c, EventKind.AGREEMENT_ITEM_REMOVED, f"Agreement point {position} removed", by=by
        )


def _note_written_timescale(agreement: Agreement) -> None:
    """The agreement records that the parties agreed other timescales (reg 42(5))."""
    agreed = agreement.items.filter(override_basis=DueDateOverride.AGREED_IN_WRITING).exists()
    if agreement.other_timescales_agreed != agreed:
        agreement.other_timescales_agreed = agreed
        agreement.save(update_fields=["other_timescales_agreed"])


# --- issuing and following up -------------------------------------------------------------------


def due_text(item: AgreementItem, concluded_on: date) -> tuple[str, str]:
    """(by when, why that date) for the page and the PDF."""
    when = long_date(item.due_on) if item.due_on else ("Immediately" if item.action_kind else "")
    if not item.action_kind:
        return (when or "No date set", "")
    if not item.due_overridden:
        return (when, f"The regulations' timescale: {action_timescale(item.action_kind)}.")
    regulations_date = statutory_due(concluded_on, item.action_kind)
    given = "immediately" if regulations_date is None else short_date(regulations_date)
    if item.override_basis == DueDateOverride.AGREED_IN_WRITING:
        why = (
            f"The parties agreed this date in writing (SEND Regs reg 42(5)) instead of "
            f"{given}: {item.exception_reason}"
        )
    else:
        why = (
            f"More time under SEND Regs reg 44 ({item.get_reg44_exception_display().lower()}) "
            f"instead of {given}: {item.exception_reason}"
        )
    return (when, why)


def issue_agreement(agreement: Agreement, *, by: User, notify: bool = True) -> Agreement:
    """Fix the agreement as a numbered PDF and send it to every party. Issuing twice returns
    the issued agreement and sends nothing more."""
    case = agreement.case
    _require_worker(by, case)
    with editing(case) as c:
        locked = Agreement.objects.select_for_update().select_related("case").get(pk=agreement.pk)
        if not locked.is_issued:
            _check_dated_after_meeting(c, locked.concluded_on, locked.meeting)
            items = list(locked.items.order_by("position"))
            if not items and locked.outcome != Outcome.NO_AGREEMENT:
                raise DocumentError("Add at least one point that was agreed before issuing it.")
            issued_at = timezone.now()
            number = next_number(c.provider, AGREEMENT_SERIES, date_in_england(issued_at).year)
            rendered = render_agreement(
                locked,
                items,
                [(p.name, p.get_role_display()) for p in c.parties.all()],
                number=number,
                kind_title=kind_title(c),
                due_texts={i.pk: due_text(i, locked.concluded_on) for i in items},
                issued_at=issued_at,
            )
            pdf = rendered.pdf
            locked.html = rendered.html
            locked.number = number
            locked.issued_at = issued_at
            locked.issued_by = by
            locked.sha256 = hashlib.sha256(pdf).hexdigest()
            locked.pdf.save(f"{number}.pdf", ContentFile(pdf), save=False)
            locked.save()
            record_event(
                c,
                EventKind.AGREEMENT_ISSUED,
                f"Agreement {number} issued ({locked.outcome_label.lower()})",
                {"number": number, "points": len(items)},
                by=by,
            )
            if notify:
                # Queued in the same transaction as the issue: both happen, or neither.
                send_agreement(locked)
    agreement.refresh_from_db()
    return agreement


def mark_item_done(
    item: AgreementItem, done_on: date, *, by: User, evidence: str = ""
) -> AgreementItem:
    """Follow-up: the agreed action was carried out on `done_on`. Staff, the case's mediator,
    or an officer of the body the action belongs to (with `evidence`: what shows it was done,
    kept in the case's history)."""
    agreement = item.agreement
    if not may_mark_done(by, agreement.case, item.action_kind):
        raise DocumentError(
            "Only the service's staff, the case's mediator or the body whose action it is "
            "can record it as done."
        )
    if not agreement.is_issued:
        raise DocumentError("Issue the agreement before recording what has been done.")
    if done_on > today_in_england():
        raise DocumentError("The date it was done must be today or in the past.", field="done_on")
    if done_on < agreement.concluded_on:
        raise DocumentError(
            "The date it was done cannot be before the agreement was made.", field="done_on"
        )
    with editing(agreement.case) as c:
        item.done_on = done_on
        item.done_recorded_by = by
        item.save(update_fields=["done_on", "done_recorded_by"])
        late = item.due_on is not None and done_on > item.due_on
        record_event(
            c,
            EventKind.AGREEMENT_ACTION_DONE,
            f"Agreed action {item.position} done on {short_date(done_on)}"
            + (" (late)" if late else ""),
            {"done_on": done_on, "due_on": item.due_on}
            | ({"evidence": evidence.strip()} if evidence.strip() else {}),
            by=by,
        )
    return item
