"""The family's own pages, under /my-case/."""

from django.urls import path

from accord.family import document_views, own_details_views, statement_views, supporter_views, views

app_name = "family"

urlpatterns = [
    path("", views.my_cases, name="cases"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/code/", views.enter_code, name="enter_code"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("supporting/<str:reference>/", supporter_views.supported_case, name="supported_case"),
    path(
        "supporting/<str:reference>/certificates/<int:certificate_id>/",
        supporter_views.supported_certificate,
        name="supported_certificate",
    ),
    path(
        "supporting/<str:reference>/agreements/<int:agreement_id>/",
        supporter_views.supported_agreement,
        name="supported_agreement",
    ),
    path(
        "supporting/<str:reference>/statements/<int:statement_id>/",
        statement_views.supported_statement,
        name="supported_statement",
    ),
    path(
        "supporting/<str:reference>/certificates/<int:certificate_id>/page/",
        supporter_views.supported_certificate_page,
        name="supported_certificate_page",
    ),
    path(
        "supporting/<str:reference>/agreements/<int:agreement_id>/page/",
        supporter_views.supported_agreement_page,
        name="supported_agreement_page",
    ),
    path(
        "supporting/<str:reference>/my-details/",
        own_details_views.supporter_details,
        name="supporter_details",
    ),
    path("<str:reference>/", views.case_page, name="case"),
    path("<str:reference>/my-details/", own_details_views.family_details, name="my_details"),
    path("<str:reference>/supporters/", supporter_views.family_supporters, name="supporters"),
    path(
        "<str:reference>/supporters/<int:consent_id>/withdraw/",
        supporter_views.family_withdraw,
        name="withdraw_supporter",
    ),
    path(
        "<str:reference>/certificates/<int:certificate_id>/",
        views.certificate_pdf,
        name="certificate",
    ),
    path("<str:reference>/agreements/<int:agreement_id>/", views.agreement_pdf, name="agreement"),
    path(
        "<str:reference>/agreements/<int:agreement_id>/sign/",
        statement_views.sign_agreement,
        name="sign_agreement",
    ),
    path(
        "<str:reference>/agreements/<int:agreement_id>/signed/",
        statement_views.signed_agreement,
        name="signed_agreement",
    ),
    path(
        "<str:reference>/statements/<int:statement_id>/",
        statement_views.statement,
        name="statement",
    ),
    path(
        "<str:reference>/statements/<int:statement_id>/pdf/",
        statement_views.statement_pdf,
        name="statement_pdf",
    ),
    path(
        "<str:reference>/certificates/<int:certificate_id>/page/",
        views.certificate_page,
        name="certificate_page",
    ),
    path(
        "<str:reference>/agreements/<int:agreement_id>/page/",
        views.agreement_page,
        name="agreement_page",
    ),
    path(
        "<str:reference>/meetings/<int:meeting_id>/calendar.ics",
        views.meeting_calendar,
        name="meeting_calendar",
    ),
    path(
        "<str:reference>/meetings/<int:meeting_id>/test-run/",
        views.ask_for_test_run,
        name="test_run",
    ),
    path("<str:reference>/documents/add/", document_views.add_document, name="add_document"),
    path(
        "<str:reference>/documents/<int:document_id>/",
        document_views.document_file,
        name="document_file",
    ),
    path("<str:reference>/views/", views.send_views, name="send_views"),
    path("<str:reference>/views/<int:view_id>/", views.view_file, name="view_file"),
    path("<str:reference>/feedback/", views.feedback, name="feedback"),
    path(
        "<str:reference>/agreed-actions/<int:item_id>/letter/",
        views.action_letter,
        name="action_letter",
    ),
]
