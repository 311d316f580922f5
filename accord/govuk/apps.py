from django.apps import AppConfig


class GovukConfig(AppConfig):
    name = "accord.govuk"
    verbose_name = "GOV.UK Design System forms and layout"
