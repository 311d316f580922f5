"""Case statements, checked and signed by the party whose view they set out.

After each pre-meeting the mediator (or coordinator) writes that party's statement of their
view. It is confidential to the party and the mediation team until the party chooses to share
it (a recorded choice, kept). The party reads it on their own pages, asks for changes (each staff
edit is a new version; nothing is overwritten) or signs it. A signed statement is frozen: the
version signed, with the evidence page appended and the provider's seal, stored with its
SHA-256 (accord.documents.signatures, .sealing).

The message that a statement is ready says only that, with a link: the statement itself names
the child and is read only on the party's own pages.
"""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from accord.cases.choices import FAMILY_ROLES, PartyRole
from accord.cases.models import Case, Party
from accord.cases.services import editing
from accord.cases.timeline import FAMILY_ACTOR_LABEL, EventKind, record_event
from accord.documents.errors import DocumentError
from accord.documents.permissions import may_work_on
from accord.documents.signatures import Signer, require_fresh, seal_signed, signature_from
from accord.documents.signed_pdf import render_statement
from accord.documents.statement_models import (
    CaseStatement,
    StatementChangeRequest,
    StatementState,
    StatementVersion,
)
from accord.meetings.models import Meeting, MeetingKind
from accord.notifications.models import MessageKind
from accord.notifications.services import queue_email
from accord.organisations.branding import absolute_link
from accord.organisations.models import User
from accord.rules import today_in_england

# The parties whose view a statement sets out: the family and the public bodies.
STATEMENT_ROLES = FAMILY_ROLES | {PartyRole.LA_OFFICER, PartyRole.ICB_OFFICER}
LONGEST_STATEMENT = 20_000


def declaration(version: int) -> str:
    return (
        f"I have read version {version} of this case statement. It sets out my view as I want "
        "it put in the mediation, and I sign it as mine."
    )


def _require_worker(user: User, case: Case) -> None:
    if not may_work_on(user, case):
        raise DocumentError("Only the case's mediator or the service's staff can do this.")


def _clean_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise DocumentError("Write the party's statement.", field="text")
    if len(text) > LONGEST_STATEMENT:
        raise DocumentError(
            f"The statement must be {LONGEST_STATEMENT:,} characters or fewer.", field="text"
        )
    return text


