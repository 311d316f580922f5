"""Casework screens. Thin: parse the request, call a selector or a service, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from accord import rules
from accord.cases import forms as case_forms
from accord.cases import selectors, services
from accord.cases.clocks import deadlines_for
from accord.cases.models import Case, CaseAccess, ChildView, Party
from accord.cases.states import CaseState, IllegalTransition, allowed_transitions
from accord.cases.triage import rules_triage
from accord.organisations.access import roles
from accord.organisations.models import Membership, User
from accord.organisations.roles import CASE_READERS, CASEWORKERS, STAFF, Role


def _membership(request: HttpRequest) -> Membership:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    return membership


def _actor(request: HttpRequest) -> User:
    """The signed-in person making the change (views are guarded by @roles)."""
    return _membership(request).user


def _audit(request: HttpRequest, case: Case, what: str) -> None:
    CaseAccess.objects.create(case=case, user=_actor(request), what=what)


@roles(CASE_READERS)
def caseload(request: HttpRequest) -> HttpResponse:
    membership = _membership(request)
    people = [
        (str(u.pk), u.full_name)
        for u in User.objects.filter(
            memberships__provider=membership.provider,
            memberships__role__in=[r.value for r in CASEWORKERS],
        )
        .distinct()
        .order_by("full_name")
    ]
    form = case_forms.CaseloadFilterForm(
        request.GET or None, provider=membership.provider, people=people
    )
    filters: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "state": data["state"],
            "route": data["route"],
            "query": data["q"].strip(),
            "local_authority": data["local_authority"].pk if data["local_authority"] else None,
            "assignee": int(data["assignee"]) if data["assignee"] else None,
        }
    cases = selectors.caseload(membership, **filters)
    page = Paginator(cases, 25).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [(case, _tag(case, today)) for case in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/caseload.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "today": today,
            "querystring": query.urlencode(),
        },
    )


def _tag(case: Case, today: Any) -> tuple[str, str]:
    due = case.next_deadline_on
    if due is None:
        return ("", "No deadline running")
    if due < today:
        return ("accord-tag--overdue", "Overdue")
    if due <= rules.add_working_days(today, 2):
        return ("accord-tag--due-soon", "Due soon")
    return ("accord-tag--on-track", "On track")


@roles(STAFF)
def new_enquiry(request: HttpRequest) -> HttpResponse:
    membership = _membership(request)
    form = case_forms.EnquiryForm(request.POST or None, provider=membership.provider)
    duplicates: list[Case] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        duplicates = list(
            services.possible_duplicates(
                membership.provider,
                data["child_first_name"],
                data["child_last_name"],
                data["child_date_of_birth"],
            )
        )
        if duplicates and request.POST.get("confirm_not_duplicate") != "yes":
            return render(
                request,
                "cases/new_enquiry.html",
                {
                    "form": form,
                    "duplicates": duplicates,
                },
            )
        fields = {k: v for k, v in data.items() if k != "confirm_not_duplicate"}
        try:
            case = services.create_enquiry(
                membership.provider,
                _actor(request),
                services.EnquiryData(**fields),
            )
        except services.CaseError as error:
            form.add_error(None, str(error))
        else:
            warning = _contact_window_warning(case)
            messages.success(request, f"Enquiry {case.reference} created. {warning}".strip())
            return redirect(case)
    return render(
        request,
        "cases/new_enquiry.html",
        {"form": form, "duplicates": duplicates},
        status=400 if form.errors else 200,
    )


def _contact_window_warning(case: Case) -> str:
    """SEND Regs reg 33: warn at once if the 2-month window has passed or is close."""
    if case.decision_notice_sent_on is None:
        return ""
    deadline = rules.adviser_contact_deadline(case.decision_notice_sent_on)
    if case.received_on > deadline:
        return (
            f"The 2-month window to contact a mediation adviser ended on "
            f"{deadline:%-d %B %Y} (SEND Regs reg 33)."
        )
    if (deadline - case.received_on).days <= 14:
        return (
            f"The 2-month window to contact a mediation adviser ends on "
            f"{deadline:%-d %B %Y} (SEND Regs reg 33)."
        )
    return ""


@roles(CASE_READERS)
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    membership = _membership(request)
    case = selectors.case_page_for(membership, reference)
    _audit(request, case, "viewed case")
    today = timezone.localdate()
    confidential = selectors.may_see_confidential(membership)
    can_work = membership.role_enum in CASEWORKERS
    triage = rules_triage(case.decision_kind, case.sections, case.disagreement_with)
    young_person_from = rules.becomes_young_person_on(case.child.date_of_birth)
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "today": today,
            "deadlines": [(d, d.status(today), d.status_label(today)) for d in deadlines_for(case)],
            "parties": case.parties.all(),
            "timeline": selectors.timeline_for(membership, case)[:100],
            "notes": case.notes.select_related("author") if confidential else [],
            "child_views": case.child_views.all() if can_work else [],
            "confidential": confidential,
            "can_work": can_work,
            "is_staff": membership.role_enum in STAFF,
            "triage": triage,
            "transitions": [t.value for t in allowed_transitions(CaseState(case.state))],
            "young_person_from": young_person_from,
            "is_young_person": rules.is_young_person(case.child.date_of_birth, today),
            "age": rules.age_on(case.child.date_of_birth, today),
            "case_sections": _sections(request, case, membership),
        },
    )


# Other apps contribute sections to the case page (meetings, documents), each a template
# include plus a context function, registered in their AppConfig.ready().
CASE_PAGE_SECTIONS: list[tuple[str, Callable[[HttpRequest, Case, Membership], dict[str, Any]]]]
CASE_PAGE_SECTIONS = []


def _sections(request: HttpRequest, case: Case, membership: Membership) -> list[dict[str, Any]]:
    return [
        {"template": template, **context(request, case, membership)}
        for template, context in CASE_PAGE_SECTIONS
    ]


# --- steps: each a form that calls one service ---------------------------------------------


def _step(
    request: HttpRequest,
    reference: str,
    form_class: type[forms.Form],
    title: str,
    action: Callable[[Case, dict[str, Any]], Any],
    *,
    form_kwargs: dict[str, Any] | None = None,
    initial: dict[str, Any] | None = None,
    hint: str = "",
) -> HttpResponse:
    membership = _membership(request)
    case = selectors.case_for(membership, reference)
    kwargs = dict(form_kwargs or {})
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, **kwargs)
    else:
        form = form_class(initial={"version": case.version, **(initial or {})}, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            action(case, form.cleaned_data)
        except (services.CaseError, IllegalTransition) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{title}: saved.")
            return redirect(case)
    return render(
        request,
        "cases/step.html",
        {
            "case": case,
            "form": form,
            "title": title,
            "hint": hint,
        },
        status=200 if request.method == "GET" or not form.errors else 400,
    )


def _version(data: dict[str, Any]) -> int | None:
    return data.get("version")


@roles(STAFF)
def confirm_route(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.confirm_route(
            case,
            _actor(request),
            d["route"],
            d["reason"],
            _version(d),
        )

    case = selectors.case_for(_membership(request), reference)
    return _step(
        request,
        reference,
        case_forms.RouteForm,
        "Confirm the route",
        act,
        initial={"route": case.route or case.suggested_route},
        hint=f"Suggested from the facts: {case.get_suggested_route_display()}.",
    )


@roles(STAFF)
def family_choice(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.record_family_choice(
            case,
            _actor(request),
            d["choice"],
            d["on"],
            la_notified_on=d["la_notified_on"],
            expected_version=_version(d),
        )

    return _step(
        request,
        reference,
        case_forms.FamilyChoiceForm,
        "Record the family's decision",
        act,
        initial={"on": timezone.localdate()},
        hint="After information and advice the family chooses mediation, or a "
        "certificate so they can appeal (SEND Regs regs 33–34).",
    )


@roles(STAFF)
def la_notified(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.record_la_notified(
            case,
            _actor(request),
            d["la_notified_on"],
            d["health_body_notified_on"],
            _version(d),
        )

    return _step(request, reference, case_forms.LaNotifiedForm, "Record when the LA was told", act)


@roles(STAFF)
def start_dr(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.start_disagreement_resolution(case, _actor(request), _version(d))

    return _step(
        request,
        reference,
        case_forms.VersionedForm,
        "Start arranging disagreement resolution",
        act,
        hint="Disagreement resolution is voluntary: record each party's agreement to "
        "take part (SEND Code of Practice 11.6).",
    )


@roles(STAFF)
def cannot_hold(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.mediation_cannot_be_held(case, _actor(request), d["told_on"], _version(d))

    return _step(
        request,
        reference,
        case_forms.CannotHoldForm,
        "Mediation cannot be held within 30 days",
        act,
        initial={"told_on": timezone.localdate()},
        hint="A certificate is then due within 3 working days (SEND Regs reg 37).",
    )


@roles(CASEWORKERS)
def record_outcome(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.record_outcome(
            case,
            _actor(request),
            d["outcome"],
            d["concluded_on"],
            _version(d),
        )

    return _step(
        request,
        reference,
        case_forms.OutcomeForm,
        "Record the meeting outcome",
        act,
        initial={"concluded_on": timezone.localdate()},
    )


@roles(STAFF)
def close(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.close_case(
            case,
            _actor(request),
            d["outcome"],
            d["reason"],
            expected_version=_version(d),
        )

    case = selectors.case_for(_membership(request), reference)
    return _step(
        request,
        reference,
        case_forms.CloseForm,
        "Close the case",
        act,
        initial={"outcome": case.outcome},
    )


@roles(STAFF)
def reopen(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.reopen_case(case, _actor(request), d["reason"], _version(d))

    return _step(request, reference, case_forms.ReopenForm, "Reopen the case", act)


@roles(STAFF)
def assign(request: HttpRequest, reference: str) -> HttpResponse:
    membership = _membership(request)

    def act(case: Case, d: dict[str, Any]) -> None:
        services.assign(
            case,
            _actor(request),
            coordinator=d["coordinator"],
            adviser=d["adviser"],
            mediator=d["mediator"],
            expected_version=_version(d),
        )

    case = selectors.case_for(membership, reference)
    return _step(
        request,
        reference,
        case_forms.AssignForm,
        "Assign people",
        act,
        form_kwargs={"provider": membership.provider},
        initial={
            "coordinator": case.coordinator_id,
            "adviser": case.adviser_id,
            "mediator": case.mediator_id,
        },
    )


@roles(STAFF)
def risk_assessment(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.update_case_details(
            case,
            _actor(request),
            {
                "risk_level": d["risk_level"],
                "risk_notes": d["risk_notes"],
                "risk_assessed_on": d["risk_assessed_on"],
            },
            _version(d),
        )

    case = selectors.case_for(_membership(request), reference)
    return _step(
        request,
        reference,
        case_forms.RiskForm,
        "Risk assessment",
        act,
        initial={
            "risk_level": case.risk_level,
            "risk_notes": case.risk_notes,
            "risk_assessed_on": case.risk_assessed_on or timezone.localdate(),
        },
    )


@roles(STAFF)
def decision_date(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.update_case_details(
            case,
            _actor(request),
            {"decision_notice_sent_on": d["decision_notice_sent_on"]},
            _version(d),
        )

    case = selectors.case_for(_membership(request), reference)
    return _step(
        request,
        reference,
        case_forms.DecisionDateForm,
        "Change the date of the decision letter",
        act,
        initial={"decision_notice_sent_on": case.decision_notice_sent_on},
        hint="Every deadline that depends on it is worked out again.",
    )


@roles(STAFF)
def add_party(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.add_party(case, _actor(request), **d)

    return _step(request, reference, case_forms.PartyForm, "Add a person", act)


@roles(STAFF)
def edit_party(request: HttpRequest, reference: str, party_id: int) -> HttpResponse:
    case = selectors.case_for(_membership(request), reference)
    party = get_object_or_404(Party, pk=party_id, case=case)

    def act(_case: Case, d: dict[str, Any]) -> None:
        services.update_party(party, _actor(request), **d)

    fields = case_forms.PartyForm.base_fields
    return _step(
        request,
        reference,
        case_forms.PartyForm,
        f"Change {party.name}'s details",
        act,
        initial={name: getattr(party, name) for name in fields},
    )


@roles(STAFF)
def dr_consent(request: HttpRequest, reference: str, party_id: int) -> HttpResponse:
    case = selectors.case_for(_membership(request), reference)
    party = get_object_or_404(Party, pk=party_id, case=case)

    def act(_case: Case, d: dict[str, Any]) -> None:
        services.record_dr_consent(party, _actor(request), d["consents"], d["on"])

    return _step(
        request,
        reference,
        case_forms.DrConsentForm,
        f"Does {party.name} agree to take part?",
        act,
        initial={"on": timezone.localdate()},
    )


@roles(STAFF | {Role.MEDIATOR})
def add_note(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.add_note(case, _actor(request), d["text"])

    return _step(request, reference, case_forms.NoteForm, "Add a confidential note", act)


@roles(CASEWORKERS)
def add_child_view(request: HttpRequest, reference: str) -> HttpResponse:
    def act(case: Case, d: dict[str, Any]) -> None:
        services.add_child_view(case, _actor(request), d["kind"], d["text"], d["upload"])

    return _step(
        request, reference, case_forms.ChildViewForm, "Add the child's or young person's views", act
    )


@roles(CASEWORKERS)
def child_view_file(request: HttpRequest, reference: str, view_id: int) -> FileResponse:
    case = selectors.case_for(_membership(request), reference)
    view = get_object_or_404(ChildView, pk=view_id, case=case)
    if not view.file:
        raise Http404("No file")
    _audit(request, case, f"downloaded child's view {view.pk}")
    return FileResponse(
        view.file.open("rb"), as_attachment=True, filename=view.file.name.rsplit("/", 1)[-1]
    )
