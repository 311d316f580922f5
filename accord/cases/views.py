"""Casework screens. Thin: parse the request, call a selector or a service, render."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from accord import rules
from accord.cases import caseload_rows, selectors, services, young_person
from accord.cases.audit import record_case_read, record_read
from accord.cases.choices import AccessKind, PartyRole, Route
from accord.cases.clock_facts import clock_facts_for
from accord.cases.clocks import deadlines_for, open_agreed_actions
from accord.cases.corrections import recorded_facts
from accord.cases.forms.caseload import CaseloadFilterForm
from accord.cases.forms.enquiry import EnquiryForm
from accord.cases.models import Case, ChildView
from accord.cases.next_steps import next_steps_for
from accord.cases.states import CaseState, allowed_transitions
from accord.cases.triage import rules_triage
from accord.govuk.forms import drawing_key
from accord.organisations.access import roles
from accord.organisations.models import Membership, User
from accord.organisations.roles import CASE_READERS, CASEWORKERS, STAFF, Role
from accord.rules import today_in_england


def membership_of(request: HttpRequest) -> Membership:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    return membership


def actor_of(request: HttpRequest) -> User:
    """The signed-in person making the change (views are guarded by @roles)."""
    return membership_of(request).user


# Who sees their own cases first: the people cases are assigned to (issue: "My cases" is the
# default caseload for coordinators, advisers and mediators). Managers and officers see all.
MY_CASES_FIRST = frozenset({Role.COORDINATOR, Role.ADVISER, Role.MEDIATOR})


def _caseload_filters(data: dict[str, Any], today: date) -> dict[str, Any]:
    return {
        "state": data["state"],
        "route": data["route"],
        "query": data["q"].strip(),
        "local_authority": data["local_authority"],
        "assignee": int(data["assignee"]) if data["assignee"] else None,
        "due_by": today if data["due"] == "now" else None,
    }


@roles(CASE_READERS)
def caseload(request: HttpRequest) -> HttpResponse:
    membership = membership_of(request)
    people = [
        (str(pk), full_name)
        for pk, full_name in User.objects.filter(
            memberships__provider=membership.provider,
            memberships__role__in=[r.value for r in CASEWORKERS],
        )
        .distinct()
        .order_by("full_name")
        .values_list("pk", "full_name")
    ]
    me = str(membership.user.pk)
    asked = request.GET.copy()
    if "assignee" not in asked and membership.role_enum in MY_CASES_FIRST:
        asked["assignee"] = me
    form = CaseloadFilterForm(asked or None, provider=membership.provider, people=people)
    today = today_in_england()
    filters: dict[str, Any] = {}
    if form.is_valid():
        filters = _caseload_filters(form.cleaned_data, today)
    shown, page, due_now = _caseload_page(membership, today, request.GET.get("page"), filters)
    if filters.get("query"):
        # A search lists children's names: recorded, without the words searched for.
        record_read(
            membership.provider,
            by=membership.user,
            what=f"searched the caseload ({page.paginator.count} found)",
            kind=AccessKind.SEARCH,
        )
    case_url = caseload_rows.case_url()
    names = selectors.assigned_names(shown)
    confidential = selectors.may_see_confidential(membership)
    rows = caseload_rows.drawn(
        (caseload_rows.caseload_row(case, today, case_url, names) for case in shown),
        confidential,
    )
    query = asked.copy()
    query.pop("page", None)
    mine = filters.get("assignee") == membership.user.pk
    return render(
        request,
        "cases/caseload.html",
        {
            "form": form,
            # The filter is drawn once for each set of values and choices (govuk.forms).
            "filter_key": drawing_key(form),
            "page": page,
            "rows": rows,
            "today": today,
            "querystring": query.urlencode(),
            "mine": mine,
            "me": me,
            "may_have_own_cases": membership.role_enum in CASEWORKERS,
            # Open safeguarding concerns and the risk level: staff and the mediator only.
            "confidential": confidential,
            # What needs doing today: cases in this view whose next deadline is today or past.
            "due_now": due_now,
            "due_now_query": _with(query, due="now"),
        },
    )


PER_PAGE = 25


def _caseload_page(
    membership: Membership, today: date, asked: str | None, filters: dict[str, Any]
) -> tuple[list[dict[str, Any]], Page, int]:
    """The page of the caseload asked for (the last one if past it, the first if not a number):
    its rows as plain values, the page (with how many cases in all) and how many are due now.
    A search's rows carry their own counts (`selectors.searched_rows`); otherwise the cases are
    counted without the joins the rows need (a count over values would keep them), then the
    page's rows read."""
    number = _page_number(asked)
    if filters.get("query") and number is not None:
        start = (number - 1) * PER_PAGE
        shown, count, due_now = selectors.searched_rows(
            membership, today, start, start + PER_PAGE, **filters
        )
        if shown:
            found: Paginator[dict[str, Any]] = Paginator(shown, PER_PAGE)
            found.count = count
            return shown, Page(shown, number, found), due_now
    cases, count, due_now = selectors.caseload(membership, today, **filters)
    paginator: Paginator[Case] = Paginator(cases, PER_PAGE)
    paginator.count = count
    page = paginator.get_page(asked)
    values = cases.values(*selectors.caseload_values(membership))
    shown = list(values[page.start_index() - 1 : page.end_index()]) if count else []
    return shown, page, due_now


