"""Writes of the scheduling assistant (style.md #3): a coordinator sends 2-5 proposed times;
each required party (the family, the LA and ICB officers, the mediator) picks every time that
suits them; when every party has answered and one time suits them all, the meeting is booked
through `services.book_meeting` (its double-booking lock, its invitations and .ics), with notice
of the date and place recorded as sent that day, because the invitation is that notice. A round
that moves a meeting changes it through `services.change_meeting` instead, which keeps its
history and tells everyone. A party who can make none of the times closes the round: the
coordinator sends a new one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from accord import rules
from accord.cases.choices import FAMILY_ROLES, PartyRole
from accord.cases.models import Case, Party
from accord.cases.services import editing
from accord.cases.timeline import EventKind, record_event
from accord.meetings import services
from accord.meetings.booking_checks import check_booking
from accord.meetings.details import MeetingDetails
from accord.meetings.errors import MeetingError
from accord.meetings.models import (
    Meeting,
    MeetingKind,
    ProposalRound,
    ProposedTime,
    Responder,
    Room,
    RoundState,
    SchedulingPreference,
    StandbyEntry,
)
from accord.meetings.time_links import send_round_messages
from accord.organisations.models import User
from accord.rules import date_in_england, today_in_england

FEWEST, MOST = 2, 5
REQUIRED_ROLES = FAMILY_ROLES | {PartyRole.LA_OFFICER, PartyRole.ICB_OFFICER}


@dataclass(frozen=True)
class TimeChoice:
    starts_at: datetime
    ends_at: datetime
    mediator: User
    room: Room | None = None


@dataclass(frozen=True)
class RoundPlace:
    """How and where, the same for every time in the round."""

    kind: str = MeetingKind.MEDIATION
    format: str = "online"
    online_link: str = ""
    online_meeting_id: str = ""
    online_passcode: str = ""


def details_for(place: RoundPlace, time: TimeChoice | ProposedTime) -> MeetingDetails:
    return MeetingDetails(
        kind=place.kind,
        format=place.format,
        starts_at=time.starts_at,
        ends_at=time.ends_at,
        mediator=time.mediator,
        venue=time.room.venue.address if time.room is not None else "",
        online_link=place.online_link,
        online_meeting_id=place.online_meeting_id,
        online_passcode=place.online_passcode,
        room=time.room,
    )


def required_parties(case: Case) -> list[Party]:
    """Who must pick a time: the family and the LA and ICB officers on the case."""
    return [p for p in case.parties.all() if p.role in REQUIRED_ROLES]


def _agreed_shorter(case: Case) -> bool:
    pref = SchedulingPreference.objects.filter(case=case).first()
    return bool(pref and pref.agreed_shorter_notice)


def _check_time(case: Case, place: RoundPlace, time: TimeChoice, moves: Meeting | None) -> None:
    """Each time passes every check a booking would (the 30-day clock, the mediator, the
    diary, the room), and leaves the family notice if it were booked today."""
    day = date_in_england(time.starts_at)
    if not rules.notice_is_sufficient(today_in_england(), day, _agreed_shorter(case)):
        raise MeetingError(
            f"{day:%-d %B %Y} does not leave the family 5 working days' notice: choose a "
            "later time, or record that the family agreed to shorter notice."
        )
    check_booking(
        case,
        details_for(place, time),
        confirm_after_deadline=False,
        exclude=moves.pk if moves else None,
    )


def send_proposals(
    case: Case,
    place: RoundPlace,
    times: Sequence[TimeChoice],
    *,
    by: User,
    moves: Meeting | None = None,
    expected_version: int | None = None,
) -> ProposalRound:
    """Sends 2-5 times to every required party and the mediator of each time. An earlier
    round still waiting for answers is withdrawn."""
    if not FEWEST <= len(times) <= MOST:
        raise MeetingError(f"Choose between {FEWEST} and {MOST} times to send.")
    if len({t.starts_at for t in times}) != len(times):
        raise MeetingError("Each time sent must be different.")
    parties = required_parties(case)
    if not any(p.role in FAMILY_ROLES for p in parties):
        raise MeetingError("Add the family to the case before sending them times.")
    with editing(case, expected_version) as c:
        for time in times:
            _check_time(c, place, time, moves)
        c.proposal_rounds.filter(state=RoundState.OPEN).update(
            state=RoundState.WITHDRAWN, closed_at=timezone.now()
        )
        round_ = ProposalRound.objects.create(case=c, moves=moves, created_by=by, **place.__dict__)
        ProposedTime.objects.bulk_create(
            [
                ProposedTime(
                    round=round_,
                    starts_at=t.starts_at,
                    ends_at=t.ends_at,
                    mediator=t.mediator,
                    room=t.room,
                )
                for t in times
            ]
        )
        responders = [Responder(round=round_, party=p) for p in parties]
        responders += [Responder(round=round_, person=m) for m in {t.mediator for t in times}]
        Responder.objects.bulk_create(responders)
        record_event(
            c,
            EventKind.TIMES_PROPOSED,
            f"{len(times)} times sent to {len(responders)} people to choose from",
            {"times": [t.starts_at for t in times]},
            by=by,
        )
        send_round_messages(round_, by=by)
    return round_


def answer_times(
    responder: Responder, picks: Iterable[ProposedTime], *, by: User | None
) -> ProposalRound:
    """One party's answer: every time that suits them (none, if none does). The last answer
    books the meeting when one time suits everyone."""
    with transaction.atomic():
        round_ = ProposalRound.objects.select_for_update().get(pk=responder.round_id)
        if round_.state != RoundState.OPEN:
            raise MeetingError("These times are no longer open: we will send new ones.")
        chosen = [p for p in picks if p.round_id == round_.pk]
        with editing(round_.case) as c:
            responder.picks.set(chosen)
            responder.answered_at = timezone.now()
            responder.save(update_fields=["answered_at"])
            record_event(
                c,
                EventKind.TIMES_ANSWERED,
                f"{responder.label} answered: {len(chosen)} of the times suit",
                {"picked": [p.starts_at for p in chosen]},
                by=by,
            )
        settle(round_)
    return round_


def _suits_everyone(round_: ProposalRound) -> tuple[list[ProposedTime], bool, bool]:
    """The times every party and that time's mediator picked; whether every party has
    answered; and whether a party can make none of the times."""
    responders = list(round_.responders.prefetch_related("picks"))
    parties = [r for r in responders if r.party_id is not None]
    picked = {r.pk: {p.pk for p in r.picks.all()} for r in responders}
    mediators = {r.person_id: picked[r.pk] for r in responders if r.person_id is not None}
    all_answered = all(r.answered_at is not None for r in parties)
    declined = any(r.answered_at is not None and not picked[r.pk] for r in parties)
    common = [
        t
        for t in round_.times.select_related("mediator", "room__venue")
        if all(t.pk in picked[r.pk] for r in parties) and t.pk in mediators.get(t.mediator_id, ())
    ]
    return common, all_answered, declined


def settle(round_: ProposalRound) -> None:
    """Books (or moves) the meeting when a time suits everyone; closes the round when none
    can. Called in the transaction of the answer, with the round's row locked."""
    common, all_answered, declined = _suits_everyone(round_)
    if declined:
        _close(round_, RoundState.DECLINED, "A party can make none of the times: send new ones")
    elif all_answered and common:
        _book(round_, common[0])
    elif all_answered and all(r.answered_at for r in round_.responders.all()):
        _close(round_, RoundState.NO_COMMON_TIME, "No time suits everyone: send new ones")


