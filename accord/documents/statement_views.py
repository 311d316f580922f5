"""Statement and signature pages of the provider's staff and the officers, under
cases/<reference>/documents/. Thin: the case through the scoped selector, the statement through
accord.documents.statement_selectors, a service for every change, every read audited."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accord.cases import selectors as case_selectors
from accord.cases.audit import record_case_read
from accord.cases.forms import show_refusal
from accord.cases.models import Case, Party
from accord.cases.services import CaseError
from accord.documents import selectors, signatures, statement_selectors, statements
from accord.documents.models import Agreement
from accord.documents.permissions import may_work_on, parties_officer_acts_for
from accord.documents.signing_forms import (
    ChangesForm,
    NewStatementForm,
    PaperSignatureForm,
    SignForm,
    StatementForm,
)
from accord.documents.statement_models import CaseStatement
from accord.meetings.models import Meeting, MeetingKind
from accord.organisations.access import roles
from accord.organisations.models import Membership, User
from accord.organisations.roles import CASE_READERS, CASEWORKERS, OFFICERS


def _case(request: HttpRequest, reference: str) -> Case:
    membership: Membership = request.membership  # type: ignore[attr-defined]
    return case_selectors.case_for(membership, reference)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def request_evidence(request: HttpRequest) -> tuple[str | None, str]:
    """(IP address, user agent) for a signature. REMOTE_ADDR only: X-Forwarded-For is whatever
    the client says unless a trusted proxy rewrites it."""
    return (
        request.META.get("REMOTE_ADDR") or None,
        str(request.META.get("HTTP_USER_AGENT", ""))[: signatures.LONGEST_USER_AGENT],
    )


def signer_from(
    request: HttpRequest, party: Party, form: SignForm, *, signed_in_as: str
) -> signatures.Signer:
    """Who signs, as the evidence page records them: the typed name, what they confirmed and
    saw, how they were signed in, and the request's IP address and browser."""
    ip, agent = request_evidence(request)
    return signatures.Signer(
        party=party,
        typed_name=form.cleaned_data["typed_name"],
        confirmed=form.cleaned_data["confirmed"],
        seen_sha256=form.cleaned_data["seen_sha256"],
        signed_in_as=signed_in_as,
        ip_address=ip,
        user_agent=agent,
    )


@dataclass(frozen=True)
class StatementActor:
    """Who acts on a party's statement, and what the page then says to them: an officer signed
    in (`by`), or a family member with no account (`by` None), identified by `signed_in_as`."""

    by: User | None
    signed_in_as: str
    asked_as: str
    shared: str
    signed: str
    changes_asked: str


def act_on_statement(
    request: HttpRequest,
    statement: CaseStatement,
    action: str,
    sign: SignForm,
    changes: ChangesForm,
    actor: StatementActor,
) -> str:
    """Shares, signs or asks for changes to the statement (the button pressed); what to say when
    it is done, or "" with the refusal shown on the form that was sent."""
    party = statement.party
    try:
        if action == "share":
            statements.share_statement(statement, party, by=actor.by)
            return actor.shared
        if action == "sign" and sign.is_valid():
            signer = signer_from(request, party, sign, signed_in_as=actor.signed_in_as)
            statements.sign_statement(statement, signer, by=actor.by)
            return actor.signed
        if action == "changes" and changes.is_valid():
            statements.ask_for_changes(
                statement,
                party,
                changes.cleaned_data["comments"],
                seen_sha256=changes.cleaned_data["seen_sha256"],
                asked_as=actor.asked_as,
                by=actor.by,
            )
            return actor.changes_asked
    except CaseError as error:
        show_refusal(sign if action == "sign" else changes, error)
    return ""


