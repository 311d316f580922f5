"""The reminder tests use the notification tests' cases and dates (fixed working days)."""

from tests.notifications.conftest import at, certificate_case, fail_first, make_case

__all__ = ["at", "certificate_case", "fail_first", "make_case"]
