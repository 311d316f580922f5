"""Templates are read and compiled once per process, not on every page (docs/performance.md):
Django keeps them in its cached loader only while TEMPLATES names no loaders of its own."""

from __future__ import annotations

from django.conf import settings
from django.forms.renderers import get_default_renderer
from django.template import engines

from accord.govuk.renderers import GovukFormRenderer

CACHED = "django.template.loaders.cached.Loader"


def test_page_templates_come_from_the_cached_loader():
    assert "loaders" not in settings.TEMPLATES[0].get("OPTIONS", {})
    loaders = engines["django"].engine.loaders
    assert [loader[0] for loader in loaders] == [CACHED]


def test_form_templates_come_from_the_cached_loader_too():
    renderer = get_default_renderer()
    assert isinstance(renderer, GovukFormRenderer)
    assert [loader[0] for loader in renderer.engine.engine.loaders] == [CACHED]
