from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "accord.documents"

    def ready(self) -> None:
        # The case page lists certificates and agreements (accord.cases.views).
        from accord.cases.views import CASE_PAGE_SECTIONS
        from accord.documents.section import SECTION

        if SECTION not in CASE_PAGE_SECTIONS:
            CASE_PAGE_SECTIONS.append(SECTION)
