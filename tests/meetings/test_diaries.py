"""Diaries and venues: the pages that set the availability the scheduling assistant reads,
and who may open each of the assistant's pages."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.test import Client
from django.urls import reverse

from accord.meetings import diaries, mias
from accord.meetings.errors import MeetingError
from accord.meetings.models import Diary, DiaryKind, Leave, Room, Venue
from accord.organisations.roles import Role
from accord.rules import ENGLAND
from tests.markup import parse
from tests.meetings.conftest import make_case

R = Role
STAFF = {R.SERVICE_MANAGER, R.COORDINATOR, R.ADVISER}


def _diary_form(**overrides) -> dict[str, str]:
    data = {"most_per_day": "1", "most_per_week": "3", "starts_1": "09:30", "ends_1": "16:30"}
    data.update(overrides)
    return data


def test_a_coordinator_sets_a_mediator_s_weekly_hours_and_leave(world, client_for):
    mediator = world.user(R.MEDIATOR)
    client = client_for(R.COORDINATOR)
    url = reverse("diaries:edit", args=[DiaryKind.MEDIATOR, mediator.pk])
    assert client.post(url, _diary_form()).status_code == 302
    diary = Diary.objects.get(person=mediator, kind=DiaryKind.MEDIATOR)
    assert [(h.weekday, h.starts, h.ends) for h in diary.hours.all()] == [
        (1, time(9, 30), time(16, 30))
    ]
    leave = {"action": "leave", "first_day": "2026-04-13", "last_day": "2026-04-17"}
    assert client.post(url, leave).status_code == 302
    assert Leave.objects.get(diary=diary).last_day == date(2026, 4, 17)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_1": ""}, "Enter both times for Tuesday"),
        ({"ends_1": "08:00"}, "the end must be after the start"),
        ({"most_per_day": "0"}, "Most meetings a day must be 1 or more"),
        ({"most_per_day": "3", "most_per_week": "2"}, "at least the most a day"),
    ],
)
def test_a_bad_diary_is_shown_again_with_the_error(world, client_for, overrides, message):
    url = reverse("diaries:edit", args=[DiaryKind.MEDIATOR, world.user(R.MEDIATOR).pk])
    response = client_for(R.COORDINATOR).post(url, _diary_form(**overrides))
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert not Diary.objects.exists()


def test_leave_ending_before_it_starts_is_refused(world):
    diary = diaries.save_diary(
        world.provider, world.user(R.MEDIATOR), DiaryKind.MEDIATOR, [], by=world.user(R.COORDINATOR)
    )
    with pytest.raises(MeetingError, match="on or after"):
        diaries.add_leave(diary, date(2026, 4, 17), date(2026, 4, 13), by=world.user(R.COORDINATOR))


def test_a_mediator_opens_only_their_own_diary(world, client_for):
    client = client_for(R.MEDIATOR)
    own = reverse("diaries:edit", args=[DiaryKind.MEDIATOR, world.user(R.MEDIATOR).pk])
    other = reverse("diaries:edit", args=[DiaryKind.ADVISER, world.user(R.ADVISER).pk])
    assert client.get(own).status_code == 200
    assert client.get(other).status_code == 404
    listing = client.get(reverse("diaries:list")).content.decode()
    assert str(world.user(R.ADVISER)) not in listing


@pytest.mark.parametrize("role", [R.COORDINATOR, R.SERVICE_MANAGER, R.ADVISER, R.MEDIATOR])
def test_the_venues_are_found_from_the_diaries_by_whoever_may_manage_them(world, client_for, role):
    """The venues page had no link to it anywhere: only a typed address reached it."""
    client = client_for(role)
    page = parse(client.get(reverse("diaries:list")).content)
    links = [a.get("href") for a in page.find_all("a")]
    offered = reverse("diaries:venues") in links
    assert offered == (role in STAFF)
    if offered:
        assert client.get(reverse("diaries:venues")).status_code == 200


def test_the_adviser_s_diary_for_calls(world, client_for):
    adviser = world.user(R.ADVISER)
    url = reverse("diaries:edit", args=[DiaryKind.ADVISER, adviser.pk])
    assert (
        client_for(R.COORDINATOR)
        .post(url, _diary_form(most_per_day="4", most_per_week="15"))
        .status_code
        == 302
    )
    assert Diary.objects.get(person=adviser).most_per_day == 4


def test_a_venue_with_its_room(world, client_for):
    data = {
        "name": "Hall",
        "address": "1 High St",
        "step_free": "on",
        "room_name": "Room 1",
        "capacity": "8",
    }
    assert client_for(R.COORDINATOR).post(reverse("diaries:venues"), data).status_code == 302
    room = Room.objects.select_related("venue").get()
    assert room.capacity == 8 and room.step_free and room.venue.provider == world.provider
    response = client_for(R.COORDINATOR).post(reverse("diaries:venues"), {**data, "capacity": "1"})
    assert response.status_code == 400
    assert Venue.objects.count() == 1


# --- who may open what ------------------------------------------------------------------------

PAGES = {
    "diaries:list": STAFF | {R.MEDIATOR},
    "diaries:venues": STAFF,
    "meetings:times": STAFF,
    "meetings:time_preferences": STAFF,
}


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_role_matrix_for_the_scheduling_pages(world, client_for, role, page):

    case = make_case(world)
    case.mediator = world.user(R.MEDIATOR)
    case.save()
    args = [case.reference] if page.startswith("meetings:") else []
    response = client_for(role).get(reverse(page, args=args))
    assert response.status_code == (200 if role in PAGES[page] else 403), (role, page)


def test_another_provider_gets_404_for_the_case_s_scheduling_pages(world):

    case = make_case(world)
    client = Client()
    client.force_login(world.stranger.user)
    for page in ("meetings:times", "meetings:time_preferences"):
        assert client.get(reverse(page, args=[case.reference])).status_code == 404


@pytest.mark.parametrize(
    ("call_at", "problem"),
    [
        ("2026-04-14 10:00", None),  # a Tuesday, in hours
        ("2026-04-14 16:50", "does not work at 16:50"),  # the 20-minute call would end late
        ("2026-04-13 10:00", "does not work at 10:00 on Mondays"),
        ("2026-04-21 10:00", "is on leave"),
    ],
)
def test_the_adviser_s_diary_holds_for_information_and_advice_calls(world, call_at, problem):
    case = make_case(world, stop_at="triaged")
    adviser = world.user(R.ADVISER)
    diary = diaries.save_diary(
        world.provider,
        adviser,
        DiaryKind.ADVISER,
        [(1, time(9), time(17))],
        by=world.user(R.COORDINATOR),
        most_per_day=4,
        most_per_week=10,
    )
    diaries.add_leave(diary, date(2026, 4, 20), date(2026, 4, 24), by=world.user(R.COORDINATOR))
    when = datetime.strptime(call_at, "%Y-%m-%d %H:%M").replace(tzinfo=ENGLAND)

    def book():
        return mias.book_mias_call(
            case,
            scheduled_for=when,
            adviser=adviser,
            phone_number="01632 960001",
            by=world.user(R.COORDINATOR),
        )

    if problem is None:
        assert book().scheduled_for == when
    else:
        with pytest.raises(MeetingError, match=problem):
            book()
