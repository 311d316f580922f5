"""Every date field has a sensible range and a clear message (issue 11, section 6): a date
centuries away is refused on the form, never stored, never a 500."""

from __future__ import annotations

import pytest
from django import forms
from django.urls import reverse

from accord.govuk.date_range import sensible_range
from accord.govuk.forms import GovukForm
from accord.govuk.widgets import GovukDateField
from accord.organisations.roles import Role
from tests.factories import CaseFactory
from tests.markup import parse

FAR = ["9999-12-31", "0001-01-01", "1066-10-14", "2999-01-01"]


class Plain(GovukForm):
    on = forms.DateField(label="Date of the meeting")


class Boxes(GovukForm):
    born = GovukDateField(label="Date of birth", what="Date of birth", past_or_today=False)


def test_the_range_runs_from_30_years_ago_to_10_years_ahead(today):
    earliest, latest = sensible_range()
    assert (earliest.year, earliest.month) == (today.year - 30, today.month)
    assert (latest.year, latest.month) == (today.year + 10, today.month)


@pytest.mark.parametrize("typed", FAR)
def test_a_far_date_in_a_date_picker_is_refused_with_its_label(typed):
    form = Plain({"on": typed})
    assert not form.is_valid()
    message = form.errors["on"][0]
    assert message.startswith("Date of the meeting must be on or ")


def test_a_date_inside_the_range_is_accepted(today):
    assert Plain({"on": today.isoformat()}).is_valid()


@pytest.mark.parametrize(("year", "words"), [("1066", "on or after"), ("9999", "on or before")])
def test_a_far_date_in_day_month_year_boxes_is_refused(settings, year, words):
    form = Boxes({"born-day": "14", "born-month": "10", "born-year": year})
    assert not form.is_valid()
    assert form.errors["born"][0].startswith(f"Date of birth must be {words}")


STEP_FORMS = [
    ("decision_date", "decision_notice_sent_on"),
    ("la_notified", "la_notified_on"),
    ("cannot_hold", "told_on"),
]


@pytest.mark.parametrize("typed", ["9999-12-31", "1066-10-14"])
@pytest.mark.parametrize(("page", "field"), STEP_FORMS)
def test_far_dates_on_the_case_step_forms_are_shown_as_errors(
    world, client_for, page, field, typed
):
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    before = (case.version, case.decision_notice_sent_on)
    url = reverse(f"cases:{page}", args=[case.reference])
    response = client_for(Role.COORDINATOR).post(url, {"version": case.version, field: typed})
    assert response.status_code == 400  # the form again, with its errors
    summary = parse(response.content).find(class_="govuk-error-summary")
    link = summary.find("a")
    assert link.get("href") == f"#id_{field}-year"  # the box that is wrong
    assert " must be on or " in link.text
    case.refresh_from_db()
    assert (case.version, case.decision_notice_sent_on) == before
