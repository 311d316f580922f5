import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_report_cache():
    """The service dashboard keeps its figures in the cache for a few minutes."""
    cache.clear()
    yield
    cache.clear()
