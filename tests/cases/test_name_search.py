"""The caseload's search by name: names folded alike (case, accents, apostrophes, hyphens), the
column kept whenever a name changes, and never another provider's case."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse

from accord.cases.append_only import retention_window
from accord.cases.clocks import AGREED_ACTION
from accord.cases.models import Case, CaseClock
from accord.cases.name_search import name_search_text, normalise_name, search_words
from accord.cases.selectors import caseload, searched_rows
from accord.cases.services.people import update_party
from accord.cases.states import CaseState
from accord.organisations.roles import Role
from accord.privacy.retention import anonymise_case
from accord.rules import today_in_england
from tests.factories import CaseFactory, ChildFactory, PartyFactory


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("O'Brien", "obrien"),  # straight apostrophe
        ("O’Brien", "obrien"),  # curly apostrophe, as a phone or word processor types it
        ("OBrien", "obrien"),
        ("o‘brien", "obrien"),  # opening quote used as an apostrophe
        ("Smith-Jones", "smith jones"),  # hyphenated: each part is a word
        ("Smith–Jones", "smith jones"),  # en dash
        ("Zoë Núñez", "zoe nunez"),  # accents folded
        ("Siân Llŷr", "sian llyr"),  # Welsh circumflexes (to bach)
        ("Dafydd ap Gwilym", "dafydd ap gwilym"),
        ("Gwenllïan Ŵyn", "gwenllian wyn"),
        ("Søren Łukasz Straße", "soren lukasz strasse"),  # letters NFKD does not split
        ("MACDONALD", "macdonald"),  # mixed case
        ("McDonald", "mcdonald"),
        ("  Mary   Ann  ", "mary ann"),  # extra spaces
        ("J. R. Hartley", "j r hartley"),
        ("", ""),
    ],
)
def test_a_name_is_folded_for_the_search(name, folded):
    assert normalise_name(name) == folded


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("O’Brien", ["obrien"]),
        ("o'brien", ["obrien"]),
        ("Smith-Jones", ["smith", "jones"]),
        ("  SIÂN  ", ["sian"]),
        ("'", []),
    ],
)
def test_a_search_is_folded_as_the_names_are(query, words):
    assert search_words(query) == words


def test_the_column_holds_every_name_between_spaces():
    assert name_search_text(["Siân", "O’Brien", "", "Mair O'Brien"]) == " sian obrien mair obrien "


@pytest.fixture
def obrien(world):
    case = CaseFactory(
        provider=world.provider,
        local_authority=world.la,
        reference="KM-2026-000101",
        child=ChildFactory(provider=world.provider, first_name="Siân", last_name="O'Brien"),
    )
    PartyFactory(case=case, name="Mair Smith-Jones")
    return case


def found(world, query, **filters):
    """The cases a search lists; the count the page shows is always how many it lists, and the
    search's page (its rows counted in the same query) lists the same, in the same order."""
    membership, today = world.members[Role.COORDINATOR], today_in_england()
    cases, count, due = caseload(membership, today, query=query, **filters)
    listed = set(cases)
    assert count == len(listed)
    rows, counted, counted_due = searched_rows(membership, today, 0, 1000, query=query, **filters)
    assert [row["reference"] for row in rows] == [case.reference for case in cases]
    assert (counted, counted_due) == ((count, due) if rows else (0, 0))
    return listed


@pytest.mark.parametrize(
    "query",
    [
        "obrien",
        "o'brien",
        "O’Brien",
        "O'BRIEN",
        "sian",
        "Siân",
        "SIAN O'Brien",
        "smith-jones",
        "Jones",
        "mair jones",
        "KM-2026-000101",  # the reference, exactly
        "km-2026-000101",
        "O",  # a letter: the start of a name
        "Ma",
    ],
)
def test_search_finds_the_case_by_the_child_a_party_or_the_reference(world, obrien, query):
    someone_else = ChildFactory(provider=world.provider, first_name="Tom", last_name="Kettle")
    CaseFactory(provider=world.provider, local_authority=world.la, child=someone_else)
    assert found(world, query) == {obrien}


@pytest.mark.parametrize("query", ["obrian", "brien", "ith", "ia", "KM-2026-00010", "jonesy"])
def test_search_does_not_find_what_is_not_there(world, obrien, query):
    assert found(world, query) == set()


def test_another_providers_case_is_never_found(world):
    CaseFactory(
        provider=world.stranger_provider,
        local_authority=world.la,
        reference="KM-2026-000102",
        child=ChildFactory(provider=world.stranger_provider, last_name="O'Brien"),
    )
    assert found(world, "obrien") == set()
    assert found(world, "KM-2026-000102") == set()


def test_the_search_combines_with_the_filters(world, obrien):
    CaseFactory(
        provider=world.provider,
        local_authority=world.other_la,
        child=ChildFactory(provider=world.provider, last_name="OBrien"),
    )
    assert found(world, "obrien", local_authority=world.la.pk) == {obrien}
    assert found(world, "obrien", state="closed") == set()


def test_the_column_follows_a_corrected_child_name(world, obrien):
    child = obrien.child
    child.last_name = "Ó Briain"
    child.save()
    assert found(world, "obrien") == set()
    assert found(world, "o briain") == {obrien}


