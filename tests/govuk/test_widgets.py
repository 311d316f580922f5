"""The GOV.UK date input: three boxes, the Design System's error messages, and only the boxes
that are wrong highlighted."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django import forms
from django.template.loader import render_to_string

from accord.govuk.forms import GovukForm
from accord.govuk.widgets import GovukDateField
from accord.rules import today_in_england


def date_fields(name: str, day, month, year) -> dict[str, str]:
    return {f"{name}-day": str(day), f"{name}-month": str(month), f"{name}-year": str(year)}


class LetterForm(GovukForm):
    letter = GovukDateField(label="Date on the letter", what="Date on the letter")
    certificate = GovukDateField(
        label="Certificate", what="Date on the certificate", required=False
    )


def _form(day="", month="", year="", **extra) -> LetterForm:
    return LetterForm({**date_fields("letter", day, month, year), **extra})


@pytest.mark.parametrize(
    ("day", "month", "year", "message", "highlighted"),
    [
        ("", "", "", "Enter the date on the letter", ["day", "month", "year"]),
        ("", "3", "2026", "Date on the letter must include a day", ["day"]),
        ("4", "", "", "Date on the letter must include a month and year", ["month", "year"]),
        ("31", "2", "2026", "Date on the letter must be a real date", ["day"]),
        ("1", "13", "2026", "Date on the letter must be a real date", ["month"]),
        ("x", "3", "2026", "Date on the letter must be a real date", ["day"]),
        ("1", "3", "26", "Year must include 4 numbers", ["year"]),
    ],
)
def test_date_errors_follow_the_design_system(day, month, year, message, highlighted):
    form = _form(day, month, year)
    assert not form.is_valid()
    assert form.errors["letter"] == [message]
    html = str(form["letter"])
    for part in ("day", "month", "year"):
        box = html.split(f'id="id_letter-{part}"')[0].rsplit("<input", 1)[1]
        assert ("govuk-input--error" in box) == (part in highlighted), part


def test_a_future_date_is_refused():
    tomorrow = today_in_england() + timedelta(days=1)
    form = _form(tomorrow.day, tomorrow.month, tomorrow.year)
    assert form.errors["letter"] == ["Date on the letter must be today or in the past"]


def test_a_real_date_is_accepted_and_what_was_typed_is_shown_back():
    form = _form(" 7 ", "03", "2026")
    assert form.is_valid()
    assert form.cleaned_data["letter"] == date(2026, 3, 7)
    assert form.cleaned_data["certificate"] is None


def test_input_is_kept_exactly_when_it_is_wrong():
    html = str(_form("31", "02", "2026")["letter"])
    assert 'value="31"' in html and 'value="02"' in html and 'value="2026"' in html
    assert 'name="letter-day"' in html and 'inputmode="numeric"' in html


def test_the_error_summary_links_to_the_first_wrong_box():
    form = _form("4", "", "2026")
    form.is_valid()
    assert form["letter"].id_for_label == "id_letter-month"


def test_hints_and_errors_are_announced_with_the_input():
    class NameForm(GovukForm):
        name = forms.CharField(label="Name", help_text="Your full name")

    form = NameForm({"name": ""})
    assert 'aria-describedby="id_name_helptext id_name_error"' in _drawn(form["name"])
    assert "govuk-input--error" in _drawn(form["name"])
    assert 'aria-describedby="id_name_helptext"' in _drawn(NameForm()["name"])


def _drawn(field) -> str:
    return render_to_string("includes/field.html", {"field": field})
