"""How the service presents itself to people: the provider's name on emails and pages, where
replies go, and the address links start with.

Links in messages are made in many places (the outbox, meeting invitations, document links,
feedback requests). They all ask `absolute_link`: the provider's own site address when it has
one; otherwise, in local use, the address of the request being served (so a server started on
any port makes links to itself); otherwise ACCORD_BASE_URL. A background job has no request
and uses the provider's address or the setting.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from accord.organisations.models import Provider

_request_base: ContextVar[str | None] = ContextVar("accord_request_base", default=None)


def site_address(provider: Provider | None = None) -> str:
    """The start of every link, with no trailing slash."""
    if provider is not None and provider.site_address:
        return provider.site_address.rstrip("/")
    from_request = _request_base.get()
    if from_request and not settings.PRODUCTION:
        return from_request.rstrip("/")
    return str(settings.ACCORD_BASE_URL).rstrip("/")


def absolute_link(path: str, provider: Provider | None = None) -> str:
    return site_address(provider) + path


def sender_for(provider: Provider | None) -> str:
    """The From of an email: the provider's name with the service's sending address (the
    address stays the one the mail system is set up to send from)."""
    if provider is None:
        return str(settings.DEFAULT_FROM_EMAIL)
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return formataddr((provider.name, address or "no-reply@accord.localhost"))


def reply_to_for(provider: Provider | None) -> list[str] | None:
    address = provider.reply_to_address if provider is not None else ""
    return [address] if address else None


class RequestAddressMiddleware:
    """Remembers, for the length of one request, the address it was made to (Host is checked
    against ALLOWED_HOSTS by Django before this reads it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request_base.set(request.build_absolute_uri("/"))
        try:
            return self.get_response(request)
        finally:
            _request_base.reset(token)
