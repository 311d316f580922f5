"""The service presents itself as the provider: its name on emails and pages, replies to its
address, and links that start with its site address (or, in local use, the address the server
was reached at, whatever its port)."""

from __future__ import annotations

from django.test import RequestFactory
from django.urls import reverse

from accord.notifications.messages import case_link
from accord.notifications.services import queue_email
from accord.organisations.branding import (
    RequestAddressMiddleware,
    absolute_link,
    reply_to_for,
    sender_for,
)
from accord.organisations.roles import Role
from tests.factories import CaseFactory


def links_made_during(request_host: str, provider=None) -> str:
    """The link `absolute_link` makes while a request to `request_host` is being served."""
    made: list[str] = []

    def view(request):
        made.append(absolute_link("/cases/", provider))
        return None

    RequestAddressMiddleware(view)(RequestFactory().get("/", HTTP_HOST=request_host))
    return made[0]


def test_without_a_site_address_or_a_request_links_use_the_setting(world, settings):
    settings.ACCORD_BASE_URL = "https://accord.example/"
    assert absolute_link("/cases/", world.provider) == "https://accord.example/cases/"


def test_the_providers_site_address_wins(world, settings):
    world.provider.site_address = "https://mediation.example.org"
    assert links_made_during("127.0.0.1:8123", world.provider) == (
        "https://mediation.example.org/cases/"
    )


def test_in_local_use_links_follow_the_address_the_server_was_reached_at(world, settings):
    settings.PRODUCTION = False
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    assert links_made_during("127.0.0.1:8123", world.provider) == "http://127.0.0.1:8123/cases/"
    # Outside a request (the background worker) the setting again.
    assert absolute_link("/cases/").startswith(settings.ACCORD_BASE_URL.rstrip("/"))


def test_in_production_links_never_come_from_the_request(world, settings):
    settings.PRODUCTION = True
    settings.ACCORD_BASE_URL = "https://accord.example"
    settings.ALLOWED_HOSTS = ["evil.example"]
    assert links_made_during("evil.example", world.provider) == "https://accord.example/cases/"


def test_case_links_in_messages_use_the_providers_address(world):
    world.provider.site_address = "https://kent.example"
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    assert case_link(case) == f"https://kent.example{case.get_absolute_url()}"


def test_emails_come_from_the_provider_by_name_and_replies_go_to_its_address(
    world, settings, deliver_outbox
):
    """A message about no case is answered to the provider's reply-to address; one about a
    case to that recipient's own reply address, so the answer is filed to the case
    (accord.inbound)."""
    settings.DEFAULT_FROM_EMAIL = "Accord <no-reply@accord.example>"
    world.provider.name = "Kent Mediation"
    world.provider.email = "hello@kent.example"
    world.provider.reply_to = "cases@kent.example"
    world.provider.save()
    assert sender_for(world.provider) == "Kent Mediation <no-reply@accord.example>"
    assert reply_to_for(world.provider) == ["cases@kent.example"]
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    for key, about in (("branding-no-case", None), ("branding-case", case)):
        queue_email(
            case=about,
            provider=world.provider,
            to="parent@example.org",
            subject="Your case",
            body="Hello",
            idempotency_key=key,
            reply_to=world.provider.reply_to_address,
        )
    sent = deliver_outbox()
    assert {email.from_email for email in sent} == {"Kent Mediation <no-reply@accord.example>"}
    replies = sorted(address for email in sent for address in email.reply_to)
    assert len(replies) == 2
    assert replies[0] == "cases@kent.example"
    assert replies[1].startswith("reply+")


def test_pages_carry_the_providers_name_and_public_pages_the_services(
    world, client_for, client, settings
):
    staff_page = client_for(Role.COORDINATOR).get(reverse("cases:caseload")).content.decode()
    assert f"— {world.provider.name}</title>" in staff_page
    public_page = client.get(reverse("login")).content.decode()
    assert f"— {settings.ACCORD_SERVICE_NAME}</title>" in public_page
