"""One question per page, answers kept in the session (the GOV.UK "question pages" pattern).

A `Flow` is an ordered list of `Question`s; some apply only after certain answers. It works out
the next page, the back link, and which questions still need an answer, so the route finder and
the request form share one way of moving between pages. It works without JavaScript: every
page is a plain form that posts back to itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models
from django.http import HttpRequest
from django.urls import reverse

from accord.govuk.forms import GovukForm
from accord.govuk.widgets import GovukDateField

Answers = dict[str, Any]
CHANGE = "change"  # query parameter: the person came from the check-answers page


class StepForm(GovukForm):
    """One page of a flow. Turns its cleaned data into JSON-safe answers and back."""

    # Shown as the page's heading when the page has more than one field.
    title = ""

    def __init__(self, *args: Any, answers: Answers | None = None, **kwargs: Any) -> None:
        self.answers: Answers = dict(answers or {})
        super().__init__(*args, **kwargs)

    def to_answers(self) -> Answers:
        return {name: _to_json(value) for name, value in self.cleaned_data.items()}

    def forgets(self) -> tuple[str, ...]:
        """Answers to other questions that this answer makes stale."""
        return ()

    @classmethod
    def initial_from(cls, answers: Answers) -> Answers:
        initial: Answers = {}
        for name, form_field in cls.base_fields.items():
            if name not in answers:
                continue
            value = answers[name]
            if isinstance(form_field, GovukDateField) and isinstance(value, str) and value:
                value = date.fromisoformat(value)
            initial[name] = value
        return initial


def _to_json(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [_to_json(v) for v in value]
    return value


def always(answers: Answers) -> bool:
    return True


@dataclass(frozen=True)
class Question:
    slug: str
    form_class: type[StepForm]
    # Short name of the answer on the check-answers page.
    summary_label: str
    applies: Callable[[Answers], bool] = always

    def answered(self, answers: Answers) -> bool:
        return all(name in answers for name in self.form_class.base_fields)


@dataclass(frozen=True)
class Flow:
    session_key: str
    questions: tuple[Question, ...]
    question_url: str  # URL name taking a slug
    start_url: str  # URL name of the page before the first question
    end_url: str  # URL name of the page after the last (result or check answers)

    def get(self, slug: str) -> Question | None:
        return next((q for q in self.questions if q.slug == slug), None)

    def answers(self, request: HttpRequest) -> Answers:
        stored = request.session.get(self.session_key)
        return dict(stored) if isinstance(stored, dict) else {}

    def save(
        self, request: HttpRequest, new_answers: Answers, forget: tuple[str, ...] = ()
    ) -> Answers:
        answers = {**self.answers(request), **new_answers}
        for name in forget:
            answers.pop(name, None)
        # Drop answers to questions that no longer apply (e.g. the plan sections after the
        # person changes what the disagreement is about), so they cannot leak into the result.
        for question in self.questions:
            if not question.applies(answers):
                for name in question.form_class.base_fields:
                    answers.pop(name, None)
        request.session[self.session_key] = answers
        return answers

    def clear(self, request: HttpRequest) -> None:
        request.session.pop(self.session_key, None)

    def applicable(self, answers: Answers) -> list[Question]:
        return [q for q in self.questions if q.applies(answers)]

    def first_unanswered(self, answers: Answers) -> Question | None:
        return next((q for q in self.applicable(answers) if not q.answered(answers)), None)

    def url_for(self, question: Question, changing: bool = False) -> str:
        url = reverse(self.question_url, args=[question.slug])
        return f"{url}?{CHANGE}=1" if changing else url

    def next_url(self, answers: Answers, current: Question, changing: bool) -> str:
        if changing:
            # Back to the check page unless a change opened a question not yet answered.
            missing = self.first_unanswered(answers)
            return self.url_for(missing, changing=True) if missing else reverse(self.end_url)
        pages = self.applicable(answers)
        later = pages[pages.index(current) + 1 :] if current in pages else []
        return self.url_for(later[0]) if later else reverse(self.end_url)

    def back_url(self, answers: Answers, current: Question, changing: bool) -> str:
        if changing:
            return reverse(self.end_url)
        pages = self.applicable(answers)
        if current in pages and pages.index(current) > 0:
            return self.url_for(pages[pages.index(current) - 1])
        return reverse(self.start_url)

    def last_url(self, answers: Answers) -> str:
        """Where the back link of the end page goes."""
        pages = self.applicable(answers)
        return self.url_for(pages[-1]) if pages else reverse(self.start_url)
