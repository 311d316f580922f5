"""`make run` demo data: a newcomer can click through cases in every state, with fresh random
passwords for every demo login (no default passwords)."""

from __future__ import annotations

import re
from datetime import date
from io import StringIO

from django.core.management import call_command

from accord import rules
from accord.cases.choices import PartyRole
from accord.cases.models import Case, Party
from accord.cases.states import CaseState
from accord.demo.cases import load_demo_data
from accord.family.models import SupporterConsent
from accord.meetings.models import Diary, Meeting, Room, WorkingHours
from accord.meetings.scheduling import proposals_for
from accord.organisations.models import User
from accord.organisations.roles import Role


def test_demo_has_a_case_in_every_state_and_a_login_for_every_role(db):
    logins = load_demo_data(today=date(2026, 11, 26))
    states = set(Case.objects.values_list("state", flat=True))
    assert states == set(CaseState.values)
    assert {role for _, _, role in logins} == {r.label for r in Role}
    assert Case.objects.count() >= 12


def test_every_load_gives_new_passwords_and_keeps_the_cases(db):
    first = dict((email, password) for email, password, _ in load_demo_data())
    count = Case.objects.count()
    second = dict((email, password) for email, password, _ in load_demo_data())
    assert Case.objects.count() == count
    for email, password in second.items():
        assert password != first[email]
        user = User.objects.get(email=email)
        assert user.check_password(password)
        assert not user.check_password(first[email])


def test_the_demo_shows_a_health_only_case_two_mediators_and_no_weekend_meetings(db):
    load_demo_data(today=date(2026, 11, 26))
    assert Case.objects.filter(route="health_only_mediation").exists()
    mediators = set(Case.objects.exclude(mediator=None).values_list("mediator__email", flat=True))
    assert len(mediators) == 2
    days = [m.starts_at.astimezone(rules.ENGLAND).date() for m in Meeting.objects.all()]
    assert days and all(rules.is_working_day(day) for day in days)


def test_the_demo_shows_a_correction_a_derived_outcome_and_an_officer_chosen(db):
    today = rules.today_in_england()
    load_demo_data(today=today)
    corrected = Case.objects.get(timeline__kind="fact_corrected")
    event = corrected.timeline.get(kind="fact_corrected")
    assert "receipt of the family's notice" in event.summary
    # The 30-day clock runs from the corrected date (SEND Regs 2014 regs 35-37).
    row = corrected.clock_rows.get(key="mediation_held")
    assert row.due_on == rules.mediation_due(corrected.la_notified_on)
    # Closed with the outcome that follows from the record: no meeting, so no agreement.
    for case in Case.objects.filter(state=CaseState.CLOSED):
        if case.mediation_concluded_on is None:
            assert case.outcome not in ("full", "partial", "none")
    booked = Meeting.objects.get(case__state=CaseState.MEETING_BOOKED)
    officer = User.objects.get(
        memberships__role=Role.LA_OFFICER,
        memberships__local_authority=booked.case.local_authority,
        memberships__provider=booked.case.provider,
    )
    assert booked.attendees.filter(party__email=officer.email, party__name=officer.full_name)


def test_the_demo_diaries_let_the_assistant_propose_times_on_working_days(db):
    today = rules.today_in_england()
    load_demo_data(today=today)
    diaries = Diary.objects.filter(kind="mediator")
    assert diaries.count() == 2
    assert not WorkingHours.objects.filter(weekday__in=(5, 6)).exists()
    assert Room.objects.filter(venue__name="Meadowbank Family Centre").count() == 2
    arranging = [
        c
        for c in Case.objects.filter(state=CaseState.ARRANGING).exclude(mediator=None)
        if c.mediator.diaries.exists()
    ]
    assert arranging
    proposed = [proposals_for(c, today) for c in arranging]
    found = [p for p in proposed if p.slots]
    assert found, [p.problem for p in proposed]
    for proposal in found:
        assert all(
            rules.is_working_day(slot.starts_at.astimezone(rules.ENGLAND).date())
            for slot in proposal.slots
        )


def test_the_demo_names_a_family_and_a_supporter_who_can_sign_in(db, settings):
    """The printed demo logins also say how a parent and the SENDIASS adviser they invited
    sign in (a one-time code by email, printed in the server's window)."""
    settings.ACCORD_DEMO = True
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    found = re.search(
        r"with their email: (\S+) \(the parent on (\S+)\) or (\S+) \(", out.getvalue()
    )
    assert found, out.getvalue()
    parent, reference, supporter = found.groups()
    assert Party.objects.filter(
        email=parent, case__reference=reference, role=PartyRole.PARENT_CARER
    ).exists()
    consent = SupporterConsent.objects.get(supporter__email=supporter)
    assert consent.case.reference == reference
    assert consent.case.state == CaseState.MEETING_BOOKED
    assert consent.may_see_meetings and consent.may_see_documents
