from __future__ import annotations

import os

import pytest

from tests.browser import launch, screenshot

# Playwright runs its own event loop in this thread; Django's ORM calls from the test are
# still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


# One browser per module: other test folders start their own Playwright, and two live at
# once in one thread are not allowed.
@pytest.fixture(scope="module")
def browser():
    yield from launch()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        screenshot(page, "failures", request.node.name)
    context.close()
