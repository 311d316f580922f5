"""Demo data for meetings: an information and advice call booked for the case whose route was
just confirmed, and a mediation meeting booked (online, with attendees and notice sent) for a
case being arranged, so the demo shows a case at MEETING_BOOKED. Called by accord.demo.cases."""

from __future__ import annotations

from datetime import date, time, timedelta

from accord import rules
from accord.cases import selectors
from accord.cases import services as case_services
from accord.cases.choices import PartyRole, Route
from accord.cases.models import Case
from accord.cases.states import CaseState
from accord.meetings import mias, services
from accord.meetings.deadline import mediation_held_by
from accord.meetings.details import MeetingDetails
from accord.meetings.forms import london
from accord.meetings.models import (
    Diary,
    DiaryKind,
    Leave,
    MeetingFormat,
    MeetingKind,
    Room,
    Venue,
    WorkingHours,
)
from accord.organisations.models import LocalAuthority, Provider, User
from accord.organisations.roles import Role
from accord.rules import today_in_england


def extend_demo(provider: Provider, users: dict[Role, User], today: date) -> None:
    coordinator, adviser, mediator = (
        users[Role.COORDINATOR],
        users[Role.ADVISER],
        users[Role.MEDIATOR],
    )
    cases = Case.objects.filter(provider=provider).order_by("created_at", "pk")

    triaged = cases.filter(state=CaseState.TRIAGED, route=Route.MEDIATION).first()
    if triaged is not None:
        family = triaged.parties.filter(is_enquirer=True).first()
        mias.book_mias_call(
            triaged,
            scheduled_for=london(rules.add_working_days(today, 2), time(10, 0)),
            adviser=adviser,
            phone_number=(family.phone if family and family.phone else "01632 960123"),
            by=coordinator,
        )

    arranging = [
        c
        for c in cases.filter(state=CaseState.ARRANGING, route=Route.MEDIATION)
        if mediation_held_by(c) is not None
    ]
    for case in arranging:
        # The first day that still gives the family 5 working days' notice sent today.
        meeting_day = rules.add_working_days(today, 5)
        last_day = mediation_held_by(case)
        if last_day is None or meeting_day > last_day:
            continue
        _book_demo_meeting(case, coordinator, mediator, meeting_day, today)
        break


def _book_demo_meeting(
    case: Case, coordinator: User, mediator: User, meeting_day: date, today: date
) -> None:
    # The LA's attendee is chosen from its officers on the service, not typed again.
    officers = [
        p
        for p in selectors.body_people(case, PartyRole.LA_OFFICER)
        if p.choice.startswith("officer:")
    ]
    if officers:
        officer = case_services.name_body_attendee(
            case,
            PartyRole.LA_OFFICER,
            chosen=officers[0].choice,
            has_authority_to_settle=True,
            by=coordinator,
        )
    else:
        officer = case_services.add_party(
            case,
            role=PartyRole.LA_OFFICER,
            name="Sam Reid",
            organisation=str(case.local_authority),
            email="sen.team@la.demo.accord.test",
            has_authority_to_settle=True,
            by=coordinator,
        )
    family = list(case.parties.exclude(pk=officer.pk))
    services.book_meeting(
        case,
        MeetingDetails(
            kind=MeetingKind.MEDIATION,
            format=MeetingFormat.ONLINE,
            starts_at=london(meeting_day, time(10, 0)),
            ends_at=london(meeting_day, time(10, 0)) + timedelta(hours=5),
            mediator=mediator,
            online_link="https://meet.example.com/accord-demo-mediation",
            online_meeting_id="832 114 590",
            online_passcode="meadow42",
            test_run_offered=True,
        ),
        attendees=[*family, officer],
        notice_sent_on=min(today, today_in_england()),
        # Demo data is loaded without sending emails; the calendar file is on the case page.
        notify=False,
        by=coordinator,
    )


# Weekly hours of each demo diary: (weekdays, from, to). No one works at weekends, so the
# scheduling assistant never proposes a Saturday or a Sunday.
MEDIATOR_HOURS = (
    ((0, 1, 2, 3), time(9, 30), time(16, 30)),
    ((1, 2, 3, 4), time(9, 0), time(17, 0)),
)
ADVISER_HOURS = ((0, 1, 2, 3, 4), time(9, 0), time(17, 0))


def demo_diaries(
    provider: Provider,
    mediators: list[User],
    adviser: User,
    areas: list[LocalAuthority],
    today: date,
) -> None:
    """Diaries for the demo's mediators and adviser and a venue with rooms, so the scheduling
    assistant proposes times on `make run` (docs/scheduling.md)."""
    for number, mediator in enumerate(mediators):
        days, starts, ends = MEDIATOR_HOURS[number % len(MEDIATOR_HOURS)]
        diary, created = Diary.objects.get_or_create(
            provider=provider,
            person=mediator,
            kind=DiaryKind.MEDIATOR,
            defaults={"most_per_day": 1, "most_per_week": 3},
        )
        if not created:
            continue
        diary.areas.set(areas if number == 0 else [])
        for day in days:
            WorkingHours.objects.create(diary=diary, weekday=day, starts=starts, ends=ends)
        if number == 0:
            # A few days' leave in a fortnight, which the assistant works round.
            first = rules.add_working_days(today, 10)
            Leave.objects.create(
                diary=diary, first_day=first, last_day=first + timedelta(days=1), note="Training"
            )
    weekdays, opens, closes = ADVISER_HOURS
    diary, created = Diary.objects.get_or_create(
        provider=provider,
        person=adviser,
        kind=DiaryKind.ADVISER,
        defaults={"most_per_day": 6, "most_per_week": 25},
    )
    if created:
        for day in weekdays:
            WorkingHours.objects.create(diary=diary, weekday=day, starts=opens, ends=closes)
    venue, created = Venue.objects.get_or_create(
        provider=provider,
        name="Meadowbank Family Centre",
        defaults={
            "address": "12 Orchard Road, Maidstone ME14 1AA",
            "step_free": True,
            "hearing_loop": True,
            "accessibility_notes": "Step-free from the car park; accessible toilet downstairs.",
        },
    )
    if created:
        Room.objects.create(venue=venue, name="Oak Room", capacity=10, step_free=True)
        Room.objects.create(venue=venue, name="Willow Room", capacity=4, step_free=False)