def pdf_response(field: object, filename: str) -> FileResponse:
    response = FileResponse(
        field.open("rb"),  # type: ignore[attr-defined]
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _statement_url(statement: CaseStatement) -> str:
    return reverse("documents:statement", args=[statement.case.reference, statement.pk])


def _status(request: HttpRequest, *forms: object) -> int:
    return 400 if request.method == "POST" and any(f.errors for f in forms) else 200  # type: ignore[attr-defined]


# --- the mediation team ----------------------------------------------------------------------


@roles(CASEWORKERS)
def statement_list(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    record_case_read(case, by=_user(request), what="viewed case statements")
    found = {s.party_id: s for s in statement_selectors.statements_on(case)}
    parties = list(case.parties.filter(role__in=sorted(statements.STATEMENT_ROLES)))
    return render(
        request,
        "documents/statements.html",
        {
            "case": case,
            "rows": [(p, found.get(p.pk)) for p in parties],
            "can_work": may_work_on(_user(request), case),
        },
    )


def _pre_meetings(case: Case) -> list[Meeting]:
    return list(
        Meeting.objects.filter(
            case=case, kind=MeetingKind.PRE_MEETING, cancelled_at__isnull=True
        ).order_by("starts_at")
    )


@roles(CASEWORKERS)
def new_statement(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    written = set(statement_selectors.statements_on(case).values_list("party_id", flat=True))
    parties = [
        p
        for p in case.parties.filter(role__in=sorted(statements.STATEMENT_ROLES))
        if p.pk not in written
    ]
    meetings = _pre_meetings(case)
    form = NewStatementForm(
        request.POST or None,
        parties=parties,
        meetings=meetings,
        initial={"party": request.GET.get("party")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        party = next(p for p in parties if p.pk == data["party"])
        meeting = next((m for m in meetings if m.pk == data["meeting"]), None)
        try:
            statement = statements.write_statement(
                case, party, data["text"], meeting=meeting, by=_user(request)
            )
        except CaseError as error:
            show_refusal(form, error)
        else:
            messages.success(request, f"Statement for {party.name} saved as a draft.")
            return redirect(_statement_url(statement))
    record_case_read(case, by=_user(request), what="writing a case statement")
    return render(
        request,
        "documents/form.html",
        {
            "case": case,
            "form": form,
            "title": "Write a case statement",
            "hint": "The party's view, as agreed at their pre-meeting. It stays a draft that "
            "only the mediation team sees until you send it to them to check.",
            "button": "Save the draft",
        },
        status=_status(request, form),
    )


@roles(CASEWORKERS)
def statement_page(request: HttpRequest, reference: str, statement_id: int) -> HttpResponse:
    case = _case(request, reference)
    statement = statement_selectors.statement_on_case(case, statement_id)
    record_case_read(case, by=_user(request), what=f"viewed case statement {statement.pk}")
    current = statement.current_version()
    form = StatementForm(request.POST or None, initial={"text": current.text})
    if request.method == "POST" and form.is_valid():
        try:
            version = statements.revise_statement(
                statement, form.cleaned_data["text"], by=_user(request)
            )
        except CaseError as error:
            show_refusal(form, error)
        else:
            messages.success(request, f"Version {version.number} saved.")
            return redirect(_statement_url(statement))
    return render(
        request,
        "documents/statement.html",
        {
            "case": case,
            "statement": statement,
            "current": current,
            "versions": list(statement.versions.order_by("-number")),
            "requests": list(statement.change_requests.select_related("version")),
            "signatures": list(statement.signatures.all()),
            "form": form,
            "can_work": may_work_on(_user(request), case),
        },
        status=_status(request, form),
    )


@roles(CASEWORKERS)
@require_POST
def send_statement(request: HttpRequest, reference: str, statement_id: int) -> HttpResponse:
    case = _case(request, reference)
    statement = statement_selectors.statement_on_case(case, statement_id)
    try:
        statements.send_for_checking(statement, by=_user(request))
    except CaseError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Sent to {statement.party.name} to check and sign.")
    return redirect(_statement_url(statement))


@roles(CASEWORKERS)
def statement_version_pdf(
    request: HttpRequest, reference: str, statement_id: int, number: int
) -> FileResponse:
    case = _case(request, reference)
    statement = statement_selectors.statement_on_case(case, statement_id)
    version = statement.versions.filter(number=number).first()
    if version is None:
        raise Http404("No such version")
    record_case_read(
        case, by=_user(request), what=f"downloaded case statement {statement.pk} v{number}"
    )
    return pdf_response(version.pdf, f"statement-{case.reference}-v{number}.pdf")


# --- an officer checks their body's statement --------------------------------------------------


def _officer_statement(request: HttpRequest, case: Case, statement_id: int) -> CaseStatement:
    parties = parties_officer_acts_for(_user(request), case)
    return statement_selectors.statement_for_parties(case, parties, statement_id)


def _signed_in_as(user: User) -> str:
    """How an officer or staff member is identified as a signer: their account."""
    return f"{user.email} (signed in)"


def _signer_for(request: HttpRequest, party: Party, form: SignForm) -> signatures.Signer:
    return signer_from(request, party, form, signed_in_as=_signed_in_as(_user(request)))


@roles(OFFICERS)
def check_statement(request: HttpRequest, reference: str, statement_id: int) -> HttpResponse:
    """The officer reads their body's statement, and signs it, asks for changes or shares it
    (one form each, told apart by the button pressed)."""
    case = _case(request, reference)
    statement = _officer_statement(request, case, statement_id)
    own = statement.party in parties_officer_acts_for(_user(request), case)
    record_case_read(case, by=_user(request), what=f"read case statement {statement.pk}")
    version = statement.sent_version
    seen = {"seen_sha256": version.sha256 if version else ""}
    action = request.POST.get("action") if request.method == "POST" else None
    sign = SignForm(request.POST if action == "sign" else None, initial=seen)
    changes = ChangesForm(request.POST if action == "changes" else None, initial=seen)
    if own and action in ("sign", "changes", "share"):
        user = _user(request)
        actor = StatementActor(
            by=user,
            signed_in_as=_signed_in_as(user),
            asked_as=user.email,
            shared="The other parties can now read your signed statement.",
            signed="Statement signed.",
            changes_asked="Thank you. We will write a new version for you to check.",
        )
        done = act_on_statement(request, statement, action, sign, changes, actor)
        if done:
            messages.success(request, done)
            return redirect("documents:check_statement", case.reference, statement.pk)
    return render(
        request,
        "documents/check_statement.html",
        {
            "case": case,
            "statement": statement,
            "version": version,
            "own": own,
            "sign": sign,
            "changes": changes,
            "declaration": statements.declaration(version.number) if version else "",
            "form": sign if sign.errors else changes,
        },
        status=_status(request, sign, changes),
    )


@roles(CASE_READERS)
def statement_signed_pdf(request: HttpRequest, reference: str, statement_id: int) -> FileResponse:
    case = _case(request, reference)
    user = _user(request)
    if may_work_on(user, case):
        statement = statement_selectors.statement_on_case(case, statement_id)
    else:
        statement = _officer_statement(request, case, statement_id)
    if not statement.signed_pdf:
        raise Http404("Not signed yet")
    record_case_read(case, by=user, what=f"downloaded signed case statement {statement.pk}")
    return pdf_response(statement.signed_pdf, f"statement-{case.reference}-signed.pdf")


# --- agreements ----------------------------------------------------------------------------


def _agreement_url(agreement: Agreement) -> str:
    return reverse("documents:agreement", args=[agreement.case.reference, agreement.pk])


@roles(OFFICERS)
def sign_agreement(request: HttpRequest, reference: str, agreement_id: int) -> HttpResponse:
    """An officer signs the issued agreement for their body."""
    case = _case(request, reference)
    agreement = selectors.agreement_on_case(case, agreement_id)
    if not agreement.is_issued:
        raise Http404("Not issued")
    record_case_read(case, by=_user(request), what=f"read agreement {agreement.number} to sign")
    signed = signatures.signed_parties(agreement)
    parties = [p for p in parties_officer_acts_for(_user(request), case) if p.pk not in signed]
    form = SignForm(request.POST or None, initial={"seen_sha256": agreement.sha256})
    if request.method == "POST" and parties and form.is_valid():
        try:
            signatures.sign_agreement(
                agreement, _signer_for(request, parties[0], form), by=_user(request)
            )
        except CaseError as error:
            show_refusal(form, error)
        else:
            messages.success(request, f"You signed agreement {agreement.number}.")
            return redirect(case.get_absolute_url() + "#documents")
    return render(
        request,
        "documents/sign_agreement.html",
        {
            "case": case,
            "agreement": agreement,
            "party": parties[0] if parties else None,
            "form": form,
            "declaration": signatures.AGREEMENT_DECLARATION,
            "pdf_url": reverse("documents:agreement_pdf", args=[case.reference, agreement.pk]),
            "back": case.get_absolute_url() + "#documents",
        },
        status=_status(request, form),
    )


@roles(CASEWORKERS)
def paper_signature(request: HttpRequest, reference: str, agreement_id: int) -> HttpResponse:
    case = _case(request, reference)
    agreement = selectors.agreement_on_case(case, agreement_id)
    parties = signatures.still_to_sign(agreement)
    form = PaperSignatureForm(request.POST or None, request.FILES or None, parties=parties)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        party = next(p for p in parties if p.pk == data["party"])
        try:
            signatures.record_paper_signature(
                agreement,
                party,
                data["scan"],
                typed_name=data["typed_name"],
                signed_on=data["signed_on"],
                by=_user(request),
            )
        except CaseError as error:
            show_refusal(form, error)
        else:
            messages.success(request, f"{party.name}'s paper signature recorded.")
            return redirect(_agreement_url(agreement))
    record_case_read(case, by=_user(request), what=f"recording a paper signature {agreement}")
    return render(
        request,
        "documents/form.html",
        {
            "case": case,
            "form": form,
            "title": "Record a signature on paper",
            "hint": "For a party who cannot sign online: upload the agreement they signed.",
            "button": "Record the signature",
        },
        status=_status(request, form),
    )


@roles(CASE_READERS)
def agreement_signed_pdf(request: HttpRequest, reference: str, agreement_id: int) -> FileResponse:
    case = _case(request, reference)
    agreement = selectors.agreement_on_case(case, agreement_id)
    if not agreement.signed_pdf:
        raise Http404("Not signed by all yet")
    record_case_read(case, by=_user(request), what=f"downloaded signed agreement {agreement}")
    return pdf_response(agreement.signed_pdf, f"{agreement.number}-signed.pdf")