def _close(round_: ProposalRound, state: str, summary: str) -> None:
    round_.state = state
    round_.closed_at = timezone.now()
    round_.save(update_fields=["state", "closed_at"])
    record_event(round_.case, EventKind.TIMES_CLOSED, summary, by=None)


def _book(round_: ProposalRound, time: ProposedTime) -> None:
    case = round_.case
    by = round_.created_by
    day = date_in_england(time.starts_at)
    today = today_in_england()
    if by is None or not rules.notice_is_sufficient(today, day, _agreed_shorter(case)):
        _close(
            round_,
            RoundState.NO_COMMON_TIME,
            f"{day:%-d %B %Y} suits everyone but no longer leaves 5 working days' notice",
        )
        return
    details = details_for(
        RoundPlace(
            round_.kind,
            round_.format,
            round_.online_link,
            round_.online_meeting_id,
            round_.online_passcode,
        ),
        time,
    )
    parties = [r.party for r in round_.responders.select_related("party") if r.party]
    if round_.moves is not None:
        meeting = services.change_meeting(round_.moves, details, by=by)
        services.record_notice(meeting, notice_sent_on=today, by=by)
    else:
        meeting = services.book_meeting(
            case, details, attendees=parties, notice_sent_on=today, by=by
        )
    round_.state = RoundState.BOOKED
    round_.meeting = meeting
    round_.closed_at = timezone.now()
    round_.save(update_fields=["state", "meeting", "closed_at"])


# --- the standby list ----------------------------------------------------------------------------


def add_to_standby(case: Case, note: str = "", *, by: User) -> StandbyEntry:
    """The family would take an earlier time if one comes free."""
    with editing(case) as c:
        entry = c.standby_entries.filter(removed_at__isnull=True).first()
        if entry is not None:
            raise MeetingError("This case is already on the standby list.")
        entry = StandbyEntry.objects.create(case=c, note=note.strip())
        record_event(c, EventKind.STANDBY, "Added to the standby list for an earlier time", by=by)
    return entry


def remove_from_standby(entry: StandbyEntry, *, by: User) -> None:
    with editing(entry.case) as c:
        entry.removed_at = timezone.now()
        entry.save(update_fields=["removed_at"])
        record_event(c, EventKind.STANDBY, "Taken off the standby list", by=by)


def record_time_preference(
    case: Case,
    *,
    by: User,
    weekdays: Iterable[int] = (),
    part_of_day: str = "",
    agreed_shorter_notice: bool = False,
    note: str = "",
) -> SchedulingPreference:
    """What the family said suits them; ranked first among the proposals."""
    if part_of_day not in ("", "morning", "afternoon"):
        raise MeetingError("Choose mornings, afternoons or any time.")
    days = sorted({int(d) for d in weekdays if 0 <= int(d) <= 6})
    with editing(case) as c:
        pref, _ = SchedulingPreference.objects.update_or_create(
            case=c,
            defaults={
                "weekdays": ",".join(str(d) for d in days),
                "part_of_day": part_of_day,
                "agreed_shorter_notice": agreed_shorter_notice,
                "note": note.strip(),
            },
        )
        summary = "The family's preferred times recorded"
        if agreed_shorter_notice:
            summary += "; they agreed to shorter notice"
        record_event(c, EventKind.TIMES_ANSWERED, summary, by=by)
    return pref