def _add_version(statement: CaseStatement, text: str, *, by: User) -> StatementVersion:
    number = (statement.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    pdf = render_statement(statement.case, statement.party, text, version=number)
    version = StatementVersion(
        statement=statement,
        number=number,
        text=text,
        sha256=hashlib.sha256(pdf).hexdigest(),
        written_by=by,
    )
    version.pdf.save(f"statement-{statement.pk}-v{number}.pdf", ContentFile(pdf), save=False)
    version.save()
    return version


def _check_meeting(case: Case, party: Party, meeting: Meeting | None) -> None:
    if meeting is None:
        return
    if meeting.case_id != case.pk or meeting.kind != MeetingKind.PRE_MEETING:
        raise DocumentError("Choose one of this case's pre-meetings.", field="meeting")
    if meeting.cancelled_at is not None:
        raise DocumentError("That pre-meeting was cancelled.", field="meeting")
    if meeting.starts_at > timezone.now():
        raise DocumentError(
            "Write the statement after the pre-meeting has been held.", field="meeting"
        )


def write_statement(
    case: Case, party: Party, text: str, *, by: User, meeting: Meeting | None = None
) -> CaseStatement:
    """The first version of `party`'s statement, a draft only the mediation team sees."""
    _require_worker(by, case)
    if party.case_id != case.pk or party.role not in STATEMENT_ROLES:
        raise DocumentError(
            "Choose the family or a public body on this case: their statement of their view.",
            field="party",
        )
    text = _clean_text(text)
    _check_meeting(case, party, meeting)
    with editing(case) as c:
        if CaseStatement.objects.filter(case=c, party=party).exists():
            raise DocumentError(
                f"{party.name} already has a statement: change it instead.", field="party"
            )
        statement = CaseStatement.objects.create(
            case=c, party=party, meeting=meeting, state=StatementState.DRAFT, created_by=by
        )
        _add_version(statement, text, by=by)
        record_event(
            c, EventKind.STATEMENT_WRITTEN, f"Case statement written for {party.name}", by=by
        )
    return statement


def revise_statement(statement: CaseStatement, text: str, *, by: User) -> StatementVersion:
    """A new version: every staff edit is kept, never written over."""
    _require_worker(by, statement.case)
    text = _clean_text(text)
    with editing(statement.case) as c:
        locked = CaseStatement.objects.select_for_update().get(pk=statement.pk)
        if locked.is_signed:
            raise DocumentError("The statement has been signed and is kept as signed.")
        if locked.current_version().text == text:
            raise DocumentError("Change the statement before saving a new version.", field="text")
        version = _add_version(locked, text, by=by)
        locked.state = StatementState.DRAFT
        locked.save(update_fields=["state"])
        record_event(
            c,
            EventKind.STATEMENT_WRITTEN,
            f"Case statement for {locked.party.name}: version {version.number} written",
            by=by,
        )
    statement.refresh_from_db()
    return version


def statement_link(statement: CaseStatement) -> str:
    """Where the party reads it: their own pages (family) or the case's pages (officers)."""
    args = [statement.case.reference, statement.pk]
    if statement.party.role in FAMILY_ROLES:
        return absolute_link(reverse("family:statement", args=args), statement.case.provider)
    return absolute_link(reverse("documents:check_statement", args=args), statement.case.provider)


def ready_message(statement: CaseStatement) -> tuple[str, str]:
    """(subject, body): that a statement is ready to read, with the link, and nothing of it."""
    case = statement.case
    provider = case.provider
    subject = f"Your case statement is ready to read (case {case.reference})"
    body = "\n".join(
        [
            "Hello,",
            "",
            f"{provider.name} has written up your case statement for case {case.reference}. "
            "Please read it, then sign it or ask us to change it:",
            statement_link(statement),
            "",
            "The statement is not in this email because it contains personal details.",
            "",
            f"Contact {provider.name}, quoting {case.reference}, if you have a question.",
        ]
    )
    return subject, body


def send_for_checking(statement: CaseStatement, *, by: User) -> CaseStatement:
    """The party is asked to read the current version and sign it or ask for changes."""
    _require_worker(by, statement.case)
    with editing(statement.case) as c:
        locked = CaseStatement.objects.select_for_update().get(pk=statement.pk)
        if locked.state not in (StatementState.DRAFT, StatementState.CHANGES_ASKED):
            raise DocumentError("The statement is already with the party, or signed.")
        version = locked.current_version()
        asked = locked.change_requests.order_by("-asked_at", "-id").first()
        if asked is not None and asked.version_id == version.pk:
            raise DocumentError(
                "The party asked for changes to this version: change the statement first."
            )
        locked.state = StatementState.WITH_PARTY
        locked.sent_version = version
        locked.save(update_fields=["state", "sent_version"])
        party = locked.party
        if party.email.strip():
            subject, body = ready_message(locked)
            queue_email(
                case=c,
                to=[party.email.strip()],
                subject=subject,
                body=body,
                idempotency_key=f"statement:{locked.pk}:v{version.number}",
                kind=MessageKind.OTHER,
                by=by,
                party=party,
            )
        record_event(
            c,
            EventKind.STATEMENT_SENT,
            f"Case statement version {version.number} sent to {party.name} to check",
            by=by,
        )
    statement.refresh_from_db()
    return statement


def _label(who: User | None) -> str:
    return "" if who is not None else FAMILY_ACTOR_LABEL


def _require_with(statement: CaseStatement, party: Party) -> None:
    if statement.party_id != party.pk:
        raise DocumentError("Only the party whose statement it is can do this.")
    if statement.state != StatementState.WITH_PARTY:
        raise DocumentError("The statement is not waiting for you to check it just now.")


def ask_for_changes(
    statement: CaseStatement,
    party: Party,
    comments: str,
    *,
    seen_sha256: str,
    asked_as: str,
    by: User | None,
) -> StatementChangeRequest:
    """The party asks for changes to the version they read (`by` None: a family member)."""
    comments = comments.strip()
    if not comments:
        raise DocumentError("Say what should change.", field="comments")
    if len(comments) > LONGEST_STATEMENT:
        raise DocumentError("Your comments are too long.", field="comments")
    with editing(statement.case) as c:
        locked = CaseStatement.objects.select_for_update().get(pk=statement.pk)
        _require_with(locked, party)
        version = locked.current_version()
        require_fresh(version.sha256, seen_sha256)
        request = StatementChangeRequest.objects.create(
            statement=locked, version=version, comments=comments, asked_by=by, asked_as=asked_as
        )
        locked.state = StatementState.CHANGES_ASKED
        locked.save(update_fields=["state"])
        record_event(
            c,
            EventKind.STATEMENT_CHANGES_ASKED,
            f"{party.name} asked for changes to case statement version {version.number}",
            by=by,
            label=_label(by),
        )
    statement.refresh_from_db()
    return request


def sign_statement(statement: CaseStatement, signer: Signer, *, by: User | None) -> CaseStatement:
    """The party signs the version they read; it is frozen as a sealed PDF with evidence."""
    with editing(statement.case) as c:
        locked = CaseStatement.objects.select_for_update().get(pk=statement.pk)
        _require_with(locked, signer.party)
        version = locked.current_version()
        require_fresh(version.sha256, signer.seen_sha256)
        signature = signature_from(
            signer, declaration(version.number), version.sha256, by=by, statement=locked
        )
        with version.pdf.open("rb") as file:
            signed = file.read()
        sealed = seal_signed(
            c, signed, f"Case statement version {version.number}", version.sha256, [signature]
        )
        locked.state = StatementState.SIGNED
        locked.signed_sha256 = hashlib.sha256(sealed).hexdigest()
        locked.signed_pdf.save(
            f"statement-{locked.pk}-v{version.number}-signed.pdf", ContentFile(sealed), save=False
        )
        locked.save(update_fields=["state", "signed_sha256", "signed_pdf"])
        Party.objects.filter(pk=signer.party.pk).update(statement_agreed_on=today_in_england())
        record_event(
            c,
            EventKind.STATEMENT_SIGNED,
            f"{signer.party.name} signed case statement version {version.number}",
            {"sha256": version.sha256},
            by=by,
            label=_label(by),
        )
    statement.refresh_from_db()
    return statement


def share_statement(statement: CaseStatement, party: Party, *, by: User | None) -> CaseStatement:
    """The party's recorded choice to let the other parties read their statement."""
    if statement.party_id != party.pk:
        raise DocumentError("Only the party whose statement it is can share it.")
    with editing(statement.case) as c:
        locked = CaseStatement.objects.select_for_update().get(pk=statement.pk)
        if locked.is_shared:
            return locked
        locked.shared_at = timezone.now()
        locked.save(update_fields=["shared_at"])
        record_event(
            c,
            EventKind.STATEMENT_SHARED,
            f"{party.name} agreed to share their case statement with the other parties",
            by=by,
            label=_label(by),
        )
    statement.refresh_from_db()
    return statement
