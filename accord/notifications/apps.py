from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "accord.notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        # Extension points of accord.cases (docs/architecture.md): the case page lists the
        # case's messages, and a new enquiry is confirmed to the family in its own transaction.
        from accord.cases.events import CaseEvent, subscribe
        from accord.cases.views import CASE_PAGE_SECTIONS
        from accord.notifications.case_page import messages_section
        from accord.notifications.services import queue_enquiry_confirmation

        subscribe(
            CaseEvent.ENQUIRY_CREATED,
            "notifications.enquiry_confirmation",
            queue_enquiry_confirmation,
            after_commit=False,
        )

        entry = ("notifications/case_messages.html", messages_section)
        if entry not in CASE_PAGE_SECTIONS:
            CASE_PAGE_SECTIONS.append(entry)
