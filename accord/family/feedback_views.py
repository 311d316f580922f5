"""Feedback from a party who has no account (an LA or ICB officer, school staff, a family member
reached by text or post) or from the case's mediator, reached by the signed link sent by
`accord.family.feedback_requests`; and the staff button that asks again by hand.

The feedback page is open to anyone holding a valid link: the signed token names one party (or
the mediator) on one case, lasts 60 days, and works once (one feedback per person per case).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accord.cases import selectors as case_selectors
from accord.cases.services import CaseError
from accord.family import feedback_requests, services
from accord.family.forms import FeedbackForm
from accord.family.models import Feedback
from accord.organisations.access import public, roles
from accord.organisations.models import Membership
from accord.organisations.roles import STAFF


@public
@never_cache
def give(request: HttpRequest, token: str) -> HttpResponse:
    """Guarded by the signed token, not by a sign-in."""
    try:
        respondent = services.respondent_for_token(token)
    except services.InvalidFeedbackLink:
        return render(request, "family/feedback_link_invalid.html", status=404)
    case = respondent.case
    if isinstance(respondent, services.MediatorRespondent):
        given = services.mediator_has_given_feedback(respondent)
    else:
        given = services.has_given_feedback(respondent)
    if given:
        return render(request, "family/feedback_link_used.html", status=410)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        scores = services.Scores(
            data["satisfied"], data["listened_to"], data["would_recommend"], data["comments"]
        )
        try:
            if isinstance(respondent, services.MediatorRespondent):
                services.give_mediator_feedback(respondent, scores)
            else:
                services.give_feedback(respondent, scores, through=Feedback.Route.EMAILED_LINK)
        except CaseError:
            return render(request, "family/feedback_link_used.html", status=410)
        return render(request, "family/feedback_thanks.html", {"case": case})
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "family/feedback.html",
        {"case": case, "form": form, "provider": case.provider},
        status=status,
    )


@roles(STAFF)
@require_POST
def request_feedback(request: HttpRequest, reference: str) -> HttpResponse:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    case = case_selectors.case_for(membership, reference)
    try:
        asked = feedback_requests.request_feedback(case, by=membership.user)
    except CaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, f"Feedback asked for from {asked} {'person' if asked == 1 else 'people'}."
        )
    return redirect(case.get_absolute_url() + "#feedback")
