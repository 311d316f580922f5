"""The SEN2 return (person-level since 2023) and the appeals it counts. Thin: read the request,
ask the selectors (accord.reports.selectors.sen2), render.

Who sees what (docs/reports.md, "SEN2"): an LA officer their own LA's person-level rows and
figures; a commissioner of an LA that LA's published figures only; a service manager every LA
their provider works for, both.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from accord.cases import selectors as case_selectors
from accord.cases import services as case_services
from accord.cases.audit import record_case_read
from accord.cases.choices import AccessKind
from accord.cases.models import Appeal, Case
from accord.cases.steps import step_form
from accord.organisations.access import roles
from accord.organisations.models import Membership
from accord.organisations.roles import STAFF, Role
from accord.reports import exports
from accord.reports.forms import AppealForm, RemoveAppealForm, Sen2Form
from accord.reports.scope import SEN2_PERSON_LEVEL, Scope, sen2_scope
from accord.reports.selectors import sen2
from accord.rules import today_in_england

SEN2_READERS = frozenset({Role.SERVICE_MANAGER, Role.COMMISSIONER, Role.LA_OFFICER})


def _membership(request: HttpRequest) -> Membership:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    return membership


def _asked(request: HttpRequest) -> tuple[Sen2Form, Scope | None, int | None]:
    """The form, and when it is valid the scope and year (last year when nothing is asked)."""
    membership = _membership(request)
    provider = membership.provider if membership.role_enum == Role.SERVICE_MANAGER else None
    last_year = today_in_england().year - 1
    form = Sen2Form(request.GET or None, provider=provider, initial={"year": last_year})
    if membership.role_enum != Role.SERVICE_MANAGER and membership.local_authority is None:
        return form, None, None
    if not request.GET:
        return form, sen2_scope(membership), last_year
    if not form.is_valid():
        return form, None, None
    chosen = form.chosen_local_authority() if provider is not None else None
    return form, sen2_scope(membership, chosen), form.cleaned_data["year"]


def _figures(scope: Scope, year: int, rows: list[sen2.PersonRow]) -> list[sen2.Aggregate]:
    if scope.local_authority is not None:
        la = scope.local_authority
        return [sen2.aggregate_for(rows, year, la.name, la.code)]
    return sen2.aggregates(rows, year)


@roles(SEN2_READERS)
def national(request: HttpRequest) -> HttpResponse:
    """The SEN2 figures for a calendar year and, for those who may have them, the person-level
    rows behind them (without names on the page: the CSV has what the return needs)."""
    membership = _membership(request)
    form, scope, year = _asked(request)
    context: dict[str, Any] = {"form": form}
    if scope is None or year is None:
        context["health_body_only"] = (
            membership.role_enum != Role.SERVICE_MANAGER and membership.local_authority is None
        )
        status = 400 if form.errors else 200
        return render(request, "reports/national.html", context, status=status)
    rows = sen2.person_rows(scope, year)
    person_level = membership.role_enum in SEN2_PERSON_LEVEL
    if person_level:
        for case in _cases(scope, rows):
            record_case_read(case, by=membership.user, what=f"SEN2 return {year}")
    context.update(
        {
            "scope": scope,
            "year": year,
            "figures": _figures(scope, year, rows),
            "rows": rows if person_level else None,
            "person_level": person_level,
            "querystring": request.GET.urlencode(),
        }
    )
    return render(request, "reports/national.html", context)


def _cases(scope: Scope, rows: list[sen2.PersonRow]) -> list[Case]:
    """The cases behind the rows, for the access log."""
    references = [r.reference for r in rows]
    return list(scope.cases().filter(reference__in=references).only("pk", "reference", "provider"))


def _csv(content: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _name(scope: Scope, year: int, what: str) -> str:
    la = scope.local_authority
    body = la.code if la else "all-local-authorities"
    return f"sen2-{year}-{body}-{what}.csv"


@roles(SEN2_READERS)
def national_csv(request: HttpRequest) -> HttpResponse:
    """The published figures, one line per LA, under the DfE's column names."""
    form, scope, year = _asked(request)
    if scope is None or year is None:
        return render(request, "reports/national.html", {"form": form}, status=400)
    figures = _figures(scope, year, sen2.person_rows(scope, year))
    content = exports.records_to_csv(sen2.AGGREGATE_COLUMNS, [f.as_csv() for f in figures])
    return _csv(content, _name(scope, year, "figures"))


@roles(SEN2_PERSON_LEVEL)
def national_person_csv(request: HttpRequest) -> HttpResponse:
    """The person-level rows the LA needs from the provider for its return; each case's read is
    logged (accord.cases.audit)."""
    membership = _membership(request)
    form, scope, year = _asked(request)
    if scope is None or year is None:
        return render(request, "reports/national.html", {"form": form}, status=400)
    rows = sen2.person_rows(scope, year)
    for case in _cases(scope, rows):
        record_case_read(
            case,
            by=membership.user,
            what=f"SEN2 return {year}, person level",
            kind=AccessKind.EXPORT,
        )
    content = exports.records_to_csv(sen2.PERSON_COLUMNS, [r.as_csv() for r in rows])
    return _csv(content, _name(scope, year, "person-level"))


@roles(STAFF)
def record_appeal(request: HttpRequest, reference: str) -> HttpResponse:
    """Records an appeal the tribunal registered (for the SEN2 return)."""

    def act(case: Case, data: dict[str, Any]) -> None:
        case_services.record_appeal(
            case,
            data["registered_on"],
            data["decision_kind"],
            data.get("decision_notice_sent_on"),
            data.get("version"),
            by=_membership(request).user,
        )

    case = case_selectors.case_for(_membership(request), reference)
    return step_form(
        request,
        reference,
        AppealForm,
        "Record an appeal to the tribunal",
        act,
        done="Appeal to the tribunal recorded",
        section="appeal",
        initial={"decision_kind": case.decision_kind},
        hint="Local authorities report each appeal to the SEND Tribunal in their SEN2 return, "
        "by the decision appealed. Record it when the family, the LA or the tribunal tells you.",
    )


@roles(STAFF)
def remove_appeal(request: HttpRequest, reference: str, appeal_id: int) -> HttpResponse:
    """Removes an appeal recorded in error."""
    case = case_selectors.case_for(_membership(request), reference)
    appeal = get_object_or_404(Appeal, case=case, pk=appeal_id)

    def act(case: Case, data: dict[str, Any]) -> None:
        case_services.remove_appeal(
            case, appeal.pk, data.get("version"), by=_membership(request).user
        )

    return step_form(
        request,
        reference,
        RemoveAppealForm,
        f"Remove the appeal registered on {appeal.registered_on:%-d %B %Y}",
        act,
        done="Appeal record removed",
        section="appeal",
        hint="Only for a record made in error: the timeline keeps that it was made and removed.",
    )
