from django.urls import path

from accord.reports import views, views_billing, views_sen2, views_workload

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("service/", views.service, name="service"),
    path("commissioner/", views.commissioner, name="commissioner"),
    path("commissioner/print/", views.commissioner_print, name="commissioner_print"),
    path("commissioner/report.csv", views.commissioner_csv, name="commissioner_csv"),
    path("commissioner/report.xlsx", views.commissioner_xlsx, name="commissioner_xlsx"),
    path("workload/", views_workload.workload, name="workload"),
    path("fees/", views_workload.fees, name="fees"),
    path("fees/approved.csv", views_workload.fees_csv, name="fees_csv"),
    path("statements/", views_billing.statement, name="statement"),
    path("statements/statement.csv", views_billing.statement_csv, name="statement_csv"),
    path("statements/statement.xlsx", views_billing.statement_xlsx, name="statement_xlsx"),
    path("statements/statement.pdf", views_billing.statement_pdf, name="statement_pdf"),
    path("national-return/", views_sen2.national, name="national"),
    path("national-return/figures.csv", views_sen2.national_csv, name="national_csv"),
    path(
        "national-return/person-level.csv",
        views_sen2.national_person_csv,
        name="national_person_csv",
    ),
    path("cases/<str:reference>/appeal/", views_sen2.record_appeal, name="appeal"),
    path(
        "cases/<str:reference>/appeal/<int:appeal_id>/remove/",
        views_sen2.remove_appeal,
        name="remove_appeal",
    ),
]
