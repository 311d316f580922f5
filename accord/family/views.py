"""The family's pages: sign in with a one-time code, their cases, and what is on each.

Thin views (style.md #4): every case is fetched through accord.family.selectors, scoped to the
addresses the family proved; every page but the sign-in pages is guarded by `family_signed_in`.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accord.cases import selectors as case_selectors
from accord.cases.audit import record_case_read
from accord.cases.services import CaseError
from accord.cases.states import CaseState
from accord.documents import signatures, statement_selectors, twin
from accord.documents.action_letters import letter_to_body, overdue_action, overdue_actions
from accord.family import progress, selectors, services, signin, supporters
from accord.family.delivery import texts_enabled
from accord.family.forms import AddressForm, ChildViewForm, CodeForm, FeedbackForm
from accord.family.models import Feedback
from accord.family.session import (
    current_family,
    end_family_session,
    family_of,
    family_signed_in,
    pending_address,
    remember_pending_address,
    start_family_session,
)
from accord.meetings import arrangements
from accord.meetings.ics import ics_filename, meeting_ics
from accord.organisations.access import public
from accord.rules import today_in_england


def _client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is whatever the client says unless a trusted proxy
    # rewrites it (as accord.portal.throttle does).
    return str(request.META.get("REMOTE_ADDR") or "unknown")


# --- signing in ----------------------------------------------------------------------------------


@public
@never_cache
def sign_in(request: HttpRequest) -> HttpResponse:
    if current_family(request) is not None:
        return redirect("family:cases")
    phones = texts_enabled()
    form = AddressForm(request.POST or None, phones_allowed=phones)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            address = form.cleaned_data["address"]
            try:
                signin.request_code(address, _client_ip(request))
            except signin.TooManyTries:
                return render(request, "family/too_many_tries.html", status=429)
            remember_pending_address(request, address)
            return redirect("family:enter_code")
        status = 400
    return render(request, "family/sign_in.html", {"form": form, "phones": phones}, status=status)


@public
@never_cache
def enter_code(request: HttpRequest) -> HttpResponse:
    address = pending_address(request)
    if address is None:
        return redirect("family:sign_in")
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                identity = signin.check_code(
                    address, form.cleaned_data["code"], _client_ip(request)
                )
            except signin.TooManyTries:
                return render(request, "family/too_many_tries.html", status=429)
            if identity is not None:
                start_family_session(request, identity)
                return redirect("family:cases")
            form.add_error(
                "code",
                "That code is not right, or it has run out. Check the code, or ask for a new one",
            )
        status = 400
    return render(
        request,
        "family/enter_code.html",
        {"form": form, "channel": address.channel, "minutes": 15},
        status=status,
    )


@family_signed_in
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    end_family_session(request)
    return render(request, "family/signed_out.html")


# --- their cases ---------------------------------------------------------------------------------


@family_signed_in
def my_cases(request: HttpRequest) -> HttpResponse:
    identity = family_of(request)
    cases = list(selectors.cases_for_family(identity))
    supported = supporters.supported_cases(identity)
    return render(request, "family/cases.html", {"cases": cases, "supported": supported})


@family_signed_in
def case_page(request: HttpRequest, reference: str) -> HttpResponse:
    identity = family_of(request)
    case = selectors.case_for_family(identity, reference)
    parties = selectors.my_parties(identity, case)
    record_case_read(case, by=None, what="family viewed case")
    meetings = selectors.family_meetings(case, parties)
    certificates = selectors.family_certificates(case)
    agreements = list(selectors.issued_agreements(case).prefetch_related("items"))
    events = list(selectors.family_timeline(case))
    key_dates = progress.dates_that_matter(case, meetings, certificates, agreements)
    still = progress.still_to_do(agreements)
    superseded = {c.supersedes_id for c in certificates if c.supersedes_id}
    replaced_by = {c.supersedes_id: c for c in certificates if c.supersedes_id}
    return render(
        request,
        "family/case.html",
        {
            "case": case,
            "now_words": progress.now_words(case, still),
            "overdue_actions": overdue_actions(case, today_in_england()),
            "next_steps": progress.next_steps(case, key_dates, bool(certificates), still),
            "key_dates": key_dates,
            "history": progress.history(case, events, certificates, agreements),
            "meetings": meetings,
            "certificates": [(c, c.pk in superseded, replaced_by.get(c.pk)) for c in certificates],
            "agreements": agreements,
            "case_documents": list(case_selectors.documents_for_parties(case, parties)),
            "views_sent": [
                (v, progress.VIEW_KIND_WORDS.get(v.kind, v.get_kind_display()))
                for v in selectors.views_sent_by_family(case)
            ],
            "can_send_views": progress.can_send_views(case),
            "is_closed": case.state == CaseState.CLOSED,
            "feedback_given": selectors.feedback_given(case, parties),
            "statements": list(statement_selectors.readable_by_parties(case, parties)),
            "my_parties": {p.pk for p in parties},
            "to_sign": {
                a.pk for a in agreements if {p.pk for p in parties} - signatures.signed_parties(a)
            },
        },
    )


def _pdf(file_field: object, filename: str) -> FileResponse:
    response = FileResponse(
        file_field.open("rb"),  # type: ignore[attr-defined]
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@family_signed_in
def certificate_pdf(request: HttpRequest, reference: str, certificate_id: int) -> FileResponse:
    case = selectors.case_for_family(family_of(request), reference)
    certificate = selectors.downloadable_certificate(case, certificate_id)
    record_case_read(case, by=None, what=f"family downloaded certificate {certificate.number}")
    return _pdf(certificate.pdf, f"certificate-{certificate.number}.pdf")


@family_signed_in
def agreement_pdf(request: HttpRequest, reference: str, agreement_id: int) -> FileResponse:
    case = selectors.case_for_family(family_of(request), reference)
    agreement = selectors.downloadable_agreement(case, agreement_id)
    name = agreement.number or f"{case.reference}-{agreement.pk}"
    record_case_read(case, by=None, what=f"family downloaded agreement {name}")
    return _pdf(agreement.pdf, f"agreement-{name}.pdf")


@family_signed_in
def certificate_page(request: HttpRequest, reference: str, certificate_id: int) -> HttpResponse:
    """The certificate as a web page: the same content as its PDF, printable."""
    case = selectors.case_for_family(family_of(request), reference)
    certificate = selectors.downloadable_certificate(case, certificate_id)
    record_case_read(case, by=None, what=f"family read certificate {certificate.number} online")
    return twin.document_page(
        request,
        certificate,
        back_url=reverse("family:case", args=[case.reference]) + "#documents",
        pdf_url=reverse("family:certificate", args=[case.reference, certificate.pk]),
        base_template="family/base.html",
    )


@family_signed_in
def agreement_page(request: HttpRequest, reference: str, agreement_id: int) -> HttpResponse:
    """The written agreement as a web page: the same content as its PDF, printable."""
    case = selectors.case_for_family(family_of(request), reference)
    agreement = selectors.downloadable_agreement(case, agreement_id)
    record_case_read(case, by=None, what=f"family read agreement {agreement.number} online")
    return twin.document_page(
        request,
        agreement,
        back_url=reverse("family:case", args=[case.reference]) + "#documents",
        pdf_url=reverse("family:agreement", args=[case.reference, agreement.pk]),
        base_template="family/base.html",
    )


@family_signed_in
def meeting_calendar(request: HttpRequest, reference: str, meeting_id: int) -> HttpResponse:
    identity = family_of(request)
    case = selectors.case_for_family(identity, reference)
    meeting = selectors.family_meeting(case, selectors.my_parties(identity, case), meeting_id)
    record_case_read(
        case, by=None, what=f"family downloaded calendar file for meeting {meeting.pk}"
    )
    response = HttpResponse(meeting_ics(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ics_filename(meeting)}"'
    return response


@family_signed_in
@require_POST
def ask_for_test_run(request: HttpRequest, reference: str, meeting_id: int) -> HttpResponse:
    """The family asks for a test run of an online meeting themselves."""
    identity = family_of(request)
    case = selectors.case_for_family(identity, reference)
    parties = selectors.my_parties(identity, case)
    meeting = selectors.family_meeting(case, parties, meeting_id)
    try:
        arrangements.request_test_run(meeting, parties, by=None)
    except CaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Thank you. We will contact you to arrange a test run.")
    return redirect(reverse("family:case", args=[case.reference]) + "#meetings")


# --- the child's views ---------------------------------------------------------------------------


@family_signed_in
def send_views(request: HttpRequest, reference: str) -> HttpResponse:
    case = selectors.case_for_family(family_of(request), reference)
    if not progress.can_send_views(case):
        messages.info(request, "This case is closed, so you cannot send anything more.")
        return redirect("family:case", reference=case.reference)
    form = ChildViewForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.send_child_view(case, data["kind"], data["text"], data.get("upload"))
        except CaseError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            record_case_read(case, by=None, what="family sent the child's views")
            messages.success(request, "Thank you. We have your child's views.")
            return redirect(reverse("family:case", args=[case.reference]) + "#views")
    status = 400 if request.method == "POST" else 200
    return render(request, "family/send_views.html", {"case": case, "form": form}, status=status)


@family_signed_in
def view_file(request: HttpRequest, reference: str, view_id: int) -> FileResponse:
    case = selectors.case_for_family(family_of(request), reference)
    view = selectors.view_sent_by_family(case, view_id)
    record_case_read(case, by=None, what=f"family downloaded the child's view {view.pk}")
    response = FileResponse(
        view.file.open("rb"),
        as_attachment=True,
        filename=view.file.name.rsplit("/", 1)[-1],
        content_type=view.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- feedback from the family --------------------------------------------------------------------


@family_signed_in
def feedback(request: HttpRequest, reference: str) -> HttpResponse:
    identity = family_of(request)
    case = selectors.case_for_family(identity, reference)
    parties = selectors.my_parties(identity, case)
    if case.state != CaseState.CLOSED or selectors.feedback_given(case, parties):
        return redirect("family:case", reference=case.reference)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        scores = services.Scores(
            data["satisfied"], data["listened_to"], data["would_recommend"], data["comments"]
        )
        try:
            services.give_feedback(parties[0], scores, through=Feedback.Route.FAMILY_PAGE)
        except CaseError as error:
            form.add_error(None, str(error))
        else:
            return render(request, "family/feedback_thanks.html", {"case": case})
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "family/feedback.html",
        {"case": case, "form": form, "back": reverse("family:case", args=[case.reference])},
        status=status,
    )


# --- an agreed action overdue: the letter the family can send ----------------------------------


@family_signed_in
def action_letter(request: HttpRequest, reference: str, item_id: int) -> HttpResponse:
    identity = family_of(request)
    case = selectors.case_for_family(identity, reference)
    action = overdue_action(case, item_id, today_in_england())
    if action is None:
        raise Http404("No overdue action")
    record_case_read(case, by=None, what=f"family viewed the letter for agreed action {item_id}")
    return render(
        request,
        "family/action_letter.html",
        {
            "case": case,
            "action": action,
            "stage": action.stage(today_in_england()),
            "letter": letter_to_body(action),
        },
    )
