"""Case statements: written after the pre-meeting, checked by the party (changes asked for make
a new version, none is overwritten), signed, and frozen as a sealed PDF with an evidence page.
The seal is verified with pyHanko's validation API, and fails once a byte is changed."""

from __future__ import annotations

import hashlib

import pytest
from django.core import mail

from accord.cases.choices import PartyRole
from accord.cases.models import TimelineEvent
from accord.documents import statements
from accord.documents.errors import DocumentError
from accord.documents.signatures import Signer
from accord.documents.statement_models import (
    CaseStatement,
    Signature,
    StatementState,
    StatementVersion,
)
from accord.notifications.models import OutboxMessage
from accord.organisations.roles import Role
from tests.documents.conftest import CHILD_FIRST, CHILD_LAST, make_case
from tests.documents.signing import (
    assert_sealed,
    evidence_text,
    pages_text,
    seal_fails,
    squeezed,
    tampered,
)

FIRST = "Jo says the school cannot meet the need for speech and language therapy."
SECOND = FIRST + "\n\nJo also wants the plan to name the specialist unit."


@pytest.fixture
def case(world):
    return make_case(world, "arranging")


@pytest.fixture
def parent(case):
    return case.parties.get(role=PartyRole.PARENT_CARER)


def _signer(party, version, **changes):
    fields = {
        "party": party,
        "typed_name": "Jo Parentname",
        "confirmed": True,
        "seen_sha256": version.sha256,
        "signed_in_as": "parent@example.com (one-time code)",
        "ip_address": "203.0.113.7",
        "user_agent": "Mozilla/5.0 (test)",
    }
    return Signer(**(fields | changes))


def test_drafted_changed_at_the_familys_request_then_signed_and_sealed(world, case, parent):
    mediator = world.user(Role.MEDIATOR)
    statement = statements.write_statement(case, parent, FIRST, by=mediator)
    assert statement.state == StatementState.DRAFT
    statements.send_for_checking(statement, by=mediator)
    first = statement.current_version()
    statements.ask_for_changes(
        statement,
        parent,
        "Please add that I want the specialist unit named.",
        seen_sha256=first.sha256,
        asked_as="parent@example.com",
        by=None,
    )
    assert statement.state == StatementState.CHANGES_ASKED
    second = statements.revise_statement(statement, SECOND, by=mediator)
    assert second.number == 2 and second.sha256 != first.sha256
    statements.send_for_checking(statement, by=mediator)
    statements.sign_statement(statement, _signer(parent, second), by=None)

    statement.refresh_from_db()
    assert statement.state == StatementState.SIGNED
    # The full history is kept: both versions, each with its own PDF and checksum.
    versions = list(statement.versions.order_by("number"))
    assert [v.text for v in versions] == [FIRST, SECOND]
    for version in versions:
        with version.pdf.open("rb") as file:
            assert hashlib.sha256(file.read()).hexdigest() == version.sha256
    assert statement.change_requests.get().version == first

    with statement.signed_pdf.open("rb") as file:
        signed = file.read()
    assert hashlib.sha256(signed).hexdigest() == statement.signed_sha256
    with second.pdf.open("rb") as file:
        version_pdf = file.read()
    assert pages_text(signed)[: len(pages_text(version_pdf))] == pages_text(version_pdf)
    assert "specialist unit" in " ".join(pages_text(version_pdf))
    evidence = evidence_text(signed, version_pdf)
    for expected in (
        "Signature evidence",
        "Jo Parentname",
        "203.0.113.7",
        "Mozilla/5.0 (test)",
        "parent@example.com",
        "I have read version 2",
    ):
        assert expected in evidence, expected
    assert second.sha256 in squeezed(evidence)
    assert_sealed(signed)
    assert seal_fails(tampered(signed))
    parent.refresh_from_db()
    assert parent.statement_agreed_on is not None


