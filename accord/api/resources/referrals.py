"""Referrals in: a council (or ICB) sends an enquiry, made into a case by the intake service the
staff's own form uses. The `Idempotency-Key` header makes a retried POST return the first case."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import IntegrityError, transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from accord.api.auth import client_of
from accord.api.models import ApiClient, Referral, Scope
from accord.api.problems import problem
from accord.api.resources.base import ApiView, problems
from accord.api.serializers import CaseOut, ReferralIn
from accord.cases.choices import Channel
from accord.cases.models import Case
from accord.cases.services import EnquiryData, create_enquiry
from accord.organisations.models import LocalAuthority

KEY_HEADER = "Idempotency-Key"
KEY = OpenApiParameter(
    KEY_HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="A unique value per referral (a UUID): a retry with the same key and body "
    "returns the case the first request made.",
)


def _local_authority(client: ApiClient, code: str | None) -> LocalAuthority:
    if client.local_authority is not None:
        if code and code != client.local_authority.code:
            raise ValidationError({"local_authority": ["A council refers only its own cases."]})
        return client.local_authority
    found = client.provider.local_authorities.filter(code=code or "").first()
    if found is None:
        raise ValidationError(
            {"local_authority": ["Give the code of a council this service works for."]}
        )
    return found


def _enquiry(client: ApiClient, data: dict[str, Any]) -> EnquiryData:
    child, contact = data["child"], data["contact"]
    return EnquiryData(
        local_authority=_local_authority(client, data.get("local_authority")),
        health_body=client.health_body,
        decision_kind=data["decision_kind"],
        decision_sections=data["decision_sections"],
        disagreement_with=data["disagreement_with"],
        decision_notice_sent_on=data["decision_notice_sent_on"],
        involves_health=data["involves_health"] or client.health_body is not None,
        summary=data["summary"],
        child_first_name=child["first_name"],
        child_last_name=child["last_name"],
        child_date_of_birth=child["date_of_birth"],
        child_setting=child["setting"],
        contact_name=contact["name"],
        contact_role=contact["role"],
        contact_email=contact["email"],
        contact_phone=contact["phone"],
        preferred_contact=contact["preferred_contact"],
        on_behalf_of=contact["on_behalf_of"],
        channel=Channel.REFERRAL,
        referred_by=data["referred_by"] or str(client.body),
        shared_with_bodies=data["family_agreed_to_share"],
    )


class ReferralCreate(ApiView):
    """Sends a referral: an enquiry the service takes up as a new case. Send an
    Idempotency-Key; a retry with the same key and body returns the same case."""

    required_scope = Scope.REFERRALS
    serializer_class = ReferralIn

    @extend_schema(
        operation_id="create_referral",
        parameters=[KEY],
        request=ReferralIn,
        responses={201: CaseOut, 200: CaseOut, **problems(409, 415, 422)},
    )
    def post(self, request: Request) -> Response:
        client = client_of(request)
        key = request.headers.get(KEY_HEADER, "").strip()
        if not key or len(key) > Referral._meta.get_field("idempotency_key").max_length:  # type: ignore[operator]
            return problem(
                400,
                f"Send an {KEY_HEADER} header (up to 200 characters).",
                [{"field": KEY_HEADER, "detail": "Required."}],
            )
        incoming = ReferralIn(data=request.data)
        incoming.is_valid(raise_exception=True)
        digest = hashlib.sha256(
            json.dumps(request.data, sort_keys=True, default=str).encode()
        ).hexdigest()
        earlier = Referral.objects.filter(client=client, idempotency_key=key).first()
        if earlier is None:
            enquiry = _enquiry(client, incoming.validated_data)
            try:
                with transaction.atomic():
                    case = create_enquiry(client.provider, enquiry, by=client.membership.user)
                    Referral.objects.create(
                        client=client, idempotency_key=key, request_sha256=digest, case=case
                    )
            except IntegrityError:
                # The same key arrived twice at once: the other request made the case.
                earlier = Referral.objects.filter(client=client, idempotency_key=key).first()
                if earlier is None:
                    raise
            else:
                return Response(self._out(case), status=201)
        if earlier.request_sha256 != digest:
            return problem(
                409,
                f"This {KEY_HEADER} was used for a different referral.",
                [{"field": KEY_HEADER, "detail": "Use a new key for a new referral."}],
            )
        case = self.case(earlier.case.reference, what="referral retried")
        return Response(self._out(case), status=200)

    def _out(self, case: Case) -> dict[str, Any]:
        case = Case.objects.select_related("local_authority", "health_body").get(pk=case.pk)
        return dict(CaseOut(case).data)
