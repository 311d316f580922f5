"""The history shows before and after for every change, the risk and safeguarding notes too —
for the service's staff only, and encrypted in the stored history as on the case."""

from __future__ import annotations

import json

from django.db import connection

from accord.cases.services import update_case_details
from accord.cases.timeline import EventKind
from accord.organisations.roles import Role
from tests.factories import CaseFactory


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


def test_an_ordinary_change_shows_before_and_after_to_officers_too(world, client_for):
    case = CaseFactory(provider=world.provider, local_authority=world.la, summary="Old words")
    update_case_details(case, {"summary": "New words"}, by=world.user(Role.COORDINATOR))
    page = client_for(Role.LA_OFFICER).get(case.get_absolute_url()).content.decode()
    assert "<del>Old words</del> → New words" in page
