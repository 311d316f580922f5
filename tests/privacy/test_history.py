"""The history shows before and after for every change, the risk and safeguarding notes too —
for the service's staff only, and encrypted in the stored history as on the case."""

from __future__ import annotations

import json
from datetime import date

from django.db import connection

from accord.cases.services import update_case_details, update_party
from accord.cases.timeline import EventKind
from accord.organisations.roles import Role
from tests.factories import CaseFactory, PartyFactory

# The family agreed at intake that the LA may follow the case, so its officers see it
# (accord.cases.selectors.body_is_a_party).
SHARED = date(2026, 1, 5)


def test_a_changed_risk_note_shows_before_and_after_to_staff_only(world, client_for):
    case = CaseFactory(provider=world.provider, local_authority=world.la, risk_notes="Calm")
    update_case_details(
        case,
        {"risk_notes": "Raised voices last time", "summary": "New words"},
        by=world.user(Role.COORDINATOR),
    )
    event = case.timeline.get(kind=EventKind.CONFIDENTIAL_DETAILS_CHANGED)
    assert ("risk notes", "Calm", "Raised voices last time") in event.changes_shown
    with connection.cursor() as cursor:
        cursor.execute("SELECT changes FROM cases_timelineevent WHERE id = %s", [event.pk])
        stored = cursor.fetchone()[0]
    stored_text = stored if isinstance(stored, str) else json.dumps(stored)
    assert "Raised voices" not in stored_text

    staff_page = client_for(Role.COORDINATOR).get(case.get_absolute_url()).content.decode()
    assert "Raised voices last time" in staff_page and "<del>Calm</del>" in staff_page
    officer_page = client_for(Role.LA_OFFICER).get(case.get_absolute_url()).content.decode()
    assert "Raised voices" not in officer_page


def test_an_ordinary_change_shows_before_and_after_to_caseworkers(world, client_for):
    case = CaseFactory(provider=world.provider, local_authority=world.la, summary="Old words")
    update_case_details(case, {"summary": "New words"}, by=world.user(Role.COORDINATOR))
    page = client_for(Role.ADVISER).get(case.get_absolute_url())
    assert "<del>Old words</del> → New words" in page.content.decode()


def test_officers_see_what_changed_but_not_the_values(world, client_for):
    """A person's contact details and access needs are not on officers' pages: nor in the
    history's before and after."""
    case = CaseFactory(
        provider=world.provider, local_authority=world.la, shared_with_bodies_on=SHARED
    )
    party = PartyFactory(case=case, name="Jo Parent", access_needs="Hearing loop")
    update_party(
        party, access_needs="British Sign Language interpreter", by=world.user(Role.COORDINATOR)
    )
    page = client_for(Role.LA_OFFICER).get(case.get_absolute_url()).content.decode()
    assert "Jo Parent&#x27;s details changed" in page or "Jo Parent's details changed" in page
    assert "Hearing loop" not in page and "Sign Language" not in page
    event = case.timeline.get(kind=EventKind.PARTY_CHANGED)
    assert (
        "access needs",
        "Hearing loop",
        "British Sign Language interpreter",
    ) in event.changes_shown
    assert "Hearing loop" not in str(event.changes)  # encrypted in the stored history
