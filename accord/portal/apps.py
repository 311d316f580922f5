from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "accord.portal"

    def ready(self) -> None:
        # Rejected online requests are removed by the retention job (accord.privacy).
        from accord.cases.retention_points import register_retention_source
        from accord.portal.retention import SOURCE

        register_retention_source(SOURCE)
