from django.urls import path

from accord.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("service/", views.service, name="service"),
    path("commissioner/", views.commissioner, name="commissioner"),
    path("commissioner/print/", views.commissioner_print, name="commissioner_print"),
    path("commissioner/report.csv", views.commissioner_csv, name="commissioner_csv"),
    path("commissioner/report.xlsx", views.commissioner_xlsx, name="commissioner_xlsx"),
    path("national-return/", views.national, name="national"),
    path("cases/<str:reference>/appeal/", views.record_appeal, name="appeal"),
]
