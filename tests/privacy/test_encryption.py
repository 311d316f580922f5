"""Special-category free text is encrypted at rest (accord.cases.encrypted), readable with any
key in ACCORD_ENCRYPTION_KEYS, re-encrypted with the first by `manage.py rotate_keys`."""

from __future__ import annotations

import io

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from accord.cases.encrypted import PREFIX, encrypted_fields
from accord.cases.models import (
    Case,
    CaseNote,
    ChildView,
    Complaint,
    Party,
    RiskAssessment,
    SafeguardingConcern,
)
from tests.factories import CaseFactory, ChildFactory, PartyFactory


def _stored(model, pk: int, column: str) -> str:
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(model._meta.db_table)
        cursor.execute(
            f"SELECT {connection.ops.quote_name(column)} FROM {table} WHERE id = %s",  # noqa: S608
            [pk],
        )
        return cursor.fetchone()[0]


@pytest.fixture
def case(world):
    case = CaseFactory(
        provider=world.provider,
        local_authority=world.la,
        safeguarding_notes="Father has a non-molestation order",
        risk_notes="Meet separately",
        child=ChildFactory(provider=world.provider, first_name="Searchable", last_name="Child"),
    )
    return case


def test_the_notes_are_stored_encrypted_and_read_back_plain(case):
    stored = _stored(Case, case.pk, "safeguarding_notes")
    assert stored.startswith(PREFIX) and "molestation" not in stored
    assert Case.objects.get(pk=case.pk).safeguarding_notes == "Father has a non-molestation order"


def test_every_special_category_field_is_encrypted():
    found = {model: set(names) for model, names in encrypted_fields()}
    assert found[Case] == {"safeguarding_notes", "risk_notes"}
    assert found[Party] == {"access_needs"}
    assert found[ChildView] == {"text"}
    assert found[CaseNote] == {"text"}
    assert found[SafeguardingConcern] == {"what", "outcome"}
    assert found[RiskAssessment] == {"risks", "mitigations"}
    assert found[Complaint] == {"what", "response"}


def test_names_stay_searchable(case):
    assert Case.objects.filter(child__first_name__icontains="searchable").get() == case


def test_empty_text_stays_empty(world):
    party = PartyFactory(case=CaseFactory(provider=world.provider, local_authority=world.la))
    assert _stored(Party, party.pk, "access_needs") == ""


def test_rotation_reencrypts_with_the_new_key_and_the_old_can_go(case, settings):
    old = settings.ACCORD_ENCRYPTION_KEYS[0]
    new = Fernet.generate_key().decode()
    settings.ACCORD_ENCRYPTION_KEYS = [new, old]
    assert Case.objects.get(pk=case.pk).risk_notes == "Meet separately"  # old still reads
    out = io.StringIO()
    call_command("rotate_keys", stdout=out)
    assert "cases.Case: 1 row(s) re-encrypted" in out.getvalue()
    settings.ACCORD_ENCRYPTION_KEYS = [new]
    assert Case.objects.get(pk=case.pk).risk_notes == "Meet separately"
    settings.ACCORD_ENCRYPTION_KEYS = [old]
    with pytest.raises(ImproperlyConfigured, match="rotate_keys"):
        Case.objects.get(pk=case.pk)


def test_a_malformed_key_is_a_clear_error(case, settings):
    settings.ACCORD_ENCRYPTION_KEYS = ["not-a-key"]
    with pytest.raises(ImproperlyConfigured, match="Fernet key"):
        Case.objects.get(pk=case.pk)