def _page_number(asked: str | None) -> int | None:
    """The page asked for, when it is plainly one (a whole number from 1 to 10,000); None for
    anything else, which the paginator then reads as Django's paginators do."""
    if not asked:
        return 1
    if asked.isascii() and asked.isdigit() and 0 < int(asked) <= 10_000:
        return int(asked)
    return None


def _with(query: Any, **changes: str) -> str:
    changed = query.copy()
    for name, value in changes.items():
        changed[name] = value
    return str(changed.urlencode())


@roles(STAFF)
def new_enquiry(request: HttpRequest) -> HttpResponse:
    membership = membership_of(request)
    form = EnquiryForm(request.POST or None, provider=membership.provider)
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
        sent = data["decision_notice_sent_on"]
        late = late_letter_warning(sent, data["received_on"]) if sent else ""
        late_unseen = bool(late) and request.POST.get("late_letter_seen") != sent.isoformat()
        if (duplicates and request.POST.get("confirm_not_duplicate") != "yes") or late_unseen:
            return render(
                request,
                "cases/new_enquiry.html",
                {
                    "form": form,
                    "duplicates": duplicates,
                    "late_letter": late,
                    "late_letter_seen": sent.isoformat() if late else "",
                },
            )
        fields = {k: v for k, v in data.items() if k != "confirm_not_duplicate"}
        try:
            case = services.create_enquiry(
                membership.provider, services.EnquiryData(**fields), by=actor_of(request)
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


def late_letter_warning(sent_on: date, contacted_on: date) -> str:
    """SEND Regs reg 33: the family has 2 months from the decision letter to contact a mediation
    adviser. Empty while they are in time; else what the staff recording it should know. The
    date is the rules engine's, as on the public deadline calculator."""
    deadline = rules.explain_adviser_contact(sent_on).due
    if deadline is None or contacted_on <= deadline:
        return ""
    return (
        f"The decision letter is more than 2 months old. The time to contact a mediation "
        f"adviser ended on {deadline:%-d %B %Y}, before the family contacted us on "
        f"{contacted_on:%-d %B %Y} (SEND Regs reg 33)."
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
    membership = membership_of(request)
    case = selectors.case_page_for(membership, reference)
    record_case_read(case, by=actor_of(request), what="viewed case")
    today = today_in_england()
    confidential = selectors.may_see_confidential(membership)
    can_work = membership.role_enum in CASEWORKERS
    triage = rules_triage(case.decision_kind, case.sections, case.disagreement_with)
    young_person_from = rules.becomes_young_person_on(case.child.date_of_birth)
    facts = clock_facts_for(case)
    deadlines = deadlines_for(case, facts)
    body = services.OFFICER_PARTY_ROLES.get(membership.role_enum)

    def has(relation: str) -> bool:
        # Asked with the case (selectors.CASE_PAGE_FLAGS): an empty table is not read.
        return selectors.case_page_flag(case, f"has_{relation}")

    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "today": today,
            "deadlines": [(d, d.status(today), d.status_label(today)) for d in deadlines],
            "next_steps": next_steps_for(case, membership, deadlines),
            # Still followed up after closure (SEND Regs reg 42).
            "still_open": open_agreed_actions(facts) if case.state == CaseState.CLOSED else [],
            "parties": case.parties.all(),
            # Every fact recorded, each with its "Correct" link (accord.cases.corrections).
            "recorded": recorded_facts(case) if can_work else [],
            "timeline": selectors.timeline_for(membership, case)[:100],
            "notes": case.notes.select_related("author") if confidential and has("notes") else [],
            "case_documents": selectors.case_documents_for(membership, case).prefetch_related(
                "shared_with"
            )
            if has("documents")
            else [],
            # Safeguarding and risk: staff and the mediator only (accord.cases.concerns).
            "concerns": case.concerns.all() if confidential and has("concerns") else [],
            "risk_assessments": case.risk_assessments.all()
            if confidential and has("risk_assessments")
            else [],
            **_young_person_context(case, today, can_work=can_work, confidential=confidential),
            "confidential": confidential,
            "can_work": can_work,
            "is_staff": membership.role_enum in STAFF,
            "triage": triage,
            "transitions": [t.value for t in allowed_transitions(CaseState(case.state))],
            "young_person_from": young_person_from,
            "is_young_person": rules.is_young_person(case.child.date_of_birth, today),
            "age": rules.age_on(case.child.date_of_birth, today),
            "case_sections": _sections(request, case, membership),
            # The LA's and ICB's people not yet confirmed to have authority to settle (reg 38).
            "unconfirmed_authority": {
                p.pk
                for p in case.parties.all()
                if p.role in services.OFFICER_PARTY_ROLES.values() and not p.has_authority_to_settle
            },
            # An officer acts for their own body (accord.cases.steps.officers).
            "our_people": [p for p in case.parties.all() if p.role == body] if body else None,
            "dr_invitation_open": body is not None
            and case.is_open
            and case.dr_started_on is not None
            and case.route == Route.DISAGREEMENT_RESOLUTION,
        },
    )


