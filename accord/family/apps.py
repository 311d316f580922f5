from django.apps import AppConfig


class FamilyConfig(AppConfig):
    """Families' own access to their case: one-time-code sign-in, status, documents, the
    child's views and feedback."""

    name = "accord.family"
    label = "family"
    verbose_name = "Family access"

    def ready(self) -> None:
        from accord.cases.retention_points import register_retention_source
        from accord.cases.views import CASE_PAGE_SECTIONS
        from accord.family.case_section import TEMPLATE, feedback_section
        from accord.family.feedback_requests import queue_feedback_requests
        from accord.family.retention import SOURCE
        from accord.notifications.scans import register_scan

        # Spent sign-in codes are removed by the retention job (accord.privacy).
        register_retention_source(SOURCE)
        # Feedback asked for at closure, with one reminder, by the hourly reminder scan.
        register_scan("family.feedback", queue_feedback_requests)

        if (TEMPLATE, feedback_section) not in CASE_PAGE_SECTIONS:
            CASE_PAGE_SECTIONS.append((TEMPLATE, feedback_section))
