"""The outbox page: staff see every message their service has queued, sent or failed to send,
and send a failed one again. Thin views: selectors to read, services to write."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accord.cases.audit import record_case_read, record_read
from accord.cases.choices import AccessKind
from accord.notifications import selectors, services
from accord.organisations.access import roles
from accord.organisations.models import Membership
from accord.organisations.roles import STAFF

FILTERS = [("", "All"), ("queued", "Waiting to send"), ("failed", "Failed"), ("sent", "Sent")]


def _membership(request: HttpRequest) -> Membership:
    return request.membership  # type: ignore[attr-defined]


@roles(STAFF)
def outbox(request: HttpRequest) -> HttpResponse:
    membership = _membership(request)
    status = request.GET.get("status", "")
    if status not in selectors.STATUS_FILTERS:
        status = ""
    page = Paginator(selectors.outbox_for(membership, status), 50).get_page(request.GET.get("page"))
    counts = selectors.outbox_counts(membership)
    return render(
        request,
        "notifications/outbox.html",
        {
            "page": page,
            "status": status,
            "filters": [(value, label, counts.get(value)) for value, label in FILTERS],
            "max_attempts": settings.ACCORD_OUTBOX_MAX_ATTEMPTS,
        },
    )


@roles(STAFF)
def message_detail(request: HttpRequest, message_id: int) -> HttpResponse:
    membership = _membership(request)
    message = selectors.message_for(membership, message_id)
    what = f"viewed message {message.pk}"
    if message.case is not None:
        record_case_read(message.case, by=membership.user, what=what)
    else:
        record_read(
            membership.provider,
            by=membership.user,
            what=what,
            kind=AccessKind.VIEW,
            subject=f"message {message.pk}",
        )
    return render(
        request,
        "notifications/message.html",
        {"message": message, "attachments": message.attachments.all()},
    )


@roles(STAFF)
@require_POST
def retry(request: HttpRequest, message_id: int) -> HttpResponse:
    message = selectors.message_for(_membership(request), message_id)
    try:
        services.retry_message(message, by=request.user)  # type: ignore[arg-type]
    except services.OutboxError as error:
        flash.error(request, str(error))
    else:
        flash.success(request, f"“{message.subject}” will be sent again in a few seconds.")
    return redirect("notifications:message", message_id=message.pk)
