"""Cache-Control: no-store on staff pages and downloads, a Content-Security-Policy with no inline
script, and a Permissions-Policy (issue 11, section 6)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accord.cases.models import ChildView
from accord.organisations.roles import Role
from tests.factories import CaseFactory
from tests.markup import parse

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "accord").rglob("*.html"))


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_staff_pages_are_never_stored(world, client_for):
    response = client_for(Role.COORDINATOR).get(reverse("cases:caseload"))
    assert response.status_code == 200
    assert no_store(response)
    assert "private" in response["Cache-Control"]


def test_downloads_are_never_stored(world, client_for):
    case = CaseFactory(provider=world.provider, local_authority=world.la)
    drawing = SimpleUploadedFile("d.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    view = ChildView.objects.create(case=case, kind="drawing", file=drawing)
    url = reverse("cases:child_view_file", args=[case.reference, view.pk])
    response = client_for(Role.COORDINATOR).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content)
    assert no_store(response)


def test_public_pages_may_be_cached(db):
    response = Client().get(reverse("portal:home"))
    assert response.status_code == 200
    assert not no_store(response)


@pytest.mark.parametrize("page", ["portal:home", "login"])
def test_every_page_has_a_strict_content_security_policy(db, page):
    response = Client().get(reverse(page))
    policy = response["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in policy


def test_every_page_has_a_permissions_policy(world, client_for):
    for response in [Client().get(reverse("portal:home")), client_for(Role.ADVISER).get("/cases/")]:
        assert "camera=()" in response["Permissions-Policy"]
        assert "microphone=()" in response["Permissions-Policy"]


def test_the_layout_loads_scripts_only_from_files(db):
    html = parse(Client().get(reverse("portal:home")).content)
    scripts = html.find_all("script")
    assert scripts
    assert all(script.get("src") and not script.text.strip() for script in scripts)


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "an inline <script>"),
    (re.compile(r"<style\b", re.I), "a <style> element"),
    (re.compile(r"\sstyle=\"", re.I), "a style attribute"),
    (re.compile(r"\son[a-z]+=\"", re.I), "an inline event handler"),
]


@pytest.mark.parametrize("template", TEMPLATES, ids=[str(t.relative_to(ROOT)) for t in TEMPLATES])
def test_no_template_has_inline_script_or_style(template):
    text = template.read_text(encoding="utf-8")
    for pattern, what in INLINE:
        assert not pattern.search(text), f"{template.name} has {what}"
