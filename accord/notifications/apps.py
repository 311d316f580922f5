from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


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
        from accord.notifications.tasks import ensure_schedules

        subscribe(
            CaseEvent.ENQUIRY_CREATED,
            "notifications.enquiry_confirmation",
            queue_enquiry_confirmation,
            after_commit=False,
        )

        entry = ("notifications/case_messages.html", messages_section)
        if entry not in CASE_PAGE_SECTIONS:
            CASE_PAGE_SECTIONS.append(entry)

        # The outbox's periodic job is a django-q2 schedule, made (or put back) by every migrate,
        # once django_q's own tables are there.
        post_migrate.connect(
            ensure_schedules,
            sender=apps.get_app_config("django_q"),
            dispatch_uid="notifications.schedules",
        )
