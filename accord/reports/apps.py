from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "accord.reports"

    def ready(self) -> None:
        # The case page shows the appeals recorded, for the SEN2 return.
        from accord.cases.views import CASE_PAGE_SECTIONS
        from accord.reports.case_section import SECTION

        if SECTION not in CASE_PAGE_SECTIONS:
            CASE_PAGE_SECTIONS.append(SECTION)
        # The summary tables follow every change to a case (accord.reports.summary).
        from accord.reports import summary

        summary.connect()
