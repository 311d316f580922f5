"""'Where is my case?' in plain English: where it is now, what happens next, the dates that
matter to the family, and what has happened so far.

Written for a reading age of about 9 to 11: short sentences, everyday words, a legal term only
with its meaning. Every statutory date comes from the case's clocks (accord.cases.clocks), never
worked out here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from accord import rules
from accord.cases.clock_facts import clock_facts_for
from accord.cases.clocks import AgreedAction, CaseDeadline, deadlines_for
from accord.cases.models import Case, ChildView, TimelineEvent
from accord.cases.states import CaseState
from accord.cases.timeline import EventKind
from accord.documents.models import Agreement, Certificate
from accord.documents.selectors import item_deadline
from accord.family.clock_words import FAMILY_WORDS, FamilyWords
from accord.meetings.models import Meeting
from accord.rules import today_in_england

NOW: dict[str, str] = {
    CaseState.ENQUIRY: "We have your request. We are reading it.",
    CaseState.TRIAGED: "We have read your request. We will contact you to talk about what you "
    "can do next.",
    CaseState.MIAS_BOOKED: "You have a phone call booked with one of our mediation advisers.",
    CaseState.AWAITING_DECISION: "You have talked to a mediation adviser. Now it is your choice: "
    "mediation, or a certificate so that you can appeal.",
    CaseState.CERTIFICATE_DUE: "We are writing your mediation certificate.",
    CaseState.ARRANGING: "We are setting up a meeting with you and the other side.",
    CaseState.MEETING_BOOKED: "Your meeting is booked.",
    CaseState.FOLLOW_UP: "Your meeting has happened. We are checking that what was agreed gets "
    "done.",
    CaseState.CLOSED: "Your case is closed. We have finished working on it.",
}

NEXT: dict[str, list[str]] = {
    CaseState.ENQUIRY: [
        "We will look at your request and work out how we can help.",
        "We will contact you soon, in the way you asked us to.",
    ],
    CaseState.TRIAGED: [
        "We will contact you to arrange a talk with a mediation adviser.",
        "The talk is usually a phone call of about 20 minutes, at a time that suits you.",
    ],
    CaseState.MIAS_BOOKED: [
        "A mediation adviser will call you at the time you agreed.",
        "They will explain mediation and answer your questions. It is free.",
    ],
    CaseState.AWAITING_DECISION: [
        "Tell us if you want mediation. Mediation is a meeting where you and the council try to "
        "agree, with a person who does not take sides.",
        "If you do not want mediation, we will send you a certificate. You need it to appeal.",
    ],
    CaseState.CERTIFICATE_DUE: [
        "We will send you your mediation certificate. You will also find it on this page.",
        "You need the certificate if you want to appeal to the SEND Tribunal.",
    ],
    CaseState.ARRANGING: [
        "We will talk to everyone and find a date for the meeting.",
        "You can send us your child's views. They can write, draw, or record them.",
    ],
    CaseState.MEETING_BOOKED: [
        "Come to the meeting at the time shown below. The meeting usually takes 4 to 5 hours.",
        "You can send us your child's views before the meeting.",
    ],
    CaseState.FOLLOW_UP: [
        "We will send you what was agreed, and your certificate if you need one.",
        "The council must do what was agreed by the dates shown below.",
    ],
    CaseState.CLOSED: [
        "You can still download your documents here.",
        "Please tell us what you think of our service.",
    ],
}

# Plain words for the history; anything else shows the summary the service recorded for them.
EVENT_WORDS: dict[str, str] = {
    EventKind.MEDIATION_NOT_PURSUED: "We noted that you are not going ahead with mediation. We "
    "will send you a certificate, so that you can appeal if you want to.",
    EventKind.MEDIATION_NOT_PURSUED_CORRECTED: "We corrected our note that you are not going "
    "ahead with mediation.",
    EventKind.CLOSED: "We closed your case.",
    EventKind.REOPENED: "We opened your case again.",
    EventKind.MAIN_MEETING_CANCELLED: "The meeting was cancelled. We will be in touch about what "
    "happens next.",
    EventKind.YOUNG_PERSON: "Your child is now a young person (over school leaving age). From now "
    "on, the choices in this case are theirs.",
    EventKind.CHILD_VIEW_FROM_FAMILY: "You sent us your child's views.",
    EventKind.CASE_DOCUMENT_SHARED: "A document was added to your case. You can find it under "
    "Documents about your case.",
    EventKind.FEEDBACK_FROM_FAMILY: "You told us what you think of our service. Thank you.",
    EventKind.AGREEMENT_SIGNED_BY_ALL: "Everyone has signed the written agreement.",
}


@dataclass(frozen=True)
class KeyDate:
    key: str
    label: str
    on: date
    at: datetime | None
    explanation: str
    basis: str = ""
    done: str = ""  # e.g. "You contacted us on 20 October 2026."
    past: bool = False
    may_move: str = ""


def _done(words: FamilyWords | None, done_on: date | None) -> str:
    if done_on is None:
        return ""
    template = words.done if words is not None else "Done on {on}."
    return template.format(on=f"{done_on.day} {done_on:%B %Y}")


@dataclass(frozen=True)
class StillToDo:
    """Something agreed at the meeting that has not been done yet."""

    action: str
    who: str
    due: date | None


def still_to_do(agreements: list[Agreement]) -> list[StillToDo]:
    """The actions of the issued agreements not yet recorded as done: the council's (or health
    body's) duty to do them continues after the case is closed (SEND Regs 2014 reg 42)."""
    found = []
    for agreement in agreements:
        for item in agreement.items.all():
            deadline = item_deadline(item)
            if agreement.is_issued and deadline is not None and deadline.is_open:
                found.append(StillToDo(item.action, item.responsible, item.due_on))
    return sorted(found, key=lambda s: s.due or date.min)


