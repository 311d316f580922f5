from django.apps import AppConfig
from django.conf import settings


class CasesConfig(AppConfig):
    name = "accord.cases"
    verbose_name = "Cases"

    def ready(self) -> None:
        from accord import rules
        from accord.cases.case_facts import register_case_facts

        # One-off bank holidays announced after the `holidays` release in use (rules.md).
        rules.configure_calendar(settings.ACCORD_EXTRA_BANK_HOLIDAYS)
        # The case's own facts that can be corrected (accord.cases.corrections).
        register_case_facts()
