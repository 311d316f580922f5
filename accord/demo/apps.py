from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for a newcomer (`make run`): the top floor, above every product app, because it
    walks cases through every app's services (docs/architecture.md). Nothing imports it."""

    name = "accord.demo"
    verbose_name = "Demo data"
