"""Every view declares who may use it, and the declarations hold (style.md #6).

- The URLconf walk fails on any view without an access rule.
- Anonymous visitors are sent to sign in from every non-public page.
- Each role against each casework page: allowed, 403, or 404 for what it may not see.
- Another provider's staff get 404 for every page of a case that is not theirs.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accord.cases.models import CaseDocument, ChildView, Complaint, SafeguardingConcern
from accord.organisations.access import access_rule_of
from accord.organisations.roles import Role
from tests.factories import CaseFactory, MembershipFactory, PartyFactory

# Django's admin guards itself (is_staff and model permissions); it holds reference data only.
SELF_GUARDED_NAMESPACES = {"admin"}


def walk(resolver: URLResolver, namespace: str = "", prefix: str = "") -> Iterator[tuple]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from walk(entry, ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield namespace, entry.name, prefix + str(entry.pattern), entry.callback


ALL_VIEWS = list(walk(get_resolver()))


def test_the_urlconf_has_views():
    assert len(ALL_VIEWS) > 20


@pytest.mark.parametrize(
    ("namespace", "name", "route", "callback"),
    [v for v in ALL_VIEWS if v[0] not in SELF_GUARDED_NAMESPACES],
    ids=[f"{v[0]}:{v[1]}" for v in ALL_VIEWS if v[0] not in SELF_GUARDED_NAMESPACES],
)
def test_every_view_declares_who_may_use_it(namespace, name, route, callback):
    rule = access_rule_of(callback)
    assert rule is not None, f"{route} ({namespace}:{name}) has no access rule"
    if rule.kind == "roles":
        assert rule.roles, f"{route} allows no role at all"


def _fill(route: str) -> str:
    """A concrete path for a route pattern, with placeholder values."""
    import re

    path = re.sub(r"<int:[^>]+>", "1", route)
    path = re.sub(r"<(str:)?[^>]+>", "NOPE-1", path)
    return "/" + path.lstrip("^").rstrip("$")


GUARDED = [
    v
    for v in ALL_VIEWS
    if v[0] not in SELF_GUARDED_NAMESPACES
    and access_rule_of(v[3]) is not None
    and access_rule_of(v[3]).kind in {"roles", "signed-in"}
]


@pytest.mark.django_db
@pytest.mark.parametrize("view", GUARDED, ids=[f"{v[0]}:{v[1]}" for v in GUARDED])
def test_anonymous_visitors_are_sent_to_sign_in(view):
    response = Client().get(_fill(view[2]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- the role matrix for casework pages ------------------------------------------------------

R = Role
READERS = {R.SERVICE_MANAGER, R.COORDINATOR, R.ADVISER, R.MEDIATOR, R.LA_OFFICER, R.ICB_OFFICER}
STAFF = {R.SERVICE_MANAGER, R.COORDINATOR, R.ADVISER}
WORKERS = STAFF | {R.MEDIATOR}
OFFICERS = {R.LA_OFFICER, R.ICB_OFFICER}

# page name -> the roles that may open it (GET). Everyone else: 403.
CASE_PAGES = {
    "detail": READERS,
    "route": STAFF,
    "family_choice": STAFF,
    "la_notified": STAFF,
    "start_dr": STAFF,
    "cannot_hold": STAFF,
    # SEND Regs reg 34: the adviser (or the coordinator or manager) records and corrects it.
    "not_pursued": STAFF,
    "correct_not_pursued": STAFF,
    "outcome": WORKERS,
    "close": STAFF,
    "reopen": STAFF,
    "assign": STAFF,
    "risk": STAFF,
    "decision_date": STAFF,
    "add_party": STAFF,
    "edit_party": STAFF,
    "dr_consent": STAFF,
    # An officer acts for their own body (accord.cases.steps.officers).
    "dr_invitation": OFFICERS,
    "name_attendee": OFFICERS,
    "confirm_authority": OFFICERS,
    "add_note": STAFF | {R.MEDIATOR},
    "add_child_view": WORKERS,
    "child_view_file": WORKERS,
    # The case's documents (issue 14, section 7): everyone on the case adds them; a document
    # shared with everyone taking part is read by each (who sees which: test_case_documents).
    "add_case_document": READERS,
    "case_document_file": READERS,
    # Safeguarding (accord.cases.concerns): the service's staff and the mediator, never an
    # officer; who was told and closing, staff only.
    "raise_concern": WORKERS,
    # The young person as the party (CFA 2014 ss.80, 83): staff record these.
    "capacity": STAFF,
    "young_person_consent": STAFF,
    "concern_told": STAFF,
    "close_concern": STAFF,
}
LIST_PAGES = {"caseload": READERS, "new": STAFF}


@pytest.fixture
def shared_case(world):
    """A case of the world's provider where the LA, the ICB and the mediator are all parties:
    the family chose mediation and both bodies were told (so their officers see it), and each
    body has an officer on the case."""
    case = CaseFactory(
        provider=world.provider,
        local_authority=world.la,
        health_body=world.icb,
        mediator=world.user(R.MEDIATOR),
        la_notified_on=date(2026, 3, 2),
        health_body_notified_on=date(2026, 3, 2),
    )
    party = PartyFactory(case=case)
    PartyFactory(case=case, role="la_officer", name="Pat LA-Officer")
    PartyFactory(case=case, role="icb_officer", name="Sam ICB-Officer")
    drawing = SimpleUploadedFile("drawing.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    view = ChildView.objects.create(case=case, kind="drawing", file=drawing)
    letter = SimpleUploadedFile("letter.pdf", b"%PDF-1.7\n", content_type="application/pdf")
    CaseDocument.objects.create(
        case=case,
        kind="decision_letter",
        title="Decision letter",
        file=letter,
        content_type="application/pdf",
        visibility="all_parties",
    )
    SafeguardingConcern.objects.create(
        case=case, raised_on=case.received_on, raised_by="The mediator", what="CONCERN-WORDS"
    )
    return case, party, view


def _url(name: str, case, party, view, role=None) -> str:
    kwargs: dict[str, object] = {"reference": case.reference}
    if name in {"edit_party", "dr_consent", "young_person_consent"}:
        kwargs["party_id"] = party.pk
    if name == "confirm_authority":
        # The officer's own body's person (any officer party for the other roles: refused first).
        body = "icb_officer" if role == R.ICB_OFFICER else "la_officer"
        kwargs["party_id"] = case.parties.get(role=body).pk
    if name == "child_view_file":
        kwargs["view_id"] = view.pk
    if name == "case_document_file":
        kwargs["document_id"] = case.documents.get().pk
    if name in {"concern_told", "close_concern"}:
        kwargs["concern_id"] = case.concerns.get().pk
    return reverse(f"cases:{name}", kwargs=kwargs)


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
@pytest.mark.parametrize("page", sorted(CASE_PAGES))
def test_role_matrix_for_case_pages(world, client_for, shared_case, role, page, settings):
    case, party, view = shared_case
    response = client_for(role).get(_url(page, case, party, view, role))
    if response.streaming:  # reading a file download to its end closes its file
        assert b"".join(response.streaming_content)
    expected = {200} if role in CASE_PAGES[page] else {403}
    assert response.status_code in expected, f"{role} on {page}: {response.status_code}"


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
@pytest.mark.parametrize("page", sorted(LIST_PAGES))
def test_role_matrix_for_list_pages(world, client_for, role, page):
    response = client_for(role).get(reverse(f"cases:{page}"))
    assert response.status_code == (200 if role in LIST_PAGES[page] else 403)


# Pages of the apps beside the case (mail in, the caseload import): URL name -> who may open it.
# Their per-item pages (an email, an import batch) are in tests/inbound and tests/imports.
SERVICE_PAGES = {
    "inbound:inbox": STAFF,
    "imports:upload": {R.SERVICE_MANAGER},
    "imports:template": {R.SERVICE_MANAGER},
    # Complaints about the service: the service's staff.
    "complaints:list": STAFF,
    "complaints:new": STAFF,
}


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
@pytest.mark.parametrize("page", sorted(SERVICE_PAGES))
def test_role_matrix_for_service_pages(world, client_for, role, page):
    response = client_for(role).get(reverse(page))
    assert response.status_code == (200 if role in SERVICE_PAGES[page] else 403)


@pytest.mark.parametrize("page", sorted(CASE_PAGES))
def test_another_providers_staff_get_404_for_every_case_page(world, shared_case, page):
    case, party, view = shared_case
    client = Client()
    stranger = world.stranger
    if stranger.role_enum not in CASE_PAGES[page]:
        # An officer's page: an officer of the same LA working with the other provider.
        stranger = MembershipFactory(
            provider=world.stranger_provider, role=R.LA_OFFICER, local_authority=world.la
        )
    client.force_login(stranger.user)
    response = client.get(_url(page, case, party, view, stranger.role_enum))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        (R.MEDIATOR, False),  # not assigned to it
        (R.LA_OFFICER, False),  # another LA's case
        (R.ICB_OFFICER, False),  # no ICB on it
        (R.COORDINATOR, True),
    ],
)
def test_case_outside_a_role_scope_is_404(world, client_for, role, sees):
    case = CaseFactory(provider=world.provider, local_authority=world.other_la)
    response = client_for(role).get(reverse("cases:detail", args=[case.reference]))
    assert response.status_code == (200 if sees else 404)


COMPLAINT_PAGES = ("detail", "acknowledge", "investigate", "answer")


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
@pytest.mark.parametrize("page", COMPLAINT_PAGES)
def test_role_matrix_for_complaint_pages(world, client_for, shared_case, role, page):
    case, _, _ = shared_case
    complaint = Complaint.objects.create(
        provider=world.provider,
        case=case,
        complainant="A parent",
        received_on=case.received_on,
        respond_by=case.received_on,
        what="Slow replies",
    )
    url = reverse(f"complaints:{page}", args=[complaint.pk])
    expected = 200 if role in STAFF else 403
    assert client_for(role).get(url).status_code == expected, f"{role} on {page}"
    # Another provider's staff: not found.
    client = Client()
    client.force_login(world.stranger.user)
    assert client.get(url).status_code == 404


def test_officers_never_see_confidential_notes_or_safeguarding(world, client_for, shared_case):
    case, _, _ = shared_case
    case.safeguarding_concern = True
    case.safeguarding_notes = "SAFEGUARDING-DETAIL"
    case.save()
    from accord.cases.services import add_note

    add_note(case, "MEDIATOR-NOTE-TEXT", by=world.user(R.MEDIATOR))
    for role, visible in [
        (R.LA_OFFICER, False),
        (R.ICB_OFFICER, False),
        (R.MEDIATOR, True),
        (R.COORDINATOR, True),
    ]:
        html = client_for(role).get(case.get_absolute_url()).content.decode()
        assert ("MEDIATOR-NOTE-TEXT" in html) is visible, role
        assert ("SAFEGUARDING-DETAIL" in html) is visible, role
        # A concern raised during the case (accord.cases.concerns), and its flag on the caseload.
        assert ("CONCERN-WORDS" in html) is visible, role
        caseload = client_for(role).get(reverse("cases:caseload") + "?assignee=").content.decode()
        assert ("Safeguarding concern open" in caseload) is visible, role


def test_every_case_page_view_is_audited(world, client_for, shared_case):
    case, _, _ = shared_case
    client_for(R.LA_OFFICER).get(case.get_absolute_url())
    assert case.accesses.filter(user=world.user(R.LA_OFFICER), what="viewed case").exists()


def test_ids_cannot_be_guessed_across_providers(world, client_for):
    """A party id from another provider's case cannot be reached through one's own case."""
    mine = CaseFactory(provider=world.provider, local_authority=world.la)
    theirs = CaseFactory(provider=world.stranger_provider, local_authority=world.la)
    their_party = PartyFactory(case=theirs)
    url = reverse("cases:edit_party", args=[mine.reference, their_party.pk])
    assert client_for(R.COORDINATOR).get(url).status_code == 404


@pytest.mark.parametrize(
    ("role", "lands_on"),
    [
        (R.COMMISSIONER, "reports:index"),
        (R.MEDIATOR, "cases:caseload"),
        (R.COORDINATOR, "cases:caseload"),
        (R.LA_OFFICER, "cases:caseload"),
    ],
)
def test_each_role_lands_on_a_page_it_may_use(world, client_for, role, lands_on):
    client = client_for(role)
    response = client.get(reverse("start"))
    assert response["Location"] == reverse(lands_on)
    assert client.get(response["Location"], follow=True).status_code == 200


# --- data protection (accord.privacy): service managers only --------------------------------

PRIVACY_PAGES = {
    "privacy:audit": (),
    "privacy:audit_csv": (),
    "privacy:retention": (),
    "privacy:parties": ("reference",),
    "privacy:legal_hold": ("reference",),
    "privacy:erase": ("reference", "party_id"),
}


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
@pytest.mark.parametrize("page", sorted(PRIVACY_PAGES))
def test_role_matrix_for_data_protection_pages(world, client_for, shared_case, role, page):
    case, party, _ = shared_case
    values = {"reference": case.reference, "party_id": party.pk}
    url = reverse(page, kwargs={name: values[name] for name in PRIVACY_PAGES[page]})
    expected = 200 if role == R.SERVICE_MANAGER else 403
    assert client_for(role).get(url).status_code == expected, f"{role} on {page}"


def test_another_providers_manager_gets_404_for_a_cases_data_protection_page(world, shared_case):
    case, party, _ = shared_case
    client = Client()
    client.force_login(world.stranger.user)
    url = reverse("privacy:erase", args=[case.reference, party.pk])
    assert client.get(url).status_code == 404
