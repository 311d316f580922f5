"""Staff and public forms share one field template and one form page, so a form with errors
is announced the same way everywhere (GOV.UK error summary and error message patterns;
WCAG 2.2 1.3.1, 3.3.1):

- the page title starts with "Error: ";
- the error summary links to the input, or to the first option of a group;
- each input names its hint and its error in aria-describedby, and both are on the page;
- a group of radios or checkboxes, or a date in three boxes, is a fieldset with a legend that
  carries the hint and the error;
- the error message starts with a visually hidden "Error:".
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accord.organisations.roles import Role
from tests.markup import Element, parse

pytestmark = pytest.mark.django_db


def assert_title_says_error(page: Element) -> None:
    title = page.find("title").text
    assert title.startswith("Error: "), title


def assert_summary_links_to(page: Element, target_id: str) -> None:
    summary = page.find("div", class_="govuk-error-summary")
    links = [a.get("href") for a in summary.find_all("a")]
    assert f"#{target_id}" in links, links
    page.by_id(target_id)  # the link goes somewhere


def assert_error_message(page: Element, error_id: str) -> None:
    message = page.by_id(error_id)
    assert "govuk-error-message" in message.classes
    hidden = message.find("span", class_="govuk-visually-hidden")
    assert hidden.text == "Error:"


def assert_input_describes(page: Element, input_id: str, *, hint: bool) -> None:
    """The input names its error (and hint) and sits in a form group marked as wrong."""
    described = page.by_id(input_id).get("aria-describedby").split()
    error_id = f"{input_id}_error"
    assert error_id in described, described
    assert_error_message(page, error_id)
    if hint:
        assert f"{input_id}_helptext" in described, described
        assert "govuk-hint" in page.by_id(f"{input_id}_helptext").classes
    group = page.by_id(input_id).parent
    assert group is not None and "govuk-form-group--error" in group.classes


def assert_group_in_fieldset(page: Element, first_option_id: str, legend: str) -> None:
    """The group's first option is inside a fieldset whose legend names the question and
    which names the error."""
    fieldset = page.by_id(first_option_id).ancestor("fieldset")
    assert fieldset is not None, f"{first_option_id} is not in a fieldset"
    assert legend in fieldset.find("legend").text
    error_id = first_option_id.rsplit("_", 1)[0] + "_error"
    assert error_id in fieldset.get("aria-describedby").split()
    assert_error_message(page, error_id)


# --- staff ----------------------------------------------------------------------------------


def test_a_staff_form_with_errors(world, client_for):
    response = client_for(Role.COORDINATOR).post(
        reverse("cases:new"), {"decision_notice_sent_on": "not a date"}
    )
    assert response.status_code == 400
    page = parse(response.content)
    assert_title_says_error(page)
    assert_summary_links_to(page, "id_contact_name")
    assert_input_describes(page, "id_contact_name", hint=False)
    # A staff date is the date input too: three boxes in a group that names its hint and error.
    assert_summary_links_to(page, "id_decision_notice_sent_on-day")
    fieldset = page.by_id("id_decision_notice_sent_on-day").ancestor("fieldset")
    assert fieldset is not None and fieldset.get("role") == "group"
    assert fieldset.get("aria-describedby").split() == [
        "id_decision_notice_sent_on_helptext",
        "id_decision_notice_sent_on_error",
    ]
    assert_error_message(page, "id_decision_notice_sent_on_error")
    assert "govuk-input--error" in page.by_id("id_contact_name").classes
    # A radio group: the summary goes to its first option.
    assert_summary_links_to(page, "id_channel_0")
    assert_group_in_fieldset(page, "id_channel_0", "How did they contact us?")


def test_a_casework_step_with_errors(world, client_for):
    from tests.factories import CaseFactory

    case = CaseFactory(provider=world.provider, local_authority=world.la)
    response = client_for(Role.COORDINATOR).post(
        reverse("cases:add_child_view", args=[case.reference]), {}
    )
    assert response.status_code == 400
    page = parse(response.content)
    assert_title_says_error(page)
    assert_summary_links_to(page, "id_kind_0")
    assert_group_in_fieldset(page, "id_kind_0", "How were the views given?")


def test_djangos_own_forms_get_the_same_markup(world, client_for):
    """Changing a password uses Django's form as it is: the template does the rest."""
    response = client_for(Role.MEDIATOR).post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": "x", "new_password2": "y"},
    )
    page = parse(response.content)
    assert_title_says_error(page)
    assert_summary_links_to(page, "id_old_password")
    assert_input_describes(page, "id_old_password", hint=False)
    assert "govuk-input" in page.by_id("id_old_password").classes


# --- public ---------------------------------------------------------------------------------


def test_a_public_question_page_with_errors():
    response = Client().post(
        reverse("portal:request_question", args=["contact"]), {"email": "", "phone": ""}
    )
    assert response.status_code == 400
    page = parse(response.content)
    assert_title_says_error(page)
    assert_summary_links_to(page, "id_email")
    assert_input_describes(page, "id_email", hint=True)
    assert page.by_id("id_email").get("autocomplete") == "email"
    assert_summary_links_to(page, "id_preferred_contact_0")
    assert_group_in_fieldset(page, "id_preferred_contact_0", "How would you like us to contact")


def test_a_date_in_three_boxes_is_a_group_and_the_summary_goes_to_the_wrong_box():
    response = Client().get(
        reverse("portal:deadlines"),
        {
            "decision_letter_date-day": "31",
            "decision_letter_date-month": "2",
            "decision_letter_date-year": "2026",
        },
    )
    assert response.status_code == 400
    page = parse(response.content)
    assert_title_says_error(page)
    assert_summary_links_to(page, "id_decision_letter_date-day")
    fieldset = page.by_id("id_decision_letter_date-day").ancestor("fieldset")
    assert fieldset is not None and fieldset.get("role") == "group"
    described = fieldset.get("aria-describedby").split()
    assert described == ["id_decision_letter_date_helptext", "id_decision_letter_date_error"]
    assert_error_message(page, "id_decision_letter_date_error")


def test_a_family_form_with_errors():
    response = Client().post(reverse("family:sign_in"), {"address": "not an address"})
    page = parse(response.content)
    assert_title_says_error(page)
    assert_summary_links_to(page, "id_address")
    assert_input_describes(page, "id_address", hint=True)
    assert page.by_id("id_address").get("spellcheck") == "false"


def test_a_long_answer_counts_its_characters():
    page = parse(Client().get(reverse("portal:request_question", args=["about"])).content)
    box = page.by_id("id_summary")
    assert "govuk-js-character-count" in box.classes
    assert box.get("aria-describedby").split() == ["id_summary-info", "id_summary_helptext"]
    assert page.by_id("id_summary-info")


def test_a_page_without_errors_has_a_plain_title():
    page = parse(Client().get(reverse("portal:request_question", args=["contact"])).content)
    assert not page.find("title").text.startswith("Error")
    assert not page.find_all("div", class_="govuk-error-summary")
