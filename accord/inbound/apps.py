from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class InboundConfig(AppConfig):
    name = "accord.inbound"
    verbose_name = "Mail in"

    def ready(self) -> None:
        # Extension points of the floors below (docs/architecture.md): every email the outbox
        # sends gets a reply address that files the reply to its case, and the case page lists
        # the mail filed to it.
        from accord.cases.selectors import add_case_page_prefetch
        from accord.cases.views import CASE_PAGE_SECTIONS
        from accord.inbound.case_page import mail_section
        from accord.inbound.replies import reply_address_for
        from accord.inbound.tasks import ensure_schedules
        from accord.notifications.reply_to import register_reply_to

        register_reply_to("inbound.reply_address", reply_address_for)
        entry = ("inbound/case_mail.html", mail_section)
        if entry not in CASE_PAGE_SECTIONS:
            CASE_PAGE_SECTIONS.append(entry)
        add_case_page_prefetch("inbound_mail__attachments")
        post_migrate.connect(
            ensure_schedules,
            sender=apps.get_app_config("django_q"),
            dispatch_uid="inbound.schedules",
        )
