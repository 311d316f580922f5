"""SEND Regs 2014 reg 33: the family has 2 months from the decision letter to contact a
mediation adviser. A staff form given a letter older than that says so with a GOV.UK warning
(not an error) before going ahead, using the same rule as the public deadline calculator."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from accord import rules
from accord.cases.models import Case
from accord.cases.views import late_letter_warning
from accord.organisations.roles import Role
from tests.cases.test_views import enquiry_post
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("sent_on", "contacted_on", "warned"),
    [
        (date(2026, 8, 1), date(2026, 10, 1), False),  # the last day: in time
        (date(2026, 8, 1), date(2026, 10, 2), True),
        (date(2025, 12, 31), date(2026, 2, 28), False),  # 31 Dec + 2 months = 28 Feb
        (date(2025, 12, 31), date(2026, 3, 1), True),
    ],
)
def test_the_warning_follows_the_rules_engine(sent_on, contacted_on, warned):
    assert bool(late_letter_warning(sent_on, contacted_on)) is warned
    if warned:
        due = rules.explain_adviser_contact(sent_on).due
        assert f"ended on {due:%-d %B %Y}" in late_letter_warning(sent_on, contacted_on)


def test_a_new_enquiry_with_an_old_letter_is_warned_first_then_created(world, client_for):
    client = client_for(Role.COORDINATOR)
    data = enquiry_post(world, decision_notice_sent_on="2026-08-01", received_on="2026-11-02")
    first = client.post(reverse("cases:new"), data)
    html = first.content.decode()
    assert first.status_code == 200
    assert "govuk-warning-text" in html
    assert "The decision letter is more than 2 months old" in html
    assert "ended on 1 October 2026" in html
    assert "There is a problem" not in html  # a warning, not an error
    assert 'name="late_letter_seen" value="2026-08-01"' in html
    assert "The date is right: create the enquiry" in html
    assert not Case.objects.exists()

    second = client.post(reverse("cases:new"), {**data, "late_letter_seen": "2026-08-01"})
    assert second.status_code == 302
    assert Case.objects.count() == 1


def test_a_changed_old_date_is_warned_again(world, client_for):
    client = client_for(Role.COORDINATOR)
    data = enquiry_post(world, decision_notice_sent_on="2026-07-01", received_on="2026-11-02")
    response = client.post(reverse("cases:new"), {**data, "late_letter_seen": "2026-08-01"})
    assert "ended on 1 September 2026" in response.content.decode()
    assert not Case.objects.exists()


def test_a_letter_in_time_creates_the_enquiry_at_once(world, client_for):
    response = client_for(Role.COORDINATOR).post(reverse("cases:new"), enquiry_post(world))
    assert response.status_code == 302
    assert Case.objects.count() == 1


def test_changing_the_letter_date_to_an_old_one_warns_before_saving(world, client_for):
    case = CaseFactory(
        provider=world.provider,
        local_authority=world.la,
        received_on=date(2026, 11, 2),
        decision_notice_sent_on=date(2026, 10, 20),
    )
    client = client_for(Role.COORDINATOR)
    url = reverse("cases:decision_date", args=[case.reference])
    data = {"version": case.version, "decision_notice_sent_on": "2026-08-01"}
    first = client.post(url, data)
    html = first.content.decode()
    assert first.status_code == 200
    assert "The decision letter is more than 2 months old" in html
    assert "There is a problem" not in html
    assert 'name="late_letter_seen" value="2026-08-01"' in html
    case.refresh_from_db()
    assert case.decision_notice_sent_on == date(2026, 10, 20)

    second = client.post(url, {**data, "late_letter_seen": "2026-08-01"})
    assert second.status_code == 302
    case.refresh_from_db()
    assert case.decision_notice_sent_on == date(2026, 8, 1)
