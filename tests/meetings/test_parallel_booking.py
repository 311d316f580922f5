"""Two coordinators book the same mediator for overlapping times at the same moment: exactly one
booking may succeed (the mediator's diary row is locked for the booking transaction)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from accord.meetings import services
from accord.meetings.errors import MeetingError
from accord.meetings.models import Meeting
from accord.organisations.roles import Role
from tests.meetings.conftest import MEETING_DAY, at, details, make_case


@pytest.fixture
def world_tx(transactional_db):
    from tests.conftest import World

    return World()


@pytest.mark.django_db(transaction=True)
def test_parallel_bookings_of_one_mediator_cannot_both_pass(world_tx):
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database with row locks (runs on PostgreSQL)")
    world = world_tx
    cases = [make_case(world, child_last_name=f"Child{n}") for n in range(2)]
    slots = [
        details(world),
        details(world, starts_at=at(MEETING_DAY, 12), ends_at=at(MEETING_DAY, 17)),
    ]
    start_together = threading.Barrier(len(cases))
    booked: list[int] = []
    refused: list[str] = []
    unexpected: list[BaseException] = []

    def book(n: int) -> None:
        try:
            start_together.wait()
            meeting = services.book_meeting(
                cases[n], slots[n], notify=False, by=world.user(Role.COORDINATOR)
            )
            booked.append(meeting.pk)
        except MeetingError as error:
            refused.append(str(error))
        except BaseException as error:  # pragma: no cover - reported below
            unexpected.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(n,)) for n in range(len(cases))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert unexpected == []
    assert len(booked) == 1
    assert len(refused) == 1
    assert "already booked" in refused[0]
    assert Meeting.objects.count() == 1
