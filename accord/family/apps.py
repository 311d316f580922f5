from django.apps import AppConfig


class FamilyConfig(AppConfig):
    """Families' own access to their case: one-time-code sign-in, status, documents, the
    child's views and feedback."""

    name = "accord.family"
    label = "family"
    verbose_name = "Family access"
