"""Writes to a case: each step of the journey is one function here (style.md #3).

A service validates, checks the state transition, writes inside a transaction under a row lock
with an optimistic version check (so concurrent edits cannot silently overwrite each other),
records the timeline event and refreshes the case's next deadline. Views, admin, commands and
tests all call these functions.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from accord import rules
from accord.cases.choices import (
    FAMILY_ROLES,
    MEETING_OUTCOMES,
    FamilyChoice,
    Outcome,
    PartyRole,
    Route,
)
from accord.cases.clock_facts import clock_facts_for
from accord.cases.clock_rows import store_case_clocks
from accord.cases.clocks import next_open_deadline
from accord.cases.events import CaseEvent, announce
from accord.cases.models import (
    Case,
    CaseNote,
    CaseReferenceCounter,
    ChildOrYoungPerson,
    ChildView,
    Party,
    TimelineEvent,
)
from accord.cases.states import CaseState, IllegalTransition, Transition, check_transition
from accord.cases.timeline import EventKind
from accord.cases.triage import suggest_route
from accord.organisations.models import HealthBody, LocalAuthority, Membership, Provider, User
from accord.organisations.roles import Role
from accord.rules import today_in_england


class CaseError(Exception):
    """A request that the rules of the journey do not allow; the message says why."""


class ConcurrentEdit(CaseError):
    def __init__(self) -> None:
        super().__init__(
            "Someone else changed this case while you were editing it. "
            "Your changes have not been saved: check the case and try again."
        )


__all__ = ["CaseError", "ConcurrentEdit", "IllegalTransition"]


# --- the history ---------------------------------------------------------------------------


def record_event(
    case: Case,
    kind: EventKind,
    summary: str,
    changes: dict[str, Any] | None = None,
    *,
    by: User | None,
) -> TimelineEvent:
    """Appends one event. Who sees it is what its kind declares (accord.cases.timeline)."""
    if not isinstance(kind, EventKind):
        raise TypeError(f"Timeline events need an EventKind, not {kind!r}.")
    return TimelineEvent.objects.create(
        case=case,
        actor=by,
        actor_label=str(by) if by else "Accord",
        kind=kind,
        summary=summary,
        changes=_jsonable(changes or {}),
        visible_to_officers=kind.audience.officers,
        visible_to_family=kind.audience.family,
    )


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


def _diff(case: Case, updates: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        name: [getattr(case, name), value]
        for name, value in updates.items()
        if getattr(case, name) != value
    }


@contextmanager
def editing(case: Case, expected_version: int | None = None) -> Iterator[Case]:
    """Locks the case row for the rest of the transaction and checks nobody changed it since
    the form was shown (`expected_version`). Yields the fresh row; saves and bumps the version."""
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if expected_version is not None and locked.version != expected_version:
            raise ConcurrentEdit()
        yield locked
        locked.version += 1
        _refresh_next_deadline(locked)
        locked.save()
    # Let the caller's object show the saved state.
    case.refresh_from_db()


def _refresh_next_deadline(case: Case) -> None:
    # Reports aggregate each clock's due and done dates in SQL: keep them stored, from the same
    # facts as the nearest deadline below.
    _note_young_person(case)
    facts = clock_facts_for(case)
    store_case_clocks(case, facts)
    nearest = next_open_deadline(case, facts) if case.state != CaseState.CLOSED else None
    case.next_deadline_on = nearest.due if nearest else None
    case.next_deadline_clock = nearest.key if nearest else ""


def _note_young_person(case: Case) -> None:
    """When the child passes compulsory school age during the case, the rights become the young
    person's own (CFA 2014 s.83; SEND Code of Practice 11): say so once on the timeline."""
    if case.pk is None or case.state == CaseState.CLOSED:
        return
    became = rules.becomes_young_person_on(case.child.date_of_birth)
    if not case.received_on < became <= today_in_england():
        return
    if not case.timeline.filter(kind=EventKind.YOUNG_PERSON).exists():
        record_event(
            case,
            EventKind.YOUNG_PERSON,
            f"Became a young person on {became:%-d %B %Y}: the rights are now theirs "
            "(Children and Families Act 2014 s.83)",
            by=None,
        )


def refresh_deadlines(case: Case) -> None:
    """Recompute the stored next deadline after a change elsewhere (a certificate, an action)."""
    with editing(case):
        pass


