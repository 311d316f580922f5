"""Every form in the project meets the Design System without asking (accord.govuk.forms):

- each is built on `GovukFormMixin`, so each gets what follows;
- no field answers with one of Django's own messages ("This field is required.", "Enter a valid
  email address."): each message names its field in GOV.UK's words;
- no date is a browser date picker (`<input type="date">`) and no time a browser time picker:
  dates are the date input (day, month, year), in forms and in templates alike;
- no select offers "---------".

The walk finds the forms by importing every module of `accord`, so a form added tomorrow is
checked too.
"""

from __future__ import annotations

import copy
import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from django import forms
from django.urls import reverse

import accord
from accord.govuk.forms import DJANGO_BLANK, GovukFormMixin, govuk_fields
from accord.govuk.messages import django_defaults
from accord.govuk.widgets import GovukDateField, GovukDateWidget
from accord.organisations.roles import Role
from tests.markup import parse


def _subclasses(klass: type) -> list[type]:
    found = []
    for sub in klass.__subclasses__():
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


def every_form_class() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(accord.__path__, "accord."):
        if ".migrations" in module.name or module.name.endswith(".wsgi"):
            continue
        importlib.import_module(module.name)
    classes = {c for c in _subclasses(forms.BaseForm) if c.__module__.startswith("accord.")}
    return sorted(classes, key=lambda c: f"{c.__module__}.{c.__qualname__}")


FORMS = every_form_class()


def prepared_fields(form_class: type[forms.BaseForm]) -> dict[str, forms.Field]:
    """The form's declared fields as the mixin leaves them when the form is made."""
    form = form_class.__new__(form_class)
    form.fields = copy.deepcopy(form_class.base_fields)
    govuk_fields(form)
    return form.fields


def test_the_walk_finds_the_forms():
    names = {c.__name__ for c in FORMS}
    assert {"EnquiryForm", "MiasBookingForm", "PeriodForm", "SignInForm"} <= names
    assert len(FORMS) > 60


@pytest.mark.parametrize("form_class", FORMS, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_every_form_is_a_govuk_form(form_class):
    assert issubclass(form_class, GovukFormMixin), (
        f"{form_class.__qualname__} is not built on accord.govuk.forms.GovukFormMixin"
    )


@pytest.mark.parametrize("form_class", FORMS, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_every_message_names_its_field(form_class):
    for name, field in prepared_fields(form_class).items():
        if field.widget.is_hidden:
            continue
        defaults = django_defaults(field)
        for code, message in field.error_messages.items():
            if code in defaults and code not in {"invalid_pk_value"}:
                assert str(message) != defaults[code], (
                    f"{form_class.__qualname__}.{name} says Django's {message!r}"
                )
        required = getattr(field, "missing_message", None) or field.error_messages["required"]
        assert "This field is required" not in str(required)
        assert re.match(
            r"^(Enter|Select|Choose|Say|Answer|Describe|Confirm|Tick|Give|Write|Upload|Add|Tell|Type|Use|State|Explain)\b",
            str(required),
        ), f"{form_class.__qualname__}.{name}: {required!r} does not say what to do"


@pytest.mark.parametrize("form_class", FORMS, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_no_date_or_time_picker_and_no_dashes(form_class):
    for name, field in prepared_fields(form_class).items():
        where = f"{form_class.__qualname__}.{name}"
        assert not isinstance(field, forms.DateField), f"{where} is a plain DateField"
        if isinstance(field, GovukDateField):
            assert isinstance(field.widget, GovukDateWidget), where
        assert getattr(field.widget, "input_type", "") not in {"date", "time", "datetime-local"}, (
            f"{where} is a browser picker"
        )
        if isinstance(field, forms.ModelChoiceField):
            assert field.empty_label != DJANGO_BLANK, where
        elif isinstance(field, forms.ChoiceField):
            assert all(str(label) != DJANGO_BLANK for _, label in field.choices), where


def test_no_template_draws_a_browser_date_picker():
    root = Path(accord.__file__).parent
    pickers = [
        str(path.relative_to(root))
        for path in root.rglob("*.html")
        if re.search(r"type=[\"']?(date|time|datetime-local)\b", path.read_text())
    ]
    assert not pickers


# --- a form as the coordinator meets it --------------------------------------------------------


def _summary(response) -> list[tuple[str, str]]:
    summary = parse(response.content).find("div", class_="govuk-error-summary")
    return [
        (li.text, (li.find_all("a") or [None])[0] and li.find("a").get("href"))
        for li in summary.find_all("li")
    ]


def test_an_empty_new_enquiry_names_each_missing_answer(world, client_for):
    # As a browser sends it: every box there, every box empty.
    response = client_for(Role.COORDINATOR).post(
        reverse("cases:new"), {"contact_name": "", "received_on-day": "", "child_first_name": ""}
    )
    assert response.status_code == 400
    items = _summary(response)
    messages = [text for text, _ in items]
    assert "This field is required." not in messages
    assert len(messages) == len(set(messages)), messages
    assert "Enter the child or young person's first name" in messages
    assert "Enter the date the enquiry was received" in messages
    assert "Select how they contacted us" in messages
    for text, href in items:
        assert href and href != "#main-content", (text, href)
        parse(response.content).by_id(href[1:])  # the link goes to something on the page


def test_an_invalid_email_is_one_problem(world, client_for):
    response = client_for(Role.COORDINATOR).post(
        reverse("cases:new"), {"contact_email": "not an address"}
    )
    items = _summary(response)
    about_email = [text for text, href in items if href == "#id_contact_email"]
    assert about_email == ["Enter an email address in the correct format, like name@example.com"]
    page = parse(response.content)
    assert page.by_id("id_contact_email_error").text.count("Error:") == 1


def test_a_date_typed_whole_is_still_read(world, client_for):
    """Links that carry a period (2026-01-31) and older clients keep working."""
    from accord.reports.forms import PeriodForm

    form = PeriodForm({"start": "2026-01-01", "end": "2026-01-31"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["start"].isoformat() == "2026-01-01"
    form = PeriodForm({"start-day": "1", "start-month": "1", "start-year": "2026", "end": "x"})
    assert not form.is_valid()
    assert form.errors["end"] == ["To must be a real date"]


def test_a_single_choice_is_chosen_for_you(world, client_for):
    from accord.cases.forms.enquiry import EnquiryForm

    world.provider.local_authorities.remove(world.other_la)
    only = world.provider.local_authorities.all()
    assert only.count() == 1
    form = EnquiryForm(provider=world.provider)
    html = str(form["local_authority"])
    assert f'<option value="{only.get().pk}" selected>' in html
    assert DJANGO_BLANK not in html


def test_a_time_is_a_text_box_with_a_hint():
    from accord.meetings.diary_forms import LeaveForm
    from accord.meetings.forms import RepliesForm

    assert RepliesForm  # built on the mixin too (the walk checks every form)
    form = LeaveForm()
    days = str(form["first_day"])
    assert 'name="first_day-day"' in days and 'type="date"' not in days

    class Booking(GovukFormMixin, forms.Form):
        at = forms.TimeField(
            label="Time of the call", widget=forms.TimeInput(attrs={"type": "time"})
        )

    booking = Booking()
    drawn = str(booking["at"])
    assert 'type="text"' in drawn and 'type="time"' not in drawn
    assert booking.fields["at"].help_text == "Use the 24-hour clock, for example 14:30"
    booking = Booking({"at": "25:00"})
    assert booking.errors["at"] == ["Enter the time of the call as a time, like 09:30 or 14:30"]
