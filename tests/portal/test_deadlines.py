"""The deadline calculator shows the rules engine's dates and how each was worked out."""

from __future__ import annotations

import html
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from accord import rules
from accord.portal.family_answer import law_for_family
from accord.rules.wording import for_family
from tests.portal.conftest import date_fields

URL = reverse("portal:deadlines")


def _ask(**fields) -> tuple[int, str]:
    response = Client().get(URL, fields)
    return response.status_code, html.unescape(response.content.decode())


@pytest.mark.django_db
def test_the_empty_calculator_asks_for_the_letter_date():
    status, page = _ask()
    assert status == 200
    assert "What date is on the decision letter?" in page
    assert 'name="decision_letter_date-day"' in page and 'name="certificate_date-year"' in page
    assert "There is a problem" not in page


@pytest.mark.django_db
def test_a_letter_sent_on_25_october_2026_runs_past_christmas():
    status, page = _ask(**date_fields("decision_letter_date", 25, 10, 2026))
    assert status == 200
    adviser = rules.explain_adviser_contact(date(2026, 10, 25))
    appeal = rules.explain_appeal_deadline(date(2026, 10, 25))
    # 2 months is Christmas Day; the appeal runs to the first working day after 1 January
    # (HESC Rules r.12(3)): Monday 4 January 2027.
    assert appeal.due == date(2027, 1, 4)
    assert "Monday 4 January 2027" in page
    assert adviser.due == date(2026, 12, 25)
    assert "Friday 25 December 2026" in page
    # The steps said to the family ("you"), their citations left to the law below them.
    for step in adviser.steps + appeal.steps:
        assert for_family(step) in page
    assert "falls between 25 December and 1 January" in page
    assert "The tribunal decides if an appeal is in time" in page
    assert "Check your dates with your mediation adviser" in page
    # The law behind the answer, without the names of court cases (issue 14, section 5).
    assert "The law behind this answer" in page
    for basis in law_for_family(appeal.basis):
        assert basis.citation in page
    assert "Dodds" not in page and " v " not in page


@pytest.mark.django_db
def test_a_later_certificate_moves_the_appeal_deadline():
    letter, certificate = date(2026, 3, 2), date(2026, 4, 20)
    status, page = _ask(
        **date_fields("decision_letter_date", letter.day, letter.month, letter.year),
        **date_fields("certificate_date", certificate.day, certificate.month, certificate.year),
    )
    assert status == 200
    appeal = rules.explain_appeal_deadline(letter, certificate)
    assert appeal.due == rules.appeal_deadline(letter, certificate)
    assert appeal.due.strftime("%A %-d %B %Y") in page
    assert "1 month after the certificate" in page
    assert "If you get a mediation certificate later" not in page


@pytest.mark.django_db
def test_an_appeal_deadline_in_august_moves_to_september():
    _, page = _ask(**date_fields("decision_letter_date", 10, 6, 2026))
    appeal = rules.explain_appeal_deadline(date(2026, 6, 10))
    assert appeal.due.month == 9
    assert "is in August" in page and appeal.due.strftime("%A %-d %B %Y") in page


@pytest.mark.django_db
def test_past_dates_are_flagged():
    status, page = _ask(**date_fields("decision_letter_date", 1, 1, 2024))
    assert status == 200
    assert "This date has passed. Contact us anyway" in page
    assert "You can ask the tribunal to accept a late appeal" in page


TOMORROW = rules.today_in_england() + timedelta(days=1)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (date_fields("decision_letter_date", "", "", ""), "Enter the date on the decision letter"),
        (
            date_fields("decision_letter_date", 30, 2, 2026),
            "Date on the decision letter must be a real date",
        ),
        (
            date_fields("decision_letter_date", TOMORROW.day, TOMORROW.month, TOMORROW.year),
            "Date on the decision letter must be today or in the past",
        ),
        (
            {
                **date_fields("decision_letter_date", 1, 10, 2026),
                **date_fields("certificate_date", 1, 9, 2026),
            },
            "Date on the certificate must be the same as or after the date on the decision letter",
        ),
        (
            {
                **date_fields("decision_letter_date", 1, 10, 2026),
                **date_fields("certificate_date", 5, "", 2026),
            },
            "Date on the certificate must include a month",
        ),
    ],
)
def test_wrong_dates_are_explained_and_kept(fields, message):
    status, page = _ask(**fields)
    assert status == 400
    assert "There is a problem" in page and message in page
    assert "<title>Error: Work out your dates — " in page
    assert "Your dates" not in page
    for name, value in fields.items():
        if value != "":
            assert f'name="{name}" type="text" inputmode="numeric" value="{value}"' in page
