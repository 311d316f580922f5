from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "accord.notifications"