def _move(case: Case, transition: Transition) -> CaseState | None:
    target = check_transition(case.state, transition)
    if target is not None:
        case.state = target
    return target


# --- intake --------------------------------------------------------------------------------


@dataclass
class EnquiryData:
    local_authority: LocalAuthority
    decision_kind: str
    child_first_name: str
    child_last_name: str
    child_date_of_birth: date
    contact_name: str
    contact_role: str = PartyRole.PARENT_CARER
    received_on: date | None = None
    channel: str = "phone"
    referred_by: str = ""
    on_behalf_of: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    preferred_contact: str = "email"
    interpreter_language: str = ""
    access_needs: str = ""
    child_setting: str = ""
    health_body: HealthBody | None = None
    decision_sections: list[str] = field(default_factory=list)
    disagreement_with: str = ""
    decision_notice_sent_on: date | None = None
    involves_health: bool = False
    summary: str = ""
    safeguarding_concern: bool = False
    safeguarding_notes: str = ""
    existing_child: ChildOrYoungPerson | None = None


def possible_duplicates(
    provider: Provider, first_name: str, last_name: str, date_of_birth: date | None
) -> QuerySet[Case]:
    """Open or recent cases that are likely about the same child, shown before creating one."""
    same_name = Q(child__last_name__iexact=last_name.strip()) & Q(
        child__first_name__iexact=first_name.strip()
    )
    match = same_name
    if date_of_birth is not None:
        match = same_name | (
            Q(child__date_of_birth=date_of_birth) & Q(child__last_name__iexact=last_name.strip())
        )
    return (
        Case.objects.filter(provider=provider)
        .filter(match)
        .select_related("child", "local_authority")
        .order_by("-created_at")[:10]
    )


def _next_reference(provider: Provider, year: int) -> str:
    """KM-2026-0042: per provider and year, allocated under a row lock so never duplicated."""
    counter, _ = CaseReferenceCounter.objects.get_or_create(provider=provider, year=year)
    counter = CaseReferenceCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{provider.case_prefix}-{year}-{counter.last_number:04d}"


def create_enquiry(provider: Provider, data: EnquiryData, *, by: User | None) -> Case:
    if not provider.local_authorities.filter(pk=data.local_authority.pk).exists():
        raise CaseError(f"{provider} does not work for {data.local_authority}.")
    received_on = data.received_on or today_in_england()
    if data.decision_notice_sent_on and data.decision_notice_sent_on > received_on:
        raise CaseError("The decision letter cannot be dated after the enquiry was received.")
    with transaction.atomic():
        child = data.existing_child or ChildOrYoungPerson.objects.create(
            provider=provider,
            first_name=data.child_first_name.strip(),
            last_name=data.child_last_name.strip(),
            date_of_birth=data.child_date_of_birth,
            setting=data.child_setting,
        )
        case = Case(
            provider=provider,
            reference=_next_reference(provider, received_on.year),
            child=child,
            local_authority=data.local_authority,
            health_body=data.health_body,
            received_on=received_on,
            channel=data.channel,
            referred_by=data.referred_by,
            summary=data.summary,
            safeguarding_concern=data.safeguarding_concern,
            safeguarding_notes=data.safeguarding_notes,
            decision_kind=data.decision_kind,
            decision_sections=",".join(data.decision_sections),
            disagreement_with=data.disagreement_with,
            decision_notice_sent_on=data.decision_notice_sent_on,
            involves_health=data.involves_health,
            coordinator=by if by and _holds(by, provider, Role.COORDINATOR) else None,
        )
        suggestion = suggest_route(case)
        case.suggested_route = suggestion.route
        case.certificate_needed = suggestion.certificate_needed
        _refresh_next_deadline(case)
        case.save()
        Party.objects.create(
            case=case,
            role=data.contact_role,
            name=data.contact_name,
            email=data.contact_email,
            phone=data.contact_phone,
            preferred_contact=data.preferred_contact,
            interpreter_language=data.interpreter_language,
            access_needs=data.access_needs,
            is_enquirer=True,
            on_behalf_of=data.on_behalf_of,
        )
        record_event(
            case,
            EventKind.ENQUIRY,
            f"Enquiry received by {case.get_channel_display().lower()}",
            {"reference": case.reference, "suggested_route": case.suggested_route},
            by=by,
        )
        if data.safeguarding_concern:
            record_event(case, EventKind.SAFEGUARDING, "Safeguarding concern recorded", by=by)
        # Other floors act on a new case (accord.notifications tells the family its reference
        # and what happens next, in this same transaction).
        announce(CaseEvent.ENQUIRY_CREATED, case, by=by)
    return case


