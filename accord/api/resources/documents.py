"""Certificates (their details and the PDF) and the actions agreed at mediation, which an
officer marks done for their own body through the agreed-actions service."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from accord.api.models import Scope
from accord.api.resources.base import ApiView, id_parameter, problems, row_id
from accord.api.serializers import ActionDoneIn, ActionOut, CertificateOut
from accord.documents import selectors, services
from accord.documents.models import AgreementItem


class PdfRenderer(BaseRenderer):
    """Lets a client ask for `Accept: application/pdf`; the file is streamed as it is stored."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(
        self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None
    ) -> bytes:
        return data if isinstance(data, bytes) else b""


class CertificateList(ApiView):
    """The case's mediation certificates, newest first, with the dates each states."""

    required_scope = Scope.CERTIFICATES
    serializer_class = CertificateOut

    @extend_schema(
        operation_id="list_certificates", responses={200: CertificateOut(many=True), **problems()}
    )
    def get(self, request: Request, reference: str) -> Response:
        case = self.case(reference, what="read certificates")
        return Response(CertificateOut(selectors.certificates_for_case(case), many=True).data)


class CertificatePdf(ApiView):
    """The certificate as issued: the stored PDF, unchanged since issue."""

    required_scope = Scope.CERTIFICATES

    def get_renderers(self) -> list[BaseRenderer]:
        # A client may ask for the PDF by its type; the file itself is streamed as stored.
        return [*super().get_renderers(), PdfRenderer()]

    def handle_exception(self, exc: Exception) -> Response:
        # Problems are JSON documents, whatever type the client asked for.
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)

    @extend_schema(
        operation_id="get_certificate_pdf",
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="The PDF."),
            **problems(),
        },
    )
    def get(self, request: Request, reference: str, number: str) -> FileResponse:
        case = self.case(reference, what=f"downloaded certificate {number}")
        certificate = next(
            (c for c in selectors.certificates_for_case(case) if c.number == number), None
        )
        if certificate is None or not certificate.pdf:
            raise Http404("No such certificate")
        return FileResponse(
            certificate.pdf.open("rb"),
            as_attachment=True,
            filename=f"{certificate.number}.pdf",
            content_type="application/pdf",
        )


def _items(case_id: int) -> list[AgreementItem]:
    return list(
        AgreementItem.objects.filter(agreement__case_id=case_id, agreement__issued_at__isnull=False)
        .select_related("agreement")
        .order_by("agreement__pk", "position")
    )


class ActionList(ApiView):
    """The actions agreed at mediation (issued agreements only) and whether each is done."""

    required_scope = Scope.ACTIONS
    serializer_class = ActionOut

    @extend_schema(operation_id="list_actions", responses={200: ActionOut(many=True), **problems()})
    def get(self, request: Request, reference: str) -> Response:
        case = self.case(reference, what="read agreed actions")
        return Response(ActionOut(_items(case.pk), many=True).data)


class ActionDone(ApiView):
    """Records that one of the body's own agreed actions was done, with its evidence."""

    required_scope = Scope.ACTIONS
    serializer_class = ActionDoneIn

    @extend_schema(
        operation_id="mark_action_done",
        request=ActionDoneIn,
        parameters=[id_parameter("action_id")],
        responses={200: ActionOut, **problems(415, 422)},
    )
    def post(self, request: Request, reference: str, action_id: str) -> Response:
        case = self.case(reference, what="recorded an agreed action done")
        wanted = row_id(action_id)
        item = next((i for i in _items(case.pk) if i.pk == wanted), None)
        if item is None:
            raise Http404("No such action")
        incoming = ActionDoneIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        services.mark_item_done(
            item,
            incoming.validated_data["done_on"],
            by=self.user(),
            evidence=incoming.validated_data["evidence"],
        )
        item.refresh_from_db()
        return Response(ActionOut(item).data)
