from django.urls import path

from accord.privacy import views

app_name = "privacy"

urlpatterns = [
    path("access-log/", views.audit, name="audit"),
    path("access-log.csv", views.audit_csv, name="audit_csv"),
    path("retention/", views.retention, name="retention"),
    path("cases/<str:reference>/", views.parties, name="parties"),
    path("cases/<str:reference>/legal-hold/", views.legal_hold, name="legal_hold"),
    path(
        "cases/<str:reference>/people/<int:party_id>/subject-access/",
        views.subject_access,
        name="subject_access",
    ),
    path("cases/<str:reference>/people/<int:party_id>/erase/", views.erase, name="erase"),
]
