from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "accord.documents"

    def ready(self) -> None:
        # Extension points of accord.cases (docs/architecture.md): the case page lists
        # certificates and agreements, and the case's clocks count them; a changed decision
        # letter date is checked against the certificates issued.
        from django.db.models import Exists, OuterRef, Prefetch

        from accord.cases.clock_facts import register_clock_facts
        from accord.cases.corrections import register_correctable
        from accord.cases.cross_checks import register_current_certificates
        from accord.cases.next_steps import register_next_steps
        from accord.cases.selectors import add_case_page_flag, add_case_page_prefetch
        from accord.cases.views import CASE_PAGE_SECTIONS
        from accord.documents.corrections import DOCUMENT_FACTS
        from accord.documents.models import CaseStatement, Certificate, Signature
        from accord.documents.next_steps import certificate_steps, overdue_action_steps
        from accord.documents.section import SECTION
        from accord.documents.selectors import clock_facts, current_certificates

        if SECTION not in CASE_PAGE_SECTIONS:
            CASE_PAGE_SECTIONS.append(SECTION)
        add_case_page_prefetch(
            Prefetch("certificates", queryset=Certificate.objects.select_related("issued_by"))
        )
        # Level by level, so that a level the case has no rows in is not asked (most cases
        # have no agreement; most agreements no request for more time, or no signature yet).
        add_case_page_prefetch("agreements")
        add_case_page_prefetch("agreements__items")
        add_case_page_prefetch("agreements__items__more_time")
        add_case_page_prefetch(
            Prefetch(
                "agreements__signatures",
                queryset=Signature.objects.only("id", "agreement_id", "party_id", "signed_at"),
            )
        )
        add_case_page_flag(
            "has_statements", Exists(CaseStatement.objects.filter(case_id=OuterRef("pk")))
        )
        register_clock_facts("documents", clock_facts)
        register_current_certificates("documents", current_certificates)
        register_next_steps("documents", certificate_steps)
        register_next_steps("documents.overdue_actions", overdue_action_steps)
        # The agreed actions done and an agreement's date, corrected like every recorded fact.
        for correctable in DOCUMENT_FACTS:
            register_correctable(correctable)
