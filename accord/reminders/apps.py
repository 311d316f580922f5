from django.apps import AppConfig


class RemindersConfig(AppConfig):
    """Decides what to chase and when: deadline and meeting reminders and the managers' digest.

    Sits above meetings and documents (it reads both) and queues through the outbox in
    accord.notifications, which only stores and sends (docs/architecture.md)."""

    name = "accord.reminders"
    verbose_name = "Reminders"
