from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accord.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        from accord.api.tasks import ensure_schedules
        from accord.api.webhooks import after_commit
        from accord.cases.events import CaseEvent, subscribe

        # Runs in the change's transaction only to ask, once per case, for the deliveries to be
        # queued after it commits: a delivery never announces a change that was rolled back.
        subscribe(CaseEvent.EVENT_RECORDED, "api.webhooks", after_commit, after_commit=False)
        post_migrate.connect(
            ensure_schedules,
            sender=apps.get_app_config("django_q"),
            dispatch_uid="api.schedules",
        )
