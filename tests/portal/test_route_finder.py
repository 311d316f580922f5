"""The route finder, "Which route is for me?": one question per page, answers in the session,
and an answer that is always the rules engine's own (rules.triage)."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from accord import rules
from accord.portal.family_answer import family_answer, law_for_family


def _question(slug: str) -> str:
    return reverse("portal:route_question", args=[slug])


RESULT = reverse("portal:route_result")


def _answer(client: Client, slug: str, data: dict, *, change: bool = False) -> str:
    url = _question(slug) + ("?change=1" if change else "")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:1500]
    return response["Location"]


def _text(response) -> str:
    return html.unescape(response.content.decode())


JOURNEYS = [
    pytest.param(
        [("about", {"decision": "refuse_to_assess"})],
        rules.triage("refuse_to_assess"),
        "Your route: Mediation",
        "You need a mediation certificate before you can appeal.",
        id="refusal to assess: mediation, certificate needed",
    ),
    pytest.param(
        [("about", {"decision": "plan_content"}), ("plan-sections", {"sections": ["I"]})],
        rules.triage("plan_content", ["I"]),
        "Your route: Mediation",
        "You do not need a mediation certificate to appeal.",  # CFA 2014 s.55(3)
        id="placement only (section I): no certificate",
    ),
    pytest.param(
        [("about", {"decision": "non_ehc_disagreement"}), ("who-with", {"who_with": "school"})],
        rules.triage("non_ehc_disagreement", disagreement_with="school"),
        "Your route: Disagreement resolution",
        "Everyone has to agree to take part.",
        id="disagreement with a school: disagreement resolution",
    ),
    pytest.param(
        [("about", {"decision": "plan_content"}), ("plan-sections", {"sections": ["G"]})],
        rules.triage("plan_content", ["G"]),
        "Your route: Mediation about health care",
        "You do not need a mediation certificate.",
        id="health provision only: health-only mediation",
    ),
    pytest.param(
        [("about", {"decision": "disability_discrimination"})],
        rules.triage("disability_discrimination"),
        "Your route: A claim to the tribunal",
        "You do not need a mediation certificate.",
        id="disability discrimination: a claim, no mediation",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("answers", "expected", "heading", "certificate"), JOURNEYS)
def test_each_answer_leads_to_the_rules_engines_route(answers, expected, heading, certificate):
    client = Client()
    location = ""
    for slug, data in answers:
        location = _answer(client, slug, data)
    assert location == RESULT
    page = _text(client.get(RESULT))
    assert heading in page
    assert certificate in page
    # The family reads words meant for them (issue 14, section 5), never the coordinator's.
    answer = family_answer(expected)
    assert answer.summary in page
    for step in answer.next_steps:
        assert step in page
    assert expected.summary not in page
    for step in expected.next_steps:
        assert step not in page
    # The legal basis, in a details component, without case law.
    assert "The law behind this answer" in page and 'class="govuk-details"' in page
    for basis in law_for_family(expected.basis):
        assert basis.citation in page


@pytest.mark.django_db
def test_the_plan_question_is_asked_only_about_a_plan_and_the_back_links_follow_the_path():
    client = Client()
    assert _answer(client, "about", {"decision": "plan_content"}) == _question("plan-sections")
    page = _text(client.get(_question("plan-sections")))
    assert f'href="{_question("about")}" class="govuk-back-link"' in page
    assert "Section I: the school or college named in the plan" in page
    kept = re.findall(r"<input[^>]* checked[^>]*>", _text(client.get(_question("about"))))
    assert len(kept) == 1 and 'value="plan_content"' in kept[0]  # the answer is kept
    first = _text(client.get(_question("about")))
    assert f'href="{reverse("portal:route_start")}" class="govuk-back-link"' in first
    # Asking for a question that does not apply sends the person where they need to be.
    response = client.get(_question("who-with"))
    assert response["Location"] == _question("plan-sections")


@pytest.mark.django_db
def test_changing_an_answer_returns_to_the_result_and_drops_answers_that_no_longer_apply():
    client = Client()
    _answer(client, "about", {"decision": "plan_content"})
    _answer(client, "plan-sections", {"sections": ["B", "F"]})
    result = _text(client.get(RESULT))
    assert "You need a mediation certificate before you can appeal." in result
    assert f'href="{_question("plan-sections")}?change=1"' in result

    # Change to a disagreement with a college: the new question is asked, then the result.
    next_url = _answer(client, "about", {"decision": "non_ehc_disagreement"}, change=True)
    assert next_url == _question("who-with") + "?change=1"
    assert _answer(client, "who-with", {"who_with": "college"}, change=True) == RESULT
    assert client.session["portal_route_finder"] == {
        "decision": "non_ehc_disagreement",
        "who_with": "college",
    }
    page = _text(client.get(RESULT))
    college = rules.triage("non_ehc_disagreement", disagreement_with="college")
    assert family_answer(college).summary in page

    # Changing a plain answer goes straight back to the result.
    assert _answer(client, "who-with", {"who_with": "health"}, change=True) == RESULT


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("slug", "data", "message"),
    [
        ("about", {}, "Select what the disagreement is about"),
        ("about", {"decision": "made-up"}, "Select what the disagreement is about"),
    ],
)
def test_a_missing_answer_is_shown_with_the_error_summary(slug, data, message):
    response = Client().post(_question(slug), data)
    assert response.status_code == 400
    page = _text(response)
    assert "There is a problem" in page and message in page
    assert 'href="#id_decision_0"' in page  # the summary links to the first radio


@pytest.mark.django_db
def test_no_sections_chosen_is_an_error_and_the_result_waits_for_every_answer():
    client = Client()
    _answer(client, "about", {"decision": "plan_content"})
    response = client.post(_question("plan-sections"), {})
    assert response.status_code == 400
    assert "Select the parts of the plan you disagree with" in _text(response)
    assert client.get(RESULT)["Location"] == _question("plan-sections")


@pytest.mark.django_db
def test_start_again_forgets_the_answers():
    client = Client()
    _answer(client, "about", {"decision": "refuse_to_assess"})
    response = client.post(reverse("portal:route_start"))
    assert response["Location"] == _question("about")
    assert "portal_route_finder" not in client.session


@pytest.mark.django_db
def test_an_unknown_question_is_not_found():
    assert Client().get(_question("nope")).status_code == 404
