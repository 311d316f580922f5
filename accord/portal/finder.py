"""The route finder, "Which route is for me?": three questions, then the rules engine's answer.

The answer (route, certificate, next steps and the law) always comes from `rules.triage(...)`;
this module only asks the questions in plain English.
"""

from __future__ import annotations

from django import forms

from accord import rules
from accord.govuk.widgets import HintedCheckboxes, HintedRadios
from accord.portal import plain_words
from accord.portal.flow import Answers, Flow, Question, StepForm


class DecisionForm(StepForm):
    decision = forms.ChoiceField(
        label="What is the disagreement about?",
        help_text="Choose the one that fits best.",
        choices=[(value, label) for value, label, _ in plain_words.DECISION_CHOICES],
        widget=HintedRadios(hints=plain_words.DECISION_HINTS),
        error_messages={"required": "Select what the disagreement is about"},
    )


class SectionsForm(StepForm):
    sections = forms.MultipleChoiceField(
        label="Which parts of the EHC plan do you disagree with?",
        help_text="Select all that apply. The plan has sections with letters, from A to K.",
        choices=[(value, label) for value, label, _ in plain_words.SECTION_CHOICES],
        widget=HintedCheckboxes(hints=plain_words.SECTION_HINTS),
        error_messages={"required": "Select the parts of the plan you disagree with"},
    )


class WhoWithForm(StepForm):
    who_with = forms.ChoiceField(
        label="Who is the disagreement with?",
        choices=plain_words.WHO_WITH_CHOICES,
        widget=HintedRadios(),
        error_messages={"required": "Select who the disagreement is with"},
    )


def _about_plan(answers: Answers) -> bool:
    return answers.get("decision") == rules.DecisionKind.PLAN_CONTENT.value


def _about_something_else(answers: Answers) -> bool:
    return answers.get("decision") == rules.DecisionKind.NON_EHC_DISAGREEMENT.value


ROUTE_FINDER = Flow(
    session_key="portal_route_finder",
    questions=(
        Question("about", DecisionForm, "What the disagreement is about"),
        Question("plan-sections", SectionsForm, "Parts of the plan", applies=_about_plan),
        Question("who-with", WhoWithForm, "Who it is with", applies=_about_something_else),
    ),
    question_url="portal:route_question",
    start_url="portal:route_start",
    end_url="portal:route_result",
)


def triage_for(answers: Answers) -> rules.TriageResult:
    return rules.triage(
        answers["decision"],
        sections=answers.get("sections") or (),
        disagreement_with=answers.get("who_with") or None,
    )


def answer_rows(answers: Answers) -> list[tuple[Question, str]]:
    """Each question asked, with the answer in the words the person chose."""
    rows: list[tuple[Question, str]] = []
    for question in ROUTE_FINDER.applicable(answers):
        if question.slug == "about":
            text = plain_words.DECISION_LABELS.get(answers.get("decision", ""), "")
        elif question.slug == "plan-sections":
            text = "; ".join(plain_words.SECTION_LABELS[s] for s in answers.get("sections", []))
        else:
            text = plain_words.WHO_WITH_LABELS.get(answers.get("who_with", ""), "")
        rows.append((question, text))
    return rows
