"""The service manager's workload page (each adviser and mediator) and the approved fee claims
for payment (accord.reports.selectors.workload)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accord.organisations.access import roles
from accord.organisations.models import Membership
from accord.organisations.roles import Role
from accord.reports import exports
from accord.reports.forms import PeriodForm, default_period
from accord.reports.scope import Period
from accord.reports.selectors import workload as selectors
from accord.rules import today_in_england


def _membership(request: HttpRequest) -> Membership:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    return membership


def _period(request: HttpRequest) -> tuple[PeriodForm, Period | None]:
    initial = default_period(today_in_england())
    form = PeriodForm(request.GET or None, initial={"start": initial.start, "end": initial.end})
    if not request.GET:
        return form, initial
    return form, form.period() if form.is_valid() else None


@roles(Role.SERVICE_MANAGER)
def workload(request: HttpRequest) -> HttpResponse:
    form, period = _period(request)
    if period is None:
        return render(request, "reports/workload.html", {"form": form}, status=400)
    rows = selectors.workload(_membership(request).provider_id, period, timezone.now())
    return render(request, "reports/workload.html", {"form": form, "period": period, "rows": rows})


@roles(Role.SERVICE_MANAGER)
def fees(request: HttpRequest) -> HttpResponse:
    form, period = _period(request)
    if period is None:
        return render(request, "reports/fees.html", {"form": form}, status=400)
    rows = selectors.approved_claims(_membership(request).provider_id, period)
    context = {
        "form": form,
        "period": period,
        "rows": rows,
        "total": selectors.claims_total(rows),
        "querystring": f"start={period.start}&end={period.end}",
    }
    return render(request, "reports/fees.html", context)


@roles(Role.SERVICE_MANAGER)
def fees_csv(request: HttpRequest) -> HttpResponse:
    form, period = _period(request)
    if period is None:
        return render(request, "reports/fees.html", {"form": form}, status=400)
    rows = selectors.approved_claims(_membership(request).provider_id, period)
    response = HttpResponse(
        exports.records_to_csv(selectors.FEE_COLUMNS, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="approved-fees-{period.start:%Y%m%d}-{period.end:%Y%m%d}.csv"'
    )
    return response
