"""Imports stand at the top of their module (docs/architecture.md): an import inside a function
usually hides a wrong-way edge between floors. The one exception is AppConfig.ready(), where an
app registers with the extension points of the floors below once every model is loaded."""

from __future__ import annotations

import ast
from pathlib import Path

ACCORD = Path(__file__).resolve().parent.parent / "accord"


def imports_inside_functions(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name != "ready":
            found += [
                f"{node.name} (line {inner.lineno})"
                for inner in ast.walk(node)
                if isinstance(inner, ast.Import | ast.ImportFrom)
            ]
    return found


def test_no_imports_inside_functions_outside_app_ready():
    offenders = [
        f"{path.relative_to(ACCORD.parent)}: {where}"
        for path in sorted(ACCORD.rglob("*.py"))
        if "migrations" not in path.parts
        for where in imports_inside_functions(path.read_text())
    ]
    assert offenders == []


def test_an_import_inside_a_function_is_found_and_ready_is_allowed():
    hidden = "def clocks(case):\n    from accord.documents import selectors\n    return 1\n"
    assert imports_inside_functions(hidden) == ["clocks (line 2)"]
    registration = "class Config:\n    def ready(self):\n        from accord.cases import views\n"
    assert imports_inside_functions(registration) == []
