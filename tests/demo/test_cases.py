"""`make run` demo data: a newcomer can click through cases in every state, with fresh random
passwords for every demo login (no default passwords)."""

from __future__ import annotations

from datetime import date

from accord.cases.models import Case
from accord.cases.states import CaseState
from accord.demo.cases import load_demo_data
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
