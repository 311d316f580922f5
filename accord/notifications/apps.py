from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "accord.notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from accord.cases.views import CASE_PAGE_SECTIONS
        from accord.notifications.case_page import messages_section

        entry = ("notifications/case_messages.html", messages_section)
        if entry not in CASE_PAGE_SECTIONS:
            CASE_PAGE_SECTIONS.append(entry)
