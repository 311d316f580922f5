"""The scheduling assistant with the database: diaries in, proposals out; times sent, each
party's pick by their link, and the meeting booked with notice recorded when a time suits all.

Today is stopped at Monday 30 March 2026; the LA was told on 20 March, so the 30 days run to
19 April 2026, and 5 working days' notice (Good Friday and Easter Monday do not count) makes
Wednesday 8 April the first day.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from accord.cases.choices import PartyRole
from accord.cases.states import CaseState
from accord.meetings import proposals, scheduling, standby, time_links
from accord.meetings.errors import MeetingError
from accord.meetings.models import (
    Diary,
    DiaryKind,
    Leave,
    Meeting,
    MeetingFormat,
    Room,
    RoundState,
    Venue,
    WorkingHours,
)
from accord.meetings.scheduling import suggest_mediators
from accord.notifications.models import MessageKind, OutboxMessage
from accord.organisations.roles import Role
from accord.rules import ENGLAND
from tests.factories import MembershipFactory
from tests.meetings.conftest import la_officer, make_case

TODAY = datetime(2026, 3, 30, 9, 0, tzinfo=ENGLAND)
FIRST_DAY = date(2026, 4, 8)
LAST_DAY = date(2026, 4, 19)


@pytest.fixture
def diary(world, mediator):
    d = Diary.objects.create(
        provider=world.provider,
        person=mediator,
        kind=DiaryKind.MEDIATOR,
        most_per_day=1,
        most_per_week=3,
    )
    for weekday in range(5):
        WorkingHours.objects.create(diary=d, weekday=weekday, starts=time(9), ends=time(17))
    return d


@pytest.fixture
def ready(world, case, diary, stop_clock_at):
    stop_clock_at(TODAY)
    la_officer(world, case)
    case.refresh_from_db()
    return case


def test_proposals_fall_between_notice_and_the_deadline(ready):
    found = scheduling.proposals_for(ready, TODAY.date())
    assert found.deadline == LAST_DAY
    assert found.window.first_day == FIRST_DAY
    days = [s.day for s in found.slots]
    assert days[0] == FIRST_DAY
    assert max(days) <= LAST_DAY
    assert all(s.starts_at.astimezone(ENGLAND).time() == time(9) for s in found.slots)


def test_leave_and_existing_meetings_are_left_out(world, ready, diary, mediator):
    Leave.objects.create(diary=diary, first_day=FIRST_DAY, last_day=FIRST_DAY)
    other = Meeting.objects.create(
        case=ready,
        kind="pre_meeting",
        format="phone",
        mediator=mediator,
        starts_at=datetime.combine(date(2026, 4, 10), time(9), tzinfo=ENGLAND),
        ends_at=datetime.combine(date(2026, 4, 10), time(10), tzinfo=ENGLAND),
    )
    found = scheduling.proposals_for(ready, TODAY.date())
    days = {s.day for s in found.slots}
    assert FIRST_DAY not in days  # leave
    assert other.starts_at.date() not in days  # most one a day
    assert date(2026, 4, 13) in days


def test_in_person_needs_a_room_and_says_so_when_there_is_none(world, ready):
    found = scheduling.proposals_for(
        ready, TODAY.date(), scheduling.Ask(format=MeetingFormat.IN_PERSON)
    )
    assert found.slots == []
    assert "needs a room" in found.problem
    venue = Venue.objects.create(provider=world.provider, name="Hall", address="1 High St")
    room = Room.objects.create(venue=venue, name="Room 1", capacity=8)
    found = scheduling.proposals_for(
        ready, TODAY.date(), scheduling.Ask(format=MeetingFormat.IN_PERSON)
    )
    assert {s.room_id for s in found.slots} == {room.pk}


def test_no_time_before_the_deadline_offers_the_certificate_path(world, ready, diary, client_for):
    Leave.objects.create(diary=diary, first_day=FIRST_DAY, last_day=LAST_DAY)
    found = scheduling.proposals_for(ready, TODAY.date())
    assert found.cannot_be_held_in_time
    page = client_for(Role.COORDINATOR).get(reverse("meetings:times", args=[ready.reference]))
    assert page.status_code == 200
    assert reverse("cases:cannot_hold", args=[ready.reference]) in page.content.decode()


def test_a_mediator_employed_by_the_la_is_never_proposed(world, ready, mediator):
    membership = world.members[Role.MEDIATOR]
    membership.employed_by_local_authority = world.la
    membership.save()
    found = scheduling.proposals_for(ready, TODAY.date(), scheduling.Ask(any_mediator=True))
    assert found.slots == []
    assert "No mediator" in found.problem


def _send(world, case, n=3):
    found = scheduling.proposals_for(case, TODAY.date())
    times = [
        proposals.TimeChoice(s.starts_at, s.ends_at, found.mediators[s.mediator_id])
        for s in found.slots[:n]
    ]
    place = proposals.RoundPlace(format="online", online_link="https://meet.example.com/x")
    return proposals.send_proposals(case, place, times, by=world.user(Role.COORDINATOR))


@pytest.mark.parametrize("n", [1, 6])
def test_two_to_five_times_are_sent(world, ready, n):
    with pytest.raises(MeetingError, match="between 2 and 5"):
        _send(world, ready, n)


def test_times_that_leave_too_little_notice_cannot_be_sent(world, ready, mediator):
    start = datetime.combine(date(2026, 4, 2), time(9), tzinfo=ENGLAND)
    times = [
        proposals.TimeChoice(
            start + timedelta(days=i), start + timedelta(days=i, hours=5), mediator
        )
        for i in (0, 7)
    ]
    with pytest.raises(MeetingError, match="5 working days' notice"):
        proposals.send_proposals(
            ready,
            proposals.RoundPlace(online_link="https://x.example"),
            times,
            by=world.user(Role.COORDINATOR),
        )


def test_the_meeting_is_booked_when_every_party_picks_a_common_time(
    world, ready, client_for, deliver_outbox
):
    round_ = _send(world, ready)
    deliver_outbox()
    sent = {m.to[0]: m.body for m in mail.outbox if "Choose times" in m.subject}
    assert set(sent) == {
        "jo.parent@example.com",
        "pat.officer@council.example",
        world.user(Role.MEDIATOR).email,
    }
    assert all("Zebedee" not in body and "Quartermain" not in body for body in sent.values())
    times = list(round_.times.all())
    for responder in round_.responders.all():
        link = time_links.pick_link(responder)
        assert link in sent[time_links._email_of(responder)]
        path = link.split("example.com", 1)[-1] if "example.com" in link else link
        path = "/" + link.split("/", 3)[3]
        picks = (
            times[1:] if responder.party and responder.party.role == PartyRole.LA_OFFICER else times
        )
        response = (
            client_for(Role.COORDINATOR).__class__().post(path, {"picks": [t.pk for t in picks]})
        )
        assert response.status_code == 200
    round_.refresh_from_db()
    assert round_.state == RoundState.BOOKED
    meeting = round_.meeting
    assert meeting.starts_at == times[1].starts_at  # the earliest time everyone picked
    assert meeting.notice_sent_on == TODAY.date()
    ready.refresh_from_db()
    assert ready.state == CaseState.MEETING_BOOKED
    assert {a.party.role for a in meeting.attendees.select_related("party")} >= {
        PartyRole.LA_OFFICER
    }
    mail.outbox.clear()
    deliver_outbox()
    assert any(m.attachments and m.attachments[0][0].endswith(".ics") for m in mail.outbox)


def test_a_party_who_can_make_none_closes_the_round(world, ready):
    round_ = _send(world, ready)
    family = round_.responders.get(party__is_enquirer=True)
    proposals.answer_times(family, [], by=None)
    round_.refresh_from_db()
    assert round_.state == RoundState.DECLINED
    with pytest.raises(MeetingError, match="no longer open"):
        proposals.answer_times(family, list(round_.times.all()), by=None)
    again = _send(world, ready)
    assert again.state == RoundState.OPEN


def test_a_new_round_withdraws_the_open_one(world, ready):
    first = _send(world, ready)
    _send(world, ready, 2)
    first.refresh_from_db()
    assert first.state == RoundState.WITHDRAWN


def test_an_altered_link_is_refused(world, ready, client):
    round_ = _send(world, ready)
    token = time_links.responder_token(round_.responders.first())
    response = client.get(reverse("meeting_times:pick", args=[token[:-2] + "xx"]))
    assert response.status_code == 404
    assert "not one we sent" in response.content.decode()


def test_a_link_expires(world, ready, client, stop_clock_at):
    round_ = _send(world, ready)
    token = time_links.responder_token(round_.responders.first())
    stop_clock_at(TODAY + timedelta(days=15))
    response = client.get(reverse("meeting_times:pick", args=[token]))
    assert response.status_code == 404
    assert "expired" in response.content.decode()


def test_staff_send_times_from_the_page(world, ready, client_for):
    client = client_for(Role.COORDINATOR)
    url = reverse("meetings:times", args=[ready.reference])
    page = client.get(url)
    assert page.status_code == 200
    keys = page.context["form"].fields["times"].choices
    response = client.post(
        url, {"version": ready.version, "format": "online", "times": [keys[0][0]]}
    )
    assert response.status_code == 400
    assert "Choose 2 to 5 times" in response.content.decode()
    response = client.post(
        url,
        {
            "version": ready.version,
            "format": "online",
            "times": [k for k, _ in keys[:3]],
            "online_link": "https://meet.example.com/x",
        },
    )
    assert response.status_code == 302
    assert ready.proposal_rounds.get().times.count() == 3


def test_standby_list(world, ready, client_for):
    client = client_for(Role.COORDINATOR)
    url = reverse("meetings:standby", args=[ready.reference])
    assert client.post(url).status_code == 302
    assert ready.standby_entries.filter(removed_at__isnull=True).exists()
    client.post(url)
    assert not ready.standby_entries.filter(removed_at__isnull=True).exists()


def test_officers_and_the_mediator_answer_from_their_own_pages(world, ready, client_for):
    officer = ready.parties.get(role=PartyRole.LA_OFFICER)
    officer.email = world.user(Role.LA_OFFICER).email
    officer.save()
    ready.mediator = world.user(Role.MEDIATOR)  # the mediator opens only their own cases
    ready.save()
    round_ = _send(world, ready)
    url = reverse("meetings:answer_times", args=[ready.reference])
    first = round_.times.first()
    for role in (Role.LA_OFFICER, Role.MEDIATOR):
        client = client_for(role)
        assert (
            "Choose the times you can make" in client.get(ready.get_absolute_url()).content.decode()
        )
        assert client.get(url).status_code == 200
        assert client.post(url, {"picks": [first.pk]}).status_code == 302
    answered = {r.label for r in round_.responders.filter(answered_at__isnull=False)}
    assert len(answered) == 2
    times_page = reverse("meetings:times", args=[ready.reference])
    page = client_for(Role.COORDINATOR).get(times_page).content.decode()
    assert "No answer yet" in page  # the family has not answered
    assert page.count("Answered") == 2
    assert client_for(Role.ICB_OFFICER).get(url).status_code == 404


def test_a_mediator_is_suggested_by_free_time_then_load(world, ready, diary, mediator):

    ready.mediator = None
    ready.save()
    second = MembershipFactory(provider=world.provider, role=Role.MEDIATOR)
    employed = MembershipFactory(
        provider=world.provider, role=Role.MEDIATOR, employed_by_local_authority=world.la
    )
    for m in (second, employed):
        d = Diary.objects.create(provider=world.provider, person=m.user, kind=DiaryKind.MEDIATOR)
        WorkingHours.objects.create(diary=d, weekday=2, starts=time(9), ends=time(17))
    Leave.objects.create(diary=diary, first_day=FIRST_DAY, last_day=LAST_DAY)
    found = suggest_mediators(ready, TODAY.date())
    assert [s.mediator for s in found] == [second.user, mediator]
    assert found[0].first_time.date() == FIRST_DAY  # Wednesday
    assert found[1].first_time is None


def _book_first(world, case):
    round_ = _send(world, case)
    first = round_.times.first()
    for responder in round_.responders.all():
        proposals.answer_times(responder, [first], by=None)
    round_.refresh_from_db()
    return round_.meeting


def test_moving_a_meeting_by_new_times_keeps_its_history_and_tells_everyone(
    world, ready, client_for, deliver_outbox
):
    meeting = _book_first(world, ready)
    sequence = meeting.sequence
    url = reverse("meetings:times", args=[ready.reference]) + f"?moves={meeting.pk}"
    client = client_for(Role.COORDINATOR)
    page = client.get(url)
    assert "Find a new time" in page.content.decode()
    keys = [k for k, _ in page.context["form"].fields["times"].choices]
    # The meeting's own time is offered again: it does not block its own move.
    assert any(datetime.fromisoformat(k.split("|")[2]) == meeting.starts_at for k in keys)
    ready.refresh_from_db()
    response = client.post(
        url,
        {
            "version": ready.version,
            "format": "online",
            "times": keys[1:3],
            "online_link": "https://meet.example.com/y",
        },
    )
    assert response.status_code == 302
    round_ = ready.proposal_rounds.filter(state=RoundState.OPEN).get()
    assert round_.moves == meeting
    new_time = round_.times.last()
    deliver_outbox()
    mail.outbox.clear()
    for responder in round_.responders.all():
        proposals.answer_times(responder, [new_time], by=None)
    meeting.refresh_from_db()
    assert meeting.starts_at == new_time.starts_at
    assert meeting.sequence == sequence + 1
    assert meeting.notice_sent_on == TODAY.date()
    assert Meeting.objects.filter(case=ready).count() == 1
    kinds = list(ready.timeline.values_list("kind", flat=True))
    assert "meeting_booked" in kinds and "meeting_changed" in kinds
    deliver_outbox()
    assert any("changed" in m.subject for m in mail.outbox)


def test_a_cancellation_points_to_the_standby_list(world, ready, client_for):

    waiting = make_case(world)
    proposals.add_to_standby(waiting, by=world.user(Role.COORDINATOR))
    meeting = _book_first(world, ready)
    ready.refresh_from_db()
    response = client_for(Role.COORDINATOR).post(
        reverse("meetings:cancel", args=[ready.reference, meeting.pk]),
        {"version": ready.version, "reason": "The mediator is ill"},
        follow=True,
    )
    assert waiting.reference in response.content.decode()


def test_the_link_page_lists_only_the_times_and_is_audited(world, ready, client):
    round_ = _send(world, ready)
    family = round_.responders.get(party__is_enquirer=True)
    response = client.get(reverse("meeting_times:pick", args=[time_links.responder_token(family)]))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('name="picks"') == 3
    assert "Zebedee" not in page and "Quartermain" not in page
    assert ready.accesses.filter(what__startswith="times to choose opened by link").exists()
    bad = client.post(
        reverse("meeting_times:pick", args=[time_links.responder_token(family)]),
        {"picks": ["999999"]},
    )
    assert bad.status_code == 400
    assert "There is a problem" in bad.content.decode()


def test_a_cancelled_time_is_offered_to_the_first_standby_case_it_suits(
    world, ready, client_for, deliver_outbox
):
    # Told later, so its 30 days run past the freed time: it suits. The other, told too early,
    # would have to meet before its deadline has passed (SEND Regs reg 37): it does not.
    too_late = make_case(world, la_notified_on=date(2026, 3, 2))
    suits = make_case(world, la_notified_on=date(2026, 3, 25))
    coordinator = world.user(Role.COORDINATOR)
    proposals.add_to_standby(too_late, by=coordinator)
    proposals.add_to_standby(suits, by=coordinator)
    meeting = _book_first(world, ready)
    assert not standby.suits(meeting, too_late)
    ready.refresh_from_db()
    response = client_for(Role.COORDINATOR).post(
        reverse("meetings:cancel", args=[ready.reference, meeting.pk]),
        {"version": ready.version, "reason": "The family cannot come"},
        follow=True,
    )
    assert f"The freed time suits {suits.reference}" in response.content.decode()
    event = suits.timeline.filter(kind="standby").latest("at")  # after being added to the list
    assert "A cancellation freed a time that suits this case" in event.summary
    assert not too_late.timeline.filter(summary__startswith="A cancellation").exists()
    [told] = OutboxMessage.objects.filter(kind=MessageKind.STANDBY_OFFER)
    assert told.case == suits
    assert told.to == [coordinator.email]
    assert reverse("meetings:times", args=[suits.reference]) in told.body
    assert "Zebedee" not in told.body and "Quartermain" not in told.body
    # Nothing is booked for the standby case until its parties pick a time.
    assert not suits.meetings.exists()
