"""How a call is let in: a bearer token (authentication), the scope its view needs
(permission), and a rate per client (throttling). Views never see a call that failed one."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from accord.api.clients import client_for_token, note_use
from accord.api.models import ApiClient
from accord.organisations.models import User


class ClientTokenAuthentication(BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[User, ApiClient] | None:
        parts = get_authorization_header(request).split()
        if not parts:
            return None
        if parts[0].lower() != self.keyword.lower().encode() or len(parts) != 2:
            raise AuthenticationFailed("Send the token as: Authorization: Bearer <token>.")
        try:
            token = parts[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise AuthenticationFailed("The token is not valid.") from error
        client = client_for_token(token)
        if client is None:
            raise AuthenticationFailed("The token is not valid, has expired or was revoked.")
        note_use(client)
        return client.membership.user, client

    def authenticate_header(self, request: Request) -> str:
        return f'{self.keyword} realm="api"'


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "accord.api.auth.ClientTokenAuthentication"
    name = "clientToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "description": "acc_<key id>.<secret>"}


def client_of(request: Request) -> ApiClient:
    client = request.auth
    assert isinstance(client, ApiClient)  # HasScope let the call in
    return client


class HasScope(BasePermission):
    """The view's `required_scope` must be one the service manager gave the client."""

    message = "This client is not allowed to do this (missing scope)."

    def has_permission(self, request: Request, view: Any) -> bool:
        client = request.auth
        if not isinstance(client, ApiClient):
            return False
        return getattr(view, "required_scope", None) in client.scopes


class ClientRateThrottle(SimpleRateThrottle):
    """Each client its own allowance (settings REST_FRAMEWORK DEFAULT_THROTTLE_RATES)."""

    scope = "api_client"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        client = request.auth
        if not isinstance(client, ApiClient):
            return None
        return self.cache_format % {"scope": self.scope, "ident": client.pk}
