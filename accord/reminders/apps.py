from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class RemindersConfig(AppConfig):
    """Decides what to chase and when: deadline and meeting reminders and the managers' digest.

    Sits above meetings and documents (it reads both) and queues through the outbox in
    accord.notifications, which only stores and sends (docs/architecture.md)."""

    name = "accord.reminders"
    verbose_name = "Reminders"

    def ready(self) -> None:
        # The hourly reminder scan is a django-q2 schedule, made (or put back) by every migrate,
        # once django_q's own tables are there (this app has no models of its own).
        from accord.reminders.tasks import ensure_schedules

        post_migrate.connect(
            ensure_schedules,
            sender=apps.get_app_config("django_q"),
            dispatch_uid="reminders.schedules",
        )