def now_words(case: Case, still: list[StillToDo]) -> str:
    """Where the case is now. A closed case is not 'finished' while agreed actions are open."""
    if case.state == CaseState.CLOSED and still:
        return (
            "Your case is closed. But some of the things agreed at the meeting have not been "
            "done yet. We will keep checking that they get done."
        )
    return NOW.get(case.state, "")


def _still_to_do_words(item: StillToDo) -> str:
    when = f"by {item.due:%A} {item.due.day} {item.due:%B %Y}" if item.due else "straight away"
    return f"Still to be done: {item.action.rstrip('.')}. Who will do it: {item.who}. When: {when}."


def next_steps(
    case: Case,
    key_dates: list[KeyDate],
    has_certificate: bool,
    still: list[StillToDo] | None = None,
) -> list[str]:
    """What happens next for the case's state, and the appeal step once there is a
    certificate and the last day to appeal has not passed. A closed case with agreed actions
    still open says what is still to be done."""
    steps = list(NEXT.get(case.state, []))
    if case.state == CaseState.CLOSED and still:
        steps = [_still_to_do_words(item) for item in still] + steps
    appeal_key = rules.Clock.TRIBUNAL_APPEAL.key
    appeal = next((d for d in key_dates if d.key == appeal_key and not d.past), None)
    if has_certificate and appeal is not None:
        steps.append(
            f"If you want to appeal to the SEND Tribunal, you must do it by "
            f"{appeal.on:%A} {appeal.on.day} {appeal.on:%B %Y}. Send a copy of your "
            f"certificate with your appeal."
        )
    return steps


@dataclass(frozen=True)
class HistoryItem:
    on: datetime | date
    words: str


def _clock_date(
    clock: CaseDeadline, words: FamilyWords, today: date, certificates: list[Certificate]
) -> KeyDate:
    may_move = ""
    if clock.clock is rules.Clock.TRIBUNAL_APPEAL and not certificates:
        may_move = (
            "This date may move later when you get a mediation certificate: it becomes 1 month "
            "after the certificate, if that is later."
        )
    due = clock.due or today
    return KeyDate(
        key=clock.key,
        label=words.label,
        on=due,
        at=None,
        explanation=words.explanation,
        basis=clock.basis,
        done=_done(words, clock.done_on),
        past=due < today,
        may_move=may_move,
    )


def _agreed_date(clock: CaseDeadline, agreed: AgreedAction, due: date, today: date) -> KeyDate:
    return KeyDate(
        key=clock.key,
        label=f"Agreed: {agreed.action[:80]}",
        on=due,
        at=None,
        explanation=f"Who will do it: {agreed.who}.",
        basis=clock.basis,
        done=_done(None, clock.done_on),
        past=due < today,
    )


def dates_that_matter(
    case: Case,
    meetings: list[Meeting],
    certificates: list[Certificate],
    agreements: list[Agreement],
    today: date | None = None,
) -> list[KeyDate]:
    """Meetings, the family-facing clocks and agreed actions, nearest first."""
    today = today or today_in_england()
    found: list[KeyDate] = []
    issued_agreement_ids = {a.pk for a in agreements}
    agreed_item_ids = {
        item.pk
        for agreement in agreements
        for item in agreement.items.all()
        if agreement.pk in issued_agreement_ids
    }
    for clock in deadlines_for(case, clock_facts_for(case)):
        if clock.due is None:
            continue
        words = FAMILY_WORDS[clock.clock]
        if clock.agreed is not None:
            if clock.agreed.item_id in agreed_item_ids:
                found.append(_agreed_date(clock, clock.agreed, clock.due, today))
        elif words is not None:
            if clock.clock.counted_as is rules.Clock.MEDIATION_HELD_LA and clock.done_on:
                continue  # the meeting has happened: the family has that date already
            found.append(_clock_date(clock, words, today, certificates))
    for meeting in meetings:
        starts = timezone.localtime(meeting.starts_at)
        found.append(
            KeyDate(
                key=f"meeting_{meeting.pk}",
                label=f"Your {meeting.get_kind_display().lower()}",
                on=starts.date(),
                at=starts,
                explanation="See the meeting details below.",
                past=starts.date() < today,
            )
        )
    return sorted(found, key=lambda d: (d.on, d.at.timestamp() if d.at else 0.0))


def history(
    case: Case,
    events: list[TimelineEvent],
    certificates: list[Certificate],
    agreements: list[Agreement],
) -> list[HistoryItem]:
    """What has happened: events marked for the family, and the documents issued to them."""
    items = [HistoryItem(case.received_on, "We received your request for help.")]
    items += [HistoryItem(e.at, EVENT_WORDS.get(e.kind, e.summary)) for e in events]
    items += [
        HistoryItem(c.issued_on, f"We issued your mediation certificate, number {c.number}.")
        for c in certificates
    ]
    items += [
        HistoryItem(
            timezone.localtime(a.issued_at) if a.issued_at else a.concluded_on,
            "We sent you the written record of what was agreed at the meeting.",
        )
        for a in agreements
    ]

    def moment(item: HistoryItem) -> date:
        return item.on.date() if isinstance(item.on, datetime) else item.on

    return sorted(items, key=moment, reverse=True)


def can_send_views(case: Case) -> bool:
    return case.state != CaseState.CLOSED


VIEW_KIND_WORDS: dict[str, str] = {
    ChildView.Kind.FORM: "In their own words",
    ChildView.Kind.DRAWING: "A drawing or picture",
    ChildView.Kind.RECORDING: "A sound or video recording",
}
