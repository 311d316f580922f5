from django.apps import AppConfig


class FamilyConfig(AppConfig):
    """Families' own access to their case: one-time-code sign-in, status, documents, the
    child's views and feedback."""

    name = "accord.family"
    label = "family"
    verbose_name = "Family access"

    def ready(self) -> None:
        from accord.cases.on_behalf import register_asked_on_behalf
        from accord.cases.retention_points import register_retention_source
        from accord.cases.selectors import add_case_page_flag
        from accord.cases.views import CASE_PAGE_SECTIONS
        from accord.family.case_section import CASE_PAGE_FLAGS, TEMPLATE, feedback_section
        from accord.family.feedback_requests import queue_feedback_requests
        from accord.family.retention import SOURCE
        from accord.family.supporters import welcome_family_asked_for
        from accord.notifications.scans import register_scan

        # A request made on a family's behalf (accord.portal): the consent given through the
        # person who asked, and the family's own invitation.
        register_asked_on_behalf("family.welcome", welcome_family_asked_for)

        # Spent sign-in codes are removed by the retention job (accord.privacy).
        register_retention_source(SOURCE)
        # Feedback asked for at closure, with one reminder, by the hourly reminder scan.
        register_scan("family.feedback", queue_feedback_requests)

        if (TEMPLATE, feedback_section) not in CASE_PAGE_SECTIONS:
            CASE_PAGE_SECTIONS.append((TEMPLATE, feedback_section))
        for name, condition in CASE_PAGE_FLAGS.items():
            add_case_page_flag(name, condition)
