"""The two question-at-a-time journeys: "Which route is for me?" and the online request.

Thin views: each question page shows its form with the answer given before, saves a valid
answer in the session and moves on; an invalid answer comes back with the GOV.UK error summary
(status 400) and nothing the person typed is lost.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from accord.organisations.access import public
from accord.portal import finder, plain_words, request_form, services, throttle
from accord.portal.family_answer import family_answer
from accord.portal.flow import CHANGE, Flow
from accord.portal.models import OnlineRequest

SENT_KEY = "portal_request_sent"
HONEYPOT = "website"


def _ask(request: HttpRequest, flow: Flow, slug: str, context: dict[str, Any]) -> HttpResponse:
    question = flow.get(slug)
    if question is None:
        raise Http404("No such question")
    answers = flow.answers(request)
    if not question.applies(answers):
        missing = flow.first_unanswered(answers)
        return redirect(flow.url_for(missing) if missing else reverse(flow.end_url))
    changing = request.GET.get(CHANGE) == "1"
    status = 200
    if request.method == "POST":
        form = question.form_class(request.POST, answers=answers)
        if form.is_valid():
            answers = flow.save(request, form.to_answers(), forget=form.forgets())
            return redirect(flow.next_url(answers, question, changing))
        status = 400
    else:
        form = question.form_class(
            initial=question.form_class.initial_from(answers), answers=answers
        )
    return render(
        request,
        "portal/question.html",
        {
            **context,
            "form": form,
            "question": question,
            "back_url": flow.back_url(answers, question, changing),
            "changing": changing,
        },
        status=status,
    )


# --- Which route is for me? ----------------------------------------------------------------


@public
@require_http_methods(["GET", "POST"])
def route_start(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":  # "Start again"
        finder.ROUTE_FINDER.clear(request)
        return redirect(finder.ROUTE_FINDER.url_for(finder.ROUTE_FINDER.questions[0]))
    return render(request, "portal/route/start.html")


@public
@require_http_methods(["GET", "POST"])
def route_question(request: HttpRequest, slug: str) -> HttpResponse:
    return _ask(request, finder.ROUTE_FINDER, slug, {"caption": "Which route is for me?"})


@public
def route_result(request: HttpRequest) -> HttpResponse:
    flow = finder.ROUTE_FINDER
    answers = flow.answers(request)
    missing = flow.first_unanswered(answers)
    if missing is not None:
        return redirect(flow.url_for(missing))
    result = finder.triage_for(answers)
    return render(
        request,
        "portal/route/result.html",
        {
            "result": result,
            "answer": family_answer(result),
            "route_name": plain_words.ROUTE_NAMES[result.route],
            "route": result.route.value,
            "rows": finder.answer_rows(answers),
            "back_url": flow.last_url(answers),
        },
    )


# --- Ask for mediation or disagreement resolution ----------------------------------------


@public
def request_start(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/request/start.html")


@public
@require_http_methods(["GET", "POST"])
def request_question(request: HttpRequest, slug: str) -> HttpResponse:
    return _ask(request, request_form.REQUEST_FLOW, slug, {"caption": "Ask for help"})


@public
@require_http_methods(["GET", "POST"])
def request_check(request: HttpRequest) -> HttpResponse:
    flow = request_form.REQUEST_FLOW
    answers = flow.answers(request)
    missing = flow.first_unanswered(answers)
    if missing is not None:
        return redirect(flow.url_for(missing))
    error = ""
    if request.method == "POST":
        if not throttle.allow_submission(request):
            return render(request, "portal/request/too_many.html", status=429)
        if request.POST.get(HONEYPOT):
            return render(request, "portal/request/not_sent.html", status=400)
        try:
            sent = services.submit_request(request_form.new_request(answers))
        except services.NeedsService:
            flow.save(request, {}, forget=("provider",))
            return redirect(flow.url_for(flow.get("service"), changing=True))  # type: ignore[arg-type]
        except services.RequestError as problem:
            error = str(problem)
        else:
            flow.clear(request)
            request.session[SENT_KEY] = sent.reference
            return redirect("portal:request_sent")
    return render(
        request,
        "portal/request/check.html",
        {
            "rows": request_form.summary_rows(answers),
            "error": error,
            "back_url": flow.last_url(answers),
            "honeypot": HONEYPOT,
        },
        status=400 if error else 200,
    )


@public
def request_sent(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(SENT_KEY)
    if not reference:
        return redirect("portal:request_start")
    sent = OnlineRequest.objects.select_related("provider").filter(reference=reference)
    return render(request, "portal/request/sent.html", {"sent": sent.first()})