def test_the_column_follows_a_partys_changed_name_inside_the_case_edit(world, obrien):
    party = obrien.parties.get()
    update_party(party, by=world.user(Role.COORDINATOR), name="Mair Pritchard")
    obrien.refresh_from_db()
    assert "pritchard" in obrien.name_search and "jones" not in obrien.name_search
    assert found(world, "pritchard") == {obrien}
    assert found(world, "jones") == set()


def test_a_saved_case_does_not_write_back_names_it_read_before(world, obrien):
    stale = Case.objects.get(pk=obrien.pk)
    PartyFactory(case=obrien, name="Rhodri Evans")
    stale.summary = "changed"
    stale.save()
    assert found(world, "rhodri") == {obrien}


def test_a_removed_party_is_no_longer_found(world, obrien):
    obrien.parties.get().delete()
    assert found(world, "jones") == set()


def test_the_caseload_page_searches_by_a_curly_apostrophe(world, client_for, obrien):
    html = (
        client_for(Role.COORDINATOR)
        .get(reverse("cases:caseload"), {"q": "O’Brien", "assignee": ""})
        .content.decode()
    )
    assert obrien.reference in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the SQL fill is PostgreSQL's")
def test_the_migrations_sql_fill_agrees_with_the_python_one(world):
    """Migration 0018 fills ASCII names in SQL and the rest in Python: both give the value the
    model layer keeps."""
    fill = import_module("accord.cases.migrations.0018_name_search_column")
    names = ["O'Brien", "Smith-Jones", "J. R.  Hartley", "McDonald_x", "O’Brien", "Siân"]
    cases = []
    for name in names:
        case = CaseFactory(
            provider=world.provider,
            local_authority=world.la,
            child=ChildFactory(provider=world.provider, first_name="Ann", last_name=name),
        )
        PartyFactory(case=case, name=f"{name} Parent")
        PartyFactory(case=case, name="")
        cases.append(case)
    kept = {c.pk: Case.objects.get(pk=c.pk).name_search for c in cases}
    Case.objects.update(name_search="")

    class Editor:
        connection = connection

    fill.fill(apps, Editor())
    assert {c.pk: Case.objects.get(pk=c.pk).name_search for c in cases} == kept


def test_an_anonymised_case_is_no_longer_found_by_its_names(world, obrien):
    with retention_window():
        anonymise_case(obrien)
    assert found(world, "obrien") == set()
    assert found(world, "jones") == set()
    assert found(world, "KM-2026-000101") == {obrien}


def test_a_closed_case_is_found_only_while_an_agreed_action_is_open(world, obrien):
    Case.objects.filter(pk=obrien.pk).update(state=CaseState.CLOSED)
    assert found(world, "obrien") == set()
    assert found(world, "obrien", include_closed=True) == {obrien}
    action = CaseClock.objects.create(
        provider=world.provider,
        case=obrien,
        clock=AGREED_ACTION,
        key="agreement_item_1",
        started_on=today_in_england(),
    )
    assert found(world, "obrien") == {obrien}
    assert found(world, "KM-2026-000101") == {obrien}
    action.done_on = today_in_england()
    action.save()
    assert found(world, "obrien") == set()


def test_a_search_lists_its_cases_nearest_deadline_first_and_undated_last(world):
    """Searched, the caseload is ordered by an expression (selectors._nearest_first), so that
    PostgreSQL finds the matches first: the order is the caseload's own all the same."""
    from datetime import timedelta

    today = today_in_england()
    by_name = {}
    for name, days in (("later", 9), ("undated", None), ("sooner", 2), ("overdue", -3)):
        by_name[name] = CaseFactory(
            provider=world.provider,
            local_authority=world.la,
            child=ChildFactory(provider=world.provider, first_name=name, last_name="Ordway"),
            next_deadline_on=None if days is None else today + timedelta(days=days),
        )
    searched, _count, _due = caseload(world.members[Role.SERVICE_MANAGER], today, query="ordway")
    unsearched, _count, _due = caseload(world.members[Role.SERVICE_MANAGER], today)
    expected = [by_name[n].reference for n in ("overdue", "sooner", "later", "undated")]
    assert [c.reference for c in searched] == expected
    assert [c.reference for c in unsearched if c.reference in expected] == expected


def test_a_search_over_several_pages_counts_every_match_on_each(world, client_for):
    for n in range(30):
        CaseFactory(
            provider=world.provider,
            local_authority=world.la,
            child=ChildFactory(
                provider=world.provider, first_name=f"Ana{n}", last_name="Quillfeather"
            ),
        )
    client = client_for(Role.COORDINATOR)
    url = reverse("cases:caseload") + "?assignee=&q=quillfeather"

    def listed(page: str) -> tuple[str, int]:
        body = client.get(url + page).content.decode()
        return body, body.count("Quillfeather")

    first, on_first = listed("")
    second, on_second = listed("&page=2")
    assert "30 cases" in first and "30 cases" in second
    assert (on_first, on_second) == (25, 5)
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    # Past the last page, or not a page at all: the last page, or the first, as elsewhere.
    past, on_past = listed("&page=9")
    assert "Page 2 of 2" in past and on_past == 5 and "30 cases" in past
    assert "Page 1 of 2" in listed("&page=x")[0]
    assert "Page 2 of 2" in listed("&page=0")[0]
    # A page number no database could skip to, or digits that are not ASCII: never an error.
    assert "Page 2 of 2" in listed("&page=" + "9" * 30)[0]
    assert "Page 1 of 2" in listed("&page=%C2%B2")[0]
