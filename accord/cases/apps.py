from django.apps import AppConfig
from django.conf import settings


class CasesConfig(AppConfig):
    name = "accord.cases"
    verbose_name = "Cases"

    def ready(self) -> None:
        from accord import rules

        # One-off bank holidays announced after the `holidays` release in use (rules.md).
        rules.configure_calendar(settings.ACCORD_EXTRA_BANK_HOLIDAYS)