def _young_person_context(
    case: Case, today: date, *, can_work: bool, confidential: bool
) -> dict[str, Any]:
    """The child's views as far as the reader may see them, and the young person as the party
    (accord.cases.young_person): their capacity, and which parents still take part."""
    views = list(case.child_views.all())
    if not can_work:
        # Officers see only what the child or young person agreed everyone may see.
        views = [v for v in views if v.shared_with == ChildView.SharedWith.EVERYONE]
    parties = list(case.parties.all())
    is_young_person = rules.is_young_person(case.child.date_of_birth, today)
    return {
        "child_views": views,
        "capacity_assessments": (
            case.capacity_assessments.select_related("acts_for_them")
            if confidential
            and is_young_person
            and selectors.case_page_flag(case, "has_capacity_assessments")
            else []
        ),
        "young_person_on_case": any(p.role == PartyRole.YOUNG_PERSON for p in parties),
        # The parents and carers of a young person, and those of them still taking part.
        "young_persons_parents": {p.pk for p in parties if p.role == PartyRole.PARENT_CARER}
        if can_work and is_young_person
        else set(),
        "parents_taking_part": {
            p.pk for p in parties if young_person.parent_may_take_part(p, case, today)
        }
        if can_work and is_young_person
        else set(),
    }


# Other apps contribute sections to the case page (meetings, documents), each a template
# include plus a context function, registered in their AppConfig.ready().
CASE_PAGE_SECTIONS: list[tuple[str, Callable[[HttpRequest, Case, Membership], dict[str, Any]]]]
CASE_PAGE_SECTIONS = []


def _sections(request: HttpRequest, case: Case, membership: Membership) -> list[dict[str, Any]]:
    return [
        {"template": template, **context(request, case, membership)}
        for template, context in CASE_PAGE_SECTIONS
    ]
