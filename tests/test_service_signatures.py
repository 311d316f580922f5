"""Who made a change is always named (style.md #3: `issue_certificate(case, by=user)`): in every
function of accord/ that takes `by`, it is keyword-only, so a call can never pass the actor in
another argument's place."""

from __future__ import annotations

import ast
from pathlib import Path

ACCORD = Path(__file__).resolve().parent.parent / "accord"


def positional_by(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            positional = node.args.posonlyargs + node.args.args
            if any(arg.arg == "by" for arg in positional):
                found.append(f"{node.name} (line {node.lineno})")
    return found


def test_by_is_keyword_only_in_every_function_of_accord():
    offenders = [
        f"{path.relative_to(ACCORD.parent)}: {name}"
        for path in sorted(ACCORD.rglob("*.py"))
        if "migrations" not in path.parts
        for name in positional_by(path.read_text())
    ]
    assert offenders == []


def test_a_positional_by_is_found():
    assert positional_by("def close_case(case, by, outcome): ...") == ["close_case (line 1)"]
    assert positional_by("def close_case(case, outcome, *, by): ...") == []
