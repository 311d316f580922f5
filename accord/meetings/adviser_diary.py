"""The mediation adviser's diary for information and advice calls: a call is booked inside
their weekly hours, never on their leave, and within the most calls a day. An adviser with no
diary set up is not checked (the service may not use diaries yet)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from accord.cases.models import Case
from accord.meetings import slots
from accord.meetings.errors import MeetingError
from accord.meetings.models import Diary, DiaryKind, MiasCall
from accord.organisations.models import User
from accord.rules import ENGLAND, date_in_england

CALL_LENGTH = timedelta(minutes=20)  # a MIAS call is usually about 20 minutes (product.md)


def check_adviser_diary(case: Case, adviser: User, scheduled_for: datetime) -> None:
    diary = (
        Diary.objects.filter(provider_id=case.provider_id, person=adviser, kind=DiaryKind.ADVISER)
        .prefetch_related("hours", "leave")
        .first()
    )
    if diary is None:
        return
    day = date_in_england(scheduled_for)
    if slots.on_leave(day, [(leave.first_day, leave.last_day) for leave in diary.leave.all()]):
        raise MeetingError(f"{adviser} is on leave on {day:%-d %B %Y}.", field="call_on")
    local = scheduled_for.astimezone(ENGLAND)
    windows = [(h.starts, h.ends) for h in diary.hours.all() if h.weekday == day.weekday()]
    end = (local + CALL_LENGTH).time()
    if not any(opens <= local.time() and end <= closes for opens, closes in windows):
        raise MeetingError(
            f"{adviser} does not work at {local:%H:%M} on {local:%A}s: choose a time in their "
            "working hours (Diaries).",
            field="call_at",
        )
    midnight = datetime.combine(day, time.min, tzinfo=ENGLAND)
    others = MiasCall.objects.filter(
        adviser=adviser,
        case__provider_id=case.provider_id,
        scheduled_for__gte=midnight,
        scheduled_for__lt=midnight + timedelta(days=1),
    ).exclude(case=case)
    if others.count() >= diary.most_per_day:
        raise MeetingError(
            f"{adviser} already has {diary.most_per_day} calls on {day:%-d %B %Y}, their most "
            "a day: choose another day or adviser.",
            field="call_on",
        )
