"""Fixtures for family access: a case with a parent, an LA officer and a school; signing a
browser in by reading the one-time code from the email sent."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from reportlab.pdfgen import canvas

from accord.cases.models import Case, Party
from accord.documents.models import Certificate
from tests.factories import CaseFactory, PartyFactory

PARENT_EMAIL = "jo.turner@example.com"


def make_case(world, email: str = PARENT_EMAIL, **fields) -> Case:
    values = {
        "provider": world.provider,
        "local_authority": world.la,
        "route": "mediation",
        "received_on": date(2026, 10, 20),
        "decision_notice_sent_on": date(2026, 10, 1),
    }
    values.update(fields)
    case = CaseFactory(**values)
    case.child.first_name, case.child.last_name = "Alfie", "Zebedee-Turner"
    case.child.save()
    PartyFactory(case=case, role="parent_carer", name="Jo Turner", email=email, phone="")
    PartyFactory(case=case, role="la_officer", name="Sam Officer", email="sam@kent.example.gov.uk")
    PartyFactory(case=case, role="school_staff", name="Pat Head", email="head@school.example")
    return case


@pytest.fixture
def family_case(world) -> Case:
    return make_case(world)


def code_from_outbox() -> str:
    match = re.search(r"\b(\d{6})\b", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def sign_in(client: Client, address: str = PARENT_EMAIL) -> None:
    mail.outbox.clear()
    response = client.post(reverse("family:sign_in"), {"address": address})
    assert response.status_code == 302
    response = client.post(reverse("family:enter_code"), {"code": code_from_outbox()})
    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == reverse("family:cases")


@pytest.fixture
def family_client(family_case) -> Client:
    client = Client()
    sign_in(client)
    return client


def pdf_bytes(text: str) -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.save()
    return buffer.getvalue()


def issue_certificate(case: Case, number: str, *, by, supersedes=None, on=date(2026, 11, 2)):
    certificate = Certificate(
        provider=case.provider,
        case=case,
        number=number,
        kind="information_given",
        issued_on=on,
        issued_by=by,
        family_names="Jo Turner",
        child_name="Alfie Zebedee-Turner",
        local_authority_name=case.local_authority.name,
        decision_description="Refusal to assess",
        sha256="0" * 64,
        supersedes=supersedes,
        idempotency_key=f"test-{number}",
    )
    certificate.pdf.save(f"{number}.pdf", ContentFile(pdf_bytes(f"Certificate {number}")), False)
    certificate.save()
    return certificate


def parent_of(case: Case) -> Party:
    return case.parties.get(role="parent_carer")


FamilyClientMaker = Callable[[str], Client]
