"""The casework step pages: each a one-form page that calls one service (style.md #3, #4).

This package holds the page every step is (`step_form`), its warnings, and asking the person to
read one first. The steps themselves are in a module each for their group:

- `route`: the route, the family's choice, the LA told, disagreement resolution started,
  mediation that cannot be held or is no longer pursued.
- `closing`: the meeting's outcome, closing and reopening.
- `people`: staff assigned, parties and their consent, the child's views.
- `details`: the risk assessment, the decision letter's date, confidential notes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accord.cases import selectors, services
from accord.cases.forms import show_refusal
from accord.cases.models import Case
from accord.cases.states import IllegalTransition
from accord.cases.views import membership_of


@dataclass(frozen=True)
class StepWarning:
    """A GOV.UK warning text above a step's form, with what it lists or links to."""

    text: str
    # What it lists: (words, address), the address empty for words without a link.
    items: tuple[tuple[str, str], ...] = ()


class ReadFirst(Exception):
    """The step may go ahead, but the person should read `warning` first. The form is shown
    again with it (not as an error), carrying `acknowledge` (a hidden field's name and value);
    sent again with it, the step goes ahead."""

    def __init__(self, warning: StepWarning, acknowledge: tuple[str, str]) -> None:
        super().__init__(warning.text)
        self.warning = warning
        self.acknowledge = acknowledge


def step_form(
    request: HttpRequest,
    reference: str,
    form_class: type[forms.Form],
    title: str,
    action: Callable[[Case, dict[str, Any]], Any],
    *,
    form_kwargs: dict[str, Any] | None = None,
    initial: dict[str, Any] | None = None,
    done: str,
    section: str = "next-steps",
    hint: str = "",
    warnings: list[StepWarning] | None = None,
    then: Callable[[Case, dict[str, Any]], str] | None = None,
) -> HttpResponse:
    """The step's page. On success the case page is shown at `section` (the part of the page
    the step changed) with `done`, a plain confirmation of what happened ("Route confirmed");
    or, where `then` gives an address, the form of the step that follows (a page saved)."""
    membership = membership_of(request)
    case = selectors.case_for(membership, reference)
    kwargs = dict(form_kwargs or {})
    shown = list(warnings or [])
    acknowledge: tuple[str, str] | None = None
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, **kwargs)
    else:
        form = form_class(initial={"version": case.version, **(initial or {})}, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            action(case, form.cleaned_data)
        except ReadFirst as first:
            shown.append(first.warning)
            acknowledge = first.acknowledge
        except (services.CaseError, IllegalTransition) as error:
            show_refusal(form, error)
        else:
            messages.success(request, done)
            following = then(case, form.cleaned_data) if then else ""
            return redirect(following or f"{case.get_absolute_url()}#{section}")
    return render(
        request,
        "cases/step.html",
        {
            "case": case,
            "form": form,
            "title": title,
            "hint": hint,
            "warnings": shown,
            "acknowledge": acknowledge,
        },
        status=200 if request.method == "GET" or not form.errors else 400,
    )


def shown_version(data: dict[str, Any]) -> int | None:
    """The case version the form was shown with (`VersionedForm`), for the service's check."""
    return data.get("version")
