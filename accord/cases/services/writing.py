"""How every step writes to a case: under the case's row lock, with the version check.

A step opens `editing(case, expected_version)`, which locks the row inside a transaction and
refuses a stale form (so concurrent edits cannot silently overwrite each other); the step checks
its state transition (`move`), changes the case and records the timeline event; on the way out
the stored clocks and the next deadline are refreshed, and the version bumped. Here too are the
errors a step raises and the small pieces every step shares. The steps themselves are the other
modules of this package; none of them is imported here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, NamedTuple

from django.db import transaction

from accord import rules
from accord.cases.clock_facts import clock_facts_for
from accord.cases.clock_rows import rows_are_current, store_case_clocks
from accord.cases.clocks import CaseDeadline, ClockFacts, next_open_deadline, open_agreed_actions
from accord.cases.cross_checks import meeting_days_for
from accord.cases.models import Case
from accord.cases.states import CaseState, Transition, check_transition
from accord.cases.timeline import EventKind, record_event
from accord.organisations.models import Membership, Provider, User
from accord.organisations.roles import Role
from accord.rules import today_in_england


class CaseError(Exception):
    """A request that the rules of the journey do not allow; the message says why. `field`,
    when given, names the form field the problem is in, so the form shows the message there."""

    def __init__(self, message: str = "", *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class NeedsConfirmation(CaseError):
    """The step is allowed only if the person taking it ticks `field` to confirm a warning they
    have read (the message says what they are confirming)."""


class ConcurrentEdit(CaseError):
    def __init__(self) -> None:
        super().__init__(
            "Someone else changed this case while you were editing it. "
            "Your changes have not been saved: check the case and try again."
        )


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
        refresh_next_deadline(locked)
        locked.save()
    # Let the caller's object show the saved state.
    case.refresh_from_db()


def refresh_deadlines(case: Case) -> None:
    """Recompute the stored next deadline after a change elsewhere (a certificate, an action)."""
    with editing(case):
        pass


class Refreshed(NamedTuple):
    checked: int
    changed: int


def refresh_open_cases() -> Refreshed:
    """Every open case re-checked: a child who reached the end of compulsory school age is
    noted as a young person, and the stored clocks and next deadline are worked out again.
    Nightly, by the worker ("Case refresh", accord.reminders.tasks), or `manage.py
    refresh_cases`; safe to run any number of times. A case whose record already says all
    this is read, not written: its version stays, so a form open on it is not made stale, and
    the night's writing is only the cases a new day changed."""
    checked = changed = 0
    for case in (
        Case.objects.exclude(state=CaseState.CLOSED)
        .select_related("child")
        .order_by("pk")
        .iterator(chunk_size=500)
    ):
        checked += 1
        if not is_current(case):
            refresh_deadlines(case)
            changed += 1
    return Refreshed(checked, changed)


def is_current(case: Case) -> bool:
    """Whether the stored record of the case already says what a refresh would write: the young
    person noted if they have become one, the clock rows and the next deadline as worked out
    today (each compared with what `refresh_next_deadline` would store)."""
    if _young_person_to_note(case) is not None:
        return False
    facts = clock_facts_for(case)
    if not rows_are_current(case, facts):
        return False
    nearest = _nearest_to_chase(case, facts)
    next_deadline = (nearest.due, nearest.key) if nearest else (None, "")
    return (case.next_deadline_on, case.next_deadline_clock) == next_deadline


def refresh_next_deadline(case: Case) -> None:
    """Stores the case's clock rows and sets its next deadline from the same facts; the caller
    saves the case (`editing` does, and so does a new enquiry)."""
    # Reports aggregate each clock's due and done dates in SQL: keep them stored, from the same
    # facts as the nearest deadline below.
    _note_young_person(case)
    facts = clock_facts_for(case)
    store_case_clocks(case, facts)
    nearest = _nearest_to_chase(case, facts)
    case.next_deadline_on = nearest.due if nearest else None
    case.next_deadline_clock = nearest.key if nearest else ""


def _nearest_to_chase(case: Case, facts: ClockFacts) -> CaseDeadline | None:
    """The nearest open deadline; once the case is closed, only the agreed actions not yet
    done are still chased (the duty under SEND Regs 2014 reg 42 continues)."""
    if case.state != CaseState.CLOSED:
        return next_open_deadline(case, facts)
    dated = [d for d in open_agreed_actions(facts) if d.due is not None]
    return min(dated, key=lambda d: d.due or date.max) if dated else None


