"""Report pages and downloads. Thin: read the request, ask the selectors, render.

Service managers see their provider's figures; a commissioner sees only aggregates for the one
LA or ICB their membership names (accord.reports.scope).
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from accord.organisations.access import roles
from accord.organisations.models import Membership
from accord.organisations.roles import REPORT_READERS, Role
from accord.reports import dashboard, exports, suppression, tables
from accord.reports.forms import BodyPeriodForm, PeriodForm, default_period
from accord.reports.scope import Period, Scope, body_scope, provider_scope
from accord.rules import today_in_england

DASHBOARD_CACHE_SECONDS = 300


def _membership(request: HttpRequest) -> Membership:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    return membership


def _is_manager(membership: Membership) -> bool:
    return membership.role_enum == Role.SERVICE_MANAGER


@roles(REPORT_READERS | {Role.LA_OFFICER})
def index(request: HttpRequest) -> HttpResponse:
    membership = _membership(request)
    if membership.role_enum == Role.LA_OFFICER:
        # An LA officer's report is their LA's SEN2 return (accord.reports.views_sen2).
        return redirect("reports:national")
    if not _is_manager(membership):
        return redirect("reports:commissioner")
    return render(request, "reports/index.html", {})


@roles(Role.SERVICE_MANAGER)
def service(request: HttpRequest) -> HttpResponse:
    membership = _membership(request)
    today = today_in_england()
    initial = default_period(today)
    form = PeriodForm(request.GET or None, initial={"start": initial.start, "end": initial.end})
    period = initial
    if request.GET:
        if not form.is_valid():
            return render(request, "reports/service.html", {"form": form}, status=400)
        period = form.period()
    scope = provider_scope(membership)
    # The figures are kept for a few minutes: the dashboard is looked at far more often than
    # the figures change enough to matter, and each look aggregates the whole caseload.
    key = f"reports:service:{scope.provider_id}:{period.start}:{period.end}:{today}"
    context = cache.get(key)
    if context is None:
        context = dashboard.service_dashboard(scope, period, today)
        context["worked_out_at"] = timezone.localtime()
        cache.set(key, context, DASHBOARD_CACHE_SECONDS)
    return render(
        request,
        "reports/service.html",
        {"form": form, "period": period, "today": today, **context},
    )


def _commissioner_request(
    request: HttpRequest,
) -> tuple[BodyPeriodForm, Scope | None, Period | None]:
    """The form, and when it is complete and valid, the scope and period to report on."""
    membership = _membership(request)
    today = today_in_england()
    initial = default_period(today)
    provider = membership.provider if _is_manager(membership) else None
    form = BodyPeriodForm(
        request.GET or None,
        provider=provider,
        initial={"start": initial.start, "end": initial.end},
    )
    if provider is None and not request.GET:
        return form, body_scope(membership), initial
    if not form.is_valid():
        return form, None, None
    local_authority, health_body = form.chosen_body()
    return form, body_scope(membership, local_authority, health_body), form.period()


def _heading(scope: Scope, period: Period) -> list[str]:
    return [
        f"Mediation and disagreement resolution: report for {scope.body_name}",
        f"Period: {period}",
        f"Produced on {today_in_england():%-d %B %Y}. Counts from 1 to 4 are shown as <5. "
        f"{suppression.WITHHELD} marks a figure withheld so that such a count cannot be worked "
        "out from the totals and the other figures.",
    ]


@roles(REPORT_READERS)
def commissioner(request: HttpRequest) -> HttpResponse:
    form, scope, period = _commissioner_request(request)
    if scope is None or period is None:
        status = 400 if request.GET else 200
        return render(request, "reports/commissioner.html", {"form": form}, status=status)
    return render(
        request,
        "reports/commissioner.html",
        {
            "form": form,
            "scope": scope,
            "period": period,
            "tables": tables.commissioner_report(scope, period, today_in_england()),
            "querystring": request.GET.urlencode(),
        },
    )


@roles(REPORT_READERS)
def commissioner_print(request: HttpRequest) -> HttpResponse:
    form, scope, period = _commissioner_request(request)
    if scope is None or period is None:
        return render(request, "reports/commissioner.html", {"form": form}, status=400)
    return render(
        request,
        "reports/commissioner_print.html",
        {
            "heading": _heading(scope, period),
            "tables": tables.commissioner_report(scope, period, today_in_england()),
        },
    )


def _filename(scope: Scope, period: Period, extension: str) -> str:
    body = "".join(c if c.isalnum() else "-" for c in scope.body_name.lower()).strip("-")
    return f"accord-report-{body}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.{extension}"


@roles(REPORT_READERS)
def commissioner_csv(request: HttpRequest) -> HttpResponse:
    form, scope, period = _commissioner_request(request)
    if scope is None or period is None:
        return render(request, "reports/commissioner.html", {"form": form}, status=400)
    report = tables.commissioner_report(scope, period, today_in_england())
    response = HttpResponse(
        exports.to_csv(_heading(scope, period), report), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(scope, period, "csv")}"'
    return response


@roles(REPORT_READERS)
def commissioner_xlsx(request: HttpRequest) -> HttpResponse:
    form, scope, period = _commissioner_request(request)
    if scope is None or period is None:
        return render(request, "reports/commissioner.html", {"form": form}, status=400)
    report = tables.commissioner_report(scope, period, today_in_england())
    response = HttpResponse(
        exports.to_xlsx(_heading(scope, period), report),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(scope, period, "xlsx")}"'
    return response
