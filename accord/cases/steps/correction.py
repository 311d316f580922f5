"""The one page that corrects any recorded fact: the fact's new value and the reason."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from accord.cases import selectors, services
from accord.cases.corrections import correctable, fact_of
from accord.cases.forms.correction import CorrectionForm
from accord.cases.models import Case
from accord.cases.steps import shown_version, step_form
from accord.cases.views import actor_of, membership_of
from accord.organisations.access import roles
from accord.organisations.roles import CASEWORKERS


@roles(CASEWORKERS)
def correct(request: HttpRequest, reference: str, key: str, target: int = 0) -> HttpResponse:
    kind = correctable(key)
    if kind is None:
        raise Http404("No such fact")
    case = selectors.case_for(membership_of(request), reference)
    if kind.page:
        return redirect(kind.url(case, target))
    fact = fact_of(case, key, target)
    if fact is None:
        raise Http404("Not recorded on this case")

    def act(c: Case, d: dict[str, Any]) -> None:
        services.correct_fact(
            c, key, d["value"], d["reason"], shown_version(d), by=actor_of(request), target=target
        )

    return step_form(
        request,
        reference,
        CorrectionForm,
        f"Correct {fact.label[0].lower()}{fact.label[1:]}",
        act,
        form_kwargs={"correctable": kind, "fact": fact},
        initial={"value": fact.value},
        done=f"{fact.label} corrected",
        section="recorded",
        hint=f"Recorded now: {fact.shown}. The deadlines are worked out again from the "
        "corrected record.",
    )
