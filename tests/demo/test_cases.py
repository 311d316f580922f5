"""`make run` demo data: a newcomer can click through cases in every state, with fresh random
passwords for every demo login (no default passwords)."""

from __future__ import annotations

from datetime import date

from accord import rules
from accord.cases.models import Case
from accord.cases.states import CaseState
from accord.demo.cases import load_demo_data
from accord.meetings.models import Meeting
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
