"""The pages where a family member, or a supporter with the family's consent, corrects their own
details (accord.family.own_details)."""

from __future__ import annotations

from dataclasses import asdict

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from accord.cases.audit import record_case_read
from accord.cases.forms import show_refusal
from accord.cases.models import Case, Party
from accord.cases.services import CaseError
from accord.family import own_details, selectors, supporters
from accord.family.session import family_of, family_signed_in
from accord.family.supporter_forms import OwnDetailsForm


def _details_page(
    request: HttpRequest, case: Case, party: Party, *, as_supporter: bool, back: str
) -> HttpResponse:
    form = OwnDetailsForm(request.POST or None, initial=asdict(own_details.details_of(party)))
    if request.method == "POST" and form.is_valid():
        try:
            own_details.correct_own_details(
                party, own_details.OwnDetails(**form.cleaned_data), as_supporter=as_supporter
            )
        except CaseError as error:
            show_refusal(form, error)
        else:
            messages.success(request, "Your details are saved.")
            return redirect(back)
    return render(
        request,
        "family/own_details.html",
        {"case": case, "form": form, "party": party, "back": back},
        status=400 if form.errors else 200,
    )


@family_signed_in
def family_details(request: HttpRequest, reference: str) -> HttpResponse:
    identity = family_of(request)
    case = selectors.case_for_family(identity, reference)
    mine = selectors.my_parties(identity, case)
    if not mine:
        raise Http404("No such person")
    record_case_read(case, by=None, what="family viewed their own details")
    return _details_page(
        request,
        case,
        mine[0],
        as_supporter=False,
        back=reverse("family:case", args=[case.reference]),
    )


@family_signed_in
def supporter_details(request: HttpRequest, reference: str) -> HttpResponse:
    consent = supporters.consent_for(family_of(request), reference)
    record_case_read(
        consent.case, by=None, what=f"supporter {consent.supporter_id} viewed their own details"
    )
    return _details_page(
        request,
        consent.case,
        consent.supporter,
        as_supporter=True,
        back=reverse("family:supported_case", args=[consent.case.reference]),
    )
