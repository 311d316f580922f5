"""Every test checks something: a test that only shows nothing raises passes whatever the code
does. This walks tests/ and fails on any test function with no assertion in it."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
# A call to one of these checks something: pytest.raises and pytest.warns, Django's and
# unittest's assert… methods, pytest-django's django_assert_num_queries, Playwright's expect, and
# any helper or fixture named assert_… or expect….
CHECKING_CALLS = frozenset({"raises", "warns"})
CHECKING_PREFIXES = ("assert", "expect", "django_assert")

Function = ast.FunctionDef | ast.AsyncFunctionDef


def files_of_tests() -> Iterator[Path]:
    for path in sorted(TESTS.rglob("*.py")):
        if path.name.startswith("test_") or path.name.endswith("_test.py"):
            yield path


def collected_functions(tree: ast.Module) -> Iterator[Function]:
    """Test functions as pytest collects them: module-level test…, and test… in a Test… class."""
    for node in tree.body:
        if isinstance(node, Function) and node.name.startswith("test"):
            yield node
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            for item in node.body:
                if isinstance(item, Function) and item.name.startswith("test"):
                    yield item


def _called_name(call: ast.Call) -> str:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    if isinstance(call.func, ast.Name):
        return call.func.id
    return ""


def checks_something(function: Function) -> bool:
    for node in ast.walk(function):
        if isinstance(node, ast.Assert):
            return True
        if isinstance(node, ast.Call):
            name = _called_name(node)
            if name in CHECKING_CALLS or name.startswith(CHECKING_PREFIXES):
                return True
    return False


def unchecked_tests(source: str) -> list[str]:
    tree = ast.parse(source)
    return [f.name for f in collected_functions(tree) if not checks_something(f)]


def test_every_test_checks_something():
    found = [
        f"{path.relative_to(TESTS.parent)}: {name}"
        for path in files_of_tests()
        for name in unchecked_tests(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "These tests assert nothing:\n" + "\n".join(found)


# --- the check itself ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("assert book() is not None", id="an assert statement"),
        pytest.param("with pytest.raises(ValueError):\n        book()", id="pytest.raises"),
        pytest.param("with pytest.warns(UserWarning):\n        book()", id="pytest.warns"),
        pytest.param(
            "with django_assert_num_queries(3):\n        book()", id="django_assert_num_queries"
        ),
        pytest.param("self.assertContains(book(), 'Booked')", id="a Django assert method"),
        pytest.param("expect(page.get_by_role('heading')).to_have_text('Booked')", id="expect"),
        pytest.param("assert_booked(book())", id="a helper named assert_…"),
        pytest.param("for _ in range(2):\n        assert book()", id="an assert in a loop"),
    ],
)
def test_a_test_that_checks_something_passes(body):
    assert unchecked_tests(f"def test_booking():\n    {body}\n") == []


def test_a_test_that_only_calls_the_code_is_found():
    source = (
        "def helper():\n    pass\n\n"
        "def test_booking_works():\n    book()\n\n"
        "class TestBooking:\n"
        "    def test_again(self):\n        book()\n\n"
        "    def test_checked(self):\n        assert book()\n"
    )
    assert unchecked_tests(source) == ["test_booking_works", "test_again"]