def _holds(user: User, provider: Provider, role: Role) -> bool:
    return Membership.objects.filter(user=user, provider=provider, role=role).exists()


# --- triage ----------------------------------------------------------------------------------


def confirm_route(
    case: Case, route: str, reason: str = "", expected_version: int | None = None, *, by: User
) -> Case:
    if route not in Route.values:
        raise CaseError("Choose a route.")
    if case.suggested_route and route != case.suggested_route and not reason.strip():
        raise CaseError("Give a reason for choosing a different route from the one suggested.")
    with editing(case, expected_version) as c:
        _move(c, Transition.TRIAGE)
        changes = _diff(c, {"route": route})
        c.route = route
        c.route_override_reason = reason.strip() if route != c.suggested_route else ""
        record_event(c, EventKind.TRIAGE, f"Route confirmed: {Route(route).label}", changes, by=by)
    return case


# --- information and advice ------------------------------------------------------------------


def record_family_choice(
    case: Case,
    choice: str,
    on: date,
    *,
    by: User,
    la_notified_on: date | None = None,
    expected_version: int | None = None,
) -> Case:
    """After information and advice: certificate (reg 34 clock starts on `on`) or mediation
    (the 30-day clock starts when the LA receives the family's notice, regs 35–37)."""
    if choice not in FamilyChoice.values:
        raise CaseError("Choose what the family wants to do.")
    with editing(case, expected_version) as c:
        if c.state in (CaseState.TRIAGED, CaseState.MIAS_BOOKED):
            _move(c, Transition.HOLD_MIAS)
        if choice == FamilyChoice.CERTIFICATE:
            _move(c, Transition.FAMILY_DECLINES_MEDIATION)
        else:
            _move(c, Transition.FAMILY_WANTS_MEDIATION)
            c.la_notified_on = la_notified_on
        c.family_choice = choice
        c.family_choice_on = on
        record_event(
            c,
            EventKind.FAMILY_CHOICE,
            FamilyChoice(choice).label,
            {"on": on, "la_notified_on": la_notified_on},
            by=by,
        )
    return case


def record_la_notified(
    case: Case,
    la_notified_on: date,
    health_body_notified_on: date | None = None,
    expected_version: int | None = None,
    *,
    by: User,
) -> Case:
    with editing(case, expected_version) as c:
        if c.state not in (CaseState.ARRANGING, CaseState.MEETING_BOOKED):
            raise CaseError("The LA is told once the family has chosen mediation.")
        changes = _diff(
            c,
            {"la_notified_on": la_notified_on, "health_body_notified_on": health_body_notified_on},
        )
        c.la_notified_on = la_notified_on
        c.health_body_notified_on = health_body_notified_on
        record_event(
            c,
            EventKind.LA_NOTIFIED,
            "Dates the LA and health body were told recorded",
            changes,
            by=by,
        )
    return case


def start_disagreement_resolution(
    case: Case, expected_version: int | None = None, *, by: User
) -> Case:
    if case.route != Route.DISAGREEMENT_RESOLUTION:
        raise CaseError("Only a disagreement resolution case is arranged this way.")
    with editing(case, expected_version) as c:
        _move(c, Transition.START_DR)
        record_event(c, EventKind.ARRANGING, "Started arranging disagreement resolution", by=by)
    return case


def record_dr_consent(party: Party, consents: bool, on: date, *, by: User) -> Party:
    """Disagreement resolution is voluntary for everyone (CoP 11.6): each party's answer."""
    with editing(party.case) as c:
        party.dr_consent = consents
        party.dr_consent_on = on
        party.save(update_fields=["dr_consent", "dr_consent_on"])
        record_event(
            c,
            EventKind.DR_CONSENT,
            f"{party.name} {'agreed' if consents else 'declined'} to take part",
            {"on": on},
            by=by,
        )
    return party


