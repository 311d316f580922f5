"""The meeting facts that can be corrected (`accord.cases.corrections`): the day information and
advice was given, and who attended a meeting held. Each is checked as the step that recorded it.
The meetings section of the case page shows them, each with its "Correct" link beside it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from accord.cases.corrections import Correctable, Fact
from accord.cases.models import Case
from accord.cases.services import CaseError
from accord.cases.services.writing import check_not_before, check_not_in_future
from accord.meetings.forms import london
from accord.meetings.mias import check_after_decision_letter
from accord.meetings.models import MAIN_KINDS, Attendee, Meeting, MiasCall
from accord.rules import date_in_england, today_in_england

LONDON = ZoneInfo("Europe/London")


def _advice_facts(case: Case) -> Iterable[Fact]:
    for call in MiasCall.objects.filter(case=case, held_on__isnull=False).order_by("held_on"):
        yield Fact(
            "advice_given_on", "Date information and advice was given", call.held_on, call.pk
        )


def _correct_advice(case: Case, target: int, value: Any) -> None:
    check_not_in_future(value, "The date the information and advice was given", "value")
    check_after_decision_letter(case, value, "value", "given")
    if case.family_choice_on is not None and value > case.family_choice_on:
        raise CaseError(
            f"The family decided on {case.family_choice_on:%-d %B %Y}, after information and "
            "advice: the advice cannot have been given later. Correct that date first.",
            field="value",
        )
    call = MiasCall.objects.get(case=case, pk=target)
    call.held_on = value
    call.save(update_fields=["held_on"])


def _booked_facts(case: Case) -> Iterable[Fact]:
    """A call booked and not yet held is moved by booking it again (its own page)."""
    waiting = MiasCall.objects.filter(case=case, held_on__isnull=True, scheduled_for__isnull=False)
    for call in waiting.order_by("-id")[:1]:
        assert call.scheduled_for is not None
        yield Fact(
            "advice_booked_for",
            "Information and advice call booked for",
            call.scheduled_for,
            call.pk,
            words=f"{call.scheduled_for.astimezone(LONDON):%-d %B %Y at %H:%M}",
        )


def _moved_on_its_own_page(case: Case, target: int, value: Any) -> None:
    raise CaseError("Move the call on its own page.")


def _meeting_day_facts(case: Case) -> Iterable[Fact]:
    meetings = Meeting.objects.filter(case=case, kind__in=MAIN_KINDS, cancelled_at__isnull=True)
    for meeting in meetings.order_by("starts_at"):
        day = date_in_england(meeting.starts_at)
        if day <= today_in_england():
            label = f"Date of the {meeting.get_kind_display().lower()}"
            yield Fact("meeting_day", label, day, meeting.pk)


def _correct_meeting_day(case: Case, target: int, value: Any) -> None:
    """A meeting held on another day than booked: its day put right, its times kept. It was
    held, so not in the future; not before the family chose mediation (or DR started), nor
    after the day it concluded."""
    what = "The date of the meeting"
    check_not_in_future(value, what, "value")
    check_not_before(
        value, case.family_choice_on or case.dr_started_on, what, "when it was asked for", "value"
    )
    concluded = case.mediation_concluded_on
    if concluded is not None and value > concluded:
        raise CaseError(
            f"The meeting concluded on {concluded:%-d %B %Y}: it cannot have begun after that. "
            "Correct the date it concluded first.",
            field="value",
        )
    meeting = Meeting.objects.get(case=case, pk=target)
    starts, ends = meeting.starts_at.astimezone(LONDON), meeting.ends_at.astimezone(LONDON)
    meeting.starts_at = london(value, starts.time())
    meeting.ends_at = london(value + (ends.date() - starts.date()), ends.time())
    meeting.save(update_fields=["starts_at", "ends_at"])


ATTENDED = (("yes", "Attended"), ("no", "Did not attend"))


def _attendance_facts(case: Case) -> Iterable[Fact]:
    attendees = (
        Attendee.objects.filter(meeting__case=case, attended__isnull=False)
        .select_related("party", "meeting")
        .order_by("meeting__starts_at", "party__name")
    )
    for a in attendees:
        kind, day = a.meeting.get_kind_display().lower(), date_in_england(a.meeting.starts_at)
        label = f"{a.party.name} at the {kind} on {day:%-d %B %Y}"
        value = "yes" if a.attended else "no"
        yield Fact("attended", label, value, a.pk, words=dict(ATTENDED)[value])


def _correct_attendance(case: Case, target: int, value: Any) -> None:
    if value not in dict(ATTENDED):
        raise CaseError("Choose whether they attended.", field="value")
    attendee = Attendee.objects.select_related("meeting").get(meeting__case=case, pk=target)
    if date_in_england(attendee.meeting.starts_at) > today_in_england():
        raise CaseError("Record who attended once the meeting has been held.", field="value")
    attendee.attended = value == "yes"
    attendee.save(update_fields=["attended"])


MEETING_FACTS = (
    Correctable(
        "meeting_day",
        "Date of the meeting",
        "date",
        _meeting_day_facts,
        _correct_meeting_day,
        order=75,
        listed=False,
    ),
    Correctable(
        "advice_booked_for",
        "Information and advice call booked for",
        "date",
        _booked_facts,
        _moved_on_its_own_page,
        page="meetings:book_mias",
        order=35,
        listed=False,
    ),
    Correctable(
        "advice_given_on",
        "Date information and advice was given",
        "date",
        _advice_facts,
        _correct_advice,
        order=40,
        listed=False,
    ),
    Correctable(
        "attended",
        "Who attended",
        "choice",
        _attendance_facts,
        _correct_attendance,
        ATTENDED,
        order=85,
        listed=False,
    ),
)
