from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class PrivacyConfig(AppConfig):
    """Data protection: who has seen a case and the provider's audit search, retention, erasure
    and subject access (docs/data-protection.md). On the top floor beside portal, family, reports
    and reminders; it imports none of them."""

    name = "accord.privacy"
    verbose_name = "Data protection"

    def ready(self) -> None:
        from accord.cases.views import CASE_PAGE_SECTIONS
        from accord.privacy.case_section import SECTION
        from accord.privacy.tasks import ensure_schedules

        if SECTION not in CASE_PAGE_SECTIONS:
            CASE_PAGE_SECTIONS.append(SECTION)
        # The daily retention run is a django-q2 schedule, made (or put back) by every migrate.
        post_migrate.connect(
            ensure_schedules,
            sender=apps.get_app_config("django_q"),
            dispatch_uid="privacy.schedules",
        )
