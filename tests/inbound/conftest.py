"""Fixtures for mail in: a case of the world's provider with a parent who has an email address,
and raw messages built with the standard library's email package."""

from __future__ import annotations

from collections.abc import Callable
from email.message import EmailMessage

import pytest

from tests.factories import CaseFactory, PartyFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def provider_address(world) -> str:
    world.provider.email = "enquiries@kentmediation.example"
    world.provider.save(update_fields=["email"])
    return world.provider.email


@pytest.fixture
def parent_case(world, provider_address):
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    party = PartyFactory(case=case, email="parent@example.com", name="Pat Parent")
    return case, party


@pytest.fixture
def make_email() -> Callable[..., bytes]:
    def make(
        *,
        to: str,
        subject: str = "Re: your case",
        body: str = "Thank you, the date works for us.",
        sender: str = "Pat Parent <parent@example.com>",
        files: list[tuple[str, bytes, str]] = (),  # type: ignore[assignment]
        headers: dict[str, str] | None = None,
        message_id: str | None = None,
    ) -> bytes:
        message = EmailMessage()
        message["From"] = sender
        message["To"] = to
        message["Subject"] = subject
        if message_id:
            message["Message-ID"] = message_id
        for name, value in (headers or {}).items():
            message[name] = value
        message.set_content(body)
        for filename, content, mimetype in files:
            maintype, subtype = mimetype.split("/", 1)
            message.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
        return message.as_bytes()

    return make
