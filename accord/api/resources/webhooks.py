"""A client subscribes an address to its cases' events; the signing secret is shown once."""

from __future__ import annotations

import secrets

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from accord.api.auth import client_of
from accord.api.models import Scope, WebhookSubscription
from accord.api.problems import problem
from accord.api.resources.base import ApiView, id_parameter, problems, row_id
from accord.api.serializers import NewWebhookOut, WebhookIn, WebhookOut

MOST_SUBSCRIPTIONS = 5


class WebhookList(ApiView):
    """The client's webhook subscriptions; a new one returns its signing secret once."""

    required_scope = Scope.WEBHOOKS
    serializer_class = WebhookOut

    def get_queryset(self) -> QuerySet[WebhookSubscription]:
        return WebhookSubscription.objects.filter(client=client_of(self.request), active=True)

    @extend_schema(
        operation_id="list_webhooks", responses={200: WebhookOut(many=True), **problems()}
    )
    def get(self, request: Request) -> Response:
        return Response(WebhookOut(self.get_queryset(), many=True).data)

    @extend_schema(
        operation_id="create_webhook",
        request=WebhookIn,
        responses={201: NewWebhookOut, **problems(415, 422)},
    )
    def post(self, request: Request) -> Response:
        incoming = WebhookIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        if self.get_queryset().count() >= MOST_SUBSCRIPTIONS:
            return problem(422, f"A client may have at most {MOST_SUBSCRIPTIONS} webhooks.")
        subscription = WebhookSubscription.objects.create(
            client=client_of(request),
            url=incoming.validated_data["url"],
            secret=secrets.token_urlsafe(32),
        )
        return Response(NewWebhookOut(subscription).data, status=201)


class WebhookDetail(ApiView):
    """Stops one webhook subscription."""

    required_scope = Scope.WEBHOOKS

    @extend_schema(
        operation_id="delete_webhook",
        parameters=[id_parameter("webhook_id")],
        responses={204: None, **problems()},
    )
    def delete(self, request: Request, webhook_id: str) -> Response:
        found = WebhookSubscription.objects.filter(
            client=client_of(request), active=True, pk=row_id(webhook_id)
        ).update(active=False)
        if not found:
            raise Http404("No such webhook")
        return Response(status=204)
