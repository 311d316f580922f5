from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "accord.meetings"

    def ready(self) -> None:
        # The case page shows information and advice calls and meetings (accord.cases.views).
        from accord.cases.views import CASE_PAGE_SECTIONS
        from accord.meetings.section import SECTION

        if SECTION not in CASE_PAGE_SECTIONS:
            CASE_PAGE_SECTIONS.append(SECTION)