def mediation_cannot_be_held(
    case: Case, told_on: date, expected_version: int | None = None, *, by: User
) -> Case:
    """The LA said mediation cannot take place within 30 days: certificate due (reg 37)."""
    with editing(case, expected_version) as c:
        _move(c, Transition.CANNOT_HOLD_IN_TIME)
        c.cannot_hold_notified_on = told_on
        c.outcome = Outcome.NOT_HELD_IN_TIME
        record_event(
            c,
            EventKind.CANNOT_HOLD,
            "Mediation cannot be held within 30 days",
            {"told_on": told_on},
            by=by,
        )
    return case


def record_outcome(
    case: Case, outcome: str, concluded_on: date, expected_version: int | None = None, *, by: User
) -> Case:
    if outcome not in MEETING_OUTCOMES:
        raise CaseError("Choose full, partial or no agreement.")
    with editing(case, expected_version) as c:
        _move(c, Transition.RECORD_OUTCOME)
        c.outcome = outcome
        c.mediation_concluded_on = concluded_on
        record_event(
            c,
            EventKind.OUTCOME,
            f"Meeting outcome: {Outcome(outcome).label}",
            {"concluded_on": concluded_on},
            by=by,
        )
    return case


# --- people and details ------------------------------------------------------------------------


def assign(
    case: Case,
    *,
    by: User,
    coordinator: User | None = None,
    adviser: User | None = None,
    mediator: User | None = None,
    expected_version: int | None = None,
) -> Case:
    provider = case.provider
    checks = [(coordinator, Role.COORDINATOR), (adviser, Role.ADVISER), (mediator, Role.MEDIATOR)]
    for person, role in checks:
        if person is not None and not _holds(person, provider, role):
            raise CaseError(f"{person} is not a {role.label.lower()} of {provider}.")
    if mediator is not None:
        # SEND Regs 2014 reg 35(4)? / CoP 11.33: the mediator must be independent of the LA.
        conflict = Membership.objects.filter(
            user=mediator,
            provider=provider,
            role=Role.MEDIATOR,
            employed_by_local_authority=case.local_authority,
        ).exists()
        if conflict:
            raise CaseError(
                f"{mediator} is employed by {case.local_authority} and cannot mediate its cases."
            )
    with editing(case, expected_version) as c:
        updates = {
            k: v
            for k, v in (("coordinator", coordinator), ("adviser", adviser), ("mediator", mediator))
            if v is not None
        }
        changes = _diff(c, updates)
        for name, value in updates.items():
            setattr(c, name, value)
        if changes:
            record_event(
                c,
                EventKind.ASSIGNED,
                "Assigned: " + ", ".join(f"{k} {v[1]}" for k, v in changes.items()),
                changes,
                by=by,
            )
    return case


def update_case_details(
    case: Case, updates: dict[str, Any], expected_version: int | None = None, *, by: User
) -> Case:
    """Changing a date recomputes every clock that depends on it."""
    allowed = {
        "summary",
        "decision_notice_sent_on",
        "decision_kind",
        "decision_sections",
        "disagreement_with",
        "involves_health",
        "health_body",
        "safeguarding_concern",
        "safeguarding_notes",
        "risk_level",
        "risk_notes",
        "risk_assessed_on",
        "la_notified_on",
        "health_body_notified_on",
        "referred_by",
    }
    unknown = set(updates) - allowed
    if unknown:
        raise CaseError(f"These details cannot be changed here: {', '.join(sorted(unknown))}")
    with editing(case, expected_version) as c:
        changes = _diff(c, updates)
        for name, value in updates.items():
            setattr(c, name, value)
        if {"decision_kind", "decision_sections", "disagreement_with"} & set(changes):
            suggestion = suggest_route(c)
            c.suggested_route = suggestion.route
            c.certificate_needed = suggestion.certificate_needed
        if changes:
            confidential = bool({"safeguarding_notes", "risk_notes"} & set(changes))
            record_event(
                c,
                EventKind.CONFIDENTIAL_DETAILS_CHANGED
                if confidential
                else EventKind.DETAILS_CHANGED,
                "Details changed: " + ", ".join(sorted(changes)),
                {} if confidential else changes,
                by=by,
            )
    return case


def add_party(case: Case, *, by: User, **fields: Any) -> Party:
    with editing(case) as c:
        party = Party.objects.create(case=c, **fields)
        record_event(
            c, EventKind.PARTY_ADDED, f"{party.get_role_display()} added: {party.name}", by=by
        )
    return party


