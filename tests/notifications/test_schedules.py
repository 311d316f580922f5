"""Every app's periodic jobs are written by one helper (accord.notifications.schedules): a
schedule is made once, put back as declared on every migrate, and keeps its next run."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.apps import apps
from django.apps.registry import Apps
from django.utils import timezone
from django_q.models import Schedule

from accord.notifications.schedules import declare_schedule, withdraw_schedule

pytestmark = pytest.mark.django_db


def test_a_schedule_is_made_once_and_put_back_as_declared_keeping_its_next_run():
    first = timezone.now() + timedelta(hours=3)
    declare_schedule(
        apps, "default", "Job", "a.b.c", schedule_type=Schedule.HOURLY, first_run=first
    )
    made = Schedule.objects.get(name="Job")
    assert (made.func, made.schedule_type, made.repeats, made.next_run) == (
        "a.b.c",
        Schedule.HOURLY,
        -1,
        first,
    )
    Schedule.objects.filter(name="Job").update(schedule_type=Schedule.DAILY, func="x.y")
    declare_schedule(apps, "default", "Job", "a.b.c", schedule_type=Schedule.MINUTES, minutes=5)
    again = Schedule.objects.get(name="Job")
    assert (again.func, again.schedule_type, again.minutes, again.next_run) == (
        "a.b.c",
        Schedule.MINUTES,
        5,
        first,
    )
    assert Schedule.objects.filter(name="Job").count() == 1


def test_a_withdrawn_schedule_is_gone_and_withdrawing_none_is_harmless():
    declare_schedule(apps, "default", "Job", "a.b.c", schedule_type=Schedule.DAILY)
    withdraw_schedule(apps, "default", "Job")
    withdraw_schedule(apps, "default", "Job")
    assert not Schedule.objects.filter(name="Job").exists()


def test_before_django_q_is_migrated_nothing_is_written():
    empty = Apps(installed_apps=[])
    declare_schedule(empty, "default", "Job", "a.b.c", schedule_type=Schedule.DAILY)
    withdraw_schedule(empty, "default", "Job")
    assert not Schedule.objects.filter(name="Job").exists()
