"""The deadline calculator: the date on the decision letter (and the certificate, if there is
one) in; the dates to contact the adviser and to appeal out, each with how it was worked out.
Every date comes from accord.rules."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accord import rules
from accord.govuk.forms import GovukForm
from accord.govuk.widgets import GovukDateField
from accord.organisations.access import public
from accord.portal.family_answer import law_for_family
from accord.rules import today_in_england
from accord.rules.wording import for_family


class DeadlineForm(GovukForm):
    decision_letter_date = GovukDateField(
        label="What date is on the decision letter?",
        what="Date on the decision letter",
        help_text="This is the date the council sent the letter. For example, 25 10 2026",
    )
    certificate_date = GovukDateField(
        label="If you have a mediation certificate, what date is on it?",
        what="Date on the certificate",
        required=False,
        help_text="Leave this blank if you do not have a certificate yet. For example, 2 12 2026",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        letter, certificate = data.get("decision_letter_date"), data.get("certificate_date")
        if letter and certificate and certificate < letter:
            self.fields["certificate_date"].widget.error_parts = ("day", "month", "year")
            self.add_error(
                "certificate_date",
                "Date on the certificate must be the same as or after the date on the decision "
                "letter",
            )
        return data


@public
def deadline_calculator(request: HttpRequest) -> HttpResponse:
    asked = any(
        key.startswith(("decision_letter_date-", "certificate_date-")) for key in request.GET
    )
    form = DeadlineForm(request.GET if asked else None)
    context: dict[str, Any] = {"form": form}
    if asked and form.is_valid():
        letter: date = form.cleaned_data["decision_letter_date"]
        certificate: date | None = form.cleaned_data["certificate_date"]
        adviser = rules.explain_adviser_contact(letter)
        appeal = rules.explain_appeal_deadline(letter, certificate)
        today = today_in_england()
        context.update(
            {
                "adviser": adviser,
                "appeal": appeal,
                # The steps said to the family, their citations in the law below.
                "adviser_steps": [for_family(step) for step in adviser.steps],
                "appeal_steps": [for_family(step) for step in appeal.steps],
                # The statutes and rules behind both dates, never the names of court cases.
                "law": law_for_family(tuple(dict.fromkeys((*adviser.basis, *appeal.basis)))),
                "adviser_passed": adviser.due is not None and adviser.due < today,
                "appeal_passed": appeal.due is not None and appeal.due < today,
                "certificate": certificate,
            }
        )
    return render(
        request,
        "portal/deadlines/calculator.html",
        context,
        status=400 if asked and not form.is_valid() else 200,
    )
