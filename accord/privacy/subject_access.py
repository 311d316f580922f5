"""Subject access (UK GDPR art. 15): everything the service holds about a person, as one ZIP.

The ZIP holds `summary.html` (readable), `data.json` (the same, as data), `documents/` (every
certificate, agreement and upload on their cases) and `access-log.json` (who read those cases).
Making it is itself recorded in each case's access log.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models.fields.files import FieldFile
from django.forms.models import model_to_dict
from django.template.loader import render_to_string
from django.utils import timezone

from accord.cases.audit import record_case_read
from accord.cases.choices import AccessKind
from accord.cases.models import Case, Party
from accord.documents.models import Agreement, Certificate
from accord.notifications.models import OutboxMessage
from accord.organisations.models import Provider, User

CASE_FIELDS = [
    "reference",
    "state",
    "received_on",
    "channel",
    "summary",
    "decision_kind",
    "decision_notice_sent_on",
    "route",
    "family_choice",
    "la_notified_on",
    "mediation_concluded_on",
    "outcome",
    "closed_on",
]
PARTY_FIELDS = [
    "role",
    "name",
    "organisation",
    "email",
    "phone",
    "address",
    "preferred_contact",
    "interpreter_language",
    "access_needs",
    "on_behalf_of",
]


def parties_with_email(email: str, provider: Provider | None = None) -> list[Party]:
    parties = Party.objects.filter(email__iexact=email.strip()).select_related("case__child")
    if provider is not None:
        parties = parties.filter(case__provider=provider)
    return list(parties.order_by("case__reference", "pk"))


def export_for_party(party: Party, *, by: User | None) -> bytes:
    return build_export([party], by=by)


def build_export(parties: Iterable[Party], *, by: User | None) -> bytes:
    people = list(parties)
    cases = list({p.case_id: p.case for p in people}.values())
    data = {
        "made_at": timezone.now(),
        "people": [model_to_dict(p, fields=PARTY_FIELDS) for p in people],
        "cases": [_case_data(case) for case in cases],
        "messages": _messages(people),
    }
    access_log = [
        {
            "case": a.case.reference if a.case else "",
            "at": a.at,
            "who": str(a.user or "Family"),
            "kind": a.kind,
            "what": a.what,
        }
        for case in cases
        for a in case.accesses.select_related("user", "case").order_by("at", "id")
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("summary.html", render_to_string("privacy/subject_access.html", data))
        archive.writestr("data.json", _json(data))
        archive.writestr("access-log.json", _json(access_log))
        for name, file in _documents(cases):
            with file.open("rb") as handle:
                archive.writestr(f"documents/{name}", handle.read())
    for case in cases:
        record_case_read(case, by=by, what="subject access export", kind=AccessKind.EXPORT)
    return buffer.getvalue()


def _json(value: Any) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


def _case_data(case: Case) -> dict[str, Any]:
    child = case.child
    return {
        **model_to_dict(case, fields=CASE_FIELDS),
        "child": {
            "name": child.full_name,
            "date_of_birth": child.date_of_birth,
            "setting": child.setting,
        },
        "history": [
            {"at": e.at, "by": e.actor_label, "what": e.summary}
            for e in case.timeline.order_by("at", "id")
        ],
        "child_views": [
            {"kind": v.kind, "received_on": v.received_on, "text": v.text}
            for v in case.child_views.order_by("received_on", "pk")
        ],
    }


def _messages(people: list[Party]) -> list[dict[str, Any]]:
    addresses = {p.email.lower() for p in people if p.email}
    found = OutboxMessage.objects.filter(case__in=[p.case_id for p in people]).order_by(
        "created_at"
    )
    return [
        {"at": m.created_at, "to": m.to, "subject": m.subject, "body": m.body}
        for m in found
        if addresses & {str(to).lower() for to in m.to}
    ]


def _documents(cases: list[Case]) -> list[tuple[str, FieldFile]]:
    files: list[tuple[str, FieldFile]] = []
    for certificate in Certificate.objects.filter(case__in=cases).order_by("issued_at"):
        files.append((f"certificate-{certificate.number}.pdf", certificate.pdf))
    for agreement in Agreement.objects.filter(case__in=cases).exclude(pdf="").order_by("pk"):
        files.append((f"agreement-{agreement.number or agreement.pk}.pdf", agreement.pdf))
    for case in cases:
        for view in case.child_views.exclude(file="").order_by("pk"):
            files.append(
                (f"{case.reference}-child-view-{view.pk}-{_base(view.file.name)}", view.file)
            )
    return [(name.replace("/", "-"), file) for name, file in files if file]


def _base(name: str) -> str:
    return name.rsplit("/", 1)[-1]
