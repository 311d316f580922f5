"""Documents of one case, under cases/<reference>/documents/ (each view declares its roles)."""

from django.urls import path

from accord.documents import follow_up_views, link_views, statement_views, views

app_name = "documents"

urlpatterns = [
    path("certificates/issue/<str:kind>/", views.issue_certificate, name="issue_certificate"),
    path(
        "certificates/<int:certificate_id>/correct/",
        views.correct_certificate,
        name="correct_certificate",
    ),
    path("certificates/<int:certificate_id>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path(
        "certificates/<int:certificate_id>/page/",
        views.certificate_document,
        name="certificate_document",
    ),
    path("agreement/new/", views.start_agreement, name="start_agreement"),
    path("agreement/<int:agreement_id>/", views.agreement_page, name="agreement"),
    path("agreement/<int:agreement_id>/points/add/", views.add_item, name="add_item"),
    path("agreement/<int:agreement_id>/points/<int:item_id>/", views.edit_item, name="edit_item"),
    path(
        "agreement/<int:agreement_id>/points/<int:item_id>/remove/",
        views.remove_item,
        name="remove_item",
    ),
    path(
        "agreement/<int:agreement_id>/points/<int:item_id>/done/",
        views.mark_done,
        name="mark_done",
    ),
    path(
        "agreement/<int:agreement_id>/points/<int:item_id>/evidence/",
        follow_up_views.action_done,
        name="action_done",
    ),
    path(
        "agreement/<int:agreement_id>/points/<int:item_id>/evidence/file/",
        follow_up_views.action_evidence,
        name="action_evidence",
    ),
    path(
        "agreement/<int:agreement_id>/points/<int:item_id>/letter/",
        views.action_letter,
        name="action_letter",
    ),
    path(
        "agreement/<int:agreement_id>/points/<int:item_id>/more-time/",
        follow_up_views.more_time,
        name="more_time",
    ),
    path(
        "agreement/<int:agreement_id>/points/<int:item_id>/more-time/<int:request_id>/agreed/",
        follow_up_views.more_time_agreed,
        name="more_time_agreed",
    ),
    path("agreement/<int:agreement_id>/issue/", views.issue_agreement, name="issue_agreement"),
    path("agreement/<int:agreement_id>/pdf/", views.agreement_pdf, name="agreement_pdf"),
    # Signatures (accord.documents.signatures) and case statements (accord.documents.statements).
    path(
        "agreement/<int:agreement_id>/sign/", statement_views.sign_agreement, name="sign_agreement"
    ),
    path(
        "agreement/<int:agreement_id>/signatures/paper/",
        statement_views.paper_signature,
        name="paper_signature",
    ),
    path(
        "agreement/<int:agreement_id>/signed/",
        statement_views.agreement_signed_pdf,
        name="agreement_signed_pdf",
    ),
    path("statements/", statement_views.statement_list, name="statements"),
    path("statements/new/", statement_views.new_statement, name="new_statement"),
    path("statements/<int:statement_id>/", statement_views.statement_page, name="statement"),
    path(
        "statements/<int:statement_id>/send/",
        statement_views.send_statement,
        name="send_statement",
    ),
    path(
        "statements/<int:statement_id>/versions/<int:number>/",
        statement_views.statement_version_pdf,
        name="statement_version_pdf",
    ),
    path(
        "statements/<int:statement_id>/check/",
        statement_views.check_statement,
        name="check_statement",
    ),
    path(
        "statements/<int:statement_id>/signed/",
        statement_views.statement_signed_pdf,
        name="statement_signed_pdf",
    ),
    path(
        "agreement/<int:agreement_id>/document/",
        views.agreement_document,
        name="agreement_document",
    ),
    # Public: the signed links sent to each party (accord.documents.links).
    path(
        "agreement/link/<str:token>/",
        link_views.agreement_by_link,
        name="agreement_by_link",
    ),
    path(
        "certificate/link/<str:token>/",
        link_views.certificate_by_link,
        name="certificate_by_link",
    ),
]