def _note_young_person(case: Case) -> None:
    """When the child passes compulsory school age during the case, the rights become the young
    person's own (CFA 2014 s.83; SEND Code of Practice 11): say so once on the timeline."""
    became = _young_person_to_note(case)
    if became is not None:
        record_event(
            case,
            EventKind.YOUNG_PERSON,
            f"Became a young person on {became:%-d %B %Y}: the rights are now theirs "
            "(Children and Families Act 2014 s.83)",
            by=None,
        )


def _young_person_to_note(case: Case) -> date | None:
    """The day the child became a young person during the case, if the timeline does not say
    so yet (and the case is open)."""
    if case.pk is None or case.state == CaseState.CLOSED:
        return None
    became = rules.becomes_young_person_on(case.child.date_of_birth)
    if not case.received_on < became <= today_in_england():
        return None
    if case.timeline.filter(kind=EventKind.YOUNG_PERSON).exists():
        return None
    return became


def move(case: Case, transition: Transition) -> CaseState | None:
    """Moves the case along `transition` if the states table allows it from its state, or raises
    IllegalTransition. Returns the new state (None where the service decides it)."""
    target = check_transition(case.state, transition)
    if target is not None:
        case.state = target
    return target


def changes_to(case: Case, updates: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields `updates` would change, as {name: [before, after]}, for the timeline."""
    return {
        name: [getattr(case, name), value]
        for name, value in updates.items()
        if getattr(case, name) != value
    }


def holds(user: User, provider: Provider, role: Role) -> bool:
    """Whether `user` has `role` in `provider`."""
    return Membership.objects.filter(user=user, provider=provider, role=role).exists()


# --- dates checked against each other and against today, by a step and by the correction of
# what it recorded (accord.cases.case_facts): the same rule whichever page the date is typed on.


def check_not_in_future(day: date, what: str, field: str = "") -> None:
    """A thing that happened cannot be in the future."""
    if day > today_in_england():
        raise CaseError(f"{what} must be today or in the past.", field=field)


def check_not_before(day: date, earlier: date | None, what: str, why: str, field: str = "") -> None:
    """`day` cannot come before `earlier` (`why` names what happened then)."""
    if earlier is not None and day < earlier:
        raise CaseError(
            f"{what} must be on or after {earlier:%-d %B %Y}, {why}.",
            field=field,
        )


def check_after_received(case: Case, day: date, what: str, field: str = "") -> None:
    """Something that happened on the case: not in the future, nor before the enquiry came."""
    check_not_in_future(day, what, field)
    check_not_before(day, case.received_on, what, "when the enquiry was received", field)


def check_after_choice(case: Case, day: date, what: str, field: str = "") -> None:
    """Something that follows the family's choice of mediation (the LA and ICB told, the LA
    saying it cannot be held): not in the future, nor before that choice."""
    check_not_in_future(day, what, field)
    check_not_before(day, case.family_choice_on, what, "when the family chose mediation", field)


def check_decision_letter_on(received_on: date, day: date, field: str = "") -> None:
    """The decision letter the family disagrees with: not in the future, and sent before they
    came to the service about it (the enquiry received on `received_on`)."""
    check_not_in_future(day, "The date of the decision letter", field)
    if day > received_on:
        raise CaseError(
            "The decision letter cannot be dated after the enquiry was received "
            f"({received_on:%-d %B %Y}).",
            field=field,
        )


def check_dr_answer_on(case: Case, day: date, field: str = "") -> None:
    """A party's answer to the invitation to disagreement resolution: not in the future, nor
    before the invitation (CoP 11.6)."""
    what = "The date of the answer to disagreement resolution"
    check_not_in_future(day, what, field)
    check_not_before(day, case.dr_started_on, what, "when it was started", field)


def check_concluded_on(case: Case, concluded_on: date, field: str = "concluded_on") -> None:
    """A meeting held cannot be in the future, nor end before it began: the date starts the
    certificate clock (SEND Regs reg 39) and stops the 30-day one (regs 35-37)."""
    check_not_in_future(concluded_on, "The date the meeting concluded", field)
    days = meeting_days_for(case)
    if not days or concluded_on >= days[0]:
        return
    if days[0] > today_in_england():
        raise CaseError(
            f"The meeting is on {days[0]:%-d %B %Y}: record its outcome once it has been held.",
            field=field,
        )
    raise CaseError(
        f"The date the meeting concluded must be on or after {days[0]:%-d %B %Y}, the day the "
        "meeting began.",
        field=field,
    )