def update_party(party: Party, *, by: User, **fields: Any) -> Party:
    with editing(party.case) as c:
        changes = {k: [getattr(party, k), v] for k, v in fields.items() if getattr(party, k) != v}
        for name, value in fields.items():
            setattr(party, name, value)
        party.save()
        if changes:
            record_event(
                c, EventKind.PARTY_CHANGED, f"{party.name}'s details changed", changes, by=by
            )
    return party


def add_note(case: Case, text: str, *, by: User) -> CaseNote:
    if not text.strip():
        raise CaseError("Write the note before saving it.")
    note = CaseNote.objects.create(case=case, author=by, text=text.strip())
    record_event(case, EventKind.CONFIDENTIAL_NOTE, "Confidential note added", by=by)
    return note


def add_child_view(
    case: Case,
    kind: str,
    text: str = "",
    upload: Any = None,
    *,
    by: User | None,
    from_family: bool = False,
) -> ChildView:
    if not text.strip() and upload is None and kind != ChildView.Kind.ATTENDING:
        raise CaseError("Add the child's words, or upload a drawing or recording.")
    view = ChildView.objects.create(
        case=case,
        kind=kind,
        text=text.strip(),
        file=upload or "",
        content_type=getattr(upload, "content_type", "") or "",
        submitted_by_family=from_family,
    )
    record_event(
        case,
        EventKind.CHILD_VIEW_FROM_FAMILY if from_family else EventKind.CHILD_VIEW_ADDED_BY_STAFF,
        f"The child's or young person's views added ({ChildView.Kind(kind).label})",
        by=by,
    )
    return view


# --- closure -----------------------------------------------------------------------------------


def close_case(
    case: Case,
    outcome: str,
    reason: str = "",
    on: date | None = None,
    expected_version: int | None = None,
    *,
    by: User,
) -> Case:
    """Every closed case has an outcome (product.md)."""
    if outcome not in Outcome.values:
        raise CaseError("Choose the outcome before closing the case.")
    with editing(case, expected_version) as c:
        previous = c.state
        _move(c, Transition.CLOSE)
        c.state_before_close = previous
        c.outcome = outcome
        c.closed_on = on or today_in_england()
        c.close_reason = reason.strip()
        record_event(
            c,
            EventKind.CLOSED,
            f"Case closed: {Outcome(outcome).label}",
            {"state": [previous, CaseState.CLOSED], "reason": reason},
            by=by,
        )
    return case


def reopen_case(case: Case, reason: str, expected_version: int | None = None, *, by: User) -> Case:
    if not reason.strip():
        raise CaseError("Give the reason for reopening the case.")
    with editing(case, expected_version) as c:
        check_transition(c.state, Transition.REOPEN)
        c.state = c.state_before_close or CaseState.ENQUIRY
        c.closed_on = None
        if c.outcome in (Outcome.WITHDRAWN, Outcome.DECLINED, Outcome.NO_FURTHER_ACTION):
            c.outcome = ""
        record_event(
            c,
            EventKind.REOPENED,
            f"Case reopened: {reason.strip()}",
            {"state": [CaseState.CLOSED, c.state]},
            by=by,
        )
    return case


# --- after the case ------------------------------------------------------------------------------


def record_appeal_lodged(
    case: Case, lodged_on: date | None, expected_version: int | None = None, *, by: User
) -> Case:
    """The family appealed to the SEND Tribunal (or, with None, a wrong record is removed).
    LAs report mediation cases followed by an appeal in their SEN2 return (accord.reports)."""
    if lodged_on is not None and lodged_on > today_in_england():
        raise CaseError("The date the appeal was lodged must be today or in the past.")
    with editing(case, expected_version) as c:
        changes = _diff(c, {"appeal_lodged_on": lodged_on})
        c.appeal_lodged_on = lodged_on
        summary = (
            f"Appeal to the tribunal lodged on {lodged_on:%-d %B %Y}"
            if lodged_on
            else "Record of an appeal to the tribunal removed"
        )
        record_event(c, EventKind.APPEAL_LODGED, summary, changes, by=by)
    return case


def family_parties(case: Case) -> QuerySet[Party]:
    return case.parties.filter(role__in=FAMILY_ROLES)
