"""The access log (accord.cases.audit): one writer, which every read of a case goes through."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from accord.cases.audit import record_case_read
from accord.cases.models import CaseAccess
from accord.organisations.roles import Role
from tests.factories import CaseFactory

ROOT = Path(__file__).resolve().parents[2]
SERVICE = "accord/cases/audit.py"

# Any way of writing an access row: the model's manager, the case's related manager, a bare
# instance saved later.
WRITES = re.compile(
    r"CaseAccess\.objects\.(create|bulk_create|get_or_create|update_or_create)\b"
    r"|\.accesses\.(create|bulk_create|get_or_create|update_or_create)\b"
    r"|(?<!class )\bCaseAccess\("
)


@pytest.fixture
def case(world):
    return CaseFactory(provider=world.provider, local_authority=world.la)


def test_a_read_is_logged_with_who_and_what(world, case):
    coordinator = world.user(Role.COORDINATOR)
    record_case_read(case, by=coordinator, what="viewed case")
    access = CaseAccess.objects.get()
    assert (access.case, access.user, access.what) == (case, coordinator, "viewed case")


def test_a_family_or_link_read_has_no_user(case):
    assert record_case_read(case, by=None, what="family viewed case").user is None


def test_what_is_cut_to_fit_the_log(case):
    longest = CaseAccess._meta.get_field("what").max_length
    access = record_case_read(case, by=None, what="x" * (longest + 50))
    access.refresh_from_db()
    assert access.what == "x" * longest


def test_who_and_what_are_named(world, case):
    with pytest.raises(TypeError):
        record_case_read(case, None, "viewed case")  # type: ignore[misc]


def test_nothing_else_writes_the_access_log():
    writers = sorted(
        str(path.relative_to(ROOT))
        for path in (ROOT / "accord").rglob("*.py")
        if "migrations" not in path.parts and WRITES.search(path.read_text())
    )
    assert writers == [SERVICE]
