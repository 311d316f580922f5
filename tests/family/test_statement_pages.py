"""The case statement and signature pages, role by page: the mediation team writes and sends;
the party reads, asks for changes and signs on their own pages (family at /my-case/, an officer
on the case's pages); a supporter reads with consent covering documents; nobody else sees a
statement before its party shares it. Every read is in the access log."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from accord.cases.models import CaseAccess
from accord.documents import signatures, statements
from accord.documents.statement_models import Signature, StatementState
from accord.family import supporters
from accord.organisations.roles import Role
from accord.rules import today_in_england
from tests.family.conftest import make_case, parent_of, sign_in

ADVISER_EMAIL = "ash.adviser@sendiass.example"

TEXT = "Jo wants the plan to name the specialist unit."


@pytest.fixture
def case(world):
    return make_case(world, la_notified_on=date(2026, 10, 21))


@pytest.fixture
def sent(world, case):
    """The parent's statement, sent to them to check."""
    coordinator = world.user(Role.COORDINATOR)
    statement = statements.write_statement(case, parent_of(case), TEXT, by=coordinator)
    return statements.send_for_checking(statement, by=coordinator)


@pytest.fixture
def officer_statement(world, case):
    coordinator = world.user(Role.COORDINATOR)
    officer = case.parties.get(role="la_officer")
    statement = statements.write_statement(case, officer, "The LA's view.", by=coordinator)
    return statements.send_for_checking(statement, by=coordinator)


STAFF_PAGES = ["statements", "new_statement", "statement", "statement_version_pdf"]
WRITERS = {Role.SERVICE_MANAGER, Role.COORDINATOR, Role.ADVISER}


def _staff_url(name, statement):
    args = [statement.case.reference]
    if name in ("statement", "statement_version_pdf"):
        args.append(statement.pk)
    if name == "statement_version_pdf":
        args.append(1)
    return reverse(f"documents:{name}", args=args)


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
@pytest.mark.parametrize("page", STAFF_PAGES)
def test_role_matrix_for_the_mediation_teams_statement_pages(client_for, sent, role, page):
    response = client_for(role).get(_staff_url(page, sent))
    if response.streaming:
        b"".join(response.streaming_content)
    # The mediator is not this case's mediator (none is assigned): the case is not theirs.
    expected = 200 if role in WRITERS else (404 if role == Role.MEDIATOR else 403)
    assert response.status_code == expected


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_an_officer_reads_only_their_own_bodys_statement(client_for, sent, officer_statement, role):
    client = client_for(role)
    own = client.get(
        reverse("documents:check_statement", args=[sent.case.reference, officer_statement.pk])
    )
    family = client.get(reverse("documents:check_statement", args=[sent.case.reference, sent.pk]))
    if role == Role.LA_OFFICER:
        assert own.status_code == 200 and "The LA&#x27;s view." in own.content.decode()
        assert family.status_code == 404  # confidential to the family until shared
    elif role in (Role.ICB_OFFICER,):
        assert own.status_code == 404 and family.status_code == 404
    else:
        assert own.status_code in (403, 404) and family.status_code in (403, 404)
    assert TEXT not in family.content.decode()


def test_the_family_sees_their_statement_only_once_sent(world, case):
    client = Client()
    sign_in(client)
    statement = statements.write_statement(
        case, parent_of(case), TEXT, by=world.user(Role.COORDINATOR)
    )
    url = reverse("family:statement", args=[case.reference, statement.pk])
    assert client.get(url).status_code == 404  # a draft is the mediation team's
    statements.send_for_checking(statement, by=world.user(Role.COORDINATOR))
    page = client.get(url)
    assert page.status_code == 200 and TEXT in page.content.decode()
    assert CaseAccess.objects.filter(case=case, what__contains="read case statement").exists()


def test_the_family_cannot_read_the_officers_statement_before_it_is_shared(
    world, case, officer_statement
):
    client = Client()
    sign_in(client)
    url = reverse("family:statement", args=[case.reference, officer_statement.pk])
    assert client.get(url).status_code == 404
    case_page = client.get(reverse("family:case", args=[case.reference])).content.decode()
    assert "The LA" not in case_page
    # The officer signs and shares it: now the family may read it.
    statements.sign_statement(
        officer_statement,
        signatures.Signer(
            party=officer_statement.party,
            typed_name="Sam Officer",
            confirmed=True,
            seen_sha256=officer_statement.current_version().sha256,
            signed_in_as="sam@kent.example.gov.uk",
        ),
        by=world.user(Role.LA_OFFICER),
    )
    statements.share_statement(
        officer_statement, officer_statement.party, by=world.user(Role.LA_OFFICER)
    )
    assert client.get(url).status_code == 200


def test_the_family_asks_for_changes_then_signs_on_their_page(world, case, sent):
    client = Client()
    sign_in(client)
    url = reverse("family:statement", args=[case.reference, sent.pk])
    sha = sent.current_version().sha256
    # An empty request is shown again with the error, and nothing is saved.
    refused = client.post(url, {"action": "changes", "comments": "", "seen_sha256": sha})
    assert refused.status_code == 400 and "Say what should change" in refused.content.decode()
    response = client.post(
        url, {"action": "changes", "comments": "Add the unit.", "seen_sha256": sha}
    )
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.state == StatementState.CHANGES_ASKED
    statements.revise_statement(sent, TEXT + " And the transport.", by=world.user(Role.COORDINATOR))
    statements.send_for_checking(sent, by=world.user(Role.COORDINATOR))
    # The old checksum is refused: the family read a version that has changed.
    stale = client.post(
        url, {"action": "sign", "typed_name": "Jo Turner", "confirmed": "on", "seen_sha256": sha}
    )
    assert stale.status_code == 400 and "changed after you opened it" in stale.content.decode()
    assert not Signature.objects.exists()
    fresh = sent.current_version().sha256
    signed = client.post(
        url,
        {"action": "sign", "typed_name": "Jo Turner", "confirmed": "on", "seen_sha256": fresh},
        HTTP_USER_AGENT="Mozilla/5.0 (family page)",
    )
    assert signed.status_code == 302
    signature = Signature.objects.get()
    assert signature.ip_address == "127.0.0.1"
    assert signature.user_agent == "Mozilla/5.0 (family page)"
    assert signature.signed_in_as.startswith("jo.turner@example.com")
    assert signature.document_sha256 == fresh
    pdf = client.get(reverse("family:statement_pdf", args=[case.reference, sent.pk]))
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_a_supporter_reads_the_statement_only_with_consent_for_documents(world, case, sent):
    def invite(**scope):
        return supporters.invite_supporter(
            case,
            supporters.Invitation(
                name="Ash Adviser",
                email=ADVISER_EMAIL,
                kind="sendiass",
                until=today_in_england() + timedelta(days=30),
                **scope,
            ),
            by=None,
            given_by=parent_of(case),
        )

    consent = invite(may_see_dates=True)
    client = Client()
    sign_in(client, ADVISER_EMAIL)
    url = reverse("family:supported_statement", args=[case.reference, sent.pk])
    assert client.get(url).status_code in (403, 404)
    supporters.withdraw_consent(consent, by=world.user(Role.COORDINATOR))
    invite(may_see_documents=True)
    page = client.get(url)
    assert page.status_code == 200 and TEXT in page.content.decode()
    assert "Sign the statement" not in page.content.decode()  # the party's own choice
