from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "accord.organisations"
    verbose_name = "Organisations and people"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from accord.organisations import sign_in_limits

        user_login_failed.connect(
            sign_in_limits.slow_down_sprayed_address, dispatch_uid="accord-slow-spraying"
        )
        user_logged_in.connect(
            sign_in_limits.clear_account_failures, dispatch_uid="accord-clear-failures"
        )