def test_signing_a_stale_version_is_refused_and_nothing_is_saved(world, case, parent):
    mediator = world.user(Role.MEDIATOR)
    statement = statements.write_statement(case, parent, FIRST, by=mediator)
    statements.send_for_checking(statement, by=mediator)
    seen = statement.current_version()
    # Staff change it after the family opened it, and send it again.
    statements.ask_for_changes(
        statement, parent, "Add the unit.", seen_sha256=seen.sha256, asked_as="x", by=None
    )
    statements.revise_statement(statement, SECOND, by=mediator)
    statements.send_for_checking(statement, by=mediator)
    events = TimelineEvent.objects.count()
    with pytest.raises(DocumentError, match="changed after you opened it"):
        statements.sign_statement(statement, _signer(parent, seen), by=None)
    statement.refresh_from_db()
    assert statement.state == StatementState.WITH_PARTY and not statement.signed_pdf
    assert not Signature.objects.exists()
    assert TimelineEvent.objects.count() == events


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"typed_name": "  "}, "typed_name"), ({"confirmed": False}, "confirmed")],
)
def test_a_signature_needs_the_typed_name_and_the_declaration(world, case, parent, changes, field):
    mediator = world.user(Role.MEDIATOR)
    statement = statements.write_statement(case, parent, FIRST, by=mediator)
    statements.send_for_checking(statement, by=mediator)
    with pytest.raises(DocumentError) as refused:
        statements.sign_statement(
            statement, _signer(parent, statement.current_version(), **changes), by=None
        )
    assert refused.value.field == field
    assert not Signature.objects.exists()


def test_only_the_statements_own_party_signs_it(world, case, parent):
    mediator = world.user(Role.MEDIATOR)
    officer = case.parties.get(role=PartyRole.LA_OFFICER)
    statement = statements.write_statement(case, parent, FIRST, by=mediator)
    statements.send_for_checking(statement, by=mediator)
    with pytest.raises(DocumentError, match="Only the party"):
        statements.sign_statement(statement, _signer(officer, statement.current_version()), by=None)


def test_a_draft_cannot_be_signed_before_it_is_sent(world, case, parent):
    statement = statements.write_statement(case, parent, FIRST, by=world.user(Role.MEDIATOR))
    with pytest.raises(DocumentError, match="not waiting"):
        statements.sign_statement(statement, _signer(parent, statement.current_version()), by=None)


def test_sending_again_needs_a_new_version_after_changes_were_asked(world, case, parent):
    mediator = world.user(Role.MEDIATOR)
    statement = statements.write_statement(case, parent, FIRST, by=mediator)
    statements.send_for_checking(statement, by=mediator)
    sha = statement.current_version().sha256
    statements.ask_for_changes(statement, parent, "Add X", seen_sha256=sha, asked_as="x", by=None)
    with pytest.raises(DocumentError, match="change the statement first"):
        statements.send_for_checking(statement, by=mediator)


def test_versions_are_kept_as_written(world, case, parent):
    statement = statements.write_statement(case, parent, FIRST, by=world.user(Role.MEDIATOR))
    version = statement.current_version()
    version.text = "rewritten"
    with pytest.raises(ValueError, match="kept as written"):
        version.save()
    with pytest.raises(ValueError, match="kept as written"):
        StatementVersion.objects.get(pk=version.pk).delete()


def test_the_ready_message_names_no_child_and_gives_the_link(world, case, parent):
    mediator = world.user(Role.MEDIATOR)
    statement = statements.write_statement(case, parent, FIRST, by=mediator)
    statements.send_for_checking(statement, by=mediator)
    message = OutboxMessage.objects.get(idempotency_key=f"statement:{statement.pk}:v1")
    for words in (message.subject, message.body):
        assert CHILD_FIRST not in words and CHILD_LAST not in words
        assert FIRST not in words
    assert f"/my-case/{case.reference}/statements/{statement.pk}/" in message.body
    assert "ready to read" in message.subject
    assert not mail.outbox  # queued in the outbox, sent by the worker


def test_only_the_mediation_team_writes_statements(world, case, parent):
    for role in (Role.LA_OFFICER, Role.COMMISSIONER):
        with pytest.raises(DocumentError):
            statements.write_statement(case, parent, FIRST, by=world.user(role))
    assert not CaseStatement.objects.exists()


def test_a_party_shares_their_statement_by_a_recorded_choice(world, case, parent):
    statement = statements.write_statement(case, parent, FIRST, by=world.user(Role.MEDIATOR))
    assert not statement.is_shared
    statements.share_statement(statement, parent, by=None)
    assert statement.is_shared
    assert TimelineEvent.objects.filter(case=case, kind="statement_shared").count() == 1
